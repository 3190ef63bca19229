import { EniConfigError, HaVip, NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../../src";
import { App, TerraformVariable } from "../../../src/cdktf";
import { onlyResource, resources, synthJson, testApp, testStack } from "../../support/synth";
import { baseFacts, ecs, eni, inspect, model, net, nic, only, plan, slot, unknown, vsw, withRule } from "../planner-helpers";
import { thrown } from "../../support/thrown";

/** A stack that imports the existing vSwitch vsw-shared (10.0.1.0/24) of vpc-shared. */
function sharedVswStack(app: App, id: string, usedIps?: string[]) {
  const stack = testStack(app, id);
  const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-shared", cidrBlock: "10.0.0.0/16" });
  const vsw = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-shared", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps });
  const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-shared", vpc, type: "normal" });
  return { stack, n: { vpc: vpc as Vpc, vsw: vsw as VSwitch, sg: sg as SecurityGroup } };
}

describe("ENI-IP-RESERVED", () => {
  test.each(["10.0.1.0", "10.0.1.253", "10.0.1.254", "10.0.1.255"])("explicit %s (reserved in 10.0.1.0/24) fails", (ip) => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Eni", n, { primaryIp: ip });
    const f = only(inspect(app), "ENI-IP-RESERVED");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe(`private IP (primary) ${ip} is one of the four addresses Alibaba Cloud reserves in vSwitch stack/Vsw (10.0.1.0/24: the first and the last three).`);
    expect(() => synthJson(stack)).toThrow(/ENI-IP-RESERVED/);
  });

  test.each(["10.0.1.1", "10.0.1.252"])("explicit %s (first and last usable) passes and is emitted as given", (ip) => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Eni", n, { primaryIp: ip });
    expect(inspect(app).errors).toEqual([]);
    expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface").primary_ip_address).toBe(ip);
  });

  test("reserved addresses of a /29 (10.0.0.8/29: .8, .13, .14, .15) on an explicit secondary IP", () => {
    const { v, g } = baseFacts();
    const s = vsw("Small", v, "10.0.0.8/29");
    const e = eni("Eni", s, [g]);
    e.secondaryIps = [slot(e.path, "secondary-ip-1", s, "10.0.0.13")];
    const f = only(plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [e] })), "ENI-IP-RESERVED");
    expect(f.message).toContain("private IP (secondary-ip-1) 10.0.0.13");
    expect(f.message).toContain("10.0.0.8/29");
  });
});

describe("ENI-IP-USED", () => {
  test("an explicit address listed in the vSwitch's usedIps fails", () => {
    const app = testApp();
    const { stack, n } = sharedVswStack(app, "stack", ["10.0.1.1", "10.0.1.2"]);
    nic(stack, "Eni", n, { primaryIp: "10.0.1.2" });
    const f = only(inspect(app), "ENI-IP-USED");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe("private IP (primary) 10.0.1.2 is listed in usedIps of vSwitch stack/Vsw: it is taken outside this program.");
  });

  test("allocation skips usedIps", () => {
    const app = testApp();
    const { stack, n } = sharedVswStack(app, "stack", ["10.0.1.1", "10.0.1.2", "10.0.1.4"]);
    nic(stack, "Eni", n, { secondaryPrivateIpCount: 2 });
    expect(inspect(app).errors).toEqual([]);
    const e = onlyResource(synthJson(stack), "alicloud_ecs_network_interface");
    expect([e.primary_ip_address, ...e.private_ip_addresses]).toEqual(["10.0.1.3", "10.0.1.5", "10.0.1.6"]);
  });

  test("an invalid usedIps entry is a construction error naming the vSwitch", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
    const e = thrown(() => VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps: ["10.0.1.300"] }));
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toContain("(error) stack/Vsw\n");
    expect(e.message).toContain("10.0.1.300");
  });
});

