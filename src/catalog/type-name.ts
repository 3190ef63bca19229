/**
 * ECS instance type names (`ecs.<family>[-<variant>].<size>`): validation and family derivation.
 * Pure helpers shared by the catalog, its validation, the ENI attach rules and suggestions.
 */

/** Every ECS instance type name and family starts with this prefix. */
export const ECS_PREFIX = "ecs.";

/** Explains why `name` is not a usable instance type name, or returns undefined when it is one. */
export function whyNotTypeName(name: unknown): string | undefined {
  if (typeof name !== "string") return "it is not a string";
  if (name === "") return "it is empty";
  if (!name.startsWith(ECS_PREFIX)) return `it does not start with "${ECS_PREFIX}"`;
  if (name.length === ECS_PREFIX.length) return `it has nothing after "${ECS_PREFIX}"`;
  if (/\s/.test(name)) return "it contains whitespace";
  return undefined;
}

/**
 * Derives the family from a type name: `ecs.g7.large` -> `ecs.g7`, `ecs.t6-c1m1.large` -> `ecs.t6`.
 * Returns undefined when the name has no family segment. Prefer a recorded family when there is one
 * (a few families contain a dash, e.g. `ecs.ebmre6-6t`).
 */
export function familyOfTypeName(name: string): string | undefined {
  if (!name.startsWith(ECS_PREFIX)) return undefined;
  const segment = name.slice(ECS_PREFIX.length).split(".")[0].split("-")[0];
  return segment === "" ? undefined : ECS_PREFIX + segment;
}

/** Returns the family in `ecs.<family>` form: `g7` -> `ecs.g7`, `ecs.g7` unchanged. */
export function qualifiedFamily(family: string): string {
  return family.startsWith(ECS_PREFIX) ? family : ECS_PREFIX + family;
}
