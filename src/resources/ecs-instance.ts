import { Construct, IConstruct } from "constructs";
import { TerraformOutput, TerraformStack } from "../cdktf";
import { EniConfigError } from "../errors";
import { recordFact } from "../model/fact-registry";
import { InstanceFact } from "../model/facts";
import { qualifiedFamily, whyNotTypeName } from "../catalog/type-name";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { show } from "../show";
import { claimStackName, identifier } from "../scenarios/private/checks";
import { GuestNetwork } from "./guest-network";
import { EniAddresses } from "./private/eni-addresses";
import { SlotList } from "./private/extra-slots";
import { countProp, ipv4Fact, ipv6Fact, isToken, nameProp, requireAttributes, requireKind, requireObject, requireSecurityGroups, requireValue, stringFact } from "./private/props";
import { PrivateIpAddress } from "./private-ip-address";
import { ISecurityGroup } from "./security-group";
import { IVSwitch } from "./vswitch";

/** An ECS instance (VPC type), created here or imported. */
export interface IEcsInstance extends IConstruct {
  /** The instance id. */
  readonly instanceId: string;
  /** The instance type, e.g. ecs.g7.large. */
  readonly instanceType: string;
  /** The vSwitch of its primary ENI. */
  readonly vswitch: IVSwitch;
  /** The security groups of its primary ENI (those given to fromEcsInstanceAttributes for imported instances). */
  readonly securityGroups: readonly ISecurityGroup[];
  /** The id of its primary ENI, when known (needed to bind EIPs to its addresses). */
  readonly primaryNetworkInterfaceId?: string;
  /** Its primary private IP, when known. */
  readonly privateIp?: PrivateIpAddress;
  /** The secondary private IPs of its primary ENI managed by this program. */
  readonly secondaryPrivateIps: readonly PrivateIpAddress[];
  /** True when secondary private IPs can be added to its primary ENI by this program. */
  readonly canAddSecondaryPrivateIps: boolean;
  /** The facts the planner checks. */
  readonly fact: InstanceFact;
  /**
   * Adds secondary private IPs to the primary ENI, one per role (e.g. `app:web`); the planner allocates them.
   * Throws for imported instances.
   */
  addSecondaryPrivateIps(roles: string[]): PrivateIpAddress[];
}

