import { AddressSlot, isUnknown, VSwitchFact } from "../model/facts";
import type { NetworkModel } from "../model/network-model";
import { formatIpv4, Ipv4Cidr, tryParseIpv4 } from "../net/ipv4";
import { allocatePrefixes, LockEntry, LockFile, placeReservations, PrefixRequest, ReservationRequest } from "./allocation";
import type { RuleDefinition } from "./rule";
import { PREFIX_EXHAUSTED, PREFIX_INVALID, PREFIX_OVERLAP, PREFIX_RESERVATION } from "./rules/prefix-rules";
import { UNKNOWN_VALUE } from "./rules/unknown-value";

type Report = (rule: RuleDefinition, path: string, message: string, fix: string) => void;

const ownerOf = (key: string) => key.slice(0, key.lastIndexOf("#"));

/** The reservations placed before the IPv4 pass. */
export interface ReservationPlan {
  /** Final blocks by pool. */
  readonly byPool: ReadonlyMap<string, readonly Ipv4Cidr[]>;
  /** Chosen blocks by reservation key (`<path>#cidr`), for the L1 attribute. */
  readonly chosen: ReadonlyMap<string, string>;
  /** Reservation keys whose block the cloud picks (vSwitch CIDR unknown). */
  readonly unplanned: ReadonlySet<string>;
  /** Lock entries of chosen blocks. */
  readonly lock: readonly [string, LockEntry][];
}

/**
 * Places every vSwitch's reservations (explicit blocks, then locked, then chosen from masks, top down, clear of
 * explicit and previously locked individual addresses). `vswitchCidrs` holds the plannable vSwitches by pool.
 */
export function planReservations(model: NetworkModel, vswitchCidrs: ReadonlyMap<string, Ipv4Cidr>, slots: readonly AddressSlot[], previousLock: LockFile | undefined, report: Report): ReservationPlan {
  const requests: ReservationRequest[] = [];
  const pathOf = new Map<string, string>();
  const unplanned = new Set<string>();
  const seen = new Set<string>();
  const vswOf = new Map<string, VSwitchFact>();
  for (const vsw of model.vswitches) {
    for (const r of vsw.reservations ?? []) {
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      pathOf.set(r.key, r.path);
      vswOf.set(vsw.poolId, vsw);
      if (r.cloud) continue; // only a mask in the configuration: the cloud picks the block at apply
      if (isUnknown(r.cidr)) {
        report(
          UNKNOWN_VALUE,
          r.path,
          `reserved CIDR block ${r.cidr.description} is unknown at synth time; it was not checked and prefixes cannot be planned in it.`,
          "Give the block as a literal, or a mask to have it chosen.",
        );
        continue;
      }
      if (!vswitchCidrs.has(vsw.poolId)) {
        if (r.cidr === undefined) unplanned.add(r.key);
        continue;
      }
      requests.push({ key: r.key, pool: vsw.poolId, explicit: r.cidr, mask: r.mask });
    }
  }
  if (requests.length === 0) return { byPool: new Map(), chosen: new Map(), unplanned, lock: [] };
  const pools = new Set(requests.map((r) => r.pool));
  const taken = new Map<string, number[]>();
  const add = (pool: string, text: string | undefined) => {
    const ip = text === undefined ? undefined : tryParseIpv4(text);
    if (ip === undefined || !pools.has(pool)) return;
    const l = taken.get(pool);
    if (l) l.push(ip);
    else taken.set(pool, [ip]);
  };
  for (const s of slots) if (typeof s.explicit === "string") add(s.vswitch.poolId, s.explicit);
  for (const v of model.vswitches) for (const ip of v.usedIps) add(v.poolId, ip); // taken outside the program (imported vSwitches)
  for (const e of Object.values(previousLock?.allocations ?? {})) add(e.pool, e.address);
  const placed = placeReservations(vswitchCidrs, requests, taken, previousLock);
  for (const p of placed.problems) {
    const path = pathOf.get(p.key) ?? ownerOf(p.key);
    const vsw = vswOf.get(requests.find((r) => r.key === p.key)!.pool)!.path;
    if (p.kind === "outside") report(PREFIX_RESERVATION, path, `reserved block ${p.cidr} is not a proper subset of vSwitch ${vsw} (${p.vswitch}).`, `Reserve a smaller block inside ${p.vswitch}.`);
    else if (p.kind === "too-long")
      report(PREFIX_RESERVATION, path, `reserved block ${p.cidr} is longer than /28; a reservation holds at least one /28 prefix.`, "Reserve a /28 or a shorter block (e.g. /26 for 4 prefixes).");
    else if (p.kind === "system-reserved")
      report(
        PREFIX_RESERVATION,
        path,
        `reserved block ${p.cidr} contains a system-reserved address of vSwitch ${vsw} (${p.vswitch}: the first and the last three).`,
        "Reserve a block that avoids the vSwitch's first address and its last three.",
      );
    else if (p.kind === "overlap") report(PREFIX_RESERVATION, path, `reserved block ${p.cidr} overlaps reservation ${pathOf.get(p.otherKey) ?? p.otherKey}.`, "Give each reservation its own block.");
    else
      report(
        PREFIX_RESERVATION,
        path,
        `vSwitch ${vsw} (${p.vswitch}) has no free aligned /${p.mask} block for this reservation (outside the reserved addresses, other reservations and addresses in use).`,
        "Use a smaller mask, a larger vSwitch, or give the block explicitly.",
      );
  }
  const byPool = new Map<string, Ipv4Cidr[]>();
  const chosen = new Map<string, string>();
  for (const r of requests) {
    const b = placed.blocks.get(r.key);
    if (!b) continue;
    byPool.set(r.pool, [...(byPool.get(r.pool) ?? []), b]);
    if (r.explicit === undefined) chosen.set(r.key, b.toString());
  }
  return { byPool, chosen, unplanned, lock: placed.lock };
}

