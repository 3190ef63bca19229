import { AddressSlot, EniFact, InstanceFact, isUnknown, known, VSwitchFact } from "../model/facts";
import type { NetworkModel } from "../model/network-model";
import { Ipv4Cidr, tryParseIpv4 } from "../net/ipv4";
import { allocateAddresses, AllocationProblem, AddressRequest, diffLockFiles, emptyLockFile, LockEntry, LockFile, PoolSpec, PoolUsage } from "./allocation";
import { planIpv6 } from "./ipv6-pass";
import { planPrefixes, planReservations, reservedAddresses } from "./prefix-pass";
import { PREFIX_OVERLAP } from "./rules/prefix-rules";
import type { Finding, Severity } from "./finding";
import type { ResolvedPlannerOptions } from "./planner-options";
import type { RuleDefinition } from "./rule";
import { IP_DUPLICATE, IP_INVALID, IP_OUTSIDE, IP_RESERVED, IP_UNPLANNABLE, IP_USED, LOCK_FROZEN, VSW_EXHAUSTED } from "./rules/address-rules";
import { RULE_GROUPS } from "./rules";
import type { RuleContext } from "./rules/rule-context";
import { buildTopology } from "./rules/topology";
import { UNKNOWN_VALUE } from "./rules/unknown-value";
import { compareStrings } from "../compare";

/** A suppression in force at a construct path, with where it was set. */
export interface ActiveSuppression {
  /** Rule id. */
  readonly id: string;
  /** The written reason. */
  readonly reason: string;
  /** Path of the construct the suppression was added to. */
  readonly by: string;
}

/** Everything the pure planner needs. */
export interface PlanInput {
  /** The app's facts. */
  readonly model: NetworkModel;
  /** Options with defaults filled in. */
  readonly options: ResolvedPlannerOptions;
  /** The lock file as read (undefined when there is none yet). */
  readonly previousLock?: LockFile;
  /** Suppressions that apply at a path (set on it or an ancestor). @default none */
  readonly suppressionsAt?: (path: string) => readonly ActiveSuppression[];
}

