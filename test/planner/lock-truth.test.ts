import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, TerraformStack, Testing } from "../../src/cdktf";
import { EniPlanner, EniPlannerOptions, PLAN_REPORT_FILE } from "../../src/planner";
import { EcsInstance, EniSuppressions, HaVip, ISecurityGroup, IVSwitch, NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../src";
import { testApp, testStack } from "../support/synth";
import { ecs, inspect, net, Net, nic, only, withRule } from "./planner-helpers";
import { captureStdout } from "../support/stdout";

/*
 * The lock file is the deployed truth: an address it gives to a construct that still exists is never
 * given to another, addresses of deleted constructs are held, every change is named with its reason,
 * and the file is written only when the app's synth as a whole succeeds.
 */

let dir: string;
let lockFile: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-lock-truth-"));
  lockFile = path.join(dir, "eni-allocations.lock.json");
});
afterEach(() => {
  fs.chmodSync(dir, 0o755);
  if (fs.existsSync(lockFile)) fs.chmodSync(lockFile, 0o644);
  fs.rmSync(dir, { recursive: true, force: true });
});

const readLock = () => JSON.parse(fs.readFileSync(lockFile, "utf8"));

/** One stack with the standard network; `build` adds the constructs under test. */
function program(build: (stack: TerraformStack, n: Net) => void, options: EniPlannerOptions = {}): App {
  const app = testApp({ lockFile, ...options });
  const stack = testStack(app);
  const n = net(stack);
  build(stack, n);
  return app;
}

/** The planned primary address of an ENI / instance / HaVip, read from the plan. */
const planned = (app: App, key: string) => inspect(app).addresses.get(key);

