/**
 * Bad-input corpus: every row is one wrong (or suspicious) input and the outcome it must have.
 *
 * - `config`: an EniConfigError while the construct is created, whose message names the construct path and the
 *   offending value;
 * - `plan`: construction succeeds, the planner reports `ruleId` (error) on `path` naming the value, and synth fails
 *   with our EniPlanError (Testing.synth and app.synth alike);
 * - `warning`: construction and synth succeed (no crash), the planner warns `ruleId` on `path` naming the value;
 * - `ok`: accepted without errors;
 * - `clear`: an Error that is not ours but states the problem (the constructs library's own id checks), or ours
 *   without a construct path (planner options).
 *
 * In every case the thrown error must be a library error (never a TypeError or an error raised inside cdktf), and
 * its message must carry no JavaScript stack frames from node_modules.
 *
 * Rows with `bug` assert the correct behaviour of a known, not yet fixed bug: they run as `test.failing` (see the
 * list of bugs at the end of this file). None is open now.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, TerraformVariable, Testing, Token } from "../../src/cdktf";
import { EniConfigError } from "../../src/errors";
import { EniPlanError, EniPlanner, EniPlannerOptions, EniSuppressions, Finding } from "../../src/planner";
import { AttachmentTarget, EcsInstance, Eip, HaVip, ISecurityGroup, IVSwitch, NetworkInterface, NetworkInterfaceProps, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import * as alicloud from "../../src/provider";
import { synthJson, testApp, testStack } from "../support/synth";

/* ------------------------------------------------------------------------------------------------
 * Fixture: a valid app (VPC 10.0.0.0/16, vSwitch 10.0.1.0/24 in cn-hangzhou-h, one security group
 * with a rule, one ecs.g7.large instance) that each row adds its bad input to.
 * ---------------------------------------------------------------------------------------------- */

interface Fixture {
  app: App;
  stack: TerraformStack;
  vpc: Vpc;
  vsw: VSwitch;
  sg: SecurityGroup;
  inst: EcsInstance;
  /** A security group with a rule in `vpc` (or another VPC). */
  group(id: string, vpc?: Vpc, type?: "normal" | "enterprise"): SecurityGroup;
  /** An ENI in `vsw` with `sg`, plus props. */
  eni(id: string, props?: Partial<NetworkInterfaceProps>): NetworkInterface;
  /** An instance of `type` in `vswitch` (default `vsw`). */
  instance(id: string, type?: string, vswitch?: IVSwitch, groups?: ISecurityGroup[]): EcsInstance;
  /** A variable of the stack. */
  variable(name: string, type?: string): TerraformVariable;
}

