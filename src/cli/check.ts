import * as fs from "fs";
import * as path from "path";
import { InstanceTypeCatalog } from "../catalog";
import { parseCatalogFile } from "../catalog/catalog-file";
import { compareStrings } from "../compare";
import type { NetworkModel } from "../model/network-model";
import { buildModel } from "../model/terraform/build-model";
import { isConfigJson, isPlanJson, planConfigurationDifference, readConfigJson, readPlanJson, TerraformJsonError, TfConfig } from "../model/terraform/terraform-config";
import { formatFinding } from "../planner/finding";
import type { ActiveSuppression, PlanResult } from "../planner/plan";
import { runPlan } from "../planner/plan";
import { EniPlannerOptions, resolveOptions } from "../planner/planner-options";
import { suppressionLookup } from "../planner/suppressions";
import { buildReports, formatSummary, formatWarnings } from "../planner/report";
import { writePlanReport } from "../planner/report-files";

/** A path `check` cannot use: missing, not JSON, not Terraform JSON. Exit code 2. */
export class CheckInputError extends Error {}

/** A suppression given on the command line or in a suppressions file. */
export interface CheckSuppression {
  /** Rule id. */
  readonly id: string;
  /** Why it does not apply. */
  readonly reason: string;
  /** Construct path (or Terraform address path) it applies to, with everything below it. @default - everywhere */
  readonly path?: string;
}

/** Options of {@link checkTerraform}. */
export interface CheckOptions {
  /** Planner options (catalog, quotas, ...); the lock file is never used. @default - the planner's defaults */
  readonly planner?: EniPlannerOptions;
  /** Suppressions in addition to the ones the configurations carry. @default [] */
  readonly suppressions?: readonly CheckSuppression[];
  /**
   * Files of `terraform show -json PLANFILE`, each made from one of the configurations given (the one
   * whose resources it has): it takes that configuration's place, with the configuration's intent and
   * the plan's values (a failover variable's value chooses the active candidate). @default []
   */
  readonly plans?: readonly string[];
}

