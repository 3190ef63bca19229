/**
 * `npm run bench`: the planner's cost at synth, against the same app written with L1 bindings only.
 *
 *   npm run bench                                  sizes 100,1000,10000; 5 runs each
 *   npm run bench -- --sizes 100,1000 --runs 3     other sizes / run count
 *   npm run bench -- --profile --sizes 10000       one CPU-profiled run of each version per size
 *                                                  (profiles and summaries under bench/out/profiles)
 *   npm run bench -- --no-check                    skip the output-equivalence check
 *   npm run bench -- --variant dual-stack|prefixes  the IPv6 or the prefix form of the app (bench/shape.ts);
 *                                                  figures go to bench/results-<variant>.json
 *
 * The sources are transpiled once (TypeScript's transpileModule, as `ts-node --transpile-only`)
 * to bench/out/build; every measurement then runs `node bench/out/build/bench/measure.js` in a
 * fresh process that times itself, so compilation and module loading are not measured. Each run
 * measures every version in turn, in reverse order every other run, so drift and noise hit all alike.
 * Figures go to stdout and bench/results.json (except with --profile).
 *
 * This file imports nothing from src/: ts-node only type-checks this driver.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { summarizeProfile, formatSummary, ProfileSummary } from "./profile-summary";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "bench", "out");
const BUILD = path.join(OUT, "build");
const PROFILES = path.join(OUT, "profiles");
/** Results file of the default (IPv4) app; a --variant writes results-<variant>.json. */
const resultsFile = (): string =>
  path.join(ROOT, "bench", process.env.ENI_BENCH_VARIANT && process.env.ENI_BENCH_VARIANT !== "ipv4" ? `results-${process.env.ENI_BENCH_VARIANT}.json` : "results.json");
const DEFAULT_SIZES = [100, 1_000, 10_000];
/** Runs per size by default (at 10,000 ENIs a run of the five versions takes about 2 minutes). */
const defaultRuns = (_size: number): number => 5; // wall times on this shared 2-core machine vary by ±15% or more run to run: use --runs 7 or more for figures
/** A child that runs longer than this is killed (and the bench fails). */
const CHILD_TIMEOUT_MS = 20 * 60_000;

type Version = "planner" | "baseline" | "planner-lock" | "l1-planner" | "check-cli";

interface Options {
  sizes: number[];
  runs?: number;
  profile: boolean;
  check: boolean;
}

