import type { IConstruct } from "constructs";
import { EniConfigError } from "../../errors";
import { markModelChanged } from "../../model/fact-registry";
import { AddressSlot, isUnknown, secondaryRole } from "../../model/facts";
import { EniPlanner } from "../../planner/eni-planner";
import { PrivateIpAddress } from "../private-ip-address";
import type { IVSwitch } from "../vswitch";
import { countProp, exclusive, ipv4Fact, roleProp } from "./props";

/** The API's bound on a secondary-IP count (SecondaryPrivateIpAddressCount 1-49). */
const SECONDARY_IP_MAX = 49;

/** Address props shared by an instance's primary ENI and a secondary ENI. */
export interface EniAddressProps {
  /** Explicit primary IP, and the prop name it came from (for messages). */
  readonly primary?: { readonly value: string; readonly prop: string };
  /** Number of secondary IPs for the planner to allocate. */
  readonly secondaryPrivateIpCount?: number;
  /** Explicit secondary IPs. */
  readonly secondaryPrivateIps?: string[];
}

/** The L1 attribute values (planner tokens) of an ENI's addresses. */
export interface EniAddressAttributes {
  /** The primary IP. */
  readonly primary: string;
  /** The secondary IPs. */
  readonly list?: string[];
  /** The secondary count, only when the vSwitch CIDR is unknown. */
  readonly count?: number;
}

/** Setter of the L1 list attribute of the secondary IPs. */
export interface EniAddressSetters {
  /** Sets the secondary IP list attribute. */
  list(value: string[]): void;
}

/**
 * The private IPs of one ENI: the primary, then secondaries (explicit, counted, or added by role),
 * each a planner slot keyed `<owner path>#<role>`. Shared by EcsInstance (its primary ENI) and NetworkInterface.
 */
export class EniAddresses {
  /** The primary private IP. */
  public readonly primary: PrivateIpAddress;
  private readonly list: PrivateIpAddress[] = [];
  private readonly slotSink: AddressSlot[] = [];
  private setters?: EniAddressSetters;

  constructor(
    private readonly owner: IConstruct,
    private readonly vswitch: IVSwitch,
    props: EniAddressProps,
  ) {
    exclusive(owner, ["secondaryPrivateIpCount", props.secondaryPrivateIpCount], ["secondaryPrivateIps", props.secondaryPrivateIps]);
    this.primary = PrivateIpAddress.create(owner, "primary", vswitch.fact, props.primary === undefined ? undefined : ipv4Fact(owner, props.primary.value, props.primary.prop));
    (props.secondaryPrivateIps ?? []).forEach((ip, i) => {
      this.push(PrivateIpAddress.create(owner, `secondary-ip-${i + 1}`, vswitch.fact, ipv4Fact(owner, ip, `secondaryPrivateIps[${i}]`)));
    });
    const count = countProp(owner, props.secondaryPrivateIpCount, "secondaryPrivateIpCount", 0, SECONDARY_IP_MAX);
    for (let i = 1; i <= count; i++) this.push(PrivateIpAddress.create(owner, secondaryRole(i), vswitch.fact));
  }

  /** The secondary IPs, in the order they were added. */
  public get secondaries(): readonly PrivateIpAddress[] {
    return this.list;
  }

  /**
   * The secondary slots, as a live array for the owner's fact: it grows with {@link add}.
   * Call once, when building the fact.
   */
  public get secondarySlots(): AddressSlot[] {
    return this.slotSink;
  }

  /** Adds one planned secondary IP per role; roles are unique on the ENI ("primary" included). */
  public add(roles: string[], what: string): PrivateIpAddress[] {
    const taken = new Set([this.primary.role, ...this.list.map((a) => a.role)]);
    return roles.map((role) => {
      roleProp(this.owner, role);
      if (taken.has(role)) throw new EniConfigError(this.owner.node.path, `a private IP with role "${role}" already exists on ${what}; roles must be unique.`);
      taken.add(role);
      const a = PrivateIpAddress.create(this.owner, role, this.vswitch.fact);
      this.push(a);
      return a;
    });
  }

  /**
   * The L1 attributes for the primary and the secondaries: what the planner fills in (markers, see
   * model/markers) or the explicit values; a count for the cloud to pick is emitted only when the
   * vSwitch CIDR is unknown at synth (then the planner cannot allocate).
   */
  public attributes(): EniAddressAttributes {
    const what = this.owner.node.path;
    return {
      primary: this.primary.emitted,
      list: this.list.length > 0 ? this.list.map((a) => a.emitted) : undefined,
      count: isUnknown(this.vswitch.fact.cidr) ? EniPlanner.of(this.owner).lazyAddressCount(what, what) : undefined,
    };
  }

  /** Keeps the L1 list attribute in step when secondary IPs are added later (see {@link add}). */
  public bind(setters: EniAddressSetters): void {
    this.setters = setters;
  }

  private push(a: PrivateIpAddress): void {
    this.list.push(a);
    this.slotSink.push(a.slot);
    this.setters?.list(this.list.map((x) => x.emitted));
    markModelChanged(this.owner);
  }
}
