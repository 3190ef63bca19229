import { EcsInstance, EniConfigError, NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../../src";
import { TerraformStack } from "../../../src/cdktf";
import { onlyResource, synthJson, testApp, testStack } from "../../support/synth";
import { baseFacts, ecs, eni, inspect, instance, model, Net, net, nic, only, plan, sg, unknown, withRule } from "../planner-helpers";
import { thrown } from "../../support/thrown";

function groups(stack: TerraformStack, n: Net, count: number, type: "normal" | "enterprise" = "normal"): SecurityGroup[] {
  return Array.from({ length: count }, (_, i) => new SecurityGroup(stack, `G${i + 1}`, { vpc: n.vpc, type }));
}

describe("ENI-SG-COUNT", () => {
  test("0 security groups is a construction error from the L2, naming the path (ENI and instance)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const e1 = thrown(() => new NetworkInterface(stack, "NoGroups", { vswitch: n.vsw, securityGroups: [] }));
    expect(e1).toBeInstanceOf(EniConfigError);
    expect((e1 as EniConfigError).constructPath).toBe("stack/NoGroups");
    expect(e1.message).toMatch(/^\[ENI-SG-COUNT\] \(error\) stack\/NoGroups\n  securityGroups is empty/);
    const e2 = thrown(() => ecs(stack, "NoGroupsVm", n.vsw, []));
    expect(e2).toBeInstanceOf(EniConfigError);
    expect(e2.message).toContain("[ENI-SG-COUNT] (error) stack/NoGroupsVm\n");
  });

  test("0 security groups in hand-built facts is reported by the planner (pure)", () => {
    const { v, s, g } = baseFacts();
    const f = only(plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [eni("Eni", s, [])] })), "ENI-SG-COUNT");
    expect(f).toMatchObject({ severity: "error", path: "app/stack/Eni" });
    expect(f.message).toBe("the ENI has 0 security groups; allowed: 1 to 5.");
    expect(f.fix).toContain("at least one");
  });

  test.each([1, 5])("%i security group(s) on an ENI pass", (count) => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Eni", n, { securityGroups: groups(stack, n, count) });
    expect(withRule(inspect(app), "ENI-SG-COUNT")).toEqual([]);
    expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface").security_group_ids).toHaveLength(count);
  });

  test("6 security groups on an ENI fail, naming the count and the limit", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Eni", n, { securityGroups: groups(stack, n, 6) });
    const f = only(inspect(app), "ENI-SG-COUNT");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe("the ENI has 6 security groups; allowed: 1 to 5.");
    expect(f.fix).toContain("maxSecurityGroupsPerEni");
    expect(() => synthJson(stack)).toThrow(/ENI-SG-COUNT/);
  });

  test("a group listed twice next to four others is refused, naming the duplicate, never counted as 6", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const gs = groups(stack, n, 5);
    const e = thrown(() => nic(stack, "Eni", n, { securityGroups: [...gs, gs[1]] })) as EniConfigError;
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toContain("securityGroups lists stack/G2 twice (securityGroups[1] and securityGroups[5])");
    expect(e.message).toContain("Fix: Remove securityGroups[5].");
    expect(thrown(() => ecs(stack, "Web", n.vsw, [gs[0], gs[0]])).message).toContain("securityGroups lists stack/G1 twice");
    nic(stack, "Ok", n, { securityGroups: gs });
    expect(withRule(inspect(app), "ENI-SG-COUNT")).toEqual([]);
  });

  test("in a model (e.g. from L1 resources) a repeated group is counted once (pure)", () => {
    const { s, g } = baseFacts();
    const others = [1, 2, 3, 4].map((i) => sg(`G${i}`, s.vpc));
    const ok = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g, ...others], enis: [eni("Eni", s, [g, ...others, g])] }));
    expect(withRule(ok, "ENI-SG-COUNT")).toEqual([]);
    const six = [...others, sg("G5", s.vpc)];
    const bad = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g, ...six], enis: [eni("Eni", s, [g, ...six, g])] }));
    expect(only(bad, "ENI-SG-COUNT").message).toBe("the ENI has 6 security groups (app/stack/Sg listed more than once, counted once); allowed: 1 to 5.");
  });

  test("6 security groups on an instance's primary ENI fail too", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    ecs(stack, "Web", n.vsw, groups(stack, n, 6));
    const f = only(inspect(app), "ENI-SG-COUNT");
    expect(f.path).toBe("stack/Web");
    expect(f.message).toBe("the instance's primary ENI has 6 security groups; allowed: 1 to 5.");
  });

  test("maxSecurityGroupsPerEni: 6 lets 6 pass and 7 fail", () => {
    const app = testApp({ maxSecurityGroupsPerEni: 6 });
    const stack = testStack(app);
    const n = net(stack);
    const gs = groups(stack, n, 7);
    nic(stack, "Six", n, { securityGroups: gs.slice(0, 6) });
    expect(withRule(inspect(app), "ENI-SG-COUNT")).toEqual([]);
    nic(stack, "Seven", n, { securityGroups: gs });
    const f = only(inspect(app), "ENI-SG-COUNT");
    expect(f.path).toBe("stack/Seven");
    expect(f.message).toContain("has 7 security groups; allowed: 1 to 6");
  });
});

