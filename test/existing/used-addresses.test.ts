import { DescribeResponseError, NetworkInterface, SecurityGroup, UsedAddresses, Vpc, VSwitch } from "../../src";
import { testApp, testStack } from "../support/synth";
import { inspect, withRule } from "../planner/planner-helpers";

/* Shapes as the ECS / VPC APIs return them (field names from the API references cited in src/existing/). */
const NETWORK_INTERFACES = {
  RequestId: "0D1E-EXAMPLE",
  TotalCount: 2,
  NetworkInterfaceSets: {
    NetworkInterfaceSet: [
      {
        NetworkInterfaceId: "eni-bp1primary",
        Type: "Primary",
        InstanceId: "i-bp1web",
        VSwitchId: "vsw-bp1a",
        VpcId: "vpc-bp1",
        PrivateIpAddress: "172.16.8.10",
        PrivateIpSets: {
          PrivateIpSet: [
            { PrivateIpAddress: "172.16.8.10", Primary: true },
            { PrivateIpAddress: "172.16.8.11", Primary: false },
          ],
        },
        Ipv6Sets: { Ipv6Set: [{ Ipv6Address: "2408:4000:1::A" }] },
      },
      {
        NetworkInterfaceId: "eni-bp1second",
        Type: "Secondary",
        VSwitchId: "vsw-bp1b",
        PrivateIpAddress: "172.16.9.4",
        PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: "172.16.9.4", Primary: true }] },
      },
    ],
  },
};

const INSTANCES = {
  Instances: {
    Instance: [
      {
        InstanceId: "i-bp1db",
        InstanceNetworkType: "vpc",
        VpcAttributes: { VpcId: "vpc-bp1", VSwitchId: "vsw-bp1a", PrivateIpAddress: { IpAddress: ["172.16.8.20"] } },
        NetworkInterfaces: {
          NetworkInterface: [
            { NetworkInterfaceId: "eni-bp1dbprimary", Type: "Primary", PrimaryIpAddress: "172.16.8.20", PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: "172.16.8.21", Primary: false }] } },
            { NetworkInterfaceId: "eni-bp1dbsecond", Type: "Secondary", PrimaryIpAddress: "172.16.9.30" },
          ],
        },
      },
      { InstanceId: "i-classic", InstanceNetworkType: "classic", InnerIpAddress: { IpAddress: ["10.1.1.1"] } },
    ],
  },
};

const HAVIPS = { HaVips: { HaVip: [{ HaVipId: "havip-bp1", VSwitchId: "vsw-bp1a", IpAddress: "172.16.8.5", Status: "Available" }] } };

