import { Construct } from "constructs";
import { EniConfigError } from "../errors";
import type { AddressSlot } from "../model/facts";
import { IEcsInstance } from "../resources/ecs-instance";
import { NetworkInterface } from "../resources/network-interface";
import { countProp, requireKind } from "../resources/private/props";
import { PER_CALL_MAX } from "../resources/private/extra-slots";
import { ISecurityGroup } from "../resources/security-group";
import { IVSwitch } from "../resources/vswitch";
import { layoutOf, nonEmptyArray } from "./private/checks";

/** Addresses in one IPv4 prefix (/28). */
export const ADDRESSES_PER_PREFIX = 16;

/** Properties of a {@link MultiPrefixInstance}. */
export interface MultiPrefixInstanceProps {
  /** The instance (pod host) that gets the prefixes: a new EcsInstance or an imported one. */
  readonly instance: IEcsInstance;
  /** Number of /28 prefixes (16 addresses each) wanted. @default - give addressCount instead (exactly one of the two) */
  readonly prefixCount?: number;
  /** Number of addresses wanted; rounded up to whole prefixes (16 each). @default - give prefixCount instead */
  readonly addressCount?: number;
  /** vSwitch of the prefix ENIs; it needs a CIDR reservation (`vswitch.reserveCidr`). @default - the instance's own vSwitch */
  readonly vswitch?: IVSwitch;
  /** Security groups of the prefix ENIs. @default - the instance's security groups (required for an imported instance) */
  readonly securityGroups?: ISecurityGroup[];
}

/**
 * Many addresses on one instance through IPv4 prefixes (pod density, as Alibaba's Terway CNI does in prefix
 * mode): secondary ENIs in prefix mode, each with as many /28 prefixes as the type allows per ENI (its own
 * primary IP takes one slot; at most 10 per call), as many ENIs as the type has room for. The planner places
 * every prefix inside the vSwitch's CIDR reservations and locks it (`<eni path>#prefix-N`).
 * E.g. ecs.g7.xlarge (4 ENIs x 15 slots): 3 ENIs x 10 prefixes = 480 addresses.
 */
export class MultiPrefixInstance extends Construct {
  /** How many prefixes the instance's type holds when laid out this way; undefined for an unknown type. */
  public static capacityOf(instance: IEcsInstance): number | undefined {
    const layout = layoutOf(instance, instance);
    if (!layout.known) return undefined;
    return Math.max(0, layout.eniQuantity - instance.fact.existingEniCount) * Math.min(layout.privateIpv4PerEni - 1, PER_CALL_MAX);
  }

  /** The prefix ENIs, in order. */
  public readonly networkInterfaces: readonly NetworkInterface[];
  /** Every prefix slot, in order (their planned blocks are in the ENIs' ipv4_prefixes and the plan report). */
  public readonly prefixSlots: readonly AddressSlot[];

  constructor(scope: Construct, id: string, props: MultiPrefixInstanceProps) {
    super(scope, id);
    const instance = requireKind(this, props?.instance, "instance", "instance");
    if ((props.prefixCount === undefined) === (props.addressCount === undefined)) {
      throw new EniConfigError(this.node.path, "give exactly one of prefixCount and addressCount.");
    }
    const wanted =
      props.prefixCount !== undefined ? countProp(this, props.prefixCount, "prefixCount", 1, 1000) : Math.ceil(countProp(this, props.addressCount, "addressCount", 1, 16000) / ADDRESSES_PER_PREFIX);
    if (props.vswitch !== undefined) requireKind(this, props.vswitch, "vswitch", "vswitch");
    if (props.securityGroups !== undefined) nonEmptyArray(this, props.securityGroups, "securityGroups", "Give 1 to 5 security groups, or leave securityGroups out to reuse the instance's.");
    const securityGroups = props.securityGroups ?? [...instance.securityGroups];
    if (securityGroups.length === 0) {
      throw new EniConfigError(this.node.path, `instance ${instance.node.path} is imported and its security groups are unknown; pass securityGroups for the prefix ENIs.`);
    }
    const layout = layoutOf(this, instance);
    // A type that cannot hold them is laid out anyway, so the planner reports it (ENI-COUNT) with the numbers.
    const perEni = Math.max(1, Math.min(layout.privateIpv4PerEni - 1, PER_CALL_MAX));
    const enis: NetworkInterface[] = [];
    for (let left = wanted; left > 0; left -= perEni) {
      enis.push(
        new NetworkInterface(this, `Eni${enis.length + 1}`, {
          vswitch: props.vswitch ?? instance.vswitch,
          securityGroups,
          instance,
          ipv4PrefixCount: Math.min(perEni, left),
          description: `IPv4 prefixes of ${instance.node.id} (MultiPrefixInstance ${this.node.id})`,
        }),
      );
    }
    this.networkInterfaces = enis;
    this.prefixSlots = enis.flatMap((e) => e.ipv4PrefixSlots);
  }
}