describe("ENI-SG-VPC", () => {
  test("a security group of another VPC fails, naming the group and both VPCs", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const vpcB = new Vpc(stack, "VpcB", { cidrBlock: "10.1.0.0/16" });
    const sgB = new SecurityGroup(stack, "SgB", { vpc: vpcB });
    nic(stack, "Eni", n, { securityGroups: [n.sg, sgB] });
    const f = only(inspect(app), "ENI-SG-VPC");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe("security group stack/SgB is in VPC stack/VpcB, but the ENI is in VPC stack/Vpc.");
  });

  test("on an instance's primary ENI too; groups of the ENI's own VPC pass", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const vpcB = new Vpc(stack, "VpcB", { cidrBlock: "10.1.0.0/16" });
    const sgB = new SecurityGroup(stack, "SgB", { vpc: vpcB });
    ecs(stack, "Good", n.vsw, [n.sg]);
    ecs(stack, "Bad", n.vsw, [sgB]);
    const f = only(inspect(app), "ENI-SG-VPC");
    expect(f.path).toBe("stack/Bad");
    expect(f.message).toContain("the instance's primary ENI is in VPC stack/Vpc");
  });

  test("an imported group of the same VPC (by id) passes", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-bp1a", cidrBlock: "10.0.0.0/16" });
    const again = Vpc.fromVpcAttributes(stack, "Vpc2", { vpcId: "vpc-bp1a", cidrBlock: "10.0.0.0/16" });
    const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    const imported = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-bp1a", vpc: again, type: "normal" });
    new NetworkInterface(stack, "Eni", { vswitch: vsw, securityGroups: [imported] });
    expect(withRule(inspect(app), "ENI-SG-VPC")).toEqual([]);
  });
});

describe("ENI-SG-TYPE", () => {
  test("mixing normal and enterprise groups on one ENI fails, naming each type's groups", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const ent = new SecurityGroup(stack, "Ent", { vpc: n.vpc, type: "enterprise" });
    nic(stack, "Eni", n, { securityGroups: [n.sg, ent] });
    const f = only(inspect(app), "ENI-SG-TYPE");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe("the ENI mixes security group types (normal: stack/Sg; enterprise: stack/Ent).");
  });

  test("all enterprise (or all normal) passes; mixing on an instance fails", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const ents = groups(stack, n, 2, "enterprise");
    nic(stack, "Eni", n, { securityGroups: ents });
    expect(withRule(inspect(app), "ENI-SG-TYPE")).toEqual([]);
    new EcsInstance(stack, "Web", { instanceType: "ecs.g7.large", imageId: "img", vswitch: n.vsw, securityGroups: [ents[0], n.sg] });
    expect(only(inspect(app), "ENI-SG-TYPE").path).toBe("stack/Web");
  });

  test("an unknown group type gives ENI-UNKNOWN-VALUE, not ENI-SG-TYPE (pure)", () => {
    const { v, s, g } = baseFacts();
    const tok = sg("Tok", v, { type: unknown("${var.sg_type}") });
    const r = plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g, tok], instances: [instance("Web", "ecs.g7.large", s, [g, tok])] }));
    expect(withRule(r, "ENI-SG-TYPE")).toEqual([]);
    expect(only(r, "ENI-UNKNOWN-VALUE").message).toContain("${var.sg_type}");
  });
});