interface Measurement {
  version: Version;
  size: number;
  run: number;
  constructionMs: number;
  plannerMs: number | null;
  /** The planner's own time by step (EniPlanner.timings.steps), for the planner versions. */
  plannerSteps?: Record<string, number>;
  totalMs: number;
  endToEndMs: number;
  constructionCpuMs: number;
  totalCpuMs: number;
  endToEndCpuMs: number;
  maxRssKiB: number;
  heapUsedMiB: number;
  outputBytes: number;
  addresses?: number;
  findings?: Record<string, number>;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { sizes: DEFAULT_SIZES, profile: false, check: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--sizes") {
      options.sizes = value()
        .split(",")
        .map((s) => Number(s.trim().replace(/_/g, "")));
      if (options.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes must be whole numbers >= 1, e.g. 100,1000`);
      options.sizes = [...new Set(options.sizes)].sort((x, y) => x - y);
    } else if (a === "--runs") {
      options.runs = Number(value());
      if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error(`--runs must be a whole number >= 1`);
    } else if (a === "--profile") options.profile = true;
    else if (a === "--no-check") options.check = false;
    else if (a === "--variant") {
      const v = value();
      if (!["ipv4", "dual-stack", "prefixes"].includes(v)) throw new Error(`--variant must be ipv4, dual-stack or prefixes`);
      process.env.ENI_BENCH_VARIANT = v; // read by bench/shape.ts in every child process
    } else if (a === "--help" || a === "-h") {
      process.stdout.write(fs.readFileSync(__filename, "utf8").split("*/")[0]);
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  return options;
}

/** Transpiles src/ and bench/ to bench/out/build (no type-check: other folders may be mid-edit) and copies src/ JSON data. */
function build(): void {
  const started = Date.now();
  const config = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, "\n"));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const compilerOptions: ts.CompilerOptions = { ...parsed.options, sourceMap: false, declaration: false, inlineSourceMap: false };
  fs.rmSync(BUILD, { recursive: true, force: true });
  let files = 0;
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (full !== OUT) walk(full);
        continue;
      }
      const target = path.join(BUILD, path.relative(ROOT, full));
      if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) {
        const out = ts.transpileModule(fs.readFileSync(full, "utf8"), { compilerOptions, fileName: full, reportDiagnostics: false });
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target.replace(/\.ts$/, ".js"), out.outputText);
        files++;
      } else if (entry.name.endsWith(".json")) {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.copyFileSync(full, target);
      }
    }
  };
  walk(path.join(ROOT, "src"));
  walk(path.join(ROOT, "bench"));
  process.stdout.write(`Transpiled ${files} files to ${path.relative(ROOT, BUILD)} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

/** Runs measure.js in a fresh node process and returns its JSON line. */
function child(version: Version | "check" | "prepare", size: number, nodeArgs: string[] = [], prepared?: string): Record<string, unknown> {
  const outdir = prepared && version === "prepare" ? prepared : fs.mkdtempSync(path.join(os.tmpdir(), `eni-bench-${version}-${size}-`));
  try {
    const extra = prepared && version !== "prepare" ? ["--prepared", prepared] : [];
    const r = spawnSync(process.execPath, [...nodeArgs, path.join(BUILD, "bench", "measure.js"), "--version", version, "--size", String(size), "--outdir", outdir, ...extra], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      timeout: CHILD_TIMEOUT_MS,
      env: { ...process.env, CDKTF_ENI_QUIET: "1", CI: "" },
    });
    if (r.error) throw r.error;
    const line = r.stdout.trim().split("\n").pop() ?? "";
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      parsed = undefined;
    }
    if (r.status !== 0 || !parsed) {
      throw new Error(`measure ${version} at ${size} ENIs failed (exit ${r.status}, signal ${r.signal}):\n${r.stdout}\n${r.stderr}`);
    }
    return parsed;
  } finally {
    if (version !== "prepare") fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f1 = (x: number): string => x.toFixed(1);
const f2 = (x: number): string => x.toFixed(2);
const f3 = (x: number): string => x.toFixed(3);
const mib = (kib: number): string => `${(kib / 1024).toFixed(0)} MiB`;
/** Growth bound of an n log n cost from n1 to n2 (10 log(10n)/log(n) for a 10x step). */
const nLogNBound = (n1: number, n2: number): number => (n2 / n1) * (Math.log(n2) / Math.log(n1));

interface SizeSummary {
  size: number;
  runs: number;
  baseline: { totalMs: number; constructionMs: number; endToEndMs: number; totalCpuMs: number; maxRssKiB: number; min: number; max: number };
  planner: { totalMs: number; plannerMs: number; constructionMs: number; endToEndMs: number; totalCpuMs: number; maxRssKiB: number; min: number; max: number };
  ratio: number;
  cpuRatio: number;
  pairedRatio: number;
  endToEndRatio: number;
  plannerShare: number;
  rssRatio: number;
  /** The extra cases, each against the baseline's synth wall time and peak RSS. */
  cases: Record<"planner-lock" | "l1-planner" | "check-cli", { totalMs: number; maxRssKiB: number; ratio: number; pairedRatio: number; cpuRatio: number; endToEndRatio: number; rssRatio: number }>;
  /**
   * With the lock file: the planner's own time (median), its median by step, and the median of synth wall minus own
   * time (cdktf's share of the synth, to set against the baseline's synth).
   */
  lockOwn: { plannerMs: number; steps: Record<string, number>; synthLessOwnMs: number };
}

function summarize(size: number, ms: Measurement[]): SizeSummary {
  const p = ms.filter((m) => m.version === "planner");
  const b = ms.filter((m) => m.version === "baseline");
  const pick = (list: Measurement[], k: keyof Measurement) => list.map((m) => m[k] as number);
  const planner = {
    totalMs: median(pick(p, "totalMs")),
    plannerMs: median(pick(p, "plannerMs")),
    constructionMs: median(pick(p, "constructionMs")),
    endToEndMs: median(pick(p, "endToEndMs")),
    totalCpuMs: median(pick(p, "totalCpuMs")),
    maxRssKiB: median(pick(p, "maxRssKiB")),
    min: Math.min(...pick(p, "totalMs")),
    max: Math.max(...pick(p, "totalMs")),
  };
  const baseline = {
    totalMs: median(pick(b, "totalMs")),
    constructionMs: median(pick(b, "constructionMs")),
    endToEndMs: median(pick(b, "endToEndMs")),
    totalCpuMs: median(pick(b, "totalCpuMs")),
    maxRssKiB: median(pick(b, "maxRssKiB")),
    min: Math.min(...pick(b, "totalMs")),
    max: Math.max(...pick(b, "totalMs")),
  };
  /** The median of the run-by-run ratios of a version's synth wall time to the baseline's in the same run. */
  const pairedRatio = (list: Measurement[]) => median(list.map((m) => m.totalMs / (b.find((x) => x.run === m.run)?.totalMs ?? NaN)));
  return {
    size,
    runs: p.length,
    baseline,
    planner,
    ratio: planner.totalMs / baseline.totalMs,
    cpuRatio: planner.totalCpuMs / baseline.totalCpuMs,
    pairedRatio: pairedRatio(p),
    endToEndRatio: planner.endToEndMs / baseline.endToEndMs,
    plannerShare: planner.plannerMs / planner.totalMs,
    cases: Object.fromEntries(
      (["planner-lock", "l1-planner", "check-cli"] as const).map((v) => {
        const list = ms.filter((m) => m.version === v);
        const totalMs = median(pick(list, "totalMs"));
        const maxRssKiB = median(pick(list, "maxRssKiB"));
        const cpu = median(pick(list, "totalCpuMs"));
        const endToEnd = median(pick(list, "endToEndMs"));
        return [
          v,
          {
            totalMs,
            maxRssKiB,
            ratio: totalMs / baseline.totalMs,
            pairedRatio: pairedRatio(list),
            cpuRatio: cpu / baseline.totalCpuMs,
            endToEndRatio: endToEnd / baseline.endToEndMs,
            rssRatio: maxRssKiB / baseline.maxRssKiB,
          },
        ];
      }),
    ) as SizeSummary["cases"],
    rssRatio: planner.maxRssKiB / baseline.maxRssKiB,
    lockOwn: ownBySteps(ms.filter((m) => m.version === "planner-lock")),
  };
}

/** The median own time of a planner version and the median of each of its steps. */
function ownBySteps(list: Measurement[]): SizeSummary["lockOwn"] {
  const names = [...new Set(list.flatMap((m) => Object.keys(m.plannerSteps ?? {})))];
  return {
    plannerMs: median(list.map((m) => m.plannerMs ?? NaN)),
    steps: Object.fromEntries(names.map((n) => [n, median(list.map((m) => m.plannerSteps?.[n] ?? 0))])),
    synthLessOwnMs: median(list.map((m) => m.totalMs - (m.plannerMs ?? 0))),
  };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : " ".repeat(n - s.length) + s;
}

function report(summaries: SizeSummary[]) {
  const lines: string[] = [];
  lines.push("");
  lines.push('Synth wall time = app.synth(), inside which the planner plans (its own share is "planner own"); medians over the runs.');
  lines.push(
    [
      pad("ENIs", 6),
      pad("runs", 4),
      pad("baseline ms", 12),
      pad("planner ms", 11),
      pad("ratio", 6),
      pad("paired", 7),
      pad("CPU", 6),
      pad("planner own ms", 15),
      pad("share", 6),
      pad("constr. b/p ms", 16),
      pad("end-to-end", 11),
      pad("RSS base", 9),
      pad("RSS plan", 9),
      pad("RSS x", 6),
    ].join(" "),
  );
  for (const s of summaries) {
    lines.push(
      [
        pad(String(s.size), 6),
        pad(String(s.runs), 4),
        pad(f1(s.baseline.totalMs), 12),
        pad(f1(s.planner.totalMs), 11),
        pad(f3(s.ratio), 6),
        pad(f3(s.pairedRatio), 7),
        pad(f3(s.cpuRatio), 6),
        pad(f1(s.planner.plannerMs), 15),
        pad(`${(s.plannerShare * 100).toFixed(1)}%`, 6),
        pad(`${f1(s.baseline.constructionMs)}/${f1(s.planner.constructionMs)}`, 16),
        pad(`${f3(s.endToEndRatio)}x`, 11),
        pad(mib(s.baseline.maxRssKiB), 9),
        pad(mib(s.planner.maxRssKiB), 9),
        pad(f2(s.rssRatio), 6),
      ].join(" "),
    );
  }
  lines.push(
    "(ratio: of the median wall times; paired: median of run-by-run ratios; CPU: the same ratio in CPU time (all threads, less sensitive to\n" +
      " other load on the machine); share: planner own / planner synth wall; end-to-end: (construction + synth wall) planner/baseline)",
  );

  const growth: { from: number; to: number; baseline: number; planner: number; plannerOwn: number; nLogNBound: number; linear: number }[] = [];
  for (let i = 1; i < summaries.length; i++) {
    const a = summaries[i - 1];
    const b = summaries[i];
    growth.push({
      from: a.size,
      to: b.size,
      baseline: b.baseline.totalMs / a.baseline.totalMs,
      planner: b.planner.totalMs / a.planner.totalMs,
      plannerOwn: b.planner.plannerMs / a.planner.plannerMs,
      nLogNBound: nLogNBound(a.size, b.size),
      linear: b.size / a.size,
    });
  }
  if (growth.length > 0) {
    lines.push("");
    lines.push("Growth factor of the median times from one size to the next (n log n bound: (n2/n1) log n2 / log n1):");
    lines.push([pad("step", 14), pad("baseline", 9), pad("planner", 8), pad("planner own", 12), pad("n log n", 8), pad("linear", 7)].join(" "));
    for (const g of growth) {
      lines.push([pad(`${g.from} -> ${g.to}`, 14), pad(f2(g.baseline), 9), pad(f2(g.planner), 8), pad(f2(g.plannerOwn), 12), pad(f2(g.nLogNBound), 8), pad(f2(g.linear), 7)].join(" "));
    }
  }

  // Verdict.
  const largest = summaries[summaries.length - 1];
  const at10k = summaries.find((s) => s.size === 10_000) ?? largest;
  const verdicts = {
    ratio: { target: "planner/baseline synth wall time <= 1.10 at 10,000 ENIs", size: at10k.size, value: at10k.ratio, pass: at10k.ratio <= 1.1 },
    growth: {
      target: "planner own time grows no faster than n log n",
      steps: growth.map((g) => ({ from: g.from, to: g.to, value: g.plannerOwn, bound: g.nLogNBound, pass: g.plannerOwn <= g.nLogNBound })),
      pass: growth.every((g) => g.plannerOwn <= g.nLogNBound),
    },
    rss: {
      target: "peak RSS within 1.2x of the baseline",
      sizes: summaries.map((s) => ({ size: s.size, value: s.rssRatio, pass: s.rssRatio <= 1.2 })),
      pass: summaries.every((s) => s.rssRatio <= 1.2),
    },
    lock: {
      target: "with its lock file: synth wall <= 1.05x and peak RSS <= 1.15x of the baseline at 10,000 ENIs",
      value: at10k.cases["planner-lock"].ratio,
      rss: at10k.cases["planner-lock"].rssRatio,
      pass: at10k.cases["planner-lock"].ratio <= 1.05 && at10k.cases["planner-lock"].rssRatio <= 1.15,
    },
    check: {
      target: "check on the cdk.tf.json takes at most 30% of the baseline's synth wall time at 10,000 ENIs",
      value: at10k.cases["check-cli"].ratio,
      pass: at10k.cases["check-cli"].ratio <= 0.3,
    },
  };
  lines.push("");
  lines.push("Extra cases (medians; ratio and RSS against the baseline's synth):");
  lines.push(
    [
      pad("ENIs", 7),
      pad("with lock ms", 13),
      pad("ratio", 6),
      pad("paired", 7),
      pad("CPU", 6),
      pad("end-to-end", 11),
      pad("RSS", 6),
      pad("L1 app + planner ms", 20),
      pad("ratio", 6),
      pad("check ms", 9),
      pad("of baseline", 11),
    ].join(" "),
  );
  for (const s of summaries) {
    const c = s.cases;
    lines.push(
      [
        pad(String(s.size), 7),
        pad(f1(c["planner-lock"].totalMs), 13),
        pad(f3(c["planner-lock"].ratio), 6),
        pad(f3(c["planner-lock"].pairedRatio), 7),
        pad(f3(c["planner-lock"].cpuRatio), 6),
        pad(`${f3(c["planner-lock"].endToEndRatio)}x`, 11),
        pad(f2(c["planner-lock"].rssRatio), 6),
        pad(f1(c["l1-planner"].totalMs), 20),
        pad(f3(c["l1-planner"].ratio), 6),
        pad(f1(c["check-cli"].totalMs), 9),
        pad(`${(c["check-cli"].ratio * 100).toFixed(1)}%`, 11),
      ].join(" "),
    );
  }
  const steps = Object.entries(at10k.lockOwn.steps)
    .map(([n, v]) => `${n} ${f1(v)}`)
    .join(", ");
  lines.push(`With the lock file at ${at10k.size} ENIs, the planner's own ${f1(at10k.lockOwn.plannerMs)} ms by step (medians): ${steps}`);
  lines.push(
    `  synth wall minus the planner's own time: ${f1(at10k.lockOwn.synthLessOwnMs)} ms against the baseline's ${f1(at10k.baseline.totalMs)} ms;` +
      ` the ratio that own time alone gives (1 + own / baseline synth): ${f3(1 + at10k.lockOwn.plannerMs / at10k.baseline.totalMs)}`,
  );
  const mark = (ok: boolean) => (ok ? "PASS" : "FAIL");
  lines.push("");
  lines.push("Verdict:");
  lines.push(
    `  ${mark(verdicts.ratio.pass)}  ${verdicts.ratio.target}: ${f3(verdicts.ratio.value)} at ${at10k.size} ENIs` +
      (at10k.size !== 10_000 ? " (10,000 not measured: largest size used)" : "") +
      ` (CPU time: ${f3(at10k.cpuRatio)}; end-to-end incl. construction: ${f3(at10k.endToEndRatio)})`,
  );
  lines.push(
    `  ${growth.length ? mark(verdicts.growth.pass) : "n/a "}  ${verdicts.growth.target}: ` +
      (growth.length ? growth.map((g) => `${g.from}->${g.to} x${f2(g.plannerOwn)} (bound x${f2(g.nLogNBound)})`).join(", ") : "needs two sizes"),
  );
  lines.push(`  ${mark(verdicts.rss.pass)}  ${verdicts.rss.target}: ${summaries.map((s) => `${f2(s.rssRatio)}x at ${s.size}`).join(", ")}`);
  lines.push(
    `  ${mark(verdicts.lock.pass)}  ${verdicts.lock.target}: ${f3(verdicts.lock.value)}x wall, ${f2(verdicts.lock.rss)}x RSS` +
      ` (paired: ${f3(at10k.cases["planner-lock"].pairedRatio)}; CPU time: ${f3(at10k.cases["planner-lock"].cpuRatio)}; end-to-end incl. construction: ${f3(at10k.cases["planner-lock"].endToEndRatio)})`,
  );
  lines.push(`  ${mark(verdicts.check.pass)}  ${verdicts.check.target}: ${(verdicts.check.value * 100).toFixed(1)}%`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return { growth, verdicts };
}

const loadavg = (): string =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

function runBench(options: Options): void {
  const started = Date.now();
  const loadBefore = loadavg();
  process.stdout.write(`Load average before: ${loadBefore} (${os.cpus().length} CPUs; other load on the machine shows up as noise in wall times, less in CPU times).\n`);
  const raw: Measurement[] = [];
  const summaries: SizeSummary[] = [];
  for (const size of options.sizes) {
    const runs = options.runs ?? defaultRuns(size);
    const sizeStarted = Date.now();
    const ms: Measurement[] = [];
    const prepared = fs.mkdtempSync(path.join(os.tmpdir(), `eni-bench-prepared-${size}-`));
    const prep = child("prepare", size, [], prepared);
    process.stdout.write(`  ${pad(String(size), 6)} ENIs: lock file of ${(Number(prep.lockBytes) / 1e6).toFixed(1)} MB and the baseline JSON prepared\n`);
    for (let run = 1; run <= runs; run++) {
      // The order turns round every run, so no version always runs at the same point of a round: this machine's
      // speed drifts under sustained load (a fixed CPU-bound loop slows by about 10% within seconds).
      const order = ["planner", "baseline", "planner-lock", "l1-planner", "check-cli"] as const;
      for (const version of run % 2 === 1 ? order : [...order].reverse()) {
        const m = { ...(child(version, size, [], prepared) as unknown as Measurement), run };
        ms.push(m);
        process.stdout.write(
          `  ${pad(String(size), 6)} ENIs run ${run}/${runs} ${pad(version, 8)}: synth ${pad(f1(m.totalMs), 8)} ms` +
            (m.plannerMs !== null ? ` (planner own ${f1(m.plannerMs)} of it)` : "") +
            `, construction ${f1(m.constructionMs)} ms, synth CPU ${f1(m.totalCpuMs)} ms, RSS ${mib(m.maxRssKiB)}\n`,
        );
      }
    }
    fs.rmSync(prepared, { recursive: true, force: true });
    raw.push(...ms);
    summaries.push(summarize(size, ms));
    process.stdout.write(`  ${size} ENIs: ${runs} runs in ${((Date.now() - sizeStarted) / 1000).toFixed(0)} s\n`);
  }
  const loadAfter = loadavg();
  process.stdout.write(`Load average after: ${loadAfter}\n`);
  const { growth, verdicts } = report(summaries);
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
    loadAverage: { before: loadBefore, after: loadAfter },
    sizes: options.sizes,
    runs: Object.fromEntries(options.sizes.map((s) => [s, options.runs ?? defaultRuns(s)])),
    definitions: {
      totalMs: "synth wall time: app.synth() (the planner plans inside it); for check-cli, checkTerraform() on the baseline's cdk.tf.json",
      plannerMs:
        "the planner's own share of app.synth() (EniPlanner.timings.ownMs): walking the tree, reading the intent, the model, every rule, allocation, the lock file, filling in the JSON and reports (plannerSteps: by step)",
      constructionMs: "building the construct tree (not part of totalMs)",
      totalCpuMs: "CPU time (user + system, all threads) over the same span as totalMs; cpuRatio is its planner/baseline ratio",
      endToEndMs: "constructionMs + totalMs",
      maxRssKiB: "process.resourceUsage().maxRSS of the child at the end",
    },
    summaries,
    growth,
    verdicts,
    elapsedSeconds: Math.round((Date.now() - started) / 1000),
    raw,
  };
  const RESULTS = resultsFile();
  fs.writeFileSync(
    RESULTS,
    `${JSON.stringify(process.env.ENI_BENCH_VARIANT && process.env.ENI_BENCH_VARIANT !== "ipv4" ? { variant: process.env.ENI_BENCH_VARIANT, ...results } : results, null, 2)}\n`,
  );
  process.stdout.write(`\nWrote ${path.relative(ROOT, RESULTS)} (${results.elapsedSeconds} s in all).\n`);
}

function runProfiles(options: Options): void {
  fs.mkdirSync(PROFILES, { recursive: true });
  for (const size of options.sizes) {
    const byVersion: Partial<Record<Version, ProfileSummary>> = {};
    const prepared = fs.mkdtempSync(path.join(os.tmpdir(), `eni-bench-prepared-${size}-`));
    child("prepare", size, [], prepared);
    for (const version of ["planner", "baseline", "planner-lock"] as const) {
      const name = `${version}-${size}.cpuprofile`;
      fs.rmSync(path.join(PROFILES, name), { force: true });
      const m = child(version, size, ["--cpu-prof", "--cpu-prof-dir", PROFILES, "--cpu-prof-name", name, "--cpu-prof-interval", "500"], version === "planner-lock" ? prepared : undefined);
      const summary = summarizeProfile(JSON.parse(fs.readFileSync(path.join(PROFILES, name), "utf8")), ROOT);
      byVersion[version] = summary;
      fs.writeFileSync(path.join(PROFILES, `${version}-${size}.summary.json`), `${JSON.stringify({ measurement: m, summary }, null, 2)}\n`);
      process.stdout.write(`\n=== ${version} at ${size} ENIs (profiled, times inflated): ${JSON.stringify(m)}\n`);
      process.stdout.write(formatSummary(summary, 30));
    }
    fs.rmSync(prepared, { recursive: true, force: true });
  }
  process.stdout.write(`\nProfiles and summaries in ${path.relative(ROOT, PROFILES)} (open a .cpuprofile in Chrome DevTools).\n`);
}

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  build();
  if (options.check) {
    const size = options.sizes[0];
    const r = child("check", size);
    process.stdout.write(`Check at ${size} ENIs: planner and baseline cdk.tf.json byte-identical (${r.bytes} bytes, ${r.addresses} planned addresses).\n`);
  }
  if (options.profile) runProfiles(options);
  else runBench(options);
}

main();
