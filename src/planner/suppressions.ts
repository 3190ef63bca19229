import type { IConstruct } from "constructs";
import { EniConfigError } from "../errors";
import { editDistance } from "../catalog/suggest";
import { markModelChanged } from "../model/fact-registry";
import type { SuppressionIntent } from "../model/terraform/intent";
import type { ActiveSuppression } from "./plan";
import { ALL_RULES, ruleById } from "./rules";

/** The known rule id nearest to `id` (edit distance, then name), for "did you mean". */
function nearestRuleId(id: string): string {
  const scored = ALL_RULES.map((r) => ({ id: r.id, d: editDistance(id.toUpperCase(), r.id) }));
  scored.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored[0].id;
}

/** A suppression: a rule id and the written reason it does not apply here. */
export interface EniSuppression {
  /** The rule id, e.g. ENI-SEC-MGMT-EIP. */
  readonly id: string;
  /** Why the rule does not apply; at least 10 characters. */
  readonly reason: string;
}

const SUPPRESSIONS = Symbol.for("cdktf-alicloud-eni.suppressions");
const MIN_REASON = 10;

/**
 * Suppressions in the cdk-nag manner: a rule id on a construct (and its children), with a
 * mandatory reason. Suppressed findings still appear in the plan report.
 */
export class EniSuppressions {
  /** Suppresses rules on `construct` and everything below it. */
  public static addSuppressions(construct: IConstruct, suppressions: EniSuppression[]): void {
    for (const s of suppressions) {
      if (typeof s?.id !== "string" || !/^[A-Z0-9-]+$/.test(s.id)) {
        throw new EniConfigError(construct.node.path, `suppression id ${JSON.stringify(s?.id)} is not a rule id (e.g. "ENI-SEC-MGMT-EIP").`);
      }
      if (!ruleById(s.id)) {
        const near = nearestRuleId(s.id);
        throw new EniConfigError(construct.node.path, `suppression names ${s.id}, which is not a rule of the planner, so it would silence nothing.`, {
          fix: `Use the rule's id as the finding shows it: did you mean ${near}? (Every id is in the README's rule table.)`,
        });
      }
      if (typeof s.reason !== "string" || s.reason.trim().length < MIN_REASON) {
        throw new EniConfigError(construct.node.path, `suppression of ${s.id} needs a written reason of at least ${MIN_REASON} characters, got ${JSON.stringify(s.reason)}.`);
      }
    }
    const holder = construct as unknown as { [SUPPRESSIONS]?: EniSuppression[] };
    if (!holder[SUPPRESSIONS]) {
      Object.defineProperty(holder, SUPPRESSIONS, { value: [], enumerable: false });
    }
    holder[SUPPRESSIONS]!.push(...suppressions);
    markModelChanged(construct);
  }

  /** The suppressions set directly on `construct`. */
  public static of(construct: IConstruct): readonly EniSuppression[] {
    return (construct as unknown as { [SUPPRESSIONS]?: EniSuppression[] })[SUPPRESSIONS] ?? [];
  }
}

/** Suppressions in force at a path: set on it or on an ancestor. */
export function suppressionLookup(byPath: ReadonlyMap<string, readonly SuppressionIntent[]>): (path: string) => ActiveSuppression[] {
  return (path: string) => {
    if (byPath.size === 0) return [];
    const out: ActiveSuppression[] = [];
    let p = path;
    for (;;) {
      for (const x of byPath.get(p) ?? []) out.push({ id: x.id, reason: x.reason, by: p });
      const i = p.lastIndexOf("/");
      if (i < 0) break;
      p = p.slice(0, i);
    }
    for (const x of p !== "" ? (byPath.get("") ?? []) : []) out.push({ id: x.id, reason: x.reason, by: "" });
    return out;
  };
}
