import { AttachmentTarget, EcsInstance, EniSuppressions, InstanceTypeCatalog } from "../../../src";
import { TerraformVariable } from "../../../src/cdktf";
import { resources, synthJson, testApp, testStack } from "../../support/synth";
import { baseFacts, ecs, eni, inspect, instance, model, net, nic, only, plan, unknown, withRule } from "../planner-helpers";

/** Every planned address of the synthesized instance and ENIs of a stack JSON. */
function addressesIn(json: any): string[] {
  const out: string[] = [];
  for (const [, i] of resources(json, "alicloud_instance")) out.push(i.private_ip, ...(i.secondary_private_ips ?? []));
  for (const [, e] of resources(json, "alicloud_ecs_network_interface")) out.push(e.primary_ip_address, ...(e.private_ip_addresses ?? []));
  return out;
}

describe("ENI-COUNT and ENI-IP-COUNT on ecs.g7.large (3 ENIs, 6 private IPv4 per ENI, primary included)", () => {
  test("3 ENIs of 6 addresses each (18 addresses) pass, and every address is planned once", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.large", 5);
    nic(stack, "Eni1", n, { instance: web, secondaryPrivateIpCount: 5 });
    nic(stack, "Eni2", n, { instance: web, secondaryPrivateIpCount: 5 });
    const r = inspect(app);
    expect(r.errors).toEqual([]);
    expect(withRule(r, "ENI-COUNT")).toEqual([]);
    expect(withRule(r, "ENI-IP-COUNT")).toEqual([]);
    const json = synthJson(stack);
    const all = addressesIn(json);
    expect(all).toHaveLength(18);
    expect(new Set(all).size).toBe(18);
    for (const a of all) expect(a).toMatch(/^10\.0\.1\.\d+$/);
  });

  test("a 19th address on a secondary ENI fails with ENI-IP-COUNT on that ENI", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.large", 5);
    nic(stack, "Eni1", n, { instance: web, secondaryPrivateIpCount: 5 });
    nic(stack, "Eni2", n, { instance: web, secondaryPrivateIpCount: 6 });
    const f = only(inspect(app), "ENI-IP-COUNT");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni2" });
    expect(f.message).toContain("ecs.g7.large");
    expect(f.message).toContain("allows 6 private IPv4 addresses per ENI, primary included");
    expect(f.message).toContain("this ENI has 7 (1 primary + 6 secondary)");
    expect(f.message).toContain("stack/Web");
    expect(() => synthJson(stack)).toThrow(/ENI-IP-COUNT/);
  });

  test("a 19th address on the instance's primary ENI (addSecondaryPrivateIps) fails with ENI-IP-COUNT on the instance", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.large", 5);
    nic(stack, "Eni1", n, { instance: web, secondaryPrivateIpCount: 5 });
    nic(stack, "Eni2", n, { instance: web, secondaryPrivateIpCount: 5 });
    expect(inspect(app).errors).toEqual([]);
    web.addSecondaryPrivateIps(["app:extra"]);
    const f = only(inspect(app), "ENI-IP-COUNT");
    expect(f).toMatchObject({ severity: "error", path: "stack/Web" });
    expect(f.message).toContain("allows 6 private IPv4 addresses per ENI");
    expect(f.message).toContain("the primary ENI has 7 (1 primary + 6 secondary)");
    expect(f.fix).toContain("at most 5 secondary private IPs");
  });

  test("a 4th ENI fails with ENI-COUNT on the instance, naming every ENI and a larger type", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    for (const id of ["Eni1", "Eni2", "Eni3"]) nic(stack, id, n, { instance: web });
    const r = inspect(app);
    const f = only(r, "ENI-COUNT");
    expect(f).toMatchObject({ severity: "error", path: "stack/Web" });
    expect(f.message).toContain("ecs.g7.large allows 3 ENIs per instance, primary included; this instance would have 4");
    expect(f.message).toContain("stack/Eni1, stack/Eni2, stack/Eni3");
    expect(f.fix).toContain("at most 2 secondary ENIs");
    expect(f.fix).toMatch(/larger type such as ecs\.g7\.\w+/);
    expect(r.errors.map((e) => e.ruleId)).toEqual(["ENI-COUNT"]);
    expect(() => synthJson(stack)).toThrow(/ENI-COUNT[\s\S]*stack\/Web/);
  });

  test("failover ENIs (AttachmentTarget.oneOf) count on every candidate", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = ecs(stack, "A", n.vsw, [n.sg]);
    const b = ecs(stack, "B", n.vsw, [n.sg]);
    nic(stack, "A1", n, { instance: a });
    nic(stack, "A2", n, { instance: a });
    nic(stack, "B1", n, { instance: b });
    // B has room for one more, A has none: the failover ENI may land on A.
    const vip = nic(stack, "Vip", n);
    vip.attachTo(AttachmentTarget.oneOf([a, b], { instanceId: "${var.active_instance}" }));
    let r = inspect(app);
    const f = only(r, "ENI-COUNT");
    expect(f.path).toBe("stack/A");
    expect(f.message).toContain("this instance would have 4");
    expect(f.message).toContain("stack/Vip (may fail over here)");

    // Give B a second fixed ENI: now both candidates are over the limit.
    nic(stack, "B2", n, { instance: b });
    r = inspect(app);
    expect(withRule(r, "ENI-COUNT").map((x) => x.path)).toEqual(["stack/A", "stack/B"]);
  });

  test("failover ENI on two candidates with room passes (3 ENIs on each)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = ecs(stack, "A", n.vsw, [n.sg]);
    const b = ecs(stack, "B", n.vsw, [n.sg]);
    nic(stack, "A1", n, { instance: a });
    nic(stack, "B1", n, { instance: b });
    nic(stack, "Vip", n).attachTo(AttachmentTarget.oneOf([a, b], { instanceId: "${var.active_instance}" }));
    expect(inspect(app).errors).toEqual([]);
  });

  test("an ENI's address count is checked against every failover candidate's type", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const small = ecs(stack, "Small", n.vsw, [n.sg], "ecs.g7.large"); // 6 per ENI
    const big = ecs(stack, "Big", n.vsw, [n.sg], "ecs.g7.xlarge"); // 15 per ENI
    nic(stack, "Vip", n, { secondaryPrivateIpCount: 6 }).attachTo(AttachmentTarget.oneOf([small, big], { instanceId: "${var.active}" }));
    const f = only(inspect(app), "ENI-IP-COUNT");
    expect(f.path).toBe("stack/Vip");
    expect(f.message).toContain("ecs.g7.large (instance stack/Small)");
    expect(f.message).toContain("this ENI has 7");
  });

  test("an imported instance counts its existing ENIs (primary included)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const old = EcsInstance.fromEcsInstanceAttributes(stack, "Old", { instanceId: "i-bp1old", instanceType: "ecs.g7.large", vswitch: n.vsw, attachedEniCount: 2 });
    nic(stack, "Eni1", n, { instance: old });
    expect(withRule(inspect(app), "ENI-COUNT")).toEqual([]);
    nic(stack, "Eni2", n, { instance: old });
    const f = only(inspect(app), "ENI-COUNT");
    expect(f.path).toBe("stack/Old");
    expect(f.message).toContain("2 existing (primary included), stack/Eni1, stack/Eni2");
    expect(f.message).toContain("would have 4");
    expect(f.fix).toContain("at most 1 secondary ENIs");
  });

  test("pure: boundaries of ENI-COUNT and ENI-IP-COUNT on hand-built facts", () => {
    const { s, g } = baseFacts();
    const inst = instance("Web", "ecs.g7.large", s, [g], 5);
    const ok = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], instances: [inst], enis: [eni("E1", s, [g], 5, [inst]), eni("E2", s, [g], 5, [inst])] }));
    expect(ok.errors).toEqual([]);
    expect(ok.addresses.size).toBe(18);

    const over = instance("Web", "ecs.g7.large", s, [g], 6);
    const bad = plan(
      model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], instances: [over], enis: [eni("E1", s, [g], 5, [over]), eni("E2", s, [g], 5, [over]), eni("E3", s, [g], 0, [over])] }),
    );
    expect(bad.errors.map((e) => `${e.ruleId} ${e.path}`).sort()).toEqual(["ENI-COUNT app/stack/Web", "ENI-IP-COUNT app/stack/Web"]);
  });
});

