import { AttachmentTarget, SecurityGroup, Vpc, VSwitch } from "../../../src";
import { synthJson, testApp, testStack } from "../../support/synth";
import { baseFacts, ecs, eni, inspect, instance, model, net, nic, only, plan, sg, unknown, vpc, vsw, withRule } from "../planner-helpers";

describe("ENI-ZONE", () => {
  test("an ENI in another zone than its instance fails, naming both zones", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const other = new VSwitch(stack, "VswI", { vpc: n.vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.2.0/24" });
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    nic(stack, "Eni", n, { vswitch: other, instance: web });
    const f = only(inspect(app), "ENI-ZONE");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe("ENI vSwitch stack/VswI is in zone cn-hangzhou-i but instance stack/Web is in zone cn-hangzhou-h.");
    expect(() => synthJson(stack)).toThrow(/ENI-ZONE/);
  });

  test("a different vSwitch in the same zone passes", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const other = new VSwitch(stack, "VswH2", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    nic(stack, "Eni", n, { vswitch: other, instance: web });
    const r = inspect(app);
    expect(r.errors).toEqual([]);
    expect(withRule(r, "ENI-ZONE")).toEqual([]);
    expect(() => synthJson(stack)).not.toThrow();
  });

  test("a failover ENI is checked against every candidate: only the one in another zone is reported", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const vswI = new VSwitch(stack, "VswI", { vpc: n.vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.2.0/24" });
    const a = ecs(stack, "A", n.vsw, [n.sg]);
    const b = ecs(stack, "B", vswI, [n.sg]);
    nic(stack, "Vip", n).attachTo(AttachmentTarget.oneOf([a, b], { instanceId: "${var.active}" }));
    const f = only(inspect(app), "ENI-ZONE");
    expect(f.path).toBe("stack/Vip");
    expect(f.message).toContain("instance stack/B is in zone cn-hangzhou-i");
    expect(f.message).not.toContain("stack/A ");
  });

  test("an unknown zone gives ENI-UNKNOWN-VALUE instead of ENI-ZONE (pure)", () => {
    const v = vpc("Vpc");
    const s = vsw("Vsw", v);
    const tok = vsw("Tok", v, "10.0.2.0/24", unknown("${var.zone}"));
    const g = sg("Sg", v);
    const inst = instance("Web", "ecs.g7.large", s, [g]);
    const r = plan(model({ vpcs: [v], vswitches: [s, tok], securityGroups: [g], instances: [inst], enis: [eni("Eni", tok, [g], 0, [inst])] }));
    expect(withRule(r, "ENI-ZONE")).toEqual([]);
    const f = withRule(r, "ENI-UNKNOWN-VALUE").find((x) => x.path === "app/stack/Eni");
    expect(f?.message).toContain("zone ${var.zone} is unknown");
  });
});

describe("ENI-VPC", () => {
  function twoVpcs() {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const vpcB = new Vpc(stack, "VpcB", { cidrBlock: "10.1.0.0/16" });
    const vswB = new VSwitch(stack, "VswB", { vpc: vpcB, zoneId: "cn-hangzhou-h", cidrBlock: "10.1.1.0/24" });
    const sgB = new SecurityGroup(stack, "SgB", { vpc: vpcB });
    return { app, stack, n, vswB, sgB };
  }

  test("an ENI in another VPC than its instance fails, naming both VPCs", () => {
    const { app, stack, n, vswB, sgB } = twoVpcs();
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    nic(stack, "Eni", n, { vswitch: vswB, securityGroups: [sgB], instance: web });
    const r = inspect(app);
    const f = only(r, "ENI-VPC");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe("ENI is in VPC stack/VpcB but instance stack/Web is in VPC stack/Vpc.");
    expect(withRule(r, "ENI-ZONE")).toEqual([]);
  });

  test("every failover candidate is checked", () => {
    const { app, stack, n, vswB } = twoVpcs();
    const a = ecs(stack, "A", n.vsw, [n.sg]);
    const sgB2 = new SecurityGroup(stack, "SgB2", { vpc: vswB.vpc });
    const b = ecs(stack, "B", vswB, [sgB2]);
    nic(stack, "Vip", n).attachTo(AttachmentTarget.oneOf([a, b], { instanceId: "${var.active}" }));
    const f = only(inspect(app), "ENI-VPC");
    expect(f.path).toBe("stack/Vip");
    expect(f.message).toContain("instance stack/B is in VPC stack/VpcB");
  });

  test("the same VPC passes, also when it is imported twice by id (pure)", () => {
    const v1 = vpc("Vpc1", "10.0.0.0/16", { key: "vpc-bp1shared", imported: true });
    const v2 = vpc("Vpc2", "10.0.0.0/16", { key: "vpc-bp1shared", imported: true });
    const s1 = vsw("Vsw1", v1);
    const s2 = vsw("Vsw2", v2, "10.0.2.0/24");
    const g = sg("Sg", v1);
    const inst = instance("Web", "ecs.g7.large", s1, [g]);
    const r = plan(model({ vpcs: [v1, v2], vswitches: [s1, s2], securityGroups: [g], instances: [inst], enis: [eni("Eni", s2, [g], 0, [inst])] }));
    expect(withRule(r, "ENI-VPC")).toEqual([]);
    expect(r.errors).toEqual([]);
  });
});

describe("ENI-VSWITCH (only with requireSameVSwitch)", () => {
  function build(requireSameVSwitch: boolean | undefined, sameVswitch: boolean) {
    const app = testApp(requireSameVSwitch === undefined ? {} : { requireSameVSwitch });
    const stack = testStack(app);
    const n = net(stack);
    const other = new VSwitch(stack, "Vsw2", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    nic(stack, "Eni", n, { vswitch: sameVswitch ? n.vsw : other, instance: web });
    return inspect(app);
  }

  test("off by default: a different vSwitch in the same zone passes", () => {
    expect(withRule(build(undefined, false), "ENI-VSWITCH")).toEqual([]);
    expect(withRule(build(false, false), "ENI-VSWITCH")).toEqual([]);
  });

  test("on: a different vSwitch fails, naming both vSwitches", () => {
    const r = build(true, false);
    const f = only(r, "ENI-VSWITCH");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toContain("ENI vSwitch stack/Vsw2 differs from instance stack/Web vSwitch stack/Vsw");
    expect(f.message).toContain("requireSameVSwitch");
  });

  test("on: the same vSwitch passes", () => {
    const r = build(true, true);
    expect(withRule(r, "ENI-VSWITCH")).toEqual([]);
    expect(r.errors).toEqual([]);
  });
});

describe("ENI-SAME-SUBNET (info)", () => {
  test("an ENI in the instance's own vSwitch is an info finding on the instance (never fails synth)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    nic(stack, "Eni", n, { instance: web });
    const r = inspect(app);
    const f = only(r, "ENI-SAME-SUBNET");
    expect(f).toMatchObject({ severity: "info", path: "stack/Web" });
    expect(f.message).toBe("2 ENIs of this instance use vSwitch stack/Vsw: stack/Web (primary ENI), stack/Eni.");
    expect(r.errors).toEqual([]);
    expect(() => synthJson(stack)).not.toThrow();
  });

  test("two secondary ENIs in one other vSwitch are reported; ENIs in distinct vSwitches are not", () => {
    const { s, g, v } = baseFacts();
    const s2 = vsw("Vsw2", v, "10.0.2.0/24");
    const s3 = vsw("Vsw3", v, "10.0.3.0/24");
    const inst = instance("Web", "ecs.g7.large", s, [g]);
    const distinct = plan(model({ vpcs: [v], vswitches: [s, s2, s3], securityGroups: [g], instances: [inst], enis: [eni("E1", s2, [g], 0, [inst]), eni("E2", s3, [g], 0, [inst])] }));
    expect(withRule(distinct, "ENI-SAME-SUBNET")).toEqual([]);
    const shared = plan(model({ vpcs: [v], vswitches: [s, s2, s3], securityGroups: [g], instances: [inst], enis: [eni("E1", s2, [g], 0, [inst]), eni("E2", s2, [g], 0, [inst])] }));
    const f = only(shared, "ENI-SAME-SUBNET");
    expect(f.message).toContain("2 ENIs of this instance use vSwitch app/stack/Vsw2: app/stack/E1, app/stack/E2");
  });
});
