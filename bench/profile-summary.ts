/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): self and inclusive time per function,
 * and self time per origin (our src/, bench/, cdktf, constructs, other packages, node internals, GC).
 * Used by `npm run bench -- --profile`; also runnable alone:
 *   npx ts-node --transpile-only bench/profile-summary.ts bench/out/profiles/planner-10000.cpuprofile
 */
import * as fs from "fs";
import * as path from "path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  /** name (file:line) */
  readonly fn: string;
  readonly origin: string;
  readonly selfMs: number;
  readonly selfPct: number;
  readonly totalMs: number;
  readonly totalPct: number;
}

/** Samples whose stack holds a frame matching `marker` (and none matching `unless`). */
export interface PhaseSpec {
  readonly name: string;
  readonly marker: RegExp;
  readonly unless?: RegExp;
}

export interface PhaseSummary {
  readonly name: string;
  readonly ms: number;
  readonly byOrigin: { origin: string; selfMs: number; pct: number }[];
  /** Self time inside the phase; pct of the phase. */
  readonly topSelf: { fn: string; origin: string; selfMs: number; pct: number }[];
  /** Inclusive time inside the phase of our src/ functions; pct of the phase. */
  readonly topInclusiveOurs: { fn: string; totalMs: number; pct: number }[];
}