describe("ENI-IP-CREATE (secondary IPs at ENI creation, default 10)", () => {
  test("10 secondary IPs on an unattached ENI pass, 11 fail", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Ten", n, { secondaryPrivateIpCount: 10 });
    expect(inspect(app).errors).toEqual([]);
    const json = synthJson(stack);
    const [[, ten]] = resources(json, "alicloud_ecs_network_interface");
    expect(ten.private_ip_addresses).toHaveLength(10);

    nic(stack, "Eleven", n, { secondaryPrivateIpCount: 11 });
    const f = only(inspect(app), "ENI-IP-CREATE");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eleven" });
    expect(f.message).toContain("created with 11 secondary private IPs");
    expect(f.message).toContain("accepts at most 10");
  });

  test("maxSecondaryIpsAtCreation: 20 lets 11 pass, and 21 still fail", () => {
    const app = testApp({ maxSecondaryIpsAtCreation: 20 });
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Eleven", n, { secondaryPrivateIpCount: 11 });
    nic(stack, "Twenty", n, { secondaryPrivateIpCount: 20 });
    expect(inspect(app).errors).toEqual([]);
    nic(stack, "TwentyOne", n, { secondaryPrivateIpCount: 21 });
    const f = only(inspect(app), "ENI-IP-CREATE");
    expect(f.path).toBe("stack/TwentyOne");
    expect(f.message).toContain("created with 21 secondary private IPs");
    expect(f.message).toContain("at most 20");
  });

  test("explicit secondary IPs count too (pure)", () => {
    const { s, g } = baseFacts();
    const e = eni("E", s, [g]);
    e.secondaryIps = Array.from({ length: 11 }, (_, i) => ({ key: `${e.path}#secondary-ip-${i + 1}`, role: `secondary-ip-${i + 1}`, vswitch: s, explicit: `10.0.1.${20 + i}` }));
    const f = only(plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], enis: [e] })), "ENI-IP-CREATE");
    expect(f.message).toContain("11 secondary private IPs");
  });
});

