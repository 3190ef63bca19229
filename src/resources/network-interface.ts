import { show } from "../show";
import { Construct, IConstruct } from "constructs";
import { dependable, TerraformStack } from "../cdktf";
import type { TerraformResource } from "../cdktf";
import { EniConfigError } from "../errors";
import { markModelChanged, recordFact } from "../model/fact-registry";
import { AttachmentFact, EniFact } from "../model/facts";
import * as alicloud from "../provider";
import { AttachmentTarget } from "./attachment-target";
import { IEcsInstance } from "./ecs-instance";
import { EniAddresses } from "./private/eni-addresses";
import { SlotList } from "./private/extra-slots";
import { ipv4Fact, ipv6Fact, isToken, nameProp, prefixFact, requireAttributes, requireKind, requireObject, requireSecurityGroups, requireValue } from "./private/props";
import type { AddressSlot } from "../model/facts";
import { PrivateIpAddress } from "./private-ip-address";
import { ISecurityGroup } from "./security-group";
import { IVSwitch } from "./vswitch";
import { EniPlanner } from "../planner/eni-planner";

/** Properties of a {@link NetworkInterface}. */
export interface NetworkInterfaceProps {
  /** vSwitch the ENI takes its addresses from; same VPC and zone as the instance it is attached to. */
  readonly vswitch: IVSwitch;
  /** Security groups: 1 to 5, all of one type, in the ENI's VPC. */
  readonly securityGroups: ISecurityGroup[];
  /** Primary private IP. @default - planned by the planner */
  readonly primaryIp?: string;
  /** Number of secondary private IPs, allocated by the planner. @default 0 */
  readonly secondaryPrivateIpCount?: number;
  /** Explicit secondary private IPs. @default - none */
  readonly secondaryPrivateIps?: string[];
  /** Number of IPv6 addresses (1-10), planned when the vSwitch's IPv6 block is known, else left to the cloud. @default 0 */
  readonly ipv6AddressCount?: number;
  /** Explicit IPv6 addresses (1-10) inside the vSwitch's /64. @default - none */
  readonly ipv6Addresses?: string[];
  /** Number of IPv4 /28 prefixes (1-10), planned inside the vSwitch's CIDR reservations; no secondary IPs then. @default 0 */
  readonly ipv4PrefixCount?: number;
  /** Explicit IPv4 /28 prefixes (1-10) inside the vSwitch's CIDR reservations, e.g. 10.0.1.64/28. @default - none */
  readonly ipv4Prefixes?: string[];
  /** Name (`network_interface_name`). @default - no name */
  readonly name?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Attach it to this instance. @default - not attached (use attachTo) */
  readonly instance?: IEcsInstance;
  /** Marks the ENI as carrying management (remote administration) traffic; security rules apply. @default false */
  readonly management?: boolean;
  /** Source/destination check; disabling it needs `sourceDestCheckReason`. @default - provider default (enabled) */
  readonly sourceDestCheck?: boolean;
  /** Why the source/destination check is disabled (e.g. "NAT gateway instance"). @default - none */
  readonly sourceDestCheckReason?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
  /**
   * Release the ENI together with the instance it is attached to (`delete_on_release`). Alibaba Cloud
   * releases every attached ENI with its instance by default, so set false for an ENI whose addresses
   * must outlive any one instance (FailoverEni and HAClusterEni do). @default - provider default (released with the instance)
   */
  readonly deleteOnRelease?: boolean;
}

/** Options of {@link NetworkInterface.attachTo}. */
export interface AttachOptions {
  /** Construct id of the attachment. @default "Attachment" */
  readonly id?: string;
}

