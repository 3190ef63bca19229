import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build as failover, VARIABLE } from "../../examples/failover";
import { build as haCluster } from "../../examples/ha-cluster";
import { build as multiIp, SHARED } from "../../examples/multi-ip";
import { build as multiPublicIp, SITES } from "../../examples/multi-public-ip";
import { build as segmented } from "../../examples/segmented";
import { build as dualStack } from "../../examples/dual-stack";
import { build as prefixes } from "../../examples/prefixes";
import { Ipv4Cidr, parseIpv4 } from "../../src/net/ipv4";
import type { App, TerraformStack } from "../../src/cdktf";
import { EniPlanner } from "../../src/planner";
import { HAClusterEni, SegmentedInstance } from "../../src/scenarios";
import { evaluateInstanceId, expectUsableAndDistinct, findings } from "../scenarios/fixtures";
import { checkTerraformJson } from "../support/provider-schema-check";
import { onlyResource, resources, synthJson, testApp } from "../support/synth";

const EXAMPLES: Record<string, (app: App) => TerraformStack | TerraformStack[]> = { multiIp, multiPublicIp, failover, haCluster, segmented, dualStack, prefixes };
const ROOT = path.resolve(__dirname, "../..");
const LOCK = path.join(ROOT, "eni-allocations.lock.json");

/** Builds every example into one test app, as examples/main.ts does; returns the stacks' JSON by stack id. */
function buildAll(): { app: App; stacks: Map<string, TerraformStack>; json: Map<string, any> } {
  const app = testApp();
  const stacks = new Map<string, TerraformStack>();
  for (const build of Object.values(EXAMPLES)) {
    const built = build(app);
    for (const s of Array.isArray(built) ? built : [built]) stacks.set(s.node.id, s);
  }
  const json = new Map([...stacks].map(([id, s]) => [id, synthJson(s)]));
  return { app, stacks, json };
}

