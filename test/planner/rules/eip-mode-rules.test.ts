import { EcsInstance, Eip, EniSuppressions, HaVip, NetworkInterface } from "../../../src";
import { onlyResource, resources, synthJson, testApp, testStack } from "../../support/synth";
import { baseFacts, ecs, eip, eni, havip, inspect, instance, model, net, nic, only, plan, provider, withRule } from "../planner-helpers";

/** A stack with one VPC and vSwitch, two instances and one secondary ENI (not attached unless asked). */
function setup(region = "cn-hangzhou") {
  const app = testApp();
  const stack = testStack(app, "stack", region);
  const n = net(stack);
  const vm = ecs(stack, "Vm", n.vsw, [n.sg]);
  return { app, stack, n, vm };
}

/** Suppressions for the two cut-through warnings that every cut-through EIP gets. */
const ACK = [
  { id: "ENI-EIP-CUT-THROUGH-PRIVATE", reason: "the ENI carries only public SIP traffic" },
  { id: "ENI-EIP-CUT-THROUGH-REGION", reason: "cut-through confirmed in this region's console" },
];

describe("associateCutThrough (BINDED)", () => {
  test("emits mode BINDED on the whole ENI (no private_ip_address); the attachment depends_on the association", () => {
    const { app, stack, n, vm } = setup();
    const e = nic(stack, "Sip", n, { instance: vm }); // attached before the association: depends_on is added afterwards
    const assoc = new Eip(stack, "Eip").associateCutThrough(e);
    const r = inspect(app);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    const json = synthJson(stack);
    const [assocName, a] = resources(json, "alicloud_eip_association")[0];
    expect(a).toEqual({
      allocation_id: expect.stringMatching(/^\$\{alicloud_eip_address\..+\.id\}$/),
      instance_id: expect.stringContaining("alicloud_ecs_network_interface."),
      instance_type: "NetworkInterface",
      mode: "BINDED",
    });
    expect(onlyResource(json, "alicloud_ecs_network_interface_attachment").depends_on).toEqual([`alicloud_eip_association.${assocName}`]);
    expect(assoc.node.path).toBe("stack/Eip/Association");
    expect(e.fact.attachments[0].dependsOn).toEqual(["stack/Eip/Association"]);
  });

  test("the planner reads the order from the emitted JSON: dropping depends_on on the L1 attachment is ENI-EIP-CUT-THROUGH-ORDER", () => {
    const { app, stack, n, vm } = setup();
    const e = nic(stack, "Sip", n, { instance: vm });
    new Eip(stack, "Eip").associateCutThrough(e);
    e.attachment!.dependsOn = []; // an L1 escape hatch: the L2 fact still lists the dependency, the JSON does not
    const f = only(inspect(app), "ENI-EIP-CUT-THROUGH-ORDER");
    expect(f).toMatchObject({ severity: "error", path: "stack/Sip/Attachment" });
    expect(() => synthJson(stack)).toThrow(/ENI-EIP-CUT-THROUGH-ORDER/);
  });

  test("an ENI attached after the association also waits for it", () => {
    const { stack, n, vm } = setup();
    const e = nic(stack, "Sip", n);
    new Eip(stack, "Eip").associateCutThrough(e);
    e.attachTo(vm);
    const json = synthJson(stack);
    const [assocName] = resources(json, "alicloud_eip_association")[0];
    expect(onlyResource(json, "alicloud_ecs_network_interface_attachment").depends_on).toEqual([`alicloud_eip_association.${assocName}`]);
  });

  test("warns that the ENI's private-network features are unavailable, naming its secondary IPs and HaVips; suppressible", () => {
    const { app, stack, n } = setup();
    const e = nic(stack, "Sip", n, { secondaryPrivateIpCount: 2 });
    new HaVip(stack, "Vip", { vswitch: n.vsw }).attach(e);
    const x = new Eip(stack, "Eip");
    x.associateCutThrough(e);
    const f = only(inspect(app), "ENI-EIP-CUT-THROUGH-PRIVATE");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Eip" });
    expect(f.message).toBe("in cut-through mode ENI stack/Sip carries only the EIP: its private-network features are unavailable, including its 2 secondary private IP(s) and HaVip stack/Vip.");
    EniSuppressions.addSuppressions(x, [ACK[0]]);
    expect(only(inspect(app), "ENI-EIP-CUT-THROUGH-PRIVATE").suppressed?.reason).toBe(ACK[0].reason);
  });

  test("the region list is a warning: cn-hangzhou passes, cn-wulanchabu warns", () => {
    const listed = setup("cn-hangzhou");
    new Eip(listed.stack, "Eip").associateCutThrough(nic(listed.stack, "Sip", listed.n));
    expect(withRule(inspect(listed.app), "ENI-EIP-CUT-THROUGH-REGION")).toEqual([]);

    const other = setup("cn-wulanchabu");
    const n2 = other.n;
    new Eip(other.stack, "Eip").associateCutThrough(nic(other.stack, "Sip", n2));
    const f = only(inspect(other.app), "ENI-EIP-CUT-THROUGH-REGION");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Eip" });
    expect(f.message).toContain("region cn-wulanchabu is not in the cut-through region list (cn-hangzhou, cn-shanghai,");
  });

  test("a second EIP on a cut-through ENI is ENI-EIP-CUT-THROUGH; the lone cut-through EIP passes", () => {
    const { app, stack, n } = setup();
    const e = nic(stack, "Sip", n, { secondaryPrivateIpCount: 1 });
    const x = new Eip(stack, "Cut");
    x.associateCutThrough(e);
    EniSuppressions.addSuppressions(x, ACK);
    expect(withRule(inspect(app), "ENI-EIP-CUT-THROUGH")).toEqual([]);
    new Eip(stack, "Nat").associate(e, e.secondaryPrivateIps[0]);
    const f = only(inspect(app), "ENI-EIP-CUT-THROUGH");
    expect(f).toMatchObject({ severity: "error", path: "stack/Cut" });
    expect(f.message).toBe("ENI stack/Sip takes this cut-through EIP and also stack/Nat (NAT); a cut-through ENI carries exactly one EIP.");
    expect(() => synthJson(stack)).toThrow(/ENI-EIP-CUT-THROUGH/);
  });

  test("pure facts: a cut-through EIP on an instance, or on a secondary IP, is ENI-EIP-CUT-THROUGH", () => {
    const { v, s, g } = baseFacts();
    const vm = instance("Vm", "ecs.g7.large", s, [g]);
    const e = eni("Eni", s, [g], 1);
    const onInstance = { ...eip("OnVm", vm), mode: "BINDED" as const };
    const onSecondary = { ...eip("OnSecondary", e, e.secondaryIps[0]), mode: "BINDED" as const };
    const r = plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], instances: [vm], enis: [e], eips: [onInstance, onSecondary], providers: [provider("cn-hangzhou")] }));
    expect(withRule(r, "ENI-EIP-CUT-THROUGH").map((f) => f.message)).toEqual([
      "the cut-through EIP is recorded on app/stack/Eni#secondary-1, not on app/stack/Eni#primary, the primary private IP of app/stack/Eni.",
      "cut-through mode binds a secondary ENI, but app/stack/Vm is an instance (its primary ENI).",
    ]);
  });

  test("pure facts: an attachment that does not depend on the cut-through association is ENI-EIP-CUT-THROUGH-ORDER; with depends_on it passes", () => {
    const { v, s, g } = baseFacts();
    const vm = instance("Vm", "ecs.g7.large", s, [g]);
    const e = eni("Eni", s, [g], 0, [vm]);
    const cut = { ...eip("Cut", e), mode: "BINDED" as const, associationPath: "app/stack/Cut/Association" };
    const facts = { vpcs: [v], vswitches: [s], securityGroups: [g], instances: [vm], enis: [e], eips: [cut], providers: [provider("cn-hangzhou")] };
    const f = only(plan(model(facts)), "ENI-EIP-CUT-THROUGH-ORDER");
    expect(f).toMatchObject({ severity: "error", path: "app/stack/Eni/Attachment" });
    expect(f.message).toBe("attachment of app/stack/Eni does not depend on app/stack/Cut/Association (BINDED); Terraform may attach the ENI first, and the association then fails.");
    e.attachments[0].dependsOn = ["app/stack/Cut/Association"];
    expect(withRule(plan(model(facts)), "ENI-EIP-CUT-THROUGH-ORDER")).toEqual([]);
  });

  test("construction: only a NetworkInterface, and only once", () => {
    const { stack, n, vm } = setup();
    const x = new Eip(stack, "Eip");
    expect(() => x.associateCutThrough(vm as never)).toThrow(/associateCutThrough target is the construct stack\/Vm; expected a NetworkInterface/);
    x.associateCutThrough(nic(stack, "Sip", n));
    expect(() => x.associateCutThrough(nic(stack, "Sip2", n))).toThrow(/already associated/);
    expect(() => new Eip(stack, "E2").associate(nic(stack, "Sip3", n), undefined, { mode: "BINDED" as never })).toThrow(/For cut-through mode call associateCutThrough\(eni\)/);
  });
});