/** Properties of a new {@link EcsInstance}. */
export interface EcsInstanceProps {
  /** Instance type, e.g. ecs.g7.large; its ENI and address limits come from the catalog. */
  readonly instanceType: string;
  /** Image id. */
  readonly imageId: string;
  /** vSwitch of the primary ENI (fixes the instance's VPC and zone). */
  readonly vswitch: IVSwitch;
  /** Security groups of the primary ENI: 1 to 5, one type, in the vSwitch's VPC. */
  readonly securityGroups: ISecurityGroup[];
  /** Primary private IP. @default - planned by the planner */
  readonly privateIp?: string;
  /** Number of secondary private IPs on the primary ENI, allocated by the planner. @default 0 */
  readonly secondaryPrivateIpCount?: number;
  /** Explicit secondary private IPs on the primary ENI. @default - none */
  readonly secondaryPrivateIps?: string[];
  /**
   * Number of IPv6 addresses on the primary ENI (1-10), planned when the vSwitch's IPv6 block is known, else
   * left to the cloud as `ipv6_address_count` (changing that count replaces the instance). @default 0
   */
  readonly ipv6AddressCount?: number;
  /** Explicit IPv6 addresses on the primary ENI (1-10) inside the vSwitch's /64. @default - none */
  readonly ipv6Addresses?: string[];
  /** Name (`instance_name`). @default - no name */
  readonly name?: string;
  /** System disk category, e.g. cloud_essd. @default - provider default */
  readonly systemDiskCategory?: "cloud" | "cloud_efficiency" | "cloud_ssd" | "cloud_essd" | "cloud_auto" | "cloud_essd_entry" | "ephemeral_ssd" | "local_disk";
  /** System disk size in GiB. @default - provider default */
  readonly systemDiskSize?: number;
  /** Billing method. @default "PostPaid" */
  readonly instanceChargeType?: "PostPaid" | "PrePaid";
  /** Public bandwidth in Mbit/s; above 0 gives the instance a public IP. @default 0 */
  readonly internetMaxBandwidthOut?: number;
  /** Internet billing method. @default - provider default */
  readonly internetChargeType?: "PayByBandwidth" | "PayByTraffic";
  /** SSH key pair name. @default - none */
  readonly keyName?: string;
  /** User data (cloud-init), plain or base64; with `configureNetwork` it is merged, not replaced. @default - none */
  readonly userData?: string;
  /**
   * Configures the guest OS for the planned network: `user_data` installs and runs a script (and a systemd unit that
   * runs it at every boot) that brings up every secondary ENI that is or may be attached to this instance, adds the
   * planned secondary private IPs and sets policy routing, reading MACs from the metadata service at boot. The same
   * script is the Terraform output `<id>_guest_network_script`, for failover standbys. The provider reboots the
   * instance when `user_data` changes, which happens when what is planned for it changes. @default false
   */
  readonly configureNetwork?: boolean;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/** Attributes of an existing instance, for {@link EcsInstance.fromEcsInstanceAttributes}. */
export interface EcsInstanceAttributes {
  /** The instance id, e.g. i-bp1... */
  readonly instanceId: string;
  /** Its instance type. */
  readonly instanceType: string;
  /** The vSwitch of its primary ENI. */
  readonly vswitch: IVSwitch;
  /** Its primary private IP (the planner will not hand it out). @default - unknown */
  readonly privateIp?: string;
  /** ENIs already attached to it, primary included, outside this program. @default 1 */
  readonly attachedEniCount?: number;
  /** Its primary ENI id, needed to bind EIPs to its primary ENI's addresses. @default - unknown */
  readonly primaryNetworkInterfaceId?: string;
  /** The security groups of its primary ENI, reused by scenario constructs for the ENIs they add. @default [] */
  readonly securityGroups?: ISecurityGroup[];
}

function instanceFact(scope: IConstruct, instanceType: string, vswitch: IVSwitch, groups: readonly ISecurityGroup[], imported: boolean, existingEniCount: number): Omit<InstanceFact, "primaryIp"> {
  const why = isToken(instanceType) ? undefined : whyNotTypeName(instanceType);
  if (why !== undefined) {
    // The provider rejects such names at plan time (instance_type must match ^ecs\.).
    const guess = typeof instanceType === "string" ? qualifiedFamily(instanceType.trim().toLowerCase()) : "";
    const near = guess === "" || guess === "ecs." ? [] : EniPlanner.of(scope).options.catalog.suggest(guess, 3);
    throw new EniConfigError(
      scope.node.path,
      `instanceType ${show(instanceType)} is not an ECS instance type name: ${why}. Give one like ecs.g7.large.${near.length ? ` Did you mean ${near.join(", ")}?` : ""}`,
    );
  }
  return {
    kind: "instance",
    path: scope.node.path,
    stack: TerraformStack.of(scope).node.path,
    imported,
    instanceType: stringFact(instanceType),
    vswitch: vswitch.fact,
    securityGroups: groups.map((g) => g.fact),
    secondaryIps: [],
    existingEniCount,
  };
}

/** An ECS instance (`alicloud_instance`) in a VPC, with its primary ENI's addresses planned. */
export class EcsInstance extends Construct implements IEcsInstance {
  /** Imports an existing instance so ENIs can be attached to it; nothing is emitted for it. */
  public static fromEcsInstanceAttributes(scope: Construct, id: string, attrs: EcsInstanceAttributes): IEcsInstance {
    requireAttributes(scope, id, attrs);
    class Imported extends Construct implements IEcsInstance {
      public readonly instanceId = attrs.instanceId;
      public readonly instanceType = attrs.instanceType;
      public readonly vswitch = attrs.vswitch;
      public readonly primaryNetworkInterfaceId = attrs.primaryNetworkInterfaceId;
      public readonly securityGroups: readonly ISecurityGroup[] = [...(attrs.securityGroups ?? [])];
      public readonly privateIp?: PrivateIpAddress;
      public readonly secondaryPrivateIps: readonly PrivateIpAddress[] = [];
      public readonly canAddSecondaryPrivateIps = false;
      public readonly fact: InstanceFact;
      constructor() {
        super(scope, id);
        requireValue(this, attrs.instanceId, "instanceId", "the id of the existing instance, e.g. i-bp1...");
        requireKind(this, attrs.vswitch, "vswitch", "vswitch");
        (attrs.securityGroups ?? []).forEach((g, i) => requireKind(this, g, "security-group", `securityGroups[${i}]`));
        const count = attrs.attachedEniCount === undefined ? 1 : countProp(this, attrs.attachedEniCount, "attachedEniCount", 1, 64);
        this.privateIp = attrs.privateIp === undefined ? undefined : PrivateIpAddress.create(this, "primary", attrs.vswitch.fact, ipv4Fact(this, attrs.privateIp, "privateIp"), true);
        this.fact = { ...instanceFact(this, attrs.instanceType, attrs.vswitch, this.securityGroups, true, count), primaryIp: this.privateIp?.slot };
        recordFact(this, this.fact);
      }
      public addSecondaryPrivateIps(): PrivateIpAddress[] {
        throw new EniConfigError(this.node.path, "secondary private IPs cannot be added to the primary ENI of an imported instance; attach a NetworkInterface to it instead.");
      }
    }
    return new Imported();
  }

