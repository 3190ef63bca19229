import { AddressSlot, EniFact, InstanceFact, known } from "../model/facts";
import type { NetworkModel } from "../model/network-model";
import type { LockChange } from "./allocation";
import { Finding, formatFinding } from "./finding";
import type { PlanResult } from "./plan";
import { regionsByStack } from "./rules/region-rules";
import { compareStrings } from "../compare";

/** One private IP of an instance's primary ENI or of a secondary ENI. */
export interface AddressReport {
  /** Role on its owner, e.g. `secondary-2` or `app:billing`. */
  readonly role: string;
  /** The address; null when the cloud picks it (unknown vSwitch CIDR or token). */
  readonly address: string | null;
}

/** An EIP bound (NAT mode) to one private IP. */
export interface EipReport {
  /** Construct path of the EIP. */
  readonly path: string;
  /** The private IP it is bound to; null when unknown at synth. */
  readonly privateIp: string | null;
}

/** An instance and its primary ENI. */
export interface InstanceReport {
  /** Construct path. */
  readonly path: string;
  /** True for instances imported with fromEcsInstanceAttributes. */
  readonly imported: boolean;
  /** Instance type; null when unknown at synth. */
  readonly instanceType: string | null;
  /** Construct path of the primary ENI's vSwitch. */
  readonly vswitch: string;
  /** Zone; null when unknown at synth. */
  readonly zone: string | null;
  /** Construct paths of the primary ENI's security groups. */
  readonly securityGroups: readonly string[];
  /** Primary private IP; null when unknown or picked by the cloud. */
  readonly primaryIp: string | null;
  /** Secondary private IPs of the primary ENI. */
  readonly secondaryIps: readonly AddressReport[];
  /** EIPs bound to the primary ENI. */
  readonly eips: readonly EipReport[];
}

/** A secondary ENI. */
export interface EniReport {
  /** Construct path. */
  readonly path: string;
  /** Construct path of its vSwitch. */
  readonly vswitch: string;
  /** Construct path of its VPC. */
  readonly vpc: string;
  /** Zone; null when unknown at synth. */
  readonly zone: string | null;
  /** Construct paths of its security groups. */
  readonly securityGroups: readonly string[];
  /** True when it carries management traffic. */
  readonly management: boolean;
  /** Primary private IP; null when the cloud picks it. */
  readonly primaryIp: string | null;
  /** Secondary private IPs. */
  readonly secondaryIps: readonly AddressReport[];
  /** Construct paths of every instance it is (or may be) attached to. */
  readonly instances: readonly string[];
  /** True when the instance is chosen at apply time (failover). */
  readonly switchable: boolean;
  /** The instance it is on: its only instance, or the failover variable's default at synth (its value in the plan for `check --plan`); null when not attached or unknown. */
  readonly activeInstance: string | null;
  /** How the active instance is chosen (e.g. `default of var.active_db`, `value of var.active_db in the plan`); null for a plain attachment or when not described. */
  readonly activeChosenBy: string | null;
  /** EIPs bound to it. */
  readonly eips: readonly EipReport[];
}

/** A high-availability virtual IP. */
export interface HaVipReport {
  /** Construct path. */
  readonly path: string;
  /** Construct path of its vSwitch. */
  readonly vswitch: string;
  /** Its address; null when the cloud picks it. */
  readonly ip: string | null;
  /** Construct paths of the ENIs or instances it is attached to. */
  readonly attachedTo: readonly string[];
}

/** A vSwitch and its utilisation. */
export interface VSwitchReport {
  /** Construct path. */
  readonly path: string;
  /** CIDR; null when unknown at synth. */
  readonly cidr: string | null;
  /** Zone; null when unknown at synth. */
  readonly zone: string | null;
  /** Addresses that can be allocated (size minus the 4 reserved); null when the CIDR is unknown. */
  readonly usable: number | null;
  /** Taken addresses (usedIps, explicit, planned); null when the CIDR is unknown. */
  readonly used: number | null;
  /** usable - used; null when the CIDR is unknown. */
  readonly free: number | null;
  /** Released addresses the lock file still holds (tombstones); null when the CIDR is unknown. */
  readonly held: number | null;
  /** False when the vSwitch is imported without usedIps (other addresses in it are not known). */
  readonly usedIpsStated: boolean;
}

