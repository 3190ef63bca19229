/**
 * The published package works for a consumer, on the core selected by CDK_CORE (cdktf-alicloud-eni on cdktf,
 * cdktn-alicloud-eni on cdktn; see scripts/core.js). From a fresh clone (what git tracks: no lib/, no build/),
 * with this repo's node_modules beside it: `npm pack` (the `prepare` script builds lib/), or `npm run pack:cdktn`.
 * Then:
 *   - the tarball is extracted into a separate temp project next to symlinks of this repo's peer and runtime
 *     dependencies, loaded from there with plain `node` and its types checked with `tsc`;
 *   - `npm install <tarball>` into a project made from the core CLI's own TypeScript template (its tsconfig:
 *     moduleResolution node10) with the README's cdktf.json, then `tsc` and `<core> synth` of one stack.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const { currentCore, nodeFor } = require("../../scripts/core");
const CORE = currentCore();
const NAME: string = CORE.packageName;
const SHARED_DEPS = [CORE.core, "constructs", "ipaddr.js"];
const README = fs.readFileSync(path.join(REPO, "README.md"), "utf8");

jest.setTimeout(300_000);

/** Runs a command, returning stdout; on failure the error carries stdout and stderr. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}: ${err.message}\n--- stdout\n${err.stdout ?? ""}\n--- stderr\n${err.stderr ?? ""}`, { cause: e });
  }
}

/** Environment for the consumer: nothing that could make node resolve modules from this repo. */
function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_ENI_QUIET: "1", CHECKPOINT_DISABLE: "1", npm_config_update_notifier: "false" };
  for (const key of ["NODE_PATH", "NODE_OPTIONS", "TS_NODE_PROJECT", "CDK_CORE", "CDKTF_ENI_LOCK_FILE", "CI"]) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith("npm_") && key !== "npm_config_update_notifier" && key !== "npm_config_cache") delete env[key];
  return env;
}

/** Runs `script` with `node -e` in the consumer project and parses the JSON it prints last. */
function nodeEval(project: string, script: string): any {
  const out = run(process.execPath, ["-e", script], project, consumerEnv()).trim().split("\n");
  return JSON.parse(out[out.length - 1]);
}

