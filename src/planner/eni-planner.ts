import * as path from "path";
import type { IConstruct } from "constructs";
import { App, IResolvable, IResolveContext, resolveIn, TerraformStack, Token } from "../cdktf";
import { compareStrings } from "../compare";
import { AddressSlot, isUnknown } from "../model/facts";
import { modelGeneration } from "../model/fact-registry";
import { AddressFamily, addressMarker, countMarker, familyOfKey, Marker, valueMarker } from "../model/markers";
import type { NetworkModel } from "../model/network-model";
import { buildModel } from "../model/terraform/build-model";
import { INTENT_KEY } from "../model/terraform/intent";
import { substituteMarkers } from "../model/terraform/substitute";
import { readConfigJson, TfConfig } from "../model/terraform/terraform-config";
import { emptyLockFile, LockFile, LockFileError, readLockFileAndText, serializeLockFile, sameLockContent, whyNotWritable, writeLockText } from "./allocation";
import { collectIntent } from "./collect";
import { EniPlanError } from "./errors";
import { Finding } from "./finding";
import { orderFindings } from "./finding-order";
import { describeLockChange, PlanResult, runPlan } from "./plan";
import { suppressionLookup } from "./suppressions";
import { EniPlannerOptions, ResolvedPlannerOptions, resolveOptions } from "./planner-options";
import { buildReports, formatSummary, formatWarnings } from "./report";
import { writePlanReport } from "./report-files";
import { LOCK_INVALID, LOCK_READONLY } from "./rules/address-rules";

const PLANNERS = new WeakMap<IConstruct, EniPlanner>();

type Json = Record<string, unknown>;

/** What one reading of the app gave: each stack's configuration (with markers), the plan, and when it was read. */
interface PlannedApp {
  readonly fingerprint: string;
  readonly docs: Map<TerraformStack, Json>;
  readonly model: NetworkModel;
  readonly result: PlanResult;
  /** How many addresses of a family the cloud picks for an owner, by {@link countKey}. */
  readonly cloudCounts: Map<string, number>;
  /** Stacks whose configuration has had its markers replaced. */
  readonly substituted: Set<TerraformStack>;
  /** The lock file this plan writes, serialized; set only when it differs from the file as read (it is megabytes at scale). */
  readonly lockText?: string;
}

/**
 * The synth-time planner of one app. It reads what the app will deploy (the Terraform configuration of
 * every stack, L1 resources and overrides included, with the intent the L2 constructs add), checks
 * every rule, allocates every open address, and fails synth on errors. It runs before any Terraform
 * JSON is written, when a stack is validated or synthesized.
 */
export class EniPlanner {
  /** Sets the planner options of the app containing `scope`; call it before synth (usually right after `new App()`). */
  public static configure(scope: IConstruct, options: EniPlannerOptions): EniPlanner {
    const root = scope.node.root;
    const existing = PLANNERS.get(root);
    if (existing?.cache) {
      throw new Error("EniPlanner.configure was called after the app was planned; configure the planner before synth.");
    }
    const resolved = resolveOptions(options, process.env, isTestingApp(root));
    if (existing) {
      existing.resolved = resolved;
      return existing;
    }
    const planner = new EniPlanner(root, resolved);
    PLANNERS.set(root, planner);
    return planner;
  }

  /** The planner of the app containing `scope` (created with default options on first use); it checks every stack of the app. */
  public static of(scope: IConstruct): EniPlanner {
    const root = scope.node.root;
    let planner = PLANNERS.get(root);
    if (!planner) {
      planner = new EniPlanner(root, resolveOptions({}, process.env, isTestingApp(root)));
      PLANNERS.set(root, planner);
    }
    planner.watchStackOf(scope);
    return planner;
  }

  private cache?: PlannedApp;
  /** The stack validated last inside app.synth() (its validation left the current plan in `cache`). */
  private validatedStack?: TerraformStack;
  private own = { readMs: 0, ownMs: 0 };
  /** Time per step of the planner's own work (for the benchmark), in ms. */
  private readonly steps: Record<string, number> = {};
  private readonly watched = new WeakSet<TerraformStack>();
  private readonly values: ((plan: PlanResult) => unknown)[] = [];
  /** True while the planner reads the app: its tokens resolve to markers. */
  private collecting = false;