/** The phases of a bench/measure.ts child. GC samples are not attributed (they have no JS stack). */
export const MEASURE_PHASES: readonly PhaseSpec[] = [
  { name: "construction", marker: /^build(Planner|Baseline)App \(/ },
  { name: "planner (inspect before synth)", marker: /^inspect \(src\/planner\/eni-planner/, unless: /^synth \(cdktf\/lib\/app/ },
  { name: "synth (app.synth)", marker: /^synth \(cdktf\/lib\/app/ },
];

export interface ProfileSummary {
  readonly totalMs: number;
  readonly phases: PhaseSummary[];
  readonly byOrigin: { origin: string; selfMs: number; pct: number }[];
  readonly topSelf: FunctionTime[];
  /** Inclusive time of the functions of src/ with the most inclusive time. */
  readonly topInclusiveOurs: FunctionTime[];
}

/** Where a function comes from, by its script URL. */
export function originOf(url: string, functionName: string, root: string): string {
  if (url === "") {
    if (functionName === "(garbage collector)") return "GC";
    if (functionName === "(program)" || functionName === "(idle)" || functionName === "(root)") return functionName;
    return "V8 builtins";
  }
  if (url.startsWith("node:")) return "node internals";
  const file = url.startsWith("file://") ? decodeURIComponent(url.slice(7)) : url;
  const nm = file.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + 14).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const rel = path.relative(root, file).replace(/^bench\/out\/build\//, "");
  if (rel.startsWith("src/provider/")) return "src/provider (generated L1)";
  if (rel.startsWith("src/")) return "src (ours)";
  if (rel.startsWith("bench/")) return "bench (app code)";
  return "other";
}

function label(frame: CallFrame, root: string): string {
  let file = frame.url.startsWith("file://") ? decodeURIComponent(frame.url.slice(7)) : frame.url;
  if (file.startsWith("/")) {
    const nm = file.lastIndexOf("/node_modules/");
    // Our files: the transpiled copy under bench/out/build (line numbers are those of the JS, close to the TS).
    file =
      nm >= 0
        ? file.slice(nm + 14)
        : path
            .relative(root, file)
            .replace(/^bench\/out\/build\//, "")
            .replace(/\.js$/, ".ts");
  }
  const name = frame.functionName || "(anonymous)";
  return file ? `${name} (${file}:${frame.lineNumber + 1})` : name;
}

export function summarizeProfile(profile: CpuProfile, root: string, phases: readonly PhaseSpec[] = MEASURE_PHASES): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) byId.set(n.id, n);
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, { origin: string; us: number }>();
  const inclusive = new Map<string, number>();
  const originSelf = new Map<string, number>();
  const phaseAcc = phases.map(() => ({ us: 0, self: new Map<string, { origin: string; us: number }>(), inclusive: new Map<string, number>(), origins: new Map<string, number>() }));
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    if (dt <= 0) continue;
    totalUs += dt;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const key = label(node.callFrame, root);
    const origin = originOf(node.callFrame.url, node.callFrame.functionName, root);
    const e = self.get(key) ?? { origin, us: 0 };
    e.us += dt;
    self.set(key, e);
    originSelf.set(origin, (originSelf.get(origin) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = label(byId.get(id)!.callFrame, root);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
    const stack = [...seen];
    phases.forEach((ph, p) => {
      if (!stack.some((k) => ph.marker.test(k)) || (ph.unless && stack.some((k) => ph.unless!.test(k)))) return;
      const acc = phaseAcc[p];
      acc.us += dt;
      const se = acc.self.get(key) ?? { origin, us: 0 };
      se.us += dt;
      acc.self.set(key, se);
      acc.origins.set(origin, (acc.origins.get(origin) ?? 0) + dt);
      for (const k of stack) acc.inclusive.set(k, (acc.inclusive.get(k) ?? 0) + dt);
    });
  }
  const pct = (us: number) => (totalUs > 0 ? (100 * us) / totalUs : 0);
  const row = (fn: string, origin: string, selfUs: number): FunctionTime => {
    const inc = inclusive.get(fn) ?? 0;
    return { fn, origin, selfMs: selfUs / 1000, selfPct: pct(selfUs), totalMs: inc / 1000, totalPct: pct(inc) };
  };
  const topSelf = [...self]
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, 60)
    .map(([fn, e]) => row(fn, e.origin, e.us));
  const oursInclusive = [...inclusive]
    .filter(([fn]) => / \(src\/(?!provider\/)/.test(fn))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([fn]) => row(fn, "src (ours)", self.get(fn)?.us ?? 0));
  const phaseSummaries: PhaseSummary[] = phases.map((ph, p) => {
    const acc = phaseAcc[p];
    const of = (us: number) => (acc.us > 0 ? (100 * us) / acc.us : 0);
    return {
      name: ph.name,
      ms: acc.us / 1000,
      byOrigin: [...acc.origins].sort((a, b) => b[1] - a[1]).map(([o, us]) => ({ origin: o, selfMs: us / 1000, pct: of(us) })),
      topSelf: [...acc.self]
        .sort((a, b) => b[1].us - a[1].us)
        .slice(0, 30)
        .map(([fn, e]) => ({ fn, origin: e.origin, selfMs: e.us / 1000, pct: of(e.us) })),
      topInclusiveOurs: [...acc.inclusive]
        .filter(([fn]) => / \(src\/(?!provider\/)/.test(fn))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 30)
        .map(([fn, us]) => ({ fn, totalMs: us / 1000, pct: of(us) })),
    };
  });
  return {
    totalMs: totalUs / 1000,
    phases: phaseSummaries,
    byOrigin: [...originSelf].sort((a, b) => b[1] - a[1]).map(([origin, us]) => ({ origin, selfMs: us / 1000, pct: pct(us) })),
    topSelf,
    topInclusiveOurs: oursInclusive,
  };
}

export function formatSummary(s: ProfileSummary, top = 25): string {
  const lines: string[] = [];
  lines.push(`Sampled ${s.totalMs.toFixed(0)} ms (whole process, module loading included).`);
  lines.push("Self time by origin:");
  for (const o of s.byOrigin) lines.push(`  ${o.pct.toFixed(1).padStart(5)}%  ${o.selfMs.toFixed(0).padStart(7)} ms  ${o.origin}`);
  lines.push(`Top ${top} functions by self time (self%, total%, origin, function):`);
  for (const f of s.topSelf.slice(0, top)) {
    lines.push(`  ${f.selfPct.toFixed(1).padStart(5)}%  ${f.totalPct.toFixed(1).padStart(5)}%  ${f.origin.padEnd(28)} ${f.fn}`);
  }
  lines.push("Our src/ functions by inclusive time (total%, self%, function):");
  for (const f of s.topInclusiveOurs.slice(0, top)) lines.push(`  ${f.totalPct.toFixed(1).padStart(5)}%  ${f.selfPct.toFixed(1).padStart(5)}%  ${f.fn}`);
  const phaseTop = Math.min(top, 15);
  for (const ph of s.phases) {
    if (ph.ms === 0) continue;
    lines.push(
      `Phase ${ph.name}: ${ph.ms.toFixed(0)} ms sampled (GC not attributed). By origin: ${ph.byOrigin
        .slice(0, 6)
        .map((o) => `${o.origin} ${o.pct.toFixed(1)}%`)
        .join(", ")}`,
    );
    lines.push(`  top self (% of phase):`);
    for (const f of ph.topSelf.slice(0, phaseTop)) lines.push(`    ${f.pct.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.origin.padEnd(28)} ${f.fn}`);
    if (ph.topInclusiveOurs.length > 0) {
      lines.push(`  our src/ functions, inclusive (% of phase):`);
      for (const f of ph.topInclusiveOurs.slice(0, phaseTop)) lines.push(`    ${f.pct.toFixed(1).padStart(5)}%  ${f.totalMs.toFixed(0).padStart(6)} ms  ${f.fn}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    process.stderr.write("usage: profile-summary <file.cpuprofile> [top]\n");
    process.exit(2);
  }
  const root = path.resolve(__dirname, "..");
  process.stdout.write(formatSummary(summarizeProfile(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile, root), Number(process.argv[3] ?? 30)));
}
