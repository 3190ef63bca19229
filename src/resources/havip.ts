import { Construct } from "constructs";
import { TerraformStack } from "../cdktf";
import { EniConfigError } from "../errors";
import { markModelChanged, recordFact } from "../model/fact-registry";
import { HaVipFact } from "../model/facts";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { IEcsInstance } from "./ecs-instance";
import { NetworkInterface } from "./network-interface";
import {ENI_OR_INSTANCE, ipv4Fact, nameProp, requireKind, requireObject } from "./private/props";
import { PrivateIpAddress } from "./private-ip-address";
import { IVSwitch } from "./vswitch";

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

/**
 * A high-availability virtual IP (`alicloud_havip`) for keepalived-style clusters, attachable to
 * ENIs or instances (`alicloud_havip_attachment`). Its address is planned at synth time.
 */
export class HaVip extends Construct {
  /** The HaVip id. */
  public readonly haVipId: string;
  /** The virtual IP. */
  public readonly ip: PrivateIpAddress;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.havip.Havip;
  /** The facts the planner checks. */
  public readonly fact: HaVipFact;

  constructor(scope: Construct, id: string, props: HaVipProps) {
    super(scope, id);
    requireObject(this, props, "props");
    requireKind(this, props.vswitch, "vswitch", "vswitch");
    EniPlanner.of(this); // the planner checks this stack at synth
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
    this.resource = new alicloud.havip.Havip(this, "Resource", {
      vswitchId: props.vswitch.vswitchId,
      ipAddress: this.ip.emitted,
      haVipName: nameProp(this, props.name, "name"),
      description: props.description,
    });
    this.haVipId = this.resource.id;
  }

  /**
   * Attaches the virtual IP to an ENI or an instance (up to 10, all ENIs or all instances, all in
   * the HaVip's vSwitch). Keepalived on the attached members decides which one holds the address.
   */
  public attach(target: NetworkInterface | IEcsInstance, id?: string): alicloud.havipAttachment.HavipAttachment {
    const isEni = target instanceof NetworkInterface;
    if (!isEni) requireKind(this, target, "instance", "attach target", ENI_OR_INSTANCE);
    if (this.fact.attachedTo.includes(target.fact)) {
      throw new EniConfigError(this.node.path, `${target.node.path} is already attached to this HaVip; a second attachment of the same member fails at apply (the association exists).`, {
        ruleId: "ENI-HAVIP-MEMBERS",
        fix: `Attach ${target.node.path} once (attach and addStandby both attach a member of the HaVip's vSwitch).`,
      });
    }
    const attachment = new alicloud.havipAttachment.HavipAttachment(this, id ?? `Attachment${this.fact.attachedTo.length + 1}`, {
      haVipId: this.haVipId,
      instanceId: isEni ? target.networkInterfaceId : target.instanceId,
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
  public addStandby(target: NetworkInterface | IEcsInstance, id?: string): alicloud.havipAttachment.HavipAttachment | undefined {
    if (!(target instanceof NetworkInterface)) requireKind(this, target, "instance", "standby", ENI_OR_INSTANCE);
    if (target.vswitch.fact.poolId === this.fact.vswitch.poolId) return this.attach(target, id);
    this.fact.unreachableStandbys.push(target.fact);
    markModelChanged(this);
    return undefined;
  }
}
