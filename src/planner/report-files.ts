import * as fs from "fs";
import * as path from "path";
import type { StackPlanReport } from "./report";
import { renderPlanMarkdown } from "./report-markdown";

/** File name of the per-stack plan report in the output folder. */
export const PLAN_REPORT_FILE = "eni-plan.json";

/** File name of the per-stack Markdown plan (diagram and tables for pull requests), beside {@link PLAN_REPORT_FILE}. */
export const PLAN_MARKDOWN_FILE = "eni-plan.md";

/**
 * Writes one stack's plan into `dir` (made if missing): {@link PLAN_REPORT_FILE}, compact JSON and a newline (it is
 * for machines, e.g. jq), and {@link PLAN_MARKDOWN_FILE} (for pull requests). The JSON text is written as it is
 * serialized, the newline after it, not a second copy of it with the newline (about 7 MB at 10,000 ENIs).
 * Returns the paths of the two files.
 */
export function writePlanReport(dir: string, report: StackPlanReport): [json: string, markdown: string] {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, PLAN_REPORT_FILE);
  fs.writeFileSync(json, JSON.stringify(report));
  fs.appendFileSync(json, "\n");
  const markdown = path.join(dir, PLAN_MARKDOWN_FILE);
  fs.writeFileSync(markdown, renderPlanMarkdown(report, { jsonFileName: PLAN_REPORT_FILE }));
  return [json, markdown];
}
