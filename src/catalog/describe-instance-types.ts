import { field, isRecord, ListResponseShape, locateRows } from "../api-json";
import { InstanceTypeCatalogError } from "./catalog-error";
import { documentedEniAttachRules } from "./eni-attach-rules";
import { InstanceTypeLimits } from "./instance-type";
import { whyNotTypeName } from "./type-name";
import { checkLimits, isWholeNumberAtLeast, showValue } from "./validate-limits";

/**
 * Reads the JSON that Alibaba Cloud's ECS DescribeInstanceTypes API returns (PascalCase as the API and
 * `aliyun` CLI print it, or the lower-camel keys of the Tea SDKs) into InstanceTypeLimits rows. Pure.
 */

/** Default `source` of imported rows. */
export const DESCRIBE_INSTANCE_TYPES_SOURCE = "DescribeInstanceTypes import";

/** Where the InstanceType rows of a DescribeInstanceTypes response are (`InstanceTypes.InstanceType`). */
const INSTANCE_TYPES: ListResponseShape = {
  api: "DescribeInstanceTypes",
  outer: "InstanceTypes",
  inner: "InstanceType",
  pass: "Pass the parsed JSON of `aliyun ecs DescribeInstanceTypes` (or the SDK response body).",
  fail: (message) => new InstanceTypeCatalogError(message),
};

/** Converts one API row into a candidate InstanceTypeLimits (unchecked) plus the API-level problems found. */
function convertRow(raw: unknown, source: string, known: (name: string) => InstanceTypeLimits | undefined): { candidate?: Record<string, unknown>; problems: string[] } {
  if (!isRecord(raw)) return { problems: [`row is ${showValue(raw)}; expected an object with InstanceTypeId and EniQuantity`] };
  const problems: string[] = [];
  const id = field(raw, "InstanceTypeId");
  const idProblem = whyNotTypeName(id);
  if (idProblem) {
    const what = id === undefined || id === null ? "InstanceTypeId is missing" : `InstanceTypeId is ${showValue(id)}: ${idProblem}`;
    problems.push(`${what}; expected the full ECS type name, e.g. "ecs.g7.large"`);
  }
  const eni = field(raw, "EniQuantity");
  if (!isWholeNumberAtLeast(eni, 1)) {
    problems.push(`EniQuantity is ${showValue(eni)}; expected a whole number >= 1 (ENIs per instance, primary included)`);
  }
  const ipv4 = field(raw, "EniPrivateIpAddressQuantity");
  if (ipv4 !== undefined && ipv4 !== null && !isWholeNumberAtLeast(ipv4, 1)) {
    problems.push(`EniPrivateIpAddressQuantity is ${showValue(ipv4)}; expected a whole number >= 1, or no value when unknown`);
  }
  const ipv6 = field(raw, "EniIpv6AddressQuantity");
  if (ipv6 !== undefined && ipv6 !== null && !isWholeNumberAtLeast(ipv6, 0)) {
    problems.push(`EniIpv6AddressQuantity is ${showValue(ipv6)}; expected a whole number >= 0, or no value when unknown`);
  }
  if (problems.length > 0) return { problems };

  const name = id as string;
  const builtIn = known(name);
  const apiFamily = field(raw, "InstanceTypeFamily");
  const family = typeof apiFamily === "string" && apiFamily !== "" ? apiFamily : builtIn?.family;
  const rules = builtIn ?? documentedEniAttachRules(name, family);
  const positive = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : undefined);
  return {
    candidate: {
      name,
      family,
      vcpu: positive(field(raw, "CpuCoreCount")),
      memoryGiB: positive(field(raw, "MemorySize")),
      eniQuantity: eni,
      privateIpv4PerEni: ipv4 ?? undefined,
      ipv6PerEni: ipv6 ?? undefined,
      hotSwap: rules.hotSwap,
      secondaryEniAtCreation: rules.secondaryEniAtCreation,
      source,
    },
    problems: [],
  };
}

/**
 * Converts a DescribeInstanceTypes response into limits rows. hotSwap / secondaryEniAtCreation (not reported by the API)
 * come from `known` (the built-in catalog) when it has the type, else from the documented rules.
 * Throws InstanceTypeCatalogError listing every bad row by index and value; rows are never dropped silently.
 */
export function parseDescribeInstanceTypes(response: unknown, source: string, known: (name: string) => InstanceTypeLimits | undefined): InstanceTypeLimits[] {
  if (typeof source !== "string" || source.trim() === "") {
    throw new InstanceTypeCatalogError(`source is ${showValue(source)}; expected a non-empty label such as "${DESCRIBE_INSTANCE_TYPES_SOURCE}"`);
  }
  const { rows, path } = locateRows(INSTANCE_TYPES, response);
  const problems: string[] = [];
  const byName = new Map<string, { limits: InstanceTypeLimits; index: number }>();
  rows.forEach((raw, index) => {
    const where = `${path}[${index}]`;
    const idValue = isRecord(raw) ? field(raw, "InstanceTypeId") : undefined;
    const label = typeof idValue === "string" && idValue !== "" ? `${where} (${idValue})` : where;
    const { candidate, problems: rowProblems } = convertRow(raw, source, known);
    if (!candidate) {
      problems.push(`${label}: ${rowProblems.join("; ")}`);
      return;
    }
    const check = checkLimits(candidate);
    if (!check.ok) {
      problems.push(`${label}: ${check.problems.join("; ")}`);
      return;
    }
    const previous = byName.get(check.limits.name);
    if (previous && JSON.stringify(previous.limits) !== JSON.stringify(check.limits)) {
      problems.push(`${label}: ${check.limits.name} also appears at ${path}[${previous.index}] with different values; keep one row per type`);
      return;
    }
    if (!previous) byName.set(check.limits.name, { limits: check.limits, index });
  });
  if (problems.length > 0) {
    throw new InstanceTypeCatalogError(
      `DescribeInstanceTypes response has ${problems.length} invalid row(s):\n  - ${problems.join("\n  - ")}\n` +
        "Fix or remove these rows (e.g. filter out types with EniQuantity 0) and import again.",
    );
  }
  return [...byName.values()].map((entry) => entry.limits);
}