describe("associateCutThrough on an imported ENI (NetworkInterface.fromNetworkInterfaceAttributes)", () => {
  /** setup() plus an existing secondary ENI eni-bp1sip (10.0.1.7, one secondary 10.0.1.8). */
  function withExisting(region = "cn-hangzhou") {
    const s = setup(region);
    const existing = NetworkInterface.fromNetworkInterfaceAttributes(s.stack, "Sip", {
      networkInterfaceId: "eni-bp1sip",
      vswitch: s.n.vsw,
      securityGroups: [s.n.sg],
      primaryIp: "10.0.1.7",
      secondaryPrivateIps: ["10.0.1.8"],
    });
    return { ...s, existing };
  }

  test("emits mode BINDED on the ENI's id; its attachments here wait for the association (before and after); the planner warns what it cannot see (ENI-EIP-CUT-THROUGH-EXISTING), suppressible", () => {
    const { app, stack, vm, existing } = withExisting();
    existing.attachTo(vm); // attached before the association
    const x = new Eip(stack, "Eip");
    x.associateCutThrough(existing);
    const json = synthJson(stack);
    const [assocName, a] = resources(json, "alicloud_eip_association")[0];
    expect(a).toEqual({ allocation_id: expect.stringMatching(/^\$\{alicloud_eip_address\..+\.id\}$/), instance_id: "eni-bp1sip", instance_type: "NetworkInterface", mode: "BINDED" });
    expect(onlyResource(json, "alicloud_ecs_network_interface_attachment").depends_on).toEqual([`alicloud_eip_association.${assocName}`]);
    const r = inspect(app);
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    const f = only(r, "ENI-EIP-CUT-THROUGH-EXISTING");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Eip" });
    expect(f.message).toBe(
      "ENI stack/Sip exists already (imported): BINDED mode needs a secondary ENI that is attached to no instance when the association is made and carries no other EIP; the planner sees only this program, not whether it is an instance's primary ENI, is attached elsewhere, or has EIPs associated outside this program.",
    );
    expect(f.fix).toBe(
      "Check the ENI with DescribeNetworkInterfaces (Type Secondary, Status Available, no AssociatedPublicIp); detach it first if it is attached outside this program, then suppress with the reason.",
    );
    expect(only(r, "ENI-EIP-CUT-THROUGH-PRIVATE").message).toContain("including its 1 secondary private IP(s)");
    EniSuppressions.addSuppressions(x, [{ id: "ENI-EIP-CUT-THROUGH-EXISTING", reason: "DescribeNetworkInterfaces: Secondary, Available, no EIP (CHG-12)" }]);
    expect(only(inspect(app), "ENI-EIP-CUT-THROUGH-EXISTING").suppressed?.reason).toBe("DescribeNetworkInterfaces: Secondary, Available, no EIP (CHG-12)");

    // An attachment made after the association waits for it too.
    const later = withExisting();
    new Eip(later.stack, "Eip").associateCutThrough(later.existing);
    later.existing.attachTo(later.vm);
    const j2 = synthJson(later.stack);
    expect(onlyResource(j2, "alicloud_ecs_network_interface_attachment").depends_on).toEqual([`alicloud_eip_association.${resources(j2, "alicloud_eip_association")[0][0]}`]);
  });

  test("accepting neighbour: a cut-through EIP on a new ENI gets no ENI-EIP-CUT-THROUGH-EXISTING", () => {
    const { app, stack, n } = setup();
    new Eip(stack, "Eip").associateCutThrough(nic(stack, "Sip", n));
    expect(withRule(inspect(app), "ENI-EIP-CUT-THROUGH-EXISTING")).toEqual([]);
  });

  test("a second EIP on an imported cut-through ENI is ENI-EIP-CUT-THROUGH", () => {
    const { app, stack, existing } = withExisting();
    new Eip(stack, "Cut").associateCutThrough(existing);
    expect(withRule(inspect(app), "ENI-EIP-CUT-THROUGH")).toEqual([]);
    new Eip(stack, "Nat").associate(existing, existing.privateIps[1]);
    expect(only(inspect(app), "ENI-EIP-CUT-THROUGH").message).toBe("ENI stack/Sip takes this cut-through EIP and also stack/Nat (NAT); a cut-through ENI carries exactly one EIP.");
  });

  test("an imported ENI that is an imported instance's primary ENI (its primaryNetworkInterfaceId) is ENI-EIP-CUT-THROUGH", () => {
    const { app, stack, n } = setup();
    EcsInstance.fromEcsInstanceAttributes(stack, "Old", { instanceId: "i-bp1old", instanceType: "ecs.g7.large", vswitch: n.vsw, privateIp: "10.0.1.7", primaryNetworkInterfaceId: "eni-bp1primary" });
    const primary = NetworkInterface.fromNetworkInterfaceAttributes(stack, "Primary", { networkInterfaceId: "eni-bp1primary", vswitch: n.vsw, securityGroups: [n.sg], primaryIp: "10.0.1.7" });
    new Eip(stack, "Eip").associateCutThrough(primary);
    const f = only(inspect(app), "ENI-EIP-CUT-THROUGH");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eip", message: "cut-through mode binds a secondary ENI, but stack/Old is an instance (its primary ENI)." });
    expect(() => synthJson(stack)).toThrow(/ENI-EIP-CUT-THROUGH/);
  });

  test("construction: an instance, a HaVip or a plain object is refused, naming both kinds of NetworkInterface", () => {
    const { stack, n, vm } = setup();
    const x = new Eip(stack, "Eip");
    const expected =
      "expected a NetworkInterface (new NetworkInterface or NetworkInterface.fromNetworkInterfaceAttributes; cut-through mode binds a whole secondary ENI, never an instance's primary ENI).";
    expect(() => x.associateCutThrough(vm as never)).toThrow(`associateCutThrough target is the construct stack/Vm; ${expected}`);
    expect(() => x.associateCutThrough(new HaVip(stack, "Vip", { vswitch: n.vsw }) as never)).toThrow(`associateCutThrough target is the construct stack/Vip; ${expected}`);
    expect(() => x.associateCutThrough({} as never)).toThrow(`associateCutThrough target is {}; ${expected}`);
    expect(x.association).toBeUndefined();
  });
});

