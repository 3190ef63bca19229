import type { IConstruct } from "constructs";
import { AddressSlot, FactValue, isUnknown, VSwitchFact } from "../model/facts";
import { addressMarker } from "../model/markers";
import { EniPlanner } from "../planner/eni-planner";

/**
 * One private IPv4 address of an ENI (or of an instance's primary ENI), explicit or planned.
 * `address` is a token that synthesizes to the concrete address the planner chose.
 */
export class PrivateIpAddress {
  /** Creates the slot for an address with the given role on its owner. */
  public static create(owner: IConstruct, role: string, vswitch: VSwitchFact, explicit?: FactValue<string>, existing = false): PrivateIpAddress {
    return new PrivateIpAddress(owner, { key: `${owner.node.path}#${role}`, role, vswitch, explicit, existing });
  }

  private token?: string;

  private constructor(
    /** The construct whose ENI carries the address. */
    public readonly owner: IConstruct,
    /** The planner's view of the address. */
    public readonly slot: AddressSlot,
  ) {}

  /** The address (a token resolved by the planner at synth time). */
  public get address(): string {
    this.token ??= EniPlanner.of(this.owner).lazyAddress(this.slot);
    return this.token;
  }

  /** The role of the address on its owner, e.g. `primary` or `secondary-2`. */
  /** What the L1 attribute holds for this address: the explicit value, or a marker the planner fills in. */
  public get emitted(): string {
    const e = this.slot.explicit;
    if (e === undefined) return addressMarker(this.slot.key);
    return isUnknown(e) ? (e.token ?? e.description) : e;
  }

  public get role(): string {
    return this.slot.role;
  }
}
