import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import { EniConfigError } from "../errors";
import { markModelChanged, recordFact } from "../model/fact-registry";
import { AddressSlot, EipFact, EipMode, FactValue } from "../model/facts";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { IEcsInstance } from "./ecs-instance";
import type { IHaVip } from "./havip";
import type { INetworkInterface } from "./network-interface";
import { ENI_OR_INSTANCE, ipv4Fact, nameProp, requireAttributes, requireKind, requireObject, requireValue } from "./private/props";
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

/** Attributes of an existing EIP, for {@link Eip.fromEipAttributes}. */
export interface EipAttributes {
  /** The EIP's allocation id, e.g. eip-bp1... */
  readonly allocationId: string;
  /** Its public address, when known (for outputs). @default - unknown */
  readonly ipAddress?: string;
}

/** Options of {@link IEip.associate}. */
export interface EipAssociateOptions {
  /**
   * `NAT` (default) binds the EIP to one private IP. `MULTI_BINDED` (multi-EIP-to-ENI) no longer accepts new
   * users: the planner refuses it (ENI-EIP-MULTI-BINDED) unless the finding is suppressed with the reason (an
   * account that already has the feature). For cut-through (`BINDED`) use {@link IEip.associateCutThrough}.
   * @default "NAT"
   */
  readonly mode?: "NAT" | "MULTI_BINDED";
}

/** An elastic IP, created here or imported. */
export interface IEip extends IConstruct {
  /** The EIP allocation id. */
  readonly allocationId: string;
  /** The public address (known after apply for new EIPs; as given, or undefined, for imported ones). */
  readonly ipAddress?: string;
  /** The association, once associated. */
  readonly association?: alicloud.eipAssociation.EipAssociation;
  /**
   * Associates the EIP with one private IP of a secondary ENI, new or imported
   * (`NetworkInterface.fromNetworkInterfaceAttributes`), or of an instance's primary ENI (NAT mode,
   * one EIP per private IP), or with a HaVip (`instance_type = "HaVip"`, one EIP per HaVip).
   */
  associate(target: INetworkInterface | IEcsInstance | IHaVip, privateIp?: PrivateIpAddress | string, options?: EipAssociateOptions): alicloud.eipAssociation.EipAssociation;
  /** Associates the EIP with a whole secondary ENI, new or imported, in cut-through mode (`mode = "BINDED"`): the EIP is visible on the NIC. */
  associateCutThrough(eni: INetworkInterface): alicloud.eipAssociation.EipAssociation;
}

/** What new and imported EIPs share: associations. */
abstract class EipBase extends Construct implements IEip {
  public abstract readonly allocationId: string;
  public abstract readonly ipAddress?: string;
  public association?: alicloud.eipAssociation.EipAssociation;
  protected abstract readonly imported: boolean;
  private fact?: EipFact;

  /**
   * Binds the EIP in NAT mode to one private IP of a secondary ENI (new, or imported with
   * `NetworkInterface.fromNetworkInterfaceAttributes`: its primary or one of its stated secondary IPs) or of
   * an instance's primary ENI, or associates it with a HaVip (then no private IP is given: the EIP maps to
   * the virtual IP).
   * @param target the ENI, the instance (its primary ENI) or the HaVip
   * @param privateIp which of the ENI's private IPs; @default the target's primary private IP
   */
  public associate(target: INetworkInterface | IEcsInstance | IHaVip, privateIp?: PrivateIpAddress | string, options: EipAssociateOptions = {}): alicloud.eipAssociation.EipAssociation {
    this.requireUnassociated();
    const mode = options?.mode ?? "NAT";
    if (mode !== "NAT" && mode !== "MULTI_BINDED") {
      const hint = (mode as string) === "BINDED" ? " For cut-through mode call associateCutThrough(eni)." : "";
      throw new EniConfigError(this.node.path, `mode ${show(mode)} is not valid for associate; expected "NAT" or "MULTI_BINDED".${hint}`);
    }
    const kind = (target as { fact?: { kind?: string } } | undefined)?.fact?.kind;
    if (kind === "havip") {
      const havip = target as IHaVip;
      if (privateIp !== undefined) {
        throw new EniConfigError(
          this.node.path,
          `a private IP (${show(typeof privateIp === "string" ? privateIp : privateIp.role)}) was given for HaVip ${havip.node.path}; an EIP on a HaVip maps to its virtual IP. Omit privateIp.`,
        );
      }
      if (mode !== "NAT") throw new EniConfigError(this.node.path, `mode ${mode} applies to secondary ENIs only; omit mode for HaVip ${havip.node.path}.`);
      const association = this.emit({ allocationId: this.allocationId, instanceId: havip.haVipId, instanceType: "HaVip" });
      this.record(havip.fact, undefined, "NAT", association);
      return association;
    }
    const isEni = kind === "eni";
    if (!isEni) requireKind(this, target as IEcsInstance, "instance", "associate target", `${ENI_OR_INSTANCE}, or a HaVip`);
    const t = target as INetworkInterface | IEcsInstance;
    const eni = isEni ? (target as INetworkInterface) : undefined;
    if (mode === "MULTI_BINDED" && !isEni) {
      throw new EniConfigError(
        this.node.path,
        `mode MULTI_BINDED binds EIPs to a secondary ENI, but ${t.node.path} is an instance (its primary ENI). Associate with a NetworkInterface, or use NAT mode.`,
      );
    }
    const networkInterfaceId = eni ? eni.networkInterfaceId : (t as IEcsInstance).primaryNetworkInterfaceId;
    if (networkInterfaceId === undefined) {
      throw new EniConfigError(this.node.path, `cannot bind to ${t.node.path}: its primary ENI id is unknown. Give primaryNetworkInterfaceId in fromEcsInstanceAttributes.`);
    }
    const chosen = privateIp ?? (eni ? eni.primaryIp : (t as IEcsInstance).privateIp);
    if (chosen === undefined) {
      throw new EniConfigError(this.node.path, `cannot bind to ${t.node.path}: its primary private IP is unknown; pass the private IP to bind.`);
    }
    const address: AddressSlot | FactValue<string> = typeof chosen === "string" ? ipv4Fact(this, chosen, "privateIp") : chosen.slot;
    const association = this.emit({
      allocationId: this.allocationId,
      instanceId: networkInterfaceId,
      instanceType: "NetworkInterface",
      mode,
      privateIpAddress: typeof chosen === "string" ? chosen : chosen.emitted,
    });
    // Multi-EIP-to-ENI mode, like cut-through, is set while the ENI is detached: attach after associating.
    if (mode === "MULTI_BINDED") eni!.attachAfter(association);
    this.record(t.fact, address, mode, association);
    return association;
  }

