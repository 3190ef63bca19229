import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build as dualStack } from "../../examples/dual-stack";
import { build as failover } from "../../examples/failover";
import { build as haCluster } from "../../examples/ha-cluster";
import { build as multiIp } from "../../examples/multi-ip";
import { build as multiPublicIp } from "../../examples/multi-public-ip";
import { build as prefixes } from "../../examples/prefixes";
import { build as segmented } from "../../examples/segmented";
import { EcsInstance, EniSuppressions, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src";
import { checkTerraform } from "../../src/cli/check";
import { parseCli, runCli } from "../../src/cli/run";
import type { Finding } from "../../src/planner";
import { EniPlanner, renderPlanMarkdown } from "../../src/planner";
import * as alicloud from "../../src/provider";
import { buildImportedEniStack } from "../support/imported-eni";
import { testApp, testStack } from "../support/synth";
import { ecs, net, nic } from "../planner/planner-helpers";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "test/fixtures/check");
const comparable = (fs: readonly Finding[]) => fs.map((f) => ({ ruleId: f.ruleId, severity: f.severity, path: f.path, message: f.message, fix: f.fix, suppressed: f.suppressed }));

/** Runs the CLI in-process; returns exit code and output. */
function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runCli(parseCli(args), { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) });
  return { code, out, err };
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eni-check-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("check on the JSON synth wrote gives the findings synth gave", () => {
  test("every example (eight stacks, two suppressions, imports shared by two stacks, IPv6 and prefixes)", () => {
    const app = testApp();
    for (const build of [multiIp, multiPublicIp, failover, haCluster, segmented, dualStack, prefixes]) build(app);
    app.synth();
    const synth = EniPlanner.of(app).inspect();
    const checked = checkTerraform([app.outdir]);
    expect(comparable(checked.plan.findings)).toEqual(comparable(synth.findings));
    expect(checked.plan.findings.filter((f) => f.suppressed)).toHaveLength(2);
    expect(checked.model.enis.map((e) => e.path)).toEqual(
      EniPlanner.of(app)
        .model()
        .enis.map((e) => e.path),
    );
    // IPv6 addresses, prefixes and reservations travel in the JSON (and the imported VPC's IPv6 block in the intent).
    const family = (m: typeof checked.model) => ({
      ipv6: [...m.instances, ...m.enis].map((o) => [o.path, (o.ipv6Ips ?? []).length]),
      prefixes: m.enis.map((e) => [e.path, (e.ipv4Prefixes ?? []).length]),
      reservations: m.vswitches.map((v) => [v.path, (v.reservations ?? []).map((r) => r.path)]),
      vswitchIpv6: m.vswitches.map((v) => [v.path, v.ipv6?.cidr?.toString()]),
    });
    expect(family(checked.model)).toEqual(family(EniPlanner.of(app).model()));
    expect(checked.model.vswitches.find((v) => v.path === "dual-stack/web")?.ipv6?.cidr?.toString()).toBe("2408:4005:3a6:a101::/64");
    expect(checked.model.enis.filter((e) => e.path.startsWith("prefixes/")).flatMap((e) => e.ipv4Prefixes ?? [])).toHaveLength(19);
  });

  test("imported ENIs with EIPs (NAT, an imported EIP, cut-through on a token id) and HaVips (members, standbys on a new and an imported HaVip)", () => {
    const app = testApp();
    buildImportedEniStack(app);
    app.synth();
    const synth = EniPlanner.of(app).inspect();
    expect(synth.findings.map((f) => `${f.ruleId} ${f.path}${f.suppressed ? " (suppressed)" : ""}`).sort()).toEqual([
      "ENI-EIP-CUT-THROUGH-EXISTING imported/Cut",
      "ENI-EIP-CUT-THROUGH-PRIVATE imported/Cut",
      "ENI-HAVIP-STANDBY imported/OldVip",
      "ENI-HAVIP-STANDBY imported/Vip (suppressed)",
      "ENI-SAME-SUBNET imported/Vm",
    ]);
    const checked = checkTerraform([app.outdir]);
    expect(comparable(checked.plan.findings)).toEqual(comparable(synth.findings));
    // Every association and attachment resolved to the imported ENIs, in both models.
    const links = (m: typeof checked.model) => ({
      eips: m.eips.map((e) => [e.path, e.target?.path, e.mode, typeof e.privateIp === "object" && "key" in e.privateIp ? e.privateIp.key : e.privateIp]),
      havips: m.havips.map((h) => [h.path, h.attachedTo.map((t) => t.path), h.unreachableStandbys.map((t) => t.path)]),
      attachments: m.enis.map((e) => [e.path, e.attachments.map((a) => [a.candidates.map((c) => c.path), a.dependsOn ?? []])]),
      notes: m.notes,
    });
    expect(links(checked.model)).toEqual(links(EniPlanner.of(app).model()));
    expect(links(checked.model)).toEqual({
      eips: [
        ["imported/Cut", "imported/Sip", "BINDED", "imported/Sip#primary"],
        ["imported/OldEip", "imported/Existing", "NAT", "10.0.1.8"],
        ["imported/Public", "imported/Existing", "NAT", "10.0.1.7"],
        ["imported/Third", "imported/Existing", "NAT", "10.0.1.9"],
      ],
      havips: [
        ["imported/OldVip", ["imported/Sip"], ["imported/Standby"]],
        ["imported/Vip", ["imported/Existing"], ["imported/Standby"]],
      ],
      attachments: [
        ["imported/Existing", [[["imported/Vm"], []]]],
        ["imported/Sip", [[["imported/Vm"], ["imported/Cut/Association"]]]],
        ["imported/Standby", []],
      ],
      notes: [],
    });
  });

  test("L1 ENIs with literal ipv6_addresses and ipv4_prefixes are checked, at synth and by check", () => {
    const build = (ipv6: string, prefix: string) => {
      const app = testApp();
      const stack = testStack(app);
      const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-bp1l1ipv6", cidrBlock: "10.60.0.0/16", ipv6CidrBlock: "2408:4005:3a6:a100::/56" });
      const vsw = new VSwitch(stack, "Web", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.60.1.0/24", ipv6CidrBlockMask: 1 }); // 2408:4005:3a6:a101::/64
      vsw.reserveCidr("Pods", { cidrBlock: "10.60.1.64/26" });
      const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
      new EcsInstance(stack, "Vm", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [sg] });
      new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "RawV6", { vswitchId: vsw.vswitchId, securityGroupIds: [sg.securityGroupId], ipv6Addresses: [ipv6] });
      new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "RawPrefix", { vswitchId: vsw.vswitchId, securityGroupIds: [sg.securityGroupId], ipv4Prefixes: [prefix] });
      return app;
    };
    const ids = (fs: readonly Finding[]) => fs.map((f) => `${f.ruleId} ${f.path}`).sort();
    // Synth: the planner reads the L1 attributes (the planner's own JSON, before anything is written).
    const bad = EniPlanner.of(build("2408:4005:3a6:a102::5", "10.60.1.16/28")).inspect();
    expect(ids(bad.findings)).toEqual(["ENI-IPV6-OUTSIDE stack/RawV6", "ENI-PREFIX-INVALID stack/RawPrefix"]);
    expect(bad.findings.find((f) => f.ruleId === "ENI-IPV6-OUTSIDE")?.message).toContain("2408:4005:3a6:a102::5 is outside the IPv6 block of vSwitch stack/Web (2408:4005:3a6:a101::/64)");
    expect(bad.findings.find((f) => f.ruleId === "ENI-PREFIX-INVALID")?.message).toContain("10.60.1.16/28 is not inside a CIDR reservation");
    // The accepting neighbour: inside the /64 and inside the reservation; both are fixed points the plan reports.
    const app = build("2408:4005:3a6:a101::5", "10.60.1.80/28");
    app.synth();
    const good = EniPlanner.of(app).inspect();
    expect(good.findings).toEqual([]);
    expect(good.addresses.get("stack/RawV6#ipv6-1")).toBe("2408:4005:3a6:a101::5");
    expect(good.addresses.get("stack/RawPrefix#prefix-1")).toBe("10.60.1.80/28");
    const dir = path.join(app.outdir, "stacks", "stack");
    expect(checkTerraform([dir]).plan.findings).toEqual([]);
    // Check: the same violations written into the synthesized JSON give the findings synth gave.
    const file = path.join(dir, "cdk.tf.json");
    const doc = JSON.parse(fs.readFileSync(file, "utf8"));
    const byPath = (type: string, id: string) =>
      Object.values(doc.resource[type] as Record<string, { "//": { metadata: { path: string } } }>).find((r) => r["//"].metadata.path === `stack/${id}`) as Record<string, unknown>;
    byPath("alicloud_ecs_network_interface", "RawV6").ipv6_addresses = ["2408:4005:3a6:a102::5"];
    byPath("alicloud_ecs_network_interface", "RawPrefix").ipv4_prefixes = ["10.60.1.16/28"];
    fs.writeFileSync(file, JSON.stringify(doc));
    expect(comparable(checkTerraform([dir]).plan.findings)).toEqual(comparable(bad.findings));
  });

  test("an app with warnings, info findings, a suppression, an L1 resource and an override", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const empty = new SecurityGroup(stack, "Empty", { vpc: n.vpc });
    const vm = ecs(stack, "Vm", n.vsw, [n.sg]);
    nic(stack, "Same", n, { instance: vm }); // ENI-SAME-SUBNET (info)
    new NetworkInterface(stack, "NoRules", { vswitch: n.vsw, securityGroups: [empty] }); // ENI-SEC-SG-NO-RULES
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }] });
    const m = new NetworkInterface(stack, "Mgmt", { vswitch: n.vsw, securityGroups: [admin], management: true });
    EniSuppressions.addSuppressions(m, [{ id: "ENI-SEC-MGMT-OPEN", reason: "Bastion host, reviewed in NET-7" }]);
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "Raw", { vswitchId: n.vsw.vswitchId, securityGroupIds: [n.sg.securityGroupId], primaryIpAddress: "10.0.1.200" });
    nic(stack, "Moved", n).resource.addOverride("primary_ip_address", "10.0.1.150");
    app.synth();
    const synth = EniPlanner.of(app).inspect();
    expect(synth.findings.map((f) => f.ruleId).sort()).toEqual(["ENI-SAME-SUBNET", "ENI-SEC-MGMT-OPEN", "ENI-SEC-SG-NO-RULES"]);
    const checked = checkTerraform([path.join(app.outdir, "stacks", "stack")]);
    expect(comparable(checked.plan.findings)).toEqual(comparable(synth.findings));
    // The intent travelled in the JSON: the management plane and its suppression.
    expect(checked.model.enis.find((e) => e.path === "stack/Mgmt")?.management).toBe(true);
  });
});

