import { Ipv4Cidr } from "../../src/net/ipv4";
import { Ipv6Cidr } from "../../src/net/ipv6";
import type { Finding } from "../../src/planner";
import { orderFindings } from "../../src/planner/finding-order";
import { RULE_LAYERS } from "../../src/planner/rule";
import { ALL_RULES, ruleById } from "../../src/planner/rules";
import { baseFacts, eni, havip, instance, model, only, plan, provider, sg, slot, vpc, vsw, withRule } from "./planner-helpers";
import type { PlanResult } from "../../src/planner";

const SEVERITY = { error: 0, warning: 1, info: 2 };

/** Index of the one finding of `id` in the plan's order. */
const at = (r: PlanResult, id: string) => r.findings.indexOf(only(r, id));

describe("rule layers and premises (the data the order is built from)", () => {
  test("every rule names a layer; ENI-UNKNOWN-VALUE alone takes its construct's", () => {
    for (const r of ALL_RULES) expect([...RULE_LAYERS, "construct"]).toContain(r.layer);
    expect(ALL_RULES.filter((r) => r.layer === "construct").map((r) => r.id)).toEqual(["ENI-UNKNOWN-VALUE"]);
  });

  test("every premise is a known rule of an upstream layer (or of the same layer on the same construct) and of the same or a higher severity, so the order prints it first", () => {
    const withPremises = ALL_RULES.filter((r) => (r.premises ?? []).length > 0);
    expect(withPremises.map((r) => r.id).sort()).toEqual([
      "ENI-HAVIP-STANDBY",
      "ENI-IP-OUTSIDE",
      "ENI-IPV6-OUTSIDE",
      "ENI-PREFIX-RESERVATION",
      "ENI-PREFIX-SLOTS",
      "ENI-SG-VPC",
      "ENI-VPC",
      "ENI-VSW-IN-VPC",
      "ENI-ZONE",
    ]);
    const rank = (l: string) => RULE_LAYERS.indexOf(l as (typeof RULE_LAYERS)[number]);
    for (const r of withPremises) {
      for (const p of r.premises!) {
        const root = ruleById(p.rule);
        expect(root).toBeDefined();
        expect(root!.layer).not.toBe("construct");
        if (root!.layer === r.layer) expect(`${p.rule} ${p.scope}`).toBe(`${p.rule} self`);
        else expect(rank(root!.layer)).toBeLessThan(rank(r.layer));
        expect(SEVERITY[root!.severity]).toBeLessThanOrEqual(SEVERITY[r.severity]);
        expect(p.then).toMatch(/^[a-z].*[^.]$/); // read after "then"; the sentence ends with the pointer's full stop
      }
    }
  });
});