/** An ENI, created here or imported: it can be attached, and the planner counts it and its addresses. */
export interface INetworkInterface extends IConstruct {
  /** The ENI id (a token for ENIs created here). */
  readonly networkInterfaceId: string;
  /** The vSwitch. */
  readonly vswitch: IVSwitch;
  /** The primary private IP. */
  readonly primaryIp: PrivateIpAddress;
  /** Every private IP of the ENI: primary first. */
  readonly privateIps: readonly PrivateIpAddress[];
  /** The facts the planner checks. */
  readonly fact: EniFact;
  /** Attaches the ENI to an instance (or one of several candidates); see {@link NetworkInterface.attachTo}. */
  attachTo(target: IEcsInstance | AttachmentTarget, options?: AttachOptions): alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment;
  /** Makes every attachment of this ENI made here, present and future, wait for `resource`; see {@link NetworkInterface.attachAfter}. */
  attachAfter(resource: TerraformResource): void;
}

/** Attributes of an existing ENI, for {@link NetworkInterface.fromNetworkInterfaceAttributes}. */
export interface NetworkInterfaceAttributes {
  /** The ENI id, e.g. eni-bp1... */
  readonly networkInterfaceId: string;
  /** Its vSwitch (new or imported). */
  readonly vswitch: IVSwitch;
  /** Its security groups (1 to 5, as DescribeNetworkInterfaces lists them in SecurityGroupIds). */
  readonly securityGroups: ISecurityGroup[];
  /** Its primary private IP: counted in the vSwitch, never handed out. */
  readonly primaryIp: string;
  /** Its secondary private IPs: counted in the vSwitch and against the instance type's per-ENI limit. @default [] */
  readonly secondaryPrivateIps?: string[];
  /**
   * Those of its private IPs (primary or secondary, as given above) that already carry an EIP associated outside
   * this program (DescribeNetworkInterfaces `AssociatedPublicIp`, and `AssociatedPublicIp` of each
   * `PrivateIpSets.PrivateIpSet`): an EIP the program associates with one of them is ENI-EIP-PER-IP. @default []
   */
  readonly privateIpsWithEip?: string[];
  /** Marks the ENI as carrying management traffic; security rules apply. @default false */
  readonly management?: boolean;
}

/** Emits the attachment of an ENI to `target` and records it in the ENI's facts. */
function attachEni(
  eni: Construct,
  fact: EniFact,
  networkInterfaceId: string,
  target: IEcsInstance | AttachmentTarget,
  options: AttachOptions,
): { attachment: alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment; fact: AttachmentFact } {
  const t =
    target instanceof AttachmentTarget
      ? target
      : AttachmentTarget.instance(requireKind(eni, target, "instance", "attachTo target", "an ECS instance (new EcsInstance or EcsInstance.fromEcsInstanceAttributes) or an AttachmentTarget"));
  t.candidates.forEach((c, i) => requireKind(eni, c, "instance", `attachment candidate [${i}]`));
  if (t.candidates.length === 0) {
    throw new EniConfigError(eni.node.path, "AttachmentTarget.oneOf was given no candidate instances ([]); pass every instance the ENI may be attached to.");
  }
  if (typeof t.instanceId !== "string" || (!isToken(t.instanceId) && t.instanceId.trim() === "")) {
    throw new EniConfigError(eni.node.path, `attachment instanceId ${show(t.instanceId)} is empty; give an expression that yields the active candidate's instance id (e.g. a Terraform variable).`);
  }
  if (t.active !== undefined && !t.candidates.some((c) => c.fact === t.active!.fact)) {
    throw new EniConfigError(
      eni.node.path,
      `AttachmentTarget.oneOf active instance ${show(t.active.node?.path ?? t.active)} is not one of its candidates (${t.candidates.map((c) => c.node.path).join(", ")}); pass one of the candidates, or leave active out.`,
    );
  }
  const id = options.id ?? (fact.attachments.length === 0 ? "Attachment" : `Attachment${fact.attachments.length + 1}`);
  const attachment = new alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment(eni, id, {
    networkInterfaceId,
    instanceId: t.instanceId,
    lifecycle: t.ignoreInstanceChanges ? { ignoreChanges: ["instance_id"] } : undefined,
  });
  const attached: AttachmentFact = {
    path: attachment.node.path,
    candidates: t.candidates.map((c) => c.fact),
    switchable: t.switchable,
    ...(t.active ? { active: t.active.fact } : {}),
    ...(t.activeChosenBy ? { activeChosenBy: t.activeChosenBy } : {}),
  };
  fact.attachments.push(attached);
  markModelChanged(eni);
  return { attachment, fact: attached };
}