/** The outcome of a plan. */
export interface PlanResult {
  /** Every finding, sorted (suppressed ones included). */
  readonly findings: readonly Finding[];
  /** Concrete address of every slot that has one, by slot key. */
  readonly addresses: ReadonlyMap<string, string>;
  /** Slot keys whose address is left for the cloud to pick (vSwitch CIDR unknown). */
  readonly unplanned: ReadonlySet<string>;
  /** The lock file this plan implies. */
  readonly lock: LockFile;
  /** Lock entries added, removed and changed against the previous lock. */
  readonly lockChanges: { readonly added: string[]; readonly removed: string[]; readonly changed: string[] };
  /** vSwitch utilisation by pool id. */
  readonly pools: ReadonlyMap<string, PoolUsage>;
  /** The unsuppressed errors. */
  readonly errors: readonly Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Every address slot of the model, with its owner path. */
function allSlots(model: NetworkModel): AddressSlot[] {
  const out: AddressSlot[] = [];
  const push = (o: InstanceFact | EniFact) => {
    if (o.primaryIp) out.push(o.primaryIp);
    out.push(...o.secondaryIps);
  };
  model.instances.forEach(push);
  model.enis.forEach(push);
  model.havips.forEach((h) => out.push(h.ip));
  return out;
}

/** Owner path of a slot key (`<path>#<role>`). */
function ownerOf(key: string): string {
  const i = key.lastIndexOf("#");
  return i < 0 ? key : key.slice(0, i);
}

/**
 * Runs every rule and allocates every address over the whole app. Pure: no cdktf, no files;
 * the same input gives the same output.
 */
export function runPlan(input: PlanInput): PlanResult {
  const { model, options } = input;
  const findings: Finding[] = [];
  const suppressionsAt = input.suppressionsAt ?? (() => []);
  const report = (rule: RuleDefinition, path: string, message: string, fix: string) => {
    const s = suppressionsAt(path).find((x) => x.id === rule.id);
    if (s && !rule.suppressible) {
      findings.push({ ruleId: rule.id, severity: rule.severity, path, message: `${message} (A suppression at ${s.by} was ignored: ${rule.id} is not suppressible.)`, fix });
    } else {
      findings.push({ ruleId: rule.id, severity: rule.severity, path, message, fix, ...(s ? { suppressed: { reason: s.reason, by: s.by } } : {}) });
    }
  };
  for (const n of model.notes ?? []) report(n.kind === "invalid" ? IP_INVALID : UNKNOWN_VALUE, n.path, n.message, n.fix);
  const ctx: RuleContext = { model, options, topology: buildTopology(model), report };
  for (const group of RULE_GROUPS) group.check(ctx);

  // Address pass: one allocation over the whole app.
  const vswitchByPool = new Map<string, VSwitchFact>();
  const pools = new Map<string, { cidr: Ipv4Cidr; usedIps: string[] }>();
  for (const v of model.vswitches) {
    if (!vswitchByPool.has(v.poolId)) vswitchByPool.set(v.poolId, v);
    const cidr = known(v.cidr);
    if (!cidr || cidr.prefix < 16 || cidr.prefix > 29) continue; // reported by ENI-VSW-PREFIX / ENI-UNKNOWN-VALUE
    const p = pools.get(v.poolId);
    if (p) p.usedIps.push(...v.usedIps);
    else pools.set(v.poolId, { cidr, usedIps: [...v.usedIps] });
  }
  const requests: AddressRequest[] = [];
  const addresses = new Map<string, string>();
  const unplanned = new Set<string>();
  const unknownByOwner = new Map<string, { pool: VSwitchFact; explicit: number; planned: number }>();
  const slots = allSlots(model);
  // Reservations first: the planner keeps individual addresses out of them (the VPC skips them too).
  const poolCidrs = new Map([...pools].map(([id, p]) => [id, p.cidr]));
  const reservations = planReservations(model, poolCidrs, slots, input.previousLock, report);
  for (const [pool, blocks] of reservations.byPool) pools.get(pool)!.usedIps.push(...reservedAddresses(blocks));
  for (const [k, v] of reservations.chosen) addresses.set(k, v);
  for (const k of reservations.unplanned) unplanned.add(k);
  for (const slot of slots) {
    if (slot.cloud) {
      unplanned.add(slot.key); // given by no one: the cloud picks it at apply
      continue;
    }
    const e = slot.explicit;
    if (isUnknown(e)) {
      report(UNKNOWN_VALUE, ownerOf(slot.key), `private IP ${e.description} (${slot.role}) is unknown at synth time; it was not checked against its vSwitch or for duplicates.`, "Give the address as a literal, or leave it out to have it planned.");
      continue;
    }
    if (!pools.has(slot.vswitch.poolId)) {
      if (isUnknown(slot.vswitch.cidr)) {
        const o = unknownByOwner.get(ownerOf(slot.key)) ?? { pool: slot.vswitch, explicit: 0, planned: 0 };
        if (e === undefined) {
          o.planned++;
          unplanned.add(slot.key);
        } else {
          o.explicit++;
          addresses.set(slot.key, e);
        }
        unknownByOwner.set(ownerOf(slot.key), o);
      } else if (e !== undefined) {
        addresses.set(slot.key, e);
      }
      continue;
    }
    const inReservation = typeof e === "string" ? (reservations.byPool.get(slot.vswitch.poolId) ?? []).find((b) => { const ip = tryParseIpv4(e); return ip !== undefined && b.contains(ip); }) : undefined;
    if (inReservation) {
      report(PREFIX_OVERLAP, ownerOf(slot.key), `private IP ${e} (${slot.role}) lies in CIDR reservation ${inReservation} of vSwitch ${slot.vswitch.path}, which is kept for prefixes.`, "Use an address outside the vSwitch's reservations, or leave it out to have one planned.");
      addresses.set(slot.key, e as string);
      continue;
    }
    requests.push({ key: slot.key, pool: slot.vswitch.poolId, explicit: e, existing: slot.existing });
  }
  for (const [owner, o] of unknownByOwner) {
    if (o.planned === 0) continue;
    if (o.explicit > 0) {
      report(IP_UNPLANNABLE, owner, `vSwitch ${o.pool.path} has an unknown CIDR; ${o.planned} address(es) cannot be planned next to ${o.explicit} explicit one(s).`, "Give every address explicitly, or none, or give the vSwitch a literal CIDR.");
    } else {
      report(UNKNOWN_VALUE, owner, `vSwitch ${o.pool.path} CIDR is unknown at synth time; ${o.planned} address(es) are left for the cloud to pick (not stable, not checked).`, "Give the vSwitch a literal CIDR (VSwitch.fromVSwitchAttributes for existing ones) so the planner can allocate.");
    }
  }
  const specs: PoolSpec[] = [...pools].map(([id, p]) => ({ id, cidr: p.cidr, usedIps: p.usedIps }));
  const alloc = allocateAddresses(specs, requests, input.previousLock, { lock: options.lockFile !== false });
  for (const [k, v] of alloc.addresses) addresses.set(k, v);
  for (const p of alloc.problems) reportProblem(p, vswitchByPool, report);

  // IPv6 pass (its own allocator; entries share the lock file as `<path>#ipv6-N`).
  const ipv6 = planIpv6(model, input.previousLock, report);
  for (const [k, v] of ipv6.addresses) addresses.set(k, v);
  for (const k of ipv6.unplanned) unplanned.add(k);
  // Prefix pass: aligned /28s inside the reservations, clear of every address.
  const poolOf = new Map(requests.map((r) => [r.key, r.pool]));
  const prefixes = planPrefixes(model, poolCidrs, reservations, { addresses, poolOf }, input.previousLock, report);
  for (const [k, v] of prefixes.addresses) addresses.set(k, v);
  for (const k of prefixes.unplanned) unplanned.add(k);
  const extra: (readonly [string, LockEntry])[] = [...ipv6.lock, ...reservations.lock, ...prefixes.lock];
  let lock = alloc.lock;
  let changes = alloc.changes;
  if (options.lockFile !== false && extra.length > 0) {
    lock = { ...alloc.lock, allocations: Object.fromEntries([...Object.entries(alloc.lock.allocations), ...extra].sort(([a], [b]) => compareStrings(a, b))) };
    changes = diffLockFiles(input.previousLock ?? emptyLockFile(), lock);
  }
  if (options.lockFile !== false && options.frozen && changes.added.length + changes.removed.length + changes.changed.length > 0) {
    const list = (name: string, keys: string[]) => (keys.length ? `${name}: ${keys.slice(0, 10).join(", ")}${keys.length > 10 ? ` and ${keys.length - 10} more` : ""}` : "");
    report(
      LOCK_FROZEN,
      model.stacks[0] ?? "",
      `the lock file ${options.lockFile} would change (${[list("added", changes.added), list("removed", changes.removed), list("changed", changes.changed)].filter((x) => x).join("; ")}).`,
      "Run cdktf synth locally (without CI set) and commit the updated lock file, or pass frozen: false.",
    );
  }
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareStrings(a.path, b.path) || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.message, b.message));
  return {
    findings,
    addresses,
    unplanned,
    lock,
    lockChanges: changes,
    pools: alloc.pools,
    errors: findings.filter((f) => f.severity === "error" && !f.suppressed),
  };
}

