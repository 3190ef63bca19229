import { AttachmentTarget, EniSuppressions, HaVip, VSwitch } from "../../../src";
import { onlyResource, resources, synthJson, testApp, testStack } from "../../support/synth";
import { EniConfigError } from "../../../src/errors";
import { thrown } from "../../support/thrown";
import { baseFacts, ecs, eni, inspect, instance, model, net, nic, only, plan, withRule } from "../planner-helpers";

describe("ENI-ATTACH-ONCE", () => {
  test("attachTo twice fails on the ENI, naming both attachments", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = ecs(stack, "A", n.vsw, [n.sg]);
    const b = ecs(stack, "B", n.vsw, [n.sg]);
    const e = nic(stack, "Eni", n);
    e.attachTo(a);
    e.attachTo(b);
    const f = only(inspect(app), "ENI-ATTACH-ONCE");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe("the ENI has 2 attachments (stack/Eni/Attachment, stack/Eni/Attachment2); an ENI is attached to one instance at a time.");
    expect(f.fix).toContain("AttachmentTarget.oneOf");
    expect(() => synthJson(stack)).toThrow(/ENI-ATTACH-ONCE/);
  });

  test("the instance prop and a later attachTo count as two attachments, even to the same instance", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = ecs(stack, "A", n.vsw, [n.sg]);
    nic(stack, "Eni", n, { instance: a }).attachTo(a);
    expect(only(inspect(app), "ENI-ATTACH-ONCE").message).toContain("the ENI has 2 attachments");
  });

  test("one attachment (plain or failover) passes and emits one attachment resource", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = ecs(stack, "A", n.vsw, [n.sg]);
    const b = ecs(stack, "B", n.vsw, [n.sg]);
    nic(stack, "Plain", n, { instance: a });
    nic(stack, "Failover", n).attachTo(AttachmentTarget.oneOf([a, b], { instanceId: "${var.active}", ignoreInstanceChanges: true }));
    const r = inspect(app);
    expect(withRule(r, "ENI-ATTACH-ONCE")).toEqual([]);
    expect(r.errors).toEqual([]);
    const attachments = resources(synthJson(stack), "alicloud_ecs_network_interface_attachment");
    expect(attachments).toHaveLength(2);
    const failover = attachments.find(([k]) => k.startsWith("Failover"))![1];
    expect(failover.instance_id).toBe("${var.active}");
    expect(failover.lifecycle).toEqual({ ignore_changes: ["instance_id"] });
  });
});

describe("ENI-HAVIP-VSWITCH", () => {
  test("a HaVip attached to an ENI of another vSwitch fails on the HaVip, naming both vSwitches", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const other = new VSwitch(stack, "Vsw2", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
    const inVsw = nic(stack, "Good", n);
    const elsewhere = nic(stack, "Bad", n, { vswitch: other });
    const vip = new HaVip(stack, "Vip", { vswitch: n.vsw });
    vip.attach(inVsw);
    vip.attach(elsewhere);
    const f = only(inspect(app), "ENI-HAVIP-VSWITCH");
    expect(f).toMatchObject({ severity: "error", path: "stack/Vip" });
    expect(f.message).toBe("HaVip is in vSwitch stack/Vsw but stack/Bad is in vSwitch stack/Vsw2.");
    expect(() => synthJson(stack)).toThrow(/ENI-HAVIP-VSWITCH/);
  });

  test("a HaVip attached to an instance of another vSwitch fails", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const other = new VSwitch(stack, "Vsw2", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
    const web = ecs(stack, "Web", other, [n.sg]);
    new HaVip(stack, "Vip", { vswitch: n.vsw }).attach(web);
    expect(only(inspect(app), "ENI-HAVIP-VSWITCH").message).toBe("HaVip is in vSwitch stack/Vsw but stack/Web is in vSwitch stack/Vsw2.");
  });

  test("a HaVip floating between two ENIs of its own vSwitch passes, with a planned address", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const vip = new HaVip(stack, "Vip", { vswitch: n.vsw });
    vip.attach(nic(stack, "A", n));
    vip.attach(nic(stack, "B", n));
    const r = inspect(app);
    expect(withRule(r, "ENI-HAVIP-VSWITCH")).toEqual([]);
    expect(r.errors).toEqual([]);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc_ha_vip").ip_address).toMatch(/^10\.0\.1\.\d+$/);
    expect(resources(json, "alicloud_havip_attachment")).toHaveLength(2);
  });
});

