import type { Ipv4Cidr } from "../net/ipv4";
import type { Ipv6Cidr } from "../net/ipv6";

/**
 * The network model: plain facts that the L2 resources record for the planner.
 * Nothing here depends on cdktf; a value that is a Terraform token at synth time
 * (unknown until apply) is recorded as an {@link UnknownValue}, never guessed.
 */

/** A value that is not known at synth time (a Terraform token), with the text it stands for. */
export interface UnknownValue {
  /** Discriminator. */
  readonly unknown: true;
  /** What the value is, for messages (e.g. `${var.cidr}`). */
  readonly description: string;
  /** The token itself (cdktf's encoded text), emitted unchanged where the value is used. @default description */
  readonly token?: string;
}

/** A fact that is either a concrete value or unknown until apply. */
export type FactValue<T> = T | UnknownValue;

/** True when the fact is a Terraform token, unknown until apply. */
export function isUnknown<T>(value: FactValue<T> | undefined): value is UnknownValue {
  return typeof value === "object" && value !== null && (value as UnknownValue).unknown === true;
}

/** The concrete value of a fact, or undefined when it is unknown or absent. */
export function known<T>(value: FactValue<T> | undefined): T | undefined {
  return value === undefined || isUnknown(value) ? undefined : value;
}

/** What every fact carries: where it came from. */
export interface FactBase {
  /** Construct path of the L2 resource (unique in the app). */
  readonly path: string;
  /** Construct path of the stack it belongs to. */
  readonly stack: string;
  /** True when the resource already exists and was imported with `fromXxxAttributes`. */
  readonly imported: boolean;
}

/** A VPC. */
export interface VpcFact extends FactBase {
  /** Kind discriminator. */
  readonly kind: "vpc";
  /** Identity: the VPC id when imported (two imports of one VPC are the same VPC), else the path. */
  readonly key: string;
  /** Primary IPv4 CIDR block. */
  readonly cidr: FactValue<Ipv4Cidr>;
  /** IPv6, when enabled (`enable_ipv6`). @default - IPv6 not enabled */
  readonly ipv6?: VpcIpv6Fact;
  /** Set when the program names a VPC the planner cannot identify (a variable, a data source, an id not imported). @default - identified */
  readonly unresolved?: UnknownValue;
}

/** IPv6 on a VPC. */
export interface VpcIpv6Fact {
  /** Mask of the VPC's IPv6 block: 52, 56 or 60; it sets the range of vSwitch suffixes (0-4095, 0-255, 0-15). */
  readonly mask: number;
  /** The VPC's IPv6 block when known (imported VPCs); the cloud assigns it to new VPCs. */
  readonly cidr?: Ipv6Cidr;
}

/** IPv6 on a vSwitch. */
export interface VSwitchIpv6Fact {
  /** The suffix (`ipv6_cidr_block_mask`) that picks the vSwitch's /64 inside the VPC's block; new vSwitches only. */
  readonly suffix?: FactValue<number>;
  /** The vSwitch's /64 when known: imported (`ipv6_cidr_block`), or the VPC's known block plus the suffix. */
  readonly cidr?: Ipv6Cidr;
}

/** A reserved IPv4 CIDR block of a vSwitch (`alicloud_vpc_vswitch_cidr_reservation`, type Prefix) that prefixes come from. */
export interface CidrReservationFact {
  /** Construct path of the reservation. */
  readonly path: string;
  /** Allocation (lock) key of a block the planner chooses: `<path>#cidr`. */
  readonly key: string;
  /** The block given by the user (`cidr_reservation_cidr`). */
  readonly cidr?: FactValue<Ipv4Cidr>;
  /** The mask for the planner to choose a block with (`cidr_reservation_mask`), when no block is given. */
  readonly mask?: number;
  /** True when the cloud picks the block (an L1 reservation with only `cidr_reservation_mask`): not placed, not planned. @default false */
  readonly cloud?: boolean;
}

