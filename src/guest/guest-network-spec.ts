/**
 * What the guest OS of one instance needs to use the network the planner planned: plain data, no
 * cdktf. Built from a finished plan (`specFromPlan`) and rendered into a POSIX sh script
 * (`renderGuestNetworkScript`) and cloud-init user data (`renderGuestNetworkUserData`).
 */

/** One private IPv4 address, with an optional note for the rendered comments (e.g. its EIP). */
export interface GuestAddress {
  /** Dotted-quad IPv4 address. */
  readonly address: string;
  /** Why it is there or what is bound to it, e.g. `NAT-mode EIP web/Eip`. @default - none */
  readonly note?: string;
}

/** One ENI of the instance, as the OS should see it. */
export interface GuestInterface {
  /** Construct path of the ENI (or of the instance, for its primary ENI); shown in comments and logs. */
  readonly label: string;
  /** `primary`: the instance's primary ENI (left to the OS's DHCP; only its secondary IPs are added). `secondary`: an ENI brought up by the script. */
  readonly role: "primary" | "secondary";
  /**
   * The ENI's primary private IP: the script finds the ENI's MAC by it in the metadata service.
   * @default - only for the primary ENI: the MAC in the metadata item `mac` (eth0), and its primary IP from metadata
   */
  readonly primaryIp?: GuestAddress;
  /** Secondary private IPs to add to the interface. */
  readonly secondaryIps: readonly GuestAddress[];
  /** CIDR block of the ENI's vSwitch, e.g. 10.0.1.0/24 (gives the addresses' prefix length and the table's subnet route). */
  readonly vswitchCidr: string;
  /**
   * Policy routing: a routing table (also used as the priority of its rules) holding the vSwitch route and a default
   * route through this ENI's gateway, and one rule `from <address> lookup <table>` per address of the ENI, so replies
   * leave through the ENI that received the request. @default - none
   */
  readonly routeTable?: number;
  /**
   * Addresses that other software adds to this interface and removes again, such as a HaVip that keepalived
   * holds: the script adds no address for them, only their `from` rules (with `routeTable`). @default []
   */
  readonly routedIps?: readonly GuestAddress[];
  /** Why the ENI gets policy routing, shown as comments. @default [] */
  readonly routingReasons?: readonly string[];
}

/** An ENI the script leaves alone, with the reason (shown as a comment). */
export interface GuestSkippedInterface {
  /** Construct path of the ENI. */
  readonly label: string;
  /** Why, e.g. its addresses were not planned. */
  readonly reason: string;
}

/** Everything the guest OS of one instance needs. */
export interface GuestNetworkSpec {
  /** Construct path of the instance. */
  readonly instance: string;
  /** Its ENIs: the primary ENI (when it needs anything) first, then every ENI that is or may be attached to it. */
  readonly interfaces: readonly GuestInterface[];
  /** ENIs that cannot be configured from the plan. @default [] */
  readonly skipped?: readonly GuestSkippedInterface[];
}

/** The metadata service of an ECS instance (Alibaba Cloud docs, "Instance metadata"). */
export const DEFAULT_METADATA_ENDPOINT = "http://100.100.100.200";

/** Where the user data installs the script on the instance. */
export const GUEST_SCRIPT_PATH = "/usr/local/sbin/eni-guest-network";

/** The systemd unit that runs the script at every boot. */
export const GUEST_SERVICE_NAME = "eni-guest-network.service";

/** First policy routing table (and rule priority) the library uses; the n-th interface of an instance uses FIRST + n. */
export const FIRST_ROUTE_TABLE = 10000;
