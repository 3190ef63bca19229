import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Construct } from "constructs";
import { TerraformVariable, Testing } from "../../src/cdktf";
import { EniConfigError } from "../../src/errors";
import { InstanceTypeCatalog } from "../../src/catalog";
import { EcsInstance, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { MultiIpInstance } from "../../src/scenarios";
import { onlyResource, resources, synthJson, testApp, testStack } from "../support/synth";
import { allAddresses, errorIds, expectUsableAndDistinct, findings, instance, nameOf, net, thrown } from "./fixtures";

describe("MultiIpInstance", () => {
  test("a few applications go on the primary ENI's secondary IPs, with concrete addresses and outputs", () => {
    const { stack, vswH, sg } = net();
    const web = instance(stack, "web", vswH, [sg]);
    const multi = new MultiIpInstance(stack, "apps", { instance: web, applications: ["shop", "blog", "api"] });
    const json = synthJson(stack);

    expect(resources(json, "alicloud_ecs_network_interface")).toHaveLength(0);
    const inst = onlyResource(json, "alicloud_instance");
    // New addresses go lowest first in sorted key order ("<path>#app:api" < "#app:blog" < "#app:shop" < "#primary").
    expect(inst.secondary_private_ips).toEqual(["10.0.1.3", "10.0.1.2", "10.0.1.1"]);
    expect(inst.private_ip).toBe("10.0.1.4");
    expect(inst.secondary_private_ip_address_count).toBeUndefined();
    expectUsableAndDistinct(allAddresses(json), "10.0.1.0/24");

    // One output per application, carrying the application's concrete address.
    expect(json.output).toEqual({
      apps_shop_private_ip: { value: "10.0.1.3", description: "Private IP of shop on stack/web" },
      apps_blog_private_ip: { value: "10.0.1.2", description: "Private IP of blog on stack/web" },
      apps_api_private_ip: { value: "10.0.1.1", description: "Private IP of api on stack/web" },
    });
    expect(multi.applications).toEqual(["shop", "blog", "api"]);
    expect(multi.addressOf("blog").role).toBe("app:blog");
    expect(multi.addresses.map((a) => a.role)).toEqual(["app:shop", "app:blog", "app:api"]);
    expect(multi.networkInterfaces).toHaveLength(0);
    expect(multi.networkInterfaceOf("api")).toBeUndefined();
  });

  test("ecs.g7.large holds 17 addresses besides its primary: 5 on the primary ENI + 2 ENIs x 6", () => {
    const { app, stack, vswH, sg } = net();
    const web = instance(stack, "web", vswH, [sg], "ecs.g7.large");
    expect(MultiIpInstance.capacityOf(web)).toBe(17);
    const multi = new MultiIpInstance(stack, "apps", { instance: web, privateIpCount: 17 });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);

    const inst = onlyResource(json, "alicloud_instance");
    expect(inst.secondary_private_ips).toHaveLength(5);
    const enis = resources(json, "alicloud_ecs_network_interface");
    expect(enis).toHaveLength(2);
    for (const [, eni] of enis) {
      expect(eni.private_ip_addresses).toHaveLength(5); // + its own primary = 6, the g7.large limit
      expect(eni.vswitch_id).toBe(`\${alicloud_vswitch.${nameOf(vswH)}.id}`);
    }
    const attachments = resources(json, "alicloud_ecs_network_interface_attachment");
    expect(attachments.map(([, a]) => a.instance_id)).toEqual([`\${alicloud_instance.${nameOf(web)}.id}`, `\${alicloud_instance.${nameOf(web)}.id}`]);
    const addresses = allAddresses(json);
    expect(addresses).toHaveLength(18);
    expectUsableAndDistinct(addresses, "10.0.1.0/24");
    // Each application output has its own address; ip-6 is the primary IP of the first ENI.
    expect(multi.addresses).toHaveLength(17);
    expect(multi.networkInterfaceOf("ip-5")).toBeUndefined();
    expect(multi.networkInterfaceOf("ip-6")).toBe(multi.networkInterfaces[0]);
    expect(multi.addressOf("ip-6")).toBe(multi.networkInterfaces[0].primaryIp);
    expect(multi.networkInterfaceOf("ip-17")).toBe(multi.networkInterfaces[1]);
    const outputValues = Object.values<any>(json.output).map((o) => o.value);
    expect(new Set(outputValues).size).toBe(17);
    for (const v of outputValues) expect(addresses).toContain(v);
  });

  test("with a lock file, appending an application keeps every existing address (across ENIs too)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "multi-ip-lock-"));
    try {
      const lockFile = path.join(dir, "lock.json");
      const addressesFor = (apps: string[]) => {
        const { app, stack, vswH, sg } = net({ lockFile });
        const web = instance(stack, "web", vswH, [sg]);
        new MultiIpInstance(stack, "apps", { instance: web, applications: apps });
        app.synth(); // the lock file is written once synth succeeded
        return JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8")).output as Record<string, { value: string }>;
      };
      const before = addressesFor(["a", "b", "c", "d", "e", "f", "g"]);
      expect(fs.existsSync(lockFile)).toBe(true);
      const after = addressesFor(["a", "b", "c", "d", "e", "f", "g", "h", "i"]);
      for (const [name, o] of Object.entries(before)) expect(after[name].value).toBe(o.value);
      expect(Object.keys(after)).toHaveLength(9);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("ecs.g7.large with 18 addresses fails at synth with ENI-COUNT, not at construction", () => {
    const { app, stack, vswH, sg } = net();
    const web = instance(stack, "web", vswH, [sg], "ecs.g7.large");
    const multi = new MultiIpInstance(stack, "apps", { instance: web, privateIpCount: 18 });
    expect(multi.networkInterfaces).toHaveLength(3);
    expect(errorIds(app)).toEqual(["ENI-COUNT"]);
    const [f] = findings(app).errors;
    expect(f.path).toBe(web.node.path);
    expect(f.message).toContain("ecs.g7.large allows 3 ENIs per instance");
    expect(f.fix).toContain("ecs.g7.xlarge");
    expect(() => Testing.synth(stack, true)).toThrow(/ENI-COUNT/);
  });

  test("new ENIs respect maxSecondaryIpsAtCreation (ecs.g7.xlarge: 15 per ENI, 10 at creation)", () => {
    const { app, stack, vswH, sg } = net();
    const big = instance(stack, "big", vswH, [sg], "ecs.g7.xlarge");
    expect(MultiIpInstance.capacityOf(big)).toBe(14 + 3 * 11);
    new MultiIpInstance(stack, "apps", { instance: big, privateIpCount: 30 });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_instance").secondary_private_ips).toHaveLength(14);
    const sizes = resources(json, "alicloud_ecs_network_interface").map(([, e]) => (e.private_ip_addresses ?? []).length);
    expect(sizes).toEqual([10, 4]); // 14 + 11 + 5 = 30
  });

  test("a raised maxSecondaryIpsAtCreation lets each ENI take the type's full per-ENI count", () => {
    const { app, stack, vswH, sg } = net({ maxSecondaryIpsAtCreation: 14 });
    const big = instance(stack, "big", vswH, [sg], "ecs.g7.xlarge");
    new MultiIpInstance(stack, "apps", { instance: big, privateIpCount: 30 });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);
    const sizes = resources(json, "alicloud_ecs_network_interface").map(([, e]) => (e.private_ip_addresses ?? []).length);
    expect(sizes).toEqual([14, 0]); // 14 + 15 + 1 = 30
  });

  test("public IPs: one EIP per address in NAT mode, on the primary ENI and on secondary ENIs", () => {
    const { app, stack, vswH, sg } = net();
    const web = instance(stack, "web", vswH, [sg], "ecs.c7.large"); // 6 per ENI: 5 on the primary ENI
    const multi = new MultiIpInstance(stack, "apps", {
      instance: web,
      applications: ["a1", "a2", "a3", "a4", "a5", "a6", "a7"],
      publicIpCount: 6,
      eipProps: { bandwidth: 10 },
    });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);
    const eips = resources(json, "alicloud_eip_address");
    expect(eips).toHaveLength(6);
    for (const [, e] of eips) expect(e.bandwidth).toBe("10");
    const assoc = resources(json, "alicloud_eip_association").map(([, a]) => a);
    expect(assoc).toHaveLength(6);
    for (const a of assoc) expect(a.mode).toBe("NAT");
    // Distinct private IPs, each the application's address.
    const bound = assoc.map((a) => a.private_ip_address);
    expect(new Set(bound).size).toBe(6);
    const inst = onlyResource(json, "alicloud_instance");
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    const [eniName] = resources(json, "alicloud_ecs_network_interface")[0];
    for (const a of assoc.slice(0, 5)) {
      expect(a.instance_id).toBe(`\${alicloud_instance.${nameOf(web)}.network_interface_id}`);
      expect(inst.secondary_private_ips).toContain(a.private_ip_address);
    }
    expect(assoc[5].instance_id).toBe(`\${alicloud_ecs_network_interface.${eniName}.id}`);
    expect(assoc[5].private_ip_address).toBe(eni.primary_ip_address);
    expect(multi.publicIpOf("a6")).toBe(multi.eips[5]);
    expect(multi.publicIpOf("a7")).toBeUndefined();
    // Outputs: 7 private + 6 public.
    expect(Object.keys(json.output)).toHaveLength(13);
    expect(json.output.apps_a6_public_ip.value).toBe(`\${alicloud_eip_address.${nameOf(multi.eips[5])}.ip_address}`);
    expect(json.output.apps_a6_private_ip.value).toBe(eni.primary_ip_address);
    expect(json.output.apps_a7_public_ip).toBeUndefined();
  });

  test("publicIpCount above the number of addresses is rejected at construction", () => {
    const { stack, vswH, sg } = net();
    const web = instance(stack, "web", vswH, [sg]);
    expect(() => new MultiIpInstance(stack, "apps", { instance: web, privateIpCount: 2, publicIpCount: 3 })).toThrow(
      /\(error\) stack\/apps\n  publicIpCount is 3 but only 2 private IP\(s\) are requested/,
    );
  });

  test("imported instance and vSwitch: every address goes on secondary ENIs in the imported vSwitch, avoiding its used IPs", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "vpc", { vpcId: "vpc-bp1existing", cidrBlock: "172.16.0.0/16" });
    const vsw = VSwitch.fromVSwitchAttributes(stack, "vsw", {
      vswitchId: "vsw-bp1existing",
      vpc,
      zoneId: "cn-hangzhou-h",
      cidrBlock: "172.16.5.0/24",
      usedIps: ["172.16.5.1", "172.16.5.2", "172.16.5.3"],
    });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "sg", { securityGroupId: "sg-bp1existing", vpc, type: "normal" });
    const legacy = EcsInstance.fromEcsInstanceAttributes(stack, "legacy", { instanceId: "i-bp1legacy", instanceType: "ecs.g7.large", vswitch: vsw, privateIp: "172.16.5.5" });
    expect(MultiIpInstance.capacityOf(legacy)).toBe(12);
    const multi = new MultiIpInstance(stack, "apps", { instance: legacy, applications: ["x", "y", "z", "w"], securityGroups: [sg] });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);
    expect(resources(json, "alicloud_instance")).toHaveLength(0);
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    expect(eni.vswitch_id).toBe("vsw-bp1existing");
    expect(eni.security_group_ids).toEqual(["sg-bp1existing"]);
    const addresses = [eni.primary_ip_address, ...eni.private_ip_addresses];
    expect(addresses).toHaveLength(4);
    expectUsableAndDistinct(addresses, "172.16.5.0/24");
    for (const used of ["172.16.5.1", "172.16.5.2", "172.16.5.3"]) expect(addresses).not.toContain(used);
    expect(addresses).not.toContain("172.16.5.5"); // the imported instance's own primary IP
    expect(addresses.sort()).toEqual(["172.16.5.4", "172.16.5.6", "172.16.5.7", "172.16.5.8"]);
    expect(onlyResource(json, "alicloud_ecs_network_interface_attachment").instance_id).toBe("i-bp1legacy");
    expect(multi.addressOf("x")).toBe(multi.networkInterfaces[0].primaryIp);
  });

  test("imported instance that already has ENIs: the planner counts them (ENI-COUNT)", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "vpc", { vpcId: "vpc-bp1existing", cidrBlock: "172.16.0.0/16" });
    const vsw = VSwitch.fromVSwitchAttributes(stack, "vsw", { vswitchId: "vsw-bp1existing", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "172.16.5.0/24" });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "sg", { securityGroupId: "sg-bp1existing", vpc, type: "normal" });
    const legacy = EcsInstance.fromEcsInstanceAttributes(stack, "legacy", { instanceId: "i-bp1legacy", instanceType: "ecs.g7.large", vswitch: vsw, attachedEniCount: 2 });
    expect(MultiIpInstance.capacityOf(legacy)).toBe(6);
    new MultiIpInstance(stack, "six", { instance: legacy, privateIpCount: 6, securityGroups: [sg] });
    expect(errorIds(app)).toEqual([]);
    new MultiIpInstance(stack, "one-more", { instance: legacy, privateIpCount: 1, securityGroups: [sg] });
    expect(errorIds(app)).toEqual(["ENI-COUNT"]);
  });

  test("imported instance without securityGroups is rejected when ENIs are needed", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
    const vsw = new VSwitch(stack, "vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    const legacy = EcsInstance.fromEcsInstanceAttributes(stack, "legacy", { instanceId: "i-bp1legacy", instanceType: "ecs.g7.large", vswitch: vsw });
    const e = thrown(() => new MultiIpInstance(stack, "apps", { instance: legacy, privateIpCount: 2 }));
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toMatch(/^\(error\) stack\/apps\n  2 of the 2 address\(es\) need secondary ENIs, but instance stack\/legacy is imported.*Pass securityGroups/);
  });

  test("the secondary ENIs can use another vSwitch and other security groups", () => {
    const { stack, vpc, vswH, sg } = net();
    const vsw2 = new VSwitch(stack, "vsw-h2", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.3.0/24" });
    const sg2 = new SecurityGroup(stack, "sg2", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(8080) }] });
    const web = instance(stack, "web", vswH, [sg]);
    new MultiIpInstance(stack, "apps", { instance: web, privateIpCount: 8, vswitch: vsw2, securityGroups: [sg2] });
    const json = synthJson(stack);
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    expect(eni.vswitch_id).toBe(`\${alicloud_vswitch.${nameOf(vsw2)}.id}`);
    expect(eni.security_group_ids).toEqual([`\${alicloud_security_group.${nameOf(sg2)}.id}`]);
    expectUsableAndDistinct([eni.primary_ip_address, ...eni.private_ip_addresses], "10.0.3.0/24");
    expect(eni.primary_ip_address).toBe("10.0.3.3"); // keys "...#app:ip-7", "...#app:ip-8" sort before "...#primary"
  });

  test("an unknown instance type fails synth (ENI-TYPE-UNKNOWN), so a layout on guessed limits is never emitted or locked", () => {
    const { app, stack, vswH, sg } = net();
    const odd = instance(stack, "odd", vswH, [sg], "ecs.g7.xlarg");
    expect(MultiIpInstance.capacityOf(odd)).toBeUndefined();
    new MultiIpInstance(stack, "apps", { instance: odd, privateIpCount: 8 });
    expect(errorIds(app)).toEqual(["ENI-TYPE-UNKNOWN"]);
    expect(() => synthJson(stack)).toThrow(/ENI-TYPE-UNKNOWN[\s\S]*ecs\.g7\.xlarg[\s\S]*Nearest known: ecs\.g7\.xlarge/);
  });

  test("under allowUnknownInstanceTypes, MultiIpInstance refuses to lay addresses out on guessed limits", () => {
    const { stack, vswH, sg } = net({ allowUnknownInstanceTypes: true });
    const odd = instance(stack, "odd", vswH, [sg], "ecs.g7.xlarg");
    const e = thrown(() => new MultiIpInstance(stack, "apps", { instance: odd, privateIpCount: 8 })) as EniConfigError;
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.ruleId).toBe("ENI-TYPE-UNKNOWN");
    expect(e.message).toMatch(/^\[ENI-TYPE-UNKNOWN\] \(error\) stack\/apps\n  instance type ecs\.g7\.xlarg of stack\/odd is not in the catalog/);
    expect(e.message).toContain("Nearest known: ecs.g7.xlarge");
    expect(e.message).toContain(
      'Fix: If you meant ecs.g7.xlarge, fix the name; otherwise add the type\'s limits: EniPlanner.configure(app, { catalog: InstanceTypeCatalog.builtIn().withTypes([{ name: "ecs.g7.xlarg"',
    );
  });

  test("a type added with withTypes is laid out by its own limits", () => {
    const catalog = InstanceTypeCatalog.builtIn().withTypes([{ name: "ecs.zz9.large", eniQuantity: 3, privateIpv4PerEni: 4, source: "test" }]);
    const { app, stack, vswH, sg } = net({ catalog });
    const odd = instance(stack, "odd", vswH, [sg], "ecs.zz9.large");
    expect(MultiIpInstance.capacityOf(odd)).toBe(3 + 2 * 4);
    const multi = new MultiIpInstance(stack, "apps", { instance: odd, privateIpCount: 8 });
    expect(multi.networkInterfaces).toHaveLength(2);
    expect(errorIds(app)).toEqual([]);
    expect(findings(app).warnings).toEqual([]);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_instance").secondary_private_ips).toHaveLength(3);
    expect(resources(json, "alicloud_ecs_network_interface").map(([, e]) => (e.private_ip_addresses ?? []).length)).toEqual([3, 0]);
  });

  test("the documented order: list order picks the ENI, alphabetical order of names the address", () => {
    const { stack, vswH, sg } = net();
    const web = instance(stack, "web", vswH, [sg]); // ecs.g7.large: 5 secondary slots on the primary ENI
    const multi = new MultiIpInstance(stack, "apps", { instance: web, applications: ["zeta", "alpha", "mid", "omega", "beta", "last"] });
    const json = synthJson(stack);
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    expect(multi.networkInterfaceOf("last")).toBe(multi.networkInterfaces[0]); // the 6th in list order goes to the secondary ENI
    expect(multi.networkInterfaceOf("zeta")).toBeUndefined();
    const primary = onlyResource(json, "alicloud_instance").secondary_private_ips as string[];
    const byName = ["alpha", "beta", "mid", "omega", "zeta"].map((a) => primary[multi.applications.filter((x) => x !== "last").indexOf(a)]);
    expect(byName).toEqual([...byName].sort((a, b) => Number(a.split(".")[3]) - Number(b.split(".")[3])));
    expect(eni.primary_ip_address).toMatch(/^10\.0\.1\.\d+$/);
  });

  test("an instance type given as a token also gets the default layout", () => {
    const { app, stack, vswH, sg } = net();
    const type = new TerraformVariable(stack, "type", { type: "string" }).stringValue;
    const odd = instance(stack, "odd", vswH, [sg], type);
    const multi = new MultiIpInstance(stack, "apps", { instance: odd, privateIpCount: 6 });
    expect(multi.networkInterfaces).toHaveLength(1);
    expect(errorIds(app)).toEqual([]);
    expect(findings(app).warnings.map((w) => w.ruleId)).toContain("ENI-UNKNOWN-VALUE");
  });

  test("secondary IPs already on the primary ENI are counted before filling it", () => {
    const { app, stack, vswH, sg } = net();
    const web = new EcsInstance(stack, "web", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vswH, securityGroups: [sg], secondaryPrivateIpCount: 3 });
    const multi = new MultiIpInstance(stack, "apps", { instance: web, privateIpCount: 3 });
    expect(multi.networkInterfaces).toHaveLength(1);
    expect(multi.networkInterfaceOf("ip-2")).toBeUndefined();
    expect(multi.networkInterfaceOf("ip-3")).toBe(multi.networkInterfaces[0]);
    expect(errorIds(app)).toEqual([]);
    expect(onlyResource(synthJson(stack), "alicloud_instance").secondary_private_ips).toHaveLength(5);
  });

  test.each([
    [{ privateIpCount: 2, applications: ["a"] }, /privateIpCount \(2\) and applications \(1\) cannot both be set/],
    [{}, /neither privateIpCount nor applications is set/],
    [{ applications: [] }, /applications has 0 item\(s\); expected at least 1/],
    [{ applications: ["web", "web"] }, /applications\[1\] "web" is given twice/],
    [{ applications: ["ok", ""] }, /applications\[1\] is ""; expected 1 to 63 letters/],
    [{ applications: ["a#b"] }, /applications\[0\] is "a#b"/],
    [{ privateIpCount: 0 }, /privateIpCount is 0; expected a whole number from 1 to 1000/],
    [{ privateIpCount: 2.5 }, /privateIpCount is 2.5/],
    [{ privateIpCount: 2, securityGroups: [] }, /securityGroups has 0 item\(s\)/],
  ])("invalid props %j are rejected naming the construct", (extra, message) => {
    const { stack, vswH, sg } = net();
    const web = instance(stack, "web", vswH, [sg]);
    const e = thrown(() => new MultiIpInstance(stack, "apps", { instance: web, ...(extra as object) }));
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toMatch(/^\(error\) stack\/apps\n  /);
    expect(e.message).toMatch(message);
  });

  test("output names are <id>_<application>_private_ip; a clash in one stack is rejected", () => {
    const { stack, vswH, sg } = net();
    const web = instance(stack, "web", vswH, [sg], "ecs.g7.xlarge");
    new MultiIpInstance(stack, "apps", { instance: web, applications: ["v1.api"] });
    const e = thrown(() => new MultiIpInstance(new Construct(stack, "team-b"), "apps", { instance: web, applications: ["v1_api"] }));
    expect(e).toBeInstanceOf(EniConfigError);
    expect(e.message).toMatch(/^\(error\) stack\/team-b\/apps\n  output name "apps_v1_api_private_ip" is already used by stack\/apps in the same stack/);
  });

  test("a missing instance and unknown application names are reported clearly", () => {
    const { stack, vswH, sg } = net();
    expect(() => new MultiIpInstance(stack, "none", { instance: undefined as any, privateIpCount: 1 })).toThrow(/\(error\) stack\/none\n  instance is undefined; expected an ECS instance/);
    const multi = new MultiIpInstance(stack, "apps", { instance: instance(stack, "web", vswH, [sg]), applications: ["web"] });
    expect(() => multi.addressOf("db")).toThrow(/no application named "db"; known: web/);
    expect(() => multi.publicIpOf("db")).toThrow(/no application named "db"/);
  });
});
