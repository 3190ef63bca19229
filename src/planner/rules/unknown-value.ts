import type { RuleDefinition } from "../rule";

/** Reported wherever a check cannot run because a value is a Terraform token (unknown until apply). */
export const UNKNOWN_VALUE: RuleDefinition = {
  id: "ENI-UNKNOWN-VALUE",
  severity: "warning",
  title: "A value is unknown at synth time, so a check or an allocation could not run",
  explanation: "Terraform tokens (references, variables) are only known at apply time. The planner never guesses: it names the value and the check it skipped; apply may still fail on that limit.",
  source: "cdktf tokens; this library's design",
  suppressible: true,
  layer: "construct",
};
