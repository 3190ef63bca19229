import { AddressSlot, EniFact, InstanceFact, isUnknown } from "../model/facts";
import type { NetworkModel } from "../model/network-model";
import { allocateIpv6, Ipv6PoolSpec, Ipv6Request, LockEntry, LockFile } from "./allocation";
import type { RuleDefinition } from "./rule";
import { IPV6_DUPLICATE, IPV6_FORCENEW, IPV6_OUTSIDE, IPV6_RESERVED, IPV6_UNPLANNED } from "./rules/ipv6-rules";
import { UNKNOWN_VALUE } from "./rules/unknown-value";

/** What the IPv6 pass adds to a plan. */
export interface Ipv6PassResult {
  /** Concrete IPv6 address of every planned or explicit slot, by key. */
  readonly addresses: ReadonlyMap<string, string>;
  /** Slot keys left for the cloud (`ipv6_address_count`). */
  readonly unplanned: ReadonlySet<string>;
  /** Lock entries: planned addresses, and the count of an instance whose IPv6 addresses the cloud picks. */
  readonly lock: readonly [string, LockEntry][];
}

type Report = (rule: RuleDefinition, path: string, message: string, fix: string) => void;

/** Lock key of the IPv6 count the cloud got for an instance (a change of `ipv6_address_count` replaces the instance). */
export const ipv6CountKey = (path: string) => `${path}#ipv6-count`;

/**
 * Plans the IPv6 addresses of every instance and ENI: concrete (and locked) where the vSwitch's /64 is known,
 * left to the cloud (and reported as not planned) where the cloud assigns the block.
 */
export function planIpv6(model: NetworkModel, previousLock: LockFile | undefined, report: Report): Ipv6PassResult {
  const addresses = new Map<string, string>();
  const unplanned = new Set<string>();
  const lock: [string, LockEntry][] = [];
  const pools = new Map<string, Ipv6PoolSpec>();
  const requests: Ipv6Request[] = [];
  const visit = (owner: InstanceFact | EniFact) => {
    const slots: readonly AddressSlot[] = owner.ipv6Ips ?? [];
    if (slots.length === 0) return;
    const v6 = owner.vswitch.ipv6;
    if (!v6) return; // ENI-IPV6-VSWITCH
    let left = 0;
    for (const s of slots) {
      if (s.cloud) {
        unplanned.add(s.key); // a count in the configuration: the cloud picks the address
        left++;
        continue;
      }
      if (isUnknown(s.explicit)) {
        report(
          UNKNOWN_VALUE,
          owner.path,
          `IPv6 address ${s.explicit.description} (${s.role}) is unknown at synth time; it was not checked against its vSwitch or for duplicates.`,
          "Give the address as a literal, or use ipv6AddressCount to have it planned.",
        );
        continue;
      }
      if (!v6.cidr) {
        if (s.explicit === undefined) {
          unplanned.add(s.key);
          left++;
        } else addresses.set(s.key, s.explicit);
        continue;
      }
      if (!pools.has(owner.vswitch.poolId)) pools.set(owner.vswitch.poolId, { id: owner.vswitch.poolId, cidr: v6.cidr });
      requests.push({ key: s.key, pool: owner.vswitch.poolId, explicit: s.explicit });
    }
    if (v6.cidr) return;
    const what =
      left > 0
        ? `${left} IPv6 address(es) are left for the cloud (ipv6_address_count = ${left}): not planned, not locked`
        : `its ${slots.length} explicit IPv6 address(es) were not checked against the block`;
    report(
      IPV6_UNPLANNED,
      owner.path,
      `the IPv6 block of vSwitch ${owner.vswitch.path} is assigned by the cloud, so ${what}.`,
      "Import the VPC or vSwitch with its IPv6 block (ipv6CidrBlock) to have the addresses planned and locked.",
    );
    if (owner.kind === "instance" && left > 0) {
      const key = ipv6CountKey(owner.path);
      const value = `count:${left}`;
      lock.push([key, { pool: owner.vswitch.poolId, address: value }]);
      const before = previousLock && Object.hasOwn(previousLock.allocations, key) ? previousLock.allocations[key].address : undefined;
      if (before !== undefined && before !== value) {
        report(
          IPV6_FORCENEW,
          owner.path,
          `ipv6_address_count changes from ${before.slice("count:".length)} to ${left}; the provider replaces the instance (ForceNew) for that.`,
          "Keep the count, or plan the change as a replacement of the instance (an outage).",
        );
      }
    }
  };
  model.instances.forEach(visit);
  model.enis.forEach(visit);
  const alloc = allocateIpv6([...pools.values()], requests, previousLock);
  for (const [k, v] of alloc.addresses) addresses.set(k, v);
  lock.push(...alloc.lock);
  const pathOf = (key: string) => key.slice(0, key.lastIndexOf("#"));
  const vswOf = new Map(model.vswitches.map((v) => [v.poolId, v.path]));
  for (const p of alloc.problems) {
    const where = `vSwitch ${vswOf.get(p.pool) ?? p.pool}`;
    if (p.kind === "outside")
      report(
        IPV6_OUTSIDE,
        pathOf(p.key),
        `IPv6 address ${p.address} is outside the IPv6 block of ${where} (${p.cidr}).`,
        `Use an address inside ${p.cidr}, or use ipv6AddressCount to have one planned.`,
      );
    else if (p.kind === "reserved")
      report(
        IPV6_RESERVED,
        pathOf(p.key),
        `IPv6 address ${p.address} is one of the addresses Alibaba Cloud reserves in ${where} (${p.cidr}: the first and the last nine).`,
        "Use another address, or use ipv6AddressCount to have one planned.",
      );
    else
      report(IPV6_DUPLICATE, pathOf(p.key), `IPv6 address ${p.address} is also given to ${p.otherKey} in ${where}.`, "Give each ENI its own addresses, or use ipv6AddressCount to have them planned.");
  }
  lock.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { addresses, unplanned, lock };
}
