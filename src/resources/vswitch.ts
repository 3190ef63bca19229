import { show } from "../show";
import { Construct, IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import { EniConfigError } from "../errors";
import { recordFact } from "../model/fact-registry";
import { VSwitchFact, VSwitchIpv6Fact } from "../model/facts";
import { Ipv6Cidr } from "../net/ipv6";
import { CidrReservationOptions, VSwitchCidrReservation } from "./cidr-reservation";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { cidrFact, ipv4Fact, isToken, nameProp, requireAttributes, requireKind, requireObject, requireValue, stringFact } from "./private/props";
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
  /**
   * Reserves an IPv4 block of the vSwitch for ENI prefixes (`alicloud_vpc_vswitch_cidr_reservation`, type
   * Prefix): give `cidrBlock`, or `mask` to have the planner choose (and lock) the block.
   */
  reserveCidr(id: string, options: CidrReservationOptions): VSwitchCidrReservation;
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
  /**
   * Enables IPv6 with this suffix (`ipv6_cidr_block_mask`): the vSwitch gets the /64 numbered `suffix` inside
   * the VPC's IPv6 block (0-4095 for a /52 VPC block, 0-255 for /56, 0-15 for /60); unique per VPC.
   * @default - IPv6 not enabled
   */
  readonly ipv6CidrBlockMask?: number;
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
  /** Its IPv6 block (a /64), when IPv6 is enabled on it, e.g. 2408:4005:3a6:a100::/64. @default - IPv6 not enabled */
  readonly ipv6CidrBlock?: string;
}

/** The IPv6 fact of a new vSwitch: its suffix, and its /64 when the VPC's IPv6 block is known. */
function newIpv6(scope: IConstruct, vpc: IVpc, suffix: number | undefined): VSwitchIpv6Fact | undefined {
  if (suffix === undefined) return undefined;
  if (isToken(suffix)) return { suffix: { unknown: true, description: String(suffix), token: String(suffix) } };
  if (typeof suffix !== "number" || !Number.isInteger(suffix) || suffix < 0) {
    throw new EniConfigError(scope.node.path, `ipv6CidrBlockMask ${show(suffix)} is not valid; expected a whole number from 0 (the suffix of the vSwitch's /64 in the VPC's IPv6 block).`);
  }
  const v6 = vpc.fact.ipv6;
  if (v6?.cidr && suffix < 2 ** (64 - v6.cidr.prefix)) {
    return { suffix, cidr: Ipv6Cidr.of(v6.cidr.network + (BigInt(suffix) << 64n), 64) };
  }
  return { suffix };
}

/** The IPv6 fact of an imported vSwitch's /64. */
function importedIpv6(scope: IConstruct, block: string | undefined): VSwitchIpv6Fact | undefined {
  if (block === undefined) return undefined;
  if (isToken(block)) throw new EniConfigError(scope.node.path, "ipv6CidrBlock is a Terraform token; give the existing vSwitch's IPv6 block as a literal, e.g. 2408:4005:3a6:a100::/64.");
  let cidr: Ipv6Cidr;
  try {
    cidr = Ipv6Cidr.parse(block, "vSwitch IPv6 CIDR block");
  } catch (e) {
    throw new EniConfigError(scope.node.path, `${(e as Error).message}.`);
  }
  if (cidr.prefix !== 64) throw new EniConfigError(scope.node.path, `vSwitch IPv6 CIDR block ${cidr} is a /${cidr.prefix}; a vSwitch's IPv6 block is always a /64.`);
  return { cidr };
}

/** Records the facts of a vSwitch. */
function vswitchFact(
  scope: IConstruct,
  vpc: IVpc,
  zoneId: string,
  cidrBlock: string,
  poolId: string,
  usedIps: string[] | undefined,
  imported: boolean,
  ipv6: VSwitchIpv6Fact | undefined,
): VSwitchFact {
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
    ...(ipv6 ? { ipv6 } : {}),
    reservations: [],
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
        this.fact = vswitchFact(this, attrs.vpc, attrs.zoneId, attrs.cidrBlock, poolId, attrs.usedIps, true, importedIpv6(this, attrs.ipv6CidrBlock));
        recordFact(this, this.fact);
      }
      public reserveCidr(rid: string, options: CidrReservationOptions): VSwitchCidrReservation {
        return new VSwitchCidrReservation(this, rid, { ...options, vswitch: this });
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
    this.fact = vswitchFact(this, props.vpc, props.zoneId, props.cidrBlock, this.node.path, [], false, newIpv6(this, props.vpc, props.ipv6CidrBlockMask));
    recordFact(this, this.fact);
    this.resource = new alicloud.vswitch.Vswitch(this, "Resource", {
      vpcId: props.vpc.vpcId,
      zoneId: props.zoneId,
      cidrBlock: props.cidrBlock,
      vswitchName: nameProp(this, props.name, "name"),
      description: props.description,
      tags: props.tags,
      enableIpv6: props.ipv6CidrBlockMask !== undefined ? true : undefined,
      ipv6CidrBlockMask: props.ipv6CidrBlockMask,
    });
    this.vswitchId = this.resource.id;
    this.vpc = props.vpc;
    this.zoneId = props.zoneId;
    this.cidrBlock = props.cidrBlock;
  }

  public reserveCidr(id: string, options: CidrReservationOptions): VSwitchCidrReservation {
    return new VSwitchCidrReservation(this, id, { ...options, vswitch: this });
  }
}