describe("ENI-EIP-MULTI-BINDED", () => {
  test("is refused with the reason, unless acknowledged by a suppression; the attachment waits for the association", () => {
    const { app, stack, n, vm } = setup();
    const e = nic(stack, "Multi", n, { instance: vm });
    const x = new Eip(stack, "Eip");
    x.associate(e, undefined, { mode: "MULTI_BINDED" });
    const f = only(inspect(app), "ENI-EIP-MULTI-BINDED");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eip" });
    expect(f.message).toBe("the EIP is associated with stack/Multi in MULTI_BINDED (multi-EIP-to-ENI) mode, which no longer accepts new applications.");
    expect(() => synthJson(stack)).toThrow(/ENI-EIP-MULTI-BINDED/);
    EniSuppressions.addSuppressions(x, [{ id: "ENI-EIP-MULTI-BINDED", reason: "account enrolled in multi-EIP mode in 2021 (ticket NET-77)" }]);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_eip_association")).toMatchObject({ mode: "MULTI_BINDED", instance_type: "NetworkInterface" });
    expect(onlyResource(json, "alicloud_ecs_network_interface_attachment").depends_on).toHaveLength(1);
  });

  test("NAT mode is not reported; MULTI_BINDED on an instance is rejected at construction", () => {
    const { app, stack, n, vm } = setup();
    new Eip(stack, "Nat").associate(nic(stack, "E", n));
    expect(withRule(inspect(app), "ENI-EIP-MULTI-BINDED")).toEqual([]);
    expect(() => new Eip(stack, "M").associate(vm, undefined, { mode: "MULTI_BINDED" })).toThrow(/MULTI_BINDED binds EIPs to a secondary ENI, but stack\/Vm is an instance/);
  });
});

