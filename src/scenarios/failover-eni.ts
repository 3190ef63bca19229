import { Construct } from "constructs";
import { Fn, TerraformVariable } from "../cdktf";
import { EniConfigError } from "../errors";
import * as alicloud from "../provider";
import { AttachmentTarget } from "../resources/attachment-target";
import { Eip, EipProps } from "../resources/eip";
import { IEcsInstance } from "../resources/ecs-instance";
import { NetworkInterface } from "../resources/network-interface";
import { PrivateIpAddress } from "../resources/private-ip-address";
import { ISecurityGroup } from "../resources/security-group";
import { IVSwitch } from "../resources/vswitch";
import { claimStackName, eipPropsOf, identifier, nonEmptyArray, uniqueInstanceKeys } from "./private/checks";
import { requireKind } from "../resources/private/props";

/** Properties of a {@link FailoverEni}. */
export interface FailoverEniProps {
  /** vSwitch of the ENI: same VPC and zone as every candidate instance. */
  readonly vswitch: IVSwitch;
  /** Security groups of the ENI: 1 to 5, of one type, in the vSwitch's VPC. */
  readonly securityGroups: ISecurityGroup[];
  /** Candidate instances, in order (new or imported); the first is active by default. Their construct ids are the keys the variable takes. */
  readonly instances: IEcsInstance[];
  /** Number of secondary private IPs, allocated by the planner. @default 0 */
  readonly secondaryPrivateIpCount?: number;
  /** Explicit secondary private IPs. @default - none */
  readonly secondaryPrivateIps?: string[];
  /** Primary private IP of the ENI (the address that moves with it). @default - planned by the planner */
  readonly primaryIp?: string;
  /** An EIP bound (NAT mode) to the ENI's primary IP, so the public address moves too: true, or its properties. @default false */
  readonly eip?: boolean | EipProps;
  /**
   * How the EIP is bound: `NAT` (to the primary private IP; the guest sees only the private address) or
   * `cut-through` (`mode = "BINDED"`: the EIP replaces the ENI's primary private IP and shows on the NIC, for
   * SIP, FTP or VPN gateways; the ENI loses its private-network features and the attachment waits for the
   * association). @default "NAT"
   */
  readonly eipMode?: "NAT" | "cut-through";
  /** Name of the ENI (`network_interface_name`). @default - no name */
  readonly name?: string;
  /**
   * Failover is done by other tooling (e.g. a script calling AttachNetworkInterface): the attachment
   * ignores later changes of its instance (`lifecycle.ignore_changes = ["instance_id"]`). @default false
   */
  readonly selfManagedFailover?: boolean;
  /** Name of the Terraform variable that selects the active instance. @default - `<construct id>_active_instance` (non-identifier characters become `_`) */
  readonly variableName?: string;
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Names Terraform reserves for variables. */
const RESERVED_VARIABLE_NAMES = new Set(["source", "version", "providers", "count", "for_each", "lifecycle", "depends_on", "locals"]);

/**
 * Low-cost failover: one secondary ENI (its addresses, and optionally an EIP) that can be moved
 * between candidate instances by changing one Terraform variable, without re-synthesizing:
 *
 * ```sh
 * cdktf deploy --var='db_active_instance=standby'
 * terraform apply -var db_active_instance=standby
 * ```
 *
 * The attachment's `instance_id` is an expression over the variable (a map from candidate key to
 * instance id, indexed by `var.<name>`); the variable only accepts candidate keys. The planner
 * checks every candidate as if the ENI were attached to it: same VPC and zone (ENI-VPC, ENI-ZONE),
 * room for one more ENI and for its addresses (ENI-COUNT, ENI-IP-COUNT), hot swap (ENI-HOTPLUG).
 */
export class FailoverEni extends Construct {
  /** The ENI. */
  public readonly networkInterface: NetworkInterface;
  /** The attachment (its `instance_id` follows the variable). */
  public readonly attachment: alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment;
  /** The Terraform variable that selects the active instance (a string: one of {@link candidateKeys}). */
  public readonly activeInstanceVariable: TerraformVariable;
  /** The variable's name, as passed to `-var <name>=<key>`. */
  public readonly variableName: string;
  /** The candidate keys (construct ids of the instances), in order. */
  public readonly candidateKeys: readonly string[];
  /** The candidates, in order. */
  public readonly instances: readonly IEcsInstance[];
  /** Every private IP of the ENI: primary first. */
  public readonly privateIps: readonly PrivateIpAddress[];
  /** The EIP on the ENI's primary IP, when asked for. */
  public readonly eip?: Eip;

