import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EcsInstance, EniConfigError, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../../src";
import { App, Testing, TerraformStack } from "../../../src/cdktf";
import { Ipv4Cidr, parseIpv4 } from "../../../src/net/ipv4";
import { EniPlanner } from "../../../src/planner";
import { allocatePrefixes, placeReservations } from "../../../src/planner/allocation";
import { onlyResource, resources, synthJson, testApp, testStack } from "../../support/synth";
import { thrown } from "../../support/thrown";
import { inspect, only, withRule } from "../planner-helpers";

const IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd";

function base(stack: TerraformStack, cidr = "10.0.1.0/24") {
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: cidr });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  const host = new EcsInstance(stack, "Host", { instanceType: "ecs.g7.xlarge", imageId: IMAGE, vswitch: vsw, securityGroups: [sg] });
  return { vpc, vsw, sg, host };
}

describe("allocation (pure)", () => {
  test("reservations: a mask is placed at the top of the vSwitch, clear of the last three addresses and of taken ones", () => {
    const vsw = Ipv4Cidr.parse("10.0.1.0/24");
    const r = placeReservations(new Map([["p", vsw]]), [{ key: "r#cidr", pool: "p", mask: 26 }], new Map());
    // 10.0.1.192/26 holds .253-.255 (system-reserved), so the next block down.
    expect(r.blocks.get("r#cidr")!.toString()).toBe("10.0.1.128/26");
    const r2 = placeReservations(new Map([["p", vsw]]), [{ key: "r#cidr", pool: "p", mask: 26 }], new Map([["p", [parseIpv4("10.0.1.130")]]]));
    expect(r2.blocks.get("r#cidr")!.toString()).toBe("10.0.1.64/26");
  });

  test("prefixes: aligned /28s inside the reservations, lowest first, clear of addresses; exhaustion reported", () => {
    const res = new Map([["p", [Ipv4Cidr.parse("10.0.1.128/27")]]]);
    const used = new Map([["p", new Set([parseIpv4("10.0.1.130")])]]);
    const r = allocatePrefixes(res, used, [
      { key: "e#prefix-1", pool: "p" },
      { key: "e#prefix-2", pool: "p" },
    ]);
    expect(Object.fromEntries(r.prefixes)).toEqual({ "e#prefix-1": "10.0.1.144/28" });
    expect(r.problems).toEqual([{ kind: "exhausted", pool: "p", wanted: 2, free: 1, keys: ["e#prefix-2"] }]);
  });
});

describe("reserveCidr and ipv4PrefixCount (synth)", () => {
  test("a reservation chosen by mask in an imported vSwitch stays clear of its usedIps", () => {
    const chosen = (usedIps: string[]) => {
      const app = testApp();
      const stack = testStack(app);
      const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
      const vsw = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps });
      vsw.reserveCidr("Pods", { mask: 26 });
      return onlyResource(synthJson(stack), "alicloud_vpc_vswitch_cidr_reservation").cidr_reservation_cidr;
    };
    expect(chosen([])).toBe("10.0.1.128/26");
    expect(chosen(["10.0.1.130"])).toBe("10.0.1.64/26"); // the top free /26 holds an address in use
  });

  test("the planner chooses and emits the reservation block and concrete /28 prefixes; individual IPs stay out of it", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    const res = n.vsw.reserveCidr("Pods", { mask: 26 });
    new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 3, instance: n.host });
    const json = synthJson(stack);
    const r = onlyResource(json, "alicloud_vpc_vswitch_cidr_reservation");
    expect(r).toMatchObject({ cidr_reservation_type: "Prefix", ip_version: "IPv4", cidr_reservation_cidr: "10.0.1.128/26" });
    expect(r.cidr_reservation_mask).toBeUndefined();
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    expect(eni.ipv4_prefixes).toEqual(["10.0.1.128/28", "10.0.1.144/28", "10.0.1.160/28"]);
    expect(eni.ipv4_prefix_count).toBeUndefined();
    expect(eni.private_ip_addresses).toBeUndefined();
    expect(res.fact.key).toBe("stack/Vsw/Pods#cidr");
    const block = Ipv4Cidr.parse("10.0.1.128/26");
    expect(block.contains(parseIpv4(eni.primary_ip_address))).toBe(false);
  });

  test("an explicit reservation and explicit prefixes are checked and emitted as given", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    n.vsw.reserveCidr("Pods", { cidrBlock: "10.0.1.64/26" });
    new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], ipv4Prefixes: ["10.0.1.80/28"], instance: n.host });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc_vswitch_cidr_reservation").cidr_reservation_cidr).toBe("10.0.1.64/26");
    expect(onlyResource(json, "alicloud_ecs_network_interface").ipv4_prefixes).toEqual(["10.0.1.80/28"]);
  });

  test("construction: exactly one of cidrBlock and mask; mask 8-28; prefix count 1-10 and never with a list", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    expect(thrown(() => n.vsw.reserveCidr("Both", { cidrBlock: "10.0.1.64/26", mask: 26 })).message).toMatch(/exactly one of cidrBlock/);
    expect(thrown(() => n.vsw.reserveCidr("Long", { mask: 29 })).message).toMatch(/mask 29 is not valid; expected a whole number from 8 to 28/);
    const e = thrown(() => new NetworkInterface(stack, "Eleven", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 11 }));
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toMatch(/ipv4PrefixCount is 11; expected a whole number from 1 to 10/);
    expect(thrown(() => new NetworkInterface(stack, "Mixed", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 1, ipv4Prefixes: ["10.0.1.64/28"] })).message).toMatch(/cannot both be set/);
  });
});

