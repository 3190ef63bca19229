// .ci/check-failover.js: what CI accepts from tfcore's failover scenario (../shared/tfcore/scenario-failover.sh).
const { checkFailover } = require("../../.ci/check-failover.js");

const OK_LOG = [
  "== 1. apply with the default variable (work dir /w/stacks/failover)",
  "failover: ok (validate: 0 errors, 0 warning(s); plan: 11 to add, 0 to change, 0 to destroy [create 11]; applied: 11 added)",
  "== 2. plan again with no change (expect no changes)",
  "failover: ok (validate: 0 errors, 0 warning(s); plan: 0 to add, 0 to change, 0 to destroy [no changes])",
  "== 3. plan with -var active_gateway=gw-standby",
  "failover: ok (validate: 0 errors, 0 warning(s); plan: 1 to add, 0 to change, 1 to destroy [replace 1])",
].join("\n");

function change(type: string, name: string, actions: string[], replacePaths?: string[][]) {
  return { address: `${type}.${name}`, type, name, change: { actions, ...(replacePaths ? { replace_paths: replacePaths } : {}) } };
}
const noop = (type: string, name: string) => change(type, name, ["no-op"]);
const attachmentReplaced = change("alicloud_ecs_network_interface_attachment", "gw_Attachment", ["delete", "create"], [["instance_id"]]);
const unchanged = [noop("alicloud_ecs_network_interface", "gw_Eni"), noop("alicloud_instance", "active"), noop("alicloud_instance", "standby"), noop("alicloud_eip_association", "gw")];

describe("checkFailover", () => {
  test("accepts: re-plan empty, failover replaces only the attachment", () => {
    expect(checkFailover(OK_LOG, { resource_changes: [...unchanged, attachmentReplaced] })).toEqual([]);
  });

  test("rejects a failover that also replaces the ENI (its addresses would change)", () => {
    const eni = change("alicloud_ecs_network_interface", "gw_Eni", ["delete", "create"], [["vswitch_id"]]);
    expect(checkFailover(OK_LOG, { resource_changes: [eni, attachmentReplaced] })).toEqual([expect.stringContaining("alicloud_ecs_network_interface.gw_Eni: delete+create")]);
  });

  test("rejects an in-place update instead of a replacement, and a plan with no changes", () => {
    const updated = change("alicloud_ecs_network_interface_attachment", "gw_Attachment", ["update"]);
    expect(checkFailover(OK_LOG, { resource_changes: [updated] })).toEqual([expect.stringContaining("gw_Attachment: update")]);
    expect(checkFailover(OK_LOG, { resource_changes: unchanged })).toEqual([expect.stringContaining("the plan has: no changes")]);
  });

  test("rejects a re-plan that is not empty and a step that failed", () => {
    const drift = OK_LOG.replace("0 to add, 0 to change, 0 to destroy [no changes]", "0 to add, 1 to change, 0 to destroy [update 1]");
    expect(checkFailover(drift, { resource_changes: [attachmentReplaced] })).toEqual([expect.stringContaining("step 2 (plan with no change) is not empty")]);
    const failed = OK_LOG.replace(/^failover: ok \(validate.*create 11.*$/m, "failover: 1 error(s) at apply — first: boom");
    expect(checkFailover(failed, { resource_changes: [attachmentReplaced] })).toEqual(["step 1: failover: 1 error(s) at apply — first: boom"]);
    expect(checkFailover("", { resource_changes: [attachmentReplaced] })).toEqual(["expected 3 tfcore verdicts (apply, re-plan, failover plan), found 0"]);
  });
});
