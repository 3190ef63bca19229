import { formatIpv4, Ipv4Cidr, Ipv4FormatError, parseCanonicalIpv4, parseIpv4, tryParseIpv4 } from "../../net/ipv4";
import { AddressPool } from "./address-pool";
import { compareKeys, compareReleased, emptyLockFile, LOCK_FILE_COMMENT, LOCK_FILE_VERSION, LockEntry, LockFile, ReleasedEntry, sortedLockKeys } from "./lock-file";

/** One pool of addresses: a vSwitch. */
export interface PoolSpec {
  /** Pool id, unique among the pools passed together (the vSwitch's id in the network model). */
  readonly id: string;
  /** The vSwitch CIDR, /16 to /29. */
  readonly cidr: Ipv4Cidr;
  /** Addresses already taken by things outside this program (imported vSwitches). @default [] */
  readonly usedIps?: readonly string[];
}

/** One private IPv4 address wanted by the program. */
export interface AddressRequest {
  /** Unique key `<construct path>#<role>`, e.g. `app/web/Eni#primary`. */
  readonly key: string;
  /** Id of the pool to allocate from. */
  readonly pool: string;
  /** An address the user fixed; when set it is checked and used as is, never allocated. @default - allocated */
  readonly explicit?: string;
  /**
   * The explicit address already exists (an imported instance's IP): it may also be listed in the
   * pool's usedIps, since both describe the same use. @default false
   */
  readonly existing?: boolean;
}

/** Why a request (or a `usedIps` entry, with key `usedIps`) did not get its address. */
export type AllocationProblem =
  /** The explicit address (or usedIps entry) is not an IPv4 address. */
  | { kind: "invalid"; key: string; pool: string; address: string; reason: string }
  /** The explicit address (or usedIps entry) is outside the pool's CIDR. */
  | { kind: "outside"; key: string; pool: string; address: string; cidr: string }
  /** The explicit address is one of the 4 addresses Alibaba Cloud reserves in the vSwitch. */
  | { kind: "reserved"; key: string; pool: string; address: string; cidr: string }
  /** The explicit address is in the pool's `usedIps`. */
  | { kind: "used"; key: string; pool: string; address: string }
  /** Another request (`otherKey`, earlier in sorted key order, which keeps it) has the same explicit address. */
  | { kind: "duplicate"; key: string; pool: string; address: string; otherKey: string }
  /** The explicit address is the one the lock file gives to `otherKey`, which still exists and keeps it. */
  | { kind: "locked"; key: string; pool: string; address: string; otherKey: string }
  /**
   * The pool ran out. `wanted`: requests that needed a new address from this pool in this run;
   * `free`: free addresses before those were handed out (after usedIps, explicit and locked
   * addresses were placed; released addresses counted as free); so `wanted - free` requests got
   * nothing. `keys`: those requests, sorted, at most 20 (see `wanted - free` for the full count).
   */
  | { kind: "exhausted"; pool: string; cidr: string; wanted: number; free: number; usable: number; keys: string[] }
  /** The request names a pool that was not passed in. */
  | { kind: "unknown-pool"; key: string; pool: string };

/** An address given to `key` that the lock file holds for `heldBy`, a deleted or moved key: that one must be destroyed first. */
export interface ReusedAddress {
  /** The key that gets the address. */
  readonly key: string;
  /** Pool id. */
  readonly pool: string;
  /** The address. */
  readonly address: string;
  /** The key that held it. */
  readonly heldBy: string;
  /** Why it is reused: the program gives it explicitly, or no other address of the pool was free. */
  readonly why: "explicit" | "exhausted";
}

/** How a lock entry changed in this run. */
export type LockChangeKind =
  /** A key got its first entry. */
  | "added"
  /** A key's entry now has another pool or address (an ENI primary address that moves replaces the ENI). */
  | "moved"
  /** A key's entry is gone (its address is held as released, unless `after` says otherwise). */
  | "dropped"
  /** A released (tombstone) entry was removed without being reused (it no longer fits its pool). */
  | "unheld";