describe("ENI-HAVIP-MEMBERS", () => {
  function vipWith(enis: number, instances: number, options: { maxHaVipMembers?: number } = {}) {
    const app = testApp({ eniQuotaPerRegion: 1000, ...options });
    const stack = testStack(app);
    const n = net(stack);
    const vip = new HaVip(stack, "Vip", { vswitch: n.vsw });
    for (let i = 0; i < enis; i++) vip.attach(nic(stack, `E${i}`, n));
    for (let i = 0; i < instances; i++) vip.attach(ecs(stack, `I${i}`, n.vsw, [n.sg]));
    return inspect(app);
  }

  test("10 ENIs pass, an 11th fails", () => {
    expect(withRule(vipWith(10, 0), "ENI-HAVIP-MEMBERS")).toEqual([]);
    const f = only(vipWith(11, 0), "ENI-HAVIP-MEMBERS");
    expect(f).toMatchObject({ severity: "error", path: "stack/Vip" });
    expect(f.message).toBe("HaVip is attached to 11 member(s); allowed: at most 10, all ENIs or all instances.");
  });

  test("attaching one member twice is refused at construction, naming the member; two members pass", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const vip = new HaVip(stack, "Vip", { vswitch: n.vsw });
    const a = nic(stack, "A", n);
    vip.attach(a);
    vip.attach(nic(stack, "B", n));
    const e = thrown(() => vip.attach(a)) as EniConfigError;
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toMatch(/^\[ENI-HAVIP-MEMBERS\] \(error\) stack\/Vip\n  stack\/A is already attached to this HaVip/);
    expect(thrown(() => vip.addStandby(a)).message).toContain("stack/A is already attached");
    expect(inspect(app).errors).toEqual([]);
    expect(resources(synthJson(stack), "alicloud_havip_attachment")).toHaveLength(2);
  });

  test("a model with a member attached twice (e.g. from L1 resources) is an error, counted once (pure)", () => {
    const { s, g } = baseFacts();
    const a = eni("A", s, [g]);
    const vip = {
      kind: "havip" as const,
      path: "app/stack/Vip",
      stack: "app/stack",
      imported: false,
      vswitch: s,
      ip: { key: "app/stack/Vip#vip", role: "vip", vswitch: s },
      attachedTo: [a, a],
      unreachableStandbys: [],
    };
    const r = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], enis: [a], havips: [vip] }));
    expect(only(r, "ENI-HAVIP-MEMBERS").message).toBe("HaVip is attached more than once to app/stack/A; each member is associated once (the second association fails at apply).");
  });

  test("ENIs and instances mixed on one HaVip fail", () => {
    expect(only(vipWith(1, 1), "ENI-HAVIP-MEMBERS").message).toBe("HaVip is attached to 2 member(s), mixing ENIs and instances; allowed: at most 10, all ENIs or all instances.");
    expect(withRule(vipWith(0, 2), "ENI-HAVIP-MEMBERS")).toEqual([]);
  });

  test("the cap is the maxHaVipMembers option: 2 makes a third member an error", () => {
    expect(withRule(vipWith(2, 0, { maxHaVipMembers: 2 }), "ENI-HAVIP-MEMBERS")).toEqual([]);
    const f = only(vipWith(3, 0, { maxHaVipMembers: 2 }), "ENI-HAVIP-MEMBERS");
    expect(f.message).toBe("HaVip is attached to 3 member(s); allowed: at most 2, all ENIs or all instances.");
    expect(f.fix).toContain("or set maxHaVipMembers after confirming a higher limit");
    expect(() => testApp({ maxHaVipMembers: 0 })).toThrow(/maxHaVipMembers is 0; expected a whole number of at least 1/);
  });

  test("members attached outside this program count toward the cap (imported HaVip)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const vip = HaVip.fromHaVipAttributes(stack, "Old", { haVipId: "havip-bp1old", vswitch: n.vsw, ipAddress: "10.0.1.200", attachedMemberCount: 9 });
    vip.attach(nic(stack, "E1", n));
    expect(withRule(inspect(app), "ENI-HAVIP-MEMBERS")).toEqual([]);
    vip.attach(nic(stack, "E2", n));
    expect(only(inspect(app), "ENI-HAVIP-MEMBERS").message).toBe("HaVip is attached to 11 member(s) (9 attached outside this program); allowed: at most 10, all ENIs or all instances.");
  });
});

