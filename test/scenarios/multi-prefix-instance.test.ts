import { EcsInstance, MultiPrefixInstance, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src";
import { resources, synthJson, testApp, testStack } from "../support/synth";
import { thrown } from "../support/thrown";
import { inspect, only } from "../planner/planner-helpers";

function node(type = "ecs.g7.xlarge") {
  const app = testApp();
  const stack = testStack(app);
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.0.0/20" });
  vsw.reserveCidr("Pods", { mask: 22 });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  const host = new EcsInstance(stack, "Node", { instanceType: type, imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", vswitch: vsw, securityGroups: [sg] });
  return { app, stack, host };
}

describe("MultiPrefixInstance", () => {
  test("fills prefix-mode ENIs, 10 prefixes per call (ecs.g7.xlarge: 15 slots per ENI); addressCount rounds up to /28s", () => {
    const { stack, host } = node();
    const pods = new MultiPrefixInstance(stack, "Pods", { instance: host, addressCount: 330 }); // 21 prefixes
    expect(pods.networkInterfaces).toHaveLength(3);
    expect(pods.prefixSlots).toHaveLength(21);
    const enis = resources(synthJson(stack), "alicloud_ecs_network_interface").map(([, r]) => r);
    expect(enis.map((e) => e.ipv4_prefixes.length)).toEqual([10, 10, 1]);
    expect(enis.every((e) => e.private_ip_addresses === undefined)).toBe(true);
    expect(MultiPrefixInstance.capacityOf(host)).toBe(30);
  });

  test("a type with fewer slots gets fewer prefixes per ENI (ecs.g7.large: 5); more than it holds is reported (ENI-COUNT)", () => {
    const { app, stack, host } = node("ecs.g7.large");
    const pods = new MultiPrefixInstance(stack, "Pods", { instance: host, prefixCount: 11 });
    expect(pods.networkInterfaces.map((e) => e.ipv4PrefixSlots.length)).toEqual([5, 5, 1]);
    expect(only(inspect(app), "ENI-COUNT").path).toBe("stack/Node");
  });

  test("exactly one of prefixCount and addressCount", () => {
    const { stack, host } = node();
    expect(thrown(() => new MultiPrefixInstance(stack, "Both", { instance: host, prefixCount: 1, addressCount: 16 })).message).toMatch(/exactly one of prefixCount and addressCount/);
    expect(thrown(() => new MultiPrefixInstance(stack, "None", { instance: host })).message).toMatch(/exactly one/);
  });
});
