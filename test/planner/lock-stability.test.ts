import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EniPlannerOptions } from "../../src/planner";
import { App } from "../../src/cdktf";
import { captureStdout } from "../support/stdout";
import { resources, testApp, testStack } from "../support/synth";
import { ecs, inspect, net, nic, only } from "./planner-helpers";
import { resolveOptions } from "../../src/planner/planner-options";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-lock-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One stack: an instance with a secondary IP, and one ENI (with two secondary IPs) per id, in the given order. */
function program(eniIds: string[], options: EniPlannerOptions = {}) {
  const app = testApp(options);
  const stack = testStack(app);
  const n = net(stack);
  ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.large", 1);
  for (const id of eniIds) nic(stack, id, n, { secondaryPrivateIpCount: 2 });
  return { app, stack };
}

/** Synthesizes the app (the lock file is written once synth succeeded) and returns every planned address by `<resource name>.<attribute>[i]`. */
function addresses(app: App): Record<string, string> {
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "stack", "cdk.tf.json"), "utf8"));
  const out: Record<string, string> = {};
  for (const [name, e] of resources(json, "alicloud_ecs_network_interface")) {
    const id = name.split("_")[0];
    out[`${id}.primary`] = e.primary_ip_address;
    (e.private_ip_addresses as string[]).forEach((ip, i) => (out[`${id}.secondary-${i + 1}`] = ip));
  }
  for (const [, i] of resources(json, "alicloud_instance")) {
    out["Web.primary"] = i.private_ip;
    out["Web.secondary-1"] = i.secondary_private_ips[0];
  }
  return out;
}