describe("ENI-TYPE-UNKNOWN", () => {
  test("by default an unknown type is an error that fails synth, naming the nearest types and the two ways out", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.xlarg");
    const r = inspect(app);
    const f = only(r, "ENI-TYPE-UNKNOWN");
    expect(f).toMatchObject({ severity: "error", path: "stack/Web" });
    expect(f.message).toContain("instance type ecs.g7.xlarg is not in the catalog (958 types)");
    expect(f.message).toMatch(/Nearest known: ecs\.g7\.xlarge(, |\.)/);
    expect(f.fix).toContain("If you meant ecs.g7.xlarge, fix the name.");
    expect(f.fix).toContain('withTypes([{ name: "ecs.g7.xlarg", eniQuantity: <EniQuantity>, privateIpv4PerEni: <EniPrivateIpAddressQuantity>');
    expect(f.fix).toContain("allowUnknownInstanceTypes: true");
    expect(() => synthJson(stack)).toThrow(/ENI-TYPE-UNKNOWN[\s\S]*ecs\.g7\.xlarg/);
  });

  test("by default a suppression does not silence it (not suppressible: the opt-out is an option)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.larg");
    EniSuppressions.addSuppressions(web, [{ id: "ENI-TYPE-UNKNOWN", reason: "type exists in our private region" }]);
    const f = only(inspect(app), "ENI-TYPE-UNKNOWN");
    expect(f.severity).toBe("error");
    expect(f.suppressed).toBeUndefined();
    expect(f.message).toContain("is not suppressible");
  });

  test("under allowUnknownInstanceTypes it is a warning, and the type's limits are not checked", () => {
    const app = testApp({ allowUnknownInstanceTypes: true });
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.larg");
    for (const id of ["E1", "E2", "E3", "E4"]) nic(stack, id, n, { instance: web });
    const r = inspect(app);
    const f = only(r, "ENI-TYPE-UNKNOWN");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Web" });
    expect(f.message).toContain("were not checked (allowUnknownInstanceTypes is set)");
    expect(withRule(r, "ENI-COUNT")).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(() => synthJson(stack)).not.toThrow();
  });

  test("under allowUnknownInstanceTypes a suppression silences the warning", () => {
    const app = testApp({ allowUnknownInstanceTypes: true });
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.larg");
    EniSuppressions.addSuppressions(web, [{ id: "ENI-TYPE-UNKNOWN", reason: "type exists in our private region" }]);
    expect(only(inspect(app), "ENI-TYPE-UNKNOWN").suppressed?.reason).toBe("type exists in our private region");
  });

  test("the removed option strict is refused with the replacement named", () => {
    expect(() => testApp({ strict: true })).toThrow(/strict was removed: an instance type missing from the catalog is now an error by default/);
    expect(() => testApp({ strict: false })).toThrow(/set allowUnknownInstanceTypes: true/);
  });

  test("a custom catalog with the type (withTypes) makes it pass, and its limits are enforced", () => {
    const catalog = InstanceTypeCatalog.builtIn().withTypes([{ name: "ecs.g9z.large", eniQuantity: 2, privateIpv4PerEni: 3, source: "user override" }]);
    const app = testApp({ catalog });
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg], "ecs.g9z.large", 2);
    nic(stack, "E1", n, { instance: web, secondaryPrivateIpCount: 2 });
    const r = inspect(app);
    expect(withRule(r, "ENI-TYPE-UNKNOWN")).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(() => synthJson(stack)).not.toThrow();

    nic(stack, "E2", n, { instance: web, secondaryPrivateIpCount: 3 });
    const bad = inspect(app);
    expect(only(bad, "ENI-COUNT").message).toContain("ecs.g9z.large allows 2 ENIs per instance");
    expect(only(bad, "ENI-IP-COUNT").message).toContain("allows 3 private IPv4 addresses per ENI");
  });

  test("a token instance type gives ENI-UNKNOWN-VALUE instead (pure)", () => {
    const { s, g } = baseFacts();
    const r = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], instances: [instance("Web", unknown("${var.type}"), s, [g])] }));
    expect(withRule(r, "ENI-TYPE-UNKNOWN")).toEqual([]);
    const f = only(r, "ENI-UNKNOWN-VALUE");
    expect(f).toMatchObject({ severity: "warning", path: "app/stack/Web" });
    expect(f.message).toContain("instance type ${var.type} is unknown");
  });

  test("a token instance type from a TerraformVariable never crashes synth", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const type = new TerraformVariable(stack, "type", { type: "string" });
    const web = ecs(stack, "Web", n.vsw, [n.sg], type.stringValue);
    nic(stack, "E1", n, { instance: web });
    const r = inspect(app);
    expect(r.errors).toEqual([]);
    expect(withRule(r, "ENI-UNKNOWN-VALUE").map((f) => f.path)).toEqual(["stack/Web"]);
    expect(() => synthJson(stack)).not.toThrow();
  });
});

