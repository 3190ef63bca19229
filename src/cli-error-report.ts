import { Construct } from "constructs";
import { AnnotationMetadataEntryType, App, TerraformStack } from "./cdktf";

/** One problem to show under a construct path (the message is the whole formatted block). */
export interface CliErrorReport {
  /** Construct path the problem is about (`stack/...`), or any other name (a file path) when none applies. */
  readonly path: string;
  /** The formatted problem: rule id, path, values, fix, and for construction errors the user's frames. */
  readonly text: string;
}

/** The stack that carries reports whose path names no construct (a file path, an empty path). */
const FALLBACK_STACK = "cdktf-alicloud-eni";

/**
 * True when the program runs under the cdktf (or cdktn) CLI, which then prints error annotations itself:
 * it sets `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS` for the app it runs ("we want to display the errors
 * ourselves") and `CDKTF_OUTDIR` for where the manifest goes.
 */
export function underCdktfCli(env: NodeJS.ProcessEnv): boolean {
  return env.CDKTF_OUTDIR !== undefined && env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;
}

/** The construct-id segments of a path, or undefined when the path is not a construct path. */
function constructSegments(p: string): string[] | undefined {
  const segments = p.split("/");
  return segments.length > 0 && segments.every((s) => s.length > 0 && !s.includes("\\")) ? segments : undefined;
}

/**
 * Hands errors to the cdktf CLI the way cdktf hands over its own validation errors: as error annotations in
 * the manifest of a fresh app written to `outdir` (a stack per first path segment, holding an empty
 * configuration, so that nothing of the failed program can be deployed). The CLI prints each annotation
 * once, `ERROR [path]: text`, and fails the command. A program that exits non-zero instead has everything it
 * printed shown twice: live, and again in the CLI's failure report.
 */
export function reportThroughCdktfCli(reports: readonly CliErrorReport[], outdir: string): void {
  const app = new App({ outdir, skipValidation: true });
  const stacks = new Map<string, TerraformStack>();
  const stackNamed = (name: string) => {
    let s = stacks.get(name);
    if (!s) stacks.set(name, (s = new TerraformStack(app, name)));
    return s;
  };
  for (const r of reports) {
    const segments = constructSegments(r.path);
    let scope: Construct = stackNamed(segments ? segments[0] : FALLBACK_STACK);
    for (const id of segments?.slice(1) ?? []) scope = (scope.node.tryFindChild(id) as Construct | undefined) ?? new Construct(scope, id);
    // No stack trace option: the text already carries the user's frames, and the library's would only add noise.
    scope.node.addMetadata(AnnotationMetadataEntryType.ERROR, r.text);
  }
  app.synth();
}
