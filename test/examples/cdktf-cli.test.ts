import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

/** `npx cdktf synth` in the repository root, as a user runs it: offline, through the real cdktf CLI. */
describe("cdktf synth (the CLI)", () => {
  test("synthesizes every example stack with the planner, with a frozen lock file and no network", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-cli-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, CI: "1", CHECKPOINT_DISABLE: "1", CDKTF_ENI_QUIET: "1" };
      delete env.CDKTF_ENI_LOCK_FILE; // the committed eni-allocations.lock.json beside cdktf.json
      const cli = require.resolve("cdktf-cli/bundle/bin/cdktf");
      const r = spawnSync(process.execPath, [cli, "synth", "--output", out], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
      expect({ status: r.status, error: r.status === 0 ? "" : `${r.stdout}\n${r.stderr}` }).toEqual({ status: 0, error: "" });
      const stacks = fs.readdirSync(path.join(out, "stacks")).sort();
      expect(stacks).toEqual(["dual-stack", "failover", "ha-cluster", "multi-ip-batch", "multi-ip-web", "multi-public-ip", "prefixes", "segmented"]);
      const eni = JSON.parse(fs.readFileSync(path.join(out, "stacks", "failover", "cdk.tf.json"), "utf8")).resource.alicloud_ecs_network_interface;
      expect(Object.values(eni).map((e: any) => e.primary_ip_address)).toEqual(["10.20.1.1"]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
