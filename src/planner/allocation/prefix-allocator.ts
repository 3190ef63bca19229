import { formatIpv4, Ipv4Cidr } from "../../net/ipv4";
import { compareKeys, LockEntry, LockFile } from "./lock-file";

/**
 * vSwitch CIDR reservations and the IPv4 /28 prefixes inside them. Kept apart from the IPv4 allocator:
 * reservations are placed first (the planner then keeps individual addresses out of them, as the VPC does),
 * prefixes last. Results go into the same lock file (`<path>#cidr`, `<eni path>#prefix-N`).
 */

/** Length of an IPv4 prefix. */
export const PREFIX_LENGTH = 28;

/** One reservation to place. */
export interface ReservationRequest {
  /** Lock key `<reservation path>#cidr`. */
  readonly key: string;
  /** Pool (vSwitch) id. */
  readonly pool: string;
  /** The block given by the user. */
  readonly explicit?: Ipv4Cidr;
  /** The mask of a block for the planner to choose. */
  readonly mask?: number;
}

/** Why a reservation was refused. */
export type ReservationProblem =
  | { kind: "outside"; key: string; cidr: string; vswitch: string }
  | { kind: "too-long"; key: string; cidr: string }
  | { kind: "system-reserved"; key: string; cidr: string; vswitch: string }
  | { kind: "overlap"; key: string; cidr: string; otherKey: string }
  | { kind: "no-room"; key: string; mask: number; vswitch: string };

/** True when `block` lies in `vsw`, is shorter than it, no longer than /28 and avoids its first and last three addresses. */
function fits(vsw: Ipv4Cidr, block: Ipv4Cidr): ReservationProblem["kind"] | undefined {
  if (!vsw.containsCidr(block) || block.prefix <= vsw.prefix) return "outside";
  if (block.prefix > PREFIX_LENGTH) return "too-long";
  if (block.network === vsw.network || block.last >= vsw.last - 2) return "system-reserved";
  return undefined;
}

/**
 * Places every reservation of every pool: explicit blocks (sorted key order; the first keeps an overlap), then
 * blocks kept from the previous lock, then new blocks for masks, chosen from the top of the vSwitch down (so
 * they stay clear of individual addresses, which are handed out from the bottom) and clear of `taken` addresses.
 */
export function placeReservations(
  vswitches: ReadonlyMap<string, Ipv4Cidr>,
  requests: readonly ReservationRequest[],
  taken: ReadonlyMap<string, readonly number[]>,
  previous?: LockFile,
): { blocks: Map<string, Ipv4Cidr>; problems: ReservationProblem[]; lock: [string, LockEntry][] } {
  const sorted = [...requests].sort((a, b) => compareKeys(a.key, b.key));
  const blocks = new Map<string, Ipv4Cidr>();
  const problems: ReservationProblem[] = [];
  const placed = new Map<string, { key: string; cidr: Ipv4Cidr }[]>();
  const inPool = (pool: string) => {
    let l = placed.get(pool);
    if (!l) placed.set(pool, (l = []));
    return l;
  };
  const clash = (pool: string, c: Ipv4Cidr) => inPool(pool).find((p) => p.cidr.overlaps(c));
  const place = (r: ReservationRequest, c: Ipv4Cidr) => {
    inPool(r.pool).push({ key: r.key, cidr: c });
    blocks.set(r.key, c);
  };
  const pending: ReservationRequest[] = [];
  for (const r of sorted) {
    const vsw = vswitches.get(r.pool)!;
    if (!r.explicit) {
      pending.push(r);
      continue;
    }
    const why = fits(vsw, r.explicit);
    const other = why ? undefined : clash(r.pool, r.explicit);
    if (why === "outside" || why === "system-reserved") problems.push({ kind: why, key: r.key, cidr: r.explicit.toString(), vswitch: vsw.toString() });
    else if (why === "too-long") problems.push({ kind: why, key: r.key, cidr: r.explicit.toString() });
    else if (other) problems.push({ kind: "overlap", key: r.key, cidr: r.explicit.toString(), otherKey: other.key });
    else place(r, r.explicit);
  }
  const lock: [string, LockEntry][] = [];
  const fresh: ReservationRequest[] = [];
  const free = (pool: string, c: Ipv4Cidr) => fits(vswitches.get(pool)!, c) === undefined && !clash(pool, c) && !(taken.get(pool) ?? []).some((ip) => c.contains(ip));
  for (const r of pending) {
    const entry = previous && Object.hasOwn(previous.allocations, r.key) ? previous.allocations[r.key] : undefined;
    const c = entry && entry.pool === r.pool ? Ipv4Cidr.tryParse(entry.address) : undefined;
    if (c && c.prefix === r.mask && free(r.pool, c)) place(r, c);
    else fresh.push(r);
  }
  for (const r of fresh) {
    const vsw = vswitches.get(r.pool)!;
    const size = 2 ** (32 - r.mask!);
    let chosen: Ipv4Cidr | undefined;
    for (let start = vsw.last + 1 - size; start >= vsw.network; start -= size) {
      const c = Ipv4Cidr.parse(`${formatIpv4(start)}/${r.mask}`);
      if (free(r.pool, c)) {
        chosen = c;
        break;
      }
    }
    if (chosen) place(r, chosen);
    else problems.push({ kind: "no-room", key: r.key, mask: r.mask!, vswitch: vsw.toString() });
  }
  for (const r of pending) if (blocks.has(r.key)) lock.push([r.key, { pool: r.pool, address: blocks.get(r.key)!.toString() }]);
  return { blocks, problems, lock };
}