describe("prefix rules", () => {
  test("ENI-PREFIX-RESERVATION: outside, longer than /28, system-reserved, overlapping; a valid one passes", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    n.vsw.reserveCidr("Outside", { cidrBlock: "10.0.2.0/26" });
    n.vsw.reserveCidr("TooLong", { cidrBlock: "10.0.1.16/29" });
    n.vsw.reserveCidr("First", { cidrBlock: "10.0.1.0/28" });
    n.vsw.reserveCidr("Last", { cidrBlock: "10.0.1.240/28" });
    n.vsw.reserveCidr("A", { cidrBlock: "10.0.1.64/26" });
    n.vsw.reserveCidr("B", { cidrBlock: "10.0.1.96/27" });
    const found = withRule(inspect(app), "ENI-PREFIX-RESERVATION");
    expect(found.map((f) => f.path)).toEqual(["stack/Vsw/B", "stack/Vsw/First", "stack/Vsw/Last", "stack/Vsw/Outside", "stack/Vsw/TooLong"]);
    expect(found.find((f) => f.path === "stack/Vsw/B")!.message).toBe("reserved block 10.0.1.96/27 overlaps reservation stack/Vsw/A.");
    expect(found.find((f) => f.path === "stack/Vsw/Last")!.message).toContain("contains a system-reserved address");
  });

  test("ENI-PREFIX-RESERVATION: at most 10 per vSwitch and 100 per VPC (options)", () => {
    const app = testApp({ maxReservationsPerVSwitch: 2, maxReservationsPerVpc: 3 });
    const stack = testStack(app);
    const n = base(stack, "10.0.0.0/20");
    const other = new VSwitch(stack, "Vsw2", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.16.0/24" });
    for (let i = 0; i < 3; i++) n.vsw.reserveCidr(`R${i}`, { cidrBlock: `10.0.${2 + i}.0/28` });
    other.reserveCidr("R", { cidrBlock: "10.0.16.16/28" });
    const found = withRule(inspect(app), "ENI-PREFIX-RESERVATION");
    expect(found.map((f) => [f.path, f.message])).toEqual([
      ["stack/Vpc", "VPC has 4 IPv4 CIDR reservations; at most 3 per VPC."],
      ["stack/Vsw", "vSwitch has 3 IPv4 CIDR reservations; at most 2 per vSwitch."],
    ]);
  });

  test("ENI-PREFIX-INVALID: not /28, outside every reservation, or no reservation at all", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    const bare = new VSwitch(stack, "Bare", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
    n.vsw.reserveCidr("Pods", { cidrBlock: "10.0.1.64/26" });
    new NetworkInterface(stack, "Wide", { vswitch: n.vsw, securityGroups: [n.sg], ipv4Prefixes: ["10.0.1.64/27"] });
    new NetworkInterface(stack, "Out", { vswitch: n.vsw, securityGroups: [n.sg], ipv4Prefixes: ["10.0.1.16/28"] });
    new NetworkInterface(stack, "NoRes", { vswitch: bare, securityGroups: [n.sg], ipv4PrefixCount: 1 });
    new NetworkInterface(stack, "Ok", { vswitch: n.vsw, securityGroups: [n.sg], ipv4Prefixes: ["10.0.1.112/28"] });
    const found = withRule(inspect(app), "ENI-PREFIX-INVALID");
    expect(found.map((f) => [f.path, f.message])).toEqual([
      ["stack/NoRes", "the ENI has 1 IPv4 prefix(es), but its vSwitch stack/Bare has no CIDR reservation to take them from."],
      ["stack/Out", "IPv4 prefix 10.0.1.16/28 is not inside a CIDR reservation of the ENI's vSwitch."],
      ["stack/Wide", "IPv4 prefix 10.0.1.64/27 is not a /28; an IPv4 prefix is always a standard /28 block."],
    ]);
  });

  test("ENI-PREFIX-OVERLAP: two ENIs with one prefix, or an explicit IP inside a reservation", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    n.vsw.reserveCidr("Pods", { cidrBlock: "10.0.1.64/26" });
    new NetworkInterface(stack, "A", { vswitch: n.vsw, securityGroups: [n.sg], ipv4Prefixes: ["10.0.1.64/28"] });
    new NetworkInterface(stack, "B", { vswitch: n.vsw, securityGroups: [n.sg], ipv4Prefixes: ["10.0.1.64/28"] });
    new NetworkInterface(stack, "C", { vswitch: n.vsw, securityGroups: [n.sg], primaryIp: "10.0.1.100" });
    new NetworkInterface(stack, "D", { vswitch: n.vsw, securityGroups: [n.sg], primaryIp: "10.0.1.20" });
    const found = withRule(inspect(app), "ENI-PREFIX-OVERLAP");
    expect(found.map((f) => [f.path, f.message])).toEqual([
      ["stack/B", "IPv4 prefix 10.0.1.64/28 is also given to stack/A#prefix-1."],
      ["stack/C", "private IP 10.0.1.100 (primary) lies in CIDR reservation 10.0.1.64/26 of vSwitch stack/Vsw, which is kept for prefixes."],
    ]);
  });

  test("ENI-PREFIX-EXHAUSTED: more prefixes than the reservations hold", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    n.vsw.reserveCidr("Pods", { cidrBlock: "10.0.1.64/27" });
    new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 2 });
    expect(withRule(inspect(app), "ENI-PREFIX-EXHAUSTED")).toEqual([]);
    new NetworkInterface(stack, "Eni2", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 1 });
    expect(only(inspect(app), "ENI-PREFIX-EXHAUSTED").message).toBe("the CIDR reservations of vSwitch stack/Vsw hold 2 more /28 prefix(es); 3 wanted, 1 got none (stack/Eni2#prefix-1).");
  });

  test("ENI-PREFIX-MIX: prefixes and secondary IPs on one ENI fail; prefixes alone pass", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    n.vsw.reserveCidr("Pods", { mask: 26 });
    const mixed = new NetworkInterface(stack, "Mixed", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 1 });
    new NetworkInterface(stack, "Pure", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 1 });
    expect(withRule(inspect(app), "ENI-PREFIX-MIX")).toEqual([]);
    mixed.addSecondaryPrivateIps(["app:web"]);
    expect(only(inspect(app), "ENI-PREFIX-MIX")).toMatchObject({
      path: "stack/Mixed",
      message: "the ENI has 1 IPv4 prefix(es) and 1 secondary private IP(s); one alicloud_ecs_network_interface takes one or the other.",
    });
  });

  test("ENI-PREFIX-SLOTS: 1 primary + prefixes at most the type's IPv4 per ENI (ecs.g7.large: 5 prefixes)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack, "10.0.0.0/20");
    n.vsw.reserveCidr("Pods", { mask: 24 });
    const small = new EcsInstance(stack, "Small", { instanceType: "ecs.g7.large", imageId: IMAGE, vswitch: n.vsw, securityGroups: [n.sg] });
    const other = new EcsInstance(stack, "Other", { instanceType: "ecs.g7.large", imageId: IMAGE, vswitch: n.vsw, securityGroups: [n.sg] });
    new NetworkInterface(stack, "Six", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 6, instance: small });
    new NetworkInterface(stack, "Five", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 5, instance: other });
    const f = only(inspect(app), "ENI-PREFIX-SLOTS");
    expect(f.path).toBe("stack/Six");
    expect(f.message).toBe("ecs.g7.large (instance stack/Small) allows 6 private IPv4 slots per ENI; this ENI uses 7 (1 primary + 0 secondary + 6 prefix(es)).");
  });

  test("ENI-PREFIX-REGION: a region off the list warns; a listed one does not; the option extends the list", () => {
    const build = (region: string, prefixRegions?: string[]) => {
      const app = testApp(prefixRegions ? { prefixRegions } : {});
      const stack = testStack(app, "stack", region);
      const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
      const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: `${region}-a`, cidrBlock: "10.0.1.0/24" });
      const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
      vsw.reserveCidr("Pods", { mask: 26 });
      new NetworkInterface(stack, "Eni", { vswitch: vsw, securityGroups: [sg], ipv4PrefixCount: 1 });
      return withRule(inspect(app), "ENI-PREFIX-REGION");
    };
    expect(build("cn-hangzhou")).toEqual([]);
    const found = build("eu-west-9");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", path: "stack/Eni" });
    expect(build("eu-west-9", ["eu-west-9"])).toEqual([]);
  });

  test("ENI-SG-CAPACITY counts prefixes (16 each by default)", () => {
    const app = testApp({ maxIpsPerBasicSecurityGroup: 33 }); // host 1 + ENI 1 + 2 prefixes x 16 = 34
    const stack = testStack(app);
    const n = base(stack);
    n.vsw.reserveCidr("Pods", { mask: 26 });
    new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 2 });
    expect(only(inspect(app), "ENI-SG-CAPACITY").message).toContain("2 prefix(es) × 16");
  });
});

