import { AddressSlot, EniFact, InstanceFact, isUnknown, known, VSwitchFact } from "../model/facts";
import type { NetworkModel } from "../model/network-model";
import { Ipv4Cidr, tryParseIpv4 } from "../net/ipv4";
import { allocateAddresses, AllocationProblem, AddressRequest, LockChange, LockEntry, LockFile, PoolSpec, PoolUsage, sortedLockKeys } from "./allocation";
import { planIpv6 } from "./ipv6-pass";
import { planPrefixes, planReservations, reservedAddresses } from "./prefix-pass";
import { PREFIX_OVERLAP } from "./rules/prefix-rules";
import type { Finding } from "./finding";
import { orderFindings } from "./finding-order";
import type { ResolvedPlannerOptions } from "./planner-options";
import type { RuleDefinition } from "./rule";
import { IP_DUPLICATE, IP_INVALID, IP_LOCKED, IP_OUTSIDE, IP_RESERVED, IP_UNPLANNABLE, IP_USED, LOCK_FROZEN, LOCK_REPAIRED, LOCK_REUSE, VSW_EXHAUSTED, VSW_USED_UNKNOWN } from "./rules/address-rules";
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
  /** Every finding (suppressed ones included), root causes first: see `orderFindings`. */
  readonly findings: readonly Finding[];
  /** Concrete address of every slot that has one, by slot key. */
  readonly addresses: ReadonlyMap<string, string>;
  /** Slot keys whose address is left for the cloud to pick (vSwitch CIDR unknown). */
  readonly unplanned: ReadonlySet<string>;
  /** The lock file this plan implies. */
  readonly lock: LockFile;
  /**
   * Every change to the lock file against the previous lock (added, moved, dropped, unheld), with its
   * reason, sorted by key; changes that only migrate a version 1 file are marked `migration`.
   */
  readonly lockChanges: readonly LockChange[];
  /** vSwitch utilisation by pool id. */
  readonly pools: ReadonlyMap<string, PoolUsage>;
  /** The unsuppressed errors. */
  readonly errors: readonly Finding[];
}

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
  const pools = new Map<string, { cidr: Ipv4Cidr; usedIps: string[]; stated: boolean; unstated?: VSwitchFact }>();
  for (const v of model.vswitches) {
    if (!vswitchByPool.has(v.poolId)) vswitchByPool.set(v.poolId, v);
    const cidr = known(v.cidr);
    if (!cidr || cidr.prefix < 16 || cidr.prefix > 29) continue; // reported by ENI-VSW-PREFIX / ENI-UNKNOWN-VALUE
    const stated = v.usedIpsStated !== false;
    const p = pools.get(v.poolId);
    if (p) {
      p.usedIps.push(...v.usedIps);
      p.stated ||= stated;
      if (!stated) p.unstated ??= v;
    } else pools.set(v.poolId, { cidr, usedIps: [...v.usedIps], stated, unstated: stated ? undefined : v });
  }
  const requests: AddressRequest[] = [];
  let addresses = new Map<string, string>();
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
      report(
        UNKNOWN_VALUE,
        ownerOf(slot.key),
        `private IP ${e.description} (${slot.role}) is unknown at synth time; it was not checked against its vSwitch or for duplicates.`,
        "Give the address as a literal, or leave it out to have it planned.",
      );
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
    const inReservation =
      typeof e === "string"
        ? (reservations.byPool.get(slot.vswitch.poolId) ?? []).find((b) => {
            const ip = tryParseIpv4(e);
            return ip !== undefined && b.contains(ip);
          })
        : undefined;
    if (inReservation) {
      report(
        PREFIX_OVERLAP,
        ownerOf(slot.key),
        `private IP ${e} (${slot.role}) lies in CIDR reservation ${inReservation} of vSwitch ${slot.vswitch.path}, which is kept for prefixes.`,
        "Use an address outside the vSwitch's reservations, or leave it out to have one planned.",
      );
      addresses.set(slot.key, e as string);
      continue;
    }
    requests.push({ key: slot.key, pool: slot.vswitch.poolId, explicit: e, existing: slot.existing });
  }
  for (const [owner, o] of unknownByOwner) {
    if (o.planned === 0) continue;
    if (o.explicit > 0) {
      report(
        IP_UNPLANNABLE,
        owner,
        `vSwitch ${o.pool.path} has an unknown CIDR; ${o.planned} address(es) cannot be planned next to ${o.explicit} explicit one(s).`,
        "Give every address explicitly, or none, or give the vSwitch a literal CIDR.",
      );
    } else {
      report(
        UNKNOWN_VALUE,
        owner,
        `vSwitch ${o.pool.path} CIDR is unknown at synth time; ${o.planned} address(es) are left for the cloud to pick (not stable, not checked).`,
        "Give the vSwitch a literal CIDR (VSwitch.fromVSwitchAttributes for existing ones) so the planner can allocate.",
      );
    }
  }
  const specs: PoolSpec[] = [...pools].map(([id, p]) => ({ id, cidr: p.cidr, usedIps: p.usedIps }));
  const withLock = options.lockFile !== false;
  const alloc = allocateAddresses(specs, requests, input.previousLock, { lock: withLock });
  if (addresses.size === 0) {
    addresses = alloc.addresses as Map<string, string>; // the allocator's own map (nothing to merge: no copy)
  } else {
    for (const [k, v] of alloc.addresses) addresses.set(k, v);
  }
  for (const p of alloc.problems) reportProblem(p, vswitchByPool, report);
  reportUnstatedUsedIps(pools, requests, alloc.addresses, report);
  for (const r of alloc.reused) {
    const vsw = vswitchByPool.get(r.pool)?.path ?? r.pool;
    report(
      LOCK_REUSE,
      ownerOf(r.key),
      `${r.key} gets ${r.address} in vSwitch ${vsw}, which the lock file holds for ${r.heldBy} (${r.why === "explicit" ? "given explicitly" : "no other address of the vSwitch is free"}). ${r.heldBy} must be destroyed first: Terraform may create this one before it destroys the old one, and the create then fails with a duplicate address.`,
      `Apply the removal of ${r.heldBy} first (cdktf deploy), then this change; or ${r.why === "explicit" ? "give another address" : "free addresses in the vSwitch or use a larger one"}.`,
    );
  }

  // IPv6 pass (its own allocator; entries share the lock file as `<path>#ipv6-N`).
  const ipv6 = planIpv6(model, input.previousLock, report);
  for (const [k, v] of ipv6.addresses) addresses.set(k, v);
  for (const k of ipv6.unplanned) unplanned.add(k);
  // Prefix pass: aligned /28s inside the reservations, clear of every address.
  let poolOf: Map<string, string> | undefined; // only the prefix pass with prefixes to plan reads it
  const ipv4 = {
    addresses,
    get poolOf() {
      return (poolOf ??= new Map(requests.map((r) => [r.key, r.pool])));
    },
  };
  const prefixes = planPrefixes(model, poolCidrs, reservations, ipv4, input.previousLock, report);
  for (const [k, v] of prefixes.addresses) addresses.set(k, v);
  for (const k of prefixes.unplanned) unplanned.add(k);
  const merged = withLock ? mergeFamilies(alloc.lock, alloc.lockChanges, [...ipv6.lock, ...reservations.lock, ...prefixes.lock], input.previousLock) : undefined;
  const lock = merged?.lock ?? alloc.lock;
  const changes = merged?.changes ?? [];
  for (const c of changes) {
    if (!c.repaired) continue;
    report(
      LOCK_REPAIRED,
      ownerOf(c.key),
      `${c.key} moves from ${c.before} to ${c.after}: ${c.reason}. An ENI whose primary address changes is replaced on apply.`,
      "Restore the lock file from version control if it was edited, or accept the move (suppress with a reason).",
    );
  }
  const frozenChanges = changes.filter((c) => !c.migration);
  if (withLock && options.frozen && frozenChanges.length > 0) {
    const byOwner = new Map<string, LockChange[]>();
    for (const c of frozenChanges) {
      const owner = ownerOf(c.key);
      const list = byOwner.get(owner);
      if (list) list.push(c);
      else byOwner.set(owner, [c]);
    }
    for (const [owner, list] of byOwner) {
      report(
        LOCK_FROZEN,
        owner,
        `the lock file ${options.lockFile} would change: ${list.map(describeLockChange).join("; ")}.`,
        "Run cdktf synth locally (without CI set) and commit the updated lock file, or pass frozen: false.",
      );
    }
  }
  orderFindings(findings, model); // root causes first; fixes resting on a broken premise point at it
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