  private constructor(
    private readonly root: IConstruct,
    private resolved: ResolvedPlannerOptions,
  ) {
    if (App.isApp(root)) wrapSynth(root as App, this);
  }

  /** The options in force. */
  public get options(): ResolvedPlannerOptions {
    return this.resolved;
  }

  /**
   * Plans the whole app (again whenever the construct tree changed) and returns the result.
   * Throws {@link EniPlanError} when there are unsuppressed errors.
   */
  public plan(): PlanResult {
    const result = this.inspect();
    if (result.errors.length > 0) throw new EniPlanError(result.errors);
    return result;
  }

  /** Plans the whole app like {@link plan} but never throws on findings: for tests and tooling. */
  public inspect(): PlanResult {
    return this.planned().result;
  }

  /** The model the last plan was built from (what the app will deploy). */
  public model(): NetworkModel {
    return this.planned().model;
  }

  /** The address planned for a slot (a token that resolves at synth). */
  public lazyAddress(slot: AddressSlot): string {
    return Token.asString(
      new PlannedValue(
        this,
        () => this.addressOf(slot),
        () => (isUnknown(slot.explicit) ? (slot.explicit.token ?? slot.explicit.description) : addressMarker(slot.key)),
        `address ${slot.key}`,
      ),
    );
  }

  /** The addresses of several slots, or nothing when they are left for the cloud to pick. */
  public lazyAddressList(slots: () => readonly AddressSlot[], what: string): string[] {
    return Token.asList(
      new PlannedValue(
        this,
        () => {
          const s = slots();
          if (s.length === 0) return undefined;
          const r = this.plan();
          if (s.some((x) => r.unplanned.has(x.key))) return undefined;
          return s.map((x) => this.addressOf(x, r) as string);
        },
        () => (slots().length === 0 ? undefined : slots().map((x) => emittedAddress(x))),
        `addresses of ${what}`,
      ),
    );
  }

  /**
   * A count of addresses of one family (secondary IPv4, IPv6 or IPv4 prefixes) for the cloud to pick, emitted
   * only when the planner cannot plan them (`owner` is the slots' owner path).
   */
  public lazyAddressCount(owner: string, what: string, family: AddressFamily = "ipv4"): number {
    return Token.asNumber(
      new PlannedValue(
        this,
        () => cloudCounts(this.plan()).get(countKey(owner, family)),
        () => countMarker(owner, family),
        `address count of ${what}`,
      ),
    );
  }

  /** A value computed from the plan (e.g. a guest script), as a token that resolves at synth; `undefined` leaves the attribute out. */
  public lazyFromPlan(produce: (plan: PlanResult) => string | undefined, what: string): string {
    const id = this.values.push(produce) - 1;
    return Token.asString(
      new PlannedValue(
        this,
        () => produce(this.plan()),
        () => valueMarker(id),
        what,
      ),
    );
  }

  /**
   * The Terraform configuration of a stack as it will be deployed: read once per plan, with every
   * planned value filled in and the intent of the constructs in its `"//"` comment.
   */
  public synthesizeStack(stack: TerraformStack): Json {
    // Inside app.synth(), cdktf writes a stack right after validating it (in between it only runs custom synthesis
    // and collects annotations): the plan its validation made or confirmed is the one to write, without walking the
    // tree again. Aspects run before the validation, so a change they make is in that plan.
    const planned = this.inSynth && this.validatedStack === stack && this.cache ? this.cache : this.planned();
    if (planned.result.errors.length > 0) throw new EniPlanError(planned.result.errors);
    const doc = planned.docs.get(stack);
    if (!doc) return ORIGINAL_TO_TERRAFORM.get(stack)!.call(stack) as Json;
    if (!planned.substituted.has(stack)) {
      const t = performance.now();
      const addresses = planned.result.addresses;
      substituteMarkers(
        doc,
        (m) => this.markerValue(m, planned),
        (key) => addresses.get(key),
      );
      planned.substituted.add(stack);
      this.step("fill in", t);
    }
    return doc;
  }