describe("ENI-TYPE-PARTIAL", () => {
  test("ecs.gn7-c12g1.3xlarge (no private-IPv4-per-ENI figure) warns, skips address counts, still checks ENI count", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const gpu = ecs(stack, "Gpu", n.vsw, [n.sg], "ecs.gn7-c12g1.3xlarge", 30);
    nic(stack, "E1", n, { instance: gpu, secondaryPrivateIpCount: 10 });
    const r = inspect(app);
    const f = only(r, "ENI-TYPE-PARTIAL");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Gpu" });
    expect(f.message).toContain("no private-IPv4-per-ENI figure for ecs.gn7-c12g1.3xlarge");
    expect(withRule(r, "ENI-IP-COUNT")).toEqual([]);
    expect(withRule(r, "ENI-TYPE-UNKNOWN")).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  test("a fully known type gives no ENI-TYPE-PARTIAL; a catalog override with the figure silences it", () => {
    const { s, g } = baseFacts();
    const facts = (type: string) => model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], instances: [instance("Web", type, s, [g])] });
    expect(withRule(plan(facts("ecs.g7.large")), "ENI-TYPE-PARTIAL")).toEqual([]);
    // ENI-COUNT is still checked for a partial type (eniQuantity 8): 1 primary + 8 ENIs fail.
    const gpu = instance("Gpu", "ecs.gn7-c12g1.3xlarge", s, [g]);
    const enis = Array.from({ length: 8 }, (_, i) => eni(`E${i}`, s, [g], 0, [gpu]));
    const r = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], instances: [gpu], enis }));
    expect(only(r, "ENI-COUNT").message).toContain("ecs.gn7-c12g1.3xlarge allows 8 ENIs per instance, primary included; this instance would have 9");
    expect(plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], instances: [gpu], enis: enis.slice(1) })).errors).toEqual([]);
    expect(withRule(plan(facts("ecs.gn7-c12g1.3xlarge")), "ENI-TYPE-PARTIAL")).toHaveLength(1);
    const catalog = InstanceTypeCatalog.builtIn().withTypes([{ name: "ecs.gn7-c12g1.3xlarge", eniQuantity: 8, privateIpv4PerEni: 10, source: "DescribeInstanceTypes" }]);
    expect(withRule(plan(facts("ecs.gn7-c12g1.3xlarge"), { catalog }), "ENI-TYPE-PARTIAL")).toEqual([]);
  });
});

