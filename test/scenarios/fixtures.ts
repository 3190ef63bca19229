import { Construct } from "constructs";
import type { App, TerraformStack } from "../../src/cdktf";
import { Ipv4Cidr, parseIpv4 } from "../../src/net/ipv4";
import { EniPlanner, Finding } from "../../src/planner";
import { EcsInstance, ISecurityGroup, IVSwitch, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { resources, testApp, testStack } from "../support/synth";

/** A VPC 10.0.0.0/16 with vSwitches h (10.0.1.0/24, cn-hangzhou-h) and i (10.0.2.0/24, cn-hangzhou-i), and one security group. */
export interface Net {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly vpc: Vpc;
  readonly vswH: VSwitch;
  readonly vswI: VSwitch;
  readonly sg: SecurityGroup;
}

/** A fresh app (no lock file) and stack with the standard network. */
export function net(options: Parameters<typeof testApp>[0] = {}): Net {
  const app = testApp(options);
  const stack = testStack(app);
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
  const vswH = new VSwitch(stack, "vsw-h", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  const vswI = new VSwitch(stack, "vsw-i", { vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.2.0/24" });
  const sg = new SecurityGroup(stack, "sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  return { app, stack, vpc, vswH, vswI, sg };
}

/** A new instance in `vswitch`. */
export function instance(scope: Construct, id: string, vswitch: IVSwitch, groups: ISecurityGroup[], instanceType = "ecs.g7.large"): EcsInstance {
  return new EcsInstance(scope, id, { instanceType, imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", vswitch, securityGroups: groups });
}

/** The planner's unsuppressed errors / warnings for the app. */
export function findings(app: App): { errors: Finding[]; warnings: Finding[]; all: readonly Finding[] } {
  const r = EniPlanner.of(app).inspect();
  return {
    errors: r.findings.filter((f) => f.severity === "error" && !f.suppressed),
    warnings: r.findings.filter((f) => f.severity === "warning" && !f.suppressed),
    all: r.findings,
  };
}

/** Rule ids of the unsuppressed errors, sorted and deduplicated. */
export function errorIds(app: App): string[] {
  return [...new Set(findings(app).errors.map((f) => f.ruleId))].sort();
}

/** Every private address in the JSON: instances' private_ip / secondary_private_ips, ENIs' primary_ip_address / private_ip_addresses, HaVips' ip_address. */
export function allAddresses(json: any): string[] {
  const out: string[] = [];
  for (const [, r] of resources(json, "alicloud_instance")) {
    if (r.private_ip) out.push(r.private_ip);
    out.push(...(r.secondary_private_ips ?? []));
  }
  for (const [, r] of resources(json, "alicloud_ecs_network_interface")) {
    if (r.primary_ip_address) out.push(r.primary_ip_address);
    out.push(...(r.private_ip_addresses ?? []));
  }
  for (const [, r] of resources(json, "alicloud_vpc_ha_vip")) if (r.ip_address) out.push(r.ip_address);
  return out;
}

/** Asserts every address is a concrete usable address of `cidr` (not the first or the last three) and all are distinct. */
export function expectUsableAndDistinct(addresses: string[], cidr: string): void {
  const c = Ipv4Cidr.parse(cidr);
  const reserved = new Set([c.network, c.last - 2, c.last - 1, c.last]);
  for (const a of addresses) {
    expect(a).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const ip = parseIpv4(a);
    expect(c.contains(ip)).toBe(true);
    expect(reserved.has(ip)).toBe(false);
  }
  expect(new Set(addresses).size).toBe(addresses.length);
}

/** The JSON resource name of a construct's L1 resource. */
export function nameOf(construct: object): string {
  return (construct as unknown as { resource: { friendlyUniqueId: string } }).resource.friendlyUniqueId;
}

/** The error `fn` throws (fails the test when it throws nothing). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, but nothing was thrown");
}

/**
 * Evaluates the attachment's `instance_id` expression for one value of the variable, the way
 * Terraform would: `${{"k" = ref, ...}[var.name]}` or `${lookup({...}, var.name)}`. Returns the
 * chosen map value as it would appear in JSON (`${ref}` for a reference, the text for a literal).
 */
export function evaluateInstanceId(expression: string, variable: string, value: string): string {
  const m = /^\$\{(?:\{(.*)\}\[var\.([A-Za-z0-9_-]+)\]|lookup\(\{(.*)\}, var\.([A-Za-z0-9_-]+)\))\}$/.exec(expression);
  if (!m) throw new Error(`not a map lookup over a variable: ${expression}`);
  const body = m[1] ?? m[3];
  const varName = m[2] ?? m[4];
  if (varName !== variable) throw new Error(`expression reads var.${varName}, not var.${variable}`);
  const entries = new Map<string, string>();
  const entry = /"([^"]+)"\s*=\s*(?:"([^"]*)"|([A-Za-z_][A-Za-z0-9_.-]*))\s*(?:,\s*|$)/y;
  let consumed = 0;
  for (let e = entry.exec(body); e; e = entry.exec(body)) {
    entries.set(e[1], e[2] !== undefined ? e[2] : `\${${e[3]}}`);
    consumed = entry.lastIndex;
  }
  if (consumed !== body.length) throw new Error(`could not parse the map in ${expression}`);
  const chosen = entries.get(value);
  if (chosen === undefined) throw new Error(`no key ${value} in ${expression}`);
  return chosen;
}
