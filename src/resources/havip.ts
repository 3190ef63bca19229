import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import { EniConfigError } from "../errors";
import { markModelChanged, recordFact } from "../model/fact-registry";
import { HaVipFact } from "../model/facts";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { IEcsInstance } from "./ecs-instance";
import type { INetworkInterface } from "./network-interface";
import { countProp, ENI_OR_INSTANCE, ipv4Fact, nameProp, requireAttributes, requireKind, requireObject, requireValue } from "./private/props";
import { PrivateIpAddress } from "./private-ip-address";
import { IVSwitch } from "./vswitch";

/** A high-availability virtual IP, created here or imported. */
export interface IHaVip extends IConstruct {
  /** The HaVip id. */
  readonly haVipId: string;
  /** The vSwitch it belongs to. */
  readonly vswitch: IVSwitch;
  /** The virtual IP. */
  readonly ip: PrivateIpAddress;
  /** The facts the planner checks. */
  readonly fact: HaVipFact;
  /** Attaches the virtual IP to an ENI (new or imported) or an instance of its vSwitch (`alicloud_havip_attachment`). */
  attach(target: INetworkInterface | IEcsInstance, id?: string): alicloud.havipAttachment.HavipAttachment;
  /** Declares a standby (an ENI, new or imported, or an instance) that should be able to take the virtual IP over; attaches it when it is in the HaVip's vSwitch. */
  addStandby(target: INetworkInterface | IEcsInstance, id?: string): alicloud.havipAttachment.HavipAttachment | undefined;
}

/** Properties of a {@link HaVip}. */
export interface HaVipProps {
  /** vSwitch the virtual IP belongs to (the ENIs or instances it floats between are in it too). */
  readonly vswitch: IVSwitch;
  /** The virtual IP. @default - planned by the planner */
  readonly ipAddress?: string;
  /** Name (`ha_vip_name`). @default - no name */
  readonly name?: string;
  /** Description. @default - none */
  readonly description?: string;
}

/** Attributes of an existing HaVip, for {@link HaVip.fromHaVipAttributes}. */
export interface HaVipAttributes {
  /** The HaVip id, e.g. havip-bp1... */
  readonly haVipId: string;
  /** The vSwitch it belongs to. */
  readonly vswitch: IVSwitch;
  /** Its virtual IP (the planner will not hand it out). */
  readonly ipAddress: string;
  /** ENIs or instances already attached to it outside this program (they count toward the member cap). @default 0 */
  readonly attachedMemberCount?: number;
  /** True when an EIP is already associated with it outside this program (a HaVip takes one). @default false */
  readonly hasEip?: boolean;
}

/** True when a HaVip member is an ENI of this library, new or imported (by its fact's kind). */
function isEniTarget(target: INetworkInterface | IEcsInstance): target is INetworkInterface {
  return (target as { fact?: { kind?: unknown } } | null | undefined)?.fact?.kind === "eni";
}

/** What new and imported HaVips share: attaching members. */
abstract class HaVipBase extends Construct implements IHaVip {
  public abstract readonly haVipId: string;
  public abstract readonly vswitch: IVSwitch;
  public abstract readonly ip: PrivateIpAddress;
  public abstract readonly fact: HaVipFact;

  /**
   * Attaches the virtual IP to an ENI (new, or imported with `NetworkInterface.fromNetworkInterfaceAttributes`)
   * or an instance (all ENIs or all instances, all in the HaVip's vSwitch, at most `maxHaVipMembers`).
   * Keepalived on the attached members decides which one holds the address.
   */
  public attach(target: INetworkInterface | IEcsInstance, id?: string): alicloud.havipAttachment.HavipAttachment {
    const isEni = isEniTarget(target);
    if (!isEni) requireKind(this, target, "instance", "attach target", ENI_OR_INSTANCE);
    if (this.fact.attachedTo.includes(target.fact)) {
      throw new EniConfigError(this.node.path, `${target.node.path} is already attached to this HaVip; a second attachment of the same member fails at apply (the association exists).`, {
        ruleId: "ENI-HAVIP-MEMBERS",
        fix: `Attach ${target.node.path} once (attach and addStandby both attach a member of the HaVip's vSwitch).`,
      });
    }
    const attachment = new alicloud.havipAttachment.HavipAttachment(this, id ?? `Attachment${this.fact.attachedTo.length + 1}`, {
      haVipId: this.haVipId,
      instanceId: isEni ? target.networkInterfaceId : (target as IEcsInstance).instanceId,
      instanceType: isEni ? "NetworkInterface" : "EcsInstance",
    });
    this.fact.attachedTo.push(target.fact);
    markModelChanged(this);
    return attachment;
  }

