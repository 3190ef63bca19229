import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import { recordFact } from "../model/fact-registry";
import { VpcFact, VpcIpv6Fact } from "../model/facts";
import { EniConfigError } from "../errors";
import { Ipv6Cidr } from "../net/ipv6";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { cidrFact, isToken, nameProp, requireAttributes, requireObject, requireValue } from "./private/props";

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
  /**
   * Enables IPv6 (`enable_ipv6`): the cloud assigns the VPC a /56 IPv6 block, from which each vSwitch with
   * `ipv6CidrBlockMask` gets a /64 (suffix 0-255). @default false
   */
  readonly enableIpv6?: boolean;
}

/** Attributes of an existing VPC, for {@link Vpc.fromVpcAttributes}. */
export interface VpcAttributes {
  /** The VPC id, e.g. vpc-bp1... */
  readonly vpcId: string;
  /** Its primary IPv4 CIDR block. */
  readonly cidrBlock: string;
  /** Its IPv6 block (/52, /56 or /60), when IPv6 is enabled on it, e.g. 2408:4005:3a6:a100::/56. @default - IPv6 not enabled */
  readonly ipv6CidrBlock?: string;
}

/** Mask of the IPv6 block the cloud assigns to a new VPC with enable_ipv6 (IPv6 gateway docs: a /56). */
export const NEW_VPC_IPV6_MASK = 56;
/** VPC IPv6 masks the provider accepts (ipv6_cidr_block_mask docs: 60, 56 or 52). */
export const VPC_IPV6_MASKS: readonly number[] = [52, 56, 60];

/** The IPv6 fact of an imported VPC's block; throws naming the construct when it is not /52, /56 or /60. */
function importedIpv6(scope: IConstruct, block: string | undefined): VpcIpv6Fact | undefined {
  if (block === undefined) return undefined;
  if (isToken(block)) throw new EniConfigError(scope.node.path, "ipv6CidrBlock is a Terraform token; give the existing VPC's IPv6 block as a literal, e.g. 2408:4005:3a6:a100::/56.");
  let cidr: Ipv6Cidr;
  try {
    cidr = Ipv6Cidr.parse(block, "VPC IPv6 CIDR block");
  } catch (e) {
    throw new EniConfigError(scope.node.path, `${(e as Error).message}.`);
  }
  if (!VPC_IPV6_MASKS.includes(cidr.prefix)) {
    throw new EniConfigError(scope.node.path, `VPC IPv6 CIDR block ${cidr} has a /${cidr.prefix} mask; a VPC's IPv6 block is /52, /56 or /60.`);
  }
  return { mask: cidr.prefix, cidr };
}

/** Records the facts of a VPC. */
function vpcFact(scope: IConstruct, cidrBlock: string, imported: boolean, vpcId?: string, ipv6?: VpcIpv6Fact): VpcFact {
  return {
    ...(ipv6 ? { ipv6 } : {}),
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
        this.fact = vpcFact(this, requireValue(this, attrs.cidrBlock, "cidrBlock", "its IPv4 CIDR block"), true, attrs.vpcId, importedIpv6(this, attrs.ipv6CidrBlock));
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
    if (props.enableIpv6 !== undefined && typeof props.enableIpv6 !== "boolean") {
      throw new EniConfigError(this.node.path, `enableIpv6 is ${JSON.stringify(props.enableIpv6)}; expected true or false.`);
    }
    this.fact = vpcFact(this, props.cidrBlock, false, undefined, props.enableIpv6 ? { mask: NEW_VPC_IPV6_MASK } : undefined);
    recordFact(this, this.fact);
    this.resource = new alicloud.vpc.Vpc(this, "Resource", {
      cidrBlock: props.cidrBlock,
      vpcName: nameProp(this, props.name, "name"),
      description: props.description,
      tags: props.tags,
      enableIpv6: props.enableIpv6 ? true : undefined,
    });
    this.vpcId = this.resource.id;
    this.cidrBlock = props.cidrBlock;
  }
}