  /** Forgets the last plan, so the next one reads the app again (called when app.synth() starts). */
  public invalidate(): void {
    this.cache = undefined;
    this.validatedStack = undefined;
  }

  /** Plans every stack of the app, including stacks with no construct of this library. */
  public watchAllStacks(all: readonly IConstruct[] = this.root.node.findAll()): void {
    for (const c of all) if (TerraformStack.isStack(c)) this.watchStack(c);
  }

  private markerValue(m: Marker, planned: PlannedApp): unknown {
    switch (m.kind) {
      case "address":
        return planned.result.addresses.get(m.key);
      case "count":
        return planned.cloudCounts.get(countKey(m.owner, m.family));
      case "value":
        return this.values[m.id]?.(planned.result);
      case "fallback":
        return planned.result.unplanned.has(m.key) ? m.value : undefined;
    }
  }

  private addressOf(slot: AddressSlot, plan?: PlanResult): string | undefined {
    if (isUnknown(slot.explicit)) return slot.explicit.token ?? slot.explicit.description;
    return (plan ?? this.plan()).addresses.get(slot.key);
  }

  /** True while the planner reads the app (its tokens then stand for markers). */
  public get isCollecting(): boolean {
    return this.collecting;
  }

  private watchStackOf(scope: IConstruct): void {
    const stack = scope.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
    if (stack) this.watchStack(stack);
  }

  private watchStack(stack: TerraformStack): void {
    if (this.watched.has(stack)) return;
    this.watched.add(stack);
    // Thrown rather than returned: cdktf would wrap returned messages in its own "Validation failed" error.
    stack.node.addValidation({
      validate: () => {
        this.plan();
        this.validatedStack = stack;
        return [];
      },
    });
    ORIGINAL_TO_TERRAFORM.set(stack, stack.toTerraform);
    Object.defineProperty(stack, "toTerraform", { value: () => this.synthesizeStack(stack), configurable: true, writable: true });
  }

  /** The plan of the app as it is now: read again when the tree changed since the last one. */
  private planned(): PlannedApp {
    if (this.collecting) throw new Error("internal error: the planner was asked for its plan while reading the app");
    const t = performance.now();
    const all = this.root.node.findAll(); // one walk of the tree for both
    this.watchAllStacks(all); // every stack of the app, including those with only L1 resources
    const fingerprint = treeFingerprint(this.root, all);
    this.step("tree", t);
    if (this.cache && this.cache.fingerprint === fingerprint) return this.cache;
    this.cache = this.compute(fingerprint, all);
    return this.cache;
  }

  private lockPath(): string | undefined {
    return this.options.lockFile === false ? undefined : path.resolve(process.cwd(), this.options.lockFile);
  }

  /** Reads every stack's configuration with markers where the planner decides, and the intent of its constructs. */
  private read(all: readonly IConstruct[]): { docs: Map<TerraformStack, Json>; configs: TfConfig[] } {
    const stacks = all.filter((c): c is TerraformStack => TerraformStack.isStack(c) && this.watched.has(c));
    const first = this.readOnce(stacks, all);
    if (this.inSynth || stacks.length < 2) return first;
    // Outside app.synth() (which prepares the stacks first), reading a stack that refers to another stack's
    // resource makes cdktf add the output for it; a stack read before that happened is read again.
    const now = this.root.node.findAll();
    return now.length === all.length ? first : this.readOnce(stacks, now);
  }

  /** True inside app.synth(), which prepares every stack (cross-stack outputs included) before the plan. */
  public inSynth = false;