describe("check on hand-written Terraform JSON", () => {
  test("a CIDR reservation, ENI prefixes and IPv6 counts written by hand", () => {
    const dir = path.join(tmp, "prefix-team");
    fs.mkdirSync(dir);
    const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, "hcl-clean", "main.tf.json"), "utf8"));
    doc.resource.alicloud_vpc_vswitch_cidr_reservation = {
      pods: { vswitch_id: "${alicloud_vswitch.app.id}", ip_version: "IPv4", cidr_reservation_type: "Prefix", cidr_reservation_cidr: "10.0.1.128/26" },
    };
    const eni = Object.values(doc.resource.alicloud_ecs_network_interface)[0] as Record<string, unknown>;
    eni.ipv4_prefixes = ["10.0.1.144/28", "10.0.1.0/28"];
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(doc));
    const r = checkTerraform([dir]);
    expect(r.plan.errors.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([expect.stringContaining("ENI-PREFIX-INVALID: IPv4 prefix 10.0.1.0/28 is not inside a CIDR reservation")]);
    expect(r.model.vswitches[0].reservations?.map((x) => x.cidr?.toString())).toEqual(["10.0.1.128/26"]);
    // A count the cloud fills in: counted, never planned.
    eni.ipv4_prefixes = undefined;
    eni.ipv4_prefix_count = 3;
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(doc));
    const counted = checkTerraform([dir]);
    expect(counted.plan.errors).toEqual([]);
    expect(counted.model.enis[0].ipv4Prefixes?.map((s) => [s.key.split("#")[1], s.cloud])).toEqual([
      ["prefix-1", true],
      ["prefix-2", true],
      ["prefix-3", true],
    ]);
  });

  test("known violations: ENI-COUNT, ENI-IP-DUPLICATE, ENI-IP-OUTSIDE; exit 1", () => {
    const r = cli("check", path.join(FIXTURES, "hcl-team"));
    expect(r.code).toBe(1);
    expect(r.err).toBe("");
    expect(r.out).toContain("[ENI-COUNT] (error) hcl-team/alicloud_instance.web");
    expect(r.out).toContain("ecs.c6.large allows 2 ENIs per instance, primary included; this instance would have 4");
    expect(r.out).toContain("[ENI-IP-DUPLICATE] (error) hcl-team/alicloud_ecs_network_interface.b");
    expect(r.out).toContain("[ENI-IP-OUTSIDE] (error) hcl-team/alicloud_ecs_network_interface.c");
    expect(r.out).toMatch(/3 error\(s\)/);
  });

  test("root causes first: a vSwitch outside its VPC is printed before the addresses it makes wrong (output, eni-plan.json, eni-plan.md)", () => {
    const dir = path.join(tmp, "moved-vswitch");
    fs.mkdirSync(dir);
    const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, "hcl-clean", "main.tf.json"), "utf8"));
    doc.resource.alicloud_vswitch.app.cidr_block = "10.1.1.0/24"; // outside the VPC's 10.0.0.0/16; the ENI keeps 10.0.1.11
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(doc));
    const report = path.join(tmp, "report");
    const r = cli("check", dir, "--report", report);
    expect(r.code).toBe(1);
    const root = r.out.indexOf("[ENI-VSW-IN-VPC] (error) moved-vswitch/alicloud_vswitch.app");
    const dependent = r.out.indexOf("[ENI-IP-OUTSIDE] (error) moved-vswitch/alicloud_ecs_network_interface.a");
    expect(root).toBeGreaterThanOrEqual(0);
    expect(dependent).toBeGreaterThan(root); // by path alone alicloud_ecs_network_interface.a sorts first
    expect(r.out).toContain("  Fix: First fix ENI-VSW-IN-VPC on moved-vswitch/alicloud_vswitch.app, then use an address inside the vSwitch's CIDR as it ends up, or leave it out to have one planned.");
    const written = JSON.parse(fs.readFileSync(path.join(report, "moved-vswitch", "eni-plan.json"), "utf8"));
    expect(written.findings.map((f: Finding) => `${f.ruleId} ${f.path}`)).toEqual([
      "ENI-VSW-IN-VPC moved-vswitch/alicloud_vswitch.app",
      "ENI-IP-OUTSIDE moved-vswitch/alicloud_ecs_network_interface.a",
      "ENI-IP-OUTSIDE moved-vswitch/alicloud_instance.web",
      "ENI-SAME-SUBNET moved-vswitch/alicloud_instance.web",
    ]);
    const md = fs.readFileSync(path.join(report, "moved-vswitch", "eni-plan.md"), "utf8");
    expect(md.indexOf("| ENI-VSW-IN-VPC |")).toBeGreaterThan(0);
    expect(md.indexOf("| ENI-IP-OUTSIDE |")).toBeGreaterThan(md.indexOf("| ENI-VSW-IN-VPC |"));
  });

  test("the same network without the violations passes: exit 0", () => {
    const r = cli("check", path.join(FIXTURES, "hcl-clean", "main.tf.json"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("0 error(s), 0 warning(s)");
  });

  test("--suppress applies to suppressible rules only; --report writes eni-plan.json and eni-plan.md", () => {
    const report = path.join(tmp, "report");
    const r = cli("check", path.join(FIXTURES, "hcl-team"), "--suppress", "ENI-COUNT=Checked by hand: the type is being resized (OPS-9)", "--report", report);
    expect(r.code).toBe(1); // ENI-COUNT is a platform limit: not suppressible
    expect(r.out).toContain("ENI-COUNT is not suppressible");
    const written = JSON.parse(fs.readFileSync(path.join(report, "hcl-team", "eni-plan.json"), "utf8"));
    expect(written.findings.map((f: Finding) => f.ruleId)).toEqual(expect.arrayContaining(["ENI-COUNT", "ENI-IP-DUPLICATE", "ENI-IP-OUTSIDE"]));
    // eni-plan.md beside it, drawn from exactly that report.
    expect(fs.readFileSync(path.join(report, "hcl-team", "eni-plan.md"), "utf8")).toBe(renderPlanMarkdown(written));
    expect(r.out).toContain(`report: ${path.join(report, "hcl-team", "eni-plan.md")}`);
  });

  test("a suppressions file and planner options from flags or a config file", () => {
    const dir = path.join(tmp, "cfg");
    fs.mkdirSync(dir);
    // Two ENIs in one security group without rules: a warning, suppressible.
    const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, "hcl-clean", "main.tf.json"), "utf8"));
    delete doc.resource.alicloud_security_group_rule;
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(doc));
    expect(cli("check", dir).out).toContain("[ENI-SEC-SG-NO-RULES]");
    const supp = path.join(tmp, "suppressions.json");
    fs.writeFileSync(supp, JSON.stringify([{ id: "ENI-SEC-SG-NO-RULES", reason: "Rules are managed by the firewall team", path: "cfg/alicloud_ecs_network_interface.a" }]));
    const r = cli("check", dir, "--suppressions", supp);
    expect(r.out).toContain("0 warning(s), 1 suppressed");
    // Planner options: an invalid value is refused (exit 2); a config file is read.
    expect(cli("check", dir, "--option", "eniQuotaPerRegion=0").code).toBe(2);
    const config = path.join(tmp, "planner.json");
    fs.writeFileSync(config, JSON.stringify({ requireSameVSwitch: true }));
    expect(cli("check", dir, "--config", config).code).toBe(0);
  });

  test("--catalog adds instance types (a DescribeInstanceTypes response)", () => {
    const dir = path.join(tmp, "custom");
    fs.mkdirSync(dir);
    const doc = JSON.parse(fs.readFileSync(path.join(FIXTURES, "hcl-clean", "main.tf.json"), "utf8"));
    doc.resource.alicloud_instance.web.instance_type = "ecs.zz9.large";
    fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(doc));
    expect(cli("check", dir).out).toContain("ENI-TYPE-UNKNOWN");
    const cat = path.join(tmp, "types.json");
    fs.writeFileSync(cat, JSON.stringify({ InstanceTypes: { InstanceType: [{ InstanceTypeId: "ecs.zz9.large", EniQuantity: 1, EniPrivateIpAddressQuantity: 2, EniIpv6AddressQuantity: 0 }] } }));
    const r = cli("check", dir, "--catalog", cat);
    expect(r.out).not.toContain("ENI-TYPE-UNKNOWN");
    expect(r.out).toContain("[ENI-COUNT] (error) custom/alicloud_instance.web"); // 1 ENI per instance: the secondary does not fit
  });
});