function reportProblem(p: AllocationProblem, vswitches: Map<string, VSwitchFact>, report: (rule: RuleDefinition, path: string, message: string, fix: string) => void): void {
  const vsw = vswitches.get(p.pool);
  const vswPath = vsw?.path ?? p.pool;
  const who = (key: string) => (key === "usedIps" ? vswPath : ownerOf(key));
  const role = (key: string) => (key === "usedIps" ? "usedIps entry" : `private IP (${key.slice(key.lastIndexOf("#") + 1)})`);
  switch (p.kind) {
    case "invalid":
      report(IP_INVALID, who(p.key), `${role(p.key)} "${p.address}" is not a valid IPv4 address: ${p.reason}.`, "Use a dotted-quad IPv4 address, e.g. 10.0.1.10.");
      break;
    case "outside":
      report(IP_OUTSIDE, who(p.key), `${role(p.key)} ${p.address} is outside vSwitch ${vswPath} (${p.cidr}).`, `Use an address inside ${p.cidr}, or leave it out to have one planned.`);
      break;
    case "reserved":
      report(IP_RESERVED, who(p.key), `${role(p.key)} ${p.address} is one of the four addresses Alibaba Cloud reserves in vSwitch ${vswPath} (${p.cidr}: the first and the last three).`, "Use another address, or leave it out to have one planned.");
      break;
    case "used":
      report(IP_USED, who(p.key), `${role(p.key)} ${p.address} is listed in usedIps of vSwitch ${vswPath}: it is taken outside this program.`, "Use another address, or leave it out to have one planned.");
      break;
    case "duplicate":
      report(IP_DUPLICATE, who(p.key), `${role(p.key)} ${p.address} is also given to ${p.otherKey} in vSwitch ${vswPath}.`, "Give each resource its own address, or leave one out to have it planned.");
      break;
    case "exhausted":
      report(
        VSW_EXHAUSTED,
        vswPath,
        `vSwitch ${vswPath} (${p.cidr}, ${p.usable} usable after the 4 reserved) is exhausted: ${p.wanted} new address(es) wanted, ${p.free} free; ${p.wanted - p.free} got none (${p.keys.join(", ")}${p.wanted - p.free > p.keys.length ? ", ..." : ""}).`,
        "Use a larger vSwitch CIDR, spread the ENIs over more vSwitches, or plan fewer addresses.",
      );
      break;
    case "unknown-pool":
      throw new Error(`internal error: address ${p.key} names unknown pool ${p.pool}`);
  }
}
