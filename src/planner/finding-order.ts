import { compareStrings } from "../compare";
import type { NetworkModel } from "../model/network-model";
import type { Finding, Severity } from "./finding";
import { RULE_LAYERS, RuleDefinition, RuleLayer, RulePremise } from "./rule";
import { ALL_RULES } from "./rules";

/*
 * The one order of findings (synth output, eni-plan.json, eni-plan.md, `check`), root causes first:
 *
 *   1. severity (error, warning, info). Severity stays first: errors are what fail synth and are printed
 *      as their own block, and a root cause is never less severe than what rests on it (a premise has
 *      the same or a higher severity: a test keeps it so), so within the errors the root causes still come
 *      first. An upstream warning (an unknown value, a soft quota) is never the premise of an error's fix.
 *   2. layer of the rule (RULE_LAYERS: region, zone, VPC, vSwitch, placement, security groups, ENI and
 *      instance limits, addresses, EIPs and HaVips, lock file); ENI-UNKNOWN-VALUE takes the layer of the
 *      construct it is reported on.
 *   3. construct path;
 *   4. depth of the rule in the premise graph: on one construct, a premise comes before the rules that
 *      rest on it (a premise of the same layer is always on the same construct: scope `self`);
 *   5. rule id, message, fix: a total order, so the same program gives the same bytes.
 *
 * A finding whose rule names a premise (RuleDefinition.premises) that fired, unsuppressed, where the
 * premise's scope looks (the same construct, one it lies in, one it is attached to) keeps its message,
 * but its fix says to fix that root cause first: the rule's own fix rests on the broken premise, and
 * what is left to do here depends on how the root cause is fixed. When several fired, the one first in
 * this order is named. A suppressed finding is no root cause (the user said it does not apply).
 */

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

const LAYER_RANK = new Map<RuleLayer, number>(RULE_LAYERS.map((l, i) => [l, i]));

const RULES = new Map<string, RuleDefinition>(ALL_RULES.map((r) => [r.id, r]));

/** Longest chain of premises below each rule (0: no premise). The premise graph is acyclic (a test checks it). */
function premiseDepths(): Map<string, number> {
  const depth = new Map<string, number>();
  const visit = (id: string, seen: readonly string[]): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.includes(id)) throw new Error(`internal error: the premises of ${id} form a cycle (${[...seen, id].join(" -> ")})`);
    const d = Math.max(0, ...(RULES.get(id)?.premises ?? []).map((p) => 1 + visit(p.rule, [...seen, id])));
    depth.set(id, d);
    return d;
  };
  for (const id of RULES.keys()) visit(id, []);
  return depth;
}

const DEPTH = premiseDepths();

/** The layer a construct of each kind belongs to (for rules whose layer is `construct`). */
const KIND_LAYER: Record<string, RuleLayer> = {
  provider: "region",
  vpc: "vpc",
  vswitch: "vswitch",
  reservation: "vswitch",
  "security-group": "security-group",
  attachment: "placement",
  instance: "eni",
  eni: "eni",
  eip: "eip-havip",
  havip: "eip-havip",
};

/** How the model's constructs hang together: what each lies in, and what it is attached to. */
interface Relations {
  /** Kind of each construct path. */
  readonly kind: ReadonlyMap<string, string>;
  /** Constructs a construct lies in: an ENI's or instance's vSwitch, a vSwitch's VPC, an attachment's ENI. */
  readonly inside: ReadonlyMap<string, readonly string[]>;
  /** Constructs a construct is attached to: an ENI's instances and groups, an EIP's target, a HaVip's members. */
  readonly attached: ReadonlyMap<string, readonly string[]>;
  /** `within` of each path asked for so far. */
  readonly within: Map<string, readonly string[]>;
}

function relationsOf(model: NetworkModel): Relations {
  const kind = new Map<string, string>();
  const inside = new Map<string, string[]>();
  const attached = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, from: string, to: string) => {
    const l = m.get(from);
    if (!l) m.set(from, [to]);
    else if (!l.includes(to)) l.push(to);
  };
  for (const p of model.providers) kind.set(p.path, "provider");
  for (const v of model.vpcs) kind.set(v.path, "vpc");
  for (const v of model.vswitches) {
    kind.set(v.path, "vswitch");
    add(inside, v.path, v.vpc.path);
    for (const r of v.reservations ?? []) {
      kind.set(r.path, "reservation");
      add(inside, r.path, v.path);
    }
  }
  for (const g of model.securityGroups) {
    kind.set(g.path, "security-group");
    add(inside, g.path, g.vpc.path);
  }
  for (const i of model.instances) {
    kind.set(i.path, "instance");
    add(inside, i.path, i.vswitch.path);
    for (const g of i.securityGroups) add(attached, i.path, g.path);
  }
  for (const e of model.enis) {
    kind.set(e.path, "eni");
    add(inside, e.path, e.vswitch.path);
    for (const g of e.securityGroups) add(attached, e.path, g.path);
    for (const a of e.attachments) {
      kind.set(a.path, "attachment");
      add(inside, a.path, e.path);
      for (const c of a.candidates) add(attached, e.path, c.path);
    }
  }
  for (const e of model.eips) {
    kind.set(e.path, "eip");
    if (e.target) add(attached, e.path, e.target.path);
  }
  for (const h of model.havips) {
    kind.set(h.path, "havip");
    add(inside, h.path, h.vswitch.path);
    for (const t of h.attachedTo) add(attached, h.path, t.path);
  }
  return { kind, inside, attached, within: new Map() };
}