  constructor(scope: Construct, id: string, props: FailoverEniProps) {
    super(scope, id);
    const instances = nonEmptyArray(this, props?.instances, "instances", "List the candidate instances, active one first.").map((x, i) => requireKind(this, x, "instance", `instances[${i}]`));
    requireKind(this, props.vswitch, "vswitch", "vswitch");
    nonEmptyArray(this, props.securityGroups, "securityGroups", "Give 1 to 5 security groups for the ENI.");
    this.instances = instances;
    this.candidateKeys = uniqueInstanceKeys(this, instances, "instances");
    this.variableName = this.checkVariableName(props.variableName ?? identifier(this.node.id, "active_instance"));

    const keys = this.candidateKeys;
    this.activeInstanceVariable = new TerraformVariable(this, "ActiveInstance", {
      type: "string",
      default: keys[0],
      description: `Which instance ENI ${this.node.path} is attached to: one of ${keys.join(", ")}. Change it and apply to fail over.`,
      nullable: false,
    });
    this.activeInstanceVariable.overrideLogicalId(this.variableName);
    this.activeInstanceVariable.addValidation({
      condition: Fn.contains(keys, this.activeInstanceVariable.stringValue),
      errorMessage: `The active instance must be one of: ${keys.join(", ")}.`,
    });

    this.networkInterface = new NetworkInterface(this, "Eni", {
      vswitch: props.vswitch,
      securityGroups: props.securityGroups,
      primaryIp: props.primaryIp,
      secondaryPrivateIpCount: props.secondaryPrivateIpCount,
      secondaryPrivateIps: props.secondaryPrivateIps,
      name: props.name,
      description: `Failover ENI; active instance chosen by var.${this.variableName}`,
      // The ENI, its addresses and its EIP must outlive the instance that fails (released from the
      // console, by auto-release or spot reclamation); by default the cloud releases it with the instance.
      deleteOnRelease: false,
    });
    const ids: Record<string, string> = {};
    instances.forEach((inst, i) => (ids[keys[i]] = inst.instanceId));
    this.attachment = this.networkInterface.attachTo(
      AttachmentTarget.oneOf(instances, {
        instanceId: Fn.lookup(ids, this.activeInstanceVariable.stringValue),
        ignoreInstanceChanges: props.selfManagedFailover ?? false,
        // Self-managed failover moves the ENI outside Terraform: after the first apply, the variable's default says nothing.
        ...(props.selfManagedFailover ? {} : { active: instances[0], activeChosenBy: `default of var.${this.variableName}` }),
      }),
    );
    this.privateIps = this.networkInterface.privateIps;

    const eipMode = props.eipMode ?? "NAT";
    if (eipMode !== "NAT" && eipMode !== "cut-through") {
      throw new EniConfigError(this.node.path, `eipMode ${JSON.stringify(eipMode)} is not valid; expected "NAT" or "cut-through".`);
    }
    const eipProps = eipPropsOf(props.eip);
    if (eipProps) {
      this.eip = new Eip(this, "Eip", eipProps);
      if (eipMode === "cut-through") this.eip.associateCutThrough(this.networkInterface);
      else this.eip.associate(this.networkInterface, this.networkInterface.primaryIp);
    } else if (props.eipMode !== undefined) {
      throw new EniConfigError(this.node.path, `eipMode is ${JSON.stringify(eipMode)} but no EIP was asked for; set eip: true (or its properties), or drop eipMode.`);
    }
  }

  private checkVariableName(name: string): string {
    if (typeof name !== "string" || !VARIABLE_NAME.test(name) || RESERVED_VARIABLE_NAMES.has(name)) {
      throw new EniConfigError(
        this.node.path,
        `variableName ${JSON.stringify(name)} is not a valid Terraform variable name; expected letters, digits, "_" or "-", starting with a letter or "_", and not one of ${[...RESERVED_VARIABLE_NAMES].join(", ")}. Pass another variableName.`,
      );
    }
    return claimStackName(this, "variable", name, "pass a distinct variableName.");
  }
}
