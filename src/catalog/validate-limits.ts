import { InstanceTypeLimits } from "./instance-type";
import { qualifiedFamily, whyNotTypeName } from "./type-name";

/**
 * Validation and normalization of InstanceTypeLimits rows, shared by the built-in data loader,
 * the DescribeInstanceTypes import and user overrides. Pure.
 */

/** Formats a value for an error message: strings quoted, missing values spelled out. */
export function showValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** True when `value` is a whole number (a JS number, not a string) that is at least `min`. */
export function isWholeNumberAtLeast(value: unknown, min: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min;
}

/** Result of checking one row: the normalized, frozen limits, or the list of problems found. */
export type LimitsCheck = { readonly ok: true; readonly limits: InstanceTypeLimits } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Checks one candidate row and returns a normalized frozen copy with only the known fields.
 * Rules: name starts with "ecs."; eniQuantity whole >= 1; privateIpv4PerEni whole >= 1 or undefined;
 * ipv6PerEni whole >= 0 or undefined; vcpu / memoryGiB positive when given; hotSwap /
 * secondaryEniAtCreation booleans when given; source a non-empty string; family a string (bare `g7` becomes `ecs.g7`).
 */
export function checkLimits(input: unknown): LimitsCheck {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, problems: [`the entry is ${showValue(input)}; expected an object with name, eniQuantity, privateIpv4PerEni and source`] };
  }
  const row = input as Record<string, unknown>;
  const problems: string[] = [];
  const nameProblem = whyNotTypeName(row.name);
  if (nameProblem) {
    const what = row.name === undefined ? "name is missing" : `name is ${showValue(row.name)}: ${nameProblem}`;
    problems.push(`${what}; expected the full ECS type name, e.g. "ecs.g7.large"`);
  }
  if (!isWholeNumberAtLeast(row.eniQuantity, 1)) {
    problems.push(`eniQuantity is ${showValue(row.eniQuantity)}; expected a whole number >= 1 (ENIs per instance, primary ENI included; DescribeInstanceTypes EniQuantity)`);
  }
  if (row.privateIpv4PerEni !== undefined && !isWholeNumberAtLeast(row.privateIpv4PerEni, 1)) {
    problems.push(`privateIpv4PerEni is ${showValue(row.privateIpv4PerEni)}; expected a whole number >= 1 (private IPv4 per ENI, primary IP included), or undefined when unknown`);
  }
  if (row.ipv6PerEni !== undefined && !isWholeNumberAtLeast(row.ipv6PerEni, 0)) {
    problems.push(`ipv6PerEni is ${showValue(row.ipv6PerEni)}; expected a whole number >= 0, or undefined when unknown`);
  }
  for (const key of ["vcpu", "memoryGiB"] as const) {
    const v = row[key];
    if (v !== undefined && !(typeof v === "number" && Number.isFinite(v) && v > 0)) {
      problems.push(`${key} is ${showValue(v)}; expected a positive number, or undefined when unknown`);
    }
  }
  for (const key of ["hotSwap", "secondaryEniAtCreation"] as const) {
    const v = row[key];
    if (v !== undefined && typeof v !== "boolean") {
      problems.push(`${key} is ${showValue(v)}; expected true, false, or undefined when unknown`);
    }
  }
  if (row.family !== undefined && (typeof row.family !== "string" || row.family.trim() === "" || /\s/.test(row.family))) {
    problems.push(`family is ${showValue(row.family)}; expected a family name such as "ecs.g7", or undefined`);
  }
  if (typeof row.source !== "string" || row.source.trim() === "") {
    problems.push(`source is ${showValue(row.source)}; expected a short human-readable origin such as "user override"`);
  }
  if (row.notes !== undefined && typeof row.notes !== "string") {
    problems.push(`notes is ${showValue(row.notes)}; expected a string, or undefined`);
  }
  if (problems.length > 0) return { ok: false, problems };

  // Built in InstanceTypeLimits declaration order (readable when printed); optional fields only when given.
  const limits: Record<string, unknown> = { name: row.name };
  if (row.family !== undefined) limits.family = qualifiedFamily(row.family as string);
  if (row.vcpu !== undefined) limits.vcpu = row.vcpu;
  if (row.memoryGiB !== undefined) limits.memoryGiB = row.memoryGiB;
  limits.eniQuantity = row.eniQuantity;
  limits.privateIpv4PerEni = row.privateIpv4PerEni;
  if (row.ipv6PerEni !== undefined) limits.ipv6PerEni = row.ipv6PerEni;
  if (row.hotSwap !== undefined) limits.hotSwap = row.hotSwap;
  if (row.secondaryEniAtCreation !== undefined) limits.secondaryEniAtCreation = row.secondaryEniAtCreation;
  limits.source = row.source;
  if (row.notes !== undefined) limits.notes = row.notes;
  return { ok: true, limits: Object.freeze(limits) as unknown as InstanceTypeLimits };
}

/** Describes a row for an error message: `instance type "ecs.g7.large"` or, without a usable name, just the position. */
export function describeRow(input: unknown, position: string): string {
  const name = typeof input === "object" && input !== null ? (input as Record<string, unknown>).name : undefined;
  return typeof name === "string" && name !== "" ? `${position} (instance type ${JSON.stringify(name)})` : position;
}
