import { InstanceTypeCatalogError } from "./catalog-error";
import { compareNames, parseCatalogFile } from "./catalog-file";
import { DESCRIBE_INSTANCE_TYPES_SOURCE, parseDescribeInstanceTypes } from "./describe-instance-types";
import { InstanceTypeLimits } from "./instance-type";
import { prepareCandidates, suggestNames, SuggestionCandidate } from "./suggest";
import { checkLimits, describeRow, showValue } from "./validate-limits";

/**
 * An immutable set of instance-type ENI limits, keyed by type name. Start from builtIn(), a
 * DescribeInstanceTypes import or empty(), and derive new catalogs with withTypes() / merge().
 */
export class InstanceTypeCatalog {
  private static builtInCache: InstanceTypeCatalog | undefined;
  private static readonly emptyCatalog = new InstanceTypeCatalog(new Map());

  /** The catalog shipped with the library (958 types from Alibaba Cloud's instance-family docs); loaded once and cached. */
  public static builtIn(): InstanceTypeCatalog {
    if (!InstanceTypeCatalog.builtInCache) {
      // require (not import) keeps tsc from inferring a type for the whole data file; works from src/ and lib/.
      const data: unknown = require("./instance-types.json");
      const rows = parseCatalogFile(data, "the built-in catalog file instance-types.json");
      InstanceTypeCatalog.builtInCache = new InstanceTypeCatalog(new Map(rows.map((r) => [r.name, r])));
    }
    return InstanceTypeCatalog.builtInCache;
  }

  /** A catalog with no types, to build a fully custom catalog with withTypes(). */
  public static empty(): InstanceTypeCatalog {
    return InstanceTypeCatalog.emptyCatalog;
  }

  /**
   * Reads the parsed JSON of DescribeInstanceTypes (`{ InstanceTypes: { InstanceType: [...] } }`, its lower-camel SDK form,
   * or the bare array). hotSwap / secondaryEniAtCreation come from the built-in catalog when it knows the type.
   * Throws InstanceTypeCatalogError naming every row without InstanceTypeId or with a bad EniQuantity.
   */
  public static fromDescribeInstanceTypes(response: unknown, source: string = DESCRIBE_INSTANCE_TYPES_SOURCE): InstanceTypeCatalog {
    const builtIn = InstanceTypeCatalog.builtIn();
    const rows = parseDescribeInstanceTypes(response, source, (name) => builtIn.lookup(name));
    return new InstanceTypeCatalog(new Map(rows.map((r) => [r.name, r])));
  }

  private readonly byName: ReadonlyMap<string, InstanceTypeLimits>;
  private readonly sortedNames: readonly string[];
  private candidates: SuggestionCandidate[] | undefined;

  private constructor(byName: ReadonlyMap<string, InstanceTypeLimits>) {
    this.byName = byName;
    this.sortedNames = Object.freeze([...byName.keys()].sort(compareNames));
  }

  /** Number of types in the catalog. */
  public get size(): number {
    return this.byName.size;
  }

  /**
   * Returns a new catalog where `types` add or replace (whole row) entries of this one.
   * Throws InstanceTypeCatalogError naming every invalid entry (name must start with "ecs.", eniQuantity a whole
   * number >= 1, privateIpv4PerEni a whole number >= 1 when given, ...) and any name given twice.
   */
  public withTypes(types: readonly InstanceTypeLimits[]): InstanceTypeCatalog {
    if (!Array.isArray(types)) {
      throw new InstanceTypeCatalogError(`withTypes() got ${showValue(types)}; expected an array of InstanceTypeLimits`);
    }
    const problems: string[] = [];
    const added = new Map<string, { limits: InstanceTypeLimits; index: number }>();
    types.forEach((entry: unknown, index) => {
      const where = describeRow(entry, `withTypes() entry ${index}`);
      const check = checkLimits(entry);
      if (!check.ok) {
        problems.push(`${where}: ${check.problems.join("; ")}`);
        return;
      }
      const previous = added.get(check.limits.name);
      if (previous) {
        problems.push(`${where}: ${check.limits.name} is also given as entry ${previous.index}; give each type once`);
        return;
      }
      added.set(check.limits.name, { limits: check.limits, index });
    });
    if (problems.length > 0) {
      throw new InstanceTypeCatalogError(
        `Invalid instance-type limits (${problems.length}):\n  - ${problems.join("\n  - ")}\n` + "Fix these entries; the numbers DescribeInstanceTypes reports for the type are authoritative.",
      );
    }
    if (added.size === 0) return this;
    const next = new Map(this.byName);
    for (const { limits } of added.values()) next.set(limits.name, limits);
    return new InstanceTypeCatalog(next);
  }

  /** Returns a new catalog with the types of both; where both know a type, `other`'s row wins (whole row). */
  public merge(other: InstanceTypeCatalog): InstanceTypeCatalog {
    if (!(other instanceof InstanceTypeCatalog)) {
      throw new InstanceTypeCatalogError(`merge() got ${showValue(other)}; expected an InstanceTypeCatalog`);
    }
    if (other.size === 0) return this;
    if (this.size === 0) return other;
    const next = new Map(this.byName);
    for (const [name, limits] of other.byName) next.set(name, limits);
    return new InstanceTypeCatalog(next);
  }

  /** Returns the limits of `name` (exact, case-sensitive type name such as `ecs.g7.large`), or undefined when unknown. */
  public lookup(name: string): InstanceTypeLimits | undefined {
    return this.byName.get(name);
  }

  /** True when the catalog knows `name`. */
  public has(name: string): boolean {
    return this.byName.has(name);
  }

  /** All type names, sorted (UTF-16 code-unit order). */
  public names(): string[] {
    return [...this.sortedNames];
  }

  /**
   * Up to `max` known names nearest to `name` (e.g. for "did you mean" in errors): same-family names first,
   * then by edit distance, then by name. A known name comes back first.
   */
  public suggest(name: string, max = 3): string[] {
    if (!Number.isInteger(max) || max < 0) {
      throw new InstanceTypeCatalogError(`suggest() max is ${showValue(max)}; expected a whole number >= 0`);
    }
    this.candidates ??= prepareCandidates(this.sortedNames);
    return suggestNames(name, this.candidates, max);
  }
}
