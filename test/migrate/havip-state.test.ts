/**
 * The HaVip moves from alicloud_havip (deprecated, emitted by the library up to commit 8f75f00) to
 * alicloud_vpc_ha_vip without replacement. The unit tests check the state rewrite; the tfcore test proves
 * the documented procedure with real Terraform core 1.11 (../shared/tfcore): apply the old stack's JSON,
 * plan the new one (the HaVip would be destroyed and recreated), migrate the state, plan again (no
 * replacement). It skips, saying why, where there is no terraform binary or no ../shared/tfcore.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build as haCluster } from "../../examples/ha-cluster";
import { migrateHaVipState } from "../../src";
import { synthJson, testApp } from "../support/synth";

const ROOT = path.resolve(__dirname, "../..");
const OLD_JSON = path.join(__dirname, "fixtures", "ha-cluster-8f75f00.cdk.tf.json");
const RUN = path.resolve(ROOT, "../shared/tfcore/run.sh");
const TERRAFORM = spawnSync("terraform", ["version"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).status === 0;
const SKIP = !TERRAFORM ? "no terraform binary on PATH" : !fs.existsSync(RUN) ? `no ${RUN}` : undefined;

const VIP = "pg_VirtualIp_74FEAB1C";

function state(resources: any[]) {
  return { version: 4, terraform_version: "1.11.4", serial: 7, lineage: "l-1", outputs: {}, resources, check_results: null };
}
const res = (type: string, name: string, more: object = {}): any => ({
  mode: "managed",
  type,
  name,
  provider: 'provider["registry.terraform.io/aliyun/alicloud"]',
  instances: [{ schema_version: 0, attributes: { id: `${name}-id` } }],
  ...more,
});

describe("migrateHaVipState", () => {
  test("renames the alicloud_havip the stack now declares as alicloud_vpc_ha_vip, keeps its instances, raises the serial", () => {
    const config = { resource: { alicloud_vpc_ha_vip: { [VIP]: {} }, alicloud_havip_attachment: { a: {} } } };
    const before = state([res("alicloud_havip", VIP), res("alicloud_havip_attachment", "a")]);
    const { state: after, moved } = migrateHaVipState(before, config);
    expect(moved).toEqual([`alicloud_havip.${VIP} -> alicloud_vpc_ha_vip.${VIP}`]);
    expect(after.serial).toBe(8);
    expect((after.resources as any[]).map((r) => `${r.type}.${r.name}`)).toEqual([`alicloud_vpc_ha_vip.${VIP}`, "alicloud_havip_attachment.a"]);
    expect((after.resources as any[])[0].instances).toEqual(before.resources[0].instances);
    expect(before.resources[0].type).toBe("alicloud_havip"); // the input is not changed
  });

  test("leaves alone: HaVips the stack still declares as alicloud_havip, data sources, modules; nothing moved keeps the serial", () => {
    const config = { resource: { alicloud_havip: { mine: {} }, alicloud_vpc_ha_vip: { [VIP]: {} } } };
    const before = state([res("alicloud_havip", "mine"), res("alicloud_havip", VIP, { mode: "data" }), res("alicloud_havip", VIP, { module: "module.m" })]);
    const { state: after, moved } = migrateHaVipState(before, config);
    expect(moved).toEqual([]);
    expect(after).toEqual(before);
  });

  test("rejects what is not a pulled state or a synthesized stack, and a name taken twice", () => {
    expect(() => migrateHaVipState({ version: 3 }, { resource: {} })).toThrow(/not a Terraform state/);
    expect(() => migrateHaVipState(state([]), {})).toThrow(/not a synthesized stack/);
    const both = state([res("alicloud_havip", VIP), res("alicloud_vpc_ha_vip", VIP)]);
    expect(() => migrateHaVipState(both, { resource: { alicloud_vpc_ha_vip: { [VIP]: {} } } })).toThrow(`the state already has alicloud_vpc_ha_vip.${VIP}`);
  });
});

(SKIP ? describe.skip : describe)(`HaVip migration with real Terraform core (tfcore)${SKIP ? ` — skipped: ${SKIP}` : ""}`, () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "havip-migration-"));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  /** Runs tfcore's run.sh on `json` as stack "ha-cluster" in the shared work dir; returns its verdict and the plan's resource changes. */
  function tfcore(json: object, apply: boolean): { verdict: string; changes: Record<string, string[]> } {
    const dir = path.join(work, apply ? "before" : "after", "ha-cluster");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json, null, 2));
    const r = spawnSync(RUN, [dir], { encoding: "utf8", env: { ...process.env, TFCORE_WORK: path.join(work, "tf"), TFCORE_APPLY: apply ? "1" : "0" }, timeout: 180000 });
    const verdict = `${r.stdout}${r.stderr}`.trim();
    expect({ status: r.status, verdict }).toMatchObject({ status: 0 });
    const plan = JSON.parse(fs.readFileSync(path.join(work, "tf", "stacks", "ha-cluster", "plan.json"), "utf8"));
    const changes: Record<string, string[]> = {};
    for (const c of plan.resource_changes ?? []) changes[c.address] = c.change.actions;
    return { verdict, changes };
  }

  /** Runs terraform in the applied stack's work dir with tfcore's CLI configuration. */
  function terraform(args: string[], input?: string) {
    const r = spawnSync("terraform", args, {
      cwd: path.join(work, "tf", "stacks", "ha-cluster"),
      input,
      encoding: "utf8",
      env: { ...process.env, TF_CLI_CONFIG_FILE: path.join(work, "tf", "terraformrc"), CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", TF_INPUT: "0" },
      timeout: 60000,
    });
    expect({ args, status: r.status, stderr: r.stderr }).toMatchObject({ status: 0 });
    return r.stdout;
  }

  test("apply the old JSON, migrate the state as the README says, plan the new JSON: the HaVip and its attachments are not replaced", () => {
    const old = JSON.parse(fs.readFileSync(OLD_JSON, "utf8"));
    expect(Object.keys(old.resource.alicloud_havip)).toEqual([VIP]);
    const applied = tfcore(old, true);
    expect(applied.verdict).toContain("applied: 42 added");

    const app = testApp();
    const next = synthJson(haCluster(app));
    expect(Object.keys(next.resource.alicloud_vpc_ha_vip)).toEqual([VIP]);
    expect(next.resource.alicloud_havip).toBeUndefined();
    const vipAddress = next.resource.alicloud_vpc_ha_vip[VIP].ip_address;
    expect(vipAddress).toBe(old.resource.alicloud_havip[VIP].ip_address);
    const attachments = Object.keys(next.resource.alicloud_havip_attachment).map((n) => `alicloud_havip_attachment.${n}`);
    expect(attachments).toHaveLength(2);

    // Without the migration, Terraform would destroy the HaVip and replace both attachments (an outage).
    const unmigrated = tfcore(next, false).changes;
    expect(unmigrated[`alicloud_havip.${VIP}`]).toEqual(["delete"]);
    expect(unmigrated[`alicloud_vpc_ha_vip.${VIP}`]).toEqual(["create"]);
    for (const a of attachments) expect(unmigrated[a]).toEqual(["delete", "create"]);

    // The documented procedure: state pull, the migration, state push.
    const pulled = terraform(["state", "pull"]);
    const stackJson = path.join(work, "next.cdk.tf.json");
    fs.writeFileSync(stackJson, JSON.stringify(next));
    const cli = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", path.join(ROOT, "src/migrate/migrate-havip-state-cli.ts"), stackJson], {
      input: pulled,
      encoding: "utf8",
      timeout: 60000,
    });
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: `moved alicloud_havip.${VIP} -> alicloud_vpc_ha_vip.${VIP}\n` });
    const after = path.join(work, "after.tfstate");
    fs.writeFileSync(after, cli.stdout);
    terraform(["state", "push", "-lock=false", after]);

    const migrated = tfcore(next, false).changes;
    expect(migrated[`alicloud_havip.${VIP}`]).toBeUndefined();
    expect(migrated[`alicloud_vpc_ha_vip.${VIP}`]).toEqual(["no-op"]);
    for (const a of attachments) expect(migrated[a]).toEqual(["no-op"]);
    // Nothing is replaced or destroyed; what changes is new in this version (delete_on_release, a public VIP).
    const destructive = Object.entries(migrated).filter(([, actions]) => actions.includes("delete"));
    expect(destructive).toEqual([]);
  }, 300000);
});
