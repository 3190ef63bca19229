/**
 * Markers: how the L2 constructs leave a value open for the planner in the Terraform configuration.
 *
 * While the planner reads the app, every value it will fill in resolves to a marker string:
 * `\uE000` + kind + body + `\uE001`, with characters from Unicode's private use area that never
 * occur in Terraform configuration. The model builder reads a marker as "open, the planner decides";
 * after planning, every marker in the emitted JSON is replaced by its value (or the attribute is
 * dropped when the cloud decides). A literal where a marker was (an override, an L1 resource) is a
 * fixed point the planner checks and avoids.
 */

const OPEN = "\uE000";
const CLOSE = "\uE001";

/** What a marker stands for. */
export type Marker =
  /** A private IP address slot, by its allocation key (`<owner path>#<role>`). */
  | { readonly kind: "address"; readonly key: string }
  /** The secondary-IP count of an owner, emitted only when the cloud picks its secondary addresses. */
  | { readonly kind: "count"; readonly owner: string }
  /** Any other value computed from the plan, by its id in the planner's table. */
  | { readonly kind: "value"; readonly id: number };

const KIND_CHAR = { address: "a", count: "c", value: "v" } as const;

/** The marker string of an address slot. */
export function addressMarker(key: string): string {
  return `${OPEN}a${key}${CLOSE}`;
}

/** The marker string of an owner's secondary-IP count. */
export function countMarker(owner: string): string {
  return `${OPEN}c${owner}${CLOSE}`;
}

/** The marker string of a value computed from the plan. */
export function valueMarker(id: number): string {
  return `${OPEN}v${id}${CLOSE}`;
}

/** True when the string contains a marker (cheap test first). */
export function hasMarker(s: string): boolean {
  return s.includes(OPEN);
}

function decode(body: string): Marker | undefined {
  const k = body[0];
  const rest = body.slice(1);
  if (k === KIND_CHAR.address) return { kind: "address", key: rest };
  if (k === KIND_CHAR.count) return { kind: "count", owner: rest };
  if (k === KIND_CHAR.value && /^\d+$/.test(rest)) return { kind: "value", id: Number(rest) };
  return undefined;
}

/** The marker a whole string stands for, or undefined when the string is not exactly one marker. */
export function parseMarker(s: string): Marker | undefined {
  if (s.length < 3 || s[0] !== OPEN || s[s.length - 1] !== CLOSE) return undefined;
  const body = s.slice(1, -1);
  if (body.includes(OPEN) || body.includes(CLOSE)) return undefined;
  return decode(body);
}

/** Replaces every marker inside a string; `replace` returns the text for one marker. */
export function replaceMarkers(s: string, replace: (m: Marker) => string): string {
  return s.replace(/\uE000([^\uE000\uE001]*)\uE001/g, (whole, body: string) => {
    const m = decode(body);
    return m === undefined ? whole : replace(m);
  });
}

/** The markers inside a string, in order. */
export function markersIn(s: string): Marker[] {
  const out: Marker[] = [];
  replaceMarkers(s, (m) => {
    out.push(m);
    return "";
  });
  return out;
}