/** One prefix wanted. */
export interface PrefixRequest {
  /** Lock key `<eni path>#prefix-N`. */
  readonly key: string;
  /** Pool (vSwitch) id. */
  readonly pool: string;
  /** A prefix given by the user. */
  readonly explicit?: Ipv4Cidr;
}

/** Why a prefix was refused, or could not be allocated. */
export type PrefixProblem =
  | { kind: "not-standard"; key: string; cidr: string }
  | { kind: "outside-reservation"; key: string; cidr: string }
  | { kind: "overlap-address"; key: string; cidr: string; address: string }
  | { kind: "overlap-prefix"; key: string; cidr: string; otherKey: string }
  | { kind: "exhausted"; pool: string; wanted: number; free: number; keys: string[] };

/**
 * Allocates /28 prefixes inside each pool's reservations: explicit prefixes first (a standard /28 inside a
 * reservation, overlapping no address and no other prefix), then prefixes kept from the lock, then the lowest
 * free aligned /28 of the pool's reservations, in sorted key order.
 */
export function allocatePrefixes(
  reservations: ReadonlyMap<string, readonly Ipv4Cidr[]>,
  addresses: ReadonlyMap<string, ReadonlySet<number>>,
  requests: readonly PrefixRequest[],
  previous?: LockFile,
): { prefixes: Map<string, string>; problems: PrefixProblem[]; lock: [string, LockEntry][] } {
  const sorted = [...requests].sort((a, b) => compareKeys(a.key, b.key));
  const used = new Map<string, Map<number, string>>(); // pool -> prefix network -> key
  const usedIn = (pool: string) => {
    let m = used.get(pool);
    if (!m) used.set(pool, (m = new Map()));
    return m;
  };
  const prefixes = new Map<string, string>();
  const problems: PrefixProblem[] = [];
  const inside = (pool: string, c: Ipv4Cidr) => (reservations.get(pool) ?? []).some((r) => r.containsCidr(c));
  const addressIn = (pool: string, c: Ipv4Cidr) => {
    for (const ip of addresses.get(pool) ?? []) if (c.contains(ip)) return ip;
    return undefined;
  };
  const pending: PrefixRequest[] = [];
  for (const r of sorted) {
    if (!r.explicit) {
      pending.push(r);
      continue;
    }
    const c = r.explicit;
    const text = c.toString();
    const ip = c.prefix === PREFIX_LENGTH ? addressIn(r.pool, c) : undefined;
    if (c.prefix !== PREFIX_LENGTH) problems.push({ kind: "not-standard", key: r.key, cidr: text });
    else if (!inside(r.pool, c)) problems.push({ kind: "outside-reservation", key: r.key, cidr: text });
    else if (ip !== undefined) problems.push({ kind: "overlap-address", key: r.key, cidr: text, address: formatIpv4(ip) });
    else if (usedIn(r.pool).has(c.network)) problems.push({ kind: "overlap-prefix", key: r.key, cidr: text, otherKey: usedIn(r.pool).get(c.network)! });
    else {
      usedIn(r.pool).set(c.network, r.key);
      prefixes.set(r.key, text);
    }
  }
  const fresh: PrefixRequest[] = [];
  for (const r of pending) {
    const entry = previous && Object.hasOwn(previous.allocations, r.key) ? previous.allocations[r.key] : undefined;
    const c = entry && entry.pool === r.pool ? Ipv4Cidr.tryParse(entry.address) : undefined;
    if (c && c.prefix === PREFIX_LENGTH && inside(r.pool, c) && addressIn(r.pool, c) === undefined && !usedIn(r.pool).has(c.network)) {
      usedIn(r.pool).set(c.network, r.key);
      prefixes.set(r.key, c.toString());
    } else fresh.push(r);
  }
  const byPool = new Map<string, PrefixRequest[]>();
  for (const r of fresh) byPool.set(r.pool, [...(byPool.get(r.pool) ?? []), r]);
  for (const [pool, list] of [...byPool].sort(([a], [b]) => compareKeys(a, b))) {
    const candidates: Ipv4Cidr[] = [];
    for (const res of [...(reservations.get(pool) ?? [])].sort((a, b) => a.network - b.network)) {
      for (let n = res.network; n + 15 <= res.last; n += 16) {
        const c = Ipv4Cidr.parse(`${formatIpv4(n)}/${PREFIX_LENGTH}`);
        if (!usedIn(pool).has(n) && addressIn(pool, c) === undefined) candidates.push(c);
      }
    }
    list.forEach((r, i) => {
      const c = candidates[i];
      if (!c) return;
      usedIn(pool).set(c.network, r.key);
      prefixes.set(r.key, c.toString());
    });
    if (list.length > candidates.length)
      problems.push({ kind: "exhausted", pool, wanted: list.length, free: candidates.length, keys: list.slice(candidates.length, candidates.length + 20).map((r) => r.key) });
  }
  const lock: [string, LockEntry][] = [];
  for (const r of pending) if (prefixes.has(r.key)) lock.push([r.key, { pool: r.pool, address: prefixes.get(r.key)! }]);
  return { prefixes, problems, lock };
}