function synthError(app: App): string {
  try {
    addresses(app);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected synth to fail");
}

describe("allocation lock file", () => {
  test("adding an ENI whose path sorts first and removing another keeps every surviving address", () => {
    const lockFile = path.join(dir, "eni-allocations.lock.json");
    const before = addresses(program(["Bravo", "Charlie", "Delta"], { lockFile }).app);
    expect(fs.existsSync(lockFile)).toBe(true);
    const lock = JSON.parse(fs.readFileSync(lockFile, "utf8"));
    expect(Object.keys(lock.allocations)).toContain("stack/Bravo#primary");
    expect(lock.allocations["stack/Bravo#primary"]).toEqual({ pool: "stack/Vsw", address: before["Bravo.primary"] });

    const after = addresses(program(["Alpha", "Bravo", "Delta"], { lockFile }).app);
    for (const key of Object.keys(before).filter((k) => !k.startsWith("Charlie."))) {
      expect([key, after[key]]).toEqual([key, before[key]]);
    }
    // Alpha got addresses, all distinct from everything else
    const all = Object.values(after);
    expect(new Set(all).size).toBe(all.length);
    expect(after["Alpha.primary"]).toMatch(/^10\.0\.1\.\d+$/);
    // the lock now holds Alpha and no longer Charlie
    const lock2 = JSON.parse(fs.readFileSync(lockFile, "utf8"));
    expect(Object.keys(lock2.allocations)).toContain("stack/Alpha#primary");
    expect(Object.keys(lock2.allocations).some((k) => k.startsWith("stack/Charlie#"))).toBe(false);
  });

  test("without a lock file the same change would move addresses (so the lock is what keeps them)", () => {
    const before = addresses(program(["Bravo", "Charlie", "Delta"]).app);
    const after = addresses(program(["Alpha", "Bravo", "Delta"]).app);
    expect(after["Bravo.primary"]).not.toBe(before["Bravo.primary"]);
  });

  test("frozen: true with a changed program fails with ENI-LOCK-FROZEN and leaves the lock file untouched", () => {
    const lockFile = path.join(dir, "eni-allocations.lock.json");
    addresses(program(["Bravo", "Charlie"], { lockFile }).app);
    const text = fs.readFileSync(lockFile, "utf8");

    // unchanged program: frozen passes
    expect(() => addresses(program(["Bravo", "Charlie"], { lockFile, frozen: true }).app)).not.toThrow();

    const { app } = program(["Alpha", "Bravo"], { lockFile, frozen: true });
    // one finding per construct whose addresses would be added, moved or dropped, naming each key and why
    const frozen = inspect(app).findings.filter((x) => x.ruleId === "ENI-LOCK-FROZEN");
    expect(frozen.map((x) => [x.severity, x.path])).toEqual([
      ["error", "stack/Alpha"],
      ["error", "stack/Charlie"],
    ]);
    expect(frozen[0].message).toContain(`the lock file ${lockFile} would change: `);
    expect(frozen[0].message).toMatch(/stack\/Alpha#primary added 10\.0\.1\.\d+ in stack\/Vsw \(new address\); stack\/Alpha#secondary-1 added .*; stack\/Alpha#secondary-2 added/);
    expect(frozen[1].message).toMatch(
      /stack\/Charlie#primary dropped 10\.0\.1\.\d+ in stack\/Vsw \(its construct \(or this address of it\) is no longer in the program; the address is held as released\)/,
    );
    expect(synthError(app)).toContain("ENI-LOCK-FROZEN");
    expect(fs.readFileSync(lockFile, "utf8")).toBe(text);
  });

  test("frozen: true without any lock file fails too (first synth in CI)", () => {
    const lockFile = path.join(dir, "missing.lock.json");
    const { app } = program(["Bravo"], { lockFile, frozen: true });
    const frozen = inspect(app).findings.filter((x) => x.ruleId === "ENI-LOCK-FROZEN");
    expect(frozen.map((x) => x.path)).toEqual(["stack/Bravo", "stack/Web"]);
    expect(frozen[0].message).toContain("stack/Bravo#primary added 10.0.1.");
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  test.each([
    ["not JSON", "{ this is not json", "it is not valid JSON"],
    ["a wrong version", JSON.stringify({ version: 3, allocations: {} }), '"version" is number 3'],
    [
      "a duplicate address",
      JSON.stringify({ version: 1, allocations: { "stack/A#primary": { pool: "stack/Vsw", address: "10.0.1.1" }, "stack/B#primary": { pool: "stack/Vsw", address: "10.0.1.1" } } }),
      "already has",
    ],
  ])("a corrupt lock file (%s) fails with ENI-LOCK-INVALID and a clear message, no stack trace", (_name, content, problem) => {
    const lockFile = path.join(dir, "eni-allocations.lock.json");
    fs.writeFileSync(lockFile, content);
    const { app } = program(["Bravo"], { lockFile });
    const f = only(inspect(app), "ENI-LOCK-INVALID");
    expect(f).toMatchObject({ severity: "error", path: lockFile });
    expect(f.message).toContain(`Allocation lock file ${lockFile} is invalid`);
    expect(f.message).toContain(problem);
    expect(f.fix).toContain("Restore the file from version control, or delete it");
    const message = synthError(app);
    expect(message).toContain("[ENI-LOCK-INVALID]");
    expect(message).toContain(problem);
    expect(message).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
    expect(message).not.toContain("LockFileError");
    // the corrupt file is left as it was
    expect(fs.readFileSync(lockFile, "utf8")).toBe(content);
  });

  test("app.synth() (what cdktf synth runs) fails with ENI-LOCK-INVALID, and what Node prints (err.stack) has no stack trace", () => {
    const lockFile = path.join(dir, "eni-allocations.lock.json");
    fs.writeFileSync(lockFile, "{ this is not json");
    const { app } = program(["Bravo"], { lockFile });
    let error: Error | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e as Error;
    }
    // App.synth() resolves tokens (prepareStack) before validating, so the planner error surfaces from token
    // resolution; an uncaught error is printed by Node as err.stack, which must be the message alone.
    expect(error).toBeDefined();
    const printed = error!.stack ?? "";
    expect(printed).toContain("[ENI-LOCK-INVALID]");
    expect(printed).toContain("it is not valid JSON");
    expect(printed).not.toContain("Object creation stack");
    expect(printed).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });

  test("deterministic: two synths of the same program give byte-identical JSON (with and without a lock file)", () => {
    const synth = (options: EniPlannerOptions) => {
      const { app } = program(["Delta", "Bravo", "Charlie"], options);
      app.synth();
      const text = fs.readFileSync(path.join(app.outdir, "stacks", "stack", "cdk.tf.json"), "utf8");
      return text.replace(/"path": "[^"]*terraform\.stack\.tfstate"/, ""); // the backend names the app's own temp folder
    };
    const a = synth({});
    const b = synth({});
    expect(a).toBe(b);
    const lockFile = path.join(dir, "eni-allocations.lock.json");
    const c = synth({ lockFile });
    const lockText = fs.readFileSync(lockFile, "utf8");
    const d = synth({ lockFile });
    expect(c).toBe(d);
    expect(c).toBe(a);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(lockText);
  });

  test("construction order does not change the plan (sorted by path)", () => {
    const forward = addresses(program(["Bravo", "Charlie", "Delta"]).app);
    const backward = addresses(program(["Delta", "Charlie", "Bravo"]).app);
    expect(backward).toEqual(forward);
  });
});

describe("lock file defaults", () => {
  test("a lock file whose content would not change is left as it is, byte for byte, even in another layout; a change rewrites it in the canonical one", () => {
    const lockFile = path.join(dir, "eni-allocations.lock.json");
    const first = addresses(program(["Bravo", "Charlie"], { lockFile }).app);
    const canonical = fs.readFileSync(lockFile, "utf8");
    const relaid = `${JSON.stringify(JSON.parse(canonical), null, 4)}\n`; // e.g. a formatter ran over it
    fs.writeFileSync(lockFile, relaid);
    let again: Record<string, string> = {};
    const out = captureStdout(() => (again = addresses(program(["Bravo", "Charlie"], { lockFile, quiet: false }).app)));
    expect(again).toEqual(first);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(relaid);
    expect(out).toMatch(/Lock file \S+ unchanged\./);
    addresses(program(["Bravo", "Charlie", "Delta"], { lockFile }).app);
    const after = fs.readFileSync(lockFile, "utf8");
    expect(after).toBe(`${JSON.stringify(JSON.parse(after), null, 2)}\n`);
    expect(Object.keys(JSON.parse(after).allocations)).toContain("stack/Delta#primary");
  });

  test("a real app keeps eni-allocations.lock.json; a Testing.app() keeps none; CDKTF_ENI_LOCK_FILE wins", () => {
    expect(resolveOptions({}, {}, false).lockFile).toBe("eni-allocations.lock.json");
    expect(resolveOptions({}, {}, true).lockFile).toBe(false);
    expect(resolveOptions({}, { CDKTF_ENI_LOCK_FILE: "x.json" }, true).lockFile).toBe("x.json");
    expect(resolveOptions({}, { CDKTF_ENI_LOCK_FILE: "none" }, false).lockFile).toBe(false);
    expect(resolveOptions({ lockFile: "y.json" }, { CDKTF_ENI_LOCK_FILE: "none" }, true).lockFile).toBe("y.json");
  });

  test("frozen defaults to true exactly when CI is set (and not false/0)", () => {
    expect(resolveOptions({}, { CI: "true" }).frozen).toBe(true);
    expect(resolveOptions({}, { CI: "1" }).frozen).toBe(true);
    expect(resolveOptions({}, { CI: "false" }).frozen).toBe(false);
    expect(resolveOptions({}, {}).frozen).toBe(false);
    expect(resolveOptions({ frozen: false }, { CI: "1" }).frozen).toBe(false);
  });
});
