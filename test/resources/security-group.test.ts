import { show } from "../../src/show";
import { EcsInstance, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { onlyResource, resources, synthJson } from "../support/synth";
import { expectConfigError, freshStack, ref } from "./helpers";

describe("SecurityGroup", () => {
  test("emits alicloud_security_group with vpc_id, security_group_type (normal by default), name, description, tags", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    const sg = new SecurityGroup(stack, "Sg", { vpc, name: "web-sg", description: "web tier", tags: { tier: "web" } });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_security_group")).toEqual({
      vpc_id: ref(stack, vpc.resource),
      security_group_type: "normal",
      security_group_name: "web-sg",
      description: "web tier",
      tags: { tier: "web" },
    });
    expect(resources(json, "alicloud_security_group_rule")).toEqual([]);
    expect(sg.fact).toMatchObject({ kind: "security-group", type: "normal", rules: [], rulesKnown: true, imported: false });
  });

  test("enterprise groups", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    new SecurityGroup(stack, "Sg", { vpc, type: "enterprise" });
    expect(onlyResource(synthJson(stack), "alicloud_security_group")).toEqual({ vpc_id: ref(stack, vpc.resource), security_group_type: "enterprise" });
  });

  test("emits one alicloud_security_group_rule per rule with the exact fields", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    const other = new SecurityGroup(stack, "Other", { vpc });
    const sg = new SecurityGroup(stack, "Sg", {
      vpc,
      ingress: [
        { peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22), description: "ssh from the office" },
        { peer: Peer.anyIpv4(), port: Port.icmp(), policy: "drop", priority: 100 },
      ],
      egress: [{ peer: Peer.anyIpv4(), port: Port.allTraffic() }],
    });
    sg.addIngressRule(Peer.securityGroup(other), Port.tcpRange(8000, 8080), { priority: 5 });
    sg.addIngressRule(Peer.ipv4("192.168.1.0/24"), Port.udp(53));
    sg.addEgressRule(Peer.ipv4("10.1.0.0/16"), Port.udpRange(1000, 2000), { policy: "drop", priority: 50 });
    sg.addIngressRule(Peer.ipv4("10.2.0.0/16"), Port.gre());
    sg.addIngressRule(Peer.ipv4("10.3.0.0/16"), Port.allTcp());
    sg.addIngressRule(Peer.ipv4("10.4.0.0/16"), Port.allUdp());
    const json = synthJson(stack);
    const sgId = ref(stack, sg.resource);
    const rules = Object.fromEntries(resources(json, "alicloud_security_group_rule").map(([name, r]) => [name.replace(/_[0-9A-F]{8}$/, ""), r]));
    expect(rules).toEqual({
      Sg_Ingress0: { security_group_id: sgId, type: "ingress", ip_protocol: "tcp", port_range: "22/22", policy: "accept", priority: 1, cidr_ip: "10.0.0.0/8", description: "ssh from the office" },
      Sg_Ingress1: { security_group_id: sgId, type: "ingress", ip_protocol: "icmp", port_range: "-1/-1", policy: "drop", priority: 100, cidr_ip: "0.0.0.0/0" },
      Sg_Egress2: { security_group_id: sgId, type: "egress", ip_protocol: "all", port_range: "-1/-1", policy: "accept", priority: 1, cidr_ip: "0.0.0.0/0" },
      Sg_Ingress3: { security_group_id: sgId, type: "ingress", ip_protocol: "tcp", port_range: "8000/8080", policy: "accept", priority: 5, source_security_group_id: ref(stack, other.resource) },
      // Peer CIDRs may have host bits set; they are emitted as given.
      Sg_Ingress4: { security_group_id: sgId, type: "ingress", ip_protocol: "udp", port_range: "53/53", policy: "accept", priority: 1, cidr_ip: "192.168.1.0/24" },
      Sg_Egress5: { security_group_id: sgId, type: "egress", ip_protocol: "udp", port_range: "1000/2000", policy: "drop", priority: 50, cidr_ip: "10.1.0.0/16" },
      Sg_Ingress6: { security_group_id: sgId, type: "ingress", ip_protocol: "gre", port_range: "-1/-1", policy: "accept", priority: 1, cidr_ip: "10.2.0.0/16" },
      Sg_Ingress7: { security_group_id: sgId, type: "ingress", ip_protocol: "tcp", port_range: "1/65535", policy: "accept", priority: 1, cidr_ip: "10.3.0.0/16" },
      Sg_Ingress8: { security_group_id: sgId, type: "ingress", ip_protocol: "udp", port_range: "1/65535", policy: "accept", priority: 1, cidr_ip: "10.4.0.0/16" },
    });
    for (const r of Object.values(rules)) expect(r).not.toHaveProperty("nic_type");
    expect(sg.fact.rules.map((r) => [r.direction, r.protocol, r.fromPort, r.toPort, r.cidr, r.peerGroup, r.policy, r.priority])).toEqual([
      ["ingress", "tcp", 22, 22, "10.0.0.0/8", undefined, "accept", 1],
      ["ingress", "icmp", -1, -1, "0.0.0.0/0", undefined, "drop", 100],
      ["egress", "all", -1, -1, "0.0.0.0/0", undefined, "accept", 1],
      ["ingress", "tcp", 8000, 8080, undefined, "stack/Other", "accept", 5],
      ["ingress", "udp", 53, 53, "192.168.1.0/24", undefined, "accept", 1],
      ["egress", "udp", 1000, 2000, "10.1.0.0/16", undefined, "drop", 50],
      ["ingress", "gre", -1, -1, "10.2.0.0/16", undefined, "accept", 1],
      ["ingress", "tcp", 1, 65535, "10.3.0.0/16", undefined, "accept", 1],
      ["ingress", "udp", 1, 65535, "10.4.0.0/16", undefined, "accept", 1],
    ]);
  });

  test("fromSecurityGroupAttributes emits nothing; users and rule peers reference the given id", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    const vsw = new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    const existing = SecurityGroup.fromSecurityGroupAttributes(stack, "Existing", { securityGroupId: "sg-bp1existing", vpc, type: "enterprise" });
    const sg = new SecurityGroup(stack, "Sg", { vpc, type: "enterprise" });
    sg.addIngressRule(Peer.securityGroup(existing), Port.tcp(443));
    new EcsInstance(stack, "Vm", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [existing, sg] });
    const json = synthJson(stack);
    expect(resources(json, "alicloud_security_group").map(([n]) => n)).toEqual([stack.getLogicalId(sg.resource)]);
    expect(onlyResource(json, "alicloud_security_group_rule").source_security_group_id).toBe("sg-bp1existing");
    expect(onlyResource(json, "alicloud_instance").security_groups).toEqual(["sg-bp1existing", ref(stack, sg.resource)]);
    expect(existing.securityGroupId).toBe("sg-bp1existing");
    expect(existing.fact).toMatchObject({ imported: true, type: "enterprise", rules: [], rulesKnown: false });
  });

  describe("rejects at construction", () => {
    const setup = () => {
      const { stack } = freshStack();
      const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
      return { stack, vpc };
    };

    test.each([["classic"], ["Normal"], [""]])("security group type %j", (type) => {
      const { stack, vpc } = setup();
      expectConfigError(() => new SecurityGroup(stack, "Sg", { vpc, type: type as never }), "stack/Sg", `type ${JSON.stringify(type)}`, '"normal"', '"enterprise"');
    });

    test("an imported group with a bad type", () => {
      const { stack, vpc } = setup();
      expectConfigError(() => SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-1", vpc, type: "basic" as never }), "stack/Sg", '"basic"');
    });

    test.each([[""], ["a"], [" "]])("name %j", (name) => {
      const { stack, vpc } = setup();
      expectConfigError(() => new SecurityGroup(stack, "Sg", { vpc, name }), "stack/Sg", `name ${JSON.stringify(name)}`);
    });

    test.each([[0], [101], [1.5], [-1], [Number.NaN]])("rule priority %j", (priority) => {
      const { stack, vpc } = setup();
      expectConfigError(
        () => new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(80), priority }] }),
        "stack/Sg/Ingress0",
        `priority ${show(priority)}`,
        "1 (highest) to 100",
      );
    });

    test("rule priority via addEgressRule names that rule", () => {
      const { stack, vpc } = setup();
      const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(80) }] });
      expectConfigError(() => sg.addEgressRule(Peer.anyIpv4(), Port.tcp(80), { priority: 0 }), "stack/Sg/Egress1", "priority 0");
    });

    test.each([["allow"], ["ACCEPT"], [""]])("rule policy %j", (policy) => {
      const { stack, vpc } = setup();
      expectConfigError(
        () => new SecurityGroup(stack, "Sg", { vpc, egress: [{ peer: Peer.anyIpv4(), port: Port.tcp(80), policy: policy as never }] }),
        "stack/Sg/Egress0",
        `policy ${JSON.stringify(policy)}`,
        '"accept" or "drop"',
      );
    });

    test.each([
      ["Port.tcp(0)", () => Port.tcp(0), "port 0", "1 to 65535"],
      ["Port.tcp(70000)", () => Port.tcp(70000), "port 70000", "1 to 65535"],
      ["Port.udp(-1)", () => Port.udp(-1), "port -1", "1 to 65535"],
      ["Port.tcp(22.5)", () => Port.tcp(22.5), "port 22.5", "whole number"],
      ["Port.tcpRange(0, 10)", () => Port.tcpRange(0, 10), "port 0", "1 to 65535"],
      ["Port.udpRange(1, 65536)", () => Port.udpRange(1, 65536), "port 65536", "1 to 65535"],
      ["Port.tcpRange(8080, 80)", () => Port.tcpRange(8080, 80), "8080-80", "reversed"],
      ["Port.udpRange(2000, 1000)", () => Port.udpRange(2000, 1000), "2000-1000", "reversed"],
    ])("%s", (_label, port, value, why) => {
      const { stack, vpc } = setup();
      expectConfigError(() => new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: port() }] }), "stack/Sg/Ingress0", value, why);
      const sg = new SecurityGroup(stack, "Sg2", { vpc });
      expectConfigError(() => sg.addIngressRule(Peer.anyIpv4(), port()), "stack/Sg2/Ingress0", value, why);
    });

    test("a rule port not built with Port", () => {
      const { stack, vpc } = setup();
      const fake = { protocol: "tcp", fromPort: 22, toPort: 22, portRange: "22/22" };
      expectConfigError(() => new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: fake as never }] }), "stack/Sg/Ingress0", "Port.tcp(443)");
    });

    test.each([
      ["10.0.0.0", "expected a.b.c.d/prefix"],
      ["10.0.0.0/33", "longer than 32"],
      ["10.0.0.0/8/1", "whole number 0-32"],
      ["0.0.0.0/00", "the prefix /00 is not canonical (no leading zero); write 0.0.0.0/0"],
      ["10.0.0.0/08", "write 10.0.0.0/8"],
      ["010.0.0.0/8", "not four decimal octets"],
      ["10.0.0.1/8", "host bits are set; the block starting at that prefix is 10.0.0.0/8"],
      ["1.2.3.4/0", "host bits are set; the block starting at that prefix is 0.0.0.0/0"],
      ["300.0.0.0/8", "not four decimal octets"],
      ["::/0", "IPv6"],
      ["fd00::/64", "IPv6"],
      ["", "expected a.b.c.d/prefix"],
    ])("peer CIDR %j", (cidr, why) => {
      const { stack, vpc } = setup();
      expectConfigError(() => new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4(cidr), port: Port.tcp(22) }] }), "stack/Sg/Ingress0", `"${cidr}"`, why);
    });
  });
});

