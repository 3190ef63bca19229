/**
 * The published package works for a consumer: `npm run build`, `npm pack`, extract the tarball,
 * install it (by copying) into a separate temp project next to symlinks of this repo's peer and
 * runtime dependencies, and load it from there with plain `node` (and its types with `tsc`).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const NAME = "cdktf-alicloud-eni";
const SHARED_DEPS = ["cdktf", "constructs", "ipaddr.js"];

jest.setTimeout(120_000);

/** Runs a command, returning stdout; on failure the error carries stdout and stderr. */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(cmd, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} failed in ${cwd}: ${err.message}\n--- stdout\n${err.stdout ?? ""}\n--- stderr\n${err.stderr ?? ""}`);
  }
}

/** Environment for the consumer: nothing that could make node resolve modules from this repo. */
function consumerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_ENI_QUIET: "1" };
  delete env.NODE_PATH;
  delete env.NODE_OPTIONS;
  delete env.TS_NODE_PROJECT;
  return env;
}

/** Runs `script` with `node -e` in the consumer project and parses the JSON it prints last. */
function nodeEval(project: string, script: string): any {
  const out = run(process.execPath, ["-e", script], project, consumerEnv()).trim().split("\n");
  return JSON.parse(out[out.length - 1]);
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
    run("npm", ["run", "build"], REPO);

    const packJson = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], REPO, { ...process.env, npm_config_update_notifier: "false" }));
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
    expect(packedFiles).toEqual(expect.arrayContaining(["package.json", "README.md", "lib/index.js", "lib/index.d.ts", "lib/provider/index.js", "lib/provider/index.d.ts", "lib/catalog/instance-types.json"]));
    expect(packedFiles.filter((f) => /^(src|test|examples|scripts|bench|node_modules)\//.test(f) || (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)))).toEqual([]);
    // `npm run build` does not clean lib/: every packed module must still have its source (no stale output shipped).
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

  test("main, types and every exports target exist in the tarball; every types entry is a .d.ts", () => {
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
    const missing = targets.filter(([, file]) => !packedFiles.includes(path.posix.normalize(file)));
    expect(missing).toEqual([]);
    for (const [, file] of targets) expect(fs.existsSync(path.join(pkgDir, file))).toBe(true);
  });

  test("require('cdktf-alicloud-eni') from a separate project exposes the API", () => {
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

  test("require('cdktf-alicloud-eni/provider') and ./package.json work", () => {
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
      const { Testing, TerraformStack } = require("cdktf");
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

  test("the package's types resolve for a TypeScript consumer (exports types conditions)", () => {
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
        ``,
      ].join("\n"),
    );
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ["consumer.ts"],
      }),
    );
    run(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json"], project, consumerEnv());
    const trace = run(process.execPath, [path.join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--listFiles"], project, consumerEnv());
    const listed = trace.split("\n").map((l) => l.trim());
    expect(listed).toContain(path.join(fs.realpathSync(pkgDir), "lib", "index.d.ts"));
    expect(listed).toContain(path.join(fs.realpathSync(pkgDir), "lib", "provider", "index.d.ts"));
  });
});
