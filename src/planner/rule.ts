import type { Severity } from "./finding";

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
}
