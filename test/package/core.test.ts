/**
 * The suite runs on the core CDK_CORE selects (scripts/core.js): `npm test` on cdktf, `npm run test:cdktn` on cdktn.
 * Checks that the library, its bindings and the processes tests start really load that core, not the other one.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as lib from "../../src";
import { App, TerraformStack, Testing } from "../../src/cdktf";

const REPO = path.resolve(__dirname, "..", "..");
const { currentCore } = require("../../scripts/core");
const CORE: string = currentCore().core;
const OTHER = CORE === "cdktf" ? "cdktn" : "cdktf";
/** The core packages themselves, by absolute path (never redirected). */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- by absolute path, so the jest resolver never redirects it
const load = (name: string) => require(path.join(REPO, "node_modules", name));

describe(`the library on ${CORE}`, () => {
  test("src/cdktf.ts re-exports the selected core, not the other one", () => {
    expect(App).toBe(load(CORE).App);
    expect(App).not.toBe(load(OTHER).App);
  });

  test("the bindings are the selected core's generator's, and extend its classes", () => {
    const bindings = fs.readFileSync(require.resolve("../../src/provider/vpc"), "utf8");
    expect(bindings).toContain(`import * as ${CORE} from '${CORE}';`);
    expect(bindings).not.toContain(`from '${OTHER}'`);
    expect(lib.alicloud.vpc.Vpc.prototype).toBeInstanceOf(load(CORE).TerraformResource);
    expect(lib.alicloud.vpc.Vpc.prototype).not.toBeInstanceOf(load(OTHER).TerraformResource);
  });

  test("an L2 construct synthesizes in an app of the selected core", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    new lib.Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
    expect(Object.values(JSON.parse(Testing.synth(stack)).resource.alicloud_vpc)).toEqual([expect.objectContaining({ cidr_block: "10.0.0.0/16" })]);
  });

  test("child processes (ts-node, as the examples tests and the CLI run them) load the same core and bindings", () => {
    const script = `console.log(JSON.stringify({ core: require.resolve("cdktf"), provider: require.resolve("./src/provider") }))`;
    const r = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: REPO, env: process.env, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout.trim());
    expect(out.core).toBe(require.resolve(path.join(REPO, "node_modules", CORE)));
    expect(out.provider).toBe(CORE === "cdktf" ? path.join(REPO, "src", "provider", "index.ts") : path.join(REPO, "build", "cdktn", "src", "provider", "index.ts"));
  });
});