  public readonly instanceId: string;
  public readonly instanceType: string;
  public readonly vswitch: IVSwitch;
  public readonly primaryNetworkInterfaceId: string;
  public readonly securityGroups: readonly ISecurityGroup[];
  public readonly privateIp: PrivateIpAddress;
  public readonly canAddSecondaryPrivateIps = true;
  public readonly fact: InstanceFact;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.instance.Instance;
  /** The Terraform output holding the guest network script, with `configureNetwork`. */
  public readonly guestNetworkOutput?: TerraformOutput;
  private readonly addresses: EniAddresses;
  private readonly ipv6: SlotList;

  constructor(scope: Construct, id: string, props: EcsInstanceProps) {
    super(scope, id);
    requireObject(this, props, "props");
    requireKind(this, props.vswitch, "vswitch", "vswitch");
    requireValue(this, props.imageId, "imageId", "an image id, e.g. aliyun_3_x64_20G_alibase_20240819.vhd");
    requireSecurityGroups(this, props.securityGroups, "an instance's primary ENI");
    this.vswitch = props.vswitch;
    this.instanceType = props.instanceType;
    this.securityGroups = [...props.securityGroups];
    this.addresses = new EniAddresses(this, props.vswitch, {
      primary: props.privateIp === undefined ? undefined : { value: props.privateIp, prop: "privateIp" },
      secondaryPrivateIpCount: props.secondaryPrivateIpCount,
      secondaryPrivateIps: props.secondaryPrivateIps,
    });
    this.privateIp = this.addresses.primary;
    this.ipv6 = new SlotList(this, props.vswitch.fact, {
      role: "ipv6",
      count: ["ipv6AddressCount", props.ipv6AddressCount],
      list: ["ipv6Addresses", props.ipv6Addresses],
      parse: ipv6Fact,
    });
    this.fact = {
      ...instanceFact(this, props.instanceType, props.vswitch, props.securityGroups, false, 1),
      primaryIp: this.privateIp.slot,
      secondaryIps: this.addresses.secondarySlots,
      ...(this.ipv6.slots.length > 0 ? { ipv6Ips: this.ipv6.slots } : {}),
    };
    recordFact(this, this.fact);
    const addresses = this.addresses.attributes();
    const ipv6 = this.ipv6.attributes();
    const userData = props.configureNetwork ? GuestNetwork.userDataFor(this, props.userData) : props.userData;
    this.resource = new alicloud.instance.Instance(this, "Resource", {
      instanceType: props.instanceType,
      imageId: props.imageId,
      vswitchId: props.vswitch.vswitchId,
      securityGroups: props.securityGroups.map((g) => g.securityGroupId),
      privateIp: addresses.primary,
      secondaryPrivateIps: addresses.list,
      secondaryPrivateIpAddressCount: addresses.count,
      ipv6Addresses: ipv6.list,
      ipv6AddressCount: ipv6.count,
      instanceName: nameProp(this, props.name, "name"),
      systemDiskCategory: props.systemDiskCategory,
      systemDiskSize: props.systemDiskSize,
      instanceChargeType: props.instanceChargeType ?? "PostPaid",
      internetMaxBandwidthOut: props.internetMaxBandwidthOut,
      internetChargeType: props.internetChargeType,
      keyName: props.keyName,
      userData,
      tags: props.tags,
    });
    const r = this.resource;
    this.addresses.bind({ list: (v) => (r.secondaryPrivateIps = v) });
    if (props.configureNetwork) {
      const name = claimStackName(this, "output", identifier(this.node.id, "guest_network_script"), "give one of the instances another construct id.");
      this.guestNetworkOutput = new TerraformOutput(this, "GuestNetworkScript", {
        value: GuestNetwork.scriptForOutput(this),
        description: `Guest network script of ${this.node.path}: run it as root after an ENI moved to this instance (failover).`,
      });
      this.guestNetworkOutput.overrideLogicalId(name);
    }
    this.instanceId = this.resource.id;
    this.primaryNetworkInterfaceId = this.resource.networkInterfaceId;
  }

  /** The guest network script of this instance (a token resolved at synth); see {@link GuestNetwork.scriptFor}. */
  public guestNetworkScript(): string {
    return GuestNetwork.scriptFor(this);
  }

  public get secondaryPrivateIps(): readonly PrivateIpAddress[] {
    return this.addresses.secondaries;
  }

  public addSecondaryPrivateIps(roles: string[]): PrivateIpAddress[] {
    return this.addresses.add(roles, "this instance");
  }
}