describe("Port", () => {
  test("portRange and fields", () => {
    expect(
      [Port.tcp(22), Port.udp(53), Port.tcpRange(80, 90), Port.udpRange(1, 2), Port.allTcp(), Port.allUdp(), Port.icmp(), Port.gre(), Port.allTraffic()].map((p) => [p.protocol, p.portRange]),
    ).toEqual([
      ["tcp", "22/22"],
      ["udp", "53/53"],
      ["tcp", "80/90"],
      ["udp", "1/2"],
      ["tcp", "1/65535"],
      ["udp", "1/65535"],
      ["icmp", "-1/-1"],
      ["gre", "-1/-1"],
      ["all", "-1/-1"],
    ]);
  });

  test("includes", () => {
    expect(Port.tcpRange(80, 90).includes("tcp", 80)).toBe(true);
    expect(Port.tcpRange(80, 90).includes("tcp", 90)).toBe(true);
    expect(Port.tcpRange(80, 90).includes("tcp", 91)).toBe(false);
    expect(Port.tcpRange(80, 90).includes("udp", 85)).toBe(false);
    expect(Port.allTraffic().includes("udp", 53)).toBe(true);
    expect(Port.icmp().includes("tcp", 22)).toBe(false);
  });

  test("boundary ports 1 and 65535 are accepted", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    new SecurityGroup(stack, "Sg", {
      vpc,
      ingress: [
        { peer: Peer.anyIpv4(), port: Port.tcpRange(1, 65535) },
        { peer: Peer.anyIpv4(), port: Port.udp(65535) },
      ],
    });
    const ranges = resources(synthJson(stack), "alicloud_security_group_rule")
      .map(([, r]) => `${r.ip_protocol} ${r.port_range}`)
      .sort();
    expect(ranges).toEqual(["tcp 1/65535", "udp 65535/65535"]);
  });
});
