import { compareStrings } from "../compare";
import { tryParseIpv4 } from "../net/ipv4";
import { parseDescribeHaVips } from "./describe-havips";
import { parseDescribeInstances } from "./describe-instances";
import { parseDescribeNetworkInterfaces } from "./describe-network-interfaces";
import type { UsedAddress } from "./used-address";

/**
 * Addresses in use, by vSwitch id, read from Alibaba Cloud's own API responses, so that an imported
 * vSwitch can state them: `VSwitch.fromVSwitchAttributes(scope, id, { ..., usedIps: used.ipv4Of("vsw-...") })`.
 *
 * - `fromDescribeNetworkInterfaces` (ECS DescribeNetworkInterfaces: every ENI, primary and secondary,
 *   with its VSwitchId, PrivateIpAddress, PrivateIpSets and Ipv6Sets) is the complete source for ENIs and
 *   instances;
 * - `fromDescribeInstances` (ECS DescribeInstances: VpcAttributes.VSwitchId and PrivateIpAddress, and the
 *   primary ENI's PrivateIpSets / Ipv6Sets; secondary ENIs carry no vSwitch id there, read them with
 *   DescribeNetworkInterfaces);
 * - `fromDescribeHaVips` (VPC DescribeHaVips: VSwitchId and IpAddress).
 *
 * Each takes one or more responses (pages), in the PascalCase the API and `aliyun` CLI print or the SDKs'
 * lower-camel form (also under `body`), or the bare row array. A bad row is an error listing every
 * problem; rows are never dropped silently. The responses may include this program's own resources: the
 * planner keeps addresses its lock file gives to its own constructs. Pure: no network.
 */
export class UsedAddresses {
  /** Reads DescribeNetworkInterfaces responses (NetworkInterfaceSets.NetworkInterfaceSet[]). */
  public static fromDescribeNetworkInterfaces(...responses: unknown[]): UsedAddresses {
    return new UsedAddresses(parseDescribeNetworkInterfaces(...responses));
  }

  /** Reads DescribeInstances responses (Instances.Instance[]); classic-network instances (no vSwitch) are skipped. */
  public static fromDescribeInstances(...responses: unknown[]): UsedAddresses {
    return new UsedAddresses(parseDescribeInstances(...responses));
  }

  /** Reads DescribeHaVips responses (HaVips.HaVip[]). */
  public static fromDescribeHaVips(...responses: unknown[]): UsedAddresses {
    return new UsedAddresses(parseDescribeHaVips(...responses));
  }

  /** Every address read, sorted by vSwitch id, family, address and holder (the same address twice is kept once per holder). */
  public readonly entries: readonly UsedAddress[];

  private constructor(entries: readonly UsedAddress[]) {
    const key = (e: UsedAddress) => `${e.vswitchId}\u0000${e.family}\u0000${e.address}\u0000${e.holder}`;
    const unique = new Map(entries.map((e) => [key(e), e]));
    this.entries = [...unique.values()].sort(
      (a, b) => compareStrings(a.vswitchId, b.vswitchId) || compareStrings(a.family, b.family) || compareAddresses(a.address, b.address) || compareStrings(a.holder, b.holder),
    );
  }

  /** These addresses and those of `others` (e.g. DescribeNetworkInterfaces and DescribeHaVips together). */
  public merge(...others: UsedAddresses[]): UsedAddresses {
    return new UsedAddresses([...this.entries, ...others.flatMap((o) => o.entries)]);
  }

  /** The vSwitch ids that have addresses, sorted. */
  public get vswitchIds(): string[] {
    return [...new Set(this.entries.map((e) => e.vswitchId))];
  }

  /** The IPv4 addresses in use in `vswitchId`, sorted and unique: what `usedIps` takes ([] when none). */
  public ipv4Of(vswitchId: string): string[] {
    return this.of(vswitchId, "ipv4");
  }

  /** The IPv6 addresses in use in `vswitchId`, sorted and unique ([] when none). */
  public ipv6Of(vswitchId: string): string[] {
    return this.of(vswitchId, "ipv6");
  }

  private of(vswitchId: string, family: "ipv4" | "ipv6"): string[] {
    return [...new Set(this.entries.filter((e) => e.vswitchId === vswitchId && e.family === family).map((e) => e.address))];
  }
}

/** IPv4 in numeric order; other text in code-unit order. */
function compareAddresses(a: string, b: string): number {
  const x = tryParseIpv4(a);
  const y = tryParseIpv4(b);
  return x !== undefined && y !== undefined ? x - y : compareStrings(a, b);
}
