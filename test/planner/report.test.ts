import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Eip, EniPlanner, EniSuppressions, FailoverEni, HaVip, SecurityGroup } from "../../src";
import { App } from "../../src/cdktf";
import { PLAN_MARKDOWN_FILE, PLAN_REPORT_FILE, renderPlanMarkdown, StackPlanReport } from "../../src/planner";
import { resources, testApp, testStack } from "../support/synth";
import { ecs, net, nic } from "./planner-helpers";
import { captureStdout } from "../support/stdout";

const readJson = (app: App, stack: string, file: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", stack, file), "utf8"));
const reportOf = (app: App, stack: string): StackPlanReport & Record<string, any> => readJson(app, stack, PLAN_REPORT_FILE);

describe("plan report eni-plan.json", () => {
  test("exists after app.synth() with the ENIs, addresses, findings and vSwitch utilisation, matching cdk.tf.json", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg], "ecs.g7.large", 1);
    const e = nic(stack, "Nat", n, { instance: web, secondaryPrivateIpCount: 2, sourceDestCheck: false });
    new Eip(stack, "Eip").associate(e, e.secondaryPrivateIps[1]);
    new HaVip(stack, "Vip", { vswitch: n.vsw }).attach(e);
    app.synth();

    const file = path.join(app.outdir, "stacks", "stack", PLAN_REPORT_FILE);
    expect(fs.existsSync(file)).toBe(true);
    const report = reportOf(app, "stack");
    expect(fs.readFileSync(file, "utf8")).toBe(`${JSON.stringify(report)}\n`); // compact JSON and one newline
    const tf = readJson(app, "stack", "cdk.tf.json");
    const tfEni = resources(tf, "alicloud_ecs_network_interface")[0][1];
    const tfInst = resources(tf, "alicloud_instance")[0][1];
    const tfVip = resources(tf, "alicloud_vpc_ha_vip")[0][1];

    expect(report.version).toBe(1);
    expect(report.stack).toBe("stack");
    expect(report.region).toBe("cn-hangzhou");
    expect(report.summary).toEqual({ enis: 1, instances: 1, addresses: 5, errors: 0, warnings: 1, suppressed: 0 });

    expect(report.instances).toEqual([
      {
        path: "stack/Web",
        imported: false,
        instanceType: "ecs.g7.large",
        vswitch: "stack/Vsw",
        zone: "cn-hangzhou-h",
        securityGroups: ["stack/Sg"],
        primaryIp: tfInst.private_ip,
        secondaryIps: [{ role: "secondary-1", address: tfInst.secondary_private_ips[0] }],
        eips: [],
      },
    ]);
    expect(report.enis).toEqual([
      {
        path: "stack/Nat",
        vswitch: "stack/Vsw",
        vpc: "stack/Vpc",
        zone: "cn-hangzhou-h",
        securityGroups: ["stack/Sg"],
        management: false,
        primaryIp: tfEni.primary_ip_address,
        secondaryIps: [
          { role: "secondary-1", address: tfEni.private_ip_addresses[0] },
          { role: "secondary-2", address: tfEni.private_ip_addresses[1] },
        ],
        instances: ["stack/Web"],
        switchable: false,
        activeInstance: "stack/Web",
        activeChosenBy: null,
        eips: [{ path: "stack/Eip", privateIp: tfEni.private_ip_addresses[1] }],
      },
    ]);
    expect(report.havips).toEqual([{ path: "stack/Vip", vswitch: "stack/Vsw", ip: tfVip.ip_address, attachedTo: ["stack/Nat"] }]);
    expect(report.vswitches).toEqual([{ path: "stack/Vsw", cidr: "10.0.1.0/24", zone: "cn-hangzhou-h", usable: 252, used: 6, free: 246, held: 0, usedIpsStated: true }]);

    const ids = report.findings.map((f: any) => `${f.severity} ${f.ruleId} ${f.path}`);
    expect(ids).toEqual(["warning ENI-SEC-SRC-DEST-CHECK stack/Nat", "info ENI-SAME-SUBNET stack/Web"]);
    expect(report.findings[0].message).toContain("source_dest_check is disabled");
    expect(report.findings[0].fix).toBeTruthy();
  });

  test("each stack gets its own report with only its own ENIs and findings; suppressed findings are kept and counted", () => {
    const app = testApp();
    const a = testStack(app, "a", "cn-hangzhou");
    const b = testStack(app, "b", "cn-shanghai");
    const na = net(a);
    const nb = net(b, "cn-shanghai-b");
    nic(a, "EniA", na, { sourceDestCheck: false });
    const eb = nic(b, "EniB", nb, { sourceDestCheck: false });
    nic(b, "EniB2", nb);
    EniSuppressions.addSuppressions(eb, [{ id: "ENI-SEC-SRC-DEST-CHECK", reason: "VPN gateway forwarding traffic" }]);
    app.synth();

    const ra = reportOf(app, "a");
    const rb = reportOf(app, "b");
    expect(ra.region).toBe("cn-hangzhou");
    expect(rb.region).toBe("cn-shanghai");
    expect(ra.enis.map((e: any) => e.path)).toEqual(["a/EniA"]);
    expect(rb.enis.map((e: any) => e.path)).toEqual(["b/EniB", "b/EniB2"]);
    expect(ra.findings.map((f: any) => f.path)).toEqual(["a/EniA"]);
    expect(ra.summary).toMatchObject({ enis: 1, warnings: 1, suppressed: 0 });
    expect(rb.summary).toMatchObject({ enis: 2, addresses: 2, warnings: 0, suppressed: 1 });
    expect(rb.findings).toEqual([expect.objectContaining({ ruleId: "ENI-SEC-SRC-DEST-CHECK", path: "b/EniB", suppressed: { reason: "VPN gateway forwarding traffic", by: "b/EniB" } })]);
    expect(rb.vswitches).toEqual([{ path: "b/Vsw", cidr: "10.0.1.0/24", zone: "cn-shanghai-b", usable: 252, used: 2, free: 250, held: 0, usedIpsStated: true }]);
  });

  test("the report and its Markdown are deterministic (byte-identical across two synths)", () => {
    const build = () => {
      const app = testApp();
      const stack = testStack(app);
      const n = net(stack);
      const web = ecs(stack, "Web", n.vsw, [n.sg]);
      nic(stack, "B", n, { instance: web, secondaryPrivateIpCount: 1 });
      nic(stack, "A", n, { instance: web });
      app.synth();
      return [PLAN_REPORT_FILE, PLAN_MARKDOWN_FILE].map((f) => fs.readFileSync(path.join(app.outdir, "stacks", "stack", f), "utf8"));
    };
    expect(build()).toEqual(build());
  });

  test("eni-plan.md is written beside eni-plan.json, rendered from exactly that report", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    nic(stack, "Eni", n, { instance: web, secondaryPrivateIpCount: 1 });
    app.synth();
    const md = fs.readFileSync(path.join(app.outdir, "stacks", "stack", PLAN_MARKDOWN_FILE), "utf8");
    expect(md).toBe(renderPlanMarkdown(reportOf(app, "stack")));
    expect(md).toContain("```mermaid\nflowchart LR\n");
    expect(md).toContain("inst_0 --- eni_0");
    expect(md).toContain("None: no lock-file entry of this stack changed."); // testApp() keeps no lock file
  });

  test("a failover ENI's active instance is the variable's default; with self-managed failover it is unknown", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = ecs(stack, "A", n.vsw, [n.sg]);
    const b = ecs(stack, "B", n.vsw, [n.sg]);
    new FailoverEni(stack, "Fo", { vswitch: n.vsw, securityGroups: [n.sg], instances: [a, b], variableName: "fo_active" });
    new FailoverEni(stack, "Self", { vswitch: n.vsw, securityGroups: [n.sg], instances: [b, a], selfManagedFailover: true });
    app.synth();
    const enis = reportOf(app, "stack").enis.map((e) => [e.path, e.instances, e.switchable, e.activeInstance, e.activeChosenBy]);
    expect(enis).toEqual([
      ["stack/Fo/Eni", ["stack/A", "stack/B"], true, "stack/A", "default of var.fo_active"],
      ["stack/Self/Eni", ["stack/B", "stack/A"], true, null, null],
    ]);
  });

  describe("lock changes of this synth", () => {
    const dirs: string[] = [];
    afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    /** Two stacks a and b, each with one ENI (2 secondary IPs), planned against `lock` (entries by key). */
    function synthWith(lock: object | undefined) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-lock-"));
      dirs.push(dir);
      const lockFile = path.join(dir, "eni-allocations.lock.json");
      if (lock) fs.writeFileSync(lockFile, JSON.stringify(lock));
      const app = testApp({ lockFile, frozen: false });
      for (const id of ["a", "b"]) {
        const stack = testStack(app, id);
        nic(stack, "Eni", net(stack), { secondaryPrivateIpCount: 2 });
      }
      app.synth();
      return { app, written: JSON.parse(fs.readFileSync(lockFile, "utf8")) };
    }

    test("the first synth adds every address, in each stack's own report and table; the next one changes nothing", () => {
      const first = synthWith(undefined);
      const ra = reportOf(first.app, "a");
      expect(ra.lockChanges.map((c) => [c.kind, c.key, c.after])).toEqual([
        ["added", "a/Eni#primary", "10.0.1.1 in a/Vsw"],
        ["added", "a/Eni#secondary-1", "10.0.1.2 in a/Vsw"],
        ["added", "a/Eni#secondary-2", "10.0.1.3 in a/Vsw"],
      ]);
      expect(reportOf(first.app, "b").lockChanges.map((c) => c.key)).toEqual(["b/Eni#primary", "b/Eni#secondary-1", "b/Eni#secondary-2"]);
      const md = fs.readFileSync(path.join(first.app.outdir, "stacks", "a", PLAN_MARKDOWN_FILE), "utf8");
      expect(md).toContain("3 added, 0 moved, 0 dropped.");
      expect(md).toContain("| added | a/Eni\\#primary | - | 10.0.1.1 in a/Vsw |");
      const again = synthWith(first.written);
      expect(reportOf(again.app, "a").lockChanges).toEqual([]);
      expect(fs.readFileSync(path.join(again.app.outdir, "stacks", "a", PLAN_MARKDOWN_FILE), "utf8")).toContain("None: no lock-file entry of this stack changed.");
    });
  });
});

