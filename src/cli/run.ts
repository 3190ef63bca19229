import * as fs from "fs";
import type { EniPlannerOptions } from "../planner/planner-options";
import { CheckInputError, CheckSuppression, checkTerraform, formatCheck, readCatalogFile, readSuppressionsFile, writeCheckReports } from "./check";

const USAGE = `Usage: cdktf-alicloud-eni check PATH... [options]

Runs every rule of the ENI planner on Terraform JSON, without the program: a cdktf.out folder, a stack
folder, a cdk.tf.json, hand-written *.tf.json files, or the output of \`terraform show -json PLANFILE\`.
Allocates nothing and writes no lock file. Exit: 0 no errors, 1 errors, 2 unusable input or options.

Options:
  --plan FILE              the output of \`terraform show -json PLANFILE\` made from one of the PATHs (the
                           one with the same resources): checked with that configuration's intent and the
                           plan's values, so a failover variable's value chooses the active candidate
  --report DIR             write DIR/<stack>/eni-plan.json and eni-plan.md
  --suppress RULE=REASON   suppress a rule everywhere (repeatable); RULE@PATH=REASON for one construct path
  --suppressions FILE      suppressions file: [{"id","reason","path"?}] or {"RULE": "reason"}
  --catalog FILE           instance types to add: a DescribeInstanceTypes response or a catalog file
  --config FILE            planner options as JSON (e.g. {"eniQuotaPerRegion": 200})
  --option NAME=VALUE      one planner option (repeatable), e.g. --option eipQuota=50
  -h, --help               this text`;

/** A parsed command line. */
export type CliCommand =
  | { readonly kind: "help" }
  | { readonly kind: "error"; readonly message: string }
  | { readonly kind: "check"; readonly paths: string[]; readonly plans: string[]; readonly report?: string; readonly suppressions: CheckSuppression[]; readonly planner: EniPlannerOptions };

const NUMERIC = new Set(["eniQuotaPerRegion", "eipQuota", "maxSecurityGroupsPerEni", "maxSecondaryIpsAtCreation", "minVpcPrefix"]);

function optionValue(name: string, raw: string): unknown {
  if (NUMERIC.has(name)) return Number(raw);
  if (raw === "true") return true;
  if (raw === "false") return false;
  return raw;
}

/** Parses the arguments after the program name. */
export function parseCli(args: readonly string[]): CliCommand {
  if (args.length === 0 || args[0] === "-h" || args[0] === "--help" || args[0] === "help") return { kind: "help" };
  if (args[0] !== "check") return { kind: "error", message: `unknown command "${args[0]}"; the command is "check".` };
  const paths: string[] = [];
  const plans: string[] = [];
  const suppressions: CheckSuppression[] = [];
  let planner: Record<string, unknown> = {};
  let report: string | undefined;
  let catalog: string | undefined;
  const options: Record<string, unknown> = {};
  try {
    for (let i = 1; i < args.length; i++) {
      const a = args[i];
      const value = () => {
        const v = args[++i];
        if (v === undefined) throw new CheckInputError(`${a} needs a value.`);
        return v;
      };
      if (a === "-h" || a === "--help") return { kind: "help" };
      else if (a === "--report") report = value();
      else if (a === "--plan") plans.push(value());
      else if (a === "--suppress") {
        const v = value();
        const m = /^([A-Z0-9-]+)(?:@([^=]+))?=(.+)$/s.exec(v);
        if (!m) throw new CheckInputError(`--suppress ${v}: expected RULE=REASON or RULE@PATH=REASON.`);
        suppressions.push({ id: m[1], reason: m[3], ...(m[2] ? { path: m[2] } : {}) });
      } else if (a === "--suppressions") suppressions.push(...readSuppressionsFile(value()));
      else if (a === "--catalog") catalog = value();
      else if (a === "--config") {
        const file = value();
        let data: unknown;
        try {
          data = JSON.parse(fs.readFileSync(file, "utf8"));
        } catch (e) {
          throw new CheckInputError(`--config ${file}: ${(e as Error).message}`);
        }
        if (typeof data !== "object" || data === null || Array.isArray(data)) throw new CheckInputError(`--config ${file}: expected a JSON object of planner options.`);
        planner = { ...planner, ...(data as Record<string, unknown>) };
      } else if (a === "--option") {
        const v = value();
        const m = /^([A-Za-z]+)=(.*)$/.exec(v);
        if (!m) throw new CheckInputError(`--option ${v}: expected NAME=VALUE.`);
        options[m[1]] = optionValue(m[1], m[2]);
      } else if (a.startsWith("-")) throw new CheckInputError(`unknown option ${a}.`);
      else paths.push(a);
    }
    if (paths.length === 0) throw new CheckInputError("no PATH given.");
    for (const k of ["lockFile", "frozen", "catalog"]) {
      if (k in planner || k in options) throw new CheckInputError(`planner option ${k} is not for check (${k === "catalog" ? "use --catalog FILE" : "check never uses a lock file"}).`);
    }
    const merged: EniPlannerOptions = { ...planner, ...options, ...(catalog ? { catalog: readCatalogFile(catalog) } : {}) };
    return { kind: "check", paths, plans, report, suppressions, planner: merged };
  } catch (e) {
    if (e instanceof CheckInputError) return { kind: "error", message: e.message };
    throw e;
  }
}

/** Runs a parsed command; returns the exit code. */
export function runCli(cmd: CliCommand, out: { write(s: string): unknown }, err: { write(s: string): unknown }): number {
  if (cmd.kind === "help") {
    out.write(`${USAGE}\n`);
    return 0;
  }
  if (cmd.kind === "error") {
    err.write(`cdktf-alicloud-eni: ${cmd.message}\n`);
    return 2;
  }
  try {
    const result = checkTerraform(cmd.paths, { planner: cmd.planner, suppressions: cmd.suppressions, plans: cmd.plans });
    out.write(formatCheck(result));
    if (cmd.report) for (const f of writeCheckReports(result, cmd.report)) out.write(`  report: ${f}\n`);
    return result.plan.errors.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof CheckInputError) {
      err.write(`cdktf-alicloud-eni: ${e.message}\n`);
      return 2;
    }
    if (e instanceof Error && /EniPlanner option/.test(e.message)) {
      err.write(`cdktf-alicloud-eni: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
