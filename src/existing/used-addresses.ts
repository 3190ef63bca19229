import { compareStrings } from "../compare";
import { formatIpv4, Ipv4Cidr, tryParseIpv4 } from "../net/ipv4";
import { parseDescribeHaVips } from "./describe-havips";
import { parseDescribeInstances } from "./describe-instances";
import { parseDescribeNetworkInterfaces } from "./describe-network-interfaces";
import type { UsedAddress } from "./used-address";

/**
 * Addresses in use, by vSwitch id, read from Alibaba Cloud's own API responses, so that an imported
 * vSwitch can state them: `VSwitch.fromVSwitchAttributes(scope, id, { ..., usedIps: used.ipv4Of("vsw-...") })`.
 *
 * - `fromDescribeNetworkInterfaces` (ECS DescribeNetworkInterfaces: every ENI, primary and secondary,
 *   with its VSwitchId, PrivateIpAddress, PrivateIpSets, Ipv6Sets, Ipv4PrefixSets and Ipv6PrefixSets) is
 *   the complete source for ENIs and instances;
 * - `fromDescribeInstances` (ECS DescribeInstances: VpcAttributes.VSwitchId and PrivateIpAddress, and the
 *   primary ENI's sets, returned with AdditionalAttributes.N = NETWORK_PRIMARY_ENI_IP; secondary ENIs carry
 *   no vSwitch id there, read them with DescribeNetworkInterfaces);
 * - `fromDescribeHaVips` (VPC DescribeHaVips: VSwitchId and IpAddress).
 *
 * Each takes one or more responses (pages): parsed JSON in the PascalCase the API and `aliyun` CLI print
 * or the SDKs' lower-camel form (also under `body`), a bare row array, an array of responses, or JSON
 * text (one document, or several one after another). A bad row is an error listing every problem; rows
 * are never dropped silently, and responses whose TotalCount / NextToken show a missing page are refused.
 * The responses may include this program's own resources: the planner keeps addresses its lock file gives
 * to its own constructs. Field names and sources: README, "Existing networks". Pure: no network.
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

  /**
   * The IPv4 addresses in use in `vswitchId`, sorted and unique: what `usedIps` takes ([] when none). Every
   * address of an ENI's IPv4 prefixes is included (usedIps holds addresses, so a /28 gives its 16).
   */
  public ipv4Of(vswitchId: string): string[] {
    const ips = new Set<number>();
    for (const e of this.entries) {
      if (e.vswitchId !== vswitchId) continue;
      if (e.family === "ipv4") ips.add(tryParseIpv4(e.address)!);
      else if (e.family === "ipv4-prefix") {
        const block = Ipv4Cidr.parse(e.address);
        for (let ip = block.network; ip <= block.last; ip++) ips.add(ip);
      }
    }
    return [...ips].sort((a, b) => a - b).map(formatIpv4);
  }

  /** The IPv6 addresses in use in `vswitchId`, sorted and unique ([] when none; IPv6 prefixes are in ipv6PrefixesOf). */
  public ipv6Of(vswitchId: string): string[] {
    return this.of(vswitchId, "ipv6");
  }

  /** The IPv4 prefixes assigned to ENIs in `vswitchId` (CIDR blocks, sorted and unique; their addresses are also in ipv4Of). */
  public ipv4PrefixesOf(vswitchId: string): string[] {
    return this.of(vswitchId, "ipv4-prefix");
  }

  /** The IPv6 prefixes assigned to ENIs in `vswitchId` (CIDR blocks, sorted and unique). */
  public ipv6PrefixesOf(vswitchId: string): string[] {
    return this.of(vswitchId, "ipv6-prefix");
  }

  private of(vswitchId: string, family: UsedAddress["family"]): string[] {
    return [...new Set(this.entries.filter((e) => e.vswitchId === vswitchId && e.family === family).map((e) => e.address))];
  }
}

/** IPv4 addresses and prefixes in numeric order (a prefix by its first address); other text in code-unit order. */
function compareAddresses(a: string, b: string): number {
  const x = tryParseIpv4(a) ?? Ipv4Cidr.tryParse(a)?.network;
  const y = tryParseIpv4(b) ?? Ipv4Cidr.tryParse(b)?.network;
  return x !== undefined && y !== undefined ? x - y || compareStrings(a, b) : compareStrings(a, b);
}
