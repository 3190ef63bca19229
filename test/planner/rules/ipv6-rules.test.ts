import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EcsInstance, EniConfigError, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../../src";
import { App, TerraformStack, Testing } from "../../../src/cdktf";
import { EniPlanner } from "../../../src/planner";
import { InstanceTypeCatalog } from "../../../src/catalog";
import { Ipv6Cidr, parseIpv6 } from "../../../src/net/ipv6";
import { allocateIpv6, isReservedIpv6 } from "../../../src/planner/allocation";
import { onlyResource, resources, synthJson, testApp, testStack } from "../../support/synth";
import { thrown } from "../../support/thrown";
import { inspect, only, withRule } from "../planner-helpers";

const IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";
const VPC6 = "2408:4005:3a6:a100::/56";
const VSW6 = "2408:4005:3a6:a101::/64";

/** An imported dual-stack VPC and vSwitch (their IPv6 blocks are known, so IPv6 addresses are planned). */
function importedNet(stack: TerraformStack) {
  const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-bp1dual", cidrBlock: "10.0.0.0/16", ipv6CidrBlock: VPC6 });
  const vsw = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-bp1dual", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", ipv6CidrBlock: VSW6 });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  return { vpc, vsw, sg };
}

/** A new dual-stack VPC (cloud-assigned IPv6 block) and vSwitch with suffix 1. */
function newNet(stack: TerraformStack, suffix = 1, enableIpv6 = true) {
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", enableIpv6 });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", ipv6CidrBlockMask: suffix });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  return { vpc, vsw, sg };
}

function vm(
  stack: TerraformStack,
  id: string,
  n: { vsw: VSwitch | ReturnType<typeof importedNet>["vsw"]; sg: SecurityGroup },
  more: Partial<ConstructorParameters<typeof EcsInstance>[2]> = {},
): EcsInstance {
  return new EcsInstance(stack, id, { instanceType: "ecs.g7.large", imageId: IMAGE, vswitch: n.vsw, securityGroups: [n.sg], ...more });
}

describe("net/ipv6", () => {
  test("parses, formats canonically and does block arithmetic", () => {
    const c = Ipv6Cidr.parse("2408:4005:03A6:A101::/64");
    expect(c.toString()).toBe("2408:4005:3a6:a101::/64");
    expect(c.contains(parseIpv6("2408:4005:3a6:a101:ffff::1"))).toBe(true);
    expect(c.contains(parseIpv6("2408:4005:3a6:a102::1"))).toBe(false);
    expect(() => Ipv6Cidr.parse("2408:4005:3a6:a101::1/64")).toThrow(/host bits are set; the block starting at that prefix is 2408:4005:3a6:a101::\/64/);
    expect(() => parseIpv6("10.0.0.1")).toThrow(/it is an IPv4 address/);
  });

  test("the first address and the last nine of a /64 are reserved", () => {
    const c = Ipv6Cidr.parse(VSW6);
    expect(isReservedIpv6(c, c.network)).toBe(true);
    expect(isReservedIpv6(c, c.network + 1n)).toBe(false);
    expect(isReservedIpv6(c, c.last - 8n)).toBe(true);
    expect(isReservedIpv6(c, c.last - 9n)).toBe(false);
  });

  test("allocation: explicit first, then the lock, then lowest free; independent of order", () => {
    const pool = { id: "p", cidr: Ipv6Cidr.parse(VSW6) };
    const reqs = [
      { key: "b#ipv6-1", pool: "p" },
      { key: "a#ipv6-1", pool: "p", explicit: "2408:4005:3a6:a101::1" },
      { key: "c#ipv6-1", pool: "p" },
    ];
    const lock = { version: 2 as const, allocations: { "c#ipv6-1": { pool: "p", address: "2408:4005:3a6:a101::99" } } };
    const r1 = allocateIpv6([pool], reqs, lock);
    const r2 = allocateIpv6([pool], [...reqs].reverse(), lock);
    expect([...r1.addresses]).toEqual([...r2.addresses]);
    expect(Object.fromEntries(r1.addresses)).toEqual({ "a#ipv6-1": "2408:4005:3a6:a101::1", "b#ipv6-1": "2408:4005:3a6:a101::2", "c#ipv6-1": "2408:4005:3a6:a101::99" });
    expect(r1.lock.map(([k]) => k)).toEqual(["b#ipv6-1", "c#ipv6-1"]);
  });
});

