import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { EniConfigError, NetworkInterface } from "../../src";
import { net } from "../planner/planner-helpers";
import { testApp, testStack } from "../support/synth";
import { thrown } from "../support/thrown";

const ROOT = path.join(__dirname, "..", "..");
const PROBLEM = '"10.0.1.5/24" is not a valid vSwitch CIDR block: host bits are set';

/** A program with a construction error on its line 8, in a fresh folder of the repository; `wrap` uses runEniApp. */
function program(dir: string, wrap: boolean): string {
  const body = [
    'import { App, TerraformStack } from "../src/cdktf";',
    'import { runEniApp, Vpc, VSwitch } from "../src";',
    "function main(): void {",
    "  const app = new App();",
    '  const stack = new TerraformStack(app, "s");',
    '  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });',
    "  // the mistake:",
    '  new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.5/24" });',
    "  app.synth();",
    "}",
    wrap ? "runEniApp(main);" : "main();",
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "main.ts"), body);
  fs.writeFileSync(
    path.join(dir, "cdktf.json"),
    JSON.stringify({
      language: "typescript",
      app: "npx ts-node --transpile-only main.ts",
      projectId: "error-output",
      sendCrashReports: "false",
      terraformProviders: [],
      terraformModules: [],
      codeMakerOutput: ".gen",
      context: {},
    }),
  );
  return path.join(dir, "main.ts");
}

const occurrences = (text: string, what: string) => text.split(what).length - 1;

describe("construction errors print like findings, once, with the user's frame", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(ROOT, ".tmp-error-output-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the program as `ts-node --transpile-only` does (`npm run examples`), outside any cdktf CLI. */
  const tsNode = (file: string) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_ENI_QUIET: "1" };
    delete env.CDKTF_OUTDIR; // not under the CLI, even when the suite itself runs under one
    return spawnSync(process.execPath, [require.resolve("ts-node/dist/bin.js"), "--transpile-only", file], { cwd: dir, encoding: "utf8", timeout: 60_000, env });
  };

  test("an uncaught EniConfigError (plain ts-node): the program's line, no library frame, no library source line", () => {
    const file = program(dir, false);
    const r = tsNode(file);
    expect(r.status).toBe(1);
    expect(occurrences(r.stderr, PROBLEM)).toBe(1);
    expect(r.stderr).toContain("EniConfigError: (error) s/Vsw\n  " + PROBLEM);
    const frames = r.stderr.split("\n").filter((l) => /^\s+at /.test(l));
    expect(frames[0]).toContain(`${file}:8:`);
    expect(frames.filter((f) => f.includes(`${path.join(ROOT, "src")}${path.sep}`))).toEqual([]);
    expect(r.stderr).not.toMatch(/src[\\/]resources[\\/]/); // neither a frame nor Node's source excerpt points into the library
  });

  test("under runEniApp (npm run examples): printed once on stderr, exit code 1", () => {
    const file = program(dir, true);
    const r = tsNode(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(occurrences(r.stderr, PROBLEM)).toBe(1);
    expect(r.stderr.split("\n")[0]).toBe("EniConfigError: (error) s/Vsw");
    expect(r.stderr).toContain(`${file}:8:`);
    expect(r.stderr).not.toMatch(/src[\\/]resources[\\/]/);
  });

  /** Runs the real cdktf CLI's synth in the program's folder. */
  const cdktfSynth = () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_ENI_QUIET: "1" };
    delete env.CI; // not frozen: the lock file may be written
    const cli = require.resolve("cdktf-cli/bundle/bin/cdktf");
    return spawnSync(process.execPath, [cli, "synth", "--output", path.join(dir, "out")], { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
  };

  test("under cdktf synth (the real CLI) with runEniApp: shown once, as the CLI shows its own error annotations, and synth fails", () => {
    program(dir, true);
    const r = cdktfSynth();
    expect(r.status).not.toBe(0);
    const all = `${r.stdout}${r.stderr}`;
    // A program that exits non-zero has its output shown live and again in the CLI's failure report; the
    // annotation is printed once, by the CLI.
    expect(occurrences(all, PROBLEM)).toBe(1);
    expect(all).not.toContain("Command output on");
    expect(r.stdout).toContain("ERROR [s/Vsw]: (error) s/Vsw\n  " + PROBLEM);
    expect(r.stdout).toContain("main.ts:8:");
    expect(all).toContain("error annotations have been encountered");
    expect(all).not.toMatch(/src[\\/]resources[\\/]/);
    // Nothing of the failed program can be deployed: the stack written is empty.
    const written = JSON.parse(fs.readFileSync(path.join(dir, "out", "stacks", "s", "cdk.tf.json"), "utf8")) as Record<string, unknown>;
    expect(written.resource).toBeUndefined();
  }, 150_000);

  test("under cdktf synth: each planner error is shown once, under its construct, and no lock file is written", () => {
    const file = program(dir, true);
    const src = fs
      .readFileSync(file, "utf8")
      .replace(
        'cidrBlock: "10.0.1.5/24" });',
        'cidrBlock: "10.0.1.0/29" });\n  const sg = new SecurityGroup(stack, "Sg", { vpc });\n  for (let i = 0; i < 6; i++) new NetworkInterface(stack, `Eni${i}`, { vswitch: vsw, securityGroups: [sg] });',
      );
    fs.writeFileSync(
      file,
      src
        .replace("import { runEniApp, Vpc, VSwitch }", "import { NetworkInterface, runEniApp, SecurityGroup, Vpc, VSwitch }")
        .replace('  new VSwitch(stack, "Vsw"', '  const vsw = new VSwitch(stack, "Vsw"'),
    );
    const r = cdktfSynth();
    expect(r.status).not.toBe(0);
    const all = `${r.stdout}${r.stderr}`;
    expect(occurrences(all, "[ENI-VSW-EXHAUSTED] (error) s/Vsw")).toBe(1);
    expect(r.stdout).toContain("ERROR [s/Vsw]: [ENI-VSW-EXHAUSTED]");
    expect(all).not.toContain("Command output on");
    expect(fs.existsSync(path.join(dir, "eni-allocations.lock.json"))).toBe(false);
  }, 150_000);
});

test("a bad address at construction carries the rule id the README lists (ENI-IP-INVALID) and a fix", () => {
  const app = testApp();
  const stack = testStack(app);
  const n = net(stack);
  const e = thrown(() => new NetworkInterface(stack, "Eni", { vswitch: n.vsw, securityGroups: [n.sg], primaryIp: "10.0.1.300" })) as EniConfigError;
  expect(e).toBeInstanceOf(EniConfigError);
  expect(e.ruleId).toBe("ENI-IP-INVALID");
  expect(e.message).toMatch(/^\[ENI-IP-INVALID\] \(error\) stack\/Eni\n  "10\.0\.1\.300" is not a valid .*\n  Fix: Use a dotted-quad IPv4 address, e\.g\. 10\.0\.1\.10\.$/);
  expect(e.stack!.split("\n").find((l) => /^\s+at /.test(l))).toContain("error-output.test.ts");
});