  private readOnce(stacks: TerraformStack[], all: readonly IConstruct[]): { docs: Map<TerraformStack, Json>; configs: TfConfig[] } {
    stacks.sort((a, b) => compareStrings(a.node.path, b.node.path));
    const docs = new Map<TerraformStack, Json>();
    const configs: TfConfig[] = [];
    this.collecting = true;
    try {
      for (const stack of stacks) {
        const t0 = performance.now();
        const doc = ORIGINAL_TO_TERRAFORM.get(stack)!.call(stack) as Json;
        const t1 = performance.now();
        this.own.readMs += t1 - t0;
        const intent = resolveIn(stack, collectIntent(stack, subtreeOf(stack, all)));
        if (intent.resources || intent.imports || intent.suppressions || intent.providers) {
          doc["//"] = { ...((doc["//"] as Json | undefined) ?? {}), [INTENT_KEY]: intent };
        }
        docs.set(stack, doc);
        configs.push(readConfigJson([doc], stack.node.path));
        this.step("intent", t1);
      }
    } finally {
      this.collecting = false;
    }
    return { docs, configs };
  }

  /**
   * Where the time of the plans so far went: `readMs`, resolving each stack's configuration (cdktf's
   * own work, done once instead of at write time); `ownMs`, everything the planner adds (walking the tree,
   * reading the intent, the model, every rule, allocation, the lock file, filling in the JSON and reports),
   * and `steps`, `ownMs` by step (`intent` includes turning each resolved stack into the model's input). For the benchmark.
   */
  public get timings(): { readonly readMs: number; readonly ownMs: number; readonly steps: Readonly<Record<string, number>> } {
    return { ...this.own, steps: { ...this.steps } };
  }

  /** Adds the time since `since` to a step of the planner's own work. */
  private step(name: string, since: number): number {
    const now = performance.now();
    this.steps[name] = (this.steps[name] ?? 0) + (now - since);
    this.own.ownMs += now - since;
    return now;
  }

  /** Reads the app and plans it: the model, the lock file as read, every rule and allocation, the new lock's text. */
  private compute(fingerprint: string, all: readonly IConstruct[]): PlannedApp {
    const { docs, configs } = this.read(all);
    let t = performance.now();
    const built = buildModel(configs);
    const model = built.model;
    const suppressionsAt = suppressionLookup(built.suppressions);
    const lockPath = this.lockPath();
    let previousLock: LockFile | undefined;
    let previousText: string | undefined;
    let result: PlanResult | undefined;
    t = this.step("model", t);
    if (lockPath) {
      try {
        const read = readLockFileAndText(lockPath);
        previousLock = read?.lock;
        previousText = read?.text;
      } catch (e) {
        const reason = e instanceof LockFileError ? e.message : `cannot read ${lockPath}: ${(e as Error).message}`;
        result = lockFailure(lockPath, LOCK_INVALID.id, reason, "Restore the file from version control, or delete it to re-plan every address (ENIs whose address changes are replaced on apply).");
      }
    }
    t = this.step("lock read", t);
    result ??= runPlan({ model, options: this.options, previousLock, suppressionsAt });
    t = this.step("rules and allocation", t);
    let lockText: string | undefined;
    if (lockPath && result.errors.length === 0 && !this.options.frozen) {
      // An unchanged lock is not serialized at all (a file with the same content is left as it is).
      const text = previousLock && sameLockContent(previousLock, result.lock) ? previousText : serializeLockFile(result.lock);
      if (text !== previousText) lockText = text;
      result = this.checkWritable(lockPath, result, lockText !== undefined, model);
    }
    this.step("lock text", t);
    return { fingerprint, docs, model, result, cloudCounts: cloudCounts(result), substituted: new Set(), lockText };
  }

  /** A plan whose lock file would change (`differs`) but cannot be replaced (read-only) gets an ENI-LOCK-READONLY error. */
  private checkWritable(lockPath: string, result: PlanResult, differs: boolean, model: NetworkModel): PlanResult {
    let refused: string | undefined;
    try {
      refused = differs ? whyNotWritable(lockPath) : undefined;
    } catch (e) {
      return lockFailure(lockPath, LOCK_INVALID.id, `cannot read ${lockPath}: ${(e as Error).message}`, "Point lockFile (or CDKTF_ENI_LOCK_FILE) at a readable file path.");
    }
    if (refused === undefined) return result;
    const finding: Finding = {
      ruleId: LOCK_READONLY.id,
      severity: "error",
      path: lockPath,
      message: `the lock file would change (${describeCount(result.lockChanges.length)}), but ${refused}; it is not replaced.`,
      fix: "Make the file writable (chmod u+w) if the change is intended, or restore the program that matches it; in CI use frozen: true.",
    };
    const findings = [finding, ...result.findings];
    orderFindings(findings, model); // the one order (the lock layer comes last within the errors)
    return { ...result, findings, errors: [finding, ...result.errors] };
  }

