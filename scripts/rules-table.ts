/** Prints the README's rule table from the planner's rule registry: `npx ts-node scripts/rules-table.ts`. */
import { ALL_RULES } from "../src/planner/rules";

/** The markdown table of every rule. */
export function rulesTable(): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const premises = (r: (typeof ALL_RULES)[number]) => [...new Set((r.premises ?? []).map((p) => `\`${p.rule}\``))].join(", ");
  const rows = [...ALL_RULES]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((r) => `| \`${r.id}\` | ${r.severity} | ${r.suppressible ? "yes" : "no"} | ${r.layer} | ${premises(r)} | ${esc(r.title)} | ${esc(r.source)} |`);
  return ["| id | severity | suppressible | layer | rests on | rule | source |", "|---|---|---|---|---|---|---|", ...rows].join("\n");
}

if (require.main === module) process.stdout.write(`${rulesTable()}\n`);
