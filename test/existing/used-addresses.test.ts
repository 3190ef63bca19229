import * as fs from "fs";
import * as path from "path";
import { DescribeResponseError, NetworkInterface, SecurityGroup, UsedAddresses, Vpc, VSwitch } from "../../src";
import { testApp, testStack } from "../support/synth";
import { inspect, withRule } from "../planner/planner-helpers";

/* Small inline responses; the documented forms are in test/fixtures/existing (sources in its README). */
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

const FIXTURES = path.join(__dirname, "..", "fixtures", "existing");
const fixtureText = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const fixture = (name: string) => JSON.parse(fixtureText(name)) as Record<string, unknown>;
const ENIS_1 = "describe-network-interfaces.page-1.json";
const ENIS_2 = "describe-network-interfaces.page-2.json";
const A = "vsw-bp1fixture0000000a";
const B = "vsw-bp1fixture0000000b";
/** 172.17.8.first .. 172.17.8.last. */
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => `172.17.8.${first + i}`);

/** The DescribeResponseError message `fn` throws (fails the test when it throws nothing, or something else). */
function describeError(fn: () => unknown): string {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DescribeResponseError);
  return (error as Error).message;
}

describe("UsedAddresses on the documented response forms (test/fixtures/existing)", () => {
  test("DescribeNetworkInterfaces, both pages: private IPv4 (primary and secondary), IPv6, IPv4 and IPv6 prefixes, per vSwitch", () => {
    const used = UsedAddresses.fromDescribeNetworkInterfaces(fixture(ENIS_1), fixture(ENIS_2));
    expect(used.vswitchIds).toEqual([A, B]);
    expect(used.ipv4Of(A)).toEqual(["172.17.8.10", "172.17.8.11", ...range(32, 47)]);
    expect(used.ipv4PrefixesOf(A)).toEqual(["172.17.8.32/28"]);
    expect(used.ipv6Of(A)).toEqual(["2408:4005:3a6:a100::a"]);
    expect(used.ipv6PrefixesOf(A)).toEqual(["2408:4005:3a6:a100:1::/80"]);
    expect(used.ipv4Of(B)).toEqual(["172.17.9.4"]);
    expect(used.ipv6Of(B)).toEqual([]);
    expect(used.entries.filter((e) => e.vswitchId === A).map((e) => [e.family, e.address, e.holder])).toEqual([
      ["ipv4", "172.17.8.10", "eni-bp1fixture0000sec1"],
      ["ipv4", "172.17.8.11", "eni-bp1fixture0000sec1"],
      ["ipv4-prefix", "172.17.8.32/28", "eni-bp1fixture0000sec1"],
      ["ipv6", "2408:4005:3a6:a100::a", "eni-bp1fixture0000sec1"],
      ["ipv6-prefix", "2408:4005:3a6:a100:1::/80", "eni-bp1fixture0000sec1"],
    ]);
  });

  test("the pages as an array, as JSON text one after another, or merged into one list (aliyun --pager) read the same", () => {
    const expected = UsedAddresses.fromDescribeNetworkInterfaces(fixture(ENIS_1), fixture(ENIS_2)).entries;
    expect(UsedAddresses.fromDescribeNetworkInterfaces([fixture(ENIS_1), fixture(ENIS_2)]).entries).toEqual(expected);
    expect(UsedAddresses.fromDescribeNetworkInterfaces(`${fixtureText(ENIS_1)}\n${fixtureText(ENIS_2)}`).entries).toEqual(expected);
    expect(UsedAddresses.fromDescribeNetworkInterfaces(JSON.stringify([fixture(ENIS_1), fixture(ENIS_2)])).entries).toEqual(expected);
    const rows = [fixture(ENIS_1), fixture(ENIS_2)].flatMap((p) => (p.NetworkInterfaceSets as { NetworkInterfaceSet: unknown[] }).NetworkInterfaceSet);
    expect(UsedAddresses.fromDescribeNetworkInterfaces({ NetworkInterfaceSets: { NetworkInterfaceSet: rows } }).entries).toEqual(expected);
  });

  test("a missing page is refused: page 1 alone (NextToken set, TotalCount 2), page 2 alone, or page 1 twice", () => {
    const first = describeError(() => UsedAddresses.fromDescribeNetworkInterfaces(fixture(ENIS_1)));
    expect(first).toContain("the responses hold 1 row(s) but TotalCount is 2, and every response has a NextToken");
    expect(first).toContain('"AAAAAdDWBF2pageTwo" asks for another');
    expect(first).toContain("--NextToken <the NextToken it printed>");
    expect(describeError(() => UsedAddresses.fromDescribeNetworkInterfaces(fixture(ENIS_2)))).toContain("the responses hold 1 row(s) but TotalCount is 2: pages are missing");
    expect(describeError(() => UsedAddresses.fromDescribeNetworkInterfaces(fixture(ENIS_1), fixture(ENIS_1)))).toContain("1 row(s) but TotalCount is 2");
    const havips = fixture("describe-havips.json");
    expect(describeError(() => UsedAddresses.fromDescribeHaVips({ ...havips, TotalCount: 11 }))).toContain("--PageSize 50 --PageNumber <1, 2, ...>");
    // TotalCount as a string (some APIs print it so) counts too; a page with no NextToken next to one with a token ends the NextToken walk.
    expect(() => UsedAddresses.fromDescribeHaVips({ ...havips, TotalCount: "2" })).toThrow(/1 row\(s\) but TotalCount is 2/);
    expect(UsedAddresses.fromDescribeNetworkInterfaces(fixture(ENIS_1), { ...fixture(ENIS_2), TotalCount: 5 }).ipv4Of(B)).toEqual(["172.17.9.4"]);
  });

  test("the documented example's masked values (172.17.**.**, hide, ...:****) are refused by path, every one", () => {
    const page = fixture(ENIS_1);
    const eni = (page.NetworkInterfaceSets as { NetworkInterfaceSet: Record<string, unknown>[] }).NetworkInterfaceSet[0];
    const masked = {
      ...page,
      TotalCount: 1,
      NetworkInterfaceSets: {
        NetworkInterfaceSet: [
          {
            ...eni,
            PrivateIpAddress: "172.17.**.**",
            PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: "172.17.**.**", Primary: true }] },
            Ipv6Sets: { Ipv6Set: [{ Ipv6Address: "2408:4321:180:1701:94c7:bc38:3bfa:****" }] },
            Ipv4PrefixSets: { Ipv4PrefixSet: [{ Ipv4Prefix: "hide" }] },
            Ipv6PrefixSets: { Ipv6PrefixSet: [{ Ipv6Prefix: "hide" }] },
          },
        ],
      },
    };
    const message = describeError(() => UsedAddresses.fromDescribeNetworkInterfaces(masked));
    expect(message).toContain("DescribeNetworkInterfaces response has 5 problem(s)");
    expect(message).toContain('NetworkInterfaceSets.NetworkInterfaceSet[0].PrivateIpAddress is "172.17.**.**"; expected an IPv4 address');
    expect(message).toContain('NetworkInterfaceSet[0].PrivateIpSets.PrivateIpSet[0].PrivateIpAddress is "172.17.**.**"');
    expect(message).toContain('NetworkInterfaceSet[0].Ipv6Sets.Ipv6Set[0].Ipv6Address is "2408:4321:180:1701:94c7:bc38:3bfa:****"; expected an IPv6 address');
    expect(message).toContain('NetworkInterfaceSet[0].Ipv4PrefixSets.Ipv4PrefixSet[0].Ipv4Prefix is "hide"; expected an IPv4 prefix');
    expect(message).toContain('NetworkInterfaceSet[0].Ipv6PrefixSets.Ipv6PrefixSet[0].Ipv6Prefix is "hide"; expected an IPv6 prefix');
  });

  test("IPv4 prefixes: a /28 (and down to /24) is read; a shorter block or one with host bits set is refused", () => {
    const eni = (prefix: string) => ({
      NetworkInterfaceSets: { NetworkInterfaceSet: [{ NetworkInterfaceId: "eni-1", VSwitchId: "vsw-1", Ipv4PrefixSets: { Ipv4PrefixSet: [{ Ipv4Prefix: prefix }] } }] },
    });
    expect(UsedAddresses.fromDescribeNetworkInterfaces(eni("10.0.1.0/24")).ipv4Of("vsw-1")).toHaveLength(256);
    expect(() => UsedAddresses.fromDescribeNetworkInterfaces(eni("10.0.0.0/16"))).toThrow(/Ipv4Prefix is "10\.0\.0\.0\/16"; expected an IPv4 prefix/);
    expect(() => UsedAddresses.fromDescribeNetworkInterfaces(eni("10.0.1.20/28"))).toThrow(/Ipv4Prefix is "10\.0\.1\.20\/28"/);
  });

  test("DescribeInstances (with NETWORK_PRIMARY_ENI_IP): the instance's private IP and its primary ENI's sets; the secondary ENI and the classic instance give nothing", () => {
    const used = UsedAddresses.fromDescribeInstances(fixture("describe-instances.json"));
    expect(used.vswitchIds).toEqual([A]);
    expect(used.ipv4Of(A)).toEqual(["172.17.8.20", "172.17.8.21", ...range(48, 63)]);
    expect(used.ipv6Of(A)).toEqual(["2408:4005:3a6:a100::20"]);
    expect(used.entries.some((e) => e.address === "172.17.9.30" || e.address === "10.170.3.4")).toBe(false);
    expect(new Set(used.entries.map((e) => e.holder))).toEqual(new Set(["i-bp1fixture00000db1", "eni-bp1fixture00dbpri"]));
  });

  test("DescribeInstances: an ENI row without Type counts as primary only when it holds the instance's primary IP", () => {
    const instance = (enis: unknown[]) => ({
      Instances: { Instance: [{ InstanceId: "i-1", VpcAttributes: { VSwitchId: "vsw-1", PrivateIpAddress: { IpAddress: ["10.0.1.5"] } }, NetworkInterfaces: { NetworkInterface: enis } }] },
    });
    const primary = { NetworkInterfaceId: "eni-p", PrimaryIpAddress: "10.0.1.5", PrivateIpSets: { PrivateIpSet: [{ PrivateIpAddress: "10.0.1.6" }] } };
    const other = { NetworkInterfaceId: "eni-s", PrimaryIpAddress: "10.0.2.9" };
    expect(UsedAddresses.fromDescribeInstances(instance([primary, other])).ipv4Of("vsw-1")).toEqual(["10.0.1.5", "10.0.1.6"]);
  });

  test("DescribeHaVips: the HaVip's IpAddress in its vSwitch", () => {
    const used = UsedAddresses.fromDescribeHaVips(fixture("describe-havips.json"));
    expect(used.entries).toEqual([{ vswitchId: A, address: "172.17.8.5", family: "ipv4", holder: "havip-bp1fixture00001" }]);
  });

  test("the SDK form reads the prefix sets too; Go-SDK-style null lists are empty; text that is not JSON is a DescribeResponseError", () => {
    const sdk = {
      statusCode: 200,
      body: {
        networkInterfaceSets: {
          networkInterfaceSet: [{ networkInterfaceId: "eni-1", vSwitchId: "vsw-1", ipv4PrefixSets: { ipv4PrefixSet: [{ ipv4Prefix: "10.0.1.16/28" }] }, ipv6Sets: { ipv6Set: null } }],
        },
      },
    };
    const used = UsedAddresses.fromDescribeNetworkInterfaces(sdk);
    expect(used.ipv4PrefixesOf("vsw-1")).toEqual(["10.0.1.16/28"]);
    expect(used.ipv4Of("vsw-1")).toHaveLength(16);
    expect(UsedAddresses.fromDescribeHaVips({ HaVips: { HaVip: null } }).entries).toEqual([]);
    expect(describeError(() => UsedAddresses.fromDescribeHaVips('{"HaVips": {"HaVip": []}} {"HaVips": '))).toMatch(/DescribeHaVips input is not JSON: document 2 \(at character 26\)/);
    expect(describeError(() => UsedAddresses.fromDescribeHaVips("RequestId: 1"))).toContain("document 1 (at character 0) starts with");
    expect(describeError(() => UsedAddresses.fromDescribeHaVips("  "))).toContain("DescribeHaVips input is empty");
    expect(
      describeError(() => UsedAddresses.fromDescribeNetworkInterfaces({ NetworkInterfaceSets: { NetworkInterfaceSet: [{ NetworkInterfaceId: "eni-1", VSwitchId: "vsw-1", Ipv4PrefixSets: "x" }] } })),
    ).toContain('NetworkInterfaceSets.NetworkInterfaceSet[0].Ipv4PrefixSets is "x"; expected { "Ipv4PrefixSet": [ ... ] }');
  });

  test("with an imported vSwitch: the planner skips every address the documented responses list, prefixes included", () => {
    const used = UsedAddresses.fromDescribeNetworkInterfaces(fixtureText(ENIS_1) + fixtureText(ENIS_2)).merge(
      UsedAddresses.fromDescribeInstances(fixture("describe-instances.json")),
      UsedAddresses.fromDescribeHaVips(fixture("describe-havips.json")),
    );
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-bp1fixture00000001", cidrBlock: "172.16.0.0/12" });
    const vswitch = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: A, vpc, zoneId: "cn-hangzhou-h", cidrBlock: "172.17.8.0/24", usedIps: used.ipv4Of(A) });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-bp1fixture00000001", vpc, type: "normal" });
    for (const n of [1, 2, 3]) new NetworkInterface(stack, `Eni${n}`, { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 9 });
    const plan = inspect(app);
    expect(plan.errors).toEqual([]);
    expect(withRule(plan, "ENI-VSW-USED-UNKNOWN")).toEqual([]);
    const planned = [1, 2, 3].flatMap((n) => ["primary", ...Array.from({ length: 9 }, (_, i) => `secondary-${i + 1}`)].map((r) => plan.addresses.get(`stack/Eni${n}#${r}`)!));
    const last = (ip: string) => Number(ip.split(".")[3]);
    expect(planned.filter((ip) => used.ipv4Of(A).includes(ip))).toEqual([]);
    // 26 addresses below the prefix 172.17.8.32/28 and the DescribeInstances one .48/28, then from .64.
    expect(planned.map(last).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 6, 7, 8, 9, ...Array.from({ length: 8 }, (_, i) => 12 + i), ...Array.from({ length: 10 }, (_, i) => 22 + i), 64, 65, 66, 67]);
  });
});
