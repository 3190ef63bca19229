import { Marker, parseMarker } from "../markers";

/** A reference to an attribute of a resource of this configuration, e.g. `alicloud_vswitch.web.id`. */
export interface Ref {
  /** `type.name` (with its index, if any), relative to the module. */
  readonly address: string;
  /** Resource type. */
  readonly type: string;
  /** Attribute name. */
  readonly attr: string;
  /** The stack whose resource it is, for a cdktf cross-stack reference. @default - this configuration */
  readonly stack?: string;
}

/** How the model builder reads one attribute value. */
export type Value =
  /** A literal: a fixed point the planner checks and avoids. */
  | { readonly kind: "literal"; readonly value: string | number | boolean }
  /** A value the planner decides. */
  | { readonly kind: "marker"; readonly marker: Marker }
  /** Exactly one reference to a resource attribute. */
  | { readonly kind: "ref"; readonly ref: Ref; readonly text: string }
  /** Any other expression (variables, functions, data sources...): unknown at synth. */
  | { readonly kind: "expr"; readonly text: string; readonly refs: readonly Ref[] }
  /** Not set. */
  | { readonly kind: "absent" };

const REF = /(?<![\w.-])(alicloud_[a-z0-9_]+)\.([A-Za-z0-9_-]+(?:\[[^\]]+\])?)\.([a-z0-9_]+)/g;
const ONE_REF = /^\$\{(alicloud_[a-z0-9_]+)\.([A-Za-z0-9_-]+(?:\[[^\]]+\])?)\.([a-z0-9_]+)\}$/;

/** Every resource reference inside an expression text (data sources excluded), in order. */
export function refsIn(text: string): Ref[] {
  const out: Ref[] = [];
  for (const m of text.matchAll(REF)) out.push({ address: `${m[1]}.${m[2]}`, type: m[1], attr: m[3] });
  return out;
}

/** Classifies one attribute value. */
export function readValue(v: unknown): Value {
  if (v === undefined || v === null) return { kind: "absent" };
  if (typeof v === "number" || typeof v === "boolean") return { kind: "literal", value: v };
  if (typeof v !== "string") return { kind: "expr", text: JSON.stringify(v), refs: [] };
  const marker = parseMarker(v);
  if (marker) return { kind: "marker", marker };
  if (!v.includes("${")) return { kind: "literal", value: v };
  const one = ONE_REF.exec(v);
  // The address as a part of `v` (not a new concatenation: at scale, looking up tens of thousands of new strings costs).
  if (one) return { kind: "ref", ref: { address: v.slice(2, 3 + one[1].length + one[2].length), type: one[1], attr: one[3] }, text: v };
  return { kind: "expr", text: v, refs: refsIn(v) };
}

/** A list attribute's elements (a non-list value is one element; an expression yielding a list is one unknown element). */
export function readList(v: unknown): Value[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map(readValue);
  return [readValue(v)];
}

/** How a value reads in a message. */
export function describeValue(v: Value): string {
  switch (v.kind) {
    case "literal":
      return JSON.stringify(v.value);
    case "ref":
    case "expr":
      return v.text;
    case "marker":
      return "(planned)";
    case "absent":
      return "(not set)";
  }
}