/** One change to the lock file, with its reason. */
export interface LockChange {
  /** The key, `<construct path>#<role>`. */
  readonly key: string;
  /** What happened. */
  readonly kind: LockChangeKind;
  /** The value before (`<address> in <pool>`), for moved, dropped and unheld. */
  readonly before?: string;
  /** The value after (`<address> in <pool>`), for added and moved. */
  readonly after?: string;
  /** Why, in words, e.g. "new construct" or "its vSwitch changed". */
  readonly reason: string;
  /** True for entries a version 1 lock file could not hold (explicit addresses): not a change under frozen. */
  readonly migration?: boolean;
  /** True when the previous entry could not be kept because it no longer fits its pool (outside the CIDR, reserved). */
  readonly repaired?: boolean;
}

/** Options of {@link allocateAddresses}. */
export interface AllocateOptions {
  /** Build the new lock and its diff against `previous`; off when no lock file is kept (saves time at scale). @default true */
  readonly lock?: boolean;
  /**
   * Which entries of `previous` this allocator owns (others are passed through unchanged, for other
   * allocators such as IPv6 or prefixes). @default entries whose address is one IPv4 address
   */
  readonly owns?: (entry: LockEntry, key: string) => boolean;
  /**
   * Take the one-pass route when the previous lock already gives every request its address (see
   * {@link keptAsLocked}); false always takes the general route (tests compare the two). @default true
   */
  readonly fastPath?: boolean;
}

/** Keys listed at most in an `exhausted` problem. */
export const MAX_EXHAUSTED_KEYS = 20;

/** Per-pool figures after allocation. */
export interface PoolUsage {
  /** The CIDR, e.g. 10.0.1.0/24. */
  readonly cidr: string;
  /** Addresses that can ever be allocated (size - 4). */
  readonly usable: number;
  /** Taken addresses: usedIps + explicit + allocated + released ones still held. */
  readonly used: number;
  /** usable - used. */
  readonly free: number;
  /** Released addresses (of deleted constructs) still held, counted in `used`. @default 0 */
  readonly held?: number;
}

/** What `allocateAddresses` decided. */
export interface AllocationResult {
  /** Address of every request that got one (explicit ones too), by key, in sorted key order. */
  readonly addresses: ReadonlyMap<string, string>;
  /** Everything that went wrong; empty when every request got an address. Deterministic order. */
  readonly problems: AllocationProblem[];
  /** Addresses handed out although a deleted or moved key held them (sorted by key). */
  readonly reused: readonly ReusedAddress[];
  /**
   * The new lock: the explicit and allocated addresses of this run (not `existing` ones), the released
   * addresses still held, and every entry of `previous` this allocator does not own (empty when options.lock is false).
   */
  readonly lock: LockFile;
  /** Every change to the lock file with its reason, sorted by key (empty when options.lock is false). */
  readonly lockChanges: readonly LockChange[];
  /** Usage by pool id, in sorted id order. */
  readonly pools: ReadonlyMap<string, PoolUsage>;
}

interface PoolState {
  readonly spec: PoolSpec;
  readonly pool: AddressPool;
  /** Addresses from usedIps. */
  readonly used: Set<number>;
  /** Address -> key (explicit or kept) that holds it in this run. */
  readonly owner: Map<number, string>;
  /** Explicit address -> key that gives it. */
  readonly explicit: Map<number, string>;
  /** Address -> position (in the sorted previous keys) of the key the previous lock gave it to. */
  readonly lockedBy: Map<number, number>;
  /** Address -> released entry still held (tombstone). */
  readonly held: Map<number, ReleasedEntry>;
  /** Indexes (in sorted order) still needing a new address. */
  readonly pending: number[];
}

/** Parses `text` as IPv4, or explains why it is not one. */
function parseOrReason(text: unknown): { ip: number } | { reason: string } {
  if (typeof text !== "string") return { reason: `it is ${text === undefined ? "missing" : typeof text}, not a string` };
  try {
    return { ip: parseIpv4(text) };
  } catch (e) {
    if (e instanceof Ipv4FormatError) return { reason: e.reason };
    throw e;
  }
}

