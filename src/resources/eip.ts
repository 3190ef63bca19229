import { Construct } from "constructs";
import { TerraformStack } from "../cdktf";
import { EniConfigError } from "../errors";
import { markModelChanged, recordFact } from "../model/fact-registry";
import { EipFact } from "../model/facts";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { IEcsInstance } from "./ecs-instance";
import { NetworkInterface } from "./network-interface";
import {ENI_OR_INSTANCE, ipv4Fact, nameProp, requireKind, requireObject } from "./private/props";
import { PrivateIpAddress } from "./private-ip-address";
import { show } from "../show";

/** Properties of an {@link Eip}. */
export interface EipProps {
  /** Peak bandwidth in Mbit/s. @default 5 */
  readonly bandwidth?: number;
  /** Internet billing method. @default "PayByTraffic" */
  readonly internetChargeType?: "PayByBandwidth" | "PayByTraffic";
  /** Billing method. @default "PayAsYouGo" */
  readonly paymentType?: "PayAsYouGo" | "Subscription";
  /** Name (`address_name`). @default - no name */
  readonly name?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * An elastic IP (`alicloud_eip_address`). Bind it to one private IP of an ENI with
 * {@link Eip.associate}: NAT mode, one EIP per private IP.
 */
export class Eip extends Construct {
  /** The EIP allocation id. */
  public readonly allocationId: string;
  /** The public address (known after apply). */
  public readonly ipAddress: string;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.eipAddress.EipAddress;
  /** The association, once associated. */
  public association?: alicloud.eipAssociation.EipAssociation;
  private fact?: EipFact;

  constructor(scope: Construct, id: string, props: EipProps = {}) {
    super(scope, id);
    requireObject(this, props, "props");
    EniPlanner.of(this); // the planner checks this stack at synth
    const bandwidth = props.bandwidth ?? 5;
    if (!Number.isInteger(bandwidth) || bandwidth < 1 || bandwidth > 10000) {
      throw new EniConfigError(this.node.path, `bandwidth ${show(bandwidth)} is not valid; expected a whole number of Mbit/s from 1 to 10000.`);
    }
    this.resource = new alicloud.eipAddress.EipAddress(this, "Resource", {
      bandwidth: String(bandwidth),
      internetChargeType: props.internetChargeType ?? "PayByTraffic",
      paymentType: props.paymentType ?? "PayAsYouGo",
      addressName: nameProp(this, props.name, "name"),
      description: props.description,
      tags: props.tags,
    });
    this.allocationId = this.resource.id;
    this.ipAddress = this.resource.ipAddress;
  }

  /**
   * Binds the EIP in NAT mode to one private IP of a secondary ENI or of an instance's primary ENI.
   * @param target the ENI, or the instance (its primary ENI)
   * @param privateIp which of its private IPs; @default the target's primary private IP
   */
  public associate(target: NetworkInterface | IEcsInstance, privateIp?: PrivateIpAddress | string): alicloud.eipAssociation.EipAssociation {
    if (this.association) {
      throw new EniConfigError(this.node.path, "this EIP is already associated; an EIP binds to one private IP. Create another Eip.");
    }
    const isEni = target instanceof NetworkInterface;
    if (!isEni) requireKind(this, target, "instance", "associate target", ENI_OR_INSTANCE);
    const networkInterfaceId = isEni ? target.networkInterfaceId : target.primaryNetworkInterfaceId;
    if (networkInterfaceId === undefined) {
      throw new EniConfigError(
        this.node.path,
        `cannot bind to ${target.node.path}: its primary ENI id is unknown. Give primaryNetworkInterfaceId in fromEcsInstanceAttributes.`,
      );
    }
    const chosen = privateIp ?? (isEni ? target.primaryIp : target.privateIp);
    if (chosen === undefined) {
      throw new EniConfigError(this.node.path, `cannot bind to ${target.node.path}: its primary private IP is unknown; pass the private IP to bind.`);
    }
    const address = typeof chosen === "string" ? ipv4Fact(this, chosen, "privateIp") : chosen.slot;
    this.association = new alicloud.eipAssociation.EipAssociation(this, "Association", {
      allocationId: this.allocationId,
      instanceId: networkInterfaceId,
      instanceType: "NetworkInterface",
      mode: "NAT",
      privateIpAddress: typeof chosen === "string" ? chosen : chosen.emitted,
    });
    this.fact = {
      kind: "eip",
      path: this.node.path,
      stack: TerraformStack.of(this).node.path,
      imported: false,
      target: target.fact,
      privateIp: address,
      mode: "NAT",
    };
    recordFact(this, this.fact);
    markModelChanged(this);
    return this.association;
  }
}
