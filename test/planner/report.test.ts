import * as fs from "fs";
import * as path from "path";
import { Eip, EniPlanner, EniSuppressions, HaVip, SecurityGroup } from "../../src";
import { App } from "../../src/cdktf";
import { PLAN_REPORT_FILE, StackPlanReport } from "../../src/planner";
import { resources, testApp, testStack } from "../support/synth";
import { ecs, net, nic } from "./planner-helpers";

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
    expect(rb.findings).toEqual([
      expect.objectContaining({ ruleId: "ENI-SEC-SRC-DEST-CHECK", path: "b/EniB", suppressed: { reason: "VPN gateway forwarding traffic", by: "b/EniB" } }),
    ]);
    expect(rb.vswitches).toEqual([{ path: "b/Vsw", cidr: "10.0.1.0/24", zone: "cn-shanghai-b", usable: 252, used: 2, free: 250, held: 0, usedIpsStated: true }]);
  });

  test("the report is deterministic (byte-identical across two synths)", () => {
    const build = () => {
      const app = testApp();
      const stack = testStack(app);
      const n = net(stack);
      const web = ecs(stack, "Web", n.vsw, [n.sg]);
      nic(stack, "B", n, { instance: web, secondaryPrivateIpCount: 1 });
      nic(stack, "A", n, { instance: web });
      app.synth();
      return fs.readFileSync(path.join(app.outdir, "stacks", "stack", PLAN_REPORT_FILE), "utf8");
    };
    expect(build()).toBe(build());
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
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: any) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    return writes.join("");
  }

  test("under quiet the warning is printed in the finding format (with its fix), the summary is not", () => {
    const out = printed({ quiet: true });
    expect(out).toContain("[ENI-SEC-SG-NO-RULES] (warning) stack/Eni\n  none of the ENI's security groups (stack/Empty) has any rule");
    expect(out).toContain("\n  Fix: Add ingress rules");
    expect(out).not.toContain("ENI planner:");
  });

  test("without quiet the summary comes first, then the warning", () => {
    const out = printed({ quiet: false });
    expect(out).toMatch(/^ENI planner: 1 stack\(s\), 0 instance\(s\), 1 ENI\(s\), 1 address\(es\) planned; 0 error\(s\), 1 warning\(s\), 0 suppressed\. No lock file\.\n[\s\S]*\[ENI-SEC-SG-NO-RULES\] \(warning\) stack\/Eni/);
  });

  test("a suppressed warning is not printed; Testing.app() apps print no warnings by default", () => {
    expect(printed({ quiet: true, suppress: true })).toBe("");
    const app = testApp({ quiet: true });
    expect(EniPlanner.of(app).options.printWarnings).toBe(false);
  });
});
