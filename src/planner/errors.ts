import { Finding, formatFinding } from "./finding";

/** Thrown at synth when the planner found errors; the message lists every unsuppressed error. */
export class EniPlanError extends Error {
  /** The unsuppressed error findings. */
  public readonly findings: readonly Finding[];

  constructor(findings: readonly Finding[]) {
    super(
      `ENI planner: ${findings.length} error${findings.length === 1 ? "" : "s"}; nothing was synthesized.\n\n` +
        findings.map(formatFinding).join("\n\n"),
    );
    this.name = "EniPlanError";
    this.findings = findings;
  }
}
