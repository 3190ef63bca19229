import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const { currentCore, nodeFor } = require("../../scripts/core");
const CORE = currentCore();

/**
 * `npx cdktf synth` in the repository root, as a user runs it: offline, through the real CLI of the core CDK_CORE
 * selects (cdktf-cli 0.21 on Node 20; cdktn-cli 0.24 on Node 22, see scripts/node22.js). With CDK_CORE=cdktn the
 * app (ts-node on examples/main.ts) loads cdktn through NODE_OPTIONS (test/setup-env.js, scripts/core-register.js).
 */
describe(`${CORE.core} synth (the CLI)`, () => {
  test("synthesizes every example stack with the planner, with a frozen lock file and no network", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-cli-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", CHECKPOINT_DISABLE: "1", CDKTF_ENI_QUIET: "1" };
      delete env.CDKTF_ENI_LOCK_FILE; // the committed eni-allocations.lock.json beside cdktf.json
      const cli = path.join(path.dirname(require.resolve(`${CORE.cli}/package.json`)), CORE.cliBin);
      const r = spawnSync(nodeFor(CORE), [cli, "synth", "--output", out], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
      expect({ status: r.status, error: r.status === 0 ? "" : `${r.stdout}\n${r.stderr}` }).toEqual({ status: 0, error: "" });
      const stacks = fs.readdirSync(path.join(out, "stacks")).sort();
      expect(stacks).toEqual(["dual-stack", "failover", "ha-cluster", "multi-ip-batch", "multi-ip-web", "multi-public-ip", "prefixes", "segmented"]);
      const eni = JSON.parse(fs.readFileSync(path.join(out, "stacks", "failover", "cdk.tf.json"), "utf8")).resource.alicloud_ecs_network_interface;
      expect(Object.values(eni).map((e: any) => e.primary_ip_address)).toEqual(["10.20.1.1"]);
      // Synthesized by the selected core: cdktn writes its own name into the stack's metadata.
      const meta = JSON.parse(fs.readFileSync(path.join(out, "stacks", "failover", "cdk.tf.json"), "utf8"))["//"].metadata;
      expect(meta.version).toBe(JSON.parse(fs.readFileSync(require.resolve(`${CORE.core}/package.json`), "utf8")).version);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