/** A vSwitch (subnet) of a VPC, in one zone. */
export interface VSwitchFact extends FactBase {
  /** Kind discriminator. */
  readonly kind: "vswitch";
  /** Identity used to key address pools and the lock file (the vSwitch id when imported, else the path). */
  readonly poolId: string;
  /** The VPC it belongs to. */
  readonly vpc: VpcFact;
  /** Zone id, e.g. cn-hangzhou-h. */
  readonly zoneId: FactValue<string>;
  /** IPv4 CIDR block. */
  readonly cidr: FactValue<Ipv4Cidr>;
  /** Addresses already taken by things outside this program (imported vSwitches). */
  readonly usedIps: readonly string[];
  /** IPv6, when enabled on the vSwitch (`enable_ipv6`). @default - IPv6 not enabled */
  readonly ipv6?: VSwitchIpv6Fact;
  /** IPv4 CIDR reservations (prefix blocks) of the vSwitch, grown by `reserveCidr`. @default none */
  readonly reservations?: CidrReservationFact[];
  /** Set when the program names a vSwitch the planner cannot identify (a variable, a data source, an id not imported). @default - identified */
  readonly unresolved?: UnknownValue;
  /**
   * False for an imported vSwitch whose used addresses were not stated (no usedIps given): the planner
   * treats it as empty and warns (ENI-VSW-USED-UNKNOWN). @default true
   */
  readonly usedIpsStated?: boolean;
}

/** Security group type: basic (`normal`) or advanced (`enterprise`). */
export type SecurityGroupType = "normal" | "enterprise";

/**
 * One rule of a security group, as emitted (`alicloud_security_group_rule`). Exactly one source is set:
 * `cidr`, `ipv6Cidr`, `peerGroup`, or none (e.g. `prefix_list_id`: a source the planner cannot see).
 */
export interface SecurityGroupRuleFact {
  /** Construct path of the rule resource. */
  readonly path: string;
  /** Direction (`type`). */
  readonly direction: "ingress" | "egress";
  /** Protocol (`ip_protocol`): tcp, udp, icmp, icmpv6, gre, all. */
  readonly protocol: string;
  /** First port (inclusive, from `port_range`); -1 when the protocol has no ports. */
  readonly fromPort: number;
  /** Last port (inclusive, from `port_range`); -1 when the protocol has no ports. */
  readonly toPort: number;
  /** Peer IPv4 CIDR (`cidr_ip`), canonical (host bits zero), when the peer is an IPv4 block. */
  readonly cidr?: FactValue<string>;
  /** Peer IPv6 CIDR (`ipv6_cidr_ip`), when the peer is an IPv6 block. */
  readonly ipv6Cidr?: FactValue<string>;
  /** Peer security group path (`source_security_group_id`), when the peer is a group. */
  readonly peerGroup?: string;
  /** accept or drop (`policy`). */
  readonly policy: "accept" | "drop";
  /** Priority (`priority`), 1 (evaluated first) to 100. @default 1 (the provider's default) */
  readonly priority?: FactValue<number>;
}

/** A security group. */
export interface SecurityGroupFact extends FactBase {
  /** Kind discriminator. */
  readonly kind: "security-group";
  /** The VPC it belongs to. */
  readonly vpc: VpcFact;
  /** normal or enterprise. */
  readonly type: FactValue<SecurityGroupType>;
  /** Rules this program manages (empty for imported groups). */
  readonly rules: SecurityGroupRuleFact[];
  /** False for imported groups: their rules are not known. */
  readonly rulesKnown: boolean;
  /** Addresses already in the group outside this program (imported basic groups). @default 0 */
  readonly existingIpCount?: number;
  /** ENIs already in the group outside this program (imported advanced groups). @default 0 */
  readonly existingEniCount?: number;
  /** Set when the program names a group the planner cannot identify. @default - identified */
  readonly unresolved?: UnknownValue;
}

