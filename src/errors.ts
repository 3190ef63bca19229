import * as path from "path";
import { CliErrorReport, reportThroughCdktfCli, underCdktfCli } from "./cli-error-report";
import { Finding, formatFinding } from "./planner/finding";

/** What a construction-time error may say besides the construct path and the problem. */
export interface EniConfigErrorOptions {
  /** The planner rule the problem falls under (e.g. ENI-IP-INVALID), when one applies. @default - none */
  readonly ruleId?: string;
  /** What to do about it, printed on its own `Fix:` line. @default - the fix is part of the message */
  readonly fix?: string;
}

/** This package's own folders: frames in them are the library's, not the user's. */
const PACKAGE_ROOT = path.resolve(__dirname, "..");
const LIBRARY_DIRS = [path.join(PACKAGE_ROOT, "src") + path.sep, path.join(PACKAGE_ROOT, "lib") + path.sep];

/** True when a stack frame line points into this library (src/ or lib/ of this package). */
export function isLibraryFrame(frame: string): boolean {
  return LIBRARY_DIRS.some((d) => frame.includes(d));
}

/**
 * The stack of an error with the library's own frames (and the frames of what the library calls) cut off
 * and of Node's internals left out, so it starts at the user's line that made the construct.
 */
export function userStack(header: string, stack: string | undefined): string {
  const user = (stack ?? "").split("\n").filter((l) => /^\s+at /.test(l) && !isLibraryFrame(l) && !l.includes(`${path.sep}node_modules${path.sep}`) && !/\(node:|at node:/.test(l));
  return [header, ...user].join("\n");
}

/** Formats a construction-time problem the way the planner formats findings (rule id, path, values, fix). */
export function formatConfigError(constructPath: string, message: string, options: EniConfigErrorOptions = {}): string {
  const lines = [`${options.ruleId ? `[${options.ruleId}] ` : ""}(error) ${constructPath}`, `  ${message}`];
  if (options.fix) lines.push(`  Fix: ${options.fix}`);
  return lines.join("\n");
}

/**
 * Thrown while a construct is being created, when its props cannot work at all
 * (e.g. an invalid CIDR, an IPv6 address where IPv4 is needed, zero security groups).
 * The message reads like a planner finding: the rule id where a rule applies, the construct path,
 * the offending value with what was expected, and the fix. Its stack starts at the user's own frame.
 */
export class EniConfigError extends Error {
  /** Construct path of the offending construct. */
  declare public readonly constructPath: string;
  /** The planner rule the problem falls under, when one applies. */
  declare public readonly ruleId: string | undefined;
  /** The problem alone, without the path and the fix. */
  declare public readonly problem: string;
  /** The fix, when given apart from the problem. */
  declare public readonly fix: string | undefined;

  constructor(constructPath: string, message: string, options: EniConfigErrorOptions = {}) {
    super(formatConfigError(constructPath, message, options));
    this.name = "EniConfigError";
    // Not enumerable, so Node does not print them again after the message of an uncaught error.
    const hidden = { constructPath, ruleId: options.ruleId, problem: message, fix: options.fix };
    for (const [k, value] of Object.entries(hidden)) Object.defineProperty(this, k, { value, enumerable: false });
    this.stack = userStack(`${this.name}: ${this.message}`, this.stack);
  }
}

/**
 * Runs a program's main function (the one that builds the app and calls `app.synth()`). When it throws an
 * error of this library (EniConfigError at construction, EniPlanError from the planner), each problem is
 * shown once, with the user's frame for construction errors, and the run fails, instead of Node printing
 * the error object:
 * - under the cdktf or cdktn CLI (`cdktf synth`, `cdktf deploy`), as error annotations, which the CLI prints
 *   once (`ERROR [path]: ...`) before it fails; the CLI would show anything the program printed twice;
 * - elsewhere (`npm run examples`, `ts-node main.ts`), on stderr, with exit code 1.
 * Other errors are rethrown unchanged.
 */
export function runEniApp(main: () => void, env: NodeJS.ProcessEnv = process.env): void {
  try {
    main();
  } catch (e) {
    if (!(e instanceof Error) || (e.name !== "EniConfigError" && e.name !== "EniPlanError")) throw e;
    if (underCdktfCli(env)) {
      try {
        reportThroughCdktfCli(cliReports(e), env.CDKTF_OUTDIR!);
        return; // the CLI reads the annotations and fails the command
      } catch {
        // fall through: print it
      }
    }
    const text = e.name === "EniConfigError" ? (e.stack ?? e.message) : `${e.name}: ${e.message}`;
    process.stderr.write(`${text}\n`);
    process.exitCode = 1;
  }
}

/** The problems of a library error, one per construct: the construction error itself, or each finding. */
function cliReports(e: Error): CliErrorReport[] {
  if (e.name === "EniConfigError") {
    const c = e as EniConfigError;
    return [{ path: c.constructPath, text: userStack(c.message, c.stack) }];
  }
  const findings = (e as Error & { findings?: readonly Finding[] }).findings ?? [];
  return findings.length > 0 ? findings.map((f) => ({ path: f.path, text: formatFinding(f) })) : [{ path: "", text: e.message }];
}