const ownsIpv4 = (entry: LockEntry): boolean => tryParseIpv4(entry.address) !== undefined;
const at = (address: string, pool: string): string => `${address} in ${pool}`;

/**
 * The result when the previous lock already gives every request its address, computed in one pass: every
 * request is planned (neither explicit nor existing), its key is in the lock with the canonical text of one
 * IPv4 address of its own pool, inside the CIDR and not reserved, and no two requests share one; no pool has
 * usedIps; every other previous entry belongs to another allocator (not one IPv4 address); and every IPv4
 * tombstone of a pool passed in still fits it and holds an address of its own. Then nothing moves, nothing is
 * released and the lock is unchanged (its allocations object is the previous one): exactly what the general
 * route gives (a property test compares them). Undefined when any condition fails.
 */
function keptAsLocked(
  states: ReadonlyMap<string, PoolState>,
  sorted: readonly AddressRequest[],
  prevKeys: readonly string[],
  prevOf: Int32Array,
  reqOf: Int32Array,
  before: LockFile,
): AllocationResult | undefined {
  for (const state of states.values()) if ((state.spec.usedIps?.length ?? 0) > 0) return undefined;
  // Fresh pools: a failed attempt leaves the general route's state untouched.
  const pools = new Map<string, AddressPool>();
  for (const [id, state] of states) pools.set(id, new AddressPool(id, state.spec.cidr));
  const addresses = new Map<string, string>();
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i];
    if (r.explicit !== undefined || r.existing || prevOf[i] < 0) return undefined;
    const entry = before.allocations[prevKeys[prevOf[i]]];
    const pool = pools.get(r.pool);
    const ip = parseCanonicalIpv4(entry.address);
    // take() is false outside the block, for a reserved address and for one already taken (a shared address).
    if (entry.pool !== r.pool || pool === undefined || ip === undefined || !pool.take(ip)) return undefined;
    addresses.set(r.key, entry.address);
  }
  for (let j = 0; j < prevKeys.length; j++) {
    if (reqOf[j] < 0 && tryParseIpv4(before.allocations[prevKeys[j]].address) !== undefined) return undefined; // a gone key: its address becomes a tombstone
  }
  const held = new Map<string, number>();
  for (const r of before.released ?? []) {
    const ip = tryParseIpv4(r.address);
    const pool = pools.get(r.pool);
    if (ip === undefined || pool === undefined) continue; // another allocator's, or of a pool not passed in: kept as it is
    if (!pool.take(ip)) return undefined;
    held.set(r.pool, (held.get(r.pool) ?? 0) + 1);
  }
  const usage = new Map<string, PoolUsage>();
  for (const [id, pool] of pools) {
    const h = held.get(id) ?? 0;
    usage.set(id, { cidr: pool.cidr.toString(), usable: pool.usable, used: pool.used, free: pool.free, ...(h > 0 ? { held: h } : {}) });
  }
  return {
    addresses,
    problems: [],
    reused: [],
    lock: { version: LOCK_FILE_VERSION, comment: LOCK_FILE_COMMENT, allocations: before.allocations, released: [...(before.released ?? [])].sort(compareReleased) },
    lockChanges: [],
    pools: usage,
  };
}