describe("ENI-IP-OUTSIDE", () => {
  test("an explicit address outside the vSwitch fails, naming the address and the CIDR", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Eni", n, { secondaryPrivateIps: ["10.0.1.20", "10.0.2.5"] });
    const f = only(inspect(app), "ENI-IP-OUTSIDE");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eni" });
    expect(f.message).toBe("private IP (secondary-ip-2) 10.0.2.5 is outside vSwitch stack/Vsw (10.0.1.0/24).");
  });

  test("on an instance and a HaVip too; inside passes", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    new HaVip(stack, "Vip", { vswitch: n.vsw, ipAddress: "192.168.0.10" });
    new HaVip(stack, "GoodVip", { vswitch: n.vsw, ipAddress: "10.0.1.10" });
    const r = inspect(app);
    const f = only(r, "ENI-IP-OUTSIDE");
    expect(f.path).toBe("stack/Vip");
    expect(f.message).toContain("private IP (vip) 192.168.0.10");
  });
});

describe("ENI-IP-INVALID", () => {
  test("IPv6 given to the L2 is a construction error naming the path (never reaches the planner)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const e = thrown(() => nic(stack, "Eni6", n, { primaryIp: "fd00::10" }));
    expect(e).toBeInstanceOf(EniConfigError);
    expect((e as EniConfigError).constructPath).toBe("stack/Eni6");
    expect(e.message).toContain('"fd00::10"');
    expect(e.message).toContain("IPv6");
    const e2 = thrown(() => nic(stack, "Eni6b", n, { secondaryPrivateIps: ["10.0.1.5", "2001:db8::1"] }));
    expect(e2).toBeInstanceOf(EniConfigError);
    expect(e2.message).toContain("secondaryPrivateIps[1]");
  });

  test("a malformed or IPv6 address in hand-built facts is reported by the planner (pure)", () => {
    const { v, s, g } = baseFacts();
    const a = eni("A", s, [g]);
    const b = eni("B", s, [g]);
    const r = plan(
      model({
        vpcs: [v],
        vswitches: [s],
        securityGroups: [g],
        enis: [
          { ...a, primaryIp: slot(a.path, "primary", s, "10.0.1.300") },
          { ...b, primaryIp: slot(b.path, "primary", s, "fd00::1") },
        ],
      }),
    );
    const found = withRule(r, "ENI-IP-INVALID");
    expect(found.map((f) => f.path)).toEqual(["app/stack/A", "app/stack/B"]);
    expect(found[0]).toMatchObject({ severity: "error" });
    expect(found[0].message).toContain('private IP (primary) "10.0.1.300" is not a valid IPv4 address');
    expect(found[1].message).toContain('"fd00::1"');
  });
});

describe("ENI-IP-DUPLICATE", () => {
  test("the same explicit address twice in one stack fails", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "A", n, { primaryIp: "10.0.1.9" });
    nic(stack, "B", n, { secondaryPrivateIps: ["10.0.1.9"] });
    const f = only(inspect(app), "ENI-IP-DUPLICATE");
    expect(f).toMatchObject({ severity: "error" });
    expect(f.message).toContain("10.0.1.9 is also given to");
    expect(f.message).toContain("in vSwitch stack/Vsw");
  });

  test("a duplicate explicit address across two stacks that import the same vSwitch fails (cross-stack)", () => {
    const app = testApp();
    const a = sharedVswStack(app, "a");
    const b = sharedVswStack(app, "b");
    nic(a.stack, "Eni", a.n, { primaryIp: "10.0.1.9" });
    nic(b.stack, "Eni", b.n, { primaryIp: "10.0.1.9" });
    const f = only(inspect(app), "ENI-IP-DUPLICATE");
    expect(f.path).toBe("b/Eni");
    expect(f.message).toBe("private IP (primary) 10.0.1.9 is also given to a/Eni#primary in vSwitch a/Vsw.");
    expect(() => synthJson(a.stack)).toThrow(/ENI-IP-DUPLICATE/);
    expect(() => synthJson(b.stack)).toThrow(/ENI-IP-DUPLICATE/);
  });

  test("a duplicate across two stacks where one stack uses the other's vSwitch (cross-stack reference)", () => {
    const app = testApp();
    const a = testStack(app, "a");
    const b = testStack(app, "b");
    const n = net(a);
    nic(a, "Eni", n, { primaryIp: "10.0.1.9" });
    nic(b, "Eni", n, { primaryIp: "10.0.1.9" });
    const f = only(inspect(app), "ENI-IP-DUPLICATE");
    expect(f.path).toBe("b/Eni");
    expect(f.message).toContain("also given to a/Eni#primary");
  });

  test("two stacks sharing a vSwitch get distinct allocated addresses", () => {
    const app = testApp();
    const a = sharedVswStack(app, "a");
    const b = sharedVswStack(app, "b");
    nic(a.stack, "Eni", a.n, { secondaryPrivateIpCount: 2 });
    nic(b.stack, "Eni", b.n, { secondaryPrivateIpCount: 2 });
    nic(b.stack, "Eni2", b.n);
    expect(inspect(app).errors).toEqual([]);
    const all: string[] = [];
    for (const stack of [a.stack, b.stack]) {
      for (const [, e] of resources(synthJson(stack), "alicloud_ecs_network_interface")) all.push(e.primary_ip_address, ...(e.private_ip_addresses ?? []));
    }
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
    for (const ip of all) expect(ip).toMatch(/^10\.0\.1\.\d+$/);
  });
});

