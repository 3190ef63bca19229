import { show } from "../show";
import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import { EniConfigError } from "../errors";
import { recordFact } from "../model/fact-registry";
import { VSwitchFact } from "../model/facts";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import {cidrFact, ipv4Fact, isToken, nameProp, requireAttributes, requireKind, requireObject, requireValue, stringFact } from "./private/props";
import { IVpc } from "./vpc";

/** A vSwitch, created here or imported. */
export interface IVSwitch extends IConstruct {
  /** The vSwitch id (a token for vSwitches created here). */
  readonly vswitchId: string;
  /** The VPC it belongs to. */
  readonly vpc: IVpc;
  /** Its zone, e.g. cn-hangzhou-h. */
  readonly zoneId: string;
  /** Its IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** The facts the planner checks. */
  readonly fact: VSwitchFact;
}

/** Properties of a new {@link VSwitch}. */
export interface VSwitchProps {
  /** The VPC. */
  readonly vpc: IVpc;
  /** Zone id, e.g. cn-hangzhou-h. */
  readonly zoneId: string;
  /** IPv4 CIDR block, /16 to /29, inside the VPC's CIDR. */
  readonly cidrBlock: string;
  /** Name (`vswitch_name`). @default - no name */
  readonly name?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/** Attributes of an existing vSwitch, for {@link VSwitch.fromVSwitchAttributes}. */
export interface VSwitchAttributes {
  /** The vSwitch id, e.g. vsw-bp1... */
  readonly vswitchId: string;
  /** Its VPC (new or imported). */
  readonly vpc: IVpc;
  /** Its zone id. */
  readonly zoneId: string;
  /** Its IPv4 CIDR block. */
  readonly cidrBlock: string;
  /**
   * Addresses already in use in the vSwitch; the planner never hands them out. Addresses the lock file
   * gives to this program's own constructs may be listed too (they stay theirs), so the output of
   * `UsedAddresses` (DescribeNetworkInterfaces, DescribeInstances, DescribeHaVips) can be passed as is.
   * `[]` states that nothing else is in use.
   * @default - not stated: the planner treats the vSwitch as empty and warns (ENI-VSW-USED-UNKNOWN) when it plans an address in it
   */
  readonly usedIps?: string[];
}

/** Records the facts of a vSwitch. */
function vswitchFact(scope: IConstruct, vpc: IVpc, zoneId: string, cidrBlock: string, poolId: string, usedIps: string[] | undefined, imported: boolean): VSwitchFact {
  if (typeof zoneId !== "string" || zoneId.trim() === "") {
    throw new EniConfigError(scope.node.path, `zoneId ${show(zoneId)} is empty; give the zone id, e.g. cn-hangzhou-h.`);
  }
  return {
    kind: "vswitch",
    path: scope.node.path,
    stack: TerraformStack.of(scope).node.path,
    imported,
    poolId,
    vpc: vpc.fact,
    zoneId: stringFact(zoneId),
    cidr: cidrFact(scope, cidrBlock, "vSwitch CIDR block"),
    usedIpsStated: !imported || usedIps !== undefined,
    usedIps: (usedIps ?? []).map((ip, i) => {
      const f = ipv4Fact(scope, ip, `usedIps[${i}]`);
      if (typeof f !== "string") throw new EniConfigError(scope.node.path, `usedIps[${i}] is a Terraform token; list concrete addresses.`);
      return f;
    }),
  };
}

/** A vSwitch (`alicloud_vswitch`): a zone-level subnet of a VPC that ENIs take addresses from. */
export class VSwitch extends Construct implements IVSwitch {
  /** Imports an existing vSwitch: nothing is emitted, the planner knows its CIDR, zone and used addresses. */
  public static fromVSwitchAttributes(scope: Construct, id: string, attrs: VSwitchAttributes): IVSwitch {
    requireAttributes(scope, id, attrs);
    class Imported extends Construct implements IVSwitch {
      public readonly vswitchId = attrs.vswitchId;
      public readonly vpc = attrs.vpc;
      public readonly zoneId = attrs.zoneId;
      public readonly cidrBlock = attrs.cidrBlock;
      public readonly fact: VSwitchFact;
      constructor() {
        super(scope, id);
        requireValue(this, attrs.vswitchId, "vswitchId", "the id of the existing vSwitch, e.g. vsw-bp1...");
        requireKind(this, attrs.vpc, "vpc", "vpc");
        requireValue(this, attrs.cidrBlock, "cidrBlock", "its IPv4 CIDR block");
        EniPlanner.of(this);
        const poolId = isToken(attrs.vswitchId) ? this.node.path : attrs.vswitchId;
        this.fact = vswitchFact(this, attrs.vpc, attrs.zoneId, attrs.cidrBlock, poolId, attrs.usedIps, true);
        recordFact(this, this.fact);
      }
    }
    return new Imported();
  }

  public readonly vswitchId: string;
  public readonly vpc: IVpc;
  public readonly zoneId: string;
  public readonly cidrBlock: string;
  public readonly fact: VSwitchFact;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.vswitch.Vswitch;

  constructor(scope: Construct, id: string, props: VSwitchProps) {
    super(scope, id);
    requireObject(this, props, "props");
    requireKind(this, props.vpc, "vpc", "vpc");
    requireValue(this, props.cidrBlock, "cidrBlock", "an IPv4 CIDR block /16 to /29 inside the VPC, e.g. 10.0.1.0/24");
    EniPlanner.of(this); // the planner checks this stack at synth, even with no ENI in it
    this.fact = vswitchFact(this, props.vpc, props.zoneId, props.cidrBlock, this.node.path, [], false);
    recordFact(this, this.fact);
    this.resource = new alicloud.vswitch.Vswitch(this, "Resource", {
      vpcId: props.vpc.vpcId,
      zoneId: props.zoneId,
      cidrBlock: props.cidrBlock,
      vswitchName: nameProp(this, props.name, "name"),
      description: props.description,
      tags: props.tags,
    });
    this.vswitchId = this.resource.id;
    this.vpc = props.vpc;
    this.zoneId = props.zoneId;
    this.cidrBlock = props.cidrBlock;
  }
}