/** The construct and every construct it lies in, transitively (ENI, its vSwitch, that vSwitch's VPC); memoized. */
function within(rel: Relations, path: string): readonly string[] {
  let out = rel.within.get(path);
  if (!out) {
    const list = [path];
    for (const up of rel.inside.get(path) ?? []) for (const q of within(rel, up)) if (!list.includes(q)) list.push(q);
    rel.within.set(path, (out = list));
  }
  return out;
}

/** `within`, plus every construct something of it is attached to and what those lie in. */
function around(rel: Relations, path: string): string[] {
  const out = [...within(rel, path)];
  for (const p of within(rel, path)) for (const to of rel.attached.get(p) ?? []) for (const q of within(rel, to)) if (!out.includes(q)) out.push(q);
  return out;
}

/** Severity and layer of a finding as one number (severity first), the layer of ENI-UNKNOWN-VALUE resolved. */
function rankOf(f: Finding, rel: Relations | undefined): number {
  const layer = RULES.get(f.ruleId)?.layer ?? "lock";
  const resolved = layer === "construct" ? (KIND_LAYER[rel?.kind.get(f.path) ?? "eni"] ?? "eni") : layer;
  return SEVERITY_RANK[f.severity] * RULE_LAYERS.length + LAYER_RANK.get(resolved)!;
}

/** A finding with its numeric sort keys computed once. */
interface Keyed {
  readonly f: Finding;
  readonly rank: number;
  readonly depth: number;
}

const keyed = (f: Finding, rel: Relations | undefined): Keyed => ({ f, rank: rankOf(f, rel), depth: DEPTH.get(f.ruleId) ?? 0 });

/** Compares two findings in the order described above. */
function compare(a: Keyed, b: Keyed): number {
  return (
    a.rank - b.rank || compareStrings(a.f.path, b.f.path) || a.depth - b.depth || compareStrings(a.f.ruleId, b.f.ruleId) || compareStrings(a.f.message, b.f.message) || compareStrings(a.f.fix, b.f.fix)
  );
}

/** The fix of a finding whose premise fired: fix the root cause first, then what holds whichever way it is fixed. */
export function rootCauseFix(root: Finding, premise: RulePremise): string {
  return `First fix ${root.ruleId} on ${root.path}, then ${premise.then}.`;
}

/**
 * Puts `findings` (in place) in root-cause order and replaces the fix of every finding that rests on a
 * root cause that fired by a pointer to it. Pure and deterministic; `model` tells which constructs lie
 * in or are attached to which.
 */
export function orderFindings(findings: Finding[], model: NetworkModel): void {
  // Unsuppressed findings by rule id and path: the root causes a dependent can point at.
  const fired = new Map<string, Map<string, Finding[]>>();
  for (const f of findings) {
    if (f.suppressed) continue;
    let byPath = fired.get(f.ruleId);
    if (!byPath) fired.set(f.ruleId, (byPath = new Map()));
    const l = byPath.get(f.path);
    if (l) l.push(f);
    else byPath.set(f.path, [f]);
  }
  let rel: Relations | undefined;
  const relations = () => (rel ??= relationsOf(model));
  // The premises of each rule that fired, worked out once per rule.
  const live = new Map<string, readonly RulePremise[]>();
  const liveOf = (id: string) => {
    let l = live.get(id);
    if (!l) live.set(id, (l = (RULES.get(id)?.premises ?? []).filter((p) => fired.has(p.rule))));
    return l;
  };
  const keys = new Map<Finding, Keyed>(); // roots are compared again for every dependent
  const keyOf = (f: Finding) => {
    let k = keys.get(f);
    if (!k) keys.set(f, (k = keyed(f, rel)));
    return k;
  };
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const premises = liveOf(f.ruleId);
    if (premises.length === 0) continue;
    let best: { root: Keyed; premise: RulePremise } | undefined;
    for (const premise of premises) {
      const byPath = fired.get(premise.rule)!;
      const scope = premise.scope === "self" ? undefined : premise.scope === "around" ? around(relations(), f.path) : within(relations(), f.path);
      const n = scope ? scope.length : 1;
      for (let j = premise.scope === "container" ? 1 : 0; j < n; j++) {
        for (const root of byPath.get(scope ? scope[j] : f.path) ?? []) {
          const k = keyOf(root);
          if (root !== f && (!best || compare(k, best.root) < 0)) best = { root: k, premise };
        }
      }
    }
    if (best) findings[i] = { ...f, fix: rootCauseFix(best.root.f, best.premise) };
  }
  if (findings.some((f) => RULES.get(f.ruleId)?.layer === "construct")) relations(); // ENI-UNKNOWN-VALUE: the layer of its construct
  const sorted = findings.map((f) => keyed(f, rel)).sort(compare);
  for (let i = 0; i < sorted.length; i++) findings[i] = sorted[i].f;
}