/** The files a fresh clone of this repository has (tracked, plus new files git does not ignore), copied to `dir`. */
function freshClone(dir: string): void {
  const files = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO).split("\0").filter(Boolean);
  for (const f of files) {
    const from = path.join(REPO, f);
    if (!fs.existsSync(from)) continue; // deleted in the work tree, not yet committed
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, f));
  }
  expect(fs.existsSync(path.join(dir, "lib"))).toBe(false);
  expect(fs.existsSync(path.join(dir, "build"))).toBe(false);
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/** `npm pack --json` output: the JSON array, after whatever the build scripts printed. */
function packResult(stdout: string): any[] {
  const start = stdout.search(/^\[/m);
  return JSON.parse(stdout.slice(start));
}

/** The installed version of a dev dependency of this repo (so the consumer installs what the npm cache holds). */
function versionOf(pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", pkg, "package.json"), "utf8")).version;
}

describe("npm package", () => {
  let work: string;
  let tarball: string;
  let packedFiles: string[];
  let pkgDir: string;
  let project: string;
  let pkgJson: any;

  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "eni-pack-"));
    const clone = path.join(work, "clone");
    freshClone(clone);
    const env = { ...consumerEnv(), PATH: process.env.PATH };
    const packJson = packResult(
      CORE.core === "cdktf"
        ? run("npm", ["pack", "--silent", "--json", "--pack-destination", work], clone, env)
        : run("npm", ["run", "--silent", "pack:cdktn", "--", "--json", "--pack-destination", work], clone, env),
    );
    expect(packJson).toHaveLength(1);
    tarball = path.join(work, packJson[0].filename);
    packedFiles = (packJson[0].files as { path: string }[]).map((f) => f.path).sort();

    const extract = path.join(work, "extract");
    fs.mkdirSync(extract);
    run("tar", ["-xzf", tarball, "-C", extract], work);
    const extracted = path.join(extract, "package");

    project = path.join(work, "consumer");
    const nm = path.join(project, "node_modules");
    fs.mkdirSync(nm, { recursive: true });
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }, null, 2));
    pkgDir = path.join(nm, NAME);
    fs.renameSync(extracted, pkgDir);
    for (const dep of SHARED_DEPS) fs.symlinkSync(path.join(REPO, "node_modules", dep), path.join(nm, dep), "dir");
    pkgJson = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  });

  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test("the tarball holds the compiled library and its data, not sources or tests", () => {
    expect(path.basename(tarball)).toBe(`${NAME}-${pkgJson.version}.tgz`);
    expect(packedFiles).toEqual(
      expect.arrayContaining(["package.json", "README.md", "lib/index.js", "lib/index.d.ts", "lib/provider/index.js", "lib/provider/index.d.ts", "lib/catalog/instance-types.json"]),
    );
    expect(packedFiles.filter((f) => /^(src|test|examples|scripts|bench|build|node_modules)\//.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)))).toEqual([]);
    // Every packed module must have its source (no stale output shipped).
    const stale = packedFiles
      .filter((f) => f.startsWith("lib/") && (f.endsWith(".js") || f.endsWith(".d.ts") || f.endsWith(".json")))
      .filter((f) => !fs.existsSync(path.join(REPO, "src", f.slice(4).replace(/\.d\.ts$|\.js$/, f.endsWith(".json") ? "" : ".ts"))));
    expect(stale).toEqual([]);
    // What npm reported is what the tarball holds.
    const onDisk: string[] = [];
    const walk = (dir: string, rel: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name), `${rel}${e.name}/`);
        else onDisk.push(`${rel}${e.name}`);
      }
    };
    walk(pkgDir, "");
    expect(onDisk.sort()).toEqual(packedFiles);
  });

  test("main, types, every exports target and every bin exist in the tarball; every types entry is a .d.ts", () => {
    expect(pkgJson.name).toBe(NAME);
    const targets: [string, string][] = [
      ["main", pkgJson.main],
      ["types", pkgJson.types],
    ];
    expect(Object.keys(pkgJson.exports).sort()).toEqual([".", "./package.json", "./provider"]);
    for (const [key, value] of Object.entries<any>(pkgJson.exports)) {
      if (typeof value === "string") targets.push([`exports["${key}"]`, value]);
      else for (const [cond, file] of Object.entries<string>(value)) targets.push([`exports["${key}"].${cond}`, file]);
    }
    const typesTargets = targets.filter(([k]) => k === "types" || k.endsWith(".types"));
    expect(typesTargets.map(([k]) => k)).toEqual(["types", 'exports["."].types', 'exports["./provider"].types']);
    for (const [key, file] of typesTargets) expect([key, file.endsWith(".d.ts")]).toEqual([key, true]);
    // The command-line tools: named after the package (cdktn-alicloud-eni... on cdktn), each file in the tarball.
    const bin: Record<string, string> = typeof pkgJson.bin === "string" ? { [NAME]: pkgJson.bin } : (pkgJson.bin ?? {});
    expect(Object.keys(bin)).toContain(NAME);
    for (const [command, file] of Object.entries(bin)) {
      expect([command, command === NAME || command.startsWith(`${NAME}-`)]).toEqual([command, true]);
      targets.push([`bin["${command}"]`, file]);
    }
    const missing = targets.filter(([, file]) => !packedFiles.includes(path.posix.normalize(file)));
    expect(missing).toEqual([]);
    for (const [, file] of targets) expect(fs.existsSync(path.join(pkgDir, file))).toBe(true);
  });

  test("require(<package>) from a separate project exposes the API", () => {
    const result = nodeEval(
      project,
      `
      const lib = require("${NAME}");
      const resolved = require.resolve("${NAME}");
      const out = {
        resolvedInsideConsumer: resolved.startsWith(${JSON.stringify(project + path.sep)}),
        provider: typeof lib.alicloud.provider.AlicloudProvider,
        Vpc: typeof lib.Vpc,
        VSwitch: typeof lib.VSwitch,
        NetworkInterface: typeof lib.NetworkInterface,
        EcsInstance: typeof lib.EcsInstance,
        Eip: typeof lib.Eip,
        HaVip: typeof lib.HaVip,
        EniPlanner: typeof lib.EniPlanner,
        EniConfigError: typeof lib.EniConfigError,
        catalogSize: lib.InstanceTypeCatalog.builtIn().size,
      };
      console.log(JSON.stringify(out));
      `,
    );
    expect(result).toEqual({
      resolvedInsideConsumer: true,
      provider: "function",
      Vpc: "function",
      VSwitch: "function",
      NetworkInterface: "function",
      EcsInstance: "function",
      Eip: "function",
      HaVip: "function",
      EniPlanner: "function",
      EniConfigError: "function",
      catalogSize: 958,
    });
  });

  test("require(<package>/provider) and ./package.json work", () => {
    const result = nodeEval(
      project,
      `
      const p = require("${NAME}/provider");
      const pkg = require("${NAME}/package.json");
      console.log(JSON.stringify({
        resolved: require.resolve("${NAME}/provider").startsWith(${JSON.stringify(path.join(pkgDir, "lib", "provider") + path.sep)}),
        provider: typeof p.provider.AlicloudProvider,
        instance: typeof p.instance.Instance,
        eni: typeof p.ecsNetworkInterface.EcsNetworkInterface,
        sameAsRoot: p.provider.AlicloudProvider === require("${NAME}").alicloud.provider.AlicloudProvider,
        name: pkg.name,
      }));
      `,
    );
    expect(result).toEqual({ resolved: true, provider: "function", instance: "function", eni: "function", sameAsRoot: true, name: NAME });
  });

  test("the packed library synthesizes a planned ENI in the consumer project", () => {
    const result = nodeEval(
      project,
      `
      const { Testing, TerraformStack } = require("${CORE.core}");
      const { alicloud, EniPlanner, Vpc, VSwitch, SecurityGroup, NetworkInterface, Peer, Port, EniConfigError } = require("${NAME}");
      const app = Testing.app();
      EniPlanner.configure(app, { lockFile: false, quiet: true, frozen: false });
      const stack = new TerraformStack(app, "stack");
      new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
      const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
      const vswitch = new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
      const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22) }] });
      new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 2 });
      const json = JSON.parse(Testing.synth(stack, true));
      let configError;
      try { new Vpc(stack, "Bad", { cidrBlock: "10.0.0.1/16" }); } catch (e) { configError = e instanceof EniConfigError ? e.message : String(e); }
      const eni = Object.values(json.resource.alicloud_ecs_network_interface)[0];
      console.log(JSON.stringify({ primary: eni.primary_ip_address, secondaries: eni.private_ip_addresses, configError }));
      `,
    );
    expect(result.primary).toBe("10.0.1.1");
    expect(result.secondaries).toEqual(["10.0.1.2", "10.0.1.3"]);
    expect(result.configError).toContain("(error) stack/Bad\n");
    expect(result.configError).toContain('"10.0.0.1/16"');
  });

  // node16 reads the exports map's types conditions; node10 (the cdktf/cdktn templates' resolution) reads `types`
  // and, for the /provider subpath, `typesVersions`.
  test.each([
    ["node16", "node16"],
    ["commonjs", "node10"],
  ])("the package's types resolve for a TypeScript consumer (module %s, moduleResolution %s)", (module, moduleResolution) => {
    const src = path.join(project, "consumer.ts");
    fs.writeFileSync(
      src,
      [
        `import { alicloud, EniPlanner, InstanceTypeCatalog, NetworkInterface, NetworkInterfaceProps, Vpc } from "${NAME}";`,
        `import * as provider from "${NAME}/provider";`,
        `const size: number = InstanceTypeCatalog.builtIn().size;`,
        `const p: typeof provider.provider.AlicloudProvider = alicloud.provider.AlicloudProvider;`,
        `const props: Partial<NetworkInterfaceProps> = { secondaryPrivateIpCount: 2 };`,
        `export const used = [size, p, props, Vpc, NetworkInterface, EniPlanner.of];`,
        // A wrong type must be an error: proves the declarations were really loaded (not `any`).
        `// @ts-expect-error cidrBlock is a string`,
        `export const bad: ConstructorParameters<typeof Vpc>[2] = { cidrBlock: 16 };`,
        `// @ts-expect-error vpcName is a string`,
        `export const badL1: ConstructorParameters<typeof provider.vpc.Vpc>[2] = { vpcName: 1 };`,
        ``,
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module, moduleResolution, strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ["consumer.ts"],
      }),
    );
    const tsc = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
    const trace = run(process.execPath, [tsc, "-p", "tsconfig.json", "--listFiles"], project, consumerEnv());
    const listed = trace.split("\n").map((l) => l.trim());
    expect(listed).toContain(path.join(fs.realpathSync(pkgDir), "lib", "index.d.ts"));
    expect(listed).toContain(path.join(fs.realpathSync(pkgDir), "lib", "provider", "index.d.ts"));
  });

  test(`npm install of the tarball into a project from the ${CORE.cli} TypeScript template: tsc and \`${CORE.core} synth\` of one stack`, () => {
    const app = path.join(work, "app");
    fs.mkdirSync(app);
    const cliDir = path.dirname(require.resolve(`${CORE.cli}/package.json`, { paths: [REPO] }));
    const template = path.join(cliDir, "bundle", "templates", "typescript");
    // The template's tsconfig.json as `cdktf init` / `cdktn init` writes it: module CommonJS, no moduleResolution (node10).
    fs.copyFileSync(path.join(template, "tsconfig.json"), path.join(app, "tsconfig.json"));
    expect(JSON.parse(fs.readFileSync(path.join(app, "tsconfig.json"), "utf8")).compilerOptions).toMatchObject({ module: "CommonJS" });
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", version: "1.0.0", private: true }, null, 2));
    // cdktf.json and main.ts as the README's "Use it in your project" gives them (written for cdktn).
    const section = README.split("## Use it in your project")[1].split("\n## ")[0];
    const cdktfJson = JSON.parse(section.split("```json")[1].split("```")[0]);
    expect(cdktfJson.terraformProviders).toEqual([]);
    fs.writeFileSync(path.join(app, "cdktf.json"), JSON.stringify(cdktfJson, null, 2));
    const mainTs = section.split("```ts")[1].split("```")[0];
    expect(mainTs).toContain('from "cdktn-alicloud-eni/provider"');
    fs.writeFileSync(path.join(app, "main.ts"), mainTs.replace(/from "cdktn-alicloud-eni/g, `from "${NAME}`).replace(/from "cdktn"/g, `from "${CORE.core}"`));
    const env = { ...consumerEnv(), PATH: process.env.PATH };
    // The README's install command (package, core, constructs), with the versions this repo's lock file holds (so the
    // npm cache has them), and the template's development dependencies.
    expect(section).toContain(`npm install ${NAME} ${CORE.core}@`);
    const peers = [`${CORE.core}@${versionOf(CORE.core)}`, `constructs@${versionOf("constructs")}`];
    const dev = ["ts-node", "typescript", "@types/node"].map((p) => `${p}@${versionOf(p)}`);
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tarball, ...peers], app, env);
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--save-dev", ...dev], app, env);
    const installed = JSON.parse(fs.readFileSync(path.join(app, "node_modules", NAME, "package.json"), "utf8"));
    expect(installed.name).toBe(NAME);
    expect(fs.existsSync(path.join(app, "node_modules", NAME, "lib", "provider", "index.d.ts"))).toBe(true);

    // The template's `npm run build` (tsc, noEmitOnError) with its moduleResolution: the /provider import must type-check.
    run(process.execPath, [path.join(app, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."], app, env);

    const node = nodeFor(CORE);
    run(node, [path.join(cliDir, CORE.cliBin), "synth"], app, env);
    const stack = JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", "network", "cdk.tf.json"), "utf8"));
    expect(stack.terraform.required_providers.alicloud).toEqual({ source: "aliyun/alicloud", version: "~> 1.283" });
    const eni = Object.values<any>(stack.resource.alicloud_ecs_network_interface);
    expect(eni.map((e) => [e.primary_ip_address, e.private_ip_addresses])).toEqual([["10.0.1.1", ["10.0.1.2", "10.0.1.3"]]]);
    expect(section).toContain('`primary_ip_address = "10.0.1.1"`');
    // The planner wrote its lock file beside cdktf.json, as a user's first synth does.
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(app, "eni-allocations.lock.json"), "utf8")))).not.toHaveLength(0);

    // The installed package's own command checks what synth wrote (exit 0), and fails on a broken copy (exit 1).
    const bin = path.join(app, "node_modules", ".bin", CORE.core === "cdktn" ? "cdktn-alicloud-eni" : "cdktf-alicloud-eni");
    const checked = spawnSync(bin, ["check", "cdktf.out"], { cwd: app, env, encoding: "utf8" });
    expect([checked.status, checked.stderr]).toEqual([0, ""]);
    expect(checked.stdout).toContain("0 error(s)");
    const broken = path.join(app, "broken");
    fs.mkdirSync(broken);
    const bad = JSON.parse(fs.readFileSync(path.join(app, "cdktf.out", "stacks", "network", "cdk.tf.json"), "utf8"));
    for (const e of Object.values<any>(bad.resource.alicloud_ecs_network_interface)) e.primary_ip_address = "192.168.0.1";
    fs.writeFileSync(path.join(broken, "cdk.tf.json"), JSON.stringify(bad));
    const failed = spawnSync(bin, ["check", broken], { cwd: app, env, encoding: "utf8" });
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain("[ENI-IP-OUTSIDE]");
  });
});
