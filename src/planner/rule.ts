import type { Severity } from "./finding";

/**
 * Where a rule's cause sits, upstream first: the region and its provider, zones, VPCs, vSwitches, where
 * ENIs and instances are placed (which VPC, zone and instance), their security groups, the ENI and
 * instance limits (type, counts per ENI), addresses, EIPs and HaVips, the lock file. Findings are
 * printed in this order within a severity (see `orderFindings`).
 */
export const RULE_LAYERS = ["region", "zone", "vpc", "vswitch", "placement", "security-group", "eni", "address", "eip-havip", "lock"] as const;

/** One of {@link RULE_LAYERS}. */
export type RuleLayer = (typeof RULE_LAYERS)[number];

/**
 * A finding of another rule that, when it fires near this rule's finding, makes this rule's fix rest on
 * a broken premise: the fix is then replaced by "First fix <rule> on <path>, then <then>".
 */
export interface RulePremise {
  /** Id of the rule whose finding is the root cause. */
  readonly rule: string;
  /**
   * Where the root-cause finding must be: `self`, on the same construct; `container`, on a construct
   * it lies in (an address owner's vSwitch, a vSwitch's VPC, an attachment's ENI), transitively;
   * `within`, either; `around`, as `within`, and also on a construct it is attached to and the ones
   * that lies in (an ENI's instances and their vSwitches, an EIP's target). A premise of the rule's
   * own layer is `self` (the order puts it first on the construct; a test checks it).
   */
  readonly scope: "self" | "container" | "within" | "around";
  /** What is left to do here once the root cause is fixed, worded so it holds whichever way that is fixed. */
  readonly then: string;
}

/** A validation rule: stable id, default severity, one-line title, explanation and documented source. */
export interface RuleDefinition {
  /** Stable id, e.g. ENI-ZONE. Never reused for another meaning. */
  readonly id: string;
  /** Default severity. */
  readonly severity: Severity;
  /** One-line description. */
  readonly title: string;
  /** Why the rule exists and what happens at apply time without it. */
  readonly explanation: string;
  /** Where the limit is documented. */
  readonly source: string;
  /**
   * Whether a suppression with a reason can silence it. Platform limits that have an option
   * (a quota, a catalog entry) are not suppressible: change the option instead.
   */
  readonly suppressible: boolean;
  /**
   * Where its cause sits (the finding order); `construct` for a rule reported on any kind of construct
   * (ENI-UNKNOWN-VALUE): the layer of the construct it is reported on.
   */
  readonly layer: RuleLayer | "construct";
  /** Root causes this rule's fix depends on (an upstream layer, or `self` in the same one; same or higher severity). @default none */
  readonly premises?: readonly RulePremise[];
}
