import type { IConstruct } from "constructs";
import type { Fact } from "./facts";

const FACT = Symbol.for("cdktf-alicloud-eni.fact");

/** Attaches the planner facts of an L2 resource to its construct (one fact per construct). */
export function recordFact(construct: IConstruct, fact: Fact): void {
  Object.defineProperty(construct, FACT, { value: fact, enumerable: false, configurable: false, writable: false });
  markModelChanged(construct);
}

/** The fact recorded on a construct, if any. */
export function factOf(construct: IConstruct): Fact | undefined {
  return (construct as unknown as { [FACT]?: Fact })[FACT];
}

const GENERATION = new WeakMap<IConstruct, number>();
const LISTENERS = new WeakMap<IConstruct, () => void>();

/** Marks the model of the app containing `scope` as changed, so a cached plan is recomputed. */
export function markModelChanged(scope: IConstruct): void {
  const root = scope.node.root;
  GENERATION.set(root, (GENERATION.get(root) ?? 0) + 1);
  LISTENERS.get(root)?.();
}

/** Calls `listener` whenever the model of the app rooted at `root` changes (one listener per app). */
export function onModelChanged(root: IConstruct, listener: () => void): void {
  LISTENERS.set(root, listener);
}

/** A counter that changes whenever a fact of the app containing `scope` is recorded or changed. */
export function modelGeneration(scope: IConstruct): number {
  return GENERATION.get(scope.node.root) ?? 0;
}
