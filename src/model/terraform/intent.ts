/**
 * Intent: what a Terraform configuration cannot say and the L2 constructs know. The planner writes it
 * into each stack's top-level `"//"` comment (Terraform ignores it) under {@link INTENT_KEY}, so that
 * `cdktf-alicloud-eni check` on the synthesized JSON sees exactly what synth saw. Everything else in the
 * model comes from the configuration itself. Plain JSON; every field is optional and has a default.
 */

/** The key of the intent inside a stack's top-level `"//"` object. */
export const INTENT_KEY = "cdktf-alicloud-eni";

/** What the constructs add to one resource of the configuration, keyed by the resource's construct path. */
export interface ResourceIntent {
  /** The construct that owns the resource, for messages and allocation keys. @default - the path without a trailing `/Resource` */
  readonly owner?: string;
  /** Roles of the addresses of an attribute, by attribute name, where they differ from the default (`primary`, `secondary-N`, `vip`). @default - defaults */
  readonly roles?: Readonly<Record<string, string | readonly string[]>>;
  /** The ENI carries management (remote administration) traffic. @default false */
  readonly management?: boolean;
  /** The SegmentedInstance plane the ENI is (fixes never suggest more ENIs for it). @default - not a plane */
  readonly plane?: string;
  /** Why the ENI's source/destination check is off. @default - none */
  readonly sourceDestCheckReason?: string;
  /** ENI attachment: owners of every instance it may be attached to, when its instance_id does not name them all. @default - from instance_id */
  readonly candidates?: readonly string[];
  /** ENI attachment: the active candidate is chosen at apply time (a variable). @default false */
  readonly switchable?: boolean;
  /** ENI attachment: owner of the candidate active at synth (e.g. the variable's default), for the plan report. @default - the only candidate; unknown for several */
  readonly active?: string;
  /** ENI attachment: how the active candidate is chosen, for the plan report (e.g. `default of var.active_db`). @default - not described */
  readonly activeChosenBy?: string;
  /** ENI attachment: the variable whose value in a plan chose the active candidate, that value and the map's keys (written by `check --plan`, never by the constructs). @default - not chosen by a plan */
  readonly selector?: { readonly variable: string; readonly value: unknown; readonly keys: readonly string[] };
  /** HaVip: owners of ENIs or instances meant to take the address over that are outside its vSwitch. @default [] */
  readonly standbys?: readonly string[];
}

/** An existing VPC, imported with `Vpc.fromVpcAttributes`. */
export interface VpcImport {
  readonly kind: "vpc";
  readonly path: string;
  readonly id: string;
  readonly cidr: string;
  /** Its IPv6 block, when given (`ipv6CidrBlock`). @default - IPv6 unknown or not enabled */
  readonly ipv6Cidr?: string;
}

/** An existing vSwitch, imported with `VSwitch.fromVSwitchAttributes`. */
export interface VSwitchImport {
  readonly kind: "vswitch";
  readonly path: string;
  readonly id: string;
  /** Its VPC: an id or a reference. */
  readonly vpc: string;
  readonly zone: string;
  readonly cidr: string;
  /** Addresses taken outside the program. */
  readonly usedIps: readonly string[];
  /** Its IPv6 /64, when given (`ipv6CidrBlock`). @default - IPv6 not enabled */
  readonly ipv6Cidr?: string;
  /** False when the program did not state usedIps (not even []): the planner warns when it allocates there. @default true */
  readonly usedIpsStated?: boolean;
}

/** An existing security group, imported with `SecurityGroup.fromSecurityGroupAttributes`. */
export interface SecurityGroupImport {
  readonly kind: "security-group";
  readonly path: string;
  readonly id: string;
  readonly vpc: string;
  readonly type: string;
  /** Private addresses already in the group outside the program (basic groups). @default 0 */
  readonly existingIpCount?: number;
  /** ENIs already in the group outside the program (advanced groups). @default 0 */
  readonly existingEniCount?: number;
}

/** An existing instance, imported with `EcsInstance.fromEcsInstanceAttributes`. */
export interface InstanceImport {
  readonly kind: "instance";
  readonly path: string;
  readonly id: string;
  readonly instanceType: string;
  readonly vswitch: string;
  /** Its primary private IP, when given. */
  readonly privateIp?: string;
  /** ENIs attached outside the program, primary included. */
  readonly attachedEniCount: number;
  /** Its primary ENI id, when given. */
  readonly primaryEni?: string;
  /** Security groups of its primary ENI (ids or references). */
  readonly securityGroups: readonly string[];
}

/** An existing HaVip, imported with `HaVip.fromHaVipAttributes`. */
export interface HaVipImport {
  readonly kind: "havip";
  readonly path: string;
  readonly id: string;
  /** Its vSwitch: an id or a reference. */
  readonly vswitch: string;
  /** Its virtual IP. */
  readonly ipAddress: string;
  /** Members attached outside the program. @default 0 */
  readonly attachedMemberCount?: number;
  /** An EIP is associated with it outside the program. @default false */
  readonly hasEip?: boolean;
  /** Owners of ENIs or instances meant to take the address over that are outside its vSwitch. @default [] */
  readonly standbys?: readonly string[];
}

/** An existing ENI, imported with `NetworkInterface.fromNetworkInterfaceAttributes`. */
export interface NetworkInterfaceImport {
  readonly kind: "eni";
  readonly path: string;
  readonly id: string;
  /** Its vSwitch: an id or a reference. */
  readonly vswitch: string;
  /** Its security groups (ids or references). */
  readonly securityGroups: readonly string[];
  /** Its primary private IP. */
  readonly primaryIp: string;
  /** Its secondary private IPs. */
  readonly secondaryIps: readonly string[];
  /** Its private IPs (of the two above) that already carry an EIP outside this program. @default none */
  readonly ipsWithEip?: readonly string[];
  /** True when it carries management traffic. @default false */
  readonly management?: boolean;
}

/** Any import. */
export type ImportIntent = VpcImport | VSwitchImport | SecurityGroupImport | InstanceImport | HaVipImport | NetworkInterfaceImport;

/** A suppression as written into the configuration. */
export interface SuppressionIntent {
  readonly id: string;
  readonly reason: string;
}

/** The intent of one stack. */
export interface StackIntent {
  /** Format version. */
  readonly version: 1;
  /** Per-resource intent, by the resource's construct path. @default {} */
  readonly resources?: Readonly<Record<string, ResourceIntent>>;
  /** Resources that exist already and are not in the configuration. @default [] */
  readonly imports?: readonly ImportIntent[];
  /** Suppressions by the construct path they were added to. @default {} */
  readonly suppressions?: Readonly<Record<string, readonly SuppressionIntent[]>>;
  /** Construct paths of the `provider.alicloud` blocks, in order. @default - `provider.alicloud[.alias]` */
  readonly providers?: readonly string[];
}