describe("prefix lock", () => {
  let dir: string;
  const cwd = process.cwd();
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-prefix-"));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("the chosen reservation and prefixes are locked (<path>#cidr, <path>#prefix-N) and stay when another ENI sorts first", () => {
    const build = (extra: boolean) => {
      const app = Testing.app();
      EniPlanner.configure(app, { lockFile: "eni.lock.json", quiet: true, frozen: false });
      const stack = testStack(app);
      const n = base(stack);
      n.vsw.reserveCidr("Pods", { mask: 26 });
      if (extra) new NetworkInterface(stack, "AAA", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 1 });
      new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], ipv4PrefixCount: 2 });
      return stack;
    };
    const first = build(false);
    (first.node.root as App).synth(); // the lock file is written once app.synth() succeeded
    const before = onlyResource(synthJson(first), "alicloud_ecs_network_interface").ipv4_prefixes;
    const lock = JSON.parse(fs.readFileSync("eni.lock.json", "utf8")).allocations;
    expect(lock["stack/Vsw/Pods#cidr"]).toEqual({ pool: "stack/Vsw", address: "10.0.1.128/26" });
    expect(lock["stack/Eni#prefix-1"]).toEqual({ pool: "stack/Vsw", address: before[0] });
    const json = synthJson(build(true));
    const eni = resources(json, "alicloud_ecs_network_interface").find(([name]) => name.startsWith("Eni"))![1];
    expect(eni.ipv4_prefixes).toEqual(before);
  });
});

describe("reserved roles", () => {
  test("addSecondaryPrivateIps refuses the roles of IPv6 addresses, prefixes and reservations", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = base(stack);
    const eni = new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg] });
    for (const role of ["ipv6-1", "prefix-2", "cidr", "ipv6-count"])
      expect(thrown(() => eni.addSecondaryPrivateIps([role])).message).toMatch(/is reserved for IPv6 addresses, prefixes and reservations/);
    expect(eni.addSecondaryPrivateIps(["app:ipv6-1"])).toHaveLength(1);
  });
});