describe("ENI-VSW-EXHAUSTED", () => {
  function smallVsw(enis: number) {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    const vsw = new VSwitch(stack, "Small", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.0.8/29" });
    const sg = new SecurityGroup(stack, "Sg", { vpc });
    for (let i = 1; i <= enis; i++) new NetworkInterface(stack, `Eni${i}`, { vswitch: vsw, securityGroups: [sg] });
    return { app, stack };
  }

  test("a /29 holds 4 addresses: 4 ENIs pass and get .9 to .12", () => {
    const { app, stack } = smallVsw(4);
    expect(inspect(app).errors).toEqual([]);
    const ips = resources(synthJson(stack), "alicloud_ecs_network_interface").map(([, e]) => e.primary_ip_address);
    expect(ips.sort()).toEqual(["10.0.0.10", "10.0.0.11", "10.0.0.12", "10.0.0.9"]);
  });

  test("a 5th address fails on the vSwitch with the numbers wanted, free and usable", () => {
    const { app, stack } = smallVsw(5);
    const f = only(inspect(app), "ENI-VSW-EXHAUSTED");
    expect(f).toMatchObject({ severity: "error", path: "stack/Small" });
    expect(f.message).toBe("vSwitch stack/Small (10.0.0.8/29, 4 usable after the 4 reserved) is exhausted: 5 new address(es) wanted, 4 free; 1 got none (stack/Eni5#primary).");
    expect(() => synthJson(stack)).toThrow(/ENI-VSW-EXHAUSTED/);
  });

  test("explicit addresses and usedIps reduce what is free", () => {
    const { v, g } = baseFacts();
    const s = vsw("Small", v, "10.0.0.8/29", "cn-hangzhou-h", { usedIps: ["10.0.0.9"] });
    const fixed = eni("Fixed", s, [g]);
    const enis = [{ ...fixed, primaryIp: slot(fixed.path, "primary", s, "10.0.0.10") }, eni("P1", s, [g]), eni("P2", s, [g])];
    expect(plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis })).errors).toEqual([]);
    const f = only(plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [...enis, eni("P3", s, [g])] })), "ENI-VSW-EXHAUSTED");
    expect(f.message).toContain("3 new address(es) wanted, 2 free; 1 got none (app/stack/P3#primary)");
  });
});