  /**
   * After `app.synth()` succeeded: writes the lock file, the per-stack reports and the summary.
   * Nothing is written when synth failed, so a failed synth never changes the lock file.
   */
  public finishSynth(): void {
    const planned = this.cache;
    if (!planned) return;
    const t = performance.now();
    try {
      this.writeOutputs(planned);
    } finally {
      this.step("reports", t);
    }
  }

  private writeOutputs(planned: PlannedApp): void {
    const { model } = planned;
    const result = planned.result;
    const lockPath = this.lockPath();
    let lockNote = "No lock file.";
    if (lockPath) {
      const changes = result.lockChanges.length;
      const shown = path.relative(process.cwd(), lockPath) || lockPath;
      let wrote = false;
      if (!this.options.frozen && result.errors.length === 0) {
        try {
          wrote = planned.lockText !== undefined && writeLockText(lockPath, planned.lockText);
        } catch (e) {
          const reason = (e as Error).message.replace(/^cannot write the lock file: /, "");
          throw new EniPlanError(
            lockFailure(
              lockPath,
              LOCK_READONLY.id,
              `synth completed, but ${reason}: the lock file ${lockPath} was not written.`,
              "Point lockFile (or CDKTF_ENI_LOCK_FILE) at a writable file path, and synthesize again.",
            ).errors,
          );
        }
      }
      lockNote = wrote ? `Lock file ${shown} updated (${describeCount(changes)}): commit it.` : `Lock file ${shown} unchanged.`;
      for (const c of result.lockChanges.slice(0, 20)) lockNote += `\n  lock: ${describeLockChange(c)}`;
      if (result.lockChanges.length > 20) lockNote += `\n  ... and ${result.lockChanges.length - 20} more lock change(s) in eni-plan.json`;
    }
    this.writeReports(model, result, planned.docs);
    if (!this.options.quiet) process.stdout.write(`${formatSummary(model, result, lockNote)}\n`);
    const warnings = this.options.printWarnings ? formatWarnings(result) : undefined;
    if (warnings !== undefined) process.stdout.write(`${warnings}\n`);
  }

  private writeReports(model: NetworkModel, result: PlanResult, docs: ReadonlyMap<TerraformStack, Json>): void {
    if (!App.isApp(this.root)) return;
    const outdir = (this.root as App).outdir;
    const byPath = new Map([...docs.keys()].map((s) => [s.node.path, s]));
    for (const [stackPath, report] of buildReports(model, result)) {
      const stack = byPath.get(stackPath);
      if (!stack) continue;
      writePlanReport(path.join(outdir, "stacks", stack.node.id), report);
    }
  }
}

/** The key of an owner's count of one family in {@link PlannedApp.cloudCounts}. */
const countKey = (owner: string, family: AddressFamily) => `${family}:${owner}`;

const COUNTS = new WeakMap<PlanResult, Map<string, number>>();

/**
 * How many unplanned non-primary addresses of each family every owner has (the counts the cloud gets),
 * by {@link countKey}: IPv6 and prefix slots are never counted as IPv4 secondaries.
 */