  /**
   * Declares a standby that should be able to take the virtual IP over: attached when it is in the
   * HaVip's vSwitch; otherwise it cannot be (a HaVip only floats within its vSwitch) and the planner
   * warns (ENI-HAVIP-STANDBY). Returns the attachment, if any.
   */
  public addStandby(target: INetworkInterface | IEcsInstance, id?: string): alicloud.havipAttachment.HavipAttachment | undefined {
    if (!isEniTarget(target)) requireKind(this, target, "instance", "standby", ENI_OR_INSTANCE);
    if (target.vswitch.fact.poolId === this.fact.vswitch.poolId) return this.attach(target, id);
    this.fact.unreachableStandbys.push(target.fact);
    markModelChanged(this);
    return undefined;
  }
}

/**
 * A high-availability virtual IP (`alicloud_vpc_ha_vip`) for keepalived-style clusters, attachable to
 * ENIs or instances (`alicloud_havip_attachment`) and to one EIP (`Eip.associate(havip)`). Its address
 * is planned at synth time.
 *
 * Earlier versions of this library emitted the deprecated `alicloud_havip` (renamed to
 * `alicloud_vpc_ha_vip` in provider 1.205.0). Terraform cannot move state across the two types by
 * itself: migrate deployed stacks once with `cdktf-alicloud-eni-migrate-havip-state` (README, "Upgrading").
 */
export class HaVip extends HaVipBase {
  /** Imports an existing HaVip so ENIs or instances can be attached to it and an EIP associated; nothing is emitted for it. */
  public static fromHaVipAttributes(scope: Construct, id: string, attrs: HaVipAttributes): IHaVip {
    requireAttributes(scope, id, attrs);
    class Imported extends HaVipBase {
      public readonly haVipId = attrs.haVipId;
      public readonly vswitch = attrs.vswitch;
      public readonly ip: PrivateIpAddress;
      public readonly fact: HaVipFact;
      constructor() {
        super(scope, id);
        EniPlanner.of(this); // the planner checks this stack at synth
        requireValue(this, attrs.haVipId, "haVipId", "the id of the existing HaVip, e.g. havip-bp1...");
        requireKind(this, attrs.vswitch, "vswitch", "vswitch");
        requireValue(this, attrs.ipAddress, "ipAddress", "the existing HaVip's virtual IP, so the planner never hands it out");
        this.ip = PrivateIpAddress.create(this, "vip", attrs.vswitch.fact, ipv4Fact(this, attrs.ipAddress, "ipAddress"), true);
        this.fact = {
          kind: "havip",
          path: this.node.path,
          stack: TerraformStack.of(this).node.path,
          imported: true,
          vswitch: attrs.vswitch.fact,
          ip: this.ip.slot,
          attachedTo: [],
          unreachableStandbys: [],
          existingMemberCount: countProp(this, attrs.attachedMemberCount, "attachedMemberCount", 0, 1000),
          existingEip: attrs.hasEip === true,
        };
        recordFact(this, this.fact);
      }
    }
    return new Imported();
  }

  /** The HaVip id. */
  public readonly haVipId: string;
  /** The vSwitch. */
  public readonly vswitch: IVSwitch;
  /** The virtual IP. */
  public readonly ip: PrivateIpAddress;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.vpcHaVip.VpcHaVip;
  /** The facts the planner checks. */
  public readonly fact: HaVipFact;

  constructor(scope: Construct, id: string, props: HaVipProps) {
    super(scope, id);
    requireObject(this, props, "props");
    requireKind(this, props.vswitch, "vswitch", "vswitch");
    EniPlanner.of(this); // the planner checks this stack at synth
    this.vswitch = props.vswitch;
    this.ip = PrivateIpAddress.create(this, "vip", props.vswitch.fact, props.ipAddress === undefined ? undefined : ipv4Fact(this, props.ipAddress, "ipAddress"));
    this.fact = {
      kind: "havip",
      path: this.node.path,
      stack: TerraformStack.of(this).node.path,
      imported: false,
      vswitch: props.vswitch.fact,
      ip: this.ip.slot,
      attachedTo: [],
      unreachableStandbys: [],
    };
    recordFact(this, this.fact);
    this.resource = new alicloud.vpcHaVip.VpcHaVip(this, "Resource", {
      vswitchId: props.vswitch.vswitchId,
      ipAddress: this.ip.emitted,
      haVipName: nameProp(this, props.name, "name"),
      description: props.description,
    });
    this.haVipId = this.resource.id;
  }

  /** The instance (or ENI's instance) that holds the virtual IP now (`master_instance_id`, known after apply; empty until a member advertises it). */
  public get masterInstanceId(): string {
    return this.resource.masterInstanceId;
  }
}
