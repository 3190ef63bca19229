import type { IConstruct } from "constructs";
import { EniConfigError } from "../../errors";
import { AddressSlot, FactValue, isUnknown, VSwitchFact } from "../../model/facts";
import { addressMarker, AddressFamily } from "../../model/markers";
import { EniPlanner } from "../../planner/eni-planner";
import { show } from "../../show";
import { countProp, exclusive } from "./props";

/** Per-call bound of IPv6 addresses and IPv4 prefixes on an ENI or instance (`Ipv6AddressCount`, `Ipv4PrefixCount`: 1-10). */
export const PER_CALL_MAX = 10;

/** What kind of slots a {@link SlotList} holds. */
export interface SlotListSpec {
  /** Role prefix of the slots: `ipv6` gives roles `ipv6-1`, `ipv6-2`, ... */
  readonly role: "ipv6" | "prefix";
  /** Name and value of the count prop. */
  readonly count: readonly [string, number | undefined];
  /** Name and value of the explicit-list prop. */
  readonly list: readonly [string, readonly string[] | undefined];
  /** Checks one explicit value where the construct is made; returns its fact (canonical text, or unknown). */
  readonly parse: (scope: IConstruct, value: string, what: string) => FactValue<string>;
}

/** The L1 attribute values of a slot list: explicit values, or markers the planner fills in (see model/markers). */
export interface SlotListAttributes {
  /** The values (undefined when there are none). */
  readonly list?: string[];
  /** The count for the cloud: a marker that the planner fills in only when it cannot plan the values (then the list is dropped). */
  readonly count?: number;
}

/**
 * IPv6 addresses or IPv4 prefixes of one ENI (or an instance's primary ENI): a count or an explicit list
 * (never both, 1 to 10 per call), each a planner slot keyed `<owner path>#<role>-N`.
 */
export class SlotList {
  /** The slots, in order. */
  public readonly slots: AddressSlot[] = [];

  constructor(
    private readonly owner: IConstruct,
    vswitch: VSwitchFact,
    private readonly spec: SlotListSpec,
  ) {
    exclusive(owner, [spec.count[0], spec.count[1]], [spec.list[0], spec.list[1]]);
    const values = spec.list[1];
    if (values !== undefined) {
      if (!Array.isArray(values) || values.length < 1 || values.length > PER_CALL_MAX) {
        throw new EniConfigError(owner.node.path, `${spec.list[0]} is ${show(values)}; expected a list of 1 to ${PER_CALL_MAX} values (the API's per-call bound).`);
      }
      values.forEach((v, i) => this.slots.push({ key: `${owner.node.path}#${spec.role}-${i + 1}`, role: `${spec.role}-${i + 1}`, vswitch, explicit: spec.parse(owner, v, `${spec.list[0]}[${i}]`) }));
    }
    if (spec.count[1] !== undefined) {
      const n = countProp(owner, spec.count[1], spec.count[0], 1, PER_CALL_MAX);
      for (let i = 1; i <= n; i++) this.slots.push({ key: `${owner.node.path}#${spec.role}-${i}`, role: `${spec.role}-${i}`, vswitch });
    }
  }

  /** The L1 attributes; nothing when the list is empty. */
  public attributes(): SlotListAttributes {
    if (this.slots.length === 0) return {};
    const explicit = this.slots.some((s) => s.explicit !== undefined);
    const family: AddressFamily = this.spec.role;
    const what = `${this.spec.role} of ${this.owner.node.path}`;
    return {
      list: this.slots.map(emitted),
      count: explicit ? undefined : EniPlanner.of(this.owner).lazyAddressCount(this.owner.node.path, what, family),
    };
  }
}

/** What an L1 attribute holds for a slot: the explicit value, or the planner's marker. */
function emitted(slot: AddressSlot): string {
  const e = slot.explicit;
  if (e === undefined) return addressMarker(slot.key);
  return isUnknown(e) ? (e.token ?? e.description) : e;
}
