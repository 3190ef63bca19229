#!/usr/bin/env node
// Checks the output of ../shared/tfcore/scenario-failover.sh on the failover example:
//   step 1 applies with the default active_gateway, step 2 plans again and must find no changes,
//   step 3 plans with the other instance and must replace the ENI attachment and nothing else
//   (the ENI, its addresses, its EIP and both instances stay).
// usage: check-failover.js SCENARIO_LOG PLAN_JSON   (PLAN_JSON: the step-3 plan, `terraform show -json`)
"use strict";
const fs = require("fs");

/** Problems found in the scenario's log and its final plan; empty when the failover is attachment-only. */
function checkFailover(log, plan) {
  const problems = [];
  const verdicts = log.split("\n").filter((l) => /^failover: /.test(l));
  if (verdicts.length !== 3) problems.push(`expected 3 tfcore verdicts (apply, re-plan, failover plan), found ${verdicts.length}`);
  verdicts.forEach((v, i) => {
    if (!v.startsWith("failover: ok ")) problems.push(`step ${i + 1}: ${v}`);
  });
  if (verdicts[1] && !verdicts[1].includes("[no changes]")) problems.push(`step 2 (plan with no change) is not empty: ${verdicts[1]}`);
  const changes = (plan.resource_changes || []).filter((rc) => !["no-op", "read"].includes(rc.change.actions.join("+")));
  const summary = changes.map((rc) => `${rc.address}: ${rc.change.actions.join("+")}`);
  const replaced = changes.filter((rc) => ["delete+create", "create+delete"].includes(rc.change.actions.join("+")));
  const attachmentOnly =
    changes.length === 1 &&
    replaced.length === 1 &&
    replaced[0].type === "alicloud_ecs_network_interface_attachment" &&
    JSON.stringify(replaced[0].change.replace_paths) === JSON.stringify([["instance_id"]]);
  if (!attachmentOnly) problems.push(`failover must replace only the ENI attachment (forced by instance_id); the plan has: ${summary.join("; ") || "no changes"}`);
  return problems;
}

module.exports = { checkFailover };

if (require.main === module) {
  const [logFile, planFile] = process.argv.slice(2);
  if (!logFile || !planFile) {
    console.error("usage: check-failover.js SCENARIO_LOG PLAN_JSON");
    process.exit(2);
  }
  const problems = checkFailover(fs.readFileSync(logFile, "utf8"), JSON.parse(fs.readFileSync(planFile, "utf8")));
  for (const p of problems) console.error(`failover scenario: ${p}`);
  if (problems.length) process.exit(1);
  console.log("failover scenario: ok (re-plan empty; failover replaces only the ENI attachment)");
}
