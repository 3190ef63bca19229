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
  /** What the model builder could not read (unknown or invalid values in the configuration). @default [] */
  readonly notes?: readonly ModelNote[];
}

/** Something the model builder could not read from the configuration, reported by the planner. */
export interface ModelNote {
  /** `unknown`: a value the planner cannot know (ENI-UNKNOWN-VALUE); `invalid`: a value that cannot work (ENI-IP-INVALID). */
  readonly kind: "unknown" | "invalid";
  /** Construct path (or Terraform address) it concerns. */
  readonly path: string;
  /** What was not read, with the values. */
  readonly message: string;
  /** What to do. */
  readonly fix: string;
}

/** An empty model, to build on in tests. */
export function emptyModel(): NetworkModel {
  return { stacks: [], vpcs: [], vswitches: [], securityGroups: [], instances: [], enis: [], eips: [], havips: [], providers: [], notes: [] };
}