/** Roles of the entries the IPv6, reservation and prefix passes own (the IPv4 allocator passes them through). */
const FAMILY_ROLE = /^(ipv6-\d+|ipv6-count|prefix-\d+|cidr)$/;
/** True for a key (`<path>#<role>`) of the IPv6, reservation or prefix passes; the role alone is tested (anchored at its start, it fails at once for the rest). */
const isFamilyKey = (key: string): boolean => FAMILY_ROLE.test(key.slice(key.lastIndexOf("#") + 1));

/**
 * The lock with the IPv6, reservation and prefix entries of this run in place of the previous ones, and
 * their changes beside the IPv4 allocator's (sorted by key). Their entries that are gone are dropped, not
 * held as released: the IPv4 allocator's tombstones are for single IPv4 addresses.
 */
function mergeFamilies(
  lock: LockFile,
  ipv4Changes: readonly LockChange[],
  entries: readonly (readonly [string, LockEntry])[],
  previous: LockFile | undefined,
): { lock: LockFile; changes: LockChange[] } {
  const at = (e: LockEntry) => `${e.address} in ${e.pool}`;
  const before = previous?.allocations ?? {};
  // Nothing of these families in this run or the previous lock (an IPv4-only program): the IPv4 lock as it is.
  const hasFamilyKey = (a: Readonly<Record<string, LockEntry>>) => sortedLockKeys(a).some(isFamilyKey);
  if (entries.length === 0 && !hasFamilyKey(before) && (lock.allocations === before || !hasFamilyKey(lock.allocations))) {
    return { lock, changes: [...ipv4Changes] };
  }
  const allocations: [string, LockEntry][] = Object.entries(lock.allocations).filter(([k]) => !isFamilyKey(k));
  allocations.push(...entries.map(([k, e]) => [k, e] as [string, LockEntry]));
  allocations.sort(([a], [b]) => compareStrings(a, b));
  const next = Object.fromEntries(allocations);
  const changes = [...ipv4Changes];
  for (const [k, e] of entries) {
    const p = Object.hasOwn(before, k) ? before[k] : undefined;
    if (!p) changes.push({ key: k, kind: "added", after: at(e), reason: "new construct" });
    else if (p.pool !== e.pool || p.address !== e.address) changes.push({ key: k, kind: "moved", before: at(p), after: at(e), reason: "planned again" });
  }
  for (const k of sortedLockKeys(before)) {
    if (isFamilyKey(k) && !Object.hasOwn(next, k)) changes.push({ key: k, kind: "dropped", before: at(before[k]), reason: "its construct (or this value of it) is no longer in the program" });
  }
  changes.sort((a, b) => compareStrings(a.key, b.key));
  return { lock: { ...lock, allocations: next }, changes };
}

