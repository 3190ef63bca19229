import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { rulesTable } from "../../scripts/rules-table";
import { PLAN_MARKDOWN_DEFAULTS } from "../../src/planner";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("README", () => {
  test("starts with the two commands that work on a fresh machine", () => {
    const head = readme.split("\n").slice(0, 10).join("\n");
    expect(head).toContain("npm ci && npm run examples");
    expect(head).toContain("npm ci && npm test");
  });

  test("its rule table is the one generated from the rule registry", () => {
    expect(readme).toContain(rulesTable());
  });

  test("every image it shows is in the repository", () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images).toContain("docs/eni-plan-failover.png");
    for (const i of images) expect(fs.existsSync(path.join(__dirname, "..", "..", i))).toBe(true);
  });

  test("states eni-plan.md's limits as the renderer has them", () => {
    const flat = readme.replace(/\s+/g, " ");
    const n = (x: number) => x.toLocaleString("en-US");
    const d = PLAN_MARKDOWN_DEFAULTS;
    expect(flat).toContain(`beyond ${n(d.maxDiagramNodes)} nodes (or ${n(d.maxDiagramChars)} characters or ${n(d.maxDiagramEdges)} edges)`);
    expect(flat).toContain(`each table stops at ${n(d.maxTableRows)} rows`);
  });

  test("has no unfilled placeholder", () => {
    expect(readme).not.toMatch(/[A-Z]+_PLACEHOLDER/);
  });

  test("names only npm scripts that exist", () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")).scripts);
    const used = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(3);
    for (const s of used) expect(scripts).toContain(s);
  });
});

describe("README's short example", () => {
  const root = path.join(__dirname, "..", "..");

  test("runs as written and synthesizes the addresses the README says", () => {
    const block = readme.split("## A short example")[1].split("```ts")[1].split("```")[0];
    const code = block.replace(`from "cdktf-alicloud-eni"`, `from ${JSON.stringify(path.join(root, "src"))}`).replace(`from "cdktf"`, `from ${JSON.stringify(path.join(root, "src", "cdktf"))}`);
    const dir = fs.mkdtempSync(path.join(root, "test", "docs", ".readme-example-"));
    const out = path.join(dir, "cdktf.out");
    try {
      fs.writeFileSync(path.join(dir, "main.ts"), code);
      const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: out, CDKTF_ENI_LOCK_FILE: "none", CDKTF_ENI_QUIET: "1" };
      const r = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", path.join(dir, "main.ts")], { cwd: root, env, encoding: "utf8", timeout: 60_000 });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const json = JSON.parse(fs.readFileSync(path.join(out, "stacks", "web", "cdk.tf.json"), "utf8"));
      const [eni] = Object.values(json.resource.alicloud_ecs_network_interface) as any[];
      const [instance] = Object.values(json.resource.alicloud_instance) as any[];
      expect([eni.primary_ip_address, eni.private_ip_addresses, instance.private_ip]).toEqual(["10.0.1.1", ["10.0.1.2", "10.0.1.3"], "10.0.1.4"]);
      expect(readme).toContain('`primary_ip_address = "10.0.1.1"`');
      expect(readme).toContain('`private_ip_addresses = ["10.0.1.2", "10.0.1.3"]`');
      expect(readme).toContain('`private_ip = "10.0.1.4"`');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