describe("examples", () => {
  const all = buildAll();
  const json = (id: string) => all.json.get(id)!;

  test("every example synthesizes in one app: schema-conformant, no planner errors, no unsuppressed warnings", () => {
    expect([...all.stacks.keys()].sort()).toEqual(["dual-stack", "failover", "ha-cluster", "multi-ip-batch", "multi-ip-web", "multi-public-ip", "prefixes", "segmented"]);
    const f = findings(all.app);
    expect(f.errors).toEqual([]);
    expect(f.warnings).toEqual([]);
    // The two intended warnings are suppressed with their reasons.
    const suppressed = f.all.filter((x) => x.suppressed);
    expect(suppressed.map((x) => `${x.ruleId} ${x.path}`)).toEqual(["ENI-HAVIP-STANDBY ha-cluster/pg/VirtualIp", "ENI-SEC-MGMT-EIP segmented/planes/management/Eip"]);
    expect(suppressed.map((x) => x.suppressed!.reason)).toEqual([expect.stringContaining("disaster-recovery replica"), expect.stringContaining("NET-1234")]);
    for (const j of all.json.values()) {
      expect(checkTerraformJson(j)).toEqual([]);
      expect(j.provider.alicloud).toEqual([{ region: "cn-hangzhou" }]); // no credentials anywhere
    }
  });

  test.each(Object.entries(EXAMPLES))("%s also synthesizes on its own", (_, build) => {
    const app = testApp();
    const built = build(app);
    for (const s of Array.isArray(built) ? built : [built]) synthJson(s);
    expect(findings(app).errors).toEqual([]);
  });

  test("multi-public-ip: one private IP and one EIP per site, 5 on the primary ENI and 3 on a secondary ENI", () => {
    const j = json("multi-public-ip");
    const inst = onlyResource(j, "alicloud_instance");
    expect(inst.instance_type).toBe("ecs.c7.large");
    expect(inst.secondary_private_ips).toHaveLength(5);
    const eni = onlyResource(j, "alicloud_ecs_network_interface");
    expect(eni.private_ip_addresses).toHaveLength(2);
    const assoc = resources(j, "alicloud_eip_association").map(([, a]) => a);
    expect(assoc).toHaveLength(SITES.length);
    const bound = assoc.map((a) => a.private_ip_address);
    expect([...bound].sort()).toEqual([...inst.secondary_private_ips, eni.primary_ip_address, ...eni.private_ip_addresses].sort());
    expectUsableAndDistinct([inst.private_ip, ...bound], "10.10.1.0/24");
    for (const site of SITES) {
      expect(j.output[`sites_${site}_private_ip`].value).toMatch(/^10\.10\.1\.\d+$/);
      expect(j.output[`sites_${site}_public_ip`].value).toMatch(/^\$\{alicloud_eip_address\..+\.ip_address\}$/);
    }
  });

  test("multi-ip: two stacks share one imported vSwitch and never get the same address", () => {
    const web = json("multi-ip-web");
    const batch = json("multi-ip-batch");
    expect(resources(web, "alicloud_instance")).toHaveLength(0);
    expect(resources(web, "alicloud_vswitch")).toHaveLength(0);
    const addresses = (j: any) => resources(j, "alicloud_ecs_network_interface").flatMap(([, e]) => [e.primary_ip_address, ...(e.private_ip_addresses ?? [])]);
    const a = addresses(web);
    const b = addresses(batch);
    expect(a).toHaveLength(4);
    expect(b).toHaveLength(8);
    expect(resources(batch, "alicloud_ecs_network_interface")).toHaveLength(2);
    for (const [, e] of [...resources(web, "alicloud_ecs_network_interface"), ...resources(batch, "alicloud_ecs_network_interface")]) {
      expect(e.vswitch_id).toBe(SHARED.vswitchId);
      expect(e.security_group_ids).toEqual([SHARED.securityGroupId]);
    }
    expectUsableAndDistinct([...a, ...b], SHARED.cidr);
    for (const taken of [...SHARED.usedIps, "172.16.8.10", "172.16.8.11"]) expect([...a, ...b]).not.toContain(taken);
    expect(resources(web, "alicloud_ecs_network_interface_attachment").map(([, x]) => x.instance_id)).toEqual(["i-bp1webserverexample01"]);
  });

  test("failover: the variable picks the instance at apply time", () => {
    const j = json("failover");
    expect(j.variable[VARIABLE]).toMatchObject({ type: "string", default: "gw-active" });
    const expr = onlyResource(j, "alicloud_ecs_network_interface_attachment").instance_id;
    const names = Object.keys(j.resource.alicloud_instance);
    expect(evaluateInstanceId(expr, VARIABLE, "gw-active")).toBe(`\${alicloud_instance.${names.find((n) => n.startsWith("gw-active"))}.id}`);
    expect(evaluateInstanceId(expr, VARIABLE, "gw-standby")).toBe(`\${alicloud_instance.${names.find((n) => n.startsWith("gw-standby"))}.id}`);
    const eni = onlyResource(j, "alicloud_ecs_network_interface");
    expect(onlyResource(j, "alicloud_eip_association").private_ip_address).toBe(eni.primary_ip_address);
    expectUsableAndDistinct([eni.primary_ip_address, ...eni.private_ip_addresses], "10.20.1.0/24");
  });

  test("failover and ha-cluster: every ENI survives its instance's release (delete_on_release = false)", () => {
    for (const id of ["failover", "ha-cluster"]) {
      const enis = resources(json(id), "alicloud_ecs_network_interface");
      expect(enis.length).toBeGreaterThan(0);
      for (const [, e] of enis) expect(e.delete_on_release).toBe(false);
    }
  });

  test("ha-cluster: the virtual IP is public through one EIP on the HaVip (alicloud_vpc_ha_vip)", () => {
    const j = json("ha-cluster");
    const [vipName] = resources(j, "alicloud_vpc_ha_vip")[0];
    expect(resources(j, "alicloud_havip")).toEqual([]);
    expect(onlyResource(j, "alicloud_eip_association")).toEqual({
      allocation_id: expect.stringContaining("alicloud_eip_address."),
      instance_id: `\${alicloud_vpc_ha_vip.${vipName}.id}`,
      instance_type: "HaVip",
    });
    expect(j.output.pg_virtual_ip_master_instance_id.value).toBe(`\${alicloud_vpc_ha_vip.${vipName}.master_instance_id}`);
  });

  test("ha-cluster: 3 nodes x 3 networks, per-zone vSwitches, the virtual IP on pg-1's service ENI", () => {
    const j = json("ha-cluster");
    expect(resources(j, "alicloud_ecs_network_interface")).toHaveLength(9);
    const cluster = all.stacks.get("ha-cluster")!.node.findChild("pg") as HAClusterEni;
    const eniJson = (node: string, network: string) => j.resource.alicloud_ecs_network_interface[(cluster.eniOf(node, network) as any).resource.friendlyUniqueId];
    expect(eniJson("pg-1", "replication").primary_ip_address).toMatch(/^10\.30\.20\./);
    expect(eniJson("pg-3", "replication").primary_ip_address).toMatch(/^10\.30\.21\./);
    expect(eniJson("pg-2", "service").private_ip_addresses).toHaveLength(1);
    const havip = onlyResource(j, "alicloud_vpc_ha_vip");
    expect(havip.ip_address).toMatch(/^10\.30\.30\.\d+$/);
    const eniRef = (node: string) => `\${alicloud_ecs_network_interface.${(cluster.eniOf(node, "service") as any).resource.friendlyUniqueId}.id}`;
    expect(resources(j, "alicloud_havip_attachment").map(([, r]) => r.instance_id)).toEqual([eniRef("pg-1"), eniRef("pg-2")]);
    const standby = EniPlanner.of(all.app)
      .inspect()
      .findings.filter((f) => f.ruleId === "ENI-HAVIP-STANDBY");
    expect(standby.map((f) => [f.message, f.suppressed?.reason !== undefined])).toEqual([
      [`${cluster.eniOf("pg-3", "service").node.path} is meant to take the HaVip over but is in vSwitch ha-cluster/service-i, not ha-cluster/service-h; it cannot hold the virtual IP.`, true],
    ]);
  });

  test("failover and ha-cluster configure their guest OS: user_data on every node, and each node's script for failover standbys", () => {
    const script = (stack: string, id: string): string => json(stack).output[`${id}_guest_network_script`].value;
    const configure = (text: string) =>
      text
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => l.startsWith("configure "));
    for (const id of ["gw-active", "gw-standby"]) {
      // Both candidates carry the failover ENI: the one that holds it configures it, the other skips it.
      expect(configure(script("failover", id))).toContain("configure secondary 'failover/gateway/Eni' 10.20.1.1 10.20.1.0/24 24 10001 10.20.1.2 10.20.1.3");
    }
    expect(configure(script("ha-cluster", "pg-1"))).toEqual([
      "configure secondary 'ha-cluster/pg/heartbeat/pg-1' 10.30.10.1 10.30.10.0/24 24 10001",
      "configure secondary 'ha-cluster/pg/replication/pg-1' 10.30.20.1 10.30.20.0/24 24 10002",
      "configure secondary 'ha-cluster/pg/service/pg-1' 10.30.30.2 10.30.30.0/24 24 10003 10.30.30.3 + 10.30.30.1",
    ]);
    for (const [stack, ids] of [
      ["failover", ["gw-active", "gw-standby"]],
      ["ha-cluster", ["pg-1", "pg-2", "pg-3"]],
    ] as const) {
      for (const id of ids) {
        const [, instance] = resources(json(stack), "alicloud_instance").find(([k]) => k.startsWith(`${id}_`))!;
        expect(Buffer.from(instance.user_data, "base64").toString()).toContain("cat > /usr/local/sbin/eni-guest-network <<'ENI_GUEST_NETWORK_SCRIPT'");
      }
    }
  });

  test("segmented: management and business planes on separate ENIs; only the business plane is public to the world", () => {
    const j = json("segmented");
    const seg = all.stacks.get("segmented")!.node.findChild("planes") as SegmentedInstance;
    const mgmt = j.resource.alicloud_ecs_network_interface[(seg.planeEni("management") as any).resource.friendlyUniqueId];
    const biz = j.resource.alicloud_ecs_network_interface[(seg.planeEni("business") as any).resource.friendlyUniqueId];
    expect(mgmt.primary_ip_address).toBe("10.40.100.1");
    expect(biz.primary_ip_address).toMatch(/^10\.40\.200\./);
    expect(biz.private_ip_addresses).toHaveLength(2);
    expect(resources(j, "alicloud_eip_association")).toHaveLength(2);
    expect(seg.planeEni("management").fact.management).toBe(true);
  });

  test("dual-stack: concrete IPv6 addresses from the vSwitch /64 (VPC block + suffix 1) on the instance and the ENI", () => {
    const j = json("dual-stack");
    const eni = onlyResource(j, "alicloud_ecs_network_interface");
    const vm = onlyResource(j, "alicloud_instance");
    expect(eni.ipv6_addresses).toEqual(["2408:4005:3a6:a101::1", "2408:4005:3a6:a101::2"]);
    expect(vm.ipv6_addresses).toEqual(["2408:4005:3a6:a101::3"]);
    expect(eni.ipv6_address_count).toBeUndefined();
    expect(onlyResource(j, "alicloud_vswitch")).toMatchObject({ enable_ipv6: true, ipv6_cidr_block_mask: 1 });
    expect(
      resources(j, "alicloud_security_group_rule")
        .map(([, r]) => r.ipv6_cidr_ip)
        .filter((x) => x),
    ).toEqual(["::/0", "2408:4005:3a6:a100::/56"]);
  });

  test("prefixes: a chosen /23 reservation, 19 concrete /28 prefixes inside it on 2 ENIs, the node's addresses outside it", () => {
    const j = json("prefixes");
    const res = onlyResource(j, "alicloud_vpc_vswitch_cidr_reservation");
    expect(res).toMatchObject({ cidr_reservation_cidr: "10.50.4.0/23", cidr_reservation_type: "Prefix", ip_version: "IPv4" });
    const block = Ipv4Cidr.parse(res.cidr_reservation_cidr);
    const enis = resources(j, "alicloud_ecs_network_interface").map(([, r]) => r);
    const all = enis.flatMap((e) => e.ipv4_prefixes as string[]);
    expect(enis.map((e) => e.ipv4_prefixes.length)).toEqual([10, 9]);
    expect(new Set(all).size).toBe(19);
    for (const p of all) {
      const c = Ipv4Cidr.parse(p);
      expect(c.prefix).toBe(28);
      expect(block.containsCidr(c)).toBe(true);
    }
    for (const ip of [onlyResource(j, "alicloud_instance").private_ip, ...enis.map((e) => e.primary_ip_address)]) expect(block.contains(parseIpv4(ip))).toBe(false);
  });

  test("the committed lock file eni-allocations.lock.json matches the examples (a frozen plan changes nothing)", () => {
    expect(fs.existsSync(LOCK)).toBe(true);
    const app = testApp({ lockFile: LOCK, frozen: true });
    for (const build of Object.values(EXAMPLES)) build(app);
    const f = findings(app);
    expect(f.errors).toEqual([]);
    const lock = JSON.parse(fs.readFileSync(LOCK, "utf8"));
    expect(Object.keys(lock.allocations).length).toBeGreaterThan(40);
  });

  test("examples/main.ts synthesizes every stack (as the main job runs it, frozen lock)", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "examples-out-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: out, CI: "1", CDKTF_ENI_QUIET: "1" };
      delete env.CDKTF_ENI_LOCK_FILE;
      const r = spawnSync(process.execPath, [require.resolve("ts-node/dist/bin"), "--transpile-only", "examples/main.ts"], { cwd: ROOT, env, encoding: "utf8", timeout: 60000 });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const stacks = fs.readdirSync(path.join(out, "stacks")).sort();
      expect(stacks).toEqual(["dual-stack", "failover", "ha-cluster", "multi-ip-batch", "multi-ip-web", "multi-public-ip", "prefixes", "segmented"]);
      for (const s of stacks) {
        const j = JSON.parse(fs.readFileSync(path.join(out, "stacks", s, "cdk.tf.json"), "utf8"));
        expect(checkTerraformJson(j)).toEqual([]);
        expect(JSON.parse(fs.readFileSync(path.join(out, "stacks", s, "eni-plan.json"), "utf8")).summary.errors).toBe(0);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