describe("check on `terraform show -json` plans (made with ../shared/tfcore, committed as fixtures)", () => {
  test.each(["hcl-team", "hcl-clean"])("%s: the plan gives the findings its configuration gives", (name) => {
    const fromConfig = checkTerraform([path.join(FIXTURES, name)]);
    const fromPlan = checkTerraform([path.join(FIXTURES, "plans", `${name}.plan.json`)]);
    expect(comparable(fromPlan.plan.findings)).toEqual(comparable(fromConfig.plan.findings));
  });

  test("failover: the switchable attachment's candidates come from the plan's references", () => {
    const r = checkTerraform([path.join(FIXTURES, "plans", "failover.plan.json")]);
    expect(r.plan.errors).toEqual([]);
    const [eni] = r.model.enis;
    expect(eni.attachments).toHaveLength(1);
    expect(eni.attachments[0].switchable).toBe(true);
    expect(eni.attachments[0].candidates.map((c) => c.path).sort()).toEqual(["failover/alicloud_instance.gw-active_6297D5D9", "failover/alicloud_instance.gw-standby_F5210537"]);
    expect(eni.securityGroups.map((g) => g.path)).toEqual(["failover/alicloud_security_group.gw-sg_97B080F3"]);
  });
});

describe("check --plan: a plan read with the configuration it was made from (intent from cdk.tf.json, values from the plan)", () => {
  const PLANS = path.join(FIXTURES, "plans");
  /** The failover example synthesized; returns its stack folder (the configuration the committed plans were made from). */
  const failoverStack = (): string => {
    const app = testApp();
    failover(app);
    app.synth();
    return path.join(app.outdir, "stacks", "failover");
  };
  const failoverEni = (report: string) => JSON.parse(fs.readFileSync(path.join(report, "failover", "eni-plan.json"), "utf8")).enis.find((e: { path: string }) => e.path === "failover/gateway/Eni");
  const failoverRow = (report: string) =>
    fs
      .readFileSync(path.join(report, "failover", "eni-plan.md"), "utf8")
      .split("\n")
      .find((l) => l.startsWith("| gateway/Eni |"));
  /** The default plan with var.active_gateway set to `value` (Terraform itself refuses such a plan: the variable's validation). */
  const editedPlan = (edit: (plan: any) => void): string => {
    const plan = JSON.parse(fs.readFileSync(path.join(PLANS, "failover-default.plan.json"), "utf8"));
    edit(plan);
    const file = path.join(tmp, "edited.plan.json");
    fs.writeFileSync(file, JSON.stringify(plan));
    return file;
  };

  test.each([
    ["failover-default", "failover/gw-active", "| gateway/Eni | gw-active (active), gw-standby | gw-active | value of var.active\\_gateway in the plan |"],
    ["failover-standby", "failover/gw-standby", "| gateway/Eni | gw-active, gw-standby (active) | gw-standby | value of var.active\\_gateway in the plan |"],
  ])("%s: the active candidate is the one the plan's value of var.active_gateway selects", (name, active, row) => {
    const dir = failoverStack();
    const plan = path.join(PLANS, `${name}.plan.json`);
    expect(JSON.parse(fs.readFileSync(plan, "utf8")).variables.active_gateway.value).toBe(active.split("/")[1]);
    const report = path.join(tmp, "report");
    const r = cli("check", dir, "--plan", plan, "--report", report);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(failoverEni(report)).toMatchObject({
      instances: ["failover/gw-active", "failover/gw-standby"],
      switchable: true,
      activeInstance: active,
      activeChosenBy: "value of var.active_gateway in the plan",
    });
    expect(failoverRow(report)).toBe(row);
    expect(fs.readFileSync(path.join(report, "failover", "eni-plan.md"), "utf8")).toContain(`eni_0 == "active: value of var.active_gateway in the plan" ==> inst_${active.endsWith("active") ? 0 : 1}`);
    // The intent came from the configuration: construct paths, and the findings the configuration alone gives.
    const withPlan = checkTerraform([dir], { plans: [plan] });
    expect(comparable(withPlan.plan.findings)).toEqual(comparable(checkTerraform([dir]).plan.findings));
    expect(withPlan.model.enis.map((e) => e.path)).toEqual(["failover/gateway/Eni"]);
  });

  test("the neighbour without --plan: the configuration's default, as synth says", () => {
    const report = path.join(tmp, "report");
    expect(cli("check", failoverStack(), "--report", report).code).toBe(0);
    expect(failoverEni(report)).toMatchObject({ activeInstance: "failover/gw-active", activeChosenBy: "default of var.active_gateway" });
    expect(failoverRow(report)).toBe("| gateway/Eni | gw-active (active), gw-standby | gw-active | default of var.active\\_gateway |");
  });

  test("a value that selects no candidate is ENI-FAILOVER-VALUE (exit 1); the report names no active candidate", () => {
    const report = path.join(tmp, "report");
    const r = cli(
      "check",
      failoverStack(),
      "--plan",
      editedPlan((p) => (p.variables.active_gateway.value = "gw-old")),
      "--report",
      report,
    );
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '[ENI-FAILOVER-VALUE] (error) failover/gateway/Eni\n  var.active_gateway is "gw-old" in the plan, which selects none of the candidates of attachment failover/gateway/Eni/Attachment (failover/gw-active, failover/gw-standby; keys gw-active, gw-standby).\n  Fix: Plan again from this configuration with -var active_gateway=<one of gw-active, gw-standby>, and check that plan.',
    );
    expect(r.out).toContain("ENI planner: 1 error.");
    expect(failoverEni(report)).toMatchObject({ activeInstance: null, activeChosenBy: "value of var.active_gateway in the plan" });
    expect(failoverRow(report)).toBe("| gateway/Eni | gw-active, gw-standby | unknown | value of var.active\\_gateway in the plan |");
  });

  test("self-managed failover (ignore_changes on instance_id) keeps what the configuration says; an expression that is not a map indexed by a variable gives no active candidate", () => {
    const dir = failoverStack();
    const file = path.join(dir, "cdk.tf.json");
    const original = fs.readFileSync(file, "utf8");
    const edit = (change: (attachment: any, intent: any) => void) => {
      const doc = JSON.parse(original);
      const attachment = Object.values(doc.resource.alicloud_ecs_network_interface_attachment)[0];
      change(attachment, doc["//"]["cdktf-alicloud-eni"].resources["failover/gateway/Eni/Attachment"]);
      fs.writeFileSync(file, JSON.stringify(doc));
    };
    const plan = path.join(PLANS, "failover-standby.plan.json");
    // What FailoverEni writes with selfManagedFailover: true (no active candidate, Terraform ignores later changes).
    edit((a, intent) => {
      a.lifecycle = { ignore_changes: ["instance_id"] };
      delete intent.active;
      delete intent.activeChosenBy;
    });
    const self = checkTerraform([dir], { plans: [plan] }).model.enis[0].attachments[0];
    expect(self.candidates.map((c) => c.path)).toEqual(["failover/gw-active", "failover/gw-standby"]);
    expect([self.active, self.activeChosenBy, self.selector]).toEqual([undefined, undefined, undefined]);
    // A conditional instead of the map: the plan's value is known, but which candidate it selects is not read.
    edit((a) => (a.instance_id = '${var.active_gateway == "gw-active" ? alicloud_instance.gw-active_6297D5D9.id : alicloud_instance.gw-standby_F5210537.id}'));
    const report = path.join(tmp, "report");
    const r = cli("check", dir, "--plan", plan, "--report", report);
    expect(r.code).toBe(0);
    expect(failoverEni(report)).toMatchObject({ activeInstance: null, activeChosenBy: "not derived from the plan (instance_id is not a map indexed by a variable)" });
  });

  test("a plan without intent still works as today: a PATH, or --plan with a hand-written configuration", () => {
    const alone = checkTerraform([path.join(PLANS, "failover-standby.plan.json")]);
    const [a] = alone.model.enis[0].attachments;
    expect(a.switchable).toBe(true);
    expect(a.candidates.map((c) => c.path).sort()).toEqual(["failover-standby/alicloud_instance.gw-active_6297D5D9", "failover-standby/alicloud_instance.gw-standby_F5210537"]);
    expect([a.active, a.activeChosenBy]).toEqual([undefined, undefined]);
    const hcl = checkTerraform([path.join(FIXTURES, "hcl-team")], { plans: [path.join(PLANS, "hcl-team.plan.json")] });
    expect(comparable(hcl.plan.findings)).toEqual(comparable(checkTerraform([path.join(FIXTURES, "hcl-team")]).plan.findings));
  });

  test("with several configurations, the plan takes the place of the one it was made from", () => {
    const app = testApp();
    failover(app);
    multiPublicIp(app);
    app.synth();
    const both = checkTerraform([app.outdir], { plans: [path.join(PLANS, "failover-standby.plan.json")] });
    expect(both.configs.map((c) => [c.stack, Object.keys(c.variables)])).toEqual([
      ["failover", ["active_gateway"]],
      ["multi-public-ip", []],
    ]);
    expect(both.model.enis.find((e) => e.path === "failover/gateway/Eni")?.attachments[0].active?.path).toBe("failover/gw-standby");
  });

  test.each([
    [
      "a plan of another configuration",
      () => [path.join(FIXTURES, "hcl-clean"), "--plan", path.join(PLANS, "failover-default.plan.json")],
      /--plan .*failover-default\.plan\.json: not made from the configuration of hcl-clean \(only in the plan: alicloud_ecs_network_interface\.gateway_Eni_EC7B9EDA, alicloud_ecs_network_interface_attachment\.gateway_Eni_Attachment_34528020, alicloud_eip_address\.gateway_Eip_CC3C368D and 8 more; only in the configuration: alicloud_ecs_network_interface\.a, .* and 4 more\); plan the configuration as it is now/,
    ],
    [
      "a plan none of several configurations made",
      () => [path.join(FIXTURES, "hcl-clean"), path.join(FIXTURES, "hcl-team"), "--plan", path.join(PLANS, "failover-default.plan.json")],
      /made from none of the configurations given \(hcl-clean, hcl-team\); give the stack folder/,
    ],
    [
      "a plan without the configuration's variable",
      () => [failoverStack(), "--plan", editedPlan((p) => delete p.variables.active_gateway)],
      /the plan has no value for var\.active_gateway, which failover\/gateway\/Eni\/Attachment uses: it was not made from this configuration/,
    ],
    [
      "a plan that matches two configurations",
      () => {
        const dir = failoverStack();
        const copy = path.join(tmp, "copy");
        fs.mkdirSync(copy);
        const doc = JSON.parse(fs.readFileSync(path.join(dir, "cdk.tf.json"), "utf8"));
        doc["//"].metadata.stackName = "failover-copy";
        fs.writeFileSync(path.join(copy, "cdk.tf.json"), JSON.stringify(doc));
        return [dir, copy, "--plan", path.join(PLANS, "failover-default.plan.json")];
      },
      /its resources match failover and failover-copy; give only the stack folder it was made from as the PATH/,
    ],
    [
      "two plans for one configuration",
      () => [failoverStack(), "--plan", path.join(PLANS, "failover-default.plan.json"), "--plan", path.join(PLANS, "failover-standby.plan.json")],
      /a second plan for failover/,
    ],
    ["a --plan that is not a plan", () => [path.join(FIXTURES, "hcl-clean"), "--plan", path.join(FIXTURES, "hcl-clean", "main.tf.json")], /not the output of `terraform show -json PLANFILE`/],
    ["--plan without a value", () => [path.join(FIXTURES, "hcl-clean"), "--plan"], /--plan needs a value/],
  ])("%s: exit 2, one line", (_what, args, message) => {
    const r = cli("check", ...args());
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(message);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  test("--help names --plan", () => {
    expect(cli("--help").out).toMatch(/--plan FILE +the output of `terraform show -json PLANFILE` made from one of the PATHs/);
  });
});

describe("inputs check cannot use: exit 2 and one clear line", () => {
  test.each([
    ["a missing path", () => path.join(tmp, "nope"), /no such file or folder/],
    ["a file that is not JSON", () => (fs.writeFileSync(path.join(tmp, "x.tf.json"), "{ nope"), path.join(tmp, "x.tf.json")), /not JSON/],
    ["JSON that is not Terraform", () => (fs.writeFileSync(path.join(tmp, "y.json"), '{"name": "pkg"}'), path.join(tmp, "y.json")), /not Terraform JSON/],
    ["a folder without Terraform JSON", () => tmp, /no cdk\.tf\.json, stacks\/ folder or \*\.tf\.json/],
    ["a resource block of the wrong shape", () => (fs.writeFileSync(path.join(tmp, "z.tf.json"), '{"resource": []}'), path.join(tmp, "z.tf.json")), /"resource" is not an object/],
  ])("%s", (_what, make, message) => {
    const r = cli("check", make());
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(message);
    expect(r.err.trim().split("\n")).toHaveLength(1);
  });

  test("bad flags and no PATH", () => {
    expect(cli("check").code).toBe(2);
    expect(cli("check", FIXTURES, "--bogus").err).toContain("unknown option --bogus");
    expect(cli("check", FIXTURES, "--suppress", "nope").err).toContain("expected RULE=REASON");
    expect(cli("nothing").code).toBe(2);
    expect(cli("--help").out).toContain("Usage: cdktf-alicloud-eni check PATH");
  });

  test("the bin runs as a process: exit code and output", () => {
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", path.join(ROOT, "src/cli/main.ts"), ...args], { encoding: "utf8", cwd: ROOT });
    const bad = run("check", path.join(FIXTURES, "hcl-team"));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("[ENI-COUNT]");
    expect(bad.stderr).toBe("");
  });
});
