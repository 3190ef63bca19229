/**
 * One benchmark measurement, run by bench/run.ts in a fresh child process:
 *
 *   node <build>/bench/measure.js --version planner|baseline --size <ENIs> --outdir <dir>
 *   node <build>/bench/measure.js --version check --size <ENIs> --outdir <dir>
 *
 * Builds ONE app of the given size and version and times, inside this process (so module loading
 * and compilation stay out of the figures):
 * - construction: building the construct tree;
 * - synth: `app.synth()` into `outdir`. The planner versions plan inside it; the planner's own share of
 *   that time (EniPlanner.timings, read right after synth) is reported apart as `plannerMs`, and is part
 *   of `totalMs` (the synth's wall time), not added to it.
 * Prints one line of JSON on stdout. `check` builds both versions, synthesizes both and verifies that
 * the Terraform JSON is byte-identical and that the planner gave the addresses the baseline hard-codes.
 */
import * as fs from "fs";
import * as path from "path";
import { addressTable, AppShape, resourceCounts, shapeOf, STACK_ID } from "./shape";

type Version = "planner" | "baseline" | "planner-lock" | "l1-planner" | "check-cli" | "prepare" | "check";

interface Args {
  version: Version;
  size: number;
  outdir: string;
  /** Folder made by `--version prepare`: a lock file and the baseline's JSON. */
  prepared?: string;
}

function parseArgs(argv: string[]): Args {
  const get = (name: string): string => {
    const i = argv.indexOf(`--${name}`);
    if (i < 0 || i + 1 >= argv.length) throw new Error(`measure: missing --${name}`);
    return argv[i + 1];
  };
  const version = get("version") as Version;
  if (!["planner", "baseline", "planner-lock", "l1-planner", "check-cli", "prepare", "check"].includes(version))
    throw new Error(`measure: --version ${version} is not one of planner, baseline, planner-lock, l1-planner, check-cli, prepare, check`);
  const size = Number(get("size"));
  if (!Number.isInteger(size) || size < 1) throw new Error(`measure: --size ${get("size")} is not a whole number >= 1`);
  const i = argv.indexOf("--prepared");
  return { version, size, outdir: path.resolve(get("outdir")), prepared: i >= 0 ? path.resolve(argv[i + 1]) : undefined };
}

const ms = (from: bigint, to: bigint): number => Number(to - from) / 1e6;
/** CPU time of the process so far (user + system, all threads: GC helper threads included), in ms. */
const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function stackJsonPath(outdir: string): string {
  return path.join(outdir, "stacks", STACK_ID, "cdk.tf.json");
}

/** Resource counts by type in a synthesized stack. */
function countResources(file: string): Record<string, number> {
  const json = JSON.parse(fs.readFileSync(file, "utf8")) as { resource?: Record<string, Record<string, unknown>> };
  const out: Record<string, number> = {};
  for (const [type, byName] of Object.entries(json.resource ?? {})) out[type] = Object.keys(byName).length;
  return out;
}

/** The planner version as users run it: `app.synth()` plans (the planner's own share is in `plannerMs`). */
function measurePlanner(shape: AppShape, outdir: string, lockFile?: string) {
  // Load every module before the clock starts.
  const { buildPlannerApp, plannerOf } = require("./app-planner") as typeof import("./app-planner");
  const c0 = cpuNow();
  const t0 = process.hrtime.bigint();
  const app = buildPlannerApp(shape, outdir, lockFile);
  const t1 = process.hrtime.bigint();
  const c1 = cpuNow();
  app.synth();
  const t2 = process.hrtime.bigint();
  const c2 = cpuNow();
  const own = plannerOf(app).timings; // before inspect() below, which walks the tree once more
  const result = plannerOf(app).inspect();
  if (result.errors.length > 0) {
    throw new Error(`the planner reported ${result.errors.length} error(s); first: ${result.errors[0].ruleId} at ${result.errors[0].path}: ${result.errors[0].message}`);
  }
  const findings: Record<string, number> = {};
  for (const f of result.findings) findings[`${f.severity}:${f.ruleId}`] = (findings[`${f.severity}:${f.ruleId}`] ?? 0) + 1;
  return {
    constructionMs: ms(t0, t1),
    plannerMs: own.ownMs,
    plannerSteps: own.steps,
    synthMs: ms(t1, t2),
    constructionCpuMs: c1 - c0,
    synthCpuMs: c2 - c1,
    addresses: result.addresses.size,
    findings,
  };
}

