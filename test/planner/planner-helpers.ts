import { Construct } from "constructs";
import type { App, TerraformStack } from "../../src/cdktf";
import { Ipv4Cidr } from "../../src/net/ipv4";
import type {
  AddressSlot,
  AttachmentFact,
  EipFact,
  EniFact,
  FactValue,
  HaVipFact,
  InstanceFact,
  ProviderFact,
  SecurityGroupFact,
  SecurityGroupRuleFact,
  VpcFact,
  VSwitchFact,
} from "../../src/model/facts";
import { emptyModel, NetworkModel } from "../../src/model/network-model";
import { EniPlanner, EniPlannerOptions, Finding, PlanResult, runPlan } from "../../src/planner";
import type { ActiveSuppression } from "../../src/planner/plan";
import { resolveOptions } from "../../src/planner/planner-options";
import { EcsInstance, ISecurityGroup, IVSwitch, NetworkInterface, NetworkInterfaceProps, SecurityGroup, Vpc, VSwitch, Peer, Port } from "../../src";

/* ------------------------------------------------------------------------------------------------
 * Pure facts (no stack): small builders for hand-made network models.
 * ---------------------------------------------------------------------------------------------- */

const STACK = "app/stack";

/** An unknown (token) fact value. */
export const unknown = (description: string) => ({ unknown: true as const, description });

export function vpc(name: string, cidr: FactValue<string> = "10.0.0.0/16", more: Partial<VpcFact> = {}): VpcFact {
  const path = `${STACK}/${name}`;
  return { kind: "vpc", key: path, path, stack: STACK, imported: false, cidr: typeof cidr === "string" ? Ipv4Cidr.parse(cidr) : cidr, ...more };
}

export function vsw(name: string, v: VpcFact, cidr: FactValue<string> = "10.0.1.0/24", zoneId: FactValue<string> = "cn-hangzhou-h", more: Partial<VSwitchFact> = {}): VSwitchFact {
  const path = `${STACK}/${name}`;
  return { kind: "vswitch", path, stack: STACK, imported: false, poolId: path, vpc: v, zoneId, cidr: typeof cidr === "string" ? Ipv4Cidr.parse(cidr) : cidr, usedIps: [], ...more };
}

export function sg(name: string, v: VpcFact, more: Partial<SecurityGroupFact> = {}): SecurityGroupFact {
  const path = `${STACK}/${name}`;
  return { kind: "security-group", path, stack: STACK, imported: false, vpc: v, type: "normal", rules: [], rulesKnown: true, ...more };
}

export function rule(path: string, more: Partial<SecurityGroupRuleFact> = {}): SecurityGroupRuleFact {
  return { path: `${STACK}/${path}`, direction: "ingress", protocol: "tcp", fromPort: 443, toPort: 443, cidr: "10.0.0.0/8", policy: "accept", ...more };
}

export function slot(owner: string, role: string, v: VSwitchFact, explicit?: FactValue<string>): AddressSlot {
  return { key: `${owner}#${role}`, role, vswitch: v, explicit };
}

/** An instance fact whose primary ENI has `secondaries` planned secondary IPs. */
export function instance(name: string, type: FactValue<string>, v: VSwitchFact, groups: SecurityGroupFact[], secondaries = 0, more: Partial<InstanceFact> = {}): InstanceFact {
  const path = `${STACK}/${name}`;
  return {
    kind: "instance",
    path,
    stack: STACK,
    imported: false,
    instanceType: type,
    vswitch: v,
    securityGroups: groups,
    primaryIp: slot(path, "primary", v),
    secondaryIps: Array.from({ length: secondaries }, (_, i) => slot(path, `secondary-${i + 1}`, v)),
    existingEniCount: 1,
    ...more,
  };
}

/** An ENI fact with `secondaries` planned secondary IPs, attached (one attachment per entry of `attachTo`). */
export function eni(name: string, v: VSwitchFact, groups: SecurityGroupFact[], secondaries = 0, attachTo: (InstanceFact | InstanceFact[])[] = [], more: Partial<EniFact> = {}): EniFact {
  const path = `${STACK}/${name}`;
  const attachments: AttachmentFact[] = attachTo.map((t, i) => ({
    path: `${path}/Attachment${i === 0 ? "" : i + 1}`,
    candidates: Array.isArray(t) ? t : [t],
    switchable: Array.isArray(t),
  }));
  return {
    kind: "eni",
    path,
    stack: STACK,
    imported: false,
    vswitch: v,
    securityGroups: groups,
    primaryIp: slot(path, "primary", v),
    secondaryIps: Array.from({ length: secondaries }, (_, i) => slot(path, `secondary-${i + 1}`, v)),
    attachments,
    management: false,
    ...more,
  };
}