/** The machine-readable plan of one stack, written to `<outdir>/stacks/<stack>/eni-plan.json`. */
export interface StackPlanReport {
  /** Format version. */
  readonly version: 1;
  /** Stack path. */
  readonly stack: string;
  /** Region of the stack's provider, when literal. */
  readonly region?: string;
  /** Counts. */
  readonly summary: { readonly enis: number; readonly instances: number; readonly addresses: number; readonly errors: number; readonly warnings: number; readonly suppressed: number };
  /** Instances and their primary ENIs. */
  readonly instances: readonly InstanceReport[];
  /** Secondary ENIs. */
  readonly enis: readonly EniReport[];
  /** HaVips. */
  readonly havips: readonly HaVipReport[];
  /** vSwitches with utilisation. */
  readonly vswitches: readonly VSwitchReport[];
  /** Every finding on a construct of this stack. */
  readonly findings: readonly Finding[];
  /** Every change to the lock file of a key of this stack (added, moved, dropped, unheld), with its reason. */
  readonly lockChanges: readonly LockChange[];
}

/** The planned (or explicit) address of a slot; null when the cloud picks it (unknown vSwitch CIDR or token). */
function addr(plan: PlanResult, s: AddressSlot | undefined): string | null {
  return s === undefined ? null : (plan.addresses.get(s.key) ?? null);
}

/** Adds the IPv6 addresses and IPv4 prefixes of an owner to its entry, when it has any: "not planned" where the cloud picks them. */
function addExtras(plan: PlanResult, o: InstanceFact | EniFact, entry: Record<string, unknown>): void {
  const list = (slots: readonly AddressSlot[]) => slots.map((s) => ({ role: s.role, address: plan.unplanned.has(s.key) ? "not planned" : addr(plan, s) }));
  if (o.ipv6Ips?.length) entry.ipv6Ips = list(o.ipv6Ips);
  if (o.kind === "eni" && o.ipv4Prefixes?.length) entry.ipv4Prefixes = list(o.ipv4Prefixes);
}

