/**
 * Property-based tests over random apps (generators in arbitraries.ts, construction in build.ts, an
 * independent reading of the synthesized JSON in oracle.ts).
 *
 * Replaying a failure: fast-check prints `seed` and `path` (and the counterexample). Run
 *
 *     FC_SEED=<seed> FC_PATH=<path> npx jest test/robustness/properties
 *
 * to replay exactly that case (FC_PATH is optional: with FC_SEED only, the whole run is replayed).
 * FC_RUNS=<n> sets numRuns for every property (e.g. FC_RUNS=500 for a long soak; the defaults keep the
 * whole robustness folder around 10 s on two cores).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as fc from "fast-check";
import { EniPlanError, Finding, PLAN_REPORT_FILE } from "../../src/planner";
import { assertConformsToSchema } from "../support/provider-schema-check";
import { AppSpec, StackSpec, allocatedKeys, anyAppArb, changeApp, ExpectedFinding, faultyAppArb, lockChangeArb, validAppArb } from "./arbitraries";
import { buildApp, BuiltApp, inspect, synthTexts } from "./build";
import { addressesByPath, addressViolations, limitViolations, readJson } from "./oracle";

/** fast-check parameters: `numRuns`, plus FC_SEED / FC_PATH / FC_RUNS from the environment for replay. */
function params<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.FC_SEED;
  const replayPath = process.env.FC_PATH;
  const runs = process.env.FC_RUNS;
  return {
    numRuns: runs ? Number(runs) : numRuns,
    ...(seed !== undefined && seed !== "" ? { seed: Number(seed) } : {}),
    ...(replayPath ? { path: replayPath } : {}),
    // Keep shrinking bounded: each run builds and synthesizes an app.
    interruptAfterTimeLimit: 40_000,
    markInterruptAsFailure: false,
  };
}

/** Synthesizes every stack and parses its JSON (checked against the pinned provider schema). */
function synthAll(built: BuiltApp): Map<string, any> {
  const out = new Map<string, any>();
  for (const [id, text] of synthTexts(built)) {
    const json = JSON.parse(text);
    assertConformsToSchema(json);
    out.set(id, json);
  }
  return out;
}

const show = (f: Finding) => `[${f.ruleId}] ${f.path}: ${f.message}`;
const summary = (spec: AppSpec) => JSON.stringify(spec);

/** True when the stack has a construct that plans an address (so its synth resolves planned values). */
function plannerWatched(s: StackSpec): boolean {
  return s.enis.length > 0 || s.havips.length > 0 || s.instances.some((i) => !i.imported || i.privateIp !== undefined);
}

function missingExpected(errors: readonly Finding[], expected: readonly ExpectedFinding[]): ExpectedFinding[] {
  return expected.filter((x) => !errors.some((f) => f.ruleId === x.ruleId && x.paths.includes(f.path)));
}

function unexpectedErrors(errors: readonly Finding[], expected: readonly ExpectedFinding[]): Finding[] {
  return errors.filter((f) => !expected.some((x) => x.ruleId === f.ruleId && x.paths.includes(f.path)));
}

describe("the JSON oracle (self-check: it must see what the properties rely on)", () => {
  const spec: AppSpec = {
    strict: false,
    maxCreate: 10,
    stacks: [
      {
        id: "s0",
        vpcs: [{ id: "Vpc0", cidr: "10.0.0.0/16" }],
        vswitches: [
          { id: "A", vpc: "Vpc0", zone: "cn-hangzhou-h", cidr: "10.0.1.0/24" },
          { id: "B", vpc: "Vpc0", zone: "cn-hangzhou-i", cidr: "10.0.2.0/24" },
        ],
        instances: [{ id: "Inst", vsw: "A", type: "ecs.g7.large" }],
        enis: [{ id: "Eni", vsw: "A", secondaryCount: 2, attach: ["Inst"], attachViaProp: true }],
        eips: [],
        havips: [],
        suppressions: [],
      },
    ],
  };
  const fresh = () => {
    const built = buildApp(spec);
    const jsons = synthAll(built);
    const json = jsons.get("s0");
    const [eni] = Object.values(json.resource.alicloud_ecs_network_interface) as any[];
    return { built, jsons, json, eni };
  };

  test("a valid app reads clean", () => {
    const { built, jsons } = fresh();
    const view = readJson(built, jsons);
    expect([...addressViolations(view), ...limitViolations(view)]).toEqual([]);
    expect(view.attachments).toHaveLength(1);
  });

  test("reserved, outside, duplicate and malformed addresses are flagged", () => {
    for (const [mutate, pattern] of [
      [(eni: any) => (eni.primary_ip_address = "10.0.1.255"), /reserved/],
      [(eni: any) => (eni.primary_ip_address = "10.0.9.9"), /outside/],
      [(eni: any) => (eni.private_ip_addresses[1] = eni.private_ip_addresses[0]), /also held by/],
      [(eni: any) => (eni.primary_ip_address = "fe80::1"), /dotted-quad/],
    ] as [(eni: any) => void, RegExp][]) {
      const { built, jsons, eni } = fresh();
      mutate(eni);
      expect(addressViolations(readJson(built, jsons)).join("\n")).toMatch(pattern);
    }
  });

  test("per-type, per-ENI and placement limits are flagged", () => {
    for (const [mutate, pattern] of [
      [
        (eni: any, json: any) => {
          const attachments = json.resource.alicloud_ecs_network_interface_attachment;
          const first = Object.values(attachments)[0] as any;
          attachments.Again = first; // the same ENI attached twice
          for (const n of [1, 2]) {
            json.resource.alicloud_ecs_network_interface[`Extra${n}`] = { vswitch_id: eni.vswitch_id, primary_ip_address: `10.0.1.${200 + n}` };
            attachments[`Extra${n}`] = { instance_id: first.instance_id, network_interface_id: `\${alicloud_ecs_network_interface.Extra${n}.id}` };
          }
        },
        /4 ENIs > EniQuantity 3[\s\S]*2 attachments/,
      ],
      [(eni: any) => eni.private_ip_addresses.push("10.0.1.100", "10.0.1.101", "10.0.1.102", "10.0.1.103"), /addresses > 6/],
      [(eni: any, json: any) => (eni.vswitch_id = `\${alicloud_vswitch.${Object.keys(json.resource.alicloud_vswitch).find((k) => k.startsWith("B"))}.id}`), /zone cn-hangzhou-i\) attached to/],
    ] as [(eni: any, json: any) => void, RegExp][]) {
      const { built, jsons, json, eni } = fresh();
      mutate(eni, json);
      expect(limitViolations(readJson(built, jsons)).join("\n")).toMatch(pattern);
    }
  });
});

