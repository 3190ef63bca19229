import { NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../../src";
import { TerraformStack } from "../../../src/cdktf";
import * as alicloud from "../../../src/provider";
import { resources, synthJson, testApp, testStack } from "../../support/synth";
import { baseFacts, eni, inspect, model, only, plan, provider, unknown, vpc, vsw, withRule } from "../planner-helpers";

/** `count` unattached ENIs in one stack, on a /22 vSwitch (1,020 usable addresses). */
function enis(stack: TerraformStack, count: number): void {
  const v = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const s = new VSwitch(stack, "Vsw", { vpc: v, zoneId: `${regionOf(stack)}-h`, cidrBlock: "10.0.0.0/22" });
  const g = new SecurityGroup(stack, "Sg", { vpc: v });
  for (let i = 0; i < count; i++) new NetworkInterface(stack, `Eni${String(i).padStart(3, "0")}`, { vswitch: s, securityGroups: [g] });
}

function regionOf(stack: TerraformStack): string {
  const p = stack.node.children.find((c): c is alicloud.provider.AlicloudProvider => c instanceof alicloud.provider.AlicloudProvider);
  return p!.region!;
}

/** Pure: `count` ENI facts in a stack with the given region. */
function eniFacts(stack: string, count: number) {
  const { s, g } = baseFacts();
  return Array.from({ length: count }, (_, i) => {
    const path = `${stack}/Eni${String(i).padStart(3, "0")}`;
    const e = eni(`x${stack}${i}`, s, [g]);
    return { ...e, path, stack, primaryIp: { ...e.primaryIp, key: `${path}#primary` } };
  });
}

describe("ENI-REGION-QUOTA", () => {
  test("100 ENIs in a region (two stacks) pass; a 101st fails, on the 101st ENI, naming the count, region and quota", () => {
    const app = testApp();
    const a = testStack(app, "a", "cn-hangzhou");
    const b = testStack(app, "b", "cn-hangzhou");
    const c = testStack(app, "c", "cn-shanghai");
    enis(a, 60);
    enis(b, 40);
    enis(c, 1);
    let r = inspect(app);
    expect(withRule(r, "ENI-REGION-QUOTA")).toEqual([]);
    expect(r.errors).toEqual([]);

    new NetworkInterface(b, "Extra", { vswitch: b.node.findChild("Vsw") as VSwitch, securityGroups: [b.node.findChild("Sg") as SecurityGroup] });
    r = inspect(app);
    const f = only(r, "ENI-REGION-QUOTA");
    expect(f).toMatchObject({ severity: "error", path: "b/Extra" });
    expect(f.message).toBe("the app creates 101 ENIs in region cn-hangzhou; the quota is 100 per region (ENIs outside this app count too).");
    expect(() => synthJson(b)).toThrow(/ENI-REGION-QUOTA/);
  });

  test("ENIs are counted across stacks of the same region (pure)", () => {
    const m = model({
      stacks: ["app/a", "app/b"],
      providers: [provider("cn-hangzhou", {}, "app/a"), provider("cn-hangzhou", {}, "app/b")],
      enis: [...eniFacts("app/a", 60), ...eniFacts("app/b", 41)],
    });
    const f = only(plan(m), "ENI-REGION-QUOTA");
    expect(f.path).toBe("app/b/Eni040");
    expect(f.message).toContain("101 ENIs in region cn-hangzhou");
    const ok = model({
      stacks: ["app/a", "app/b"],
      providers: [provider("cn-hangzhou", {}, "app/a"), provider("cn-hangzhou", {}, "app/b")],
      enis: [...eniFacts("app/a", 60), ...eniFacts("app/b", 40)],
    });
    expect(withRule(plan(ok), "ENI-REGION-QUOTA")).toEqual([]);
  });

  test("ENIs are counted separately per region", () => {
    const m = model({
      stacks: ["app/a", "app/b"],
      providers: [provider("cn-hangzhou", {}, "app/a"), provider("cn-shanghai", {}, "app/b")],
      enis: [...eniFacts("app/a", 100), ...eniFacts("app/b", 100)],
    });
    expect(withRule(plan(m), "ENI-REGION-QUOTA")).toEqual([]);
    const over = model({
      stacks: ["app/a", "app/b"],
      providers: [provider("cn-hangzhou", {}, "app/a"), provider("cn-shanghai", {}, "app/b")],
      enis: [...eniFacts("app/a", 100), ...eniFacts("app/b", 101)],
    });
    const f = only(plan(over), "ENI-REGION-QUOTA");
    expect(f.message).toContain("101 ENIs in region cn-shanghai");
  });

  test("an aliased provider does not set the stack's region", () => {
    const m = model({
      stacks: ["app/a", "app/b"],
      providers: [provider("cn-hangzhou", {}, "app/a"), provider("cn-hangzhou", { alias: "hz", path: "app/b/hz" }, "app/b"), provider("cn-shanghai", {}, "app/b")],
      enis: [...eniFacts("app/a", 60), ...eniFacts("app/b", 41)],
    });
    expect(withRule(plan(m), "ENI-REGION-QUOTA")).toEqual([]);
  });

  test("eniQuotaPerRegion changes the limit", () => {
    const m = (n: number) => model({ stacks: ["app/a"], providers: [provider("cn-hangzhou", {}, "app/a")], enis: eniFacts("app/a", n) });
    expect(withRule(plan(m(150), { eniQuotaPerRegion: 150 }), "ENI-REGION-QUOTA")).toEqual([]);
    const f = only(plan(m(3), { eniQuotaPerRegion: 2 }), "ENI-REGION-QUOTA");
    expect(f.path).toBe("app/a/Eni002");
    expect(f.message).toContain("the quota is 2 per region");
  });

  test("synth: eniQuotaPerRegion 2 counts ENIs across two stacks of one region, not a third stack in another region", () => {
    const app = testApp({ eniQuotaPerRegion: 2 });
    const a = testStack(app, "a", "cn-hangzhou");
    const b = testStack(app, "b", "cn-hangzhou");
    const c = testStack(app, "c", "cn-shanghai");
    enis(a, 1);
    enis(c, 2);
    enis(b, 1);
    expect(inspect(app).errors).toEqual([]);
    expect(resources(synthJson(c), "alicloud_ecs_network_interface")).toHaveLength(2);
    new NetworkInterface(b, "Extra", { vswitch: b.node.findChild("Vsw") as VSwitch, securityGroups: [b.node.findChild("Sg") as SecurityGroup] });
    const f = only(inspect(app), "ENI-REGION-QUOTA");
    expect(f.message).toContain("3 ENIs in region cn-hangzhou");
    expect(f.path.startsWith("b/")).toBe(true);
  });
});

describe("ENI-ZONE-REGION", () => {
  function zoneApp(region: string, zone: string) {
    const app = testApp();
    const stack = testStack(app, "stack", region);
    const v = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    new VSwitch(stack, "Vsw", { vpc: v, zoneId: zone, cidrBlock: "10.0.1.0/24" });
    return inspect(app);
  }

  test("zone cn-shanghai-b under a cn-hangzhou provider fails on the vSwitch, naming zone and region", () => {
    const f = only(zoneApp("cn-hangzhou", "cn-shanghai-b"), "ENI-ZONE-REGION");
    expect(f).toMatchObject({ severity: "error", path: "stack/Vsw" });
    expect(f.message).toBe("zone cn-shanghai-b is not in region cn-hangzhou (the stack's provider region).");
    expect(f.fix).toContain("cn-hangzhou-h");
  });

  test.each([
    ["cn-hangzhou", "cn-hangzhou-h"],
    ["cn-hongkong", "cn-hongkong-b"],
    ["ap-southeast-1", "ap-southeast-1a"],
    ["us-west-1", "us-west-1b"],
    ["cn-shanghai-finance-1", "cn-shanghai-finance-1z"],
  ])("region %s, zone %s passes", (region, zone) => {
    expect(withRule(zoneApp(region, zone), "ENI-ZONE-REGION")).toEqual([]);
  });

  test.each([
    ["cn-shanghai", "cn-shanghai-finance-1z"],
    ["ap-southeast-1", "ap-southeast-2a"],
    ["ap-southeast-1", "ap-southeast-11a"],
    ["cn-hangzhou", "cn-hangzhou2-h"],
  ])("region %s, zone %s fails", (region, zone) => {
    expect(only(zoneApp(region, zone), "ENI-ZONE-REGION").message).toContain(`zone ${zone} is not in region ${region}`);
  });

  test("an unknown region or zone is not checked (pure)", () => {
    const v = vpc("Vpc");
    const noRegion = plan(model({ vpcs: [v], vswitches: [vsw("Vsw", v, "10.0.1.0/24", "cn-shanghai-b")], providers: [provider(undefined)] }));
    expect(withRule(noRegion, "ENI-ZONE-REGION")).toEqual([]);
    const tokenRegion = plan(model({ vpcs: [v], vswitches: [vsw("Vsw", v, "10.0.1.0/24", "cn-shanghai-b")], providers: [provider(undefined, { region: unknown("${var.region}") })] }));
    expect(withRule(tokenRegion, "ENI-ZONE-REGION")).toEqual([]);
    const tokenZone = plan(model({ vpcs: [v], vswitches: [vsw("Vsw", v, "10.0.1.0/24", unknown("${var.zone}"))], providers: [provider("cn-hangzhou")] }));
    expect(withRule(tokenZone, "ENI-ZONE-REGION")).toEqual([]);
  });
});