/** One lock change in words, e.g. `stack/Eni#primary moved 10.0.1.4 in vsw → 10.0.1.9 in vsw (its vSwitch changed)`. */
export function describeLockChange(c: LockChange): string {
  const values = c.kind === "moved" ? `${c.before} -> ${c.after}` : c.kind === "added" ? c.after : c.before;
  return `${c.key} ${c.kind} ${values} (${c.reason})`;
}

/** ENI-VSW-USED-UNKNOWN: an imported vSwitch without usedIps in which the planner plans addresses. */
function reportUnstatedUsedIps(
  pools: ReadonlyMap<string, { stated: boolean; unstated?: VSwitchFact }>,
  requests: readonly AddressRequest[],
  planned: ReadonlyMap<string, string>,
  report: (rule: RuleDefinition, path: string, message: string, fix: string) => void,
): void {
  let anyUnstated = false;
  for (const p of pools.values()) anyUnstated ||= !p.stated;
  if (!anyUnstated) return;
  const byPool = new Map<string, string[]>();
  for (const r of requests) {
    if (r.explicit !== undefined || r.existing) continue;
    const p = pools.get(r.pool);
    const address = planned.get(r.key);
    if (!p || p.stated || address === undefined) continue;
    const list = byPool.get(r.pool);
    if (list) list.push(address);
    else byPool.set(r.pool, [address]);
  }
  for (const [poolId, list] of byPool) {
    const v = pools.get(poolId)!.unstated!;
    const lowest = list.reduce((a, b) => (tryParseIpv4(a)! <= tryParseIpv4(b)! ? a : b));
    report(
      VSW_USED_UNKNOWN,
      v.path,
      `vSwitch ${poolId} (${known(v.cidr)?.toString()}) is imported without usedIps, so the planner treats it as empty and plans ${list.length} address(es) in it from the lowest free one (${lowest} first), which in a vSwitch in use is likely taken.`,
      "List the addresses in use (usedIps, e.g. from UsedAddresses.fromDescribeNetworkInterfaces/...Instances/...HaVips), or pass usedIps: [] if nothing else is in the vSwitch.",
    );
  }
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
      report(
        IP_RESERVED,
        who(p.key),
        `${role(p.key)} ${p.address} is one of the four addresses Alibaba Cloud reserves in vSwitch ${vswPath} (${p.cidr}: the first and the last three).`,
        "Use another address, or leave it out to have one planned.",
      );
      break;
    case "used":
      report(
        IP_USED,
        who(p.key),
        `${role(p.key)} ${p.address} is listed in usedIps of vSwitch ${vswPath}: it is taken outside this program.`,
        "Use another address, or leave it out to have one planned.",
      );
      break;
    case "locked":
      report(
        IP_LOCKED,
        who(p.key),
        `${role(p.key)} ${p.address} is the address the lock file gives to ${p.otherKey} in vSwitch ${vswPath}, which still exists; taking it would move ${ownerOf(p.otherKey)} to a new address (an ENI whose primary address changes is replaced on apply).`,
        `Use another address, or leave it out to have one planned; to hand ${p.address} over, remove ${ownerOf(p.otherKey)} (or its address) and apply that first.`,
      );
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