/** The baseline app (L1 only, addresses hard-coded) with the planner checking it. */
function measureL1Planner(shape: AppShape, outdir: string) {
  const { buildBaselineApp } = require("./app-baseline") as typeof import("./app-baseline");
  const { PLANNER_OPTIONS } = require("./app-planner") as typeof import("./app-planner");
  const { EniPlanner } = require("../src/planner") as typeof import("../src/planner");
  const addresses = addressTable(shape);
  const c0 = cpuNow();
  const t0 = process.hrtime.bigint();
  const app = buildBaselineApp(shape, addresses, outdir);
  EniPlanner.configure(app, PLANNER_OPTIONS);
  const t1 = process.hrtime.bigint();
  const c1 = cpuNow();
  app.synth();
  const t2 = process.hrtime.bigint();
  const c2 = cpuNow();
  const own = EniPlanner.of(app).timings; // before inspect() below, which walks the tree once more
  const result = EniPlanner.of(app).inspect();
  if (result.errors.length > 0) throw new Error(`the planner reported errors on the L1 app; first: ${result.errors[0].ruleId} at ${result.errors[0].path}: ${result.errors[0].message}`);
  return {
    constructionMs: ms(t0, t1),
    plannerMs: own.ownMs,
    synthMs: ms(t1, t2),
    constructionCpuMs: c1 - c0,
    synthCpuMs: c2 - c1,
    addresses: result.addresses.size,
  };
}

/** `cdktf-alicloud-eni check` on the baseline's cdk.tf.json (read from the prepared folder). */
function measureCheck(prepared: string) {
  const { checkTerraform } = require("../src/cli/check") as typeof import("../src/cli/check");
  const file = stackJsonPath(path.join(prepared, "baseline"));
  const c0 = cpuNow();
  const t0 = process.hrtime.bigint();
  const result = checkTerraform([file], { planner: { eniQuotaPerRegion: 1_000_000, eipQuota: 1_000_000 } });
  const t1 = process.hrtime.bigint();
  const c1 = cpuNow();
  if (result.plan.errors.length > 0) throw new Error(`check reported errors; first: ${result.plan.errors[0].ruleId} at ${result.plan.errors[0].path}`);
  return { constructionMs: 0, plannerMs: null, synthMs: ms(t0, t1), constructionCpuMs: 0, synthCpuMs: c1 - c0, addresses: result.model.enis.length };
}

/** Makes the inputs of planner-lock and check-cli: the app's lock file (as a user has it) and the baseline's JSON. */
function prepare(shape: AppShape, outdir: string) {
  const { buildPlannerApp } = require("./app-planner") as typeof import("./app-planner");
  const { buildBaselineApp } = require("./app-baseline") as typeof import("./app-baseline");
  const lockFile = path.join(outdir, "eni-allocations.lock.json");
  buildPlannerApp(shape, path.join(outdir, "planner"), lockFile).synth();
  buildBaselineApp(shape, addressTable(shape), path.join(outdir, "baseline")).synth();
  return { lockFile, lockBytes: fs.statSync(lockFile).size };
}

function measureBaseline(shape: AppShape, outdir: string) {
  const { buildBaselineApp } = require("./app-baseline") as typeof import("./app-baseline");
  // The hard-coded addresses are literals of the baseline program: computed before the clock starts.
  const addresses = addressTable(shape);
  const c0 = cpuNow();
  const t0 = process.hrtime.bigint();
  const app = buildBaselineApp(shape, addresses, outdir);
  const t1 = process.hrtime.bigint();
  const c1 = cpuNow();
  app.synth();
  const t2 = process.hrtime.bigint();
  const c2 = cpuNow();
  return { constructionMs: ms(t0, t1), plannerMs: null, synthMs: ms(t1, t2), constructionCpuMs: c1 - c0, synthCpuMs: c2 - c1 };
}