describe("EIP on a HaVip (ENI-EIP-HAVIP)", () => {
  test("associate(havip) writes instance_type HaVip with the HaVip id and no private IP or mode", () => {
    const { app, stack, n } = setup();
    const vip = new HaVip(stack, "Vip", { vswitch: n.vsw });
    new Eip(stack, "Public").associate(vip);
    expect(inspect(app).findings.filter((f) => f.severity !== "info")).toEqual([]);
    const a = onlyResource(synthJson(stack), "alicloud_eip_association");
    expect(a).toEqual({
      allocation_id: expect.stringContaining("alicloud_eip_address."),
      instance_id: `\${alicloud_vpc_ha_vip.${resources(synthJson(stack), "alicloud_vpc_ha_vip")[0][0]}.id}`,
      instance_type: "HaVip",
    });
    expect(() => new Eip(stack, "Bad").associate(vip, "10.0.1.5")).toThrow(/an EIP on a HaVip maps to its virtual IP. Omit privateIp/);
  });

  test("a second EIP on one HaVip is an error; an EIP on an imported HaVip that already has one is too", () => {
    const { app, stack, n } = setup();
    const vip = new HaVip(stack, "Vip", { vswitch: n.vsw });
    new Eip(stack, "A").associate(vip);
    new Eip(stack, "B").associate(vip);
    const f = only(inspect(app), "ENI-EIP-HAVIP");
    expect(f).toMatchObject({ severity: "error", path: "stack/B" });
    expect(f.message).toBe("HaVip stack/Vip would have 2 EIPs (stack/A, stack/B); a HaVip takes one.");

    const other = setup();
    const imported = HaVip.fromHaVipAttributes(other.stack, "Old", { haVipId: "havip-bp1old", vswitch: other.n.vsw, ipAddress: "10.0.1.200", hasEip: true });
    new Eip(other.stack, "C").associate(imported);
    expect(only(inspect(other.app), "ENI-EIP-HAVIP").message).toBe("HaVip stack/Old would have 2 EIPs (one associated outside this program, stack/C); a HaVip takes one.");
  });

  test("pure facts: one EIP per HaVip passes", () => {
    const { v, s, g } = baseFacts();
    const h = havip("Vip", s);
    const e = { ...eip("Public", eni("Unused", s, [g])), target: h, privateIp: undefined };
    expect(withRule(plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], havips: [h], eips: [e] })), "ENI-EIP-HAVIP")).toEqual([]);
  });
});