describe("ENI-SG-CAPACITY", () => {
  test("pure: a basic group counts IPv4, IPv6 and prefixes of every ENI in it, primary ENIs included", () => {
    const { v, s, g } = baseFacts();
    const vm = instance("Vm", "ecs.g7.large", s, [g], 2); // 3 IPv4
    const e = eni("Eni", s, [g], 4, [vm], { ipv6Ips: [1, 2].map((i) => ({ key: `app/stack/Eni#ipv6-${i}`, role: `ipv6-${i}`, vswitch: s })) }); // 5 + 2
    const m = model({ vpcs: [v], vswitches: [s], securityGroups: [g], instances: [vm], enis: [e] });
    expect(withRule(plan(m, { maxIpsPerBasicSecurityGroup: 10 }), "ENI-SG-CAPACITY")).toEqual([]);
    const f = only(plan(m, { maxIpsPerBasicSecurityGroup: 9 }), "ENI-SG-CAPACITY");
    expect(f).toMatchObject({ severity: "error", path: "app/stack/Sg" });
    expect(f.message).toBe("basic security group holds 10 private addresses on 2 ENI(s) (8 private IPv4 + 2 IPv6 + 0 prefix(es) × 16); the quota is 9.");
    expect(f.fix).toContain("one per vSwitch");
  });

  test("pure: a prefix counts 16 addresses by default, 1 with securityGroupIpsPerPrefix: 1", () => {
    const { v, s, g } = baseFacts();
    const e = eni("Eni", s, [g], 0, [], { ipv4Prefixes: [{ key: "app/stack/Eni#prefix-1", role: "prefix-1", vswitch: s }] });
    const m = model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [e] });
    expect(only(plan(m, { maxIpsPerBasicSecurityGroup: 16 }), "ENI-SG-CAPACITY").message).toContain("holds 17 private addresses");
    expect(withRule(plan(m, { maxIpsPerBasicSecurityGroup: 2, securityGroupIpsPerPrefix: 1 }), "ENI-SG-CAPACITY")).toEqual([]);
  });

  test("imported groups add their existing addresses (basic) or ENIs (advanced)", () => {
    const { v, s } = baseFacts();
    const basic = sg("Basic", v, { imported: true, existingIpCount: 5999 });
    const adv = sg("Adv", v, { imported: true, type: "enterprise", existingEniCount: 65535 });
    const m = model({ vpcs: [v], vswitches: [s], securityGroups: [basic, adv], enis: [eni("A", s, [basic]), eni("B", s, [adv])] });
    expect(withRule(plan(m), "ENI-SG-CAPACITY")).toEqual([]);
    const m2 = model({ vpcs: [v], vswitches: [s], securityGroups: [basic, adv], enis: [eni("A", s, [basic], 1), eni("B", s, [adv]), eni("C", s, [adv])] });
    const found = withRule(plan(m2), "ENI-SG-CAPACITY");
    expect(found.map((f) => f.path)).toEqual(["app/stack/Adv", "app/stack/Basic"]);
    expect(found[0].message).toBe("advanced security group holds 65537 ENIs (65535 already in it); the limit is 65536.");
    expect(found[1].message).toContain("6001 private addresses on 1 ENI(s) (2 private IPv4 + 0 IPv6 + 0 prefix(es) × 16 + 5999 already in the group)");
  });

  test("is not suppressible: a suppression is ignored and said so", () => {
    const { v, s, g } = baseFacts();
    const m = model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [eni("Eni", s, [g], 3)] });
    const r = plan(m, { maxIpsPerBasicSecurityGroup: 3 }, { "app/stack/Sg": [{ id: "ENI-SG-CAPACITY", reason: "we raised the quota", by: "app/stack/Sg" }] });
    const f = only(r, "ENI-SG-CAPACITY");
    expect(f.suppressed).toBeUndefined();
    expect(f.message).toContain("is not suppressible");
  });

  test("synth: the imported group's existing count comes from SecurityGroup.fromSecurityGroupAttributes", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const shared = SecurityGroup.fromSecurityGroupAttributes(stack, "Shared", { securityGroupId: "sg-bp1shared", vpc: n.vpc, type: "normal", existingIpCount: 5998 });
    nic(stack, "Eni", n, { securityGroups: [shared], secondaryPrivateIpCount: 1 });
    expect(withRule(inspect(app), "ENI-SG-CAPACITY")).toEqual([]);
    nic(stack, "Eni2", n, { securityGroups: [shared] });
    expect(only(inspect(app), "ENI-SG-CAPACITY").path).toBe("stack/Shared");
    expect(thrown(() => SecurityGroup.fromSecurityGroupAttributes(stack, "Bad", { securityGroupId: "sg-x", vpc: n.vpc, type: "normal", existingIpCount: -1 })).message).toMatch(
      /existingIpCount is -1/,
    );
  });
});