describe("ENI-HAVIP-MEMBERS-API", () => {
  test("2 members pass; a third is a suppressible warning citing the API page's limit", () => {
    const build = (members: number) => {
      const app = testApp();
      const stack = testStack(app);
      const n = net(stack);
      const vip = new HaVip(stack, "Vip", { vswitch: n.vsw });
      for (let i = 0; i < members; i++) vip.attach(nic(stack, `E${i}`, n));
      return { app, vip };
    };
    expect(withRule(inspect(build(2).app), "ENI-HAVIP-MEMBERS-API")).toEqual([]);
    const { app, vip } = build(3);
    const f = only(inspect(app), "ENI-HAVIP-MEMBERS-API");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Vip" });
    expect(f.message).toBe("HaVip is attached to 3 member(s); the AssociateHaVip API page allows 2, the HaVip overview 10.");
    EniSuppressions.addSuppressions(vip, [{ id: "ENI-HAVIP-MEMBERS-API", reason: "three-node keepalived tested in this account" }]);
    expect(only(inspect(app), "ENI-HAVIP-MEMBERS-API").suppressed).toBeDefined();
  });
});

describe("ENI-HAVIP-STANDBY", () => {
  test("a standby in the HaVip's vSwitch is attached; one elsewhere is a suppressible warning, not attached", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const other = new VSwitch(stack, "Vsw2", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
    const vip = new HaVip(stack, "Vip", { vswitch: n.vsw });
    vip.attach(nic(stack, "Active", n));
    expect(vip.addStandby(nic(stack, "Near", n))).toBeDefined();
    expect(vip.addStandby(nic(stack, "Far", n, { vswitch: other }))).toBeUndefined();
    const r = inspect(app);
    expect(r.errors).toEqual([]);
    const f = only(r, "ENI-HAVIP-STANDBY");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Vip" });
    expect(f.message).toBe("stack/Far is meant to take the HaVip over but is in vSwitch stack/Vsw2, not stack/Vsw; it cannot hold the virtual IP.");
    expect(resources(synthJson(stack), "alicloud_havip_attachment")).toHaveLength(2);
    EniSuppressions.addSuppressions(vip, [{ id: "ENI-HAVIP-STANDBY", reason: "Far is a quorum-only node in another zone" }]);
    expect(only(inspect(app), "ENI-HAVIP-STANDBY").suppressed?.reason).toBe("Far is a quorum-only node in another zone");
  });
});

describe("ENI-FAILOVER-VALUE", () => {
  const failover = (active: "A" | "B" | undefined, value: unknown) => {
    const { s, g } = baseFacts();
    const a = instance("A", "ecs.g7.large", s, [g]);
    const b = instance("B", "ecs.g7.large", s, [g]);
    const e = eni("Eni", s, [g], 0, [[a, b]]);
    const chosen = active === "A" ? a : active === "B" ? b : undefined;
    e.attachments[0] = { ...e.attachments[0], ...(chosen ? { active: chosen } : {}), activeChosenBy: "value of var.active in the plan", selector: { variable: "active", value, keys: ["A", "B"] } };
    return plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], instances: [a, b], enis: [e] }));
  };

  test("a plan's value that selects no candidate is an error on the ENI, naming the variable, the value, the candidates and the keys", () => {
    const f = only(failover(undefined, "C"), "ENI-FAILOVER-VALUE");
    expect(f).toMatchObject({ severity: "error", path: "app/stack/Eni" });
    expect(f.message).toBe('var.active is "C" in the plan, which selects none of the candidates of attachment app/stack/Eni/Attachment (app/stack/A, app/stack/B; keys A, B).');
    expect(f.fix).toBe("Plan again from this configuration with -var active=<one of A, B>, and check that plan.");
  });

  test("the accepting neighbours: a value that selects a candidate, and a failover without a plan", () => {
    expect(withRule(failover("B", "B"), "ENI-FAILOVER-VALUE")).toEqual([]);
    const { s, g } = baseFacts();
    const a = instance("A", "ecs.g7.large", s, [g]);
    const b = instance("B", "ecs.g7.large", s, [g]);
    const noPlan = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], instances: [a, b], enis: [eni("Eni", s, [g], 0, [[a, b]])] }));
    expect(withRule(noPlan, "ENI-FAILOVER-VALUE")).toEqual([]);
  });
});