/**
 * A secondary ENI (`alicloud_ecs_network_interface`) and, once attached, its attachment
 * (`alicloud_ecs_network_interface_attachment`). Its addresses are planned at synth time.
 */
export class NetworkInterface extends Construct implements INetworkInterface {
  /**
   * Imports an existing secondary ENI: nothing is emitted for it, `attachTo` emits an attachment, and the
   * planner counts it on the instances it is attached to (ENI-COUNT, ENI-IP-COUNT) and its addresses in its
   * vSwitch (they are checked and never handed out, like an imported instance's address). It takes EIPs
   * (`Eip.associate` on its primary or a stated secondary IP, `Eip.associateCutThrough`) and HaVips
   * (`HaVip.attach`, `HaVip.addStandby`) as a new ENI does; the planner counts those too (one EIP per
   * private IP, the EIP quota, HaVip members and vSwitch) and warns, for cut-through or multi-EIP mode,
   * that it cannot see the ENI's state outside this program (ENI-EIP-CUT-THROUGH-EXISTING).
   */
  public static fromNetworkInterfaceAttributes(scope: Construct, id: string, attrs: NetworkInterfaceAttributes): INetworkInterface {
    requireAttributes(scope, id, attrs);
    class Imported extends Construct implements INetworkInterface {
      public readonly networkInterfaceId = attrs.networkInterfaceId;
      public readonly vswitch = attrs.vswitch;
      public readonly primaryIp: PrivateIpAddress;
      public readonly privateIps: readonly PrivateIpAddress[];
      public readonly fact: EniFact;
      /** The security groups given (read by the planner's intent). */
      public readonly securityGroupsOfImport: readonly ISecurityGroup[] = attrs?.securityGroups ?? [];
      /** The private IPs given as carrying an EIP outside the program (read by the planner's intent). */
      public readonly ipsWithEipOfImport: readonly string[] = attrs?.privateIpsWithEip ?? [];
      private readonly attachments: { resource: alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment; fact: AttachmentFact }[] = [];
      private readonly attachAfterResources: TerraformResource[] = [];
      constructor() {
        super(scope, id);
        requireValue(this, attrs.networkInterfaceId, "networkInterfaceId", "the id of the existing ENI, e.g. eni-bp1...");
        requireKind(this, attrs.vswitch, "vswitch", "vswitch");
        requireSecurityGroups(this, attrs.securityGroups, "an ENI");
        requireValue(this, attrs.primaryIp, "primaryIp", "its primary private IP, e.g. 10.0.1.7");
        EniPlanner.of(this);
        const vsw = attrs.vswitch.fact;
        this.primaryIp = PrivateIpAddress.create(this, "primary", vsw, ipv4Fact(this, attrs.primaryIp, "primaryIp"), true);
        const secondaries = (attrs.secondaryPrivateIps ?? []).map((ip, i) => PrivateIpAddress.create(this, `secondary-ip-${i + 1}`, vsw, ipv4Fact(this, ip, `secondaryPrivateIps[${i}]`), true));
        this.privateIps = [this.primaryIp, ...secondaries];
        const stated = [attrs.primaryIp, ...(attrs.secondaryPrivateIps ?? [])];
        (attrs.privateIpsWithEip ?? []).forEach((ip, i) => {
          if (!stated.includes(ip)) {
            throw new EniConfigError(this.node.path, `privateIpsWithEip[${i}] ${show(ip)} is not one of its private IPs (${stated.join(", ")}).`, {
              ruleId: "ENI-EIP-PRIVATE-IP",
              fix: "List only the primaryIp or secondaryPrivateIps given here that carry an EIP.",
            });
          }
        });
        this.fact = {
          kind: "eni",
          path: this.node.path,
          stack: TerraformStack.of(this).node.path,
          imported: true,
          vswitch: vsw,
          securityGroups: attrs.securityGroups.map((g) => g.fact),
          primaryIp: this.primaryIp.slot,
          secondaryIps: secondaries.map((a) => a.slot),
          attachments: [],
          management: attrs.management ?? false,
        };
        recordFact(this, this.fact);
      }
      public attachTo(target: IEcsInstance | AttachmentTarget, options: AttachOptions = {}): alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment {
        const { attachment, fact } = attachEni(this, this.fact, this.networkInterfaceId, target, options);
        this.attachments.push({ resource: attachment, fact });
        for (const r of this.attachAfterResources) waitFor(attachment, fact, r);
        return attachment;
      }
      public attachAfter(resource: TerraformResource): void {
        this.attachAfterResources.push(resource);
        for (const a of this.attachments) waitFor(a.resource, a.fact, resource);
        markModelChanged(this);
      }
    }
    return new Imported();
  }