function fixture(options: EniPlannerOptions = {}, bare = false): Fixture {
  const app = testApp(options);
  const stack = testStack(app, "stack");
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  if (bare) return { app, stack, vpc, vsw } as Fixture;
  const group = (id: string, v: Vpc = vpc, type: "normal" | "enterprise" = "normal") =>
    new SecurityGroup(stack, id, { vpc: v, type, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  const sg = group("Sg");
  const instance = (id: string, type = "ecs.g7.large", vswitch: IVSwitch = vsw, groups: ISecurityGroup[] = [sg]) =>
    new EcsInstance(stack, id, { instanceType: type, imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", vswitch, securityGroups: groups });
  const inst = instance("Inst");
  return {
    app,
    stack,
    vpc,
    vsw,
    sg,
    inst,
    group,
    instance,
    eni: (id, props = {}) => new NetworkInterface(stack, id, { vswitch: vsw, securityGroups: [sg], ...props }),
    variable: (name, type = "string") => new TerraformVariable(stack, name, { type }),
  };
}

/** A lock file with `text` in a fresh temporary folder. */
function lockFileWith(text: string): string {
  const file = lockPathIn("");
  fs.writeFileSync(file, text);
  return file;
}

/** A lock-file path `sub` levels below a fresh temporary folder (the folders are not created). */
function lockPathIn(sub: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-bad-lock-"));
  return path.join(dir, sub, "eni-allocations.lock.json");
}

/* ------------------------------------------------------------------------------------------------
 * The corpus
 * ---------------------------------------------------------------------------------------------- */

type Outcome =
  | { kind: "config"; path: string; value: string }
  /** `ruleId` "*": any error (no rule for the case exists yet); `paths`: any of these instead of `path`. */
  | { kind: "plan"; ruleId: string; path: string; value: string; paths?: string[] }
  | { kind: "warning"; ruleId: string; path: string; value: string; paths?: string[] }
  | { kind: "ok" }
  | { kind: "clear"; message: RegExp }
  /** Anything else: `check` gets the fixture and what `input` threw. */
  | { kind: "custom"; describe: string; check: (f: Fixture, thrown: unknown) => void };

interface Row {
  name: string;
  /** Planner options (or a function of the case's temporary lock file). */
  options?: EniPlannerOptions | (() => EniPlannerOptions);
  /** Adds the bad input to the fixture (or builds everything itself). */
  input: (f: Fixture) => void;
  expect: Outcome;
  /** Id of a known bug (listed at the end): the row runs as test.failing. */
  bug?: string;
  /** Start from a fixture with only the VPC and vSwitch (no security group, no instance). */
  bare?: boolean;
}

const config = (p: string, value: string): Outcome => ({ kind: "config", path: `stack/${p}`, value });
const plan = (ruleId: string, p: string, value: string): Outcome => ({ kind: "plan", ruleId, path: p.startsWith("/") ? p : `stack/${p}`, value });
const warning = (ruleId: string, p: string, value: string): Outcome => ({ kind: "warning", ruleId, path: `stack/${p}`, value });
const OK: Outcome = { kind: "ok" };

const rows: Row[] = [
  // --- malformed CIDR blocks -------------------------------------------------------------------
  { name: "VPC CIDR without a prefix", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "10.0.0.0" }), expect: config("Bad", "10.0.0.0") },
  { name: "VPC CIDR with prefix /33", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "10.0.0.0/33" }), expect: config("Bad", "10.0.0.0/33") },
  { name: "VPC CIDR with an octet of 256", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "10.0.0.256/16" }), expect: config("Bad", "10.0.0.256/16") },
  { name: "VPC CIDR with host bits set", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "10.1.2.0/16" }), expect: config("Bad", "10.1.2.0/16") },
  { name: "VPC CIDR that is IPv6", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "fd00::/8" }), expect: config("Bad", "fd00::/8") },
  { name: "VPC CIDR empty", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "" }), expect: config("Bad", '""') },
  { name: "VPC CIDR missing (undefined)", input: ({ stack }) => new Vpc(stack, "Bad", {} as any), expect: config("Bad", "undefined") },
  { name: "vSwitch CIDR with two slashes", input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24/1" }), expect: config("Bad", "10.0.2.0/24/1") },
  {
    name: "vSwitch CIDR with a space in the prefix",
    input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/ 24" }),
    expect: config("Bad", "10.0.2.0/ 24"),
  },
  {
    name: "vSwitch CIDR with a negative prefix",
    input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/-1" }),
    expect: config("Bad", "10.0.2.0/-1"),
  },
  { name: "vSwitch CIDR that is IPv6", input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "2001:db8::/64" }), expect: config("Bad", "2001:db8::/64") },
  { name: "vSwitch CIDR that is a hostname", input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "subnet-a" }), expect: config("Bad", "subnet-a") },
  {
    name: "security group peer with prefix /40",
    input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/40"), port: Port.tcp(443) }] }),
    expect: config("Bad/Ingress0", "10.0.0.0/40"),
  },
  {
    name: "security group peer that is IPv6",
    input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.ipv4("::/0"), port: Port.tcp(443) }] }),
    expect: config("Bad/Ingress0", "::/0"),
  },

  // --- malformed addresses ---------------------------------------------------------------------
  { name: "ENI primary IP with three octets", input: (f) => f.eni("Bad", { primaryIp: "10.0.1" }), expect: config("Bad", "10.0.1") },
  { name: "ENI primary IP with an octet of 300", input: (f) => f.eni("Bad", { primaryIp: "10.0.1.300" }), expect: config("Bad", "10.0.1.300") },
  { name: "ENI primary IP that is IPv6", input: (f) => f.eni("Bad", { primaryIp: "fe80::1" }), expect: config("Bad", "fe80::1") },
  { name: "ENI primary IP that is IPv4-mapped IPv6", input: (f) => f.eni("Bad", { primaryIp: "::ffff:10.0.1.5" }), expect: config("Bad", "::ffff:10.0.1.5") },
  { name: "ENI secondary IP with a leading zero (octal-looking)", input: (f) => f.eni("Bad", { secondaryPrivateIps: ["10.0.1.5", "010.0.1.6"] }), expect: config("Bad", "010.0.1.6") },
  { name: "ENI secondary IP written as a CIDR", input: (f) => f.eni("Bad", { secondaryPrivateIps: ["10.0.1.5/32"] }), expect: config("Bad", "10.0.1.5/32") },
  {
    name: "instance private IP with a leading space",
    input: (f) => new EcsInstance(f.stack, "Bad", { instanceType: "ecs.g7.large", imageId: "img", vswitch: f.vsw, securityGroups: [f.sg], privateIp: " 10.0.1.5" }),
    expect: config("Bad", " 10.0.1.5"),
  },
  { name: "HaVip address with five octets", input: (f) => new HaVip(f.stack, "Bad", { vswitch: f.vsw, ipAddress: "10.0.1.5.6" }), expect: config("Bad", "10.0.1.5.6") },
  {
    name: "imported vSwitch usedIps entry that is not an address",
    input: (f) => VSwitch.fromVSwitchAttributes(f.stack, "Bad", { vswitchId: "vsw-1", vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", usedIps: ["10.0.2.x"] }),
    expect: config("Bad", "10.0.2.x"),
  },
  {
    name: "imported vSwitch usedIps entry that is IPv6",
    input: (f) => VSwitch.fromVSwitchAttributes(f.stack, "Bad", { vswitchId: "vsw-1", vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", usedIps: ["2001:db8::1"] }),
    expect: config("Bad", "2001:db8::1"),
  },
  {
    name: "imported instance private IP with an octet of 256",
    input: (f) => EcsInstance.fromEcsInstanceAttributes(f.stack, "Bad", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch: f.vsw, privateIp: "10.0.1.256" }),
    expect: config("Bad", "10.0.1.256"),
  },
  { name: "EIP bound to a private IP that is not an address", input: (f) => new Eip(f.stack, "Bad").associate(f.eni("Eni"), "not-an-ip"), expect: config("Bad", "not-an-ip") },

  // --- addresses the planner rejects -----------------------------------------------------------
  { name: "explicit IP: the vSwitch's first (reserved) address", input: (f) => f.eni("Bad", { primaryIp: "10.0.1.0" }), expect: plan("ENI-IP-RESERVED", "Bad", "10.0.1.0") },
  { name: "explicit IP: one of the vSwitch's last three (reserved)", input: (f) => f.eni("Bad", { secondaryPrivateIps: ["10.0.1.253"] }), expect: plan("ENI-IP-RESERVED", "Bad", "10.0.1.253") },
  { name: "explicit IP: the vSwitch's broadcast address", input: (f) => new HaVip(f.stack, "Bad", { vswitch: f.vsw, ipAddress: "10.0.1.255" }), expect: plan("ENI-IP-RESERVED", "Bad", "10.0.1.255") },
  { name: "explicit IP outside the vSwitch", input: (f) => f.eni("Bad", { primaryIp: "10.0.2.5" }), expect: plan("ENI-IP-OUTSIDE", "Bad", "10.0.2.5") },
  // The first key in sorted order keeps the address (stack/A#primary), the other one is reported.
  { name: "explicit IP given twice (two ENIs)", input: (f) => (f.eni("A", { primaryIp: "10.0.1.9" }), f.eni("Bad", { primaryIp: "10.0.1.9" })), expect: plan("ENI-IP-DUPLICATE", "Bad", "10.0.1.9") },
  {
    name: "explicit IP given twice (ENI and HaVip)",
    input: (f) => (f.eni("A", { primaryIp: "10.0.1.9" }), new HaVip(f.stack, "Bad", { vswitch: f.vsw, ipAddress: "10.0.1.9" })),
    expect: plan("ENI-IP-DUPLICATE", "Bad", "stack/A#primary"),
  },
  { name: "explicit IP given twice on one ENI", input: (f) => f.eni("Bad", { secondaryPrivateIps: ["10.0.1.9", "10.0.1.9"] }), expect: plan("ENI-IP-DUPLICATE", "Bad", "10.0.1.9") },
  {
    name: "explicit IP listed in the imported vSwitch's usedIps",
    input: (f) => {
      const vswitch = VSwitch.fromVSwitchAttributes(f.stack, "Imported", { vswitchId: "vsw-1", vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", usedIps: ["10.0.2.7"] });
      f.eni("Bad", { vswitch, primaryIp: "10.0.2.7" });
    },
    expect: plan("ENI-IP-USED", "Bad", "10.0.2.7"),
  },
  {
    name: "imported instance whose own private IP is (correctly) listed in usedIps",
    input: (f) => {
      const vswitch = VSwitch.fromVSwitchAttributes(f.stack, "Imported", { vswitchId: "vsw-1", vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", usedIps: ["10.0.2.7", "10.0.2.8"] });
      const existing = EcsInstance.fromEcsInstanceAttributes(f.stack, "Existing", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch, privateIp: "10.0.2.7" });
      f.eni("Eni", { vswitch, instance: existing });
    },
    expect: OK,
  },
  {
    name: "imported instance whose private IP is a reserved address",
    input: (f) => f.eni("Eni", { instance: EcsInstance.fromEcsInstanceAttributes(f.stack, "Bad", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch: f.vsw, privateIp: "10.0.1.255" }) }),
    expect: plan("ENI-IP-RESERVED", "Bad", "10.0.1.255"),
  },
  {
    name: "imported instance whose private IP is outside its vSwitch",
    input: (f) => f.eni("Eni", { instance: EcsInstance.fromEcsInstanceAttributes(f.stack, "Bad", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch: f.vsw, privateIp: "10.0.2.7" }) }),
    expect: plan("ENI-IP-OUTSIDE", "Bad", "10.0.2.7"),
  },
  {
    name: "two imported instances with the same private IP",
    input: (f) => {
      EcsInstance.fromEcsInstanceAttributes(f.stack, "A", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch: f.vsw, privateIp: "10.0.1.7" });
      f.eni("Eni", { instance: EcsInstance.fromEcsInstanceAttributes(f.stack, "Bad", { instanceId: "i-2", instanceType: "ecs.g7.large", vswitch: f.vsw, privateIp: "10.0.1.7" }) });
    },
    expect: plan("ENI-IP-DUPLICATE", "Bad", "10.0.1.7"),
  },
  {
    name: "explicit ENI IP equal to an imported instance's IP",
    input: (f) => {
      EcsInstance.fromEcsInstanceAttributes(f.stack, "A", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch: f.vsw, privateIp: "10.0.1.7" });
      f.eni("Bad", { primaryIp: "10.0.1.7" });
    },
    expect: plan("ENI-IP-DUPLICATE", "Bad", "10.0.1.7"),
  },
  {
    name: "vSwitch /29 asked for 5 addresses",
    input: (f) => f.eni("Bad", { vswitch: new VSwitch(f.stack, "Tiny", { vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.9.0/29" }), secondaryPrivateIpCount: 4 }),
    expect: plan("ENI-VSW-EXHAUSTED", "Tiny", "10.0.9.0/29"),
  },
  { name: "ENI created with 11 secondary IPs", input: (f) => f.eni("Bad", { secondaryPrivateIpCount: 11 }), expect: plan("ENI-IP-CREATE", "Bad", "11") },
  { name: "ENI with more addresses than its instance type allows", input: (f) => f.eni("Bad", { instance: f.inst, secondaryPrivateIpCount: 6 }), expect: plan("ENI-IP-COUNT", "Bad", "7") },

  // --- prefixes and ranges ---------------------------------------------------------------------
  { name: "vSwitch /30", input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.9.0/30" }), expect: plan("ENI-VSW-PREFIX", "Bad", "10.0.9.0/30") },
  { name: "vSwitch /32", input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.9.7/32" }), expect: plan("ENI-VSW-PREFIX", "Bad", "10.0.9.7/32") },
  {
    name: "vSwitch /15 (inside a /10 VPC)",
    input: ({ stack }) => new VSwitch(stack, "Bad", { vpc: new Vpc(stack, "Big", { cidrBlock: "10.64.0.0/10" }), zoneId: "cn-hangzhou-h", cidrBlock: "10.64.0.0/15" }),
    expect: plan("ENI-VSW-PREFIX", "Bad", "10.64.0.0/15"),
  },
  {
    name: "vSwitch outside its VPC",
    input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "172.16.0.0/24" }),
    expect: plan("ENI-VSW-IN-VPC", "Bad", "172.16.0.0/24"),
  },
  {
    name: "vSwitch overlapping a sibling",
    input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.1.128/25" }),
    expect: plan("ENI-VSW-OVERLAP", "Bad", "10.0.1.128/25"),
  },
  { name: "VPC /7", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "10.0.0.0/7" }), expect: plan("ENI-VPC-CIDR", "Bad", "10.0.0.0/7") },
  { name: "VPC /29", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "192.168.0.0/29" }), expect: plan("ENI-VPC-CIDR", "Bad", "192.168.0.0/29") },
  { name: "VPC /32", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "192.168.0.1/32" }), expect: plan("ENI-VPC-CIDR", "Bad", "192.168.0.1/32") },
  {
    name: "VPC /12 with minVpcPrefix 16 (console guidance)",
    options: { minVpcPrefix: 16 },
    input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "172.16.0.0/12" }),
    expect: plan("ENI-VPC-CIDR", "Bad", "172.16.0.0/12"),
  },
  { name: "VPC in the loopback range", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "127.0.0.0/16" }), expect: plan("ENI-VPC-CIDR", "Bad", "127.0.0.0/16") },
  { name: "VPC starting with 0", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "0.0.0.0/8" }), expect: plan("ENI-VPC-CIDR", "Bad", "0.0.0.0/8") },

  // --- zones -----------------------------------------------------------------------------------
  {
    name: "vSwitch zone of another region",
    input: (f) => f.eni("Eni", { vswitch: new VSwitch(f.stack, "Bad", { vpc: f.vpc, zoneId: "cn-shanghai-b", cidrBlock: "10.0.2.0/24" }) }),
    expect: plan("ENI-ZONE-REGION", "Bad", "cn-shanghai-b"),
  },
  {
    name: "vSwitch zone that is the bare region id",
    input: (f) => new VSwitch(f.stack, "Bad", { vpc: f.vpc, zoneId: "cn-hangzhou", cidrBlock: "10.0.2.0/24" }),
    expect: plan("ENI-ZONE-REGION", "Bad", "cn-hangzhou"),
  },
  {
    name: "zone of another region in a stack of VPCs and vSwitches only",
    bare: true,
    input: (f) => new VSwitch(f.stack, "Bad", { vpc: f.vpc, zoneId: "cn-beijing-a", cidrBlock: "10.0.2.0/24" }),
    expect: plan("ENI-ZONE-REGION", "Bad", "cn-beijing-a"),
  },
  { name: "VPC in a forbidden range in a stack of VPCs only", bare: true, input: (f) => new Vpc(f.stack, "Bad", { cidrBlock: "100.64.0.0/16" }), expect: plan("ENI-VPC-CIDR", "Bad", "100.64.0.0/16") },
  {
    name: "imported vSwitch with a zone of another region (only construct of its stack)",
    input: (f) => {
      const other = testStack(f.app, "other");
      const vpc = Vpc.fromVpcAttributes(other, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.9.0.0/16" });
      VSwitch.fromVSwitchAttributes(other, "Bad", { vswitchId: "vsw-9", vpc, zoneId: "us-west-1a", cidrBlock: "10.9.1.0/24" });
    },
    expect: { kind: "plan", ruleId: "ENI-ZONE-REGION", path: "other/Bad", value: "us-west-1a" },
  },
  {
    name: "the same vSwitch imported by two stacks with different CIDRs and zones",
    input: (f) => {
      const other = testStack(f.app, "other");
      const vpcA = Vpc.fromVpcAttributes(f.stack, "Shared", { vpcId: "vpc-1", cidrBlock: "10.8.0.0/16" });
      const vpcB = Vpc.fromVpcAttributes(other, "Shared", { vpcId: "vpc-1", cidrBlock: "10.8.0.0/16" });
      VSwitch.fromVSwitchAttributes(f.stack, "Imported", { vswitchId: "vsw-1", vpc: vpcA, zoneId: "cn-hangzhou-h", cidrBlock: "10.8.1.0/24" });
      const b = VSwitch.fromVSwitchAttributes(other, "Imported", { vswitchId: "vsw-1", vpc: vpcB, zoneId: "cn-hangzhou-i", cidrBlock: "10.8.2.0/24" });
      new NetworkInterface(other, "Eni", { vswitch: b, securityGroups: [new SecurityGroup(other, "Sg", { vpc: vpcB, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] })] });
    },
    expect: { kind: "plan", ruleId: "*", path: "stack/Imported", paths: ["stack/Imported", "other/Imported"], value: "10.8.2.0/24" },
  },
  {
    name: "the same VPC imported twice with different CIDRs",
    input: (f) => {
      Vpc.fromVpcAttributes(f.stack, "A", { vpcId: "vpc-1", cidrBlock: "10.8.0.0/16" });
      const b = Vpc.fromVpcAttributes(f.stack, "B", { vpcId: "vpc-1", cidrBlock: "10.9.0.0/16" });
      new VSwitch(f.stack, "W", { vpc: b, zoneId: "cn-hangzhou-h", cidrBlock: "10.9.1.0/24" });
    },
    expect: { kind: "plan", ruleId: "*", path: "stack/A", paths: ["stack/A", "stack/B"], value: "10.9.0.0/16" },
  },
  {
    name: "provider region from a variable (ENI-ZONE-REGION cannot run)",
    input: (f) => {
      const s = new TerraformStack(f.app, "tok");
      new alicloud.provider.AlicloudProvider(s, "alicloud", { region: new TerraformVariable(s, "region", { type: "string" }).stringValue });
      const vpc = new Vpc(s, "Vpc", { cidrBlock: "10.0.0.0/16" });
      const vsw = new VSwitch(s, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
      new NetworkInterface(s, "Eni", { vswitch: vsw, securityGroups: [new SecurityGroup(s, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] })] });
    },
    expect: { kind: "warning", ruleId: "ENI-UNKNOWN-VALUE", path: "tok/Vsw", paths: ["tok/Vsw", "tok/alicloud"], value: "var.region" },
  },
  { name: "vSwitch zone empty", input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "", cidrBlock: "10.0.2.0/24" }), expect: config("Bad", '""') },
  { name: "vSwitch zone blank", input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "   ", cidrBlock: "10.0.2.0/24" }), expect: config("Bad", '"   "') },
  {
    name: "ENI attached to an instance in another zone",
    input: (f) => f.eni("Bad", { vswitch: new VSwitch(f.stack, "VswI", { vpc: f.vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.2.0/24" }), instance: f.inst }),
    expect: plan("ENI-ZONE", "Bad", "cn-hangzhou-i"),
  },
  {
    name: "ENI attached to an instance of another VPC",
    input: (f) => {
      const vpc2 = new Vpc(f.stack, "Vpc2", { cidrBlock: "10.1.0.0/16" });
      const v = new VSwitch(f.stack, "Vsw2", { vpc: vpc2, zoneId: "cn-hangzhou-h", cidrBlock: "10.1.1.0/24" });
      new NetworkInterface(f.stack, "Bad", { vswitch: v, securityGroups: [f.group("Sg2", vpc2)], instance: f.inst });
    },
    expect: plan("ENI-VPC", "Bad", "stack/Vpc2"),
  },

  // --- names and ids ---------------------------------------------------------------------------
  { name: "VPC name empty", input: ({ stack }) => new Vpc(stack, "Bad", { cidrBlock: "10.1.0.0/16", name: "" }), expect: config("Bad", '""') },
  { name: "vSwitch name blank", input: ({ stack, vpc }) => new VSwitch(stack, "Bad", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", name: "  " }), expect: config("Bad", '"  "') },
  { name: "ENI name of one character", input: (f) => f.eni("Bad", { name: "x" }), expect: config("Bad", '"x"') },
  { name: "security group name of 129 characters", input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, name: "n".repeat(129) }), expect: config("Bad", "n".repeat(129)) },
  { name: "two ENIs with the same name (allowed by the cloud)", input: (f) => (f.eni("A", { name: "web" }), f.eni("B", { name: "web" })), expect: OK },
  { name: "duplicate construct id", input: (f) => (f.eni("Same"), f.eni("Same")), expect: { kind: "clear", message: /already a Construct with name 'Same'/ } },
  { name: "empty construct id", input: ({ stack }) => new Vpc(stack, "", { cidrBlock: "10.1.0.0/16" }), expect: { kind: "clear", message: /empty ID/ } },
  { name: "duplicate address role on an ENI", input: (f) => f.eni("Bad").addSecondaryPrivateIps(["app:web", "app:web"]), expect: config("Bad", "app:web") },
  { name: "duplicate address role on an instance", input: (f) => f.inst.addSecondaryPrivateIps(["app:api", "app:api"]), expect: config("Inst", "app:api") },

  // --- security groups -------------------------------------------------------------------------
  { name: "ENI with zero security groups", input: (f) => f.eni("Bad", { securityGroups: [] }), expect: config("Bad", "securityGroups") },
  { name: "ENI with six security groups", input: (f) => f.eni("Bad", { securityGroups: [0, 1, 2, 3, 4, 5].map((i) => f.group(`G${i}`)) }), expect: plan("ENI-SG-COUNT", "Bad", "6") },
  { name: "instance with zero security groups", input: (f) => f.instance("Bad", "ecs.g7.large", f.vsw, []), expect: config("Bad", "securityGroups") },
  {
    name: "instance with six security groups",
    input: (f) =>
      f.instance(
        "Bad",
        "ecs.g7.large",
        f.vsw,
        [0, 1, 2, 3, 4, 5].map((i) => f.group(`G${i}`)),
      ),
    expect: plan("ENI-SG-COUNT", "Bad", "6"),
  },
  {
    name: "ENI with a security group of another VPC",
    input: (f) => f.eni("Bad", { securityGroups: [f.group("Other", new Vpc(f.stack, "Vpc2", { cidrBlock: "10.1.0.0/16" }))] }),
    expect: plan("ENI-SG-VPC", "Bad", "stack/Other"),
  },
  {
    name: "ENI mixing basic and advanced security groups",
    input: (f) => f.eni("Bad", { securityGroups: [f.sg, f.group("Adv", f.vpc, "enterprise")] }),
    expect: plan("ENI-SG-TYPE", "Bad", "enterprise"),
  },
  { name: "security group type that does not exist", input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, type: "premium" as any }), expect: config("Bad", "premium") },
  {
    name: "rule priority 1.5",
    input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(443), priority: 1.5 }] }),
    expect: config("Bad/Ingress0", "1.5"),
  },
  {
    name: "rule priority 0",
    input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(443), priority: 0 }] }),
    expect: config("Bad/Ingress0", "0"),
  },
  {
    name: "rule priority NaN",
    input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(443), priority: NaN }] }),
    expect: config("Bad/Ingress0", "NaN"),
  },
  {
    name: "rule policy that does not exist",
    input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(443), policy: "allow" as any }] }),
    expect: config("Bad/Ingress0", "allow"),
  },
  { name: "rule port 70000", input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(70000) }] }), expect: config("Bad/Ingress0", "70000") },
  {
    name: "rule port range reversed",
    input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcpRange(100, 10) }] }),
    expect: config("Bad/Ingress0", "100-10"),
  },
  {
    name: "rule peer given as a plain string",
    input: ({ stack, vpc }) => new SecurityGroup(stack, "Bad", { vpc, ingress: [{ peer: "10.0.0.0/8" as any, port: Port.tcp(443) }] }),
    expect: config("Bad/Ingress0", "Peer"),
  },

  // --- counts ----------------------------------------------------------------------------------
  { name: "secondaryPrivateIpCount -1", input: (f) => f.eni("Bad", { secondaryPrivateIpCount: -1 }), expect: config("Bad", "-1") },
  { name: "secondaryPrivateIpCount 1.5", input: (f) => f.eni("Bad", { secondaryPrivateIpCount: 1.5 }), expect: config("Bad", "1.5") },
  { name: "secondaryPrivateIpCount 1e9", input: (f) => f.eni("Bad", { secondaryPrivateIpCount: 1e9 }), expect: config("Bad", "1000000000") },
  { name: "secondaryPrivateIpCount NaN", input: (f) => f.eni("Bad", { secondaryPrivateIpCount: NaN }), expect: config("Bad", "NaN") },
  { name: "secondaryPrivateIpCount Infinity", input: (f) => f.eni("Bad", { secondaryPrivateIpCount: Infinity }), expect: config("Bad", "Infinity") },
  { name: "secondaryPrivateIpCount given as a string", input: (f) => f.eni("Bad", { secondaryPrivateIpCount: "3" as any }), expect: config("Bad", '"3"') },
  { name: "secondaryPrivateIpCount that is a Terraform token", input: (f) => f.eni("Bad", { secondaryPrivateIpCount: f.variable("n", "number").numberValue }), expect: config("Bad", "token") },
  {
    name: "instance secondaryPrivateIpCount 50 (API maximum 49)",
    input: (f) => new EcsInstance(f.stack, "Bad", { instanceType: "ecs.g7.16xlarge", imageId: "img", vswitch: f.vsw, securityGroups: [f.sg], secondaryPrivateIpCount: 50 }),
    expect: config("Bad", "50"),
  },
  {
    name: "secondaryPrivateIpCount and secondaryPrivateIps together",
    input: (f) => f.eni("Bad", { secondaryPrivateIpCount: 1, secondaryPrivateIps: ["10.0.1.9"] }),
    expect: config("Bad", "secondaryPrivateIps"),
  },
  {
    name: "imported instance attachedEniCount 0",
    input: (f) => EcsInstance.fromEcsInstanceAttributes(f.stack, "Bad", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch: f.vsw, attachedEniCount: 0 }),
    expect: config("Bad", "0"),
  },
  {
    name: "imported instance attachedEniCount 2.5",
    input: (f) => EcsInstance.fromEcsInstanceAttributes(f.stack, "Bad", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch: f.vsw, attachedEniCount: 2.5 }),
    expect: config("Bad", "2.5"),
  },
  { name: "EIP bandwidth 0", input: ({ stack }) => new Eip(stack, "Bad", { bandwidth: 0 }), expect: config("Bad", "0") },
  { name: "EIP bandwidth NaN", input: ({ stack }) => new Eip(stack, "Bad", { bandwidth: NaN }), expect: config("Bad", "NaN") },
  { name: "planner option eniQuotaPerRegion 0", input: () => testApp({ eniQuotaPerRegion: 0 }), expect: { kind: "clear", message: /eniQuotaPerRegion is 0/ } },
  { name: "planner option eniQuotaPerRegion NaN", input: () => testApp({ eniQuotaPerRegion: NaN }), expect: { kind: "clear", message: /eniQuotaPerRegion is NaN/ } },
  { name: "planner option minVpcPrefix 12", input: () => testApp({ minVpcPrefix: 12 }), expect: { kind: "clear", message: /minVpcPrefix is 12/ } },
  { name: "suppression with a short reason", input: (f) => EniSuppressions.addSuppressions(f.inst, [{ id: "ENI-SAME-SUBNET", reason: "meh" }]), expect: config("Inst", '"meh"') },
  {
    name: "suppression with a lower-case id",
    input: (f) => EniSuppressions.addSuppressions(f.inst, [{ id: "eni-count", reason: "we know what we are doing" }]),
    expect: config("Inst", '"eni-count"'),
  },
  {
    name: "suppressing a non-suppressible rule changes nothing",
    input: (f) => {
      EniSuppressions.addSuppressions(f.stack, [{ id: "ENI-IP-RESERVED", reason: "we know what we are doing" }]);
      f.eni("Bad", { primaryIp: "10.0.1.0" });
    },
    expect: plan("ENI-IP-RESERVED", "Bad", "not suppressible"),
  },

  // --- instance types --------------------------------------------------------------------------
  { name: "unknown instance type (typo)", input: (f) => f.instance("Bad", "ecs.g7.lage"), expect: plan("ENI-TYPE-UNKNOWN", "Bad", "ecs.g7.large") },
  {
    name: "unknown instance type under allowUnknownInstanceTypes",
    options: { allowUnknownInstanceTypes: true },
    input: (f) => f.instance("Bad", "ecs.g7.lage"),
    expect: warning("ENI-TYPE-UNKNOWN", "Bad", "ecs.g7.large"),
  },
  { name: 'instance type in upper case (the provider requires "ecs.")', input: (f) => f.instance("Bad", "ECS.G7.LARGE"), expect: config("Bad", "ECS.G7.LARGE") },
  { name: "instance type without the ecs. prefix", input: (f) => f.instance("Bad", "g7.large"), expect: config("Bad", "g7.large") },
  { name: "instance type without ENI figures (partial catalog row)", input: (f) => f.instance("Bad", "ecs.gn7-c12g1.3xlarge"), expect: warning("ENI-TYPE-PARTIAL", "Bad", "ecs.gn7-c12g1.3xlarge") },
  { name: "ENI on a type without hot swap", input: (f) => f.eni("Eni", { instance: f.instance("Bad", "ecs.t6-c1m1.large") }), expect: plan("ENI-HOTPLUG", "Bad", "ecs.t6-c1m1.large") },
  {
    name: "primary ENI with more addresses than the type allows",
    input: (f) => new EcsInstance(f.stack, "Bad", { instanceType: "ecs.g7.large", imageId: "img", vswitch: f.vsw, securityGroups: [f.sg], secondaryPrivateIpCount: 6 }),
    expect: plan("ENI-IP-COUNT", "Bad", "7"),
  },
  { name: "planner option strict (removed)", input: () => testApp({ strict: true }), expect: { kind: "clear", message: /strict was removed/ } },
  { name: "empty instance type", input: (f) => f.instance("Bad", ""), expect: config("Bad", '""') },
  { name: "instance type missing (undefined)", input: (f) => new EcsInstance(f.stack, "Bad", { imageId: "img", vswitch: f.vsw, securityGroups: [f.sg] } as any), expect: config("Bad", "undefined") },

  // --- tokens where concrete values are needed -------------------------------------------------
  {
    name: "vSwitch CIDR from a variable",
    input: (f) => f.eni("Eni", { vswitch: new VSwitch(f.stack, "Tok", { vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: f.variable("vsw_cidr").stringValue }) }),
    expect: warning("ENI-UNKNOWN-VALUE", "Tok", "var.vsw_cidr"),
  },
  { name: "VPC CIDR from a variable", input: (f) => new Vpc(f.stack, "Tok", { cidrBlock: f.variable("vpc_cidr").stringValue }), expect: warning("ENI-UNKNOWN-VALUE", "Tok", "var.vpc_cidr") },
  {
    name: "vSwitch zone from a variable (ENI attached across it)",
    input: (f) => f.eni("Eni", { instance: f.inst, vswitch: new VSwitch(f.stack, "Tok", { vpc: f.vpc, zoneId: f.variable("zone").stringValue, cidrBlock: "10.0.2.0/24" }) }),
    expect: warning("ENI-UNKNOWN-VALUE", "Eni", "var.zone"),
  },
  {
    name: "vSwitch zone from a variable (ENI-ZONE-REGION cannot run)",
    input: (f) => new VSwitch(f.stack, "Tok", { vpc: f.vpc, zoneId: f.variable("zone").stringValue, cidrBlock: "10.0.2.0/24" }),
    expect: warning("ENI-UNKNOWN-VALUE", "Tok", "var.zone"),
  },
  { name: "instance type from a variable", input: (f) => f.instance("Tok", f.variable("itype").stringValue), expect: warning("ENI-UNKNOWN-VALUE", "Tok", "var.itype") },
  { name: "explicit ENI IP from a variable", input: (f) => f.eni("Tok", { primaryIp: f.variable("ip").stringValue }), expect: warning("ENI-UNKNOWN-VALUE", "Tok", "var.ip") },
  {
    name: "explicit secondary IP from a resource attribute",
    input: (f) => f.eni("Tok", { secondaryPrivateIps: [f.inst.resource.privateIp] }),
    expect: warning("ENI-UNKNOWN-VALUE", "Tok", "alicloud_instance."),
  },
  {
    name: "imported vSwitch usedIps entry that is a token",
    input: (f) =>
      VSwitch.fromVSwitchAttributes(f.stack, "Bad", { vswitchId: "vsw-1", vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24", usedIps: [Token.asString(f.variable("ip").value)] }),
    expect: config("Bad", "usedIps[0]"),
  },

  // --- lock file -------------------------------------------------------------------------------
  { name: "lock file that is not JSON", options: () => ({ lockFile: lockFileWith("{nope") }), input: (f) => f.eni("Eni"), expect: plan("ENI-LOCK-INVALID", "/lock", "not valid JSON") },
  { name: "lock file that is empty", options: () => ({ lockFile: lockFileWith("") }), input: (f) => f.eni("Eni"), expect: plan("ENI-LOCK-INVALID", "/lock", "not valid JSON") },
  { name: "lock file of version 3", options: () => ({ lockFile: lockFileWith('{"version":3,"allocations":{}}') }), input: (f) => f.eni("Eni"), expect: plan("ENI-LOCK-INVALID", "/lock", "3") },
  {
    name: "lock file whose allocations is an array",
    options: () => ({ lockFile: lockFileWith('{"version":1,"allocations":[]}') }),
    input: (f) => f.eni("Eni"),
    expect: plan("ENI-LOCK-INVALID", "/lock", "an array"),
  },
  {
    name: "lock file with one address twice in a pool",
    options: () => ({
      lockFile: lockFileWith(
        JSON.stringify({ version: 1, allocations: { "stack/A#primary": { pool: "stack/Vsw", address: "10.0.1.4" }, "stack/B#primary": { pool: "stack/Vsw", address: "10.0.1.4" } } }),
      ),
    }),
    input: (f) => f.eni("Eni"),
    expect: plan("ENI-LOCK-INVALID", "/lock", "10.0.1.4"),
  },
  {
    name: "lock file with an IPv6 value for an IPv4 key (edited by hand): re-planned with a warning naming it",
    options: () => ({ lockFile: lockFileWith(JSON.stringify({ version: 1, allocations: { "stack/Eni#primary": { pool: "stack/Vsw", address: "fe80::1" } } })) }),
    input: (f) => f.eni("Eni"),
    expect: warning("ENI-LOCK-REPAIRED", "Eni", "fe80::1"),
  },
  {
    name: "lock file entry without a pool",
    options: () => ({ lockFile: lockFileWith(JSON.stringify({ version: 1, allocations: { "stack/Eni#primary": { address: "10.0.1.4" } } })) }),
    input: (f) => f.eni("Eni"),
    expect: plan("ENI-LOCK-INVALID", "/lock", "stack/Eni#primary"),
  },

  {
    name: "lock file path that is a directory",
    options: () => {
      const dir = lockPathIn("");
      fs.mkdirSync(dir);
      return { lockFile: dir };
    },
    input: (f) => f.eni("Eni"),
    expect: plan("ENI-LOCK-INVALID", "/lock", "eni-allocations.lock.json"),
  },
  {
    name: "lock file in a folder that does not exist",
    options: () => ({ lockFile: lockPathIn("no/such/folder") }),
    input: (f) => f.eni("Eni"),
    expect: {
      kind: "custom",
      describe: "synth creates the folder and the lock file, or fails with our error naming the configured path",
      check: (f, thrown) => {
        if (thrown !== undefined) throw thrown;
        const lockFile = EniPlanner.of(f.app).options.lockFile as string;
        const err = capture(() => f.app.synth());
        if (err === undefined) {
          expect(fs.existsSync(lockFile)).toBe(true);
          return;
        }
        const e = expectOurs(err, [EniPlanError]);
        expect(e.message).toContain(lockFile);
      },
    },
  },
  {
    name: "frozen lock file that lacks a new ENI",
    options: () => ({ lockFile: lockFileWith(JSON.stringify({ version: 1, allocations: {} })), frozen: true }),
    input: (f) => f.eni("Eni"),
    expect: { kind: "plan", ruleId: "ENI-LOCK-FROZEN", path: "stack/Eni", value: "stack/Eni#primary added" },
  },

  // --- quotas, options, provider ---------------------------------------------------------------
  { name: "more ENIs than the region quota", options: { eniQuotaPerRegion: 1 }, input: (f) => (f.eni("A"), f.eni("Bad")), expect: plan("ENI-REGION-QUOTA", "Bad", "2") },
  {
    name: "ENI in another vSwitch than its instance under requireSameVSwitch",
    options: { requireSameVSwitch: true },
    input: (f) => f.eni("Bad", { instance: f.inst, vswitch: new VSwitch(f.stack, "Vsw2", { vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" }) }),
    expect: plan("ENI-VSWITCH", "Bad", "stack/Vsw2"),
  },
  {
    name: "explicit and planned addresses on a vSwitch whose CIDR is a token",
    input: (f) =>
      f.eni("Bad", { primaryIp: "10.0.2.5", secondaryPrivateIpCount: 1, vswitch: new VSwitch(f.stack, "Tok", { vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: f.variable("cidr").stringValue }) }),
    expect: plan("ENI-IP-UNPLANNABLE", "Bad", "stack/Tok"),
  },
  {
    name: "provider credentials written as literals",
    input: (f) => {
      const provider = f.stack.node.findChild("alicloud") as alicloud.provider.AlicloudProvider;
      provider.accessKey = "LTAI5tExampleKeyId";
      provider.secretKey = "ExampleSecret";
    },
    expect: plan("ENI-SEC-CREDENTIALS", "alicloud", "access_key, secret_key"),
  },

  // --- attachments, EIPs, HaVips ---------------------------------------------------------------
  { name: "the same ENI attached twice", input: (f) => f.eni("Bad", { instance: f.inst }).attachTo(f.inst), expect: plan("ENI-ATTACH-ONCE", "Bad", "stack/Bad/Attachment2") },
  { name: "ENI attached to two instances", input: (f) => f.eni("Bad", { instance: f.inst }).attachTo(f.instance("Inst2")), expect: plan("ENI-ATTACH-ONCE", "Bad", "stack/Bad/Attachment2") },
  { name: "ENI attached to one of zero candidates", input: (f) => f.eni("Bad").attachTo(AttachmentTarget.oneOf([], { instanceId: "${var.active}" })), expect: config("Bad", "candidate") },
  { name: "more ENIs than the instance type allows", input: (f) => [1, 2, 3].forEach((i) => f.eni(`Eni${i}`, { instance: f.inst })), expect: plan("ENI-COUNT", "Inst", "4") },
  {
    name: "EIP associated twice",
    input: (f) => {
      const e = new Eip(f.stack, "Bad");
      const eni = f.eni("Eni");
      e.associate(eni);
      e.associate(eni);
    },
    expect: config("Bad", "already associated"),
  },
  {
    name: "EIP on an imported instance without its primary ENI id",
    input: (f) =>
      new Eip(f.stack, "Bad").associate(EcsInstance.fromEcsInstanceAttributes(f.stack, "Existing", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch: f.vsw, privateIp: "10.0.1.50" })),
    expect: config("Bad", "stack/Existing"),
  },
  {
    name: "EIP bound to an address the ENI does not have",
    input: (f) => new Eip(f.stack, "Bad").associate(f.eni("Eni", { primaryIp: "10.0.1.20" }), "10.0.1.99"),
    expect: plan("ENI-EIP-PRIVATE-IP", "Bad", "10.0.1.99"),
  },
  {
    name: "EIP bound to another ENI's address",
    input: (f) => new Eip(f.stack, "Bad").associate(f.eni("Eni"), f.eni("Other").primaryIp),
    expect: plan("ENI-EIP-PRIVATE-IP", "Bad", "stack/Other#primary"),
  },
  {
    name: "two EIPs on one private IP",
    input: (f) => {
      const eni = f.eni("Eni");
      new Eip(f.stack, "A").associate(eni);
      new Eip(f.stack, "Bad").associate(eni);
    },
    expect: plan("ENI-EIP-PER-IP", "Bad", "stack/Eni#primary"),
  },
  {
    name: "HaVip attached to an ENI of another vSwitch",
    input: (f) => new HaVip(f.stack, "Bad", { vswitch: new VSwitch(f.stack, "Vsw2", { vpc: f.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" }) }).attach(f.eni("Eni")),
    expect: plan("ENI-HAVIP-VSWITCH", "Bad", "stack/Vsw"),
  },

  // --- null / undefined where props are required -----------------------------------------------
  { name: "Vpc props null", input: ({ stack }) => new Vpc(stack, "Bad", null as any), expect: config("Bad", "props") },
  { name: "VSwitch props undefined", input: ({ stack }) => new VSwitch(stack, "Bad", undefined as any), expect: config("Bad", "props") },
  { name: "VSwitch vpc undefined", input: ({ stack }) => new VSwitch(stack, "Bad", { vpc: undefined as any, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" }), expect: config("Bad", "vpc") },
  { name: "SecurityGroup props null", input: ({ stack }) => new SecurityGroup(stack, "Bad", null as any), expect: config("Bad", "props") },
  { name: "SecurityGroup vpc undefined", input: ({ stack }) => new SecurityGroup(stack, "Bad", { vpc: undefined as any }), expect: config("Bad", "vpc") },
  { name: "EcsInstance props null", input: ({ stack }) => new EcsInstance(stack, "Bad", null as any), expect: config("Bad", "props") },
  {
    name: "EcsInstance vswitch undefined",
    input: (f) => new EcsInstance(f.stack, "Bad", { instanceType: "ecs.g7.large", imageId: "img", vswitch: undefined as any, securityGroups: [f.sg] }),
    expect: config("Bad", "vswitch"),
  },
  { name: "NetworkInterface props null", input: ({ stack }) => new NetworkInterface(stack, "Bad", null as any), expect: config("Bad", "props") },
  { name: "NetworkInterface vswitch undefined", input: (f) => f.eni("Bad", { vswitch: undefined as any }), expect: config("Bad", "vswitch") },
  { name: "NetworkInterface security group undefined in the list", input: (f) => f.eni("Bad", { securityGroups: [undefined as any] }), expect: config("Bad", "securityGroups[0]") },
  { name: "HaVip props null", input: ({ stack }) => new HaVip(stack, "Bad", null as any), expect: config("Bad", "props") },
  { name: "Eip props null", input: ({ stack }) => new Eip(stack, "Bad", null as any), expect: config("Bad", "props") },
  { name: "VSwitch.fromVSwitchAttributes attrs null", input: ({ stack }) => VSwitch.fromVSwitchAttributes(stack, "Bad", null as any), expect: config("Bad", "attrs") },
  { name: "EcsInstance.fromEcsInstanceAttributes attrs null", input: ({ stack }) => EcsInstance.fromEcsInstanceAttributes(stack, "Bad", null as any), expect: config("Bad", "attrs") },
  { name: "attachTo(undefined)", input: (f) => f.eni("Bad").attachTo(undefined as any), expect: config("Bad", "undefined") },
  { name: "Eip.associate(undefined)", input: ({ stack }) => new Eip(stack, "Bad").associate(undefined as any), expect: config("Bad", "undefined") },
];

/* ------------------------------------------------------------------------------------------------
 * Running a row
 * ---------------------------------------------------------------------------------------------- */

/** Builds the row's fixture. */
function setUp(row: Row): Fixture {
  const options = typeof row.options === "function" ? row.options() : (row.options ?? {});
  return fixture(options, row.bare);
}

/** The thrown error is ours: a library error class, no stack frames (or node_modules paths) in its message. */
function expectOurs(e: unknown, classes: (new (...args: any[]) => Error)[]): Error {
  if (e === undefined) throw new Error(`expected ${classes.map((c) => c.name).join(" or ")}, but nothing was thrown`);
  const err = e as Error;
  if (!classes.some((c) => err instanceof c)) {
    throw new Error(`expected ${classes.map((c) => c.name).join(" or ")}, got ${err?.constructor?.name}: ${err?.message}`);
  }
  expect(err).not.toBeInstanceOf(TypeError);
  expect(err.message).not.toMatch(/node_modules[\\/]/);
  expect(err.message).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  return err;
}

function capture(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

const show = (f: Finding) => `[${f.ruleId}] ${f.severity} ${f.path}: ${f.message}`;

function run(row: Row): void {
  const f = setUp(row);
  const thrown = capture(() => row.input(f));
  const x = row.expect;
  switch (x.kind) {
    case "config": {
      const err = expectOurs(thrown, [EniConfigError]) as EniConfigError;
      expect(err.constructPath).toBe(x.path);
      expect(err.message).toContain(`(error) ${x.path}\n`);
      expect(err.message).toContain(x.value);
      return;
    }
    case "clear": {
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown).not.toBeInstanceOf(TypeError);
      expect((thrown as Error).message).toMatch(x.message);
      expect((thrown as Error).message).not.toMatch(/node_modules[\\/]/);
      return;
    }
    case "custom":
      x.check(f, thrown);
      return;
    case "ok": {
      if (thrown !== undefined) throw thrown;
      const result = EniPlanner.of(f.app).inspect();
      expect(result.errors.map(show)).toEqual([]);
      synthJson(f.stack);
      return;
    }
    case "warning": {
      if (thrown !== undefined) throw thrown;
      const result = EniPlanner.of(f.app).inspect();
      expect(result.errors.map(show)).toEqual([]);
      const hit = result.findings.filter((w) => w.ruleId === x.ruleId && w.severity === "warning" && (x.paths ?? [x.path]).includes(w.path));
      if (!hit.some((w) => w.message.includes(x.value))) {
        throw new Error(`no ${x.ruleId} warning on ${x.path} naming ${JSON.stringify(x.value)}; findings:\n${result.findings.map(show).join("\n")}`);
      }
      // Never a crash: every stack synthesizes (validations on) and fits the provider schema.
      for (const s of f.app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c))) synthJson(s);
      return;
    }
    case "plan": {
      if (thrown !== undefined) throw thrown;
      const result = EniPlanner.of(f.app).inspect();
      const wantPaths = x.path === "/lock" ? undefined : (x.paths ?? [x.path]);
      const hit = result.errors.filter((e) => (x.ruleId === "*" || e.ruleId === x.ruleId) && (wantPaths === undefined ? path.isAbsolute(e.path) : wantPaths.includes(e.path)));
      if (!hit.some((e) => e.message.includes(x.value))) {
        throw new Error(`no ${x.ruleId} error on ${x.path} naming ${JSON.stringify(x.value)}; findings:\n${result.findings.map(show).join("\n")}`);
      }
      // Synth fails with our error, naming rule, path and value: app.synth() and Testing.synth(stack, true).
      const err = expectOurs(
        capture(() => f.app.synth()),
        [EniPlanError],
      );
      expect(err.message).toContain(`[${hit[0].ruleId}]`);
      expect(err.message).toContain(hit[0].path);
      expect(err.message).toContain(x.value);
      const stackPath = hit[0].path.split("/")[0];
      const stack = (f.app.node.tryFindChild(stackPath) as TerraformStack | undefined) ?? f.stack;
      const validated = capture(() => Testing.synth(stack, true));
      if (!(validated instanceof Error)) throw new Error(`Testing.synth(${stack.node.path}, true) did not fail although the planner reports ${hit[0].ruleId} on ${hit[0].path}`);
      expect(validated.message).toContain(`[${hit[0].ruleId}]`);
      return;
    }
  }
}

describe("bad-input corpus", () => {
  test("the corpus has at least 40 rows and unique names", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
  });

  test("the unchanged fixture is accepted", () => {
    const f = fixture();
    expect(EniPlanner.of(f.app).inspect().errors).toEqual([]);
    synthJson(f.stack);
  });

  for (const row of rows) {
    const title = `${row.name} -> ${row.expect.kind}${"ruleId" in row.expect ? ` ${row.expect.ruleId}` : ""}${row.bug ? ` (bug ${row.bug})` : ""}`;
    // ROBUSTNESS_BUG_ROWS=plain runs the bug rows as ordinary tests, to read why they fail.
    (row.bug && process.env.ROBUSTNESS_BUG_ROWS !== "plain" ? test.failing : test)(title, () => run(row));
  }
});

/*
 * Bugs this corpus found, all fixed since (the rows that found them now run as ordinary tests; a new bug gets a
 * `bug: "Bn"` row, which runs as test.failing until it is fixed):
 *
 * B1  A planner error is not reported as EniPlanError when the stack it concerns has no planned address to resolve:
 *     a stack of VPCs / vSwitches only fails app.synth() through cdktf's generic "Validation failed" Error (stack
 *     frames in node_modules/cdktf), and a stack of imported constructs only is never validated at all
 *     (Testing.synth(stack, true) passes).
 * B3  NaN and Infinity are shown as `null` in messages (JSON.stringify(NaN) === "null"), so the message does not
 *     name the offending value: countProp (props.ts), rule priority (security-group.ts), Eip bandwidth (eip.ts),
 *     planner options (planner-options.ts).
 * B4  null / undefined passed where props (or a required object prop) are needed crashes with a TypeError
 *     ("Cannot read properties of null (reading 'cidrBlock')") instead of an EniConfigError naming the path.
 * B7  (regression of the B2 fix in plan.ts) An imported instance's privateIp is no longer checked: a reserved address
 *     or the same address on two imported instances passes silently, an address outside the vSwitch is reported
 *     on the vSwitch as a "usedIps entry", and an ENI given the instance's address gets ENI-IP-USED ("listed in
 *     usedIps") instead of a duplicate naming the instance.
 * B8  The same vSwitch (or VPC) imported twice with contradictory attributes (another CIDR, zone or VPC) is accepted
 *     silently: the first import's CIDR wins, so an ENI of the second import gets an address outside the CIDR the
 *     program declared for it.
 * B9  ENI-ZONE-REGION is skipped without an ENI-UNKNOWN-VALUE warning when the provider region or a vSwitch zone is a
 *     token, although "each skipped check is an ENI-UNKNOWN-VALUE warning naming the value".
 * B10 A lock-file path that cannot be used fails synth with a raw Node error instead of ENI-LOCK-INVALID or a message
 *     naming the configured path: a directory gives "EISDIR: illegal operation on a directory, read"; a path in a
 *     folder that does not exist gives "ENOENT ... open '<dir>/.eni-allocations.lock.json.<pid>.tmp'" (wrapped by
 *     cdktf as "Resolution error: ... Object creation stack").
 * B6  An instance type the provider rejects (not starting with "ecs.", e.g. "ECS.G7.LARGE" or "g7.large") is accepted
 *     with only an ENI-TYPE-UNKNOWN warning; the synthesized JSON then fails the provider's own validation.
 */
