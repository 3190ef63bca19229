import { Construct } from "constructs";
import { EniConfigError } from "../errors";
import { markModelChanged } from "../model/fact-registry";
import { AddressSlot, CidrReservationFact, isUnknown } from "../model/facts";
import { addressMarker, fallbackMarker } from "../model/markers";
import { EniPlanner } from "../planner/eni-planner";
import * as alicloud from "../provider";
import { show } from "../show";
import { cidrFact, isToken, requireObject } from "./private/props";
import type { IVSwitch } from "./vswitch";

/** Longest IPv4 reservation (CreateVSwitchCidrReservation: no longer than /28). */
export const MAX_RESERVATION_PREFIX = 28;

/** Options of {@link IVSwitch.reserveCidr}: a block, or a mask for the planner to choose a block with. */
export interface CidrReservationOptions {
  /** The reserved IPv4 block, inside the vSwitch and no longer than /28, e.g. 10.0.1.64/26. @default - chosen by the planner from `mask` */
  readonly cidrBlock?: string;
  /** Mask of the block for the planner to choose (and lock), e.g. 26 for 64 addresses (4 prefixes). @default - `cidrBlock` is given */
  readonly mask?: number;
  /** Description. @default - none */
  readonly description?: string;
}

/** Props of {@link VSwitchCidrReservation}. */
export interface VSwitchCidrReservationProps extends CidrReservationOptions {
  /** The vSwitch the block is reserved in. */
  readonly vswitch: IVSwitch;
}

/**
 * A reserved IPv4 block of a vSwitch (`alicloud_vpc_vswitch_cidr_reservation`, `cidr_reservation_type = "Prefix"`):
 * the VPC skips it when it assigns private IPs, and ENI prefixes (`NetworkInterface` `ipv4PrefixCount`) come from it.
 * Create it with `vswitch.reserveCidr(id, ...)`.
 */
export class VSwitchCidrReservation extends Construct {
  /** The planner facts of the reservation. */
  public readonly fact: CidrReservationFact;
  /** The reserved block (a token resolved by the planner when it chose the block). */
  public readonly cidrBlock: string;
  /** The underlying L1 resource. */
  public readonly resource: alicloud.vpcVswitchCidrReservation.VpcVswitchCidrReservation;

  constructor(scope: Construct, id: string, props: VSwitchCidrReservationProps) {
    super(scope, id);
    requireObject(this, props, "options");
    const { vswitch } = props;
    if ((props.cidrBlock === undefined) === (props.mask === undefined)) {
      throw new EniConfigError(this.node.path, "give exactly one of cidrBlock (the reserved block) and mask (for the planner to choose a block).");
    }
    if (props.mask !== undefined && (isToken(props.mask) || !Number.isInteger(props.mask) || props.mask < 8 || props.mask > MAX_RESERVATION_PREFIX)) {
      throw new EniConfigError(
        this.node.path,
        `mask ${show(props.mask)} is not valid; expected a whole number from 8 to ${MAX_RESERVATION_PREFIX} (a reservation is no longer than /${MAX_RESERVATION_PREFIX}).`,
      );
    }
    const planner = EniPlanner.of(this);
    const cidr = props.cidrBlock === undefined ? undefined : cidrFact(this, props.cidrBlock, "reserved CIDR block");
    this.fact = { path: this.node.path, key: `${this.node.path}#cidr`, ...(cidr !== undefined ? { cidr } : { mask: props.mask }) };
    vswitch.fact.reservations?.push(this.fact);
    markModelChanged(this);
    // A mask: the block is the planner's (a marker it fills in); the mask reaches the cloud only when the planner cannot choose.
    const slot: AddressSlot = { key: this.fact.key, role: "cidr", vswitch: vswitch.fact };
    this.resource = new alicloud.vpcVswitchCidrReservation.VpcVswitchCidrReservation(this, "Resource", {
      vswitchId: vswitch.vswitchId,
      ipVersion: "IPv4",
      cidrReservationType: "Prefix",
      cidrReservationCidr: props.cidrBlock ?? addressMarker(slot.key),
      cidrReservationMask: props.mask === undefined ? undefined : fallbackMarker(slot.key, String(props.mask)),
      cidrReservationDescription: props.description,
    });
    const cloudPicks = props.cidrBlock === undefined && isUnknown(vswitch.fact.cidr);
    this.cidrBlock = props.cidrBlock ?? (cloudPicks ? this.resource.cidrReservationCidr : planner.lazyAddress(slot));
  }
}