describe("terminal output: quiet hides the summary, never warnings", () => {
  /** Synthesizes an app whose one ENI has a group without rules (ENI-SEC-SG-NO-RULES, a warning); returns what it printed. */
  function printed(options: { quiet: boolean; printWarnings?: boolean; suppress?: boolean }): string {
    const app = testApp({ quiet: options.quiet, printWarnings: options.printWarnings ?? true });
    const stack = testStack(app);
    const n = net(stack);
    const empty = new SecurityGroup(stack, "Empty", { vpc: n.vpc });
    const e = nic(stack, "Eni", n, { securityGroups: [empty] });
    if (options.suppress) EniSuppressions.addSuppressions(e, [{ id: "ENI-SEC-SG-NO-RULES", reason: "receives nothing on purpose (sink)" }]);
    return captureStdout(() => app.synth());
  }

  test("under quiet the warning is printed in the finding format (with its fix), the summary is not", () => {
    const out = printed({ quiet: true });
    expect(out).toContain("[ENI-SEC-SG-NO-RULES] (warning) stack/Eni\n  none of the ENI's security groups (stack/Empty) has any rule");
    expect(out).toContain("\n  Fix: Add ingress rules");
    expect(out).not.toContain("ENI planner:");
  });

  test("without quiet the summary comes first, then the warning", () => {
    const out = printed({ quiet: false });
    expect(out).toMatch(
      /^ENI planner: 1 stack\(s\), 0 instance\(s\), 1 ENI\(s\), 1 address\(es\) planned; 0 error\(s\), 1 warning\(s\), 0 suppressed\. No lock file\.\n[\s\S]*\[ENI-SEC-SG-NO-RULES\] \(warning\) stack\/Eni/,
    );
  });

  test("a suppressed warning is not printed; Testing.app() apps print no warnings by default", () => {
    expect(printed({ quiet: true, suppress: true })).toBe("");
    const app = testApp({ quiet: true });
    expect(EniPlanner.of(app).options.printWarnings).toBe(false);
  });
});