describe("co-firing root causes: printed first, and the dependent's fix points at them", () => {
  test("ENI-VPC-CIDR, ENI-VSW-IN-VPC and ENI-IP-OUTSIDE in a chain: each points at the one above it", () => {
    const v = vpc("Vpc", "100.64.0.0/16");
    const s = vsw("Vsw", v, "10.0.1.0/24");
    const g = sg("Sg", v);
    const e = eni("Eni", s, [g], 0, [], { primaryIp: slot("app/stack/Eni", "primary", s, "10.0.2.5") });
    const r = plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [e] }));
    expect(only(r, "ENI-VPC-CIDR").fix).toBe("Use a block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.");
    expect(only(r, "ENI-VSW-IN-VPC").fix).toBe("First fix ENI-VPC-CIDR on app/stack/Vpc, then pick a vSwitch block inside the new VPC CIDR.");
    expect(only(r, "ENI-IP-OUTSIDE").message).toBe("private IP (primary) 10.0.2.5 is outside vSwitch app/stack/Vsw (10.0.1.0/24).");
    expect(only(r, "ENI-IP-OUTSIDE").fix).toBe("First fix ENI-VSW-IN-VPC on app/stack/Vsw, then use an address inside the vSwitch's CIDR as it ends up, or leave it out to have one planned.");
    // By path alone app/stack/Eni would come first.
    expect(r.findings.map((f) => f.ruleId)).toEqual(["ENI-VPC-CIDR", "ENI-VSW-IN-VPC", "ENI-IP-OUTSIDE", "ENI-SEC-SG-NO-RULES"]);
    expect(r.errors.map((f) => f.ruleId)).toEqual(["ENI-VPC-CIDR", "ENI-VSW-IN-VPC", "ENI-IP-OUTSIDE"]);
  });

  test("ENI-IP-OUTSIDE keeps its own fix in a vSwitch that is fine", () => {
    const { v, s, g } = baseFacts();
    const e = eni("Eni", s, [g], 0, [], { primaryIp: slot("app/stack/Eni", "primary", s, "10.0.2.5") });
    expect(only(plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [e] })), "ENI-IP-OUTSIDE").fix).toBe("Use an address inside 10.0.1.0/24, or leave it out to have one planned.");
  });

  test("ENI-VSW-OVERLAP + ENI-IP-OUTSIDE: the address of the vSwitch that has to move is not pinned to its block", () => {
    const { v, s, g } = baseFacts(); // Vsw 10.0.1.0/24
    const half = vsw("Half", v, "10.0.1.128/25");
    const e = eni("Eni", half, [g], 0, [], { primaryIp: slot("app/stack/Eni", "primary", half, "10.0.1.5") });
    const r = plan(model({ vpcs: [v], vswitches: [s, half], securityGroups: [g], enis: [e] }));
    expect(only(r, "ENI-VSW-OVERLAP").path).toBe("app/stack/Half");
    expect(only(r, "ENI-IP-OUTSIDE").fix).toBe("First fix ENI-VSW-OVERLAP on app/stack/Half, then use an address inside the vSwitch's CIDR as it ends up, or leave it out to have one planned.");
    expect(at(r, "ENI-VSW-OVERLAP")).toBeLessThan(at(r, "ENI-IP-OUTSIDE"));
  });

  test("an ENI-IP-OUTSIDE in another vSwitch of a broken VPC's neighbour is not pointed at it (the root must be the owner's own vSwitch)", () => {
    const { v, s, g } = baseFacts();
    const far = vsw("Far", v, "10.1.1.0/24"); // ENI-VSW-IN-VPC, but the ENI is not in it
    const e = eni("Eni", s, [g], 0, [], { primaryIp: slot("app/stack/Eni", "primary", s, "10.0.2.5") });
    const r = plan(model({ vpcs: [v], vswitches: [s, far], securityGroups: [g], enis: [e] }));
    expect(only(r, "ENI-VSW-IN-VPC").path).toBe("app/stack/Far");
    expect(only(r, "ENI-IP-OUTSIDE").fix).toBe("Use an address inside 10.0.1.0/24, or leave it out to have one planned.");
  });

  test("ENI-ZONE-REGION on the instance's vSwitch + ENI-ZONE on the ENI (found through the attachment)", () => {
    const v = vpc("Vpc");
    const home = vsw("Home", v, "10.0.1.0/24", "cn-hangzhou-h");
    const away = vsw("Away", v, "10.0.2.0/24", "cn-shanghai-b");
    const g = sg("Sg", v);
    const i = instance("Web", "ecs.g7.large", away, [g]);
    const e = eni("Eni", home, [g], 0, [i]);
    const r = plan(model({ vpcs: [v], vswitches: [home, away], securityGroups: [g], instances: [i], enis: [e], providers: [provider("cn-hangzhou")] }));
    expect(only(r, "ENI-ZONE-REGION").path).toBe("app/stack/Away");
    expect(only(r, "ENI-ZONE").fix).toBe("First fix ENI-ZONE-REGION on app/stack/Away, then put the ENI's vSwitch and every instance it may be attached to in one zone of the region.");
    expect(at(r, "ENI-ZONE-REGION")).toBeLessThan(at(r, "ENI-ZONE")); // app/stack/Away < app/stack/Eni anyway; the layer decides
  });

  test("ENI-ATTACH-ONCE + ENI-ZONE and ENI-VPC on the same ENI: which instance it stays on decides the zone and VPC", () => {
    const { v, s, g } = baseFacts();
    const other = vpc("Other", "10.1.0.0/16");
    const i1 = instance("A", "ecs.g7.large", s, [g]);
    const i2 = instance("B", "ecs.g7.large", vsw("VswI", v, "10.0.2.0/24", "cn-hangzhou-i"), [g]);
    const i3 = instance("C", "ecs.g7.large", vsw("VswO", other, "10.1.1.0/24"), [sg("SgO", other)]);
    const e = eni("Eni", s, [g], 0, [i1, i2, i3]);
    const r = plan(model({ vpcs: [v, other], vswitches: [s, i2.vswitch, i3.vswitch], securityGroups: [g, i3.securityGroups[0]], instances: [i1, i2, i3], enis: [e] }));
    expect(only(r, "ENI-ATTACH-ONCE").path).toBe("app/stack/Eni");
    expect(only(r, "ENI-ZONE").fix).toBe("First fix ENI-ATTACH-ONCE on app/stack/Eni, then put the ENI and every instance it may be attached to in one zone.");
    expect(only(r, "ENI-VPC").fix).toBe("First fix ENI-ATTACH-ONCE on app/stack/Eni, then put the ENI and every instance it may be attached to in one VPC.");
    expect(at(r, "ENI-ATTACH-ONCE")).toBeLessThan(Math.min(at(r, "ENI-ZONE"), at(r, "ENI-VPC")));
  });

  test("ENI-VPC + ENI-SG-VPC on one ENI: the group is not to be swapped for one of a VPC the ENI is about to leave", () => {
    const { v, s, g } = baseFacts();
    const other = vpc("Other", "10.1.0.0/16");
    const os = vsw("OtherVsw", other, "10.1.1.0/24");
    const i = instance("Web", "ecs.g7.large", s, [g]);
    const e = eni("Eni", os, [g], 0, [i]); // the instance's group, a vSwitch of another VPC
    const r = plan(model({ vpcs: [v, other], vswitches: [s, os], securityGroups: [g], instances: [i], enis: [e] }));
    expect(only(r, "ENI-SG-VPC").message).toBe("security group app/stack/Sg is in VPC app/stack/Vpc, but the ENI is in VPC app/stack/Other.");
    expect(only(r, "ENI-SG-VPC").fix).toBe("First fix ENI-VPC on app/stack/Eni, then use security groups of the VPC the ENI ends up in.");
    expect(at(r, "ENI-VPC")).toBeLessThan(at(r, "ENI-SG-VPC")); // by rule id ENI-SG-VPC would come first
  });

  test("ENI-SG-VPC without ENI-VPC keeps its fix", () => {
    const { v, s, g } = baseFacts();
    const other = vpc("Other", "10.1.0.0/16");
    const e = eni("Eni", s, [sg("SgO", other)]);
    expect(only(plan(model({ vpcs: [v, other], vswitches: [s], securityGroups: [g], enis: [e] })), "ENI-SG-VPC").fix).toBe("Use security groups of the ENI's own VPC.");
  });

  test("ENI-PREFIX-MIX + ENI-PREFIX-SLOTS: the slot count is not fixed by a prefix count that leaves room for secondaries ENI-PREFIX-MIX moves away", () => {
    const { v, g } = baseFacts();
    const s = vsw("Vsw", v, "10.0.1.0/24", "cn-hangzhou-h", { reservations: [{ path: "app/stack/Vsw/Prefixes", key: "app/stack/Vsw/Prefixes#cidr", mask: 26 }] });
    const i = instance("Web", "ecs.g7.large", s, [g]); // 6 private IPv4 per ENI
    const e = eni("Eni", s, [g], 3, [i], { ipv4Prefixes: [1, 2, 3].map((n) => slot("app/stack/Eni", `prefix-${n}`, s)) });
    const r = plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], instances: [i], enis: [e] }));
    expect(only(r, "ENI-PREFIX-SLOTS").message).toContain("this ENI uses 7 (1 primary + 3 secondary + 3 prefix(es))");
    expect(only(r, "ENI-PREFIX-SLOTS").fix).toBe("First fix ENI-PREFIX-MIX on app/stack/Eni, then keep the primary IP and the prefixes within the instance type's private IPv4 slots per ENI.");
    expect(at(r, "ENI-PREFIX-MIX")).toBeLessThan(at(r, "ENI-PREFIX-SLOTS"));
  });

  test("ENI-VSW-IN-VPC + ENI-PREFIX-RESERVATION: a reservation is not pinned to the block of a vSwitch that has to move; the vSwitch's own count keeps its fix", () => {
    const v = vpc("Vpc");
    const reservations = [
      { path: "app/stack/Vsw/Fixed", key: "app/stack/Vsw/Fixed#cidr", cidr: Ipv4Cidr.parse("10.0.1.0/26") }, // outside the vSwitch
      { path: "app/stack/Vsw/Chosen", key: "app/stack/Vsw/Chosen#cidr", mask: 28 },
    ];
    const s = vsw("Vsw", v, "10.1.1.0/24", "cn-hangzhou-h", { reservations });
    const r = plan(model({ vpcs: [v], vswitches: [s] }), { maxReservationsPerVSwitch: 1 });
    const byPath = (p: string) => withRule(r, "ENI-PREFIX-RESERVATION").find((f) => f.path === p)!;
    expect(byPath("app/stack/Vsw/Fixed").message).toBe("reserved block 10.0.1.0/26 is not a proper subset of vSwitch app/stack/Vsw (10.1.1.0/24).");
    expect(byPath("app/stack/Vsw/Fixed").fix).toBe(
      "First fix ENI-VSW-IN-VPC on app/stack/Vsw, then reserve a block (/28 or shorter) inside the vSwitch's CIDR as it ends up, clear of its first address, its last three and the other reservations.",
    );
    expect(byPath("app/stack/Vsw").fix).toBe("Use fewer, larger reservations (a /26 holds 4 prefixes), or set maxReservationsPerVSwitch if your quota is higher.");
    expect(r.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(["ENI-VSW-IN-VPC app/stack/Vsw", "ENI-PREFIX-RESERVATION app/stack/Vsw", "ENI-PREFIX-RESERVATION app/stack/Vsw/Fixed"]);
  });

  test("ENI-HAVIP-VSWITCH + ENI-HAVIP-STANDBY: the standby is not sent to a vSwitch the HaVip is told to leave", () => {
    const { v, s, g } = baseFacts();
    const b = vsw("VswB", v, "10.0.2.0/24");
    const member = eni("Member", b, [g]);
    const standby = eni("Standby", b, [g]);
    const h = { ...havip("Vip", s, [member]), unreachableStandbys: [standby] };
    const r = plan(model({ vpcs: [v], vswitches: [s, b], securityGroups: [g], enis: [member, standby], havips: [h] }));
    expect(only(r, "ENI-HAVIP-VSWITCH").fix).toBe("Create the HaVip in the vSwitch of the ENIs (or instances) it floats between.");
    expect(only(r, "ENI-HAVIP-STANDBY").fix).toBe("First fix ENI-HAVIP-VSWITCH on app/stack/Vip, then put the standby in the vSwitch the HaVip ends up in, or suppress with the reason.");
    const alone = plan(model({ vpcs: [v], vswitches: [s, b], securityGroups: [g], enis: [standby], havips: [{ ...havip("Vip", s, []), unreachableStandbys: [standby] }] }));
    expect(only(alone, "ENI-HAVIP-STANDBY").fix).toBe("Put the standby's ENI in the HaVip's vSwitch (same zone), or suppress with the reason (e.g. a quorum-only node).");
  });

  test("ENI-IPV6-SUFFIX + ENI-IPV6-OUTSIDE: an imported /64 outside its VPC's block is not the block to pick addresses from", () => {
    const v = vpc("Vpc", "10.0.0.0/16", { ipv6: { mask: 56, cidr: Ipv6Cidr.parse("2408:4002:1000:ab00::/56") } });
    const s = vsw("Vsw", v, "10.0.1.0/24", "cn-hangzhou-h", { ipv6: { cidr: Ipv6Cidr.parse("2408:4002:2000:1::/64") } });
    const g = sg("Sg", v);
    const e = eni("Eni", s, [g], 0, [], { ipv6Ips: [slot("app/stack/Eni", "ipv6-1", s, "2408:4002:3000::5")] });
    const r = plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [e] }));
    expect(only(r, "ENI-IPV6-SUFFIX").path).toBe("app/stack/Vsw");
    expect(only(r, "ENI-IPV6-OUTSIDE").fix).toBe(
      "First fix ENI-IPV6-SUFFIX on app/stack/Vsw, then use an address inside the vSwitch's IPv6 block as it ends up, or use ipv6AddressCount to have one planned.",
    );
    expect(at(r, "ENI-IPV6-SUFFIX")).toBeLessThan(at(r, "ENI-IPV6-OUTSIDE")); // app/stack/Eni < app/stack/Vsw by path
  });

  test("a suppressed root cause is no root cause: the dependent keeps its own fix", () => {
    const { s } = baseFacts();
    const m = model({ havips: [havip("Vip", s)] });
    const root: Finding = { ruleId: "ENI-HAVIP-VSWITCH", severity: "error", path: "app/stack/Vip", message: "m", fix: "f" };
    const dep: Finding = { ruleId: "ENI-HAVIP-STANDBY", severity: "warning", path: "app/stack/Vip", message: "m", fix: "own fix" };
    const pointed = [dep, root];
    orderFindings(pointed, m);
    expect(pointed.map((f) => f.fix)).toEqual(["f", "First fix ENI-HAVIP-VSWITCH on app/stack/Vip, then put the standby in the vSwitch the HaVip ends up in, or suppress with the reason."]);
    const suppressed = [dep, { ...root, suppressed: { reason: "checked by hand", by: "app" } }];
    orderFindings(suppressed, m);
    expect(suppressed.map((f) => f.fix)).toEqual(["f", "own fix"]);
  });
});