  /**
   * Associates the EIP with a secondary ENI in cut-through mode (`mode = "BINDED"`): the EIP replaces the
   * ENI's primary private IP and shows on the NIC in the guest OS (for SIP, FTP, VPN, H.323...). The ENI
   * must not be attached while this is set, so its attachments wait for the association (`depends_on`);
   * it takes this one EIP only, and loses its private-network features. The planner checks these
   * (ENI-EIP-CUT-THROUGH, ENI-EIP-CUT-THROUGH-ORDER) and warns about the private network and the region
   * (ENI-EIP-CUT-THROUGH-PRIVATE, ENI-EIP-CUT-THROUGH-REGION). After attaching, enable DHCP on the
   * interface in the guest and restart it. An imported ENI (`NetworkInterface.fromNetworkInterfaceAttributes`)
   * is taken too; what the planner cannot see of it (whether it is detached, a secondary ENI, and without
   * EIPs outside this program) is ENI-EIP-CUT-THROUGH-EXISTING.
   */
  public associateCutThrough(eni: INetworkInterface): alicloud.eipAssociation.EipAssociation {
    this.requireUnassociated();
    requireKind(
      this,
      eni,
      "eni",
      "associateCutThrough target",
      "a NetworkInterface (new NetworkInterface or NetworkInterface.fromNetworkInterfaceAttributes; cut-through mode binds a whole secondary ENI, never an instance's primary ENI)",
    );
    const association = this.emit({ allocationId: this.allocationId, instanceId: eni.networkInterfaceId, instanceType: "NetworkInterface", mode: "BINDED" });
    eni.attachAfter(association);
    this.record(eni.fact, eni.primaryIp.slot, "BINDED", association);
    return association;
  }

  private requireUnassociated(): void {
    if (this.association) {
      throw new EniConfigError(this.node.path, "this EIP is already associated; an EIP binds to one private IP, ENI or HaVip. Create another Eip.");
    }
  }

  private emit(config: alicloud.eipAssociation.EipAssociationConfig): alicloud.eipAssociation.EipAssociation {
    this.association = new alicloud.eipAssociation.EipAssociation(this, "Association", config);
    return this.association;
  }

  private record(target: EipFact["target"], privateIp: EipFact["privateIp"], mode: EipMode, association: alicloud.eipAssociation.EipAssociation): void {
    this.fact = {
      kind: "eip",
      path: this.node.path,
      stack: TerraformStack.of(this).node.path,
      imported: this.imported,
      target,
      privateIp,
      mode,
      associationPath: association.node.path,
    };
    recordFact(this, this.fact);
    markModelChanged(this);
  }
}

/**
 * An elastic IP (`alicloud_eip_address`). Bind it to one private IP of an ENI with {@link Eip.associate}
 * (NAT mode, one EIP per private IP), to a HaVip with `associate(havip)`, or to a whole secondary ENI in
 * cut-through mode with {@link Eip.associateCutThrough}.
 */
export class Eip extends EipBase {
  /** Imports an existing EIP so it can be associated here; nothing is emitted for it but the association. The planner counts it (ENI-EIP-QUOTA). */
  public static fromEipAttributes(scope: Construct, id: string, attrs: EipAttributes): IEip {
    requireAttributes(scope, id, attrs);
    class Imported extends EipBase {
      public readonly allocationId = attrs.allocationId;
      public readonly ipAddress = attrs.ipAddress;
      protected readonly imported = true;
      constructor() {
        super(scope, id);
        EniPlanner.of(this); // the planner checks this stack at synth
        requireValue(this, attrs.allocationId, "allocationId", "the allocation id of the existing EIP, e.g. eip-bp1...");
      }
    }
    return new Imported();
  }

  /** The EIP allocation id. */
  public readonly allocationId: string;
  /** The public address (known after apply). */
  public readonly ipAddress: string;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.eipAddress.EipAddress;
  protected readonly imported = false;

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
}
