import { Finding, formatFinding } from "./finding";

/** Thrown at synth when the planner found errors; the message lists every unsuppressed error. */
export class EniPlanError extends Error {
  /** The unsuppressed error findings. */
  declare public readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[]) {
    super(`ENI planner: ${findings.length} error${findings.length === 1 ? "" : "s"}; nothing was synthesized.\n\n` + findings.map(formatFinding).join("\n\n"));
    this.name = "EniPlanError";
    // Kept off the enumerable properties (so Node does not print the raw objects after the message),
    // and the stack is the message alone: the frames would only show cdktf's token resolution.
    Object.defineProperty(this, "findings", { value: findings, enumerable: false });
    this.stack = `${this.name}: ${this.message}`;
    // cdktf rewrites the message of errors thrown while it resolves a token ("Resolution error: ...
    // Object creation stack: ..."); the findings are the whole story, so the message stays as written.
    const text = this.message;
    Object.defineProperty(this, "message", { get: () => text, set: () => undefined, enumerable: false, configurable: false });
  }
}