function cloudCounts(result: PlanResult): Map<string, number> {
  let out = COUNTS.get(result);
  if (out) return out;
  out = new Map();
  for (const k of result.unplanned) {
    const family = familyOfKey(k);
    if (family === undefined) continue;
    const key = countKey(k.slice(0, k.lastIndexOf("#")), family);
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  COUNTS.set(result, out);
  return out;
}

/**
 * The constructs of `stack`'s subtree (itself first), taken from `all`, a pre-order list of the app's constructs
 * (as `node.findAll()` gives): the subtree is the run that starts at the stack. Saves walking the tree again.
 */
function subtreeOf(stack: TerraformStack, all: readonly IConstruct[]): readonly IConstruct[] {
  const start = all.indexOf(stack);
  if (start < 0) return stack.node.findAll();
  let end = start + 1;
  for (; end < all.length; end++) {
    let p = all[end].node.scope;
    while (p !== undefined && p !== stack) p = p.node.scope;
    if (p === undefined) break;
  }
  return all.slice(start, end);
}

/** Each watched stack's own toTerraform, before the planner took it over. */
const ORIGINAL_TO_TERRAFORM = new WeakMap<TerraformStack, () => unknown>();

/** The address an L1 attribute holds for a slot while the planner reads the app. */
function emittedAddress(slot: AddressSlot): string {
  if (slot.explicit === undefined) return addressMarker(slot.key);
  return isUnknown(slot.explicit) ? (slot.explicit.token ?? slot.explicit.description) : slot.explicit;
}

/** Makes `app.synth()` read the app afresh and plan every stack in it, including stacks with only L1 resources. */
function wrapSynth(app: App, planner: EniPlanner): void {
  const original = app.synth.bind(app);
  Object.defineProperty(app, "synth", {
    value: () => {
      planner.invalidate();
      planner.watchAllStacks();
      planner.inSynth = true;
      try {
        original();
      } finally {
        planner.inSynth = false;
      }
      planner.finishSynth();
    },
    configurable: true,
    writable: true,
  });
}

/**
 * What identifies the state of the construct tree for the planner: the L2 facts' generation, the number
 * of constructs (a new L1 resource, a new rule) and every override. A plan is reused only while it is
 * the same; `app.synth()` always plans afresh.
 */
function treeFingerprint(root: IConstruct, all: readonly IConstruct[]): string {
  let overrides = "";
  for (const c of all) {
    const raw = (c as unknown as { rawOverrides?: Record<string, unknown> }).rawOverrides;
    if (raw && typeof raw === "object") {
      let has = false;
      for (const _ in raw) {
        has = true;
        break;
      }
      if (has) {
        try {
          overrides += `${c.node.path}=${JSON.stringify(raw)};`;
        } catch {
          overrides += `${c.node.path}=${Math.random()};`; // unserialisable: never reuse a plan
        }
      }
    }
  }
  return `${modelGeneration(root)}|${all.length}|${overrides}`;
}

/**
 * A value the planner fills in at synth. Unlike cdktf's `Lazy`, it captures no JavaScript stack
 * trace (a 10,000-ENI app creates tens of thousands of them); its creation "stack" names what it is.
 * While the planner reads the app it resolves to a marker (see model/markers).
 */
class PlannedValue implements IResolvable {
  public readonly creationStack: string[];

  constructor(
    private readonly planner: EniPlanner,
    private readonly producer: () => unknown,
    private readonly marker: () => unknown,
    what: string,
  ) {
    this.creationStack = [`planned by EniPlanner: ${what}`];
  }

  public resolve(context: IResolveContext): unknown {
    // cdktf resolves every value once while it prepares the stacks (before aspects and validation);
    // the plan is made afterwards, so a placeholder does there.
    return this.planner.isCollecting || context.preparing ? this.marker() : this.producer();
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** True for apps made by cdktf's `Testing.app()`, which stubs the cdktf version in the context. */
function isTestingApp(root: IConstruct): boolean {
  return root.node.tryGetContext("cdktfVersion") === "stubbed";
}

/** "3 change(s)", or what a rewrite without address changes is. */
function describeCount(changes: number): string {
  return changes > 0 ? `${changes} change(s)` : "no address changes: format version 2";
}

/** A plan that failed on the lock file: one error, nothing planned. */
function lockFailure(lockPath: string, ruleId: string, message: string, fix: string): PlanResult {
  const finding: Finding = { ruleId, severity: "error", path: lockPath, message, fix };
  return { findings: [finding], errors: [finding], addresses: new Map(), unplanned: new Set(), lock: emptyLockFile(), lockChanges: [], pools: new Map() };
}