  /** The ENI id. */
  public readonly networkInterfaceId: string;
  /** The vSwitch. */
  public readonly vswitch: IVSwitch;
  /** The primary private IP. */
  public readonly primaryIp: PrivateIpAddress;
  /** The facts the planner checks. */
  public readonly fact: EniFact;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.ecsNetworkInterface.EcsNetworkInterface;
  /** The attachment, once attached. */
  public attachment?: alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment;
  private readonly addresses: EniAddresses;
  private readonly ipv6: SlotList;
  private readonly prefixes: SlotList;
  private readonly attachments: { resource: alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment; fact: AttachmentFact }[] = [];
  private readonly attachAfterResources: TerraformResource[] = [];

  constructor(scope: Construct, id: string, props: NetworkInterfaceProps) {
    super(scope, id);
    requireObject(this, props, "props");
    requireKind(this, props.vswitch, "vswitch", "vswitch");
    requireSecurityGroups(this, props.securityGroups, "an ENI");
    if (props.deleteOnRelease !== undefined && typeof props.deleteOnRelease !== "boolean" && !isToken(props.deleteOnRelease)) {
      throw new EniConfigError(this.node.path, `deleteOnRelease is ${show(props.deleteOnRelease)}; expected true or false (false keeps the ENI when its instance is released).`);
    }
    this.vswitch = props.vswitch;
    this.addresses = new EniAddresses(this, props.vswitch, {
      primary: props.primaryIp === undefined ? undefined : { value: props.primaryIp, prop: "primaryIp" },
      secondaryPrivateIpCount: props.secondaryPrivateIpCount,
      secondaryPrivateIps: props.secondaryPrivateIps,
    });
    this.primaryIp = this.addresses.primary;
    const vfact = props.vswitch.fact;
    this.ipv6 = new SlotList(this, vfact, {
      role: "ipv6",
      count: ["ipv6AddressCount", props.ipv6AddressCount],
      list: ["ipv6Addresses", props.ipv6Addresses],
      parse: ipv6Fact,
    });
    this.prefixes = new SlotList(this, vfact, {
      role: "prefix",
      count: ["ipv4PrefixCount", props.ipv4PrefixCount],
      list: ["ipv4Prefixes", props.ipv4Prefixes],
      parse: prefixFact,
    });
    this.fact = {
      kind: "eni",
      path: this.node.path,
      stack: TerraformStack.of(this).node.path,
      imported: false,
      vswitch: props.vswitch.fact,
      securityGroups: props.securityGroups.map((g) => g.fact),
      primaryIp: this.primaryIp.slot,
      secondaryIps: this.addresses.secondarySlots,
      ...(this.ipv6.slots.length > 0 ? { ipv6Ips: this.ipv6.slots } : {}),
      ...(this.prefixes.slots.length > 0 ? { ipv4Prefixes: this.prefixes.slots } : {}),
      attachments: [],
      management: props.management ?? false,
      sourceDestCheck: props.sourceDestCheck,
      sourceDestCheckReason: props.sourceDestCheckReason,
      deleteOnRelease: props.deleteOnRelease,
    };
    recordFact(this, this.fact);
    const addresses = this.addresses.attributes();
    const ipv6 = this.ipv6.attributes();
    const prefixes = this.prefixes.attributes();
    this.resource = new alicloud.ecsNetworkInterface.EcsNetworkInterface(this, "Resource", {
      vswitchId: props.vswitch.vswitchId,
      securityGroupIds: props.securityGroups.map((g) => g.securityGroupId),
      primaryIpAddress: addresses.primary,
      privateIpAddresses: addresses.list,
      secondaryPrivateIpAddressCount: addresses.count,
      ipv6Addresses: ipv6.list,
      ipv6AddressCount: ipv6.count,
      ipv4Prefixes: prefixes.list,
      ipv4PrefixCount: prefixes.count,
      networkInterfaceName: nameProp(this, props.name, "name"),
      description: props.description,
      sourceDestCheck: props.sourceDestCheck,
      deleteOnRelease: props.deleteOnRelease,
      tags: props.tags,
    });
    const r = this.resource;
    this.addresses.bind({ list: (v) => (r.privateIpAddresses = v) });
    this.networkInterfaceId = this.resource.id;
    if (props.instance) this.attachTo(AttachmentTarget.instance(props.instance));
  }