describe("an explicit address equal to one the lock file gives to another construct is an error naming both, never a move", () => {
  function first(): string {
    const app = program((stack, n) => {
      nic(stack, "Old", n);
      ecs(stack, "Server", n.vsw, [n.sg]);
      new HaVip(stack, "Vip", { vswitch: n.vsw });
    });
    app.synth();
    return fs.readFileSync(lockFile, "utf8");
  }

  test.each([
    ["an ENI primaryIp", "stack/Eni", (stack: TerraformStack, n: Net, ip: string) => nic(stack, "Eni", n, { primaryIp: ip })],
    [
      "an instance privateIp",
      "stack/Other",
      (stack: TerraformStack, n: Net, ip: string) =>
        new EcsInstance(stack, "Other", { instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", vswitch: n.vsw, securityGroups: [n.sg], privateIp: ip }),
    ],
    ["a HaVip ipAddress", "stack/Vip2", (stack: TerraformStack, n: Net, ip: string) => new HaVip(stack, "Vip2", { vswitch: n.vsw, ipAddress: ip })],
  ])("%s", (_name, owner, add) => {
    const text = first();
    const old = readLock().allocations["stack/Old#primary"].address;
    const app = program((stack, n) => {
      nic(stack, "Old", n);
      ecs(stack, "Server", n.vsw, [n.sg]);
      new HaVip(stack, "Vip", { vswitch: n.vsw });
      add(stack, n, old);
    });
    const f = only(inspect(app), "ENI-IP-LOCKED");
    expect(f).toMatchObject({ severity: "error", path: owner });
    expect(f.message).toContain(`${old} is the address the lock file gives to stack/Old#primary`);
    expect(f.message).toContain("taking it would move stack/Old to a new address");
    expect(f.fix).toContain("remove stack/Old (or its address) and apply that first");
    // the locked construct keeps its address; nothing is written
    expect(planned(app, "stack/Old#primary")).toBe(old);
    expect(() => app.synth()).toThrow(/ENI-IP-LOCKED/);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(text);
  });

  test("accepting neighbour: an explicit address no construct holds is fine, and is recorded in the lock", () => {
    first();
    const app = program((stack, n) => {
      nic(stack, "Old", n);
      ecs(stack, "Server", n.vsw, [n.sg]);
      new HaVip(stack, "Vip", { vswitch: n.vsw });
      nic(stack, "Eni", n, { primaryIp: "10.0.1.200" });
    });
    expect(inspect(app).errors).toEqual([]);
    app.synth();
    expect(readLock().allocations["stack/Eni#primary"]).toEqual({ pool: "stack/Vsw", address: "10.0.1.200" });
  });
});

describe("usedIps listing the program's own addresses", () => {
  function shared(stack: TerraformStack, usedIps: string[] | undefined): { vsw: IVSwitch; sg: ISecurityGroup } {
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
    const vsw = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-1", vpc, type: "normal" });
    return { vsw, sg };
  }

  test("the constructs keep their locked addresses (usedIps read from the cloud list them); an outside address listed is still skipped", () => {
    const build = (usedIps: string[] | undefined) =>
      ((app: App) => {
        const stack = testStack(app);
        const { vsw, sg } = shared(stack, usedIps);
        new NetworkInterface(stack, "A", { vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: 1 });
        new NetworkInterface(stack, "B", { vswitch: vsw, securityGroups: [sg], primaryIp: "10.0.1.50" });
        return app;
      })(testApp({ lockFile }));
    const before = build([]);
    before.synth();
    const a = planned(before, "stack/A#primary")!;
    const a2 = planned(before, "stack/A#secondary-1")!;
    // as DescribeNetworkInterfaces would report after apply: the program's own addresses plus one outside use
    const after = build([a, a2, "10.0.1.50", "10.0.1.3"]);
    expect(inspect(after).errors).toEqual([]);
    expect(planned(after, "stack/A#primary")).toBe(a);
    expect(planned(after, "stack/A#secondary-1")).toBe(a2);
    expect(planned(after, "stack/B#primary")).toBe("10.0.1.50");
    expect(inspect(after).lockChanges).toEqual([]);
    // a new construct skips all of them
    const more = build([a, a2, "10.0.1.50", "10.0.1.3"]);
    const stack = more.node.findChild("stack") as TerraformStack;
    new NetworkInterface(stack, "C", { vswitch: stack.node.findChild("Vsw") as IVSwitch, securityGroups: [stack.node.findChild("Sg") as unknown as ISecurityGroup] });
    expect(planned(more, "stack/C#primary")).toBe("10.0.1.4");
  });

  test("failing neighbour: an explicit address in usedIps that the lock does not account for is ENI-IP-USED", () => {
    const app = testApp({ lockFile });
    const stack = testStack(app);
    const { vsw, sg } = shared(stack, ["10.0.1.50"]);
    new NetworkInterface(stack, "B", { vswitch: vsw, securityGroups: [sg], primaryIp: "10.0.1.50" });
    expect(only(inspect(app), "ENI-IP-USED").path).toBe("stack/B");
  });
});

describe("addresses freed by deleted constructs are held", () => {
  test("a new construct in the same change does not get a deleted construct's address; the lock keeps it as released", () => {
    const app = program((stack, n) => {
      nic(stack, "Old", n);
      nic(stack, "Keep", n);
    });
    app.synth();
    const old = readLock().allocations["stack/Old#primary"].address;
    const next = program((stack, n) => {
      nic(stack, "Keep", n);
      nic(stack, "New", n);
    });
    expect(inspect(next).errors).toEqual([]);
    expect(planned(next, "stack/New#primary")).not.toBe(old);
    expect(withRule(inspect(next), "ENI-LOCK-REUSE")).toEqual([]);
    next.synth();
    expect(readLock().released).toEqual([{ pool: "stack/Vsw", address: old, key: "stack/Old#primary" }]);
    // it comes back: it gets its old address again
    const back = program((stack, n) => {
      nic(stack, "Keep", n);
      nic(stack, "New", n);
      nic(stack, "Old", n);
    });
    expect(planned(back, "stack/Old#primary")).toBe(old);
  });

  test("when nothing else is free, the held address is reused with a warning naming the construct that held it", () => {
    const tiny = (stack: TerraformStack, n: Net) => new VSwitch(stack, "Tiny", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.9.0/29" });
    const app = program((stack, n) => {
      const vswitch = tiny(stack, n);
      new NetworkInterface(stack, "Old", { vswitch, securityGroups: [n.sg], secondaryPrivateIpCount: 3 });
    });
    app.synth();
    const next = program((stack, n) => {
      const vswitch = tiny(stack, n);
      new NetworkInterface(stack, "New", { vswitch, securityGroups: [n.sg] });
    });
    const f = only(inspect(next), "ENI-LOCK-REUSE");
    expect(f).toMatchObject({ severity: "warning", path: "stack/New" });
    expect(f.message).toContain("stack/New#primary gets 10.0.9.1 in vSwitch stack/Tiny, which the lock file holds for stack/Old#primary (no other address of the vSwitch is free)");
    expect(f.message).toContain("stack/Old#primary must be destroyed first");
    expect(f.fix).toContain("Apply the removal of stack/Old#primary first");
  });
});

describe("every change to an existing entry is named with its key and its reason", () => {
  test("a hand-edited reserved address is re-planned with ENI-LOCK-REPAIRED, in the summary and in eni-plan.json", () => {
    const app = program((stack, n) => nic(stack, "Eni", n));
    app.synth();
    const lock = readLock();
    lock.allocations["stack/Eni#primary"].address = "10.0.1.255";
    fs.writeFileSync(lockFile, JSON.stringify(lock));
    let next!: App;
    const text = captureStdout(() => {
      next = program((stack, n) => nic(stack, "Eni", n), { quiet: false });
      next.synth();
    });
    const f = only(inspect(next), "ENI-LOCK-REPAIRED");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Eni" });
    expect(f.message).toContain("stack/Eni#primary moves from 10.0.1.255 in stack/Vsw to 10.0.1.1 in stack/Vsw: the locked address 10.0.1.255 is one of the 4 addresses reserved");
    expect(text).toContain("lock: stack/Eni#primary moved 10.0.1.255 in stack/Vsw -> 10.0.1.1 in stack/Vsw (the locked address 10.0.1.255 is one of the 4 addresses reserved");
    const report = JSON.parse(fs.readFileSync(path.join(next.outdir, "stacks", "stack", PLAN_REPORT_FILE), "utf8"));
    expect(report.lockChanges).toEqual([expect.objectContaining({ key: "stack/Eni#primary", kind: "moved", before: "10.0.1.255 in stack/Vsw", after: "10.0.1.1 in stack/Vsw", repaired: true })]);
    // the written lock has the repaired address
    expect(readLock().allocations["stack/Eni#primary"].address).toBe("10.0.1.1");
  });

  test("a changed vSwitch CIDR moves the entry with the reason, and frozen names it", () => {
    const build = (cidr: string, options: EniPlannerOptions = {}) => {
      const app = testApp({ lockFile, ...options });
      const stack = testStack(app);
      const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
      const vswitch = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: cidr });
      const sg = new SecurityGroup(stack, "Sg", { vpc });
      new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      return app;
    };
    build("10.0.1.0/24").synth();
    const frozen = build("10.0.2.0/24", { frozen: true });
    const f = only(inspect(frozen), "ENI-LOCK-FROZEN");
    expect(f.path).toBe("stack/Eni");
    expect(f.message).toContain(
      "stack/Eni#primary moved 10.0.1.1 in stack/Vsw -> 10.0.2.1 in stack/Vsw (the locked address 10.0.1.1 is outside vSwitch stack/Vsw (10.0.2.0/24); did its CIDR change?)",
    );
  });
});

describe("writing the lock file", () => {
  test("a read-only lock file that would change is ENI-LOCK-READONLY and is not replaced", () => {
    program((stack, n) => nic(stack, "A", n)).synth();
    const text = fs.readFileSync(lockFile, "utf8");
    fs.chmodSync(lockFile, 0o444);
    const app = program((stack, n) => (nic(stack, "A", n), nic(stack, "B", n)));
    const f = only(inspect(app), "ENI-LOCK-READONLY");
    expect(f).toMatchObject({ severity: "error", path: lockFile });
    expect(f.message).toContain("is read-only (mode 444); it is not replaced");
    expect(() => app.synth()).toThrow(/ENI-LOCK-READONLY/);
    expect(fs.readFileSync(lockFile, "utf8")).toBe(text);
    expect(fs.statSync(lockFile).mode & 0o777).toBe(0o444);
  });

  test("ENI-LOCK-READONLY takes its place in the one finding order: after the (suppressed) errors of upstream layers", () => {
    program((stack, n) => nic(stack, "A", n)).synth();
    fs.chmodSync(lockFile, 0o444);
    const app = program((stack, n) => {
      nic(stack, "A", n);
      const vm = ecs(stack, "Vm", n.vsw, [n.sg], "ecs.t6-c1m1.large"); // no secondary-ENI hot swap
      nic(stack, "B", n, { instance: vm });
      EniSuppressions.addSuppressions(vm, [{ id: "ENI-HOTPLUG", reason: "Stopped before every apply (OPS-12)" }]);
    });
    const errors = inspect(app).findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => `${f.ruleId}${f.suppressed ? " (suppressed)" : ""}`)).toEqual(["ENI-HOTPLUG (suppressed)", "ENI-LOCK-READONLY"]);
  });

  test("accepting neighbour: a read-only lock file that matches the program is fine", () => {
    program((stack, n) => nic(stack, "A", n)).synth();
    fs.chmodSync(lockFile, 0o444);
    const app = program((stack, n) => nic(stack, "A", n));
    expect(inspect(app).errors).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test("nothing is written until App.synth completes: planning (or Testing.synth) alone writes nothing", () => {
    const app = program((stack, n) => nic(stack, "A", n));
    expect(inspect(app).errors).toEqual([]);
    Testing.synth(app.node.findChild("stack") as TerraformStack, true);
    expect(fs.existsSync(lockFile)).toBe(false);
    app.synth();
    expect(Object.keys(readLock().allocations)).toEqual(["stack/A#primary"]);
  });

  test("when synth fails after planning (cdktf's provider-presence check), the lock file is not written and nothing says 'commit it'", () => {
    let error: unknown;
    const out = captureStdout(() => {
      const app = testApp({ lockFile, quiet: false });
      const stack = new TerraformStack(app, "stack"); // alicloud resources, but no provider block
      const n = net(stack);
      nic(stack, "A", n);
      try {
        app.synth();
      } catch (e) {
        error = e;
      }
      // the planner ran (it planned the address) before cdktf failed
      expect(EniPlanner.of(app).inspect().addresses.get("stack/A#primary")).toBe("10.0.1.1");
    });
    expect(String(error)).toMatch(/provider/i);
    expect(fs.existsSync(lockFile)).toBe(false);
    expect(out).not.toContain("commit it");
  });

  test("when synth succeeds, the lock is written and the planner says to commit it", () => {
    const out = captureStdout(() => program((stack, n) => nic(stack, "A", n), { quiet: false }).synth());
    expect(fs.existsSync(lockFile)).toBe(true);
    expect(out).toMatch(/Lock file .*eni-allocations\.lock\.json updated \(1 change\(s\)\): commit it\./);
  });

  test("a version 1 lock file is read; its missing explicit entries are not a change under frozen", () => {
    fs.writeFileSync(lockFile, JSON.stringify({ version: 1, allocations: { "stack/A#primary": { pool: "stack/Vsw", address: "10.0.1.1" } } }));
    const build = (options: EniPlannerOptions) => program((stack, n) => (nic(stack, "A", n), nic(stack, "B", n, { primaryIp: "10.0.1.9" })), options);
    const frozen = build({ frozen: true });
    expect(inspect(frozen).errors).toEqual([]);
    frozen.synth();
    expect(readLock().version).toBe(1); // frozen never writes
    build({}).synth();
    expect(readLock()).toMatchObject({ version: 2, allocations: { "stack/A#primary": { address: "10.0.1.1" }, "stack/B#primary": { address: "10.0.1.9" } }, released: [] });
  });
});
