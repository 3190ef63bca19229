import { EcsInstance, EniSuppressions, HaVip, NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../../src";
import type { App } from "../../../src/cdktf";
import { testApp, testStack } from "../../support/synth";
import { inspect, net, nic, only, withRule } from "../planner-helpers";

/** An app importing vsw-1 (10.0.1.0/24) with `usedIps`, and `build` adding constructs in it. */
function imported(usedIps: string[] | undefined, build: (parts: { stack: ReturnType<typeof testStack>; vswitch: VSwitch; sg: SecurityGroup }) => void): App {
  const app = testApp();
  const stack = testStack(app);
  const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
  const vswitch = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps }) as VSwitch;
  const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-1", vpc, type: "normal" }) as SecurityGroup;
  build({ stack, vswitch, sg });
  return app;
}

describe("ENI-VSW-USED-UNKNOWN", () => {
  test("an imported vSwitch without usedIps in which the planner allocates gets a warning naming the first planned address", () => {
    const app = imported(undefined, ({ stack, vswitch, sg }) => {
      new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 2 });
      new HaVip(stack, "Vip", { vswitch });
    });
    const f = only(inspect(app), "ENI-VSW-USED-UNKNOWN");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Vsw" });
    expect(f.message).toBe(
      "vSwitch vsw-1 (10.0.1.0/24) is imported without usedIps, so the planner treats it as empty and plans 4 address(es) in it from the lowest free one (10.0.1.1 first), which in a vSwitch in use is likely taken.",
    );
    expect(f.fix).toContain("usedIps: [] if nothing else is in the vSwitch");
    expect(inspect(app).errors).toEqual([]);
  });

  test("usedIps: [] states that nothing else is in use: no warning", () => {
    const app = imported([], ({ stack, vswitch, sg }) => new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] }));
    expect(withRule(inspect(app), "ENI-VSW-USED-UNKNOWN")).toEqual([]);
  });

  test("usedIps given: no warning, and the planner skips them", () => {
    const app = imported(["10.0.1.1"], ({ stack, vswitch, sg }) => new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] }));
    expect(withRule(inspect(app), "ENI-VSW-USED-UNKNOWN")).toEqual([]);
    expect(inspect(app).addresses.get("stack/Eni#primary")).toBe("10.0.1.2");
  });

  test("no warning when the planner allocates nothing there (explicit addresses, an imported instance's own address)", () => {
    const app = imported(undefined, ({ stack, vswitch, sg }) => {
      new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], primaryIp: "10.0.1.40" });
      EcsInstance.fromEcsInstanceAttributes(stack, "Host", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch, privateIp: "10.0.1.41" });
    });
    expect(withRule(inspect(app), "ENI-VSW-USED-UNKNOWN")).toEqual([]);
  });

  test("a vSwitch created by the program needs no usedIps: no warning", () => {
    const app = testApp();
    const stack = testStack(app);
    nic(stack, "Eni", net(stack));
    expect(withRule(inspect(app), "ENI-VSW-USED-UNKNOWN")).toEqual([]);
  });

  test("one import of a shared vSwitch that states usedIps is enough", () => {
    const app = testApp();
    for (const [id, usedIps] of [
      ["a", undefined],
      ["b", ["10.0.1.9"]],
    ] as const) {
      const stack = testStack(app, id);
      const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
      const vswitch = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps: usedIps ? [...usedIps] : undefined });
      const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-1", vpc, type: "normal" });
      new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
    }
    expect(withRule(inspect(app), "ENI-VSW-USED-UNKNOWN")).toEqual([]);
  });

  test("suppressible with a reason on the imported vSwitch; the finding stays, marked suppressed", () => {
    const app = imported(undefined, ({ stack, vswitch, sg }) => {
      new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      EniSuppressions.addSuppressions(vswitch, [{ id: "ENI-VSW-USED-UNKNOWN", reason: "A fresh vSwitch created by the network team for this app only" }]);
    });
    const f = only(inspect(app), "ENI-VSW-USED-UNKNOWN");
    expect(f.suppressed).toEqual({ reason: "A fresh vSwitch created by the network team for this app only", by: "stack/Vsw" });
  });
});