describe("the order is deterministic", () => {
  function messy() {
    const v = vpc("Vpc", "100.64.0.0/16");
    const s = vsw("Vsw", v, "10.0.1.0/24", "cn-shanghai-b");
    const t = vsw("Other", v, "10.0.1.128/25", "cn-hangzhou-h");
    const g = sg("Sg", v, { rules: [] });
    const i = instance("Web", "ecs.g7.large", t, [g], 0, { primaryIp: slot("app/stack/Web", "primary", t, "10.0.9.9") });
    const e = eni("Eni", s, [g, sg("Sg2", vpc("Vpc2", "10.9.0.0/16"))], 12, [i], { primaryIp: slot("app/stack/Eni", "primary", s, "10.0.1.0") });
    return model({ vpcs: [v], vswitches: [s, t], securityGroups: [g], instances: [i], enis: [e], providers: [provider("cn-hangzhou")] });
  }

  test("the same model gives byte-identical findings, whatever order the rules reported them in", () => {
    const first = plan(messy()).findings;
    expect(first.length).toBeGreaterThan(8);
    expect(JSON.stringify(plan(messy()).findings)).toBe(JSON.stringify(first));
    // Any permutation of the reported findings orders to the same list.
    const m = messy();
    for (let seed = 1; seed <= 5; seed++) {
      const shuffled = [...first]
        .map((f, i) => ({ f, k: (i * 7919 * seed) % 104729 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.f);
      orderFindings(shuffled, m);
      expect(JSON.stringify(shuffled)).toBe(JSON.stringify(first));
    }
  });

  test("severity first, then layer, then path: an error downstream comes before a warning upstream", () => {
    const r = plan(messy());
    const sev = r.findings.map((f) => SEVERITY[f.severity]);
    expect([...sev].sort((a, b) => a - b)).toEqual(sev);
    const layers = r.findings.filter((f) => f.severity === "error").map((f) => RULE_LAYERS.indexOf(ruleById(f.ruleId)!.layer as (typeof RULE_LAYERS)[number]));
    expect([...layers].sort((a, b) => a - b)).toEqual(layers);
  });
});
