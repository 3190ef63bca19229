import { familyOfTypeName, qualifiedFamily } from "./type-name";

/**
 * Documented secondary-ENI attach restrictions that DescribeInstanceTypes does not report
 * (research notes `eni-limits.md` section 2.6, from the ECS "ENI overview" and "Create and use an ENI" pages
 * and the instance-family tables).
 */

/**
 * Types whose secondary ENIs can be attached/detached only while the instance is Stopped (no hot swap),
 * and which cannot get a secondary ENI at instance creation.
 */
export const STOPPED_ONLY_ENI_TYPES: readonly string[] = Object.freeze([
  "ecs.s6-c1m1.small",
  "ecs.s6-c1m2.large",
  "ecs.s6-c1m2.small",
  "ecs.s6-c1m4.large",
  "ecs.s6-c1m4.small",
  "ecs.e-c1m1.large",
  "ecs.e-c1m2.large",
  "ecs.e-c1m4.large",
  "ecs.e-c4m1.large",
  "ecs.e-c2m1.large",
  "ecs.t6-c1m1.large",
  "ecs.t6-c1m2.large",
  "ecs.t6-c1m4.large",
  "ecs.t6-c2m1.large",
  "ecs.t6-c4m1.large",
  "ecs.t5-c1m1.large",
  "ecs.t5-c1m2.large",
  "ecs.t5-c1m4.large",
  "ecs.t5-lc1m1.small",
  "ecs.t5-lc1m2.large",
  "ecs.t5-lc1m2.small",
  "ecs.t5-lc1m4.large",
  "ecs.t5-lc2m1.nano",
  "ecs.xn4.small",
  "ecs.n4.small",
  "ecs.n4.large",
  "ecs.mn4.small",
  "ecs.mn4.large",
  "ecs.e4.small",
  "ecs.e4.large",
]);

/** Families none of whose types can get a secondary ENI during instance creation (whole t5, t6 and shared families). */
export const NO_SECONDARY_ENI_AT_CREATION_FAMILIES: readonly string[] = Object.freeze(["ecs.t5", "ecs.t6", "ecs.xn4", "ecs.n4", "ecs.mn4", "ecs.e4"]);

const STOPPED_ONLY = new Set(STOPPED_ONLY_ENI_TYPES);
const NO_AT_CREATION = new Set(NO_SECONDARY_ENI_AT_CREATION_FAMILIES);

/** What the documented rules say about one type; a field is undefined when the rules say nothing about it. */
export interface DocumentedEniAttachRules {
  /** false when the type is in the stopped-only list; undefined otherwise (the rules do not prove hot swap). */
  readonly hotSwap?: boolean;
  /** false when the type is in the stopped-only list or its family is in the no-secondary-ENI-at-creation list. */
  readonly secondaryEniAtCreation?: boolean;
}

/** Returns the documented attach restrictions for a type (family: recorded family, else derived from the name). */
export function documentedEniAttachRules(name: string, family?: string): DocumentedEniAttachRules {
  if (STOPPED_ONLY.has(name)) return { hotSwap: false, secondaryEniAtCreation: false };
  const fam = family !== undefined ? qualifiedFamily(family) : familyOfTypeName(name);
  if (fam !== undefined && NO_AT_CREATION.has(fam)) return { secondaryEniAtCreation: false };
  return {};
}
