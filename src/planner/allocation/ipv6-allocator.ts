import { formatIpv6, Ipv6Cidr, tryParseIpv6 } from "../../net/ipv6";
import { compareKeys, LockEntry, LockFile } from "./lock-file";

/**
 * IPv6 addresses for ENIs and instances' primary ENIs, in vSwitches whose /64 is known at synth
 * (imported with ipv6CidrBlock, or a new vSwitch in a VPC whose IPv6 block is known). Kept apart from
 * the IPv4 allocator; its results go into the same lock file as `<path>#ipv6-N` entries.
 */

/** Addresses Alibaba Cloud reserves at the end of every vSwitch IPv6 block (besides the first one): the last nine. */
export const IPV6_RESERVED_TAIL = 9;

/** One vSwitch /64. */
export interface Ipv6PoolSpec {
  /** Pool id (the vSwitch's pool id). */
  readonly id: string;
  /** The vSwitch's IPv6 block. */
  readonly cidr: Ipv6Cidr;
}

/** One IPv6 address wanted. */
export interface Ipv6Request {
  /** Unique key `<construct path>#ipv6-N`. */
  readonly key: string;
  /** Pool id. */
  readonly pool: string;
  /** Address given by the user (canonical text), checked and used as is. @default - allocated */
  readonly explicit?: string;
}

/** Why an explicit IPv6 address was refused. */
export type Ipv6Problem =
  | { kind: "outside"; key: string; pool: string; address: string; cidr: string }
  | { kind: "reserved"; key: string; pool: string; address: string; cidr: string }
  | { kind: "duplicate"; key: string; pool: string; address: string; otherKey: string };

/** What allocateIpv6 decided. */
export interface Ipv6AllocationResult {
  /** Address of every request that got one, by key. */
  readonly addresses: ReadonlyMap<string, string>;
  /** Refused explicit addresses, in sorted key order. */
  readonly problems: readonly Ipv6Problem[];
  /** Lock entries of the allocated (non-explicit) addresses, in sorted key order. */
  readonly lock: readonly [string, LockEntry][];
}

/** True when `ip` is one of the addresses Alibaba Cloud reserves in `cidr`: the first and the last nine. */
export function isReservedIpv6(cidr: Ipv6Cidr, ip: bigint): boolean {
  return ip === cidr.network || ip > cidr.last - BigInt(IPV6_RESERVED_TAIL);
}

/**
 * Allocates every IPv6 request: explicit addresses first (inside the /64, not reserved, unique; the first key
 * keeps a duplicate), then addresses kept from the previous lock (same key and pool, still free), then the
 * lowest free address from `::1` of the block, in sorted key order. Depends only on the sets passed in.
 */
export function allocateIpv6(pools: readonly Ipv6PoolSpec[], requests: readonly Ipv6Request[], previous?: LockFile): Ipv6AllocationResult {
  const byId = new Map(pools.map((p) => [p.id, p]));
  const taken = new Map<string, Map<bigint, string>>();
  const takenIn = (pool: string) => {
    let m = taken.get(pool);
    if (!m) taken.set(pool, (m = new Map()));
    return m;
  };
  const sorted = [...requests].sort((a, b) => compareKeys(a.key, b.key));
  const addresses = new Map<string, string>();
  const problems: Ipv6Problem[] = [];
  const pending: Ipv6Request[] = [];
  for (const r of sorted) {
    const pool = byId.get(r.pool);
    if (!pool) throw new Error(`internal error: IPv6 request ${r.key} names unknown pool ${r.pool}`);
    if (r.explicit === undefined) {
      pending.push(r);
      continue;
    }
    const ip = tryParseIpv6(r.explicit);
    if (ip === undefined) throw new Error(`internal error: IPv6 request ${r.key} has unparsed address ${r.explicit}`);
    const cidr = pool.cidr.toString();
    const m = takenIn(r.pool);
    if (!pool.cidr.contains(ip)) problems.push({ kind: "outside", key: r.key, pool: r.pool, address: r.explicit, cidr });
    else if (isReservedIpv6(pool.cidr, ip)) problems.push({ kind: "reserved", key: r.key, pool: r.pool, address: r.explicit, cidr });
    else if (m.has(ip)) problems.push({ kind: "duplicate", key: r.key, pool: r.pool, address: r.explicit, otherKey: m.get(ip)! });
    else {
      m.set(ip, r.key);
      addresses.set(r.key, formatIpv6(ip));
    }
  }
  const fresh: Ipv6Request[] = [];
  const lock: [string, LockEntry][] = [];
  for (const r of pending) {
    const pool = byId.get(r.pool)!;
    const entry = previous && Object.hasOwn(previous.allocations, r.key) ? previous.allocations[r.key] : undefined;
    const ip = entry && entry.pool === r.pool ? tryParseIpv6(entry.address) : undefined;
    const m = takenIn(r.pool);
    if (ip !== undefined && pool.cidr.contains(ip) && !isReservedIpv6(pool.cidr, ip) && !m.has(ip)) {
      m.set(ip, r.key);
      addresses.set(r.key, formatIpv6(ip));
    } else fresh.push(r);
  }
  const cursor = new Map<string, bigint>();
  for (const r of fresh) {
    const pool = byId.get(r.pool)!;
    const m = takenIn(r.pool);
    let ip = cursor.get(r.pool) ?? pool.cidr.network + 1n;
    while (m.has(ip)) ip++;
    // A /64 holds 2^64 - 10 addresses: an app never exhausts it.
    m.set(ip, r.key);
    cursor.set(r.pool, ip + 1n);
    addresses.set(r.key, formatIpv6(ip));
  }
  for (const r of pending) lock.push([r.key, { pool: r.pool, address: addresses.get(r.key)! }]);
  return { addresses, problems, lock };
}