/** Every address of the reservations of one pool, for the IPv4 pass's usedIps (the planner keeps individual addresses out of them). */
export function reservedAddresses(blocks: readonly Ipv4Cidr[]): string[] {
  const out: string[] = [];
  for (const b of blocks) for (let ip = b.network; ip <= b.last; ip++) out.push(formatIpv4(ip));
  return out;
}

/** The prefixes of every ENI, allocated after the IPv4 pass inside the reservations. */
export function planPrefixes(
  model: NetworkModel,
  vswitchCidrs: ReadonlyMap<string, Ipv4Cidr>,
  reservations: ReservationPlan,
  ipv4: { readonly addresses: ReadonlyMap<string, string>; readonly poolOf: ReadonlyMap<string, string> },
  previousLock: LockFile | undefined,
  report: Report,
): { addresses: Map<string, string>; unplanned: Set<string>; lock: [string, LockEntry][] } {
  const addresses = new Map<string, string>();
  const unplanned = new Set<string>();
  const requests: PrefixRequest[] = [];
  for (const eni of model.enis) {
    const slots = eni.ipv4Prefixes ?? [];
    if (slots.length === 0) continue;
    const pool = eni.vswitch.poolId;
    if (!vswitchCidrs.has(pool)) {
      for (const s of slots) {
        if (typeof s.explicit === "string") addresses.set(s.key, s.explicit);
        else if (s.explicit === undefined || s.cloud) unplanned.add(s.key);
      }
      continue;
    }
    if ((reservations.byPool.get(pool) ?? []).length === 0 && (eni.vswitch.reservations ?? []).length === 0) {
      report(
        PREFIX_INVALID,
        eni.path,
        `the ENI has ${slots.length} IPv4 prefix(es), but its vSwitch ${eni.vswitch.path} has no CIDR reservation to take them from.`,
        `Reserve a block for them, e.g. vswitch.reserveCidr("Prefixes", { mask: 26 }) (4 prefixes).`,
      );
      continue;
    }
    for (const s of slots) {
      if (s.cloud) {
        unplanned.add(s.key); // a count in the configuration: the cloud picks the prefix
        continue;
      }
      if (isUnknown(s.explicit)) {
        report(
          UNKNOWN_VALUE,
          eni.path,
          `IPv4 prefix ${s.explicit.description} (${s.role}) is unknown at synth time; it was not checked.`,
          "Give the prefix as a literal, or use ipv4PrefixCount to have it planned.",
        );
        continue;
      }
      requests.push({ key: s.key, pool, explicit: s.explicit === undefined ? undefined : Ipv4Cidr.parse(s.explicit) });
    }
  }
  if (requests.length === 0) return { addresses, unplanned, lock: [] };
  const pools = new Set(requests.map((r) => r.pool));
  const used = new Map<string, Set<number>>();
  for (const [key, text] of ipv4.addresses) {
    const pool = ipv4.poolOf.get(key);
    const ip = tryParseIpv4(text);
    if (pool === undefined || ip === undefined || !pools.has(pool)) continue;
    let s = used.get(pool);
    if (!s) used.set(pool, (s = new Set()));
    s.add(ip);
  }
  const result = allocatePrefixes(reservations.byPool, used, requests, previousLock);
  for (const [k, v] of result.prefixes) addresses.set(k, v);
  const vswPath = new Map(model.vswitches.map((v) => [v.poolId, v.path]));
  for (const p of result.problems) {
    if (p.kind === "exhausted") {
      report(
        PREFIX_EXHAUSTED,
        vswPath.get(p.pool) ?? p.pool,
        `the CIDR reservations of vSwitch ${vswPath.get(p.pool) ?? p.pool} hold ${p.free} more /28 prefix(es); ${p.wanted} wanted, ${p.wanted - p.free} got none (${p.keys.join(", ")}).`,
        "Reserve more (or larger) blocks in the vSwitch, or plan fewer prefixes.",
      );
      continue;
    }
    const path = ownerOf(p.key);
    if (p.kind === "not-standard")
      report(PREFIX_INVALID, path, `IPv4 prefix ${p.cidr} is not a /28; an IPv4 prefix is always a standard /28 block.`, "Give /28 blocks (e.g. 10.0.1.64/28), or use ipv4PrefixCount.");
    else if (p.kind === "outside-reservation")
      report(PREFIX_INVALID, path, `IPv4 prefix ${p.cidr} is not inside a CIDR reservation of the ENI's vSwitch.`, "Use a /28 inside one of the vSwitch's reservations, or use ipv4PrefixCount.");
    else if (p.kind === "overlap-address") report(PREFIX_OVERLAP, path, `IPv4 prefix ${p.cidr} contains private IP ${p.address}.`, "Use another /28 of the reservation, or use ipv4PrefixCount.");
    else report(PREFIX_OVERLAP, path, `IPv4 prefix ${p.cidr} is also given to ${p.otherKey}.`, "Give each ENI its own prefixes, or use ipv4PrefixCount.");
  }
  return { addresses, unplanned, lock: result.lock };
}
