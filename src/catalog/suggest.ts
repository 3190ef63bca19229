import { compareNames } from "./catalog-file";
import { familyOfTypeName } from "./type-name";

/**
 * "Did you mean" suggestions for unknown instance type names: edit distance on the whole name,
 * preferring names of the same family. Pure and deterministic.
 */

/** A candidate name prepared once per catalog: lower-cased name and its derived family. */
export interface SuggestionCandidate {
  /** The name as the catalog knows it (returned as-is). */
  readonly name: string;
  /** Lower-cased name used for the distance. */
  readonly key: string;
  /** Family derived from the name (`ecs.g7`), lower-cased; undefined when the name has none. */
  readonly family: string | undefined;
}

/** Prepares candidates for suggestNames(); do this once per catalog, not per query. */
export function prepareCandidates(names: readonly string[]): SuggestionCandidate[] {
  return names.map((name) => {
    const key = name.toLowerCase();
    return { name, key, family: familyOfTypeName(key) };
  });
}

/** Reused DP rows for editDistance() (single-threaded, never shared across calls). */
let scratch: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "lrage" is 1 away from "large").
 * Returns `limit + 1` as soon as the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  if (scratch[0].length <= n) scratch = [new Int32Array(2 * n + 2), new Int32Array(2 * n + 2), new Int32Array(2 * n + 2)];
  let [prev2, prev, cur] = scratch;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = prev[j - 1] + (ca === cb ? 0 : 1);
      if (prev[j] + 1 < d) d = prev[j] + 1;
      if (cur[j - 1] + 1 < d) d = cur[j - 1] + 1;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && prev2[j - 2] + 1 < d) {
        d = prev2[j - 2] + 1;
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    const recycled = prev2;
    prev2 = prev;
    prev = cur;
    cur = recycled;
  }
  return prev[n];
}

/**
 * Returns up to `max` candidate names nearest to `query`. Names of the query's family (derived from the name,
 * e.g. `ecs.g7` for `ecs.g7.larg`) come first, whatever their distance; other names follow only when within
 * max(2, length/3) edits. Ties are broken by distance, then name.
 */
export function suggestNames(query: string, candidates: readonly SuggestionCandidate[], max: number): string[] {
  if (max <= 0 || typeof query !== "string" || query === "") return [];
  const key = query.toLowerCase();
  const family = familyOfTypeName(key);
  const otherLimit = Math.max(2, Math.floor(key.length / 3));
  const scored: { tier: number; distance: number; name: string }[] = [];
  for (const c of candidates) {
    const sameFamily = family !== undefined && c.family === family;
    const distance = editDistance(key, c.key, sameFamily ? Number.MAX_SAFE_INTEGER : otherLimit);
    if (!sameFamily && distance > otherLimit) continue;
    scored.push({ tier: sameFamily ? 0 : 1, distance, name: c.name });
  }
  scored.sort((x, y) => x.tier - y.tier || x.distance - y.distance || compareNames(x.name, y.name));
  return scored.slice(0, max).map((s) => s.name);
}
