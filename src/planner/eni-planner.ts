import * as fs from "fs";
import * as path from "path";
import type { IConstruct } from "constructs";
import { App, IResolvable, TerraformStack, Token, Tokenization } from "../cdktf";
import { AddressSlot, isUnknown } from "../model/facts";
import { modelGeneration, onModelChanged } from "../model/fact-registry";
import type { NetworkModel } from "../model/network-model";
import { LockFile, LockFileError, readLockFile, writeLockFile } from "./allocation";
import { collectApp } from "./collect";
import { EniPlanError } from "./errors";
import { Finding } from "./finding";
import { PlanResult, runPlan } from "./plan";
import { EniPlannerOptions, ResolvedPlannerOptions, resolveOptions } from "./planner-options";
import { buildReports, formatSummary } from "./report";
import { LOCK_INVALID } from "./rules/address-rules";

/** File name of the per-stack plan report in the output folder. */
export const PLAN_REPORT_FILE = "eni-plan.json";

const PLANNERS = new WeakMap<IConstruct, EniPlanner>();

/**
 * The synth-time planner of one app. It runs once over every stack before any Terraform JSON is
 * written (triggered by the first planned value that cdktf resolves, or by stack validation),
 * checks every rule, allocates every private IP, and fails synth on errors.
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

  /** The planner of the app containing `scope` (created with default options on first use). */
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

  private cache?: { generation: number; result: PlanResult };
  private readonly watched = new WeakSet<TerraformStack>();
  private readonly bindings: { apply(): void; restore(): void }[] = [];
  private bound = false;

  private constructor(
    private readonly root: IConstruct,
    private resolved: ResolvedPlannerOptions,
  ) {
    onModelChanged(root, () => this.restoreBindings());
  }

  /** The options in force. */
  public get options(): ResolvedPlannerOptions {
    return this.resolved;
  }

  /**
   * Plans the whole app (cached until the model changes) and returns the result.
   * Throws {@link EniPlanError} when there are unsuppressed errors.
   */
  public plan(): PlanResult {
    const result = this.inspect();
    if (result.errors.length > 0) throw new EniPlanError(result.errors);
    return result;
  }

  /** Plans the whole app like {@link plan} but never throws on findings: for tests and tooling. */
  public inspect(): PlanResult {
    const generation = modelGeneration(this.root);
    if (this.cache && this.cache.generation === generation) return this.cache.result;
    const result = this.compute();
    this.cache = { generation, result };
    if (result.errors.length === 0) this.applyBindings();
    return result;
  }

  /** The address planned for a slot (a token that resolves at synth). */
  public lazyAddress(slot: AddressSlot): string {
    return Token.asString(new PlannedValue(() => this.addressOf(slot), `address ${slot.key}`));
  }

  /** The addresses of several slots, or nothing when they are left for the cloud to pick. */
  public lazyAddressList(slots: () => readonly AddressSlot[], what: string): string[] {
    return Token.asList(
      new PlannedValue(() => {
        const s = slots();
        if (s.length === 0) return undefined;
        const r = this.plan();
        if (s.some((x) => r.unplanned.has(x.key))) return undefined;
        return s.map((x) => this.addressOf(x, r) as string);
      }, `addresses of ${what}`),
    );
  }

  /** A count of addresses for the cloud to pick, only when the planner cannot plan them. */
  public lazyAddressCount(slots: () => readonly AddressSlot[], what: string): number {
    return Token.asNumber(
      new PlannedValue(() => {
        const s = slots();
        const r = this.plan();
        return s.length > 0 && s.every((x) => r.unplanned.has(x.key)) ? s.length : undefined;
      }, `address count of ${what}`),
    );
  }

  /**
   * Lets the planner write the value of one of its tokens straight into an L1 attribute once the app
   * is planned, so cdktf resolves a plain value rather than a token (it halves the planner's synth
   * overhead at 10,000 ENIs). `set(undefined)` must reset the attribute. If the app changes after it
   * was planned, every bound attribute gets its token back until the next plan.
   */
  public bind<T>(token: T, set: (value: T | undefined) => void): void {
    const [value] = Tokenization.reverse(token);
    if (!(value instanceof PlannedValue)) throw new Error("EniPlanner.bind takes a token made by the planner");
    this.bindings.push({ apply: () => set(value.resolve() as T | undefined), restore: () => set(token) });
  }

  private applyBindings(): void {
    this.bound = true;
    for (const b of this.bindings) b.apply();
  }

  private restoreBindings(): void {
    if (!this.bound) return;
    this.bound = false;
    for (const b of this.bindings) b.restore();
  }

  private addressOf(slot: AddressSlot, plan?: PlanResult): string | undefined {
    if (isUnknown(slot.explicit)) return slot.explicit.token ?? slot.explicit.description;
    return (plan ?? this.plan()).addresses.get(slot.key);
  }

  private watchStackOf(scope: IConstruct): void {
    const stack = scope.node.scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
    if (!stack || this.watched.has(stack)) return;
    this.watched.add(stack);
    // Thrown rather than returned: cdktf would wrap returned messages in its own "Validation failed" error.
    stack.node.addValidation({
      validate: () => {
        this.plan();
        return [];
      },
    });
  }

  private lockPath(): string | undefined {
    return this.options.lockFile === false ? undefined : path.resolve(process.cwd(), this.options.lockFile);
  }

  private compute(): PlanResult {
    const app = collectApp(this.root);
    const lockPath = this.lockPath();
    let previousLock: LockFile | undefined;
    if (lockPath) {
      try {
        previousLock = readLockFile(lockPath);
      } catch (e) {
        const reason = e instanceof LockFileError ? e.message : `cannot read ${lockPath}: ${(e as Error).message}`;
        return lockFailure(lockPath, reason, "Restore the file from version control, or delete it to re-plan every address (ENIs whose address changes are replaced on apply).");
      }
    }
    const result = runPlan({ model: app.model, options: this.options, previousLock, suppressionsAt: app.suppressionsAt });
    if (result.errors.length > 0) return result;
    let lockNote = "No lock file.";
    if (lockPath) {
      const changed = result.lockChanges.added.length + result.lockChanges.removed.length + result.lockChanges.changed.length;
      const shown = path.relative(process.cwd(), lockPath);
      let wrote = false;
      if (!this.options.frozen) {
        try {
          fs.mkdirSync(path.dirname(lockPath), { recursive: true });
          wrote = writeLockFile(lockPath, result.lock);
        } catch (e) {
          return lockFailure(lockPath, `cannot write ${lockPath}: ${(e as Error).message}`, "Point lockFile (or CDKTF_ENI_LOCK_FILE) at a writable file path.");
        }
      }
      lockNote = wrote ? `Lock file ${shown} updated (${changed} change(s)): commit it.` : `Lock file ${shown} unchanged.`;
    }
    this.writeReports(app.model, result, app.stacks);
    if (!this.options.quiet) process.stdout.write(`${formatSummary(app.model, result, lockNote)}\n`);
    return result;
  }

  private writeReports(model: NetworkModel, result: PlanResult, stacks: ReadonlyMap<string, TerraformStack>): void {
    if (!App.isApp(this.root)) return;
    const outdir = (this.root as App).outdir;
    for (const [stackPath, report] of buildReports(model, result)) {
      const stack = stacks.get(stackPath);
      if (!stack) continue;
      const dir = path.join(outdir, "stacks", stack.node.id);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, PLAN_REPORT_FILE), `${JSON.stringify(report)}\n`); // compact: it is for machines (jq)
    }
  }
}

/**
 * A value the planner fills in at synth. Unlike cdktf's `Lazy`, it captures no JavaScript stack
 * trace (a 10,000-ENI app creates tens of thousands of them); its creation "stack" names what it is.
 */
class PlannedValue implements IResolvable {
  public readonly creationStack: string[];

  constructor(
    private readonly producer: () => unknown,
    what: string,
  ) {
    this.creationStack = [`planned by EniPlanner: ${what}`];
  }

  public resolve(): unknown {
    return this.producer();
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** True for apps made by cdktf's `Testing.app()`, which stubs the cdktf version in the context. */
function isTestingApp(root: IConstruct): boolean {
  return root.node.tryGetContext("cdktfVersion") === "stubbed";
}

/** A plan that failed on the lock file: one ENI-LOCK-INVALID error, nothing planned. */
function lockFailure(lockPath: string, message: string, fix: string): PlanResult {
  const finding: Finding = { ruleId: LOCK_INVALID.id, severity: "error", path: lockPath, message, fix };
  return { findings: [finding], errors: [finding], addresses: new Map(), unplanned: new Set(), lock: { version: 1, allocations: {} }, lockChanges: { added: [], removed: [], changed: [] }, pools: new Map() };
}
