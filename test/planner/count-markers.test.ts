import { TerraformVariable } from "../../src/cdktf";
import { NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src";
import { countMarker, familyOfKey, parseMarker } from "../../src/model/markers";
import { onlyResource, synthJson, testApp, testStack } from "../support/synth";

describe("counts for the cloud are kept per address family", () => {
  test("count markers name their family; keys are classified by role", () => {
    expect(parseMarker(countMarker("stack/Eni"))).toEqual({ kind: "count", owner: "stack/Eni", family: "ipv4" });
    expect(parseMarker(countMarker("stack/Eni", "ipv6"))).toEqual({ kind: "count", owner: "stack/Eni", family: "ipv6" });
    expect(parseMarker(countMarker("stack/Eni", "prefix"))).toEqual({ kind: "count", owner: "stack/Eni", family: "prefix" });
    expect(["stack/E#primary", "stack/E#secondary-2", "stack/E#app:web", "stack/E#ipv6-1", "stack/E#prefix-3", "stack/V/R#cidr"].map(familyOfKey)).toEqual([
      undefined,
      "ipv4",
      "ipv4",
      "ipv6",
      "prefix",
      undefined,
    ]);
  });

  test("an ENI whose IPv4 and IPv6 blocks are both the cloud's gets each count on its own attribute", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", enableIpv6: true }); // the cloud assigns the IPv6 block
    const cidr = new TerraformVariable(stack, "vsw_cidr", { type: "string" });
    const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: cidr.stringValue, ipv6CidrBlockMask: 1 });
    const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
    new NetworkInterface(stack, "Eni", { vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: 2, ipv6AddressCount: 3 });
    const eni = onlyResource(synthJson(stack), "alicloud_ecs_network_interface");
    // Before counts were per family, the IPv6 slots were counted as IPv4 secondaries too (5).
    expect(eni.secondary_private_ip_address_count).toBe(2);
    expect(eni.ipv6_address_count).toBe(3);
    expect(eni.private_ip_addresses).toBeUndefined();
    expect(eni.ipv6_addresses).toBeUndefined();
  });

  test("the neighbour: a known IPv4 block plans the secondaries, and only the IPv6 count goes to the cloud", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", enableIpv6: true });
    const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", ipv6CidrBlockMask: 1 });
    const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
    new NetworkInterface(stack, "Eni", { vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: 2, ipv6AddressCount: 3 });
    const eni = onlyResource(synthJson(stack), "alicloud_ecs_network_interface");
    expect(eni.private_ip_addresses).toEqual(["10.0.1.2", "10.0.1.3"]);
    expect(eni.secondary_private_ip_address_count).toBeUndefined();
    expect(eni.ipv6_address_count).toBe(3);
    expect(eni.ipv6_addresses).toBeUndefined();
  });
});