describe("ENI-HOTPLUG", () => {
  test("ecs.t6-c1m1.large with an ENI attached fails, naming the type and the ENI", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const t6 = ecs(stack, "Burst", n.vsw, [n.sg], "ecs.t6-c1m1.large");
    nic(stack, "E1", n, { instance: t6 });
    const f = only(inspect(app), "ENI-HOTPLUG");
    expect(f).toMatchObject({ severity: "error", path: "stack/Burst" });
    expect(f.message).toContain("ecs.t6-c1m1.large does not support secondary-ENI hot swap");
    expect(f.message).toContain("cannot get a secondary ENI at creation");
    expect(f.message).toContain("stack/E1");
    expect(() => synthJson(stack)).toThrow(/ENI-HOTPLUG/);
  });

  test("is suppressible with a reason: the finding stays, suppressed, and synth succeeds", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const t6 = ecs(stack, "Burst", n.vsw, [n.sg], "ecs.t6-c1m1.large");
    nic(stack, "E1", n, { instance: t6 });
    EniSuppressions.addSuppressions(t6, [{ id: "ENI-HOTPLUG", reason: "instance is stopped by the deploy pipeline before apply" }]);
    const r = inspect(app);
    const f = only(r, "ENI-HOTPLUG");
    expect(f.suppressed).toEqual({ reason: "instance is stopped by the deploy pipeline before apply", by: "stack/Burst" });
    expect(r.errors).toEqual([]);
    expect(resources(synthJson(stack), "alicloud_ecs_network_interface_attachment")).toHaveLength(1);
  });

  test("no ENI on the t6, or a hot-swap type with an ENI: no ENI-HOTPLUG", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    ecs(stack, "Burst", n.vsw, [n.sg], "ecs.t6-c1m1.large");
    const g7 = ecs(stack, "G7", n.vsw, [n.sg], "ecs.g7.large");
    nic(stack, "E1", n, { instance: g7 });
    expect(withRule(inspect(app), "ENI-HOTPLUG")).toEqual([]);
  });
});
