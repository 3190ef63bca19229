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
  /** A count of an owner's addresses of one family, emitted only when the cloud picks them. */
  | { readonly kind: "count"; readonly owner: string; readonly family: AddressFamily }
  /** Any other value computed from the plan, by its id in the planner's table. */
  | { readonly kind: "value"; readonly id: number }
  /** A value for the cloud, emitted only when the planner leaves the slot `key` unplanned (e.g. a reservation's mask). */
  | { readonly kind: "fallback"; readonly key: string; readonly value: string };

/**
 * What a count counts: secondary private IPv4 addresses (`<owner>#secondary-N` and roles), IPv6 addresses
 * (`<owner>#ipv6-N`) or IPv4 prefixes (`<owner>#prefix-N`).
 */
export type AddressFamily = "ipv4" | "ipv6" | "prefix";

const KIND_CHAR = { address: "a", count: "c", value: "v", fallback: "f" } as const;
const FAMILY_CHAR: Record<AddressFamily, string> = { ipv4: "4", ipv6: "6", prefix: "p" };
const FAMILY_OF: Record<string, AddressFamily> = { "4": "ipv4", "6": "ipv6", p: "prefix" };

/** The family of an address key by its role: `ipv6-N`, `prefix-N`, else IPv4 (`undefined` for the primary and for non-address roles). */
export function familyOfKey(key: string): AddressFamily | undefined {
  const role = key.slice(key.lastIndexOf("#") + 1);
  if (role === "primary" || role === "cidr" || role === "ipv6-count") return undefined;
  if (/^ipv6-\d+$/.test(role)) return "ipv6";
  if (/^prefix-\d+$/.test(role)) return "prefix";
  return "ipv4";
}

/** The marker string of an address slot. */
export function addressMarker(key: string): string {
  return `${OPEN}a${key}${CLOSE}`;
}

/** The marker string of an owner's count of addresses of one family (secondary IPv4 by default). */
export function countMarker(owner: string, family: AddressFamily = "ipv4"): string {
  return `${OPEN}c${FAMILY_CHAR[family]}${owner}${CLOSE}`;
}

/** The marker string of a value computed from the plan. */
export function valueMarker(id: number): string {
  return `${OPEN}v${id}${CLOSE}`;
}

/** The marker string of `value`, emitted only when the planner leaves slot `key` to the cloud (`value` holds no `|`). */
export function fallbackMarker(key: string, value: string): string {
  return `${OPEN}f${value}|${key}${CLOSE}`;
}

/** True when the string contains a marker (cheap test first). */
export function hasMarker(s: string): boolean {
  return s.includes(OPEN);
}

function decode(body: string): Marker | undefined {
  const k = body[0];
  const rest = body.slice(1);
  if (k === KIND_CHAR.address) return { kind: "address", key: rest };
  if (k === KIND_CHAR.count) {
    const family = FAMILY_OF[rest[0]];
    return family === undefined ? undefined : { kind: "count", owner: rest.slice(1), family };
  }
  if (k === KIND_CHAR.value && /^\d+$/.test(rest)) return { kind: "value", id: Number(rest) };
  if (k === KIND_CHAR.fallback && rest.includes("|")) return { kind: "fallback", value: rest.slice(0, rest.indexOf("|")), key: rest.slice(rest.indexOf("|") + 1) };
  return undefined;
}

/** The marker a whole string stands for, or undefined when the string is not exactly one marker. */
export function parseMarker(s: string): Marker | undefined {
  if (s.length < 3 || s[0] !== OPEN || s[s.length - 1] !== CLOSE) return undefined;
  const body = s.slice(1, -1);
  if (body.includes(OPEN) || body.includes(CLOSE)) return undefined;
  return decode(body);
}

/** The slot key when `s` is exactly one address marker (the common case), without building a {@link Marker}. */
export function wholeAddressKey(s: string): string | undefined {
  if (s.length < 3 || s[0] !== OPEN || s[1] !== KIND_CHAR.address || s[s.length - 1] !== CLOSE) return undefined;
  const key = s.slice(2, -1);
  return key.includes(OPEN) || key.includes(CLOSE) ? undefined : key;
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