describe("IPv6 on L2 resources", () => {
  test("Vpc({ enableIpv6 }) and VSwitch({ ipv6CidrBlockMask }) emit enable_ipv6 and the mask", () => {
    const app = testApp();
    const stack = testStack(app);
    newNet(stack, 7);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc").enable_ipv6).toBe(true);
    const vsw = onlyResource(json, "alicloud_vswitch");
    expect(vsw.enable_ipv6).toBe(true);
    expect(vsw.ipv6_cidr_block_mask).toBe(7);
  });

  test("an IPv4-only VPC and vSwitch emit no IPv6 attributes", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc").enable_ipv6).toBeUndefined();
    expect(onlyResource(json, "alicloud_vswitch").ipv6_cidr_block_mask).toBeUndefined();
  });

  test("imported vSwitch: IPv6 addresses are concrete (ENI and instance), distinct, in the /64, and in the report", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = importedNet(stack);
    const server = vm(stack, "Server", n, { ipv6AddressCount: 2 });
    new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: 3, instance: server });
    const json = synthJson(stack);
    const inst = onlyResource(json, "alicloud_instance");
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    expect(inst.ipv6_address_count).toBeUndefined();
    expect(eni.ipv6_address_count).toBeUndefined();
    const all = [...inst.ipv6_addresses, ...eni.ipv6_addresses];
    expect(all).toHaveLength(5);
    expect(new Set(all).size).toBe(5);
    const block = Ipv6Cidr.parse(VSW6);
    for (const a of all) expect(block.contains(parseIpv6(a)) && !isReservedIpv6(block, parseIpv6(a))).toBe(true);
    // Slots in key order: stack/Eni#ipv6-* before stack/Server#ipv6-*.
    expect(eni.ipv6_addresses).toEqual(["2408:4005:3a6:a101::1", "2408:4005:3a6:a101::2", "2408:4005:3a6:a101::3"]);
    expect(inst.ipv6_addresses).toEqual(["2408:4005:3a6:a101::4", "2408:4005:3a6:a101::5"]);
    const r = inspect(app);
    expect(r.addresses.get("stack/Server#ipv6-2")).toBe("2408:4005:3a6:a101::5");
    expect(withRule(r, "ENI-IPV6-UNPLANNED")).toEqual([]);
  });

  test("new VPC: the cloud assigns the block, so the count goes to the cloud and the report says not planned", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = newNet(stack);
    vm(stack, "Server", n, { ipv6AddressCount: 1 });
    const json = synthJson(stack);
    const inst = onlyResource(json, "alicloud_instance");
    expect(inst.ipv6_address_count).toBe(1);
    expect(inst.ipv6_addresses).toBeUndefined();
    const f = only(inspect(app), "ENI-IPV6-UNPLANNED");
    expect(f).toMatchObject({ severity: "info", path: "stack/Server" });
    expect(f.message).toContain("1 IPv6 address(es) are left for the cloud (ipv6_address_count = 1): not planned");
  });

  test("a new vSwitch in an imported VPC with a known block gets its /64 from the suffix, so addresses are planned", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-bp1dual", cidrBlock: "10.0.0.0/16", ipv6CidrBlock: VPC6 });
    const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", ipv6CidrBlockMask: 2 });
    const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
    expect(vsw.fact.ipv6?.cidr?.toString()).toBe("2408:4005:3a6:a102::/64");
    vm(stack, "Server", { vsw, sg }, { ipv6AddressCount: 1 });
    expect(onlyResource(synthJson(stack), "alicloud_instance").ipv6_addresses).toEqual(["2408:4005:3a6:a102::1"]);
  });

  test("construction checks: count and list never both, 1 to 10, valid IPv6, /64 for a vSwitch", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = importedNet(stack);
    expect(thrown(() => new NetworkInterface(stack, "Both", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: 1, ipv6Addresses: ["2408:4005:3a6:a101::10"] })).message).toMatch(
      /ipv6AddressCount and ipv6Addresses cannot both be set/,
    );
    expect(thrown(() => new NetworkInterface(stack, "Eleven", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: 11 })).message).toMatch(
      /ipv6AddressCount is 11; expected a whole number from 1 to 10/,
    );
    expect(thrown(() => new NetworkInterface(stack, "Zero", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: 0 })).message).toMatch(/from 1 to 10/);
    expect(thrown(() => new NetworkInterface(stack, "Bad", { vswitch: n.vsw, securityGroups: [n.sg], ipv6Addresses: ["10.0.1.5"] })).message).toMatch(
      /not a valid IPv6 address \(ipv6Addresses\[0\]\): it is an IPv4 address/,
    );
    const e = thrown(() =>
      VSwitch.fromVSwitchAttributes(stack, "Wide", { vswitchId: "vsw-x", vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", ipv6CidrBlock: "2408:4005:3a6:a100::/60" }),
    );
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toMatch(/is a \/60; a vSwitch's IPv6 block is always a \/64/);
    const ok = new NetworkInterface(stack, "Ten", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: 10 });
    expect(ok.ipv6Slots).toHaveLength(10);
  });

  test("Peer.ipv6 and Peer.anyIpv6 write ipv6_cidr_ip", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", enableIpv6: true });
    new SecurityGroup(stack, "Sg", {
      vpc,
      ingress: [
        { peer: Peer.ipv6("2408:4005:3a6::/48"), port: Port.tcp(443) },
        { peer: Peer.anyIpv6(), port: Port.tcp(80) },
      ],
    });
    const rules = resources(synthJson(stack), "alicloud_security_group_rule").map(([, r]) => r);
    expect(rules.map((r) => [r.ipv6_cidr_ip, r.cidr_ip])).toEqual([
      ["2408:4005:3a6::/48", undefined],
      ["::/0", undefined],
    ]);
    expect(thrown(() => Peer.ipv6("2408::/129") && new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.ipv6("2408::/129"), port: Port.tcp(1) }] })).message).toMatch(/prefix from 0 to 128/);
  });
});

