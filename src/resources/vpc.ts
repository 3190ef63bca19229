import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import { recordFact } from "../model/fact-registry";
import { VpcFact } from "../model/facts";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import {cidrFact, isToken, nameProp, requireAttributes, requireObject, requireValue } from "./private/props";

/** A VPC, created here or imported. */
export interface IVpc extends IConstruct {
  /** The VPC id (a token for VPCs created here). */
  readonly vpcId: string;
  /** The primary IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** The facts the planner checks. */
  readonly fact: VpcFact;
}

/** Properties of a new {@link Vpc}. */
export interface VpcProps {
  /** Primary IPv4 CIDR block, e.g. 10.0.0.0/16 (inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 as a rule). */
  readonly cidrBlock: string;
  /** Name (`vpc_name`). @default - no name */
  readonly name?: string;
  /** Description. @default - none */
  readonly description?: string;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/** Attributes of an existing VPC, for {@link Vpc.fromVpcAttributes}. */
export interface VpcAttributes {
  /** The VPC id, e.g. vpc-bp1... */
  readonly vpcId: string;
  /** Its primary IPv4 CIDR block. */
  readonly cidrBlock: string;
}

/** Records the facts of a VPC. */
function vpcFact(scope: IConstruct, cidrBlock: string, imported: boolean, vpcId?: string): VpcFact {
  return {
    kind: "vpc",
    key: vpcId !== undefined && !isToken(vpcId) ? vpcId : scope.node.path,
    path: scope.node.path,
    stack: TerraformStack.of(scope).node.path,
    imported,
    cidr: cidrFact(scope, cidrBlock, "VPC CIDR block"),
  };
}

/** A VPC (`alicloud_vpc`). */
export class Vpc extends Construct implements IVpc {
  /** Imports an existing VPC: nothing is emitted, the planner knows its CIDR. */
  public static fromVpcAttributes(scope: Construct, id: string, attrs: VpcAttributes): IVpc {
    requireAttributes(scope, id, attrs);
    class Imported extends Construct implements IVpc {
      public readonly vpcId = attrs.vpcId;
      public readonly cidrBlock = attrs.cidrBlock;
      public readonly fact: VpcFact;
      constructor() {
        super(scope, id);
        requireValue(this, attrs.vpcId, "vpcId", "the id of the existing VPC, e.g. vpc-bp1...");
        EniPlanner.of(this);
        this.fact = vpcFact(this, requireValue(this, attrs.cidrBlock, "cidrBlock", "its IPv4 CIDR block"), true, attrs.vpcId);
        recordFact(this, this.fact);
      }
    }
    return new Imported();
  }

  public readonly vpcId: string;
  public readonly cidrBlock: string;
  public readonly fact: VpcFact;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.vpc.Vpc;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    requireObject(this, props, "props");
    requireValue(this, props.cidrBlock, "cidrBlock", "an IPv4 CIDR block, e.g. 10.0.0.0/16");
    EniPlanner.of(this); // the planner checks this stack at synth, even with no ENI in it
    this.fact = vpcFact(this, props.cidrBlock, false);
    recordFact(this, this.fact);
    this.resource = new alicloud.vpc.Vpc(this, "Resource", {
      cidrBlock: props.cidrBlock,
      vpcName: nameProp(this, props.name, "name"),
      description: props.description,
      tags: props.tags,
    });
    this.vpcId = this.resource.id;
    this.cidrBlock = props.cidrBlock;
  }
}
