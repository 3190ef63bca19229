import { formatIpv4, Ipv4Cidr, Ipv4FormatError, parseIpv4 } from "../../net/ipv4";
import { AddressPool } from "./address-pool";
import { compareKeys, diffLockFiles, emptyLockFile, LOCK_FILE_COMMENT, LOCK_FILE_VERSION, LockEntry, LockFile } from "./lock-file";

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
  /**
   * The pool ran out. `wanted`: requests that needed a new address from this pool in this run;
   * `free`: free addresses before those were handed out (after usedIps, explicit and locked
   * addresses were placed); so `wanted - free` requests got nothing. `keys`: those requests,
   * sorted, at most 20 (see `wanted - free` for the full count).
   */
  | { kind: "exhausted"; pool: string; cidr: string; wanted: number; free: number; usable: number; keys: string[] }
  /** The request names a pool that was not passed in. */
  | { kind: "unknown-pool"; key: string; pool: string };

/** Options of {@link allocateAddresses}. */
export interface AllocateOptions {
  /** Build the new lock and its diff against `previous`; off when no lock file is kept (saves time at scale). @default true */
  readonly lock?: boolean;
}

/** Keys listed at most in an `exhausted` problem. */
export const MAX_EXHAUSTED_KEYS = 20;

/** Per-pool figures after allocation. */
export interface PoolUsage {
  /** The CIDR, e.g. 10.0.1.0/24. */
  readonly cidr: string;
  /** Addresses that can ever be allocated (size - 4). */
  readonly usable: number;
  /** Taken addresses: usedIps + explicit + allocated. */
  readonly used: number;
  /** usable - used. */
  readonly free: number;
}

/** What `allocateAddresses` decided. */
export interface AllocationResult {
  /** Address of every request that got one (explicit ones too), by key, in sorted key order. */
  readonly addresses: ReadonlyMap<string, string>;
  /** Everything that went wrong; empty when every request got an address. Deterministic order. */
  readonly problems: AllocationProblem[];
  /** The new lock: exactly the allocated (non-explicit) addresses of this run (empty when options.lock is false). */
  readonly lock: LockFile;
  /** `diffLockFiles(previous ?? empty, lock)`. */
  readonly changes: { added: string[]; removed: string[]; changed: string[] };
  /** Usage by pool id, in sorted id order. */
  readonly pools: ReadonlyMap<string, PoolUsage>;
}