describe("random apps (fast-check)", () => {
  test("valid apps are accepted, and every planned address is inside its vSwitch, not reserved, not used, unique per vSwitch across stacks", () => {
    fc.assert(
      fc.property(validAppArb, (spec) => {
        const built = buildApp(spec);
        const result = inspect(built);
        if (result.errors.length > 0) {
          throw new Error(`a valid app was rejected:\n${result.errors.map(show).join("\n")}\nspec: ${summary(spec)}`);
        }
        const view = readJson(built, synthAll(built));
        const problems = addressViolations(view);
        if (problems.length > 0) throw new Error(`address invariant broken:\n${problems.join("\n")}\nspec: ${summary(spec)}`);
      }),
      params(60),
    );
  });

  test("every app the planner accepts respects every per-type, per-ENI and placement limit (checked from the JSON)", () => {
    fc.assert(
      fc.property(anyAppArb, ({ spec, expected }) => {
        const built = buildApp(spec);
        const result = inspect(built);
        if (result.errors.length > 0) return; // rejected: nothing is synthesized
        const view = readJson(built, synthAll(built));
        const problems = [...addressViolations(view), ...limitViolations(view, { maxSecondaryAtCreation: spec.maxCreate })];
        if (problems.length > 0) {
          throw new Error(`accepted app breaks limits:\n${problems.join("\n")}\ninjected: ${JSON.stringify(expected)}\nspec: ${summary(spec)}`);
        }
      }),
      params(60),
    );
  });

  test("apps that break a limit are rejected with the right rule id on the right construct, and with nothing else", () => {
    fc.assert(
      fc.property(faultyAppArb, ({ spec, expected }) => {
        const built = buildApp(spec);
        const result = inspect(built);
        const missing = missingExpected(result.errors, expected);
        const extra = unexpectedErrors(result.errors, expected);
        if (missing.length > 0 || extra.length > 0) {
          throw new Error(
            `expected ${JSON.stringify(expected)}\n` +
              (missing.length ? `missing: ${JSON.stringify(missing)}\n` : "") +
              (extra.length ? `unexpected errors:\n${extra.map(show).join("\n")}\n` : "") +
              `all findings:\n${result.findings.map(show).join("\n")}\nspec: ${summary(spec)}`,
          );
        }
        // app.synth() fails too, with our EniPlanError (README: "It fails app.synth(), Testing.synth(stack, true) and
        // cdktf synth on any unsuppressed error"). Checked when some stack holds a construct that resolves a planned
        // address; without one, the error surfaces as cdktf's own validation error (bug B1, bad-input.test.ts).
        if (built.stacks.some((b) => plannerWatched(b.spec))) {
          let thrown: unknown;
          try {
            built.app.synth();
          } catch (e) {
            thrown = e;
          }
          if (!(thrown instanceof EniPlanError)) {
            throw new Error(`app.synth() did not throw EniPlanError (${String(thrown)}) although the planner found:\n${result.errors.map(show).join("\n")}\nspec: ${summary(spec)}`);
          }
        }
      }),
      params(100),
    );
  });

  test("synth is deterministic: the same app gives byte-identical JSON, and creating constructs in reverse order changes nothing", () => {
    fc.assert(
      fc.property(anyAppArb, ({ spec }) => {
        const a = buildApp(spec);
        const b = buildApp(spec);
        const r = buildApp(spec, { reverse: true });
        const fa = inspect(a).findings.map(show);
        expect(inspect(b).findings.map(show)).toEqual(fa);
        expect(inspect(r).findings.map(show)).toEqual(fa);
        if (inspect(a).errors.length > 0) return;
        const ta = synthTexts(a);
        const tb = synthTexts(b);
        const tr = synthTexts(r);
        for (const [id, text] of ta) {
          expect(tb.get(id)).toBe(text);
          expect(JSON.parse(tr.get(id)!)).toEqual(JSON.parse(text));
          // The plan report (eni-plan.json) is deterministic too.
          const report = (b: BuiltApp) => fs.readFileSync(path.join(b.app.outdir, "stacks", id, PLAN_REPORT_FILE), "utf8");
          expect(report(b)).toBe(report(a));
          expect(report(r)).toBe(report(a));
        }
      }),
      params(25),
    );
  });

  test("the lock file keeps every address of every surviving ENI, instance and HaVip when ENIs are removed and new ones (sorting first) are added", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-lock-prop-"));
    let run = 0;
    const lockKeys = (file: string) => Object.keys(JSON.parse(fs.readFileSync(file, "utf8")).allocations).sort();
    try {
      fc.assert(
        fc.property(validAppArb, lockChangeArb, (spec, change) => {
          const lockFile = path.join(dir, `lock-${run++}.json`);
          const before = buildApp(spec, { planner: { lockFile, frozen: false } });
          expect(inspect(before).errors.map(show)).toEqual([]);
          const jsonBefore = synthAll(before);
          const addrBefore = addressesByPath(before, jsonBefore);
          before.app.synth(); // the lock file is written when the app's synth completes
          // The lock holds exactly the program's own addresses (planned and explicit), keyed as documented.
          expect(lockKeys(lockFile)).toEqual(allocatedKeys(spec));

          const nextSpec = changeApp(spec, change);
          const keysChange = JSON.stringify(allocatedKeys(nextSpec)) !== JSON.stringify(allocatedKeys(spec));
          // Frozen (CI): synthesizing A' against A's lock fails exactly when allocations would change.
          const frozenLock = `${lockFile}.frozen.json`;
          fs.copyFileSync(lockFile, frozenLock);
          const frozen = inspect(buildApp(nextSpec, { planner: { lockFile: frozenLock, frozen: true } }));
          // one ENI-LOCK-FROZEN per construct whose addresses would be added, moved or dropped
          expect([...new Set(frozen.errors.map((e) => e.ruleId))]).toEqual(keysChange ? ["ENI-LOCK-FROZEN"] : []);
          const changedOwners = [
            ...new Set(
              [...allocatedKeys(spec), ...allocatedKeys(nextSpec)].filter((k) => allocatedKeys(spec).includes(k) !== allocatedKeys(nextSpec).includes(k)).map((k) => k.slice(0, k.lastIndexOf("#"))),
            ),
          ].sort();
          expect(frozen.errors.map((e) => e.path).sort()).toEqual(changedOwners);
          expect(fs.readFileSync(frozenLock, "utf8")).toBe(fs.readFileSync(lockFile, "utf8"));

          const after = buildApp(nextSpec, { planner: { lockFile, frozen: false } });
          const result = inspect(after);
          expect(result.errors.map(show)).toEqual([]);
          const jsonAfter = synthAll(after);
          const addrAfter = addressesByPath(after, jsonAfter);
          after.app.synth();
          for (const [p, list] of addrBefore) {
            const now = addrAfter.get(p);
            if (!now) continue;
            // Same primary, and every old secondary still there (an owner may have gained role-keyed addresses).
            const kept = now[0] === list[0] && list.every((a) => now.includes(a)) && (now.length > list.length || JSON.stringify(now) === JSON.stringify(list));
            if (!kept) throw new Error(`${p} moved: ${JSON.stringify(list)} -> ${JSON.stringify(now)}\nchange: ${JSON.stringify(change)}\nspec: ${summary(spec)}`);
          }
          const problems = addressViolations(readJson(after, jsonAfter));
          if (problems.length > 0) throw new Error(`after the change:\n${problems.join("\n")}`);
          expect(lockKeys(lockFile)).toEqual(allocatedKeys(nextSpec));
          // Synthesizing A' again with the updated lock, frozen, changes nothing.
          const again = buildApp(nextSpec, { planner: { lockFile, frozen: true } });
          expect(inspect(again).errors.map(show)).toEqual([]);
          const textsAgain = synthTexts(again);
          for (const [id, json] of jsonAfter) expect(JSON.parse(textsAgain.get(id)!)).toEqual(json);
        }),
        params(25),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
