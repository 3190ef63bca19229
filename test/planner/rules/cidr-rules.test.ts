import { NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../../src";
import { TerraformVariable } from "../../../src/cdktf";
import { synthJson, testApp, testStack } from "../../support/synth";
import { inspect, model, only, plan, unknown, vpc, vsw, withRule } from "../planner-helpers";

/** Plans one VPC (and optional vSwitches in it) built with the L2 constructs. */
function vpcApp(cidrBlock: string, options: { minVpcPrefix?: number } = {}, vswitches: [string, string][] = []) {
  const app = testApp(options);
  const stack = testStack(app);
  const v = new Vpc(stack, "Vpc", { cidrBlock });
  vswitches.forEach(([id, cidr]) => new VSwitch(stack, id, { vpc: v, zoneId: "cn-hangzhou-h", cidrBlock: cidr }));
  return { app, stack, r: inspect(app) };
}

describe("ENI-VPC-CIDR", () => {
  test("a /7 VPC fails, naming the mask and the allowed range", () => {
    const { r } = vpcApp("10.0.0.0/7");
    const f = only(r, "ENI-VPC-CIDR");
    expect(f).toMatchObject({ severity: "error", path: "stack/Vpc" });
    expect(f.message).toBe("VPC CIDR 10.0.0.0/7 has a /7 mask; allowed: /8 to /28.");
    expect(r.errors).toEqual([f]);
  });

  test("a CIDR error fails synth of a stack with ENIs", () => {
    const app = testApp();
    const stack = testStack(app);
    const v = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/7" });
    const s = new VSwitch(stack, "Vsw", { vpc: v, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    new NetworkInterface(stack, "Eni", { vswitch: s, securityGroups: [new SecurityGroup(stack, "Sg", { vpc: v })] });
    expect(() => synthJson(stack)).toThrow(/ENI-VPC-CIDR[\s\S]*10\.0\.0\.0\/7/);
  });

  // Vpc, VSwitch and SecurityGroup register the planner's validation on their stack, so a stack
  // holding only network constructs is checked too.
  test("a CIDR error fails synth of a stack with only a VPC and vSwitches", () => {
    const { stack } = vpcApp("10.0.0.0/7", {}, [["Vsw", "10.0.1.0/24"]]);
    expect(() => synthJson(stack)).toThrow(/ENI-VPC-CIDR/);
  });

  test.each(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "10.0.0.0/28"])("%s passes", (cidr) => {
    const { r, stack } = vpcApp(cidr);
    expect(withRule(r, "ENI-VPC-CIDR")).toEqual([]);
    expect(() => synthJson(stack)).not.toThrow();
  });

  test("a /29 VPC fails (longest mask is /28)", () => {
    expect(only(vpcApp("10.0.0.0/29").r, "ENI-VPC-CIDR").message).toBe("VPC CIDR 10.0.0.0/29 has a /29 mask; allowed: /8 to /28.");
  });

  test("with minVpcPrefix 16, /15 fails and /16 passes", () => {
    const f = only(vpcApp("10.0.0.0/15", { minVpcPrefix: 16 }).r, "ENI-VPC-CIDR");
    expect(f.message).toBe("VPC CIDR 10.0.0.0/15 has a /15 mask; allowed: /16 to /28.");
    expect(withRule(vpcApp("10.0.0.0/16", { minVpcPrefix: 16 }).r, "ENI-VPC-CIDR")).toEqual([]);
    expect(withRule(vpcApp("10.0.0.0/15").r, "ENI-VPC-CIDR")).toEqual([]);
  });

  test.each([
    ["100.64.1.0/24", "100.64.0.0/10"],
    ["100.127.0.0/16", "100.64.0.0/10"],
    ["127.0.0.0/16", "127.0.0.0/8"],
    ["169.254.0.0/16", "169.254.0.0/16"],
    ["224.0.0.0/8", "224.0.0.0/4"],
    ["239.1.0.0/16", "224.0.0.0/4"],
  ])("VPC %s is in the forbidden range %s", (cidr, range) => {
    const f = only(vpcApp(cidr).r, "ENI-VPC-CIDR");
    expect(f.path).toBe("stack/Vpc");
    expect(f.message).toBe(`VPC CIDR ${cidr} overlaps the forbidden range ${range}.`);
  });

  test.each(["100.128.0.0/16", "100.63.0.0/16", "169.253.0.0/16", "223.0.0.0/16", "126.0.0.0/16"])("%s (next to a forbidden range) passes", (cidr) => {
    expect(withRule(vpcApp(cidr).r, "ENI-VPC-CIDR")).toEqual([]);
  });

  test("a block starting with 0 fails", () => {
    expect(only(vpcApp("0.0.0.0/8").r, "ENI-VPC-CIDR").message).toBe("VPC CIDR 0.0.0.0/8 starts with 0; the API rejects such blocks.");
  });

  test("an imported VPC's mask is not checked (it exists already)", () => {
    const r = plan(model({ vpcs: [vpc("Vpc", "10.0.0.0/7", { imported: true })] }));
    expect(withRule(r, "ENI-VPC-CIDR")).toEqual([]);
  });

  test("a token VPC CIDR gives ENI-UNKNOWN-VALUE and never crashes", () => {
    const app = testApp();
    const stack = testStack(app);
    const cidr = new TerraformVariable(stack, "vpc_cidr", { type: "string" }).stringValue;
    new Vpc(stack, "Vpc", { cidrBlock: cidr });
    const r = inspect(app);
    const f = only(r, "ENI-UNKNOWN-VALUE");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Vpc" });
    expect(f.message).toContain("VPC CIDR ${var.vpc_cidr} is unknown at synth time");
    expect(r.errors).toEqual([]);
    expect(synthJson(stack).resource.alicloud_vpc.Vpc_8378EB38.cidr_block).toBe("${var.vpc_cidr}");
  });
});

describe("ENI-VSW-PREFIX", () => {
  test.each(["10.0.0.0/15", "10.0.0.0/30"])("vSwitch %s fails", (cidr) => {
    const { r } = vpcApp("10.0.0.0/8", {}, [["Vsw", cidr]]);
    const f = only(r, "ENI-VSW-PREFIX");
    expect(f).toMatchObject({ severity: "error", path: "stack/Vsw" });
    expect(f.message).toBe(`vSwitch CIDR ${cidr} has a /${cidr.split("/")[1]} mask; allowed: /16 to /29.`);
    expect(r.errors).toEqual([f]);
  });

  test.each(["10.0.0.0/16", "10.1.0.0/29"])("vSwitch %s passes", (cidr) => {
    const { r, stack } = vpcApp("10.0.0.0/8", {}, [["Vsw", cidr]]);
    expect(withRule(r, "ENI-VSW-PREFIX")).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(() => synthJson(stack)).not.toThrow();
  });
});

describe("ENI-VSW-IN-VPC", () => {
  test("a vSwitch outside its VPC fails, naming both blocks", () => {
    const f = only(vpcApp("10.0.0.0/16", {}, [["Vsw", "10.1.0.0/24"]]).r, "ENI-VSW-IN-VPC");
    expect(f).toMatchObject({ severity: "error", path: "stack/Vsw" });
    expect(f.message).toBe("vSwitch CIDR 10.1.0.0/24 is not inside VPC stack/Vpc CIDR 10.0.0.0/16.");
  });

  test("a vSwitch larger than its VPC fails; the VPC's whole block as a vSwitch passes", () => {
    expect(only(vpcApp("10.0.0.0/24", {}, [["Vsw", "10.0.0.0/16"]]).r, "ENI-VSW-IN-VPC").message).toContain("not inside VPC stack/Vpc CIDR 10.0.0.0/24");
    expect(withRule(vpcApp("10.0.0.0/16", {}, [["Vsw", "10.0.0.0/16"]]).r, "ENI-VSW-IN-VPC")).toEqual([]);
    expect(withRule(vpcApp("10.0.0.0/16", {}, [["Vsw", "10.0.255.248/29"]]).r, "ENI-VSW-IN-VPC")).toEqual([]);
  });
});

describe("ENI-VSW-OVERLAP", () => {
  test("two sibling vSwitches with the same block overlap", () => {
    const f = only(
      vpcApp("10.0.0.0/16", {}, [
        ["A", "10.0.1.0/24"],
        ["B", "10.0.1.0/24"],
      ]).r,
      "ENI-VSW-OVERLAP",
    );
    expect(f).toMatchObject({ severity: "error", path: "stack/B" });
    expect(f.message).toBe("vSwitch CIDR 10.0.1.0/24 overlaps stack/A (10.0.1.0/24) in the same VPC.");
  });

  test("a nested vSwitch overlaps its enclosing sibling", () => {
    const f = only(
      vpcApp("10.0.0.0/8", {}, [
        ["Wide", "10.0.0.0/16"],
        ["Narrow", "10.0.5.0/24"],
      ]).r,
      "ENI-VSW-OVERLAP",
    );
    expect(f.path).toBe("stack/Narrow");
    expect(f.message).toContain("10.0.5.0/24 overlaps stack/Wide (10.0.0.0/16)");
  });

  test("every vSwitch nested in an earlier wide one is found, also after another nested one in between", () => {
    const r = vpcApp("10.0.0.0/8", {}, [
      ["Wide", "10.0.0.0/16"],
      ["N1", "10.0.1.0/24"],
      ["N2", "10.0.200.0/24"],
      ["Outside", "10.1.0.0/24"],
    ]).r;
    expect(withRule(r, "ENI-VSW-OVERLAP").map((f) => f.message)).toEqual([
      "vSwitch CIDR 10.0.1.0/24 overlaps stack/Wide (10.0.0.0/16) in the same VPC.",
      "vSwitch CIDR 10.0.200.0/24 overlaps stack/Wide (10.0.0.0/16) in the same VPC.",
    ]);
  });

  test("two vSwitches sharing a network address (nested) are reported once, naming each other", () => {
    const r = vpcApp("10.0.0.0/8", {}, [
      ["Wide", "10.0.0.0/16"],
      ["First", "10.0.0.0/24"],
      ["Later", "10.0.200.0/24"],
      ["Outside", "10.1.0.0/24"],
    ]).r;
    const found = withRule(r, "ENI-VSW-OVERLAP");
    // Wide and First share their network address: one of the pair is reported (by path order), naming the other.
    expect(found.map((f) => f.message).sort()).toEqual([
      "vSwitch CIDR 10.0.0.0/16 overlaps stack/First (10.0.0.0/24) in the same VPC.",
      "vSwitch CIDR 10.0.200.0/24 overlaps stack/Wide (10.0.0.0/16) in the same VPC.",
    ]);
    expect(found.map((f) => f.path).sort()).toEqual(["stack/Later", "stack/Wide"]);
  });

  test("adjacent vSwitches pass", () => {
    const r = vpcApp("10.0.0.0/16", {}, [
      ["A", "10.0.0.0/24"],
      ["B", "10.0.1.0/24"],
      ["C", "10.0.2.0/29"],
      ["D", "10.0.2.8/29"],
    ]).r;
    expect(withRule(r, "ENI-VSW-OVERLAP")).toEqual([]);
    expect(r.errors).toEqual([]);
  });

  test("the same block in two different VPCs passes; one existing vSwitch imported twice is not an overlap (pure)", () => {
    const a = vpc("VpcA");
    const b = vpc("VpcB");
    const r = plan(model({ vpcs: [a, b], vswitches: [vsw("A", a), vsw("B", b)] }));
    expect(withRule(r, "ENI-VSW-OVERLAP")).toEqual([]);
    const twice = plan(
      model({
        vpcs: [a],
        vswitches: [vsw("Imp1", a, "10.0.1.0/24", "cn-hangzhou-h", { poolId: "vsw-1", imported: true }), vsw("Imp2", a, "10.0.1.0/24", "cn-hangzhou-h", { poolId: "vsw-1", imported: true })],
      }),
    );
    expect(withRule(twice, "ENI-VSW-OVERLAP")).toEqual([]);
  });

  test("a token vSwitch CIDR gives ENI-UNKNOWN-VALUE naming the value, and no CIDR rule", () => {
    const v = vpc("Vpc");
    const r = plan(model({ vpcs: [v], vswitches: [vsw("A", v), vsw("Tok", v, unknown("${var.vsw_cidr}"))] }));
    const f = only(r, "ENI-UNKNOWN-VALUE");
    expect(f).toMatchObject({ severity: "warning", path: "app/stack/Tok" });
    expect(f.message).toContain("vSwitch CIDR ${var.vsw_cidr} is unknown");
    expect(r.errors).toEqual([]);
  });
});

describe("ENI-VSW-COUNT", () => {
  const vswitches = (n: number, v = vpc("Vpc")) => Array.from({ length: n }, (_, i) => vsw(`Vsw${String(i).padStart(3, "0")}`, v, `10.0.${i}.0/24`));

  test("150 vSwitches in a VPC pass", () => {
    const v = vpc("Vpc");
    const r = plan(model({ vpcs: [v], vswitches: vswitches(150, v) }));
    expect(withRule(r, "ENI-VSW-COUNT")).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  test("151 vSwitches in a VPC are a warning on the VPC, naming the count and the limit", () => {
    const v = vpc("Vpc");
    const r = plan(model({ vpcs: [v], vswitches: vswitches(151, v) }));
    const f = only(r, "ENI-VSW-COUNT");
    expect(f).toMatchObject({ severity: "warning", path: "app/stack/Vpc" });
    expect(f.message).toBe("VPC has 151 vSwitches; the documented limit is 150.");
    expect(r.errors).toEqual([]);
  });

  test("one existing vSwitch imported twice counts once", () => {
    const v = vpc("Vpc");
    const list = [...vswitches(150, v), vsw("Again", v, "10.0.0.0/24", "cn-hangzhou-h", { poolId: "app/stack/Vsw000" })];
    expect(withRule(plan(model({ vpcs: [v], vswitches: list })), "ENI-VSW-COUNT")).toEqual([]);
  });
});

describe("ENI-IMPORT-MISMATCH", () => {
  function importTwice(second: { cidrBlock: string; zoneId: string; vpcCidr?: string }) {
    const app = testApp();
    const a = testStack(app, "a");
    const b = testStack(app, "b");
    const vpcA = Vpc.fromVpcAttributes(a, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.8.0.0/16" });
    const vpcB = Vpc.fromVpcAttributes(b, "Vpc", { vpcId: "vpc-1", cidrBlock: second.vpcCidr ?? "10.8.0.0/16" });
    VSwitch.fromVSwitchAttributes(a, "Vsw", { vswitchId: "vsw-1", vpc: vpcA, zoneId: "cn-hangzhou-h", cidrBlock: "10.8.1.0/24" });
    VSwitch.fromVSwitchAttributes(b, "Vsw", { vswitchId: "vsw-1", vpc: vpcB, zoneId: second.zoneId, cidrBlock: second.cidrBlock });
    return inspect(app);
  }

  test("the same existing vSwitch imported twice with the same attributes passes", () => {
    expect(withRule(importTwice({ cidrBlock: "10.8.1.0/24", zoneId: "cn-hangzhou-h" }), "ENI-IMPORT-MISMATCH")).toEqual([]);
  });

  test("another CIDR or zone for the same vSwitch id is an error naming both imports", () => {
    const f = only(importTwice({ cidrBlock: "10.8.2.0/24", zoneId: "cn-hangzhou-i" }), "ENI-IMPORT-MISMATCH");
    expect(f).toMatchObject({ severity: "error", path: "b/Vsw" });
    expect(f.message).toBe("vSwitch vsw-1 is imported here as 10.8.2.0/24 in cn-hangzhou-i (VPC vpc-1) but at a/Vsw as 10.8.1.0/24 in cn-hangzhou-h (VPC vpc-1).");
  });

  test("another CIDR for the same VPC id is an error", () => {
    const r = importTwice({ cidrBlock: "10.8.1.0/24", zoneId: "cn-hangzhou-h", vpcCidr: "10.9.0.0/16" });
    const f = withRule(r, "ENI-IMPORT-MISMATCH").find((x) => x.path === "b/Vpc");
    expect(f?.message).toBe("VPC vpc-1 is imported here with CIDR 10.9.0.0/16 but at a/Vpc with 10.8.0.0/16.");
  });
});