const SECONDARY_ROLES: string[] = [];

/** The default role of an owner's n-th secondary private IP (n from 1): `secondary-<n>`, one string per n (an app has tens of thousands of slots). */
export function secondaryRole(n: number): string {
  return (SECONDARY_ROLES[n] ??= `secondary-${n}`);
}

/**
 * One private address an owner needs, explicit or to be allocated by the planner: an IPv4 address, an
 * IPv6 address (in `ipv6Ips`) or an IPv4 /28 prefix (in `ipv4Prefixes`, `explicit` is then a CIDR block).
 */
export interface AddressSlot {
  /** Stable allocation key: `<owner path>#<role>`. */
  readonly key: string;
  /** Role of the address on its owner, e.g. `primary`, `secondary-3`, `app:web`. */
  readonly role: string;
  /** The vSwitch the address comes from. */
  readonly vswitch: VSwitchFact;
  /** Address given by the user, if any. */
  readonly explicit?: FactValue<string>;
  /** True when the address already exists (imported instance): checked, never emitted. */
  readonly existing?: boolean;
  /** True when the configuration gives no address and none is planned: the cloud picks it at apply (an L1 resource). */
  readonly cloud?: boolean;
  /** True when an EIP is already associated with the address outside this program (an imported ENI's). @default false */
  readonly existingEip?: boolean;
}

/** An ECS instance (VPC type) and its primary ENI. */
export interface InstanceFact extends FactBase {
  /** Kind discriminator. */
  readonly kind: "instance";
  /** Instance type, e.g. ecs.g7.large. */
  readonly instanceType: FactValue<string>;
  /** vSwitch of the primary ENI (fixes the instance's VPC and zone). */
  readonly vswitch: VSwitchFact;
  /** Security groups of the primary ENI (empty when unknown for imported instances). */
  readonly securityGroups: SecurityGroupFact[];
  /** Primary private IP of the primary ENI (undefined for imported instances that did not say). */
  readonly primaryIp?: AddressSlot;
  /** Secondary private IPs of the primary ENI. */
  secondaryIps: AddressSlot[];
  /** IPv6 addresses of the primary ENI (`ipv6_addresses` / `ipv6_address_count`). @default none */
  readonly ipv6Ips?: AddressSlot[];
  /** ENIs already attached outside this program, primary included (imported instances). */
  readonly existingEniCount: number;
}

/** Where an ENI is attached: one instance, or one of several candidates chosen at apply time. */
export interface AttachmentFact {
  /** Construct path of the attachment. */
  readonly path: string;
  /** Every instance the ENI may be attached to (one for a plain attachment). */
  readonly candidates: InstanceFact[];
  /** True when the active candidate is chosen by a Terraform variable (failover). */
  readonly switchable: boolean;
  /** Construct paths of the resources the attachment waits for (its `depends_on`), e.g. a cut-through EIP association. @default none */
  dependsOn?: string[];
  /** The candidate the ENI is on at synth (the only one, or the one a selector's default picks); undefined when unknown. */
  readonly active?: InstanceFact;
  /** How the active candidate is chosen, for reports (e.g. `default of var.active_db`); undefined for a plain attachment. */
  readonly activeChosenBy?: string;
  /** The variable whose value in a plan chooses the active candidate, that value and the keys that select one (`check --plan`); `active` is unset when the value selects no candidate. @default - not chosen by a plan */
  readonly selector?: ActiveSelector;
}

/** A failover variable's value in a plan (`terraform show -json`) and the keys of the map it indexes. */
export interface ActiveSelector {
  /** The variable's name. */
  readonly variable: string;
  /** Its value in the plan. */
  readonly value: unknown;
  /** The map's keys, in order. */
  readonly keys: readonly string[];
}