function check(shape: AppShape, outdir: string) {
  const { buildPlannerApp, plannerOf } = require("./app-planner") as typeof import("./app-planner");
  const { buildBaselineApp } = require("./app-baseline") as typeof import("./app-baseline");
  const table = addressTable(shape);
  const problems: string[] = [];

  const plannerDir = path.join(outdir, "planner");
  const planner = buildPlannerApp(shape, plannerDir);
  planner.synth();
  const result = plannerOf(planner).inspect();
  for (const e of result.errors) problems.push(`planner error ${e.ruleId} at ${e.path}: ${e.message}`);
  const expect = (key: string, want: string | undefined) => {
    const got = result.addresses.get(key);
    if (got !== want) problems.push(`address ${key}: planner ${got}, baseline ${want}`);
  };
  for (const [key, want] of table.byKey) expect(key, want);
  if (result.addresses.size !== table.byKey.size) problems.push(`the planner planned ${result.addresses.size} values, the baseline hard-codes ${table.byKey.size}`);

  const baselineDir = path.join(outdir, "baseline");
  buildBaselineApp(shape, table, baselineDir).synth();

  // The planner adds its intent in the top-level "//" comment (Terraform ignores it); the rest is byte-identical.
  const withoutIntent = (text: string) => {
    const doc = JSON.parse(text);
    delete doc["//"]["cdktf-alicloud-eni"];
    return `${JSON.stringify(doc, null, 2)}`;
  };
  const a = withoutIntent(fs.readFileSync(stackJsonPath(plannerDir), "utf8"));
  const b = withoutIntent(fs.readFileSync(stackJsonPath(baselineDir), "utf8"));
  if (a !== b) {
    const la = a.split("\n");
    const lb = b.split("\n");
    const i = la.findIndex((line, k) => line !== lb[k]);
    problems.push(`cdk.tf.json differs (planner ${a.length} bytes, baseline ${b.length} bytes); first difference at line ${i + 1}:\n  planner:  ${la[i]}\n  baseline: ${lb[i]}`);
  }
  const counts = countResources(stackJsonPath(baselineDir));
  const want = resourceCounts(shape);
  for (const [type, n] of Object.entries(want)) if (counts[type] !== n) problems.push(`${type}: ${counts[type] ?? 0} in the JSON, ${n} expected`);
  return { identical: a === b, bytes: b.length, addresses: result.addresses.size, resources: counts, problems };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const shape = shapeOf(args.size);
  fs.mkdirSync(args.outdir, { recursive: true });
  if (args.version === "check") {
    const r = check(shape, args.outdir);
    process.stdout.write(`${JSON.stringify({ version: "check", size: args.size, ...r })}\n`);
    if (r.problems.length > 0) process.exitCode = 1;
    return;
  }
  if (args.version === "prepare") {
    process.stdout.write(`${JSON.stringify({ version: "prepare", size: args.size, ...prepare(shape, args.outdir) })}\n`);
    return;
  }
  const needPrepared = () => {
    if (!args.prepared) throw new Error(`measure: --version ${args.version} needs --prepared DIR (made by --version prepare)`);
    return args.prepared;
  };
  let lockFile: string | undefined;
  if (args.version === "planner-lock") {
    lockFile = path.join(args.outdir, "eni-allocations.lock.json");
    fs.copyFileSync(path.join(needPrepared(), "eni-allocations.lock.json"), lockFile);
  }
  const r =
    args.version === "planner" || args.version === "planner-lock"
      ? measurePlanner(shape, args.outdir, lockFile)
      : args.version === "l1-planner"
        ? measureL1Planner(shape, args.outdir)
        : args.version === "check-cli"
          ? measureCheck(needPrepared())
          : measureBaseline(shape, args.outdir);
  const usage = process.resourceUsage();
  // The planner plans inside app.synth(): its own time is part of the synth's (adding it again would count it twice).
  const { synthMs: totalMs, synthCpuMs: totalCpuMs, ...rest } = r;
  const file = args.version === "check-cli" ? stackJsonPath(path.join(needPrepared(), "baseline")) : stackJsonPath(args.outdir);
  process.stdout.write(
    `${JSON.stringify({
      version: args.version,
      size: args.size,
      ...rest,
      totalMs,
      endToEndMs: r.constructionMs + totalMs,
      totalCpuMs,
      endToEndCpuMs: r.constructionCpuMs + totalCpuMs,
      maxRssKiB: usage.maxRSS,
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 1048576),
      outputBytes: fs.statSync(file).size,
    })}\n`,
  );
}

main();