describe("IPv6 rules", () => {
  test("ENI-IPV6-VSWITCH: IPv6 on a vSwitch without IPv6 fails; with IPv6 it passes", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", enableIpv6: true });
    const plain = new VSwitch(stack, "Plain", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    const dual = new VSwitch(stack, "Dual", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", ipv6CidrBlockMask: 1 });
    const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
    new NetworkInterface(stack, "Bad", { vswitch: plain, securityGroups: [sg], ipv6AddressCount: 1 });
    new NetworkInterface(stack, "Good", { vswitch: dual, securityGroups: [sg], ipv6AddressCount: 1 });
    const f = only(inspect(app), "ENI-IPV6-VSWITCH");
    expect(f.path).toBe("stack/Bad");
    expect(f.message).toBe("the ENI asks for 1 IPv6 address(es), but vSwitch stack/Plain has no IPv6 enabled.");
  });

  test("ENI-IPV6-COUNT: more than the type's IPv6 per ENI fails (ENI and primary ENI); at the limit passes", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = importedNet(stack);
    // ecs.g7.large: 6 IPv6 per ENI.
    const a = vm(stack, "A", n, { ipv6AddressCount: 7 });
    const b = vm(stack, "B", n, { ipv6AddressCount: 6 });
    new NetworkInterface(stack, "EniA", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: 7, instance: a });
    new NetworkInterface(stack, "EniB", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: 6, instance: b });
    const found = withRule(inspect(app), "ENI-IPV6-COUNT");
    expect(found.map((f) => f.path)).toEqual(["stack/A", "stack/EniA"]);
    expect(found[0].message).toBe("ecs.g7.large allows 6 IPv6 addresses per ENI; the instance's primary ENI has 7.");
    expect(found[1].message).toBe("ecs.g7.large (instance stack/A) allows 6 IPv6 addresses per ENI; the ENI has 7.");
  });

  test("ENI-IPV6-COUNT: a type with 0 IPv6 per ENI takes none; ENI-IPV6-TYPE-PARTIAL warns when unknown", () => {
    const catalog = InstanceTypeCatalog.builtIn().withTypes([{ name: "ecs.nov6.large", eniQuantity: 2, privateIpv4PerEni: 6, ipv6PerEni: 0, source: "test override" }]);
    const app = testApp({ catalog });
    const stack = testStack(app);
    const n = importedNet(stack);
    vm(stack, "NoV6", n, { instanceType: "ecs.nov6.large", ipv6AddressCount: 1 });
    vm(stack, "Old", n, { instanceType: "ecs.ic5.large", ipv6AddressCount: 1 }); // no IPv6 column in the source
    vm(stack, "Fine", n, { instanceType: "ecs.g7.large", ipv6AddressCount: 1 });
    const r = inspect(app);
    const count = only(r, "ENI-IPV6-COUNT");
    expect(count).toMatchObject({ path: "stack/NoV6", message: "ecs.nov6.large supports no IPv6; the instance's primary ENI asks for 1 IPv6 address(es)." });
    const partial = only(r, "ENI-IPV6-TYPE-PARTIAL");
    expect(partial).toMatchObject({ path: "stack/Old", severity: "warning" });
    expect(r.findings.filter((f) => f.path === "stack/Fine")).toEqual([]);
  });

  test("ENI-IPV6-SUFFIX: out of the /56 range, shared in a VPC, or a VPC without IPv6 fail; distinct in range pass", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", enableIpv6: true });
    const v4only = new Vpc(stack, "V4", { cidrBlock: "10.1.0.0/16" });
    new VSwitch(stack, "A", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", ipv6CidrBlockMask: 255 });
    new VSwitch(stack, "B", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", ipv6CidrBlockMask: 256 });
    new VSwitch(stack, "C", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.3.0/24", ipv6CidrBlockMask: 255 });
    new VSwitch(stack, "D", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.4.0/24", ipv6CidrBlockMask: 0 });
    new VSwitch(stack, "E", { vpc: v4only, zoneId: "cn-hangzhou-h", cidrBlock: "10.1.1.0/24", ipv6CidrBlockMask: 1 });
    const found = withRule(inspect(app), "ENI-IPV6-SUFFIX");
    expect(found.map((f) => [f.path, f.message])).toEqual([
      ["stack/B", "IPv6 suffix 256 is out of range: VPC stack/Vpc has a /56 IPv6 block, so suffixes are 0 to 255."],
      ["stack/C", "IPv6 suffix 255 is also used by vSwitch stack/A in VPC stack/Vpc; each vSwitch needs its own /64."],
      ["stack/E", "vSwitch has IPv6 enabled but VPC stack/V4 does not."],
    ]);
  });

  test("ENI-IPV6-SUFFIX: a /60 VPC block allows 0-15; an imported /64 outside the VPC block fails", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-x", cidrBlock: "10.0.0.0/16", ipv6CidrBlock: "2408:4005:3a6:a100::/60" });
    new VSwitch(stack, "Ok", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", ipv6CidrBlockMask: 15 });
    new VSwitch(stack, "Big", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", ipv6CidrBlockMask: 16 });
    VSwitch.fromVSwitchAttributes(stack, "Far", { vswitchId: "vsw-far", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.3.0/24", ipv6CidrBlock: "2408:4005:3a6:b100::/64" });
    const found = withRule(inspect(app), "ENI-IPV6-SUFFIX");
    expect(found.map((f) => f.path)).toEqual(["stack/Big", "stack/Far"]);
    expect(found[0].message).toContain("suffixes are 0 to 15");
    expect(found[1].message).toContain("is not inside VPC stack/Vpc IPv6 block 2408:4005:3a6:a100::/60");
  });

  test("ENI-IPV6-OUTSIDE / -RESERVED / -DUPLICATE on explicit addresses; valid distinct ones pass", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = importedNet(stack);
    const eni = (id: string, ipv6Addresses: string[]) => new NetworkInterface(stack, id, { vswitch: n.vsw, securityGroups: [n.sg], ipv6Addresses });
    eni("Outside", ["2408:4005:3a6:a102::1"]);
    eni("First", ["2408:4005:3a6:a101::"]);
    eni("Last", ["2408:4005:3a6:a101:ffff:ffff:ffff:fff7"]);
    eni("One", ["2408:4005:3a6:a101::10"]);
    eni("Two", ["2408:4005:3a6:a101:0::10"]);
    eni("Fine", ["2408:4005:3a6:a101::11", "2408:4005:3a6:a101:ffff:ffff:ffff:fff6"]);
    const r = inspect(app);
    expect(only(r, "ENI-IPV6-OUTSIDE")).toMatchObject({
      path: "stack/Outside",
      message: "IPv6 address 2408:4005:3a6:a102::1 is outside the IPv6 block of vSwitch stack/Vsw (2408:4005:3a6:a101::/64).",
    });
    expect(withRule(r, "ENI-IPV6-RESERVED").map((f) => f.path)).toEqual(["stack/First", "stack/Last"]);
    expect(only(r, "ENI-IPV6-DUPLICATE")).toMatchObject({ path: "stack/Two", message: "IPv6 address 2408:4005:3a6:a101::10 is also given to stack/One#ipv6-1 in vSwitch stack/Vsw." });
    expect(r.findings.filter((f) => f.path === "stack/Fine")).toEqual([]);
  });
});

describe("ENI-SEC-MGMT-OPEN with IPv6", () => {
  test("::/0 on SSH to a management ENI warns like 0.0.0.0/0; a narrower IPv6 block does not", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = importedNet(stack);
    const open = new SecurityGroup(stack, "Open", { vpc: n.vpc, ingress: [{ peer: Peer.anyIpv6(), port: Port.tcp(22) }] });
    const narrow = new SecurityGroup(stack, "Narrow", { vpc: n.vpc, ingress: [{ peer: Peer.ipv6("2408:4005:3a6::/48"), port: Port.tcp(22) }] });
    new NetworkInterface(stack, "Mgmt", { vswitch: n.vsw, securityGroups: [open], management: true });
    new NetworkInterface(stack, "Mgmt2", { vswitch: n.vsw, securityGroups: [narrow], management: true });
    const f = only(inspect(app), "ENI-SEC-MGMT-OPEN");
    expect(f.path).toBe("stack/Mgmt");
    expect(f.message).toContain("SSH 22 from all public IPv6 addresses (stack/Open/Ingress0: ::/0, priority 1)");
  });
});

describe("IPv6 lock", () => {
  let dir: string;
  const cwd = process.cwd();
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-ipv6-"));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function build(count: number, extraFirst: boolean): { app: App; stack: TerraformStack } {
    const app = Testing.app();
    EniPlanner.configure(app, { lockFile: "eni.lock.json", quiet: true, frozen: false });
    const stack = testStack(app);
    const n = importedNet(stack);
    if (extraFirst) new NetworkInterface(stack, "AAA", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: 2 });
    new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: count });
    return { app, stack };
  }

  test("planned IPv6 addresses are locked by path and role: another ENI sorted first does not move them", () => {
    const first = build(2, false);
    first.app.synth(); // the lock file is written once app.synth() succeeded
    const before = onlyResource(synthJson(first.stack), "alicloud_ecs_network_interface").ipv6_addresses;
    const lock = JSON.parse(fs.readFileSync("eni.lock.json", "utf8"));
    expect(lock.allocations["stack/Eni#ipv6-1"]).toEqual({ pool: "vsw-bp1dual", address: before[0] });
    const second = build(2, true);
    const json = synthJson(second.stack);
    const eni = resources(json, "alicloud_ecs_network_interface").find(([name]) => name.startsWith("Eni"))![1];
    expect(eni.ipv6_addresses).toEqual(before);
  });

  test("IPv6 lock entries are lock changes: frozen names an added and a dropped address; unchanged passes", () => {
    const build2 = (count: number, frozen: boolean) => {
      const app = Testing.app();
      EniPlanner.configure(app, { lockFile: "eni.lock.json", quiet: true, frozen });
      const stack = testStack(app);
      const n = importedNet(stack);
      new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], ipv6AddressCount: count });
      return app;
    };
    build2(2, false).synth();
    expect(withRule(inspect(build2(2, true)), "ENI-LOCK-FROZEN")).toEqual([]);
    const grown = only(inspect(build2(3, true)), "ENI-LOCK-FROZEN");
    expect(grown.message).toContain("stack/Eni#ipv6-3 added 2408:4005:3a6:a101::3 in vsw-bp1dual");
    const shrunk = only(inspect(build2(1, true)), "ENI-LOCK-FROZEN");
    expect(shrunk.message).toContain("stack/Eni#ipv6-2 dropped 2408:4005:3a6:a101::2 in vsw-bp1dual");
    build2(1, false).synth();
    expect(Object.keys(JSON.parse(fs.readFileSync("eni.lock.json", "utf8")).allocations).filter((k) => k.includes("#ipv6-"))).toEqual(["stack/Eni#ipv6-1"]);
  });

  test("ENI-IPV6-FORCENEW: a changed ipv6_address_count of an instance warns; the same count does not", () => {
    const make = (count: number) => {
      const app = Testing.app();
      EniPlanner.configure(app, { lockFile: "eni.lock.json", quiet: true, frozen: false });
      const stack = testStack(app);
      vm(stack, "Server", newNet(stack), { ipv6AddressCount: count });
      return app;
    };
    make(1).synth();
    expect(JSON.parse(fs.readFileSync("eni.lock.json", "utf8")).allocations["stack/Server#ipv6-count"].address).toBe("count:1");
    expect(withRule(inspect(make(1)), "ENI-IPV6-FORCENEW")).toEqual([]);
    const f = only(inspect(make(2)), "ENI-IPV6-FORCENEW");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Server" });
    expect(f.message).toBe("ipv6_address_count changes from 1 to 2; the provider replaces the instance (ForceNew) for that.");
  });
});