/** A secondary ENI. */
export interface EniFact extends FactBase {
  /** Kind discriminator. */
  readonly kind: "eni";
  /** vSwitch the ENI's addresses come from. */
  readonly vswitch: VSwitchFact;
  /** Security groups. */
  readonly securityGroups: SecurityGroupFact[];
  /** Primary private IP. */
  readonly primaryIp: AddressSlot;
  /** Secondary private IPs. */
  secondaryIps: AddressSlot[];
  /** IPv6 addresses (`ipv6_addresses` / `ipv6_address_count`). @default none */
  readonly ipv6Ips?: AddressSlot[];
  /** IPv4 /28 prefixes (`ipv4_prefixes` / `ipv4_prefix_count`). @default none */
  readonly ipv4Prefixes?: AddressSlot[];
  /** Attachments (more than one is an error). */
  readonly attachments: AttachmentFact[];
  /** True when the ENI carries management (remote administration) traffic. */
  readonly management: boolean;
  /**
   * The SegmentedInstance plane the ENI is, when it is one (a plane is one ENI: its addresses cannot be
   * spread over more ENIs, so fixes do not suggest it). @default - not a plane
   */
  plane?: string;
  /** Source/destination check as configured (undefined: provider default). */
  readonly sourceDestCheck?: boolean;
  /** The reason the user gave for disabling the source/destination check. */
  readonly sourceDestCheckReason?: string;
  /** Released with its instance (`delete_on_release`); undefined: provider default, which releases it. */
  readonly deleteOnRelease?: boolean;
}

/**
 * How an EIP is associated with an ENI (`alicloud_eip_association.mode`): `NAT` binds it to one private IP;
 * `BINDED` (cut-through) replaces the secondary ENI's primary private IP and shows the EIP on the NIC;
 * `MULTI_BINDED` (multi-EIP-to-ENI) is closed to new users.
 */
export type EipMode = "NAT" | "BINDED" | "MULTI_BINDED";

/** An EIP associated with one private IP of an ENI (or of an instance's primary ENI), with a whole secondary ENI (cut-through), or with a HaVip. */
export interface EipFact extends FactBase {
  /** Kind discriminator. */
  readonly kind: "eip";
  /** The ENI, instance or HaVip it is associated with (undefined while unassociated). */
  readonly target?: EniFact | InstanceFact | HaVipFact;
  /** The private IP it is bound to: a slot of the target, or an address string (undefined for a HaVip). */
  readonly privateIp?: AddressSlot | FactValue<string>;
  /** Association mode; NAT for a HaVip (the mode applies to ENIs only). */
  readonly mode: EipMode;
  /** Construct path of the `alicloud_eip_association`, once associated. */
  readonly associationPath?: string;
}

/** A high-availability virtual IP. */
export interface HaVipFact extends FactBase {
  /** Kind discriminator. */
  readonly kind: "havip";
  /** vSwitch it lives in. */
  readonly vswitch: VSwitchFact;
  /** Its address. */
  readonly ip: AddressSlot;
  /** ENIs or instances it is attached to. */
  readonly attachedTo: (EniFact | InstanceFact)[];
  /** ENIs or instances expected to take the virtual IP over that are outside its vSwitch (not attached). */
  readonly unreachableStandbys: (EniFact | InstanceFact)[];
  /** Members attached outside this program (imported HaVips). @default 0 */
  readonly existingMemberCount?: number;
  /** True when an EIP is already associated with it outside this program (imported HaVips). @default false */
  readonly existingEip?: boolean;
}

/** An alicloud provider block. */
export interface ProviderFact extends FactBase {
  /** Kind discriminator. */
  readonly kind: "provider";
  /** Alias, when set. */
  readonly alias?: string;
  /** Region, when set. */
  readonly region?: FactValue<string>;
  /** Names of credential attributes that were written as literal strings in the program. */
  readonly literalCredentials: string[];
}

/** Any fact. */
export type Fact = VpcFact | VSwitchFact | SecurityGroupFact | InstanceFact | EniFact | EipFact | HaVipFact | ProviderFact;