describe("UsedAddresses (Describe* API JSON)", () => {
  test("DescribeNetworkInterfaces: primary and secondary private IPs and IPv6, per vSwitch id", () => {
    const used = UsedAddresses.fromDescribeNetworkInterfaces(NETWORK_INTERFACES);
    expect(used.vswitchIds).toEqual(["vsw-bp1a", "vsw-bp1b"]);
    expect(used.ipv4Of("vsw-bp1a")).toEqual(["172.16.8.10", "172.16.8.11"]);
    expect(used.ipv6Of("vsw-bp1a")).toEqual(["2408:4000:1::a"]);
    expect(used.ipv4Of("vsw-bp1b")).toEqual(["172.16.9.4"]);
    expect(used.ipv4Of("vsw-none")).toEqual([]);
    expect(used.entries.find((e) => e.address === "172.16.8.11")).toEqual({ vswitchId: "vsw-bp1a", address: "172.16.8.11", family: "ipv4", holder: "eni-bp1primary" });
  });

  test("DescribeInstances: the instance's vSwitch gets its private IPs and its primary ENI's; secondary ENIs (no vSwitch id there) and classic instances are skipped", () => {
    const used = UsedAddresses.fromDescribeInstances(INSTANCES);
    expect(used.vswitchIds).toEqual(["vsw-bp1a"]);
    expect(used.ipv4Of("vsw-bp1a")).toEqual(["172.16.8.20", "172.16.8.21"]);
  });

  test("DescribeHaVips, and merged sources sorted numerically", () => {
    const used = UsedAddresses.fromDescribeHaVips(HAVIPS).merge(UsedAddresses.fromDescribeNetworkInterfaces(NETWORK_INTERFACES), UsedAddresses.fromDescribeInstances(INSTANCES));
    expect(used.ipv4Of("vsw-bp1a")).toEqual(["172.16.8.5", "172.16.8.10", "172.16.8.11", "172.16.8.20", "172.16.8.21"]);
  });

  test("the SDK form (body, lower-camel keys), several pages, and the bare row array", () => {
    const sdk = { statusCode: 200, body: { haVips: { haVip: [{ haVipId: "havip-1", vSwitchId: "vsw-1", ipAddress: "10.0.1.9" }] } } };
    expect(UsedAddresses.fromDescribeHaVips(sdk).ipv4Of("vsw-1")).toEqual(["10.0.1.9"]);
    const page2 = { NetworkInterfaceSets: { NetworkInterfaceSet: [{ NetworkInterfaceId: "eni-3", VSwitchId: "vsw-bp1a", PrivateIpAddress: "172.16.8.99" }] } };
    expect(UsedAddresses.fromDescribeNetworkInterfaces(NETWORK_INTERFACES, page2).ipv4Of("vsw-bp1a")).toEqual(["172.16.8.10", "172.16.8.11", "172.16.8.99"]);
    expect(UsedAddresses.fromDescribeHaVips([{ HaVipId: "h", VSwitchId: "vsw-2", IpAddress: "10.0.2.4" }]).ipv4Of("vsw-2")).toEqual(["10.0.2.4"]);
    expect(UsedAddresses.fromDescribeNetworkInterfaces({ NetworkInterfaceSets: { NetworkInterfaceSet: [] } }).entries).toEqual([]);
  });

  test("bad rows are errors listing every problem by path; nothing is dropped silently", () => {
    const bad = {
      NetworkInterfaceSets: {
        NetworkInterfaceSet: [{ NetworkInterfaceId: "eni-novsw", PrivateIpAddress: "10.0.1.4" }, { NetworkInterfaceId: "eni-badip", VSwitchId: "vsw-1", PrivateIpAddress: "10.0.1.300" }, "not a row"],
      },
    };
    let error: unknown;
    try {
      UsedAddresses.fromDescribeNetworkInterfaces(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DescribeResponseError);
    const message = (error as Error).message;
    expect(message).toContain("DescribeNetworkInterfaces response has 3 problem(s)");
    expect(message).toContain("NetworkInterfaceSets.NetworkInterfaceSet[0] (eni-novsw) has no VSwitchId");
    expect(message).toContain('NetworkInterfaceSets.NetworkInterfaceSet[1].PrivateIpAddress is "10.0.1.300"; expected an IPv4 address');
    expect(message).toContain('NetworkInterfaceSets.NetworkInterfaceSet[2] is "not a row"');
    expect(() => UsedAddresses.fromDescribeInstances({ Instances: { Instance: [{ InstanceId: "i-1", InstanceNetworkType: "vpc" }] } })).toThrow(
      /Instances\.Instance\[0\] \(i-1\) has no VpcAttributes\.VSwitchId/,
    );
    expect(() => UsedAddresses.fromDescribeHaVips({ Something: [] })).toThrow(/DescribeHaVips response not recognized: got an object with keys \[Something\]/);
    expect(() => UsedAddresses.fromDescribeHaVips("nope")).toThrow(DescribeResponseError);
  });

  test("used with an imported vSwitch: the planner skips every address in use and does not warn (ENI-VSW-USED-UNKNOWN)", () => {
    const used = UsedAddresses.fromDescribeNetworkInterfaces(NETWORK_INTERFACES).merge(UsedAddresses.fromDescribeHaVips(HAVIPS), UsedAddresses.fromDescribeInstances(INSTANCES));
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-bp1", cidrBlock: "172.16.0.0/12" });
    const vswitch = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-bp1a", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "172.16.8.0/24", usedIps: used.ipv4Of("vsw-bp1a") });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-1", vpc, type: "normal" });
    new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 5 });
    const plan = inspect(app);
    expect(plan.errors).toEqual([]);
    expect(withRule(plan, "ENI-VSW-USED-UNKNOWN")).toEqual([]);
    const planned = ["primary", ...[1, 2, 3, 4, 5].map((i) => `secondary-${i}`)].map((r) => plan.addresses.get(`stack/Eni#${r}`));
    expect(planned).toEqual(["172.16.8.1", "172.16.8.2", "172.16.8.3", "172.16.8.4", "172.16.8.6", "172.16.8.7"]);
  });
});
