import type { NetworkModel } from "../../model/network-model";
import type { ResolvedPlannerOptions } from "../planner-options";
import type { RuleDefinition } from "../rule";
import type { Topology } from "./topology";

/** What a rule group's check sees: the model, the options, and a way to report. */
export interface RuleContext {
  /** The app's facts. */
  readonly model: NetworkModel;
  /** Which ENIs may sit on which instances. */
  readonly topology: Topology;
  /** Planner options. */
  readonly options: ResolvedPlannerOptions;
  /** Reports a finding of `rule` on the construct at `path`. */
  report(rule: RuleDefinition, path: string, message: string, fix: string): void;
}

/** A group of related rules and the check that evaluates them over the whole model. */
export interface RuleGroup {
  /** The rules of this group. */
  readonly rules: readonly RuleDefinition[];
  /** Evaluates the rules; must be near-linear in the model size. */
  check(ctx: RuleContext): void;
}
