import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EniConfigError, NetworkInterface, SecurityGroup, VSwitch, Vpc } from "../../src";
import { buildImportedEniStack } from "../support/imported-eni";
import { onlyResource, resources, synthJson, testApp, testStack } from "../support/synth";
import { ecs, inspect, net, nic, only, withRule } from "../planner/planner-helpers";

/** An app with the standard network, an ecs.g7.large (3 ENIs, 6 IPv4 per ENI) and an existing ENI eni-1 (10.0.1.7, .8). */
function withExisting(secondaryPrivateIps: string[] = ["10.0.1.8"]) {
  const app = testApp();
  const stack = testStack(app);
  const n = net(stack);
  const server = ecs(stack, "Server", n.vsw, [n.sg]);
  const existing = NetworkInterface.fromNetworkInterfaceAttributes(stack, "Existing", {
    networkInterfaceId: "eni-1",
    vswitch: n.vsw,
    securityGroups: [n.sg],
    primaryIp: "10.0.1.7",
    secondaryPrivateIps,
  });
  return { app, stack, n, server, existing };
}

describe("NetworkInterface.fromNetworkInterfaceAttributes", () => {
  test("attachTo emits only the attachment (the ENI exists); the ENI's facts are imported with existing addresses", () => {
    const { stack, server, existing } = withExisting();
    existing.attachTo(server);
    const json = synthJson(stack);
    expect(resources(json, "alicloud_ecs_network_interface")).toEqual([]);
    const attachment = onlyResource(json, "alicloud_ecs_network_interface_attachment");
    expect(attachment.network_interface_id).toBe("eni-1");
    expect(attachment.instance_id).toMatch(/alicloud_instance\.Server.*\.id/);
    expect(existing.fact).toMatchObject({ imported: true, primaryIp: { key: "stack/Existing#primary", explicit: "10.0.1.7", existing: true } });
    expect(existing.privateIps.map((a) => a.slot.explicit)).toEqual(["10.0.1.7", "10.0.1.8"]);
  });

  test("it is counted on the instance: with two new ENIs an ecs.g7.large (3 ENIs) is over its limit (ENI-COUNT names it)", () => {
    const { app, stack, n, server, existing } = withExisting();
    existing.attachTo(server);
    nic(stack, "A", n, { instance: server });
    expect(withRule(inspect(app), "ENI-COUNT")).toEqual([]);
    nic(stack, "B", n, { instance: server });
    const f = only(inspect(app), "ENI-COUNT");
    expect(f.message).toContain("this instance would have 4: primary, stack/A, stack/B, stack/Existing");
  });

  test("its addresses are counted against the type's per-ENI limit (ENI-IP-COUNT) and never handed out", () => {
    const { app, stack, n, server, existing } = withExisting(["10.0.1.8", "10.0.1.9", "10.0.1.10", "10.0.1.11", "10.0.1.12", "10.0.1.13"]);
    existing.attachTo(server);
    expect(only(inspect(app), "ENI-IP-COUNT").message).toContain("7");
    const other = nic(stack, "Other", n);
    expect(inspect(app).addresses.get("stack/Other#primary")).toBe("10.0.1.1");
    expect(other.fact.primaryIp.key).toBe("stack/Other#primary");
    // the planner's instance and ENI addresses skip .7-.13
    const planned = [...inspect(app).addresses].filter(([k]) => !k.startsWith("stack/Existing#")).map(([, v]) => v);
    for (const ip of ["10.0.1.7", "10.0.1.8", "10.0.1.13"]) expect(planned).not.toContain(ip);
    // a new explicit address equal to one of them is a duplicate naming the existing ENI
    nic(stack, "Clash", n, { primaryIp: "10.0.1.8" });
    const dup = only(inspect(app), "ENI-IP-DUPLICATE");
    expect(dup.path).toBe("stack/Clash");
    expect(dup.message).toContain("10.0.1.8 is also given to stack/Existing#secondary-ip-1");
  });

  test("accepting neighbour: an existing ENI with many secondary IPs is not checked against the create-time bound (ENI-IP-CREATE)", () => {
    const ips = Array.from({ length: 12 }, (_, i) => `10.0.1.${20 + i}`);
    const { app } = withExisting(ips);
    expect(withRule(inspect(app), "ENI-IP-CREATE")).toEqual([]);
  });

  test("its addresses are not put in the lock file (they are facts, not planned)", () => {
    const { app, server, existing } = withExisting();
    existing.attachTo(server);
    expect(Object.keys(inspect(app).lock.allocations)).toEqual([]);
  });

  test("works with an imported vSwitch, and checks its addresses (outside the CIDR is ENI-IP-OUTSIDE)", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
    const vswitch = VSwitch.fromVSwitchAttributes(stack, "Vsw", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps: [] });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-1", vpc, type: "normal" });
    NetworkInterface.fromNetworkInterfaceAttributes(stack, "Far", { networkInterfaceId: "eni-2", vswitch, securityGroups: [sg], primaryIp: "10.0.9.7" });
    expect(only(inspect(app), "ENI-IP-OUTSIDE").path).toBe("stack/Far");
  });

  test("missing attributes are construction errors naming the path", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    expect(() =>
      NetworkInterface.fromNetworkInterfaceAttributes(stack, "NoId", { networkInterfaceId: undefined as unknown as string, vswitch: n.vsw, securityGroups: [n.sg], primaryIp: "10.0.1.7" }),
    ).toThrow(EniConfigError);
    expect(() =>
      NetworkInterface.fromNetworkInterfaceAttributes(stack, "NoIp", { networkInterfaceId: "eni-3", vswitch: n.vsw, securityGroups: [n.sg], primaryIp: undefined as unknown as string }),
    ).toThrow(/stack\/NoIp\n\s+primaryIp is undefined/);
    expect(() => NetworkInterface.fromNetworkInterfaceAttributes(stack, "BadIp", { networkInterfaceId: "eni-4", vswitch: n.vsw, securityGroups: [n.sg], primaryIp: "10.0.1.x" })).toThrow(
      /stack\/BadIp/,
    );
  });
});

