import { InstanceTypeCatalogError } from "./catalog-error";
import { InstanceTypeLimits } from "./instance-type";
import { checkLimits, describeRow, showValue } from "./validate-limits";

/**
 * The shipped data file `instance-types.json`: its format, a deterministic writer (used by
 * scripts/build-catalog.ts) and the reader used by InstanceTypeCatalog.builtIn().
 */

/** One instance type in the data file; `null` means unknown. Keys are written in CATALOG_ROW_KEYS order. */
export interface CatalogFileRow {
  /** Full type name, e.g. `ecs.g7.large`. */
  readonly name: string;
  /** Family in `ecs.g7` form. */
  readonly family: string;
  /** vCPUs. */
  readonly vcpu: number;
  /** Memory in GiB. */
  readonly memoryGiB: number;
  /** ENIs per instance, primary included. */
  readonly eniQuantity: number;
  /** Private IPv4 per ENI, primary IP included; null when unknown. */
  readonly privateIpv4PerEni: number | null;
  /** IPv6 per ENI; null when unknown. */
  readonly ipv6PerEni: number | null;
  /** Secondary-ENI hot swap; false = attach/detach only while Stopped; null when unknown. */
  readonly hotSwap: boolean | null;
  /** Whether a secondary ENI can be attached at instance creation. */
  readonly secondaryEniAtCreation: boolean;
  /** Key into CatalogFile.sources. */
  readonly source: string;
  /** Caveats, when there are any. */
  readonly notes?: string;
}

/** The whole data file: a header naming the sources, then the types sorted by name. */
export interface CatalogFile {
  /** What the file is and where it comes from. */
  readonly description: string;
  /** Source id -> full human-readable source text. */
  readonly sources: Readonly<Record<string, string>>;
  /** Instance types, sorted by name. */
  readonly types: readonly CatalogFileRow[];
}

/** Stable key order of a data-file row. */
export const CATALOG_ROW_KEYS: readonly (keyof CatalogFileRow)[] = Object.freeze([
  "name",
  "family",
  "vcpu",
  "memoryGiB",
  "eniQuantity",
  "privateIpv4PerEni",
  "ipv6PerEni",
  "hotSwap",
  "secondaryEniAtCreation",
  "source",
  "notes",
] as const);

/** Compares strings by UTF-16 code units (locale-independent, so output is the same on every machine). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Serializes the file deterministically: sources sorted by id, types sorted by name, one type per line, stable keys. */
export function serializeCatalogFile(file: CatalogFile): string {
  const sourceIds = Object.keys(file.sources).sort(compareNames);
  const sourceLines = sourceIds.map((id) => `    ${JSON.stringify(id)}: ${JSON.stringify(file.sources[id])}`);
  const rows = [...file.types].sort((a, b) => compareNames(a.name, b.name));
  const typeLines = rows.map((row) => {
    const ordered: Record<string, unknown> = {};
    for (const key of CATALOG_ROW_KEYS) {
      if (row[key] !== undefined) ordered[key] = row[key];
    }
    return `    ${JSON.stringify(ordered)}`;
  });
  return ["{", `  "description": ${JSON.stringify(file.description)},`, '  "sources": {', sourceLines.join(",\n"), "  },", '  "types": [', typeLines.join(",\n"), "  ]", "}", ""].join("\n");
}

/** Converts the parsed data file into validated limits; throws InstanceTypeCatalogError naming every bad row. */
export function parseCatalogFile(data: unknown, fileLabel: string): InstanceTypeLimits[] {
  const fix = `Regenerate it with \`npx ts-node scripts/build-catalog.ts\`.`;
  const file = data as Partial<CatalogFile> | null;
  if (typeof file !== "object" || file === null || typeof file.sources !== "object" || !Array.isArray(file.types)) {
    throw new InstanceTypeCatalogError(`${fileLabel} is not an instance-type catalog: expected { "description", "sources": {...}, "types": [...] }. ${fix}`);
  }
  const sources = file.sources as Record<string, unknown>;
  const problems: string[] = [];
  const limits: InstanceTypeLimits[] = [];
  file.types.forEach((raw: unknown, i) => {
    const row = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const sourceId = row.source;
    const sourceText = typeof sourceId === "string" ? sources[sourceId] : undefined;
    if (typeof sourceText !== "string") {
      problems.push(`${describeRow(raw, `types[${i}]`)}: source id ${showValue(sourceId)} is not in "sources"`);
      return;
    }
    const check = checkLimits({
      ...row,
      privateIpv4PerEni: row.privateIpv4PerEni ?? undefined,
      ipv6PerEni: row.ipv6PerEni ?? undefined,
      hotSwap: row.hotSwap ?? undefined,
      source: sourceText,
    });
    if (check.ok) limits.push(check.limits);
    else problems.push(`${describeRow(raw, `types[${i}]`)}: ${check.problems.join("; ")}`);
  });
  if (problems.length > 0) {
    throw new InstanceTypeCatalogError(`${fileLabel} has ${problems.length} invalid row(s):\n  - ${problems.join("\n  - ")}\n${fix}`);
  }
  return limits;
}