export function eip(name: string, target: EniFact | InstanceFact, privateIp?: EipFact["privateIp"]): EipFact {
  return { kind: "eip", path: `${STACK}/${name}`, stack: STACK, imported: false, target, privateIp: privateIp ?? target.primaryIp, mode: "NAT" };
}

export function havip(name: string, v: VSwitchFact, attachedTo: (EniFact | InstanceFact)[] = []): HaVipFact {
  const path = `${STACK}/${name}`;
  return { kind: "havip", path, stack: STACK, imported: false, vswitch: v, ip: slot(path, "vip", v), attachedTo, unreachableStandbys: [] };
}

export function provider(region: string | undefined, more: Partial<ProviderFact> = {}, stack = STACK): ProviderFact {
  return { kind: "provider", path: `${stack}/alicloud`, stack, imported: false, region, literalCredentials: [], ...more };
}

/** A model from lists of facts; every list sorted by path like collectApp does. */
export function model(parts: Partial<Omit<NetworkModel, "stacks">> & { stacks?: string[] }): NetworkModel {
  const sorted = <T extends { path: string }>(l: readonly T[] | undefined): T[] => [...(l ?? [])].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    ...emptyModel(),
    stacks: parts.stacks ?? [STACK],
    vpcs: sorted(parts.vpcs),
    vswitches: sorted(parts.vswitches),
    securityGroups: sorted(parts.securityGroups),
    instances: sorted(parts.instances),
    enis: sorted(parts.enis),
    eips: sorted(parts.eips),
    havips: sorted(parts.havips),
    providers: sorted(parts.providers),
  };
}

/** Runs the pure planner with test defaults (no lock file). */
export function plan(m: NetworkModel, options: EniPlannerOptions = {}, suppressions: Record<string, ActiveSuppression[]> = {}): PlanResult {
  return runPlan({
    model: m,
    options: resolveOptions({ lockFile: false, quiet: true, frozen: false, ...options }, {}),
    suppressionsAt: (p) => suppressions[p] ?? [],
  });
}

/** A basic network: VPC 10.0.0.0/16, vSwitch 10.0.1.0/24 in cn-hangzhou-h, one security group with a rule. */
export function baseFacts() {
  const v = vpc("Vpc");
  const s = vsw("Vsw", v);
  const g = sg("Sg", v, { rules: [rule("Sg/Ingress0")] });
  return { v, s, g };
}

/* ------------------------------------------------------------------------------------------------
 * Findings
 * ---------------------------------------------------------------------------------------------- */

/** Findings of one rule. */
export const withRule = (r: PlanResult | readonly Finding[], id: string): Finding[] => ("findings" in r ? r.findings : r).filter((f) => f.ruleId === id);

/** The ids of every finding (sorted, unique). */
export const ruleIds = (r: PlanResult): string[] => [...new Set(r.findings.map((f) => f.ruleId))].sort();

/** Exactly one finding of `id`; fails the test otherwise. */
export function only(r: PlanResult, id: string): Finding {
  const list = withRule(r, id);
  if (list.length !== 1) throw new Error(`expected exactly one ${id} finding, got ${list.length}: ${JSON.stringify(r.findings, null, 2)}`);
  return list[0];
}

/** The findings of an app (never throws). */
export const inspect = (scope: App | TerraformStack): PlanResult => EniPlanner.of(scope).inspect();

/* ------------------------------------------------------------------------------------------------
 * Synth (L2) fixtures
 * ---------------------------------------------------------------------------------------------- */

export interface Net {
  readonly vpc: Vpc;
  readonly vsw: VSwitch;
  readonly sg: SecurityGroup;
}

/** VPC 10.0.0.0/16, vSwitch 10.0.1.0/24 in `zone`, security group admitting 443 from 10.0.0.0/8. */
export function net(stack: TerraformStack, zone = "cn-hangzhou-h", prefix = ""): Net {
  const vpc = new Vpc(stack, `${prefix}Vpc`, { cidrBlock: "10.0.0.0/16" });
  const vsw = new VSwitch(stack, `${prefix}Vsw`, { vpc, zoneId: zone, cidrBlock: "10.0.1.0/24" });
  const sg = new SecurityGroup(stack, `${prefix}Sg`, { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  return { vpc, vsw, sg };
}

export function ecs(scope: Construct, id: string, vsw: IVSwitch, sgs: ISecurityGroup[], type = "ecs.g7.large", secondaryPrivateIpCount?: number): EcsInstance {
  return new EcsInstance(scope, id, { instanceType: type, imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", vswitch: vsw, securityGroups: sgs, secondaryPrivateIpCount });
}

export function nic(scope: Construct, id: string, n: Net, props: Partial<NetworkInterfaceProps> = {}): NetworkInterface {
  return new NetworkInterface(scope, id, { vswitch: n.vsw, securityGroups: [n.sg], ...props });
}