/**
 * Pre-allocates a private IPv4 address for every request, deterministically and stably. The previous
 * lock is the deployed truth: an address it gives to a key that still exists is never given to another.
 *
 * Order of placement (later steps never take what earlier steps placed):
 * 1. each pool's `usedIps` (invalid or outside entries are reported with key `usedIps`;
 *    reserved or repeated entries are harmless and ignored). An entry that the lock gives to one of
 *    this program's keys is that key's own address (usedIps read from the cloud list the program's own addresses);
 * 2. every explicit address, in sorted key order: it must be IPv4, inside the pool, not reserved,
 *    not in usedIps (unless the lock accounts for it), not the locked address of another key that still
 *    exists and keeps it (`locked`: an error, never a move), and not already explicit for another
 *    request (`duplicate`; existing addresses first, then the first key in sorted order keeps it). A rejected explicit request gets no address (it is
 *    never silently allocated elsewhere). An explicit address the lock held for a deleted or moved key is
 *    `reused` (that key's resource must be destroyed first);
 * 3. every non-explicit request whose key is in `previous` with the same pool, inside the CIDR and not
 *    reserved keeps it, so adding, removing or reordering other requests never moves an address; a key
 *    that was removed and comes back gets its released address back while it is still held;
 * 4. addresses of keys that are gone, that moved, or that were released before stay held (tombstones);
 * 5. the rest, in sorted key order, get the lowest free address of their pool; only when none is free,
 *    the lowest held one (`reused`), then `exhausted`.
 *
 * The output depends only on the sets of pools and requests, never on array order.
 * Throws Error on programming mistakes: two pools with the same id, two requests with the same key,
 * or a pool CIDR that is not /16 to /29.
 */
