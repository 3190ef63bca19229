/** One address (or block of addresses) in use in a vSwitch, as an API response reports it. */
export interface UsedAddress {
  /** The vSwitch id, e.g. vsw-bp1... */
  readonly vswitchId: string;
  /** The address (IPv4 dotted quad, or canonical IPv6), or the prefix as a CIDR block (e.g. 192.168.1.16/28). */
  readonly address: string;
  /** ipv4 or ipv6 for one address; ipv4-prefix or ipv6-prefix for a prefix assigned to an ENI (Ipv4PrefixSets / Ipv6PrefixSets). */
  readonly family: "ipv4" | "ipv6" | "ipv4-prefix" | "ipv6-prefix";
  /** What holds it: an ENI, instance or HaVip id (or the row path when the id is missing). */
  readonly holder: string;
}
