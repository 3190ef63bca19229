import { Testing } from "../../src/cdktf";
import { EniConfigError } from "../../src/errors";
import { EniSuppressions } from "../../src/planner";
import { EcsInstance, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { SegmentedInstance } from "../../src/scenarios";
import { onlyResource, resources, synthJson, testApp, testStack } from "../support/synth";
import { errorIds, expectUsableAndDistinct, findings, instance, nameOf, net, thrown } from "./fixtures";

describe("SegmentedInstance", () => {
  function planes() {
    const n = net();
    const mgmtVsw = new VSwitch(n.stack, "mgmt", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.100.0/28" });
    const bizVsw = new VSwitch(n.stack, "biz", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.200.0/24" });
    const mgmtSg = new SecurityGroup(n.stack, "mgmt-sg", { vpc: n.vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22) }] });
    const bizSg = new SecurityGroup(n.stack, "biz-sg", { vpc: n.vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(443) }] });
    return { ...n, mgmtVsw, bizVsw, mgmtSg, bizSg };
  }

  test("each plane on its own ENI in its own vSwitch; EIP only where asked; no warnings for a private management plane", () => {
    const { app, stack, vswH, sg, mgmtVsw, bizVsw, mgmtSg, bizSg } = planes();
    const web = instance(stack, "web", vswH, [sg]);
    const seg = new SegmentedInstance(stack, "seg", {
      instance: web,
      planes: [
        { name: "management", vswitch: mgmtVsw, securityGroups: [mgmtSg], management: true },
        { name: "business", vswitch: bizVsw, securityGroups: [bizSg], eip: { bandwidth: 20 }, secondaryPrivateIpCount: 2 },
      ],
    });
    expect(errorIds(app)).toEqual([]);
    expect(findings(app).warnings).toEqual([]);
    const json = synthJson(stack);

    const eni = (name: string) => json.resource.alicloud_ecs_network_interface[nameOf(seg.planeEni(name))];
    expect(resources(json, "alicloud_ecs_network_interface")).toHaveLength(2);
    expect(eni("management").vswitch_id).toBe(`\${alicloud_vswitch.${nameOf(mgmtVsw)}.id}`);
    expect(eni("management").security_group_ids).toEqual([`\${alicloud_security_group.${nameOf(mgmtSg)}.id}`]);
    expect(eni("management").primary_ip_address).toBe("10.0.100.1");
    expect(eni("business").vswitch_id).toBe(`\${alicloud_vswitch.${nameOf(bizVsw)}.id}`);
    expectUsableAndDistinct([eni("business").primary_ip_address, ...eni("business").private_ip_addresses], "10.0.200.0/24");
    expect(eni("business").private_ip_addresses).toHaveLength(2);
    for (const [, att] of resources(json, "alicloud_ecs_network_interface_attachment")) expect(att.instance_id).toBe(`\${alicloud_instance.${nameOf(web)}.id}`);

    const eip = onlyResource(json, "alicloud_eip_address");
    expect(eip.bandwidth).toBe("20");
    expect(onlyResource(json, "alicloud_eip_association")).toMatchObject({
      instance_id: `\${alicloud_ecs_network_interface.${nameOf(seg.planeEni("business"))}.id}`,
      private_ip_address: eni("business").primary_ip_address,
      mode: "NAT",
    });
    expect(seg.eipOf("management")).toBeUndefined();
    expect(seg.eipOf("business")).toBeDefined();
    expect(seg.planeEni("management").fact.management).toBe(true);
    expect(seg.planeEni("business").fact.management).toBe(false);
  });

  test("a management plane open to the internet on SSH, or with an EIP, gets the planner's warnings", () => {
    const { app, stack, vpc, vswH, sg, mgmtVsw, bizVsw, bizSg } = planes();
    const open = new SecurityGroup(stack, "open", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }] });
    const web = instance(stack, "web", vswH, [sg]);
    const seg = new SegmentedInstance(stack, "seg", {
      instance: web,
      planes: [
        { name: "management", vswitch: mgmtVsw, securityGroups: [open], management: true, eip: true },
        { name: "business", vswitch: bizVsw, securityGroups: [open, bizSg], eip: true },
      ],
    });
    const warnings = findings(app).warnings;
    expect(warnings.map((w) => `${w.ruleId} ${w.path}`).sort()).toEqual([`ENI-SEC-MGMT-EIP ${seg.eipOf("management")!.node.path}`, `ENI-SEC-MGMT-OPEN ${seg.planeEni("management").node.path}`]);
    expect(errorIds(app)).toEqual([]);
    // Suppressed with a reason, they stay in the report but no longer count as warnings.
    EniSuppressions.addSuppressions(seg.node.findChild("management"), [
      { id: "ENI-SEC-MGMT-EIP", reason: "break-glass access while the VPN is being built (ticket OPS-42)" },
      { id: "ENI-SEC-MGMT-OPEN", reason: "break-glass access while the VPN is being built (ticket OPS-42)" },
    ]);
    expect(findings(app).warnings).toEqual([]);
    expect(
      findings(app)
        .all.filter((f) => f.suppressed)
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(["ENI-SEC-MGMT-EIP", "ENI-SEC-MGMT-OPEN"]);
    synthJson(stack);
  });

  test("an imported instance and imported vSwitches", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "vpc", { vpcId: "vpc-bp1existing", cidrBlock: "10.20.0.0/16" });
    const home = VSwitch.fromVSwitchAttributes(stack, "home", { vswitchId: "vsw-home", vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.20.0.0/24" });
    const mgmt = VSwitch.fromVSwitchAttributes(stack, "mgmt", { vswitchId: "vsw-mgmt", vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.20.9.0/29", usedIps: ["10.20.9.1", "10.20.9.2"] });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "sg", { securityGroupId: "sg-mgmt", vpc, type: "normal" });
    const host = EcsInstance.fromEcsInstanceAttributes(stack, "host", { instanceId: "i-host", instanceType: "ecs.g7.xlarge", vswitch: home });
    new SegmentedInstance(stack, "seg", { instance: host, planes: [{ name: "mgmt", vswitch: mgmt, securityGroups: [sg], management: true }] });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    expect(eni).toMatchObject({ vswitch_id: "vsw-mgmt", security_group_ids: ["sg-mgmt"], primary_ip_address: "10.20.9.3" });
    expect(onlyResource(json, "alicloud_ecs_network_interface_attachment").instance_id).toBe("i-host");
  });

  test("more planes than the type has ENIs is an ENI-COUNT error; a plane in another zone is ENI-ZONE", () => {
    const { app, stack, vswH, vswI, sg, mgmtVsw, bizVsw, mgmtSg, bizSg } = planes();
    const web = instance(stack, "web", vswH, [sg], "ecs.g7.large");
    new SegmentedInstance(stack, "seg", {
      instance: web,
      planes: [
        { name: "management", vswitch: mgmtVsw, securityGroups: [mgmtSg], management: true },
        { name: "business", vswitch: bizVsw, securityGroups: [bizSg] },
        { name: "storage", vswitch: vswI, securityGroups: [sg] },
      ],
    });
    expect(errorIds(app)).toEqual(["ENI-COUNT", "ENI-ZONE"]);
    expect(() => Testing.synth(stack, true)).toThrow(/ENI-COUNT[\s\S]*ENI-ZONE|ENI-ZONE[\s\S]*ENI-COUNT/);
  });

  test("construction errors name the construct, the value and the fix", () => {
    const { stack, vswH, sg, mgmtVsw, mgmtSg } = planes();
    const web = instance(stack, "web", vswH, [sg]);
    const p = { name: "management", vswitch: mgmtVsw, securityGroups: [mgmtSg] };
    const cases: [() => unknown, RegExp][] = [
      [() => new SegmentedInstance(stack, "e1", { instance: web, planes: [] }), /^\(error\) stack\/e1\n  planes has 0 item\(s\); expected at least 1/],
      [() => new SegmentedInstance(stack, "e2", { instance: web, planes: [p, p] }), /^\(error\) stack\/e2\n  planes\[\]\.name\[1\] "management" is given twice/],
      [() => new SegmentedInstance(stack, "e3", { instance: web, planes: [{ ...p, name: "a/b" }] }), /^\(error\) stack\/e3\n  planes\[\]\.name\[0\] is "a\/b"/],
      [() => new SegmentedInstance(stack, "e4", { instance: web, planes: [{ ...p, securityGroups: [] }] }), /^\(error\) stack\/e4\n  planes\[0\] \("management"\)\.securityGroups has 0 item\(s\)/],
      [() => new SegmentedInstance(stack, "e5", { instance: web, planes: [{ ...p, vswitch: undefined as any }] }), /^\(error\) stack\/e5\n  planes\[0\] \("management"\)\.vswitch is undefined/],
      [() => new SegmentedInstance(stack, "e6", { instance: undefined as any, planes: [p] }), /^\(error\) stack\/e6\n  instance is undefined/],
    ];
    for (const [fn, message] of cases) {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(EniConfigError);
      expect(e.message).toMatch(message);
    }
    const ok = new SegmentedInstance(stack, "ok", { instance: web, planes: [p] });
    expect(thrown(() => ok.planeEni("storage")).message).toMatch(/^\(error\) stack\/ok\n  no plane named "storage"; planes: management/);
    expect(thrown(() => ok.eipOf("storage")).message).toMatch(/no plane named "storage"/);
  });
});