  /** The secondary private IPs, in the order they were added. */
  public get secondaryPrivateIps(): readonly PrivateIpAddress[] {
    return this.addresses.secondaries;
  }

  /** The IPv6 address slots of the ENI (their planned values appear in the report and the L1 attributes). */
  public get ipv6Slots(): readonly AddressSlot[] {
    return this.ipv6.slots;
  }

  /** The IPv4 prefix slots of the ENI. */
  public get ipv4PrefixSlots(): readonly AddressSlot[] {
    return this.prefixes.slots;
  }

  /** Every private IP of the ENI: primary first. */
  public get privateIps(): readonly PrivateIpAddress[] {
    return [this.primaryIp, ...this.addresses.secondaries];
  }

  /** Adds secondary private IPs, one per role (e.g. `app:web`); the planner allocates them. */
  public addSecondaryPrivateIps(roles: string[]): PrivateIpAddress[] {
    return this.addresses.add(roles, "this ENI");
  }

  /**
   * Attaches the ENI to an instance (or one of several candidates, see {@link AttachmentTarget.oneOf}).
   * An ENI is attached to one instance at a time: a second call is reported by the planner (ENI-ATTACH-ONCE).
   */
  public attachTo(target: IEcsInstance | AttachmentTarget, options: AttachOptions = {}): alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment {
    const { attachment, fact } = attachEni(this, this.fact, this.networkInterfaceId, target, options);
    this.attachments.push({ resource: attachment, fact });
    for (const r of this.attachAfterResources) waitFor(attachment, fact, r);
    markModelChanged(this);
    this.attachment ??= attachment;
    return attachment;
  }

  /**
   * Makes every attachment of this ENI, present and future, wait for `resource` (`depends_on`): for an EIP
   * association in cut-through or multi-EIP mode, which can only be made while the ENI is detached.
   */
  public attachAfter(resource: TerraformResource): void {
    this.attachAfterResources.push(resource);
    for (const a of this.attachments) waitFor(a.resource, a.fact, resource);
    markModelChanged(this);
  }
}

/** Adds `resource` to the attachment's `depends_on` and its path to the attachment's fact. */
function waitFor(attachment: TerraformResource, fact: AttachmentFact, resource: TerraformResource): void {
  attachment.dependsOn = [...(attachment.dependsOn ?? []), dependable(resource)];
  fact.dependsOn = [...(fact.dependsOn ?? []), resource.node.path];
}