const RUN = path.resolve(__dirname, "../../../shared/tfcore/run.sh");
const TERRAFORM = spawnSync("terraform", ["version"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).status === 0;
const SKIP = !TERRAFORM ? "no terraform binary on PATH" : !fs.existsSync(RUN) ? `no ${RUN}` : undefined;

(SKIP ? describe.skip : describe)(`imported ENIs with EIPs and HaVips through real Terraform core (tfcore)${SKIP ? ` — skipped: ${SKIP}` : ""}`, () => {
  test("validate and plan accept the associations and attachments; they carry the ENIs' ids (the variable's value), NetworkInterface and the literal addresses", () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "imported-eni-"));
    try {
      const app = testApp();
      buildImportedEniStack(app);
      app.synth();
      const r = spawnSync(RUN, [path.join(app.outdir, "stacks", "imported")], { encoding: "utf8", env: { ...process.env, TFCORE_WORK: work }, timeout: 180000 });
      expect({ status: r.status, out: `${r.stdout}${r.stderr}`.trim() }).toMatchObject({ status: 0, out: expect.stringMatching(/^imported: ok \(validate: 0 errors/) });
      const plan = JSON.parse(fs.readFileSync(path.join(work, "stacks", "imported", "plan.json"), "utf8"));
      const after = (type: string) =>
        Object.fromEntries(
          (plan.resource_changes as { type: string; name: string; change: { actions: string[]; after: Record<string, unknown> } }[])
            .filter((c) => c.type === type)
            .map((c) => [c.name.replace(/_[0-9A-F]{8}$/, ""), { actions: c.change.actions, ...c.change.after }]),
        );
      const pick = (o: Record<string, Record<string, unknown>>, keys: string[]) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Object.fromEntries(keys.map((x) => [x, v[x]]))]));
      expect(pick(after("alicloud_eip_association"), ["actions", "instance_id", "instance_type", "mode", "private_ip_address"])).toEqual({
        Cut_Association: { actions: ["create"], instance_id: "eni-bp1byvariable", instance_type: "NetworkInterface", mode: "BINDED", private_ip_address: null },
        OldEip_Association: { actions: ["create"], instance_id: "eni-bp1existing", instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.8" },
        Public_Association: { actions: ["create"], instance_id: "eni-bp1existing", instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.7" },
        Third_Association: { actions: ["create"], instance_id: "eni-bp1existing", instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.9" },
      });
      expect(pick(after("alicloud_havip_attachment"), ["actions", "ha_vip_id", "instance_id", "instance_type"])).toEqual({
        OldVip_Attachment1: { actions: ["create"], ha_vip_id: "havip-bp1old", instance_id: "eni-bp1byvariable", instance_type: "NetworkInterface" },
        Vip_Attachment1: { actions: ["create"], ha_vip_id: undefined, instance_id: "eni-bp1existing", instance_type: "NetworkInterface" },
      });
      expect(pick(after("alicloud_ecs_network_interface_attachment"), ["actions", "network_interface_id"])).toEqual({
        Existing_Attachment: { actions: ["create"], network_interface_id: "eni-bp1existing" },
        Sip_Attachment: { actions: ["create"], network_interface_id: "eni-bp1byvariable" },
      });
      expect(Object.keys(after("alicloud_ecs_network_interface"))).toEqual([]); // the ENIs exist: nothing is created for them
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