interface PoolState {
  readonly spec: PoolSpec;
  readonly pool: AddressPool;
  /** Addresses from usedIps. */
  readonly used: Set<number>;
  /** Explicit address -> key that holds it. */
  readonly explicit: Map<number, string>;
  /** Keys (sorted) still needing a new address. */
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

/**
 * Pre-allocates a private IPv4 address for every request, deterministically and stably.
 *
 * Order of placement (later steps never take what earlier steps placed):
 * 1. each pool's `usedIps` (invalid or outside entries are reported with key `usedIps`;
 *    reserved or repeated entries are harmless and ignored);
 * 2. every explicit address, in sorted key order: it must be IPv4, inside the pool, not reserved,
 *    not in usedIps, and not already explicit for another request (`duplicate`; the first key keeps it);
 *    a rejected explicit request gets no address (it is never silently allocated elsewhere);
 * 3. every non-explicit request whose key is in `previous` with the same pool and whose address is
 *    still free keeps it, so adding, removing or reordering other requests never moves an address;
 * 4. the rest, in sorted key order, get the lowest free address of their pool (`exhausted` when none).
 *
 * The output depends only on the sets of pools and requests, never on array order.
 * Throws Error on programming mistakes: two pools with the same id, two requests with the same key,
 * or a pool CIDR that is not /16 to /29.
 */
export function allocateAddresses(
  pools: readonly PoolSpec[],
  requests: readonly AddressRequest[],
  previous?: LockFile,
  options: AllocateOptions = {},
): AllocationResult {
  const problems: AllocationProblem[] = [];

  // Pools, in sorted id order.
  const states = new Map<string, PoolState>();
  for (const spec of [...pools].sort((a, b) => compareKeys(a.id, b.id))) {
    if (states.has(spec.id)) {
      throw new Error(`Two address pools have the id "${spec.id}"; each vSwitch must be passed to the allocator once.`);
    }
    states.set(spec.id, { spec, pool: new AddressPool(spec.id, spec.cidr), used: new Set(), explicit: new Map(), pending: [] });
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

  // Requests, sorted once by key. Results are kept by position in this order.
  const sorted = [...requests].sort((a, b) => compareKeys(a.key, b.key));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].key === sorted[i - 1].key) {
      throw new Error(
        `Two address requests have the key "${sorted[i].key}"; keys (<construct path>#<role>) must be unique.`,
      );
    }
  }
  const assigned: (number | undefined)[] = new Array(sorted.length).fill(undefined);
  const explicitIndexes: boolean[] = new Array(sorted.length).fill(false);
  const lockable: number[] = [];

  // 2. Explicit addresses; collect the others.
  for (let i = 0; i < sorted.length; i++) {
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
    explicitIndexes[i] = true;
    const cidr = state.spec.cidr;
    const parsed = parseOrReason(explicit);
    if ("reason" in parsed) {
      problems.push({ kind: "invalid", key, pool: poolId, address: String(explicit), reason: parsed.reason });
      continue;
    }
    const ip = parsed.ip;
    if (!cidr.contains(ip)) {
      problems.push({ kind: "outside", key, pool: poolId, address: explicit, cidr: cidr.toString() });
    } else if (state.pool.isReserved(ip)) {
      problems.push({ kind: "reserved", key, pool: poolId, address: explicit, cidr: cidr.toString() });
    } else if (state.used.has(ip) && !existing) {
      problems.push({ kind: "used", key, pool: poolId, address: explicit });
    } else if (state.explicit.has(ip)) {
      problems.push({ kind: "duplicate", key, pool: poolId, address: explicit, otherKey: state.explicit.get(ip)! });
    } else {
      state.explicit.set(ip, key);
      state.pool.take(ip); // false for an existing address also in usedIps: already taken
      assigned[i] = ip;
    }
  }

  // 3. Addresses kept from the previous lock.
  const before = previous ?? emptyLockFile();
  for (const i of lockable) {
    const { key, pool: poolId } = sorted[i];
    const state = states.get(poolId)!;
    const entry = Object.hasOwn(before.allocations, key) ? before.allocations[key] : undefined;
    if (entry !== undefined && entry.pool === poolId) {
      const parsed = parseOrReason(entry.address);
      // take() refuses outside, reserved, usedIps, explicit and already-kept addresses.
      if ("ip" in parsed && state.pool.take(parsed.ip)) {
        assigned[i] = parsed.ip;
        continue;
      }
    }
    state.pending.push(i);
  }

  // 4. New addresses, lowest first, in sorted key order within each pool (pools are independent).
  for (const state of states.values()) {
    const { pool, pending } = state;
    if (pending.length === 0) continue;
    const freeBefore = pool.free;
    let j = 0;
    for (; j < pending.length; j++) {
      const ip = pool.next();
      if (ip === undefined) break;
      assigned[pending[j]] = ip;
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
  const withLock = options.lock ?? true;
  for (let i = 0; i < sorted.length; i++) {
    const ip = assigned[i];
    if (ip === undefined) continue;
    const address = formatIpv4(ip);
    addresses.set(sorted[i].key, address);
    if (withLock && !explicitIndexes[i]) lockEntries.push([sorted[i].key, { pool: sorted[i].pool, address }]);
  }
  const lock: LockFile = {
    version: LOCK_FILE_VERSION,
    comment: LOCK_FILE_COMMENT,
    allocations: Object.fromEntries(lockEntries),
  };

  const usage = new Map<string, PoolUsage>();
  for (const { pool } of states.values()) {
    usage.set(pool.id, { cidr: pool.cidr.toString(), usable: pool.usable, used: pool.used, free: pool.free });
  }

  const changes = withLock ? diffLockFiles(before, lock) : { added: [], removed: [], changed: [] };
  return { addresses, problems, lock, changes, pools: usage };
}