export function allocateAddresses(pools: readonly PoolSpec[], requests: readonly AddressRequest[], previous?: LockFile, options: AllocateOptions = {}): AllocationResult {
  const problems: AllocationProblem[] = [];
  const reused: ReusedAddress[] = [];
  const lockChanges: LockChange[] = [];
  const withLock = options.lock ?? true;
  const owns = options.owns ?? ownsIpv4;
  const before = previous ?? emptyLockFile();
  const fromVersion1 = before.readVersion === 1;

  // Pools, in sorted id order.
  const states = new Map<string, PoolState>();
  for (const spec of [...pools].sort((a, b) => compareKeys(a.id, b.id))) {
    if (states.has(spec.id)) {
      throw new Error(`Two address pools have the id "${spec.id}"; each vSwitch must be passed to the allocator once.`);
    }
    states.set(spec.id, {
      spec,
      pool: new AddressPool(spec.id, spec.cidr),
      used: new Set(),
      owner: new Map(),
      explicit: new Map(),
      lockedBy: new Map(),
      held: new Map(),
      pending: [],
    });
  }

  // Requests, sorted once by key. Results are kept by position in this order.
  const sorted = [...requests].sort((a, b) => compareKeys(a.key, b.key));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].key === sorted[i - 1].key) {
      throw new Error(`Two address requests have the key "${sorted[i].key}"; keys (<construct path>#<role>) must be unique.`);
    }
  }

  // The previous lock, in sorted key order, joined with the sorted requests by position (no map by key:
  // at tens of thousands of entries the maps cost more than the rest): own entries and own tombstones;
  // the rest passes through.
  const prevKeys = sortedLockKeys(before.allocations);
  /** Position in prevKeys of each sorted request's key, or -1. */
  const prevOf = new Int32Array(sorted.length).fill(-1);
  /** Position in `sorted` of each previous key, or -1 (the key is gone). */
  const reqOf = new Int32Array(prevKeys.length).fill(-1);
  for (let i = 0, j = 0; i < sorted.length && j < prevKeys.length;) {
    const c = compareKeys(sorted[i].key, prevKeys[j]);
    if (c === 0) {
      prevOf[i] = j;
      reqOf[j] = i;
      i++;
      j++;
    } else if (c < 0) i++;
    else j++;
  }
  if (withLock && options.owns === undefined && !fromVersion1 && options.fastPath !== false) {
    const kept = keptAsLocked(states, sorted, prevKeys, prevOf, reqOf, before);
    if (kept) return kept;
  }
  /** Own previous entries (one IPv4 address; `canonical` when its text is the canonical form) by position in prevKeys. */
  const ownPrev: ({ entry: LockEntry; ip: number; canonical: boolean } | undefined)[] = new Array(prevKeys.length);
  const foreignAllocations: [string, LockEntry][] = [];
  /** Requested keys whose previous value is not one IPv4 address (edited by hand): re-planned. */
  const notIpv4 = new Map<string, LockEntry>();
  for (let j = 0; j < prevKeys.length; j++) {
    const key = prevKeys[j];
    const entry = before.allocations[key];
    // The default owner test is the IPv4 parse itself: parsed once (canonical text first, the common case).
    const mine = owns === ownsIpv4 || owns(entry, key);
    const canonicalIp = mine ? parseCanonicalIpv4(entry.address) : undefined;
    const ip = canonicalIp ?? (mine ? tryParseIpv4(entry.address) : undefined);
    if (ip === undefined) {
      if (reqOf[j] >= 0) notIpv4.set(key, entry);
      else foreignAllocations.push([key, entry]);
      continue;
    }
    ownPrev[j] = { entry, ip, canonical: canonicalIp !== undefined };
    states.get(entry.pool)?.lockedBy.set(ip, j);
  }
  /** The own previous entry of sorted request `i`. */
  const previousOf = (i: number) => (prevOf[i] >= 0 ? ownPrev[prevOf[i]] : undefined);
  const foreignReleased: ReleasedEntry[] = [];
  const heldByKey = new Map<string, { state: PoolState; ip: number }>(); // previous tombstones, for keys that come back
  const keptReleased: ReleasedEntry[] = []; // tombstones of pools not passed in: unchanged
  for (const r of before.released ?? []) {
    const ip = owns(r, r.key) ? tryParseIpv4(r.address) : undefined;
    if (ip === undefined) foreignReleased.push(r);
    else {
      const state = states.get(r.pool);
      if (state === undefined) keptReleased.push(r);
      else if (!state.spec.cidr.contains(ip) || state.pool.isReserved(ip)) {
        lockChanges.push({ key: r.key, kind: "unheld", before: at(r.address, r.pool), reason: `the released address no longer fits vSwitch ${r.pool} (${state.spec.cidr.toString()})` });
      } else {
        state.held.set(ip, r);
        if (!heldByKey.has(r.key)) heldByKey.set(r.key, { state, ip });
      }
    }
  }

  // 1. usedIps.
  for (const state of states.values()) {
    const { spec, pool } = state;
    const entries = [...(spec.usedIps ?? [])].sort(compareKeys);
    for (let i = 0; i < entries.length; i++) {
      const text = entries[i];
      if (i > 0 && text === entries[i - 1]) continue;
      const parsed = parseOrReason(text);
      if ("reason" in parsed) {
        problems.push({ kind: "invalid", key: "usedIps", pool: spec.id, address: String(text), reason: parsed.reason });
      } else if (!spec.cidr.contains(parsed.ip)) {
        problems.push({ kind: "outside", key: "usedIps", pool: spec.id, address: text, cidr: spec.cidr.toString() });
      } else {
        state.used.add(parsed.ip);
        pool.take(parsed.ip); // false for reserved addresses: harmless
      }
    }
  }

  const assigned: (number | undefined)[] = new Array(sorted.length).fill(undefined);
  const recorded: boolean[] = new Array(sorted.length).fill(false); // goes into the lock
  /** Why a key needs a new address although it had one (a moved entry). */
  const moveReason = new Map<number, string>();
  const repaired = new Set<number>();
  /** Previous own entries (by position in prevKeys) whose address is accounted for (kept, reused or not holdable). */
  const settled = new Uint8Array(prevKeys.length);
  const settle = (i: number) => {
    if (prevOf[i] >= 0) settled[prevOf[i]] = 1;
  };

  /** The lock keeps the previous address of the key at position `j` of prevKeys for it: a non-explicit request in the same pool, inside the CIDR, not reserved. */
  const keeps = (j: number): boolean => {
    const i = reqOf[j];
    const prev = ownPrev[j];
    if (i < 0 || prev === undefined) return false;
    const r = sorted[i];
    if (r.explicit !== undefined || r.existing || r.pool !== prev.entry.pool) return false;
    const state = states.get(r.pool);
    return state !== undefined && state.spec.cidr.contains(prev.ip) && !state.pool.isReserved(prev.ip);
  };

  // 2. Explicit addresses, existing ones first (they are facts: a new address equal to one is the duplicate);
  //    collect the others.
  const lockable: number[] = [];
  const order: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (sorted[i].existing) order.push(i);
  for (let i = 0; i < sorted.length; i++) if (!sorted[i].existing) order.push(i);
  for (const i of order) {
    const { key, pool: poolId, explicit, existing } = sorted[i];
    const state = states.get(poolId);
    if (state === undefined) {
      problems.push({ kind: "unknown-pool", key, pool: poolId });
      continue;
    }
    if (explicit === undefined) {
      lockable.push(i);
      continue;
    }
    const cidr = state.spec.cidr;
    const parsed = parseOrReason(explicit);
    if ("reason" in parsed) {
      problems.push({ kind: "invalid", key, pool: poolId, address: String(explicit), reason: parsed.reason });
      continue;
    }
    const ip = parsed.ip;
    const holder = state.lockedBy.get(ip);
    const tomb = state.held.get(ip);
    if (!cidr.contains(ip)) {
      problems.push({ kind: "outside", key, pool: poolId, address: explicit, cidr: cidr.toString() });
    } else if (state.pool.isReserved(ip)) {
      problems.push({ kind: "reserved", key, pool: poolId, address: explicit, cidr: cidr.toString() });
    } else if (state.explicit.has(ip)) {
      problems.push({ kind: "duplicate", key, pool: poolId, address: explicit, otherKey: state.explicit.get(ip)! });
    } else if (holder !== undefined && prevKeys[holder] !== key && keeps(holder)) {
      problems.push({ kind: "locked", key, pool: poolId, address: explicit, otherKey: prevKeys[holder] });
    } else if (state.used.has(ip) && !existing && holder === undefined && tomb === undefined) {
      problems.push({ kind: "used", key, pool: poolId, address: explicit });
    } else {
      state.explicit.set(ip, key);
      state.owner.set(ip, key);
      state.pool.take(ip); // false for an address also in usedIps: already taken
      assigned[i] = ip;
      recorded[i] = !existing;
      if (holder !== undefined && prevKeys[holder] !== key) {
        reused.push({ key, pool: poolId, address: explicit, heldBy: prevKeys[holder], why: "explicit" });
        settled[holder] = 1;
      } else if (tomb !== undefined) {
        if (tomb.key !== key) reused.push({ key, pool: poolId, address: explicit, heldBy: tomb.key, why: "explicit" });
        state.held.delete(ip);
      }
    }
  }

  // An explicit request that was rejected keeps its previous entry as it is: a program in error changes nothing.
  const keptAsIs = new Set<number>();
  for (const i of order) {
    if (assigned[i] !== undefined || sorted[i].explicit === undefined || sorted[i].existing) continue;
    const prev = previousOf(i);
    const state = prev && states.get(prev.entry.pool);
    if (!prev || !state || !state.spec.cidr.contains(prev.ip) || state.pool.isReserved(prev.ip) || state.owner.has(prev.ip)) continue;
    state.owner.set(prev.ip, sorted[i].key);
    state.pool.take(prev.ip);
    keptAsIs.add(i);
    settle(i);
  }

  // 3. Addresses kept from the previous lock (or given back from the released ones).
  for (const i of lockable) {
    const { key, pool: poolId, existing } = sorted[i];
    const state = states.get(poolId)!;
    if (existing) continue; // an existing address without a value: nothing to plan
    const prev = previousOf(i);
    const odd = notIpv4.size > 0 ? notIpv4.get(key) : undefined;
    if (odd !== undefined) {
      moveReason.set(i, `the locked value ${odd.address} is not an IPv4 address; was the lock file edited?`);
      repaired.add(i);
    } else if (prev !== undefined) {
      const { entry, ip } = prev;
      if (entry.pool !== poolId) {
        moveReason.set(i, `its vSwitch changed from ${entry.pool} to ${poolId}`);
      } else if (!state.spec.cidr.contains(ip)) {
        moveReason.set(i, `the locked address ${entry.address} is outside vSwitch ${poolId} (${state.spec.cidr.toString()}); did its CIDR change?`);
        repaired.add(i);
        settle(i);
      } else if (state.pool.isReserved(ip)) {
        moveReason.set(i, `the locked address ${entry.address} is one of the 4 addresses reserved in vSwitch ${poolId} (${state.spec.cidr.toString()}); was the lock file edited?`);
        repaired.add(i);
        settle(i);
      } else if (state.owner.has(ip)) {
        // Unreachable: an explicit address equal to a kept locked one is a `locked` problem.
        moveReason.set(i, `its locked address ${entry.address} is taken by ${state.owner.get(ip)}`);
      } else {
        state.owner.set(ip, key);
        state.pool.take(ip); // false when usedIps lists it: the program's own address
        assigned[i] = ip;
        recorded[i] = true;
        settle(i);
        continue;
      }
    } else if (withLock) {
      const tomb = heldByKey.get(key);
      if (tomb !== undefined && tomb.state === state && state.held.get(tomb.ip)?.key === key) {
        const ip = tomb.ip;
        state.held.delete(ip);
        state.owner.set(ip, key);
        state.pool.take(ip);
        assigned[i] = ip;
        recorded[i] = true;
        moveReason.set(i, "restored: the address it held before it was removed");
        continue;
      }
    }
    state.pending.push(i);
  }

  // 4. Previous keys that are gone or moved: their addresses stay held.
  for (let j = 0; j < prevKeys.length; j++) {
    const own = ownPrev[j];
    if (own === undefined || settled[j]) continue;
    const { entry, ip } = own;
    const key = prevKeys[j];
    const i = reqOf[j] >= 0 ? reqOf[j] : undefined;
    const state = states.get(entry.pool);
    if (i !== undefined && sorted[i].existing) {
      lockChanges.push({ key, kind: "dropped", before: at(entry.address, entry.pool), reason: "the address is now an existing one (imported), not held by this program" });
      continue;
    }
    if (state !== undefined && state.owner.has(ip)) continue; // taken by an explicit address of the same key
    if (state !== undefined && (!state.spec.cidr.contains(ip) || state.pool.isReserved(ip))) {
      if (i === undefined) {
        lockChanges.push({
          key,
          kind: "dropped",
          before: at(entry.address, entry.pool),
          reason: `its construct (or this address of it) is no longer in the program; the address no longer fits vSwitch ${entry.pool} (${state.spec.cidr.toString()}), so it is not held`,
        });
      }
      continue;
    }
    const tomb: ReleasedEntry = { key, pool: entry.pool, address: entry.address };
    if (state === undefined) keptReleased.push(tomb);
    else if (!state.held.has(ip)) state.held.set(ip, tomb);
    if (i === undefined) {
      lockChanges.push({ key, kind: "dropped", before: at(entry.address, entry.pool), reason: "its construct (or this address of it) is no longer in the program; the address is held as released" });
    }
  }
  for (const state of states.values()) {
    for (const ip of state.held.keys()) state.pool.take(ip); // false when usedIps lists it
  }

  // 5. New addresses, lowest free first, in sorted key order within each pool; then the held ones.
  for (const state of states.values()) {
    const { pool, pending, held } = state;
    if (pending.length === 0) continue;
    const freeBefore = pool.free + held.size;
    let j = 0;
    for (; j < pending.length; j++) {
      const ip = pool.next();
      if (ip === undefined) break;
      assigned[pending[j]] = ip;
      recorded[pending[j]] = true;
    }
    if (j < pending.length && held.size > 0) {
      const tombs = [...held.entries()].sort((a, b) => a[0] - b[0]);
      for (const [ip, tomb] of tombs) {
        if (j >= pending.length) break;
        held.delete(ip);
        assigned[pending[j]] = ip;
        recorded[pending[j]] = true;
        reused.push({ key: sorted[pending[j]].key, pool: pool.id, address: formatIpv4(ip), heldBy: tomb.key, why: "exhausted" });
        j++;
      }
    }
    if (j < pending.length) {
      problems.push({
        kind: "exhausted",
        pool: pool.id,
        cidr: pool.cidr.toString(),
        wanted: pending.length,
        free: freeBefore,
        usable: pool.usable,
        keys: pending.slice(j, j + MAX_EXHAUSTED_KEYS).map((i) => sorted[i].key),
      });
    }
  }

  // Results, in sorted key order.
  const addresses = new Map<string, string>();
  const lockEntries: [string, LockEntry][] = [];
  let unchangedEntries = 0; // entries of lockEntries that are the previous lock's own objects
  const reusedBy = new Map(reused.map((r) => [r.key, r]));
  for (let i = 0; i < sorted.length; i++) {
    const ip = assigned[i];
    if (ip === undefined) {
      const odd = notIpv4.get(sorted[i].key);
      const prev = !withLock || sorted[i].existing ? undefined : odd !== undefined ? { entry: odd } : previousOf(i);
      if (prev === undefined) continue;
      if (keptAsIs.has(i)) {
        lockEntries.push([sorted[i].key, prev.entry]);
        if (prev.entry === before.allocations[sorted[i].key]) unchangedEntries++;
      } else lockChanges.push({ key: sorted[i].key, kind: "dropped", before: at(prev.entry.address, prev.entry.pool), reason: "it got no address in this run (see the errors)" });
      continue;
    }
    const { key, pool, explicit } = sorted[i];
    const own = previousOf(i);
    // Kept as it was (nearly every entry of a lock-file run): the previous entry and its text are reused.
    if (own !== undefined && own.ip === ip && own.entry.pool === pool && own.canonical) {
      addresses.set(key, own.entry.address);
      if (withLock && recorded[i]) {
        lockEntries.push([key, own.entry]);
        unchangedEntries++;
      }
      continue;
    }
    const address = formatIpv4(ip);
    addresses.set(key, address);
    if (!withLock || !recorded[i]) continue;
    lockEntries.push([key, { pool, address }]);
    const odd = notIpv4.get(key);
    const prev = odd !== undefined ? { entry: odd } : own;
    if (prev !== undefined && prev.entry.pool === pool && prev.entry.address === address) continue;
    const r = reusedBy.get(key);
    const reuse = r ? `; it reuses the address held by ${r.heldBy}, which must be destroyed first` : "";
    const why = explicit !== undefined ? (prev !== undefined ? `its explicit address changed from ${prev.entry.address}` : "explicit address in the program") : (moveReason.get(i) ?? "new address");
    lockChanges.push({
      key,
      kind: prev === undefined ? "added" : "moved",
      ...(prev !== undefined ? { before: at(prev.entry.address, prev.entry.pool) } : {}),
      after: at(address, pool),
      reason: why + reuse,
      ...(prev === undefined && explicit !== undefined && fromVersion1 ? { migration: true } : {}),
      ...(repaired.has(i) ? { repaired: true } : {}),
    });
  }
  const released: ReleasedEntry[] = [...foreignReleased, ...keptReleased];
  for (const state of states.values()) released.push(...state.held.values());
  // Every previous entry kept as it was, and no other: the previous allocations object is the new one.
  const unchanged = unchangedEntries === lockEntries.length && lockEntries.length + foreignAllocations.length === prevKeys.length;
  const allocations = unchanged || foreignAllocations.length === 0 ? lockEntries : [...lockEntries, ...foreignAllocations].sort((a, b) => compareKeys(a[0], b[0]));
  const lock: LockFile = {
    version: LOCK_FILE_VERSION,
    comment: LOCK_FILE_COMMENT,
    allocations: !withLock ? {} : unchanged ? before.allocations : Object.fromEntries(allocations),
    released: withLock ? released.sort(compareReleased) : [],
  };

  const usage = new Map<string, PoolUsage>();
  for (const { pool, held } of states.values()) {
    usage.set(pool.id, { cidr: pool.cidr.toString(), usable: pool.usable, used: pool.used, free: pool.free, ...(held.size > 0 ? { held: held.size } : {}) });
  }

  lockChanges.sort((a, b) => compareKeys(a.key, b.key) || compareKeys(a.kind, b.kind));
  reused.sort((a, b) => compareKeys(a.key, b.key));
  return {
    addresses,
    problems,
    reused,
    lock,
    lockChanges: withLock ? lockChanges : [],
    pools: usage,
  };
}
