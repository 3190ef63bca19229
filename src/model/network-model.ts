import type { EipFact, EniFact, HaVipFact, InstanceFact, ProviderFact, SecurityGroupFact, VpcFact, VSwitchFact } from "./facts";

/** Every fact of one app, grouped by kind and sorted by construct path. */
export interface NetworkModel {
  /** Construct paths of the stacks, sorted. */
  readonly stacks: readonly string[];
  /** VPCs. */
  readonly vpcs: readonly VpcFact[];
  /** vSwitches. */
  readonly vswitches: readonly VSwitchFact[];
  /** Security groups. */
  readonly securityGroups: readonly SecurityGroupFact[];
  /** Instances. */
  readonly instances: readonly InstanceFact[];
  /** Secondary ENIs. */
  readonly enis: readonly EniFact[];
  /** EIPs that are associated. */
  readonly eips: readonly EipFact[];
  /** HaVips. */
  readonly havips: readonly HaVipFact[];
  /** alicloud provider blocks. */
  readonly providers: readonly ProviderFact[];
}

/** An empty model, to build on in tests. */
export function emptyModel(): NetworkModel {
  return { stacks: [], vpcs: [], vswitches: [], securityGroups: [], instances: [], enis: [], eips: [], havips: [], providers: [] };
}
