/** How bad a finding is: an error fails synth; a warning is printed and kept in the report. */
export type Severity = "error" | "warning" | "info";

/** One result of a rule on one construct. */
export interface Finding {
  /** Stable rule id, e.g. ENI-ZONE. */
  readonly ruleId: string;
  /** Severity after options (e.g. `allowUnknownInstanceTypes`) were applied. */
  readonly severity: Severity;
  /** Construct path the finding is about. */
  readonly path: string;
  /** What is wrong, with the offending values and the limit. */
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
  /** Set when a suppression with a reason covers the finding; suppressed findings do not fail synth. */
  readonly suppressed?: { readonly reason: string; readonly by: string };
}

/** Formats a finding as one readable block for the terminal and error messages. */
export function formatFinding(f: Finding): string {
  const tag = f.suppressed ? `${f.severity}, suppressed` : f.severity;
  const lines = [`[${f.ruleId}] (${tag}) ${f.path}`, `  ${f.message}`, `  Fix: ${f.fix}`];
  if (f.suppressed) lines.push(`  Suppressed at ${f.suppressed.by}: ${f.suppressed.reason}`);
  return lines.join("\n");
}