/** The secondary IPs of an owner with their addresses. */
function secondaries(plan: PlanResult, slots: readonly AddressSlot[]): AddressReport[] {
  const out: AddressReport[] = new Array(slots.length);
  for (let i = 0; i < slots.length; i++) out[i] = { role: slots[i].role, address: addr(plan, slots[i]) };
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function inStack(path: string, stack: string): boolean {
  return path === stack || path.startsWith(`${stack}/`);
}

/** Builds the report of every stack. Never includes provider attributes (no credentials). */
export function buildReports(model: NetworkModel, plan: PlanResult): Map<string, StackPlanReport> {
  const regions = regionsByStack(model);
  const eipsOf = new Map<string, { path: string; privateIp: string | null }[]>();
  for (const e of model.eips) {
    if (!e.target) continue;
    const ip = typeof e.privateIp === "string" ? e.privateIp : e.privateIp && "key" in e.privateIp ? addr(plan, e.privateIp) : null;
    const list = eipsOf.get(e.target.path);
    if (list) list.push({ path: e.path, privateIp: ip });
    else eipsOf.set(e.target.path, [{ path: e.path, privateIp: ip }]);
  }
  const instancesOf = groupBy(model.instances, (i) => i.stack);
  const enisOf = groupBy(model.enis, (e) => e.stack);
  const out = new Map<string, StackPlanReport>();
  for (const stack of model.stacks) {
    const instances = instancesOf.get(stack) ?? [];
    const enis = enisOf.get(stack) ?? [];
    const findings = plan.findings.filter((f) => inStack(f.path, stack));
    // Entries are built by assignment in the order of their fields (the JSON's key order), without spreads:
    // a 10,000-ENI app has tens of thousands of them.
    const instanceEntry = (i: InstanceFact): InstanceReport => {
      const entry: Record<string, unknown> = {
        path: i.path,
        imported: i.imported,
        instanceType: known(i.instanceType) ?? null,
        vswitch: i.vswitch.path,
        zone: known(i.vswitch.zoneId) ?? null,
        securityGroups: i.securityGroups.map((g) => g.path),
        primaryIp: addr(plan, i.primaryIp),
        secondaryIps: secondaries(plan, i.secondaryIps),
      };
      addExtras(plan, i, entry);
      entry.eips = eipsOf.get(i.path) ?? [];
      return entry as unknown as InstanceReport;
    };
    const eniEntry = (e: EniFact): EniReport => {
      const entry: Record<string, unknown> = {
        path: e.path,
        vswitch: e.vswitch.path,
        vpc: e.vswitch.vpc.path,
        zone: known(e.vswitch.zoneId) ?? null,
        securityGroups: e.securityGroups.map((g) => g.path),
        management: e.management,
        primaryIp: addr(plan, e.primaryIp),
        secondaryIps: secondaries(plan, e.secondaryIps),
      };
      addExtras(plan, e, entry);
      const candidates: string[] = [];
      for (const a of e.attachments) for (const c of a.candidates) candidates.push(c.path);
      entry.instances = candidates;
      entry.switchable = e.attachments.some((a) => a.switchable);
      entry.activeInstance = e.attachments[0]?.active?.path ?? null;
      entry.activeChosenBy = e.attachments[0]?.activeChosenBy ?? null;
      entry.eips = eipsOf.get(e.path) ?? [];
      return entry as unknown as EniReport;
    };
    const vswitches = model.vswitches
      .filter((v) => v.stack === stack)
      .map((v): VSwitchReport => {
        const u = plan.pools.get(v.poolId);
        return {
          path: v.path,
          cidr: known(v.cidr)?.toString() ?? null,
          zone: known(v.zoneId) ?? null,
          usable: u?.usable ?? null,
          used: u?.used ?? null,
          free: u?.free ?? null,
          held: u ? (u.held ?? 0) : null,
          usedIpsStated: v.usedIpsStated !== false,
        };
      });
    const addresses = [...instances, ...enis].reduce((n, o) => n + (o.primaryIp ? 1 : 0) + o.secondaryIps.length, 0);
    out.set(stack, {
      version: 1,
      stack,
      region: regions.get(stack),
      summary: {
        enis: enis.length,
        instances: instances.length,
        addresses,
        errors: findings.filter((f) => f.severity === "error" && !f.suppressed).length,
        warnings: findings.filter((f) => f.severity === "warning" && !f.suppressed).length,
        suppressed: findings.filter((f) => f.suppressed).length,
      },
      instances: instances.map(instanceEntry),
      enis: enis.map(eniEntry),
      havips: model.havips.filter((h) => h.stack === stack).map((h) => ({ path: h.path, vswitch: h.vswitch.path, ip: addr(plan, h.ip), attachedTo: h.attachedTo.map((t) => t.path) })),
      vswitches,
      findings,
      lockChanges: plan.lockChanges.filter((c) => inStack(c.key.slice(0, c.key.lastIndexOf("#") < 0 ? c.key.length : c.key.lastIndexOf("#")), stack)),
    });
  }
  return out;
}

/** A short human summary: counts, findings (not info), and the busiest vSwitches. */
/** Most warnings printed at synth; the rest are in eni-plan.json. */
const MAX_PRINTED_WARNINGS = 20;

/**
 * The unsuppressed warnings, each in the one finding format (rule id, path, values, fix), or undefined
 * when there are none. Printed whether or not the summary is (option quiet hides only the summary).
 */
export function formatWarnings(plan: PlanResult): string | undefined {
  const warnings = plan.findings.filter((x) => x.severity === "warning" && !x.suppressed);
  if (warnings.length === 0) return undefined;
  const blocks = warnings.slice(0, MAX_PRINTED_WARNINGS).map(formatFinding);
  if (warnings.length > MAX_PRINTED_WARNINGS) blocks.push(`... and ${warnings.length - MAX_PRINTED_WARNINGS} more warning(s) in eni-plan.json`);
  return blocks.join("\n\n");
}

/** The terminal summary: counts, the lock note and vSwitch utilisation (warnings are printed apart, by formatWarnings). */
export function formatSummary(model: NetworkModel, plan: PlanResult, lockNote: string): string {
  const f = plan.findings;
  const errors = f.filter((x) => x.severity === "error" && !x.suppressed).length;
  const warnings = f.filter((x) => x.severity === "warning" && !x.suppressed);
  const suppressed = f.filter((x) => x.suppressed).length;
  const lines = [
    `ENI planner: ${model.stacks.length} stack(s), ${model.instances.length} instance(s), ${model.enis.length} ENI(s), ${plan.addresses.size} address(es) planned; ` +
      `${errors} error(s), ${warnings.length} warning(s), ${suppressed} suppressed. ${lockNote}`,
  ];
  const pools = [...plan.pools].sort(([a, x], [b, y]) => y.used / y.usable - x.used / x.usable || compareStrings(a, b)).slice(0, 5);
  if (pools.length > 0) {
    lines.push("  vSwitch utilisation (busiest first):");
    for (const [id, u] of pools) lines.push(`    ${id} ${u.cidr}: ${u.used}/${u.usable} used (${Math.round((100 * u.used) / u.usable)}%), ${u.free} free`);
  }
  return lines.join("\n");
}
