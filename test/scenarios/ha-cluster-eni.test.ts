import { TerraformVariable, Testing } from "../../src/cdktf";
import { EniConfigError } from "../../src/errors";
import { EcsInstance, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { HAClusterEni } from "../../src/scenarios";
import { onlyResource, resources, synthJson, testApp, testStack } from "../support/synth";
import { allAddresses, errorIds, expectUsableAndDistinct, findings, instance, nameOf, net, thrown } from "./fixtures";

/** The planner's HaVip standby warnings. */
function standbyWarnings(app: Parameters<typeof findings>[0]): string[] {
  return findings(app)
    .warnings.filter((w) => w.ruleId === "ENI-HAVIP-STANDBY")
    .map((w) => w.message);
}

describe("HAClusterEni", () => {
  function cluster() {
    const n = net();
    const hb = new VSwitch(n.stack, "hb-h", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.10.0/24" });
    const hbI = new VSwitch(n.stack, "hb-i", { vpc: n.vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.11.0/24" });
    const svc = new VSwitch(n.stack, "svc-h", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.20.0/24" });
    const svcI = new VSwitch(n.stack, "svc-i", { vpc: n.vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.21.0/24" });
    const hbSg = new SecurityGroup(n.stack, "hb-sg", { vpc: n.vpc, ingress: [{ peer: Peer.ipv4("10.0.10.0/23"), port: Port.udp(694) }] });
    return { ...n, hb, hbI, svc, svcI, hbSg };
  }

  test("one ENI per node per network, in the vSwitch of the node's zone, with a HaVip on the active node", () => {
    const { app, stack, vswH, vswI, sg, hb, hbI, svc, svcI, hbSg } = cluster();
    const a = instance(stack, "node-a", vswH, [sg]);
    const b = instance(stack, "node-b", vswH, [sg]);
    const c = instance(stack, "node-c", vswI, [sg]);
    const ha = new HAClusterEni(stack, "db", {
      nodes: [a, b, c],
      networks: [
        { name: "heartbeat", securityGroups: [hbSg], vswitches: [hbI, hb] },
        { name: "service", securityGroups: [sg], vswitches: [svc, svcI], secondaryPrivateIpCount: 1 },
      ],
      virtualIp: { network: "service" },
    });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);

    const enis = resources(json, "alicloud_ecs_network_interface");
    expect(enis).toHaveLength(6);
    const eniJson = (node: EcsInstance, network: string) => json.resource.alicloud_ecs_network_interface[nameOf(ha.eniOf(node, network))];
    const vsw = (v: VSwitch) => `\${alicloud_vswitch.${nameOf(v)}.id}`;
    expect(eniJson(a, "heartbeat").vswitch_id).toBe(vsw(hb));
    expect(eniJson(b, "heartbeat").vswitch_id).toBe(vsw(hb));
    expect(eniJson(c, "heartbeat").vswitch_id).toBe(vsw(hbI));
    expect(eniJson(a, "service").vswitch_id).toBe(vsw(svc));
    expect(eniJson(c, "service").vswitch_id).toBe(vsw(svcI));
    expect(eniJson(a, "heartbeat").security_group_ids).toEqual([`\${alicloud_security_group.${nameOf(hbSg)}.id}`]);
    expect(eniJson(a, "service").private_ip_addresses).toHaveLength(1);
    expect(eniJson(a, "heartbeat").private_ip_addresses).toBeUndefined();
    // Cluster ENIs outlive their node: a released node does not take its addresses or HaVip membership along.
    expect(enis.map(([, e]) => e.delete_on_release)).toEqual(Array(6).fill(false));

    // Each ENI is attached to its own node.
    const attachments = resources(json, "alicloud_ecs_network_interface_attachment").map(([, x]) => x);
    expect(attachments).toHaveLength(6);
    for (const node of [a, b, c]) {
      for (const network of ["heartbeat", "service"]) {
        const att = attachments.find((x) => x.network_interface_id === `\${alicloud_ecs_network_interface.${nameOf(ha.eniOf(node, network))}.id}`);
        expect(att.instance_id).toBe(`\${alicloud_instance.${nameOf(node)}.id}`);
      }
    }

    // Concrete addresses per vSwitch.
    expectUsableAndDistinct([eniJson(a, "heartbeat").primary_ip_address, eniJson(b, "heartbeat").primary_ip_address], "10.0.10.0/24");
    expect(eniJson(c, "heartbeat").primary_ip_address).toBe("10.0.11.1");
    const svcH = [a, b].flatMap((n) => [eniJson(n, "service").primary_ip_address, ...eniJson(n, "service").private_ip_addresses]);
    const havip = onlyResource(json, "alicloud_vpc_ha_vip");
    expectUsableAndDistinct([...svcH, havip.ip_address], "10.0.20.0/24");
    expect(havip.vswitch_id).toBe(vsw(svc));

    // The HaVip is attached to the active (first) node's service ENI and to the standby in its vSwitch (node-b),
    // so keepalived can move it; node-c is in another zone and cannot hold it.
    const vipAttachments = resources(json, "alicloud_havip_attachment").map(([, r]) => r);
    expect(vipAttachments).toEqual([
      {
        ha_vip_id: `\${alicloud_vpc_ha_vip.${nameOf(ha.havip!)}.id}`,
        instance_id: `\${alicloud_ecs_network_interface.${nameOf(ha.eniOf("node-a", "service"))}.id}`,
        instance_type: "NetworkInterface",
      },
      {
        ha_vip_id: `\${alicloud_vpc_ha_vip.${nameOf(ha.havip!)}.id}`,
        instance_id: `\${alicloud_ecs_network_interface.${nameOf(ha.eniOf("node-b", "service"))}.id}`,
        instance_type: "NetworkInterface",
      },
    ]);
    expect(ha.havipAttachment!.node.path).toBe("stack/db/VirtualIp/ActiveNode");
    expect(ha.enisOf("heartbeat")).toEqual([ha.eniOf(a, "heartbeat"), ha.eniOf(b, "heartbeat"), ha.eniOf(c, "heartbeat")]);
    expectUsableAndDistinct(
      allAddresses(json).filter((x) => x.startsWith("10.0.1.")),
      "10.0.1.0/24",
    );

    // node-c's service ENI is in another vSwitch: it cannot take the virtual IP over.
    expect(standbyWarnings(app)).toEqual([`${ha.eniOf("node-c", "service").node.path} is meant to take the HaVip over but is in vSwitch stack/svc-i, not stack/svc-h; it cannot hold the virtual IP.`]);
  });

  test("all nodes in one zone: no warning, explicit virtual IP", () => {
    const { app, stack, vswH, sg, hb, svc, hbSg } = cluster();
    const a = instance(stack, "a", vswH, [sg]);
    const b = instance(stack, "b", vswH, [sg]);
    const ha = new HAClusterEni(stack, "kv", {
      nodes: [a, b],
      networks: [
        { name: "heartbeat", securityGroups: [hbSg], vswitches: [hb] },
        { name: "service", securityGroups: [sg], vswitches: [svc] },
      ],
      virtualIp: { network: "service", ipAddress: "10.0.20.100" },
    });
    expect(errorIds(app)).toEqual([]);
    expect(standbyWarnings(app)).toEqual([]);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc_ha_vip").ip_address).toBe("10.0.20.100");
    expect(resources(json, "alicloud_havip_attachment")).toHaveLength(2);
    expect(ha.havip).toBeDefined();
  });

  test("virtualIp.eip gives a public virtual IP: an EIP associated with the HaVip; outputs name the VIP, its holder and the EIP", () => {
    const { app, stack, vswH, sg, svc } = cluster();
    const a = instance(stack, "a", vswH, [sg]);
    const b = instance(stack, "b", vswH, [sg]);
    const ha = new HAClusterEni(stack, "web", {
      nodes: [a, b],
      networks: [{ name: "service", securityGroups: [sg], vswitches: [svc] }],
      virtualIp: { network: "service", eip: { bandwidth: 20 } },
    });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);
    const [vipName] = resources(json, "alicloud_vpc_ha_vip")[0];
    expect(onlyResource(json, "alicloud_eip_address").bandwidth).toBe("20");
    expect(onlyResource(json, "alicloud_eip_association")).toMatchObject({ instance_id: `\${alicloud_vpc_ha_vip.${vipName}.id}`, instance_type: "HaVip" });
    expect(onlyResource(json, "alicloud_eip_association")).not.toHaveProperty("private_ip_address");
    expect(json.output.web_virtual_ip_master_instance_id.value).toBe(`\${alicloud_vpc_ha_vip.${vipName}.master_instance_id}`);
    expect(json.output.web_virtual_ip_address.value).toBe(onlyResource(json, "alicloud_vpc_ha_vip").ip_address);
    expect(json.output.web_virtual_ip_public_ip.value).toMatch(/^\$\{alicloud_eip_address\..+\.ip_address\}$/);
    expect(ha.eip).toBeDefined();
  });

  test("without virtualIp.eip there is no EIP and no public_ip output", () => {
    const { stack, vswH, sg, svc } = cluster();
    const ha = new HAClusterEni(stack, "web", {
      nodes: [instance(stack, "a", vswH, [sg]), instance(stack, "b", vswH, [sg])],
      networks: [{ name: "service", securityGroups: [sg], vswitches: [svc] }],
      virtualIp: { network: "service" },
    });
    const json = synthJson(stack);
    expect(resources(json, "alicloud_eip_association")).toEqual([]);
    expect(Object.keys(json.output).sort()).toEqual(["web_virtual_ip_address", "web_virtual_ip_master_instance_id"]);
    expect(ha.eip).toBeUndefined();
  });

  test("a node whose zone has no vSwitch in a network is rejected naming node, zone and network", () => {
    const { stack, vswH, vswI, sg, hb, hbSg } = cluster();
    const a = instance(stack, "a", vswH, [sg]);
    const c = instance(stack, "c", vswI, [sg]);
    const e = thrown(() => new HAClusterEni(stack, "db", { nodes: [a, c], networks: [{ name: "heartbeat", securityGroups: [hbSg], vswitches: [hb] }] }));
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toBe(
      '(error) stack/db\n  node stack/c is in zone cn-hangzhou-i, but network "heartbeat" has no vSwitch there (its vSwitches are in cn-hangzhou-h (stack/hb-h)). Add a vSwitch in cn-hangzhou-i to the network, or place the node in one of those zones.',
    );
  });

  test("too many networks for the node type is an ENI-COUNT error at synth", () => {
    const { app, stack, vswH, sg, hb, svc, hbSg, vpc } = cluster();
    const repl = new VSwitch(stack, "repl-h", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.30.0/24" });
    const a = instance(stack, "a", vswH, [sg], "ecs.c7.large"); // 3 ENIs: primary + 2
    const b = instance(stack, "b", vswH, [sg], "ecs.c7.large");
    new HAClusterEni(stack, "db", {
      nodes: [a, b],
      networks: [
        { name: "heartbeat", securityGroups: [hbSg], vswitches: [hb] },
        { name: "replication", securityGroups: [sg], vswitches: [repl] },
        { name: "service", securityGroups: [sg], vswitches: [svc] },
      ],
    });
    expect(errorIds(app)).toEqual(["ENI-COUNT"]);
    expect(
      findings(app)
        .errors.map((f) => f.path)
        .sort(),
    ).toEqual(["stack/a", "stack/b"]);
    expect(() => Testing.synth(stack, true)).toThrow(/ENI-COUNT/);
  });

  test("too many addresses per ENI is an ENI-IP-COUNT error at synth", () => {
    const { app, stack, vswH, sg, svc } = cluster();
    const a = instance(stack, "a", vswH, [sg], "ecs.c7.large"); // 6 per ENI
    const b = instance(stack, "b", vswH, [sg], "ecs.c7.large");
    new HAClusterEni(stack, "db", { nodes: [a, b], networks: [{ name: "service", securityGroups: [sg], vswitches: [svc], secondaryPrivateIpCount: 6 }] });
    expect(errorIds(app)).toEqual(["ENI-IP-COUNT"]);
  });

  test("imported nodes and imported vSwitches", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "vpc", { vpcId: "vpc-bp1existing", cidrBlock: "10.8.0.0/16" });
    const home = VSwitch.fromVSwitchAttributes(stack, "home", { vswitchId: "vsw-home", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.8.0.0/24" });
    const hb = VSwitch.fromVSwitchAttributes(stack, "hb", { vswitchId: "vsw-hb", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.8.1.0/28", usedIps: ["10.8.1.1"] });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "sg", { securityGroupId: "sg-hb", vpc, type: "normal" });
    const a = EcsInstance.fromEcsInstanceAttributes(stack, "a", { instanceId: "i-aaa", instanceType: "ecs.g7.large", vswitch: home });
    const b = EcsInstance.fromEcsInstanceAttributes(stack, "b", { instanceId: "i-bbb", instanceType: "ecs.g7.large", vswitch: home });
    const ha = new HAClusterEni(stack, "pg", { nodes: [a, b], networks: [{ name: "heartbeat", securityGroups: [sg], vswitches: [hb] }], virtualIp: { network: "heartbeat" } });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);
    const attachments = resources(json, "alicloud_ecs_network_interface_attachment")
      .map(([, x]) => x.instance_id)
      .sort();
    expect(attachments).toEqual(["i-aaa", "i-bbb"]);
    const addresses = allAddresses(json);
    expect(addresses).toHaveLength(3); // 2 ENIs + the HaVip
    expectUsableAndDistinct(addresses, "10.8.1.0/28");
    expect(addresses).not.toContain("10.8.1.1");
    expect(onlyResource(json, "alicloud_vpc_ha_vip").vswitch_id).toBe("vsw-hb");
    expect(ha.havip).toBeDefined();
  });

  test("zones that are tokens: the first vSwitch is used and the planner warns", () => {
    const { app, stack, vpc, sg } = cluster();
    const zone = new TerraformVariable(stack, "zone", { type: "string" }).stringValue;
    const home = new VSwitch(stack, "home", { vpc, zoneId: zone, cidrBlock: "10.0.40.0/24" });
    const hb1 = new VSwitch(stack, "hb1", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.41.0/24" });
    const hb2 = new VSwitch(stack, "hb2", { vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.42.0/24" });
    const a = instance(stack, "a", home, [sg]);
    const b = instance(stack, "b", home, [sg]);
    const ha = new HAClusterEni(stack, "db", { nodes: [a, b], networks: [{ name: "hb", securityGroups: [sg], vswitches: [hb1, hb2] }] });
    expect(ha.eniOf(a, "hb").vswitch).toBe(hb1);
    expect(ha.eniOf(b, "hb").vswitch).toBe(hb1);
    expect(errorIds(app)).toEqual([]);
    expect(findings(app).warnings.some((w) => w.ruleId === "ENI-UNKNOWN-VALUE" && w.path === ha.eniOf(a, "hb").node.path)).toBe(true);
  });

  test("construction errors name the construct, the value and the fix", () => {
    const { stack, vswH, sg, hb, hbSg, svc } = cluster();
    const a = instance(stack, "a", vswH, [sg]);
    const b = instance(stack, "b", vswH, [sg]);
    const net1 = { name: "heartbeat", securityGroups: [hbSg], vswitches: [hb] };
    const cases: [() => unknown, RegExp][] = [
      [() => new HAClusterEni(stack, "e1", { nodes: [a], networks: [net1] }), /^\(error\) stack\/e1\n  nodes has 1 item\(s\); expected at least 2/],
      [() => new HAClusterEni(stack, "e2", { nodes: [a, b], networks: [] }), /^\(error\) stack\/e2\n  networks has 0 item\(s\)/],
      [() => new HAClusterEni(stack, "e3", { nodes: [a, b], networks: [net1, { ...net1 }] }), /^\(error\) stack\/e3\n  networks\[\]\.name\[1\] "heartbeat" is given twice/],
      [() => new HAClusterEni(stack, "e4", { nodes: [a, b], networks: [{ ...net1, vswitches: [] }] }), /^\(error\) stack\/e4\n  networks\[0\] \("heartbeat"\)\.vswitches has 0 item\(s\)/],
      [() => new HAClusterEni(stack, "e5", { nodes: [a, b], networks: [{ ...net1, securityGroups: [] }] }), /securityGroups has 0 item\(s\)/],
      [
        () => new HAClusterEni(stack, "e6", { nodes: [a, b], networks: [net1], virtualIp: { network: "service" } }),
        /^\(error\) stack\/e6\n  virtualIp\.network is "service", which is not one of the networks \(heartbeat\)/,
      ],
      [() => new HAClusterEni(stack, "e7", { nodes: [a, a], networks: [net1] }), /nodes lists instance stack\/a twice/],
      [() => new HAClusterEni(stack, "e8", { nodes: [a, b], networks: [{ ...net1, vswitches: [hb, svc] }] }), /network "heartbeat" has 2 vSwitches in zone cn-hangzhou-h/],
      [() => new HAClusterEni(stack, "e10", { nodes: [a, b], networks: [{ ...net1, name: "VirtualIp" }] }), /^\(error\) stack\/e10\n  a network is named "VirtualIp"/],
      [() => new HAClusterEni(stack, "e9", { nodes: [a, b], networks: [{ ...net1, secondaryPrivateIpCount: -1 }] }), /secondaryPrivateIpCount is -1; expected a whole number from 0 to 49/],
    ];
    for (const [fn, message] of cases) {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(EniConfigError);
      expect(e.message).toMatch(message);
    }
    const ok = new HAClusterEni(stack, "ok", { nodes: [a, b], networks: [net1] });
    expect(ok.havip).toBeUndefined();
    expect(thrown(() => ok.eniOf(a, "nope")).message).toMatch(/no network named "nope"; known: heartbeat/);
    expect(thrown(() => ok.eniOf("zz", "heartbeat")).message).toMatch(/"zz" is not a node of this cluster; nodes: a, b/);
  });
});