describe("token values (ENI-UNKNOWN-VALUE, ENI-IP-UNPLANNABLE)", () => {
  function tokenVsw() {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const cidr = new TerraformVariable(stack, "vsw_cidr", { type: "string" }).stringValue;
    const vsw = new VSwitch(stack, "TokVsw", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: cidr });
    return { app, stack, n, vsw, cidr };
  }

  test("a vSwitch with a token CIDR never crashes; warnings name the value; the ENI gets a count instead of addresses", () => {
    const { app, stack, n, vsw } = tokenVsw();
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    nic(stack, "Eni", n, { vswitch: vsw, secondaryPrivateIpCount: 2, instance: web });
    const r = inspect(app);
    expect(r.errors).toEqual([]);
    const warnings = withRule(r, "ENI-UNKNOWN-VALUE");
    expect(warnings.every((w) => w.severity === "warning")).toBe(true);
    const onVsw = warnings.find((w) => w.path === "stack/TokVsw");
    expect(onVsw?.message).toContain("vSwitch CIDR ${var.vsw_cidr} is unknown at synth time");
    const onEni = warnings.find((w) => w.path === "stack/Eni");
    expect(onEni?.message).toContain("vSwitch stack/TokVsw CIDR is unknown at synth time; 3 address(es) are left for the cloud to pick");
    expect([...r.unplanned].sort()).toEqual(["stack/Eni#primary", "stack/Eni#secondary-1", "stack/Eni#secondary-2"]);

    const json = synthJson(stack);
    const e = onlyResource(json, "alicloud_ecs_network_interface");
    expect(e.secondary_private_ip_address_count).toBe(2);
    expect(e).not.toHaveProperty("private_ip_addresses");
    expect(e).not.toHaveProperty("primary_ip_address");
    const tokVsw = resources(json, "alicloud_vswitch").find(([name]) => name.startsWith("TokVsw"));
    expect(tokVsw?.[1].cidr_block).toBe("${var.vsw_cidr}");
  });

  test("ENI-IP-UNPLANNABLE when mixing explicit and counted addresses on such a vSwitch", () => {
    const { app, stack, n, vsw } = tokenVsw();
    nic(stack, "Mixed", n, { vswitch: vsw, primaryIp: "10.9.0.10", secondaryPrivateIpCount: 2 });
    const r = inspect(app);
    const f = only(r, "ENI-IP-UNPLANNABLE");
    expect(f).toMatchObject({ severity: "error", path: "stack/Mixed" });
    expect(f.message).toBe("vSwitch stack/TokVsw has an unknown CIDR; 2 address(es) cannot be planned next to 1 explicit one(s).");
    expect(() => synthJson(stack)).toThrow(/ENI-IP-UNPLANNABLE/);
  });

  test("all-explicit addresses on such a vSwitch pass and are emitted as given", () => {
    const { app, stack, n, vsw } = tokenVsw();
    nic(stack, "Fixed", n, { vswitch: vsw, primaryIp: "10.9.0.10", secondaryPrivateIps: ["10.9.0.11"] });
    const r = inspect(app);
    expect(withRule(r, "ENI-IP-UNPLANNABLE")).toEqual([]);
    expect(r.errors).toEqual([]);
    const e = onlyResource(synthJson(stack), "alicloud_ecs_network_interface");
    expect(e.primary_ip_address).toBe("10.9.0.10");
    expect(e.private_ip_addresses).toEqual(["10.9.0.11"]);
    expect(e).not.toHaveProperty("secondary_private_ip_address_count");
  });

  test("a token private IP is a warning naming the value and is emitted as the reference", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const ip = new TerraformVariable(stack, "eni_ip", { type: "string" }).stringValue;
    nic(stack, "Eni", n, { primaryIp: ip });
    const r = inspect(app);
    const f = only(r, "ENI-UNKNOWN-VALUE");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Eni" });
    expect(f.message).toContain("private IP ${var.eni_ip} (primary) is unknown at synth time");
    expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface").primary_ip_address).toBe("${var.eni_ip}");
  });

  test("pure: token explicit address is not allocated and does not collide", () => {
    const { v, s, g } = baseFacts();
    const a = eni("A", s, [g]);
    const r = plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [{ ...a, primaryIp: slot(a.path, "primary", s, unknown("${var.ip}")) }, eni("B", s, [g])] }));
    expect(r.errors).toEqual([]);
    expect(r.addresses.get("app/stack/A#primary")).toBeUndefined();
    expect(r.addresses.get("app/stack/B#primary")).toBe("10.0.1.1");
  });
});
