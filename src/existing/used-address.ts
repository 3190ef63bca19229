/** One address in use in a vSwitch, as an API response reports it. */
export interface UsedAddress {
  /** The vSwitch id, e.g. vsw-bp1... */
  readonly vswitchId: string;
  /** The address (IPv4 dotted quad, or IPv6). */
  readonly address: string;
  /** ipv4 or ipv6. */
  readonly family: "ipv4" | "ipv6";
  /** What holds it: an ENI, instance or HaVip id (or the row path when the id is missing). */
  readonly holder: string;
}