/** What `check` found. */
export interface CheckResult {
  /** The configurations read. */
  readonly configs: readonly TfConfig[];
  /** The model built from them. */
  readonly model: NetworkModel;
  /** The plan (findings; addresses as written). */
  readonly plan: PlanResult;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new CheckInputError(`${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CheckInputError(`${file}: not JSON (${(e as Error).message}).`);
  }
}

function stackNameOf(doc: unknown, fallback: string): string {
  const meta = (doc as { "//"?: { metadata?: { stackName?: unknown } } })?.["//"]?.metadata;
  return typeof meta?.stackName === "string" ? meta.stackName : fallback;
}

/** Configurations read from a plan's JSON given as a PATH (they carry no intent, and no `--plan` replaces them). */
const readFromPlan = new WeakSet<TfConfig>();

function readFile(file: string): TfConfig {
  const doc = readJson(file);
  try {
    if (isPlanJson(doc)) {
      const config = readPlanJson(doc, path.basename(file).replace(/(\.plan)?\.json$/, ""));
      readFromPlan.add(config);
      return config;
    }
    if (isConfigJson(doc)) return readConfigJson([doc], stackNameOf(doc, path.basename(path.dirname(path.resolve(file)))));
  } catch (e) {
    if (e instanceof TerraformJsonError) throw new CheckInputError(`${file}: ${e.message}.`);
    throw e;
  }
  throw new CheckInputError(`${file}: not Terraform JSON (neither a configuration with resource/provider/terraform blocks nor the output of \`terraform show -json\`).`);
}

/**
 * Reads what a path holds: a `cdktf.out` folder (every stack), a stack folder (`cdk.tf.json`), a folder
 * of `*.tf.json` files (one configuration), or one file (a configuration, or a plan's JSON).
 */
export function readTerraformPath(p: string): TfConfig[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch {
    throw new CheckInputError(`${p}: no such file or folder.`);
  }
  if (stat.isFile()) return [readFile(p)];
  const stacks = path.join(p, "stacks");
  if (fs.existsSync(stacks) && fs.statSync(stacks).isDirectory()) {
    const dirs = fs
      .readdirSync(stacks)
      .filter((d) => fs.existsSync(path.join(stacks, d, "cdk.tf.json")))
      .sort(compareStrings);
    if (dirs.length === 0) throw new CheckInputError(`${p}: its stacks/ folder holds no cdk.tf.json.`);
    return dirs.map((d) => readFile(path.join(stacks, d, "cdk.tf.json")));
  }
  if (fs.existsSync(path.join(p, "cdk.tf.json"))) return [readFile(path.join(p, "cdk.tf.json"))];
  const files = fs
    .readdirSync(p)
    .filter((f) => f.endsWith(".tf.json"))
    .sort(compareStrings);
  if (files.length === 0) throw new CheckInputError(`${p}: no cdk.tf.json, stacks/ folder or *.tf.json file in this folder.`);
  const docs = files.map((f) => readJson(path.join(p, f)));
  for (const [i, d] of docs.entries()) if (!isConfigJson(d)) throw new CheckInputError(`${path.join(p, files[i])}: not a Terraform JSON configuration.`);
  try {
    return [readConfigJson(docs, path.basename(path.resolve(p)))];
  } catch (e) {
    if (e instanceof TerraformJsonError) throw new CheckInputError(`${p}: ${e.message}.`);
    throw e;
  }
}

/** The configurations with the one `file` (a plan's JSON) was made from replaced by the plan read with that configuration's intent. */
function withPlan(configs: readonly TfConfig[], file: string, planned: Set<string>): TfConfig[] {
  const doc = readJson(file);
  if (!isPlanJson(doc)) throw new CheckInputError(`--plan ${file}: not the output of \`terraform show -json PLANFILE\`.`);
  const given = configs.filter((c) => !readFromPlan.has(c));
  const matching = given.filter((c) => {
    const d = planConfigurationDifference(doc, c);
    return d.onlyInPlan.length === 0 && d.onlyInConfiguration.length === 0;
  });
  const read = (c: TfConfig) => {
    try {
      return readPlanJson(doc, c.stack, c);
    } catch (e) {
      if (e instanceof TerraformJsonError) throw new CheckInputError(`--plan ${file}: ${e.message}; plan the configuration as it is now, or give the stack folder the plan was made from.`);
      throw e;
    }
  };
  if (matching.length === 0 && given.length === 1) read(given[0]); // throws, naming the differences
  if (matching.length === 0) {
    throw new CheckInputError(
      `--plan ${file}: made from none of the configurations given (${given.map((c) => c.stack).join(", ") || "only plans"}); give the stack folder (or cdk.tf.json) it was made from as a PATH.`,
    );
  }
  if (matching.length > 1) throw new CheckInputError(`--plan ${file}: its resources match ${matching.map((c) => c.stack).join(" and ")}; give only the stack folder it was made from as the PATH.`);
  const [c] = matching;
  if (planned.has(c.stack)) throw new CheckInputError(`--plan ${file}: a second plan for ${c.stack}; give one plan per configuration.`);
  planned.add(c.stack);
  const replaced = read(c);
  return configs.map((x) => (x === c ? replaced : x));
}

/** Runs every rule over Terraform JSON: no program, no allocation, no lock file. */
export function checkTerraform(paths: readonly string[], options: CheckOptions = {}): CheckResult {
  if (paths.length === 0) throw new CheckInputError("no PATH given.");
  let configs = paths.flatMap(readTerraformPath);
  const planned = new Set<string>();
  for (const file of options.plans ?? []) configs = withPlan(configs, file, planned);
  const names = new Set<string>();
  for (const c of configs) {
    if (names.has(c.stack)) throw new CheckInputError(`two configurations are both called "${c.stack}"; check them one at a time, or from their cdktf.out folder.`);
    names.add(c.stack);
  }
  const built = buildModel(configs);
  const extra = options.suppressions ?? [];
  const inConfigs = suppressionLookup(built.suppressions);
  const suppressionsAt = (p: string): ActiveSuppression[] => [
    ...inConfigs(p),
    ...extra.filter((s) => s.path === undefined || p === s.path || p.startsWith(`${s.path}/`)).map((s) => ({ id: s.id, reason: s.reason, by: s.path ?? "(command line)" })),
  ];
  const resolved = resolveOptions({ ...(options.planner ?? {}), lockFile: false, frozen: false }, {}, false);
  const plan = runPlan({ model: built.model, options: resolved, suppressionsAt });
  return { configs, model: built.model, plan };
}

/** The terminal output of `check`: every unsuppressed error as synth prints it, then the summary, then the warnings. */
export function formatCheck(result: CheckResult): string {
  const errors = result.plan.errors.map(formatFinding);
  const head = errors.length > 0 ? `ENI planner: ${errors.length} error${errors.length === 1 ? "" : "s"}.\n\n${errors.join("\n\n")}\n\n` : "";
  const warnings = formatWarnings(result.plan);
  return `${head}${formatSummary(result.model, result.plan, "check: nothing allocated, no lock file written.")}\n${warnings === undefined ? "" : `${warnings}\n`}`;
}

/** Writes `<dir>/<stack>/eni-plan.json` and `eni-plan.md` for every configuration, as synth does. */
export function writeCheckReports(result: CheckResult, dir: string): string[] {
  const written: string[] = [];
  for (const [stack, report] of buildReports(result.model, result.plan)) {
    written.push(...writePlanReport(path.join(dir, stack.replace(/[\\/]/g, "_")), report));
  }
  return written;
}

/** Reads a suppressions file: `[{ "id", "reason", "path"? }]` or `{ "RULE-ID": "reason" }`. */
export function readSuppressionsFile(file: string): CheckSuppression[] {
  const data = readJson(file);
  const bad = () => new CheckInputError(`${file}: expected [{"id": "ENI-...", "reason": "...", "path"?: "..."}] or {"ENI-...": "reason"}.`);
  if (Array.isArray(data)) {
    return data.map((s) => {
      if (typeof s?.id !== "string" || typeof s?.reason !== "string" || (s.path !== undefined && typeof s.path !== "string")) throw bad();
      return { id: s.id, reason: s.reason, ...(s.path !== undefined ? { path: s.path } : {}) };
    });
  }
  if (typeof data === "object" && data !== null) {
    return Object.entries(data).map(([id, reason]) => {
      if (typeof reason !== "string") throw bad();
      return { id, reason };
    });
  }
  throw bad();
}

/** Reads an instance-type file: a DescribeInstanceTypes response, or a catalog file; its types are added to the built-in catalog. */
export function readCatalogFile(file: string): InstanceTypeCatalog {
  const data = readJson(file);
  try {
    if (typeof data === "object" && data !== null && "InstanceTypes" in data) return InstanceTypeCatalog.builtIn().merge(InstanceTypeCatalog.fromDescribeInstanceTypes(data, file));
    return InstanceTypeCatalog.builtIn().withTypes(parseCatalogFile(data, file));
  } catch (e) {
    throw new CheckInputError(`${file}: ${(e as Error).message}`);
  }
}
