import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformVariable } from "../../../src/cdktf";
import { EniPlanner } from "../../../src/planner";
import * as alicloud from "../../../src/provider";
import { Eip, EniSuppressions, NetworkInterface, Peer, Port, SecurityGroup } from "../../../src";
import { resources, synthJson, testApp, testStack } from "../../support/synth";
import { ecs, inspect, net, nic, only, withRule } from "../planner-helpers";

/** The planner judges what will be deployed: L1 resources and overrides count like L2 constructs. */
describe("the planner sees L1 resources and overrides", () => {
  function base() {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    return { app, stack, n };
  }
  const eniIps = (json: any) =>
    Object.fromEntries(resources(json, "alicloud_ecs_network_interface").map(([name, e]) => [name.split("_")[0], [e.primary_ip_address, ...(e.private_ip_addresses ?? [])]]));

  test("a raw L1 ENI with a literal address in a planned vSwitch is a fixed point: the planned ENI gets another address", () => {
    const { stack, n } = base();
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "Raw", { vswitchId: n.vsw.vswitchId, securityGroupIds: [n.sg.securityGroupId], primaryIpAddress: "10.0.1.1" });
    nic(stack, "Planned", n);
    const ips = eniIps(synthJson(stack));
    expect(ips.Raw).toEqual(["10.0.1.1"]);
    expect(ips.Planned[0]).not.toBe("10.0.1.1");
    expect(ips.Planned[0]).toMatch(/^10\.0\.1\.\d+$/);
  });

  test("a raw L1 ENI that repeats an explicit L2 address is a duplicate (ENI-IP-DUPLICATE)", () => {
    const { app, stack, n } = base();
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "Raw", { vswitchId: n.vsw.vswitchId, securityGroupIds: [n.sg.securityGroupId], primaryIpAddress: "10.0.1.7" });
    nic(stack, "Explicit", n, { primaryIp: "10.0.1.7" });
    const f = only(inspect(app), "ENI-IP-DUPLICATE");
    expect(f.message).toContain("10.0.1.7");
    expect(f.path === "stack/Raw" || f.path === "stack/Explicit").toBe(true);
  });

  test("a raw L1 ENI outside its vSwitch or on a reserved address is reported like an explicit L2 address", () => {
    const { app, stack, n } = base();
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "Outside", { vswitchId: n.vsw.vswitchId, securityGroupIds: [n.sg.securityGroupId], primaryIpAddress: "10.0.2.5" });
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "Reserved", { vswitchId: n.vsw.vswitchId, securityGroupIds: [n.sg.securityGroupId], primaryIpAddress: "10.0.1.255" });
    const r = inspect(app);
    expect(only(r, "ENI-IP-OUTSIDE").path).toBe("stack/Outside");
    expect(only(r, "ENI-IP-RESERVED").path).toBe("stack/Reserved");
  });

  test("an override of a planned address is honoured: checked as explicit, avoided by the others, and the lock records what is emitted", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-override-"));
    try {
      const lockFile = path.join(dir, "lock.json");
      const app = testApp({ lockFile });
      const stack = testStack(app);
      const n = net(stack);
      nic(stack, "A", n);
      const b = nic(stack, "B", n);
      b.resource.addOverride("primary_ip_address", "10.0.1.1"); // the address A would get
      app.synth();
      const json = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "stack", "cdk.tf.json"), "utf8"));
      const ips = eniIps(json);
      expect(ips.B[0]).toBe("10.0.1.1");
      expect(ips.A[0]).not.toBe("10.0.1.1");
      const lock = JSON.parse(fs.readFileSync(lockFile, "utf8")).allocations as Record<string, { address: string }>;
      expect(lock["stack/A#primary"].address).toBe(ips.A[0]);
      // The lock never claims an address for B other than the one emitted.
      expect(lock["stack/B#primary"] === undefined || lock["stack/B#primary"].address === "10.0.1.1").toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an override outside the vSwitch is reported (ENI-IP-OUTSIDE) on the L2 construct", () => {
    const { app, stack, n } = base();
    nic(stack, "A", n).resource.addOverride("primary_ip_address", "192.168.0.9");
    expect(only(inspect(app), "ENI-IP-OUTSIDE").path).toBe("stack/A");
  });

  test("an override of a non-address attribute keeps the plan", () => {
    const { stack, n } = base();
    const a = nic(stack, "A", n, { secondaryPrivateIpCount: 1 });
    a.resource.addOverride("description", "overridden");
    const e = resources(synthJson(stack), "alicloud_ecs_network_interface")[0][1];
    expect(e.description).toBe("overridden");
    expect(e.primary_ip_address).toBe("10.0.1.1");
    expect(e.private_ip_addresses).toEqual(["10.0.1.2"]);
  });

  test("an override of the ENI's vSwitch moves its checks to that vSwitch", () => {
    const { app, stack, n } = base();
    const other = net(stack, "cn-hangzhou-i", "Other");
    const inst = ecs(stack, "Vm", n.vsw, [n.sg]);
    const a = nic(stack, "A", n, { instance: inst });
    a.resource.addOverride("vswitch_id", other.vsw.vswitchId);
    a.resource.addOverride("security_group_ids", [other.sg.securityGroupId]);
    // Now in another VPC (and zone) than its instance.
    expect(only(inspect(app), "ENI-VPC").path).toBe("stack/A");
  });

  test("an L1 resource that references a planned address gets the concrete address", () => {
    const { stack, n } = base();
    const a = nic(stack, "A", n);
    const eip = new alicloud.eipAddress.EipAddress(stack, "RawEip", {});
    new alicloud.eipAssociation.EipAssociation(stack, "RawAssoc", {
      allocationId: eip.id,
      instanceId: a.networkInterfaceId,
      instanceType: "NetworkInterface",
      mode: "NAT",
      privateIpAddress: a.primaryIp.address,
    });
    const json = synthJson(stack);
    const assoc = resources(json, "alicloud_eip_association")[0][1];
    expect(assoc.private_ip_address).toBe("10.0.1.1");
  });

  test("an L1 attachment of an already attached library ENI to a second instance: ENI-ATTACH-ONCE", () => {
    const { app, stack, n } = base();
    const one = ecs(stack, "One", n.vsw, [n.sg]);
    const two = ecs(stack, "Two", n.vsw, [n.sg]);
    const a = nic(stack, "A", n, { instance: one });
    new alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment(stack, "RawAttach", { networkInterfaceId: a.networkInterfaceId, instanceId: two.instanceId });
    const f = only(inspect(app), "ENI-ATTACH-ONCE");
    expect(f.path).toBe("stack/A");
    expect(f.message).toContain("stack/RawAttach");
  });

  test("three library ENIs on an L1 ecs.c6.large instance (2 ENIs per instance): ENI-COUNT", () => {
    const { app, stack, n } = base();
    const raw = new alicloud.instance.Instance(stack, "RawVm", { instanceType: "ecs.c6.large", imageId: "img", vswitchId: n.vsw.vswitchId, securityGroups: [n.sg.securityGroupId] });
    for (const id of ["A", "B", "C"]) {
      const e = nic(stack, id, n);
      new alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment(stack, `${id}Attach`, { networkInterfaceId: e.networkInterfaceId, instanceId: raw.id });
    }
    const f = only(inspect(app), "ENI-COUNT");
    expect(f.path).toBe("stack/RawVm");
    expect(f.message).toContain("ecs.c6.large");
    // Neighbour: one ENI fits.
    const ok = base();
    const raw2 = new alicloud.instance.Instance(ok.stack, "RawVm", { instanceType: "ecs.c6.large", imageId: "img", vswitchId: ok.n.vsw.vswitchId, securityGroups: [ok.n.sg.securityGroupId] });
    const e = nic(ok.stack, "A", ok.n);
    new alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment(ok.stack, "AAttach", { networkInterfaceId: e.networkInterfaceId, instanceId: raw2.id });
    expect(withRule(inspect(ok.app), "ENI-COUNT")).toEqual([]);
  });

  test("an L1 instance's primary address is avoided by the planner and counted in its vSwitch", () => {
    const { stack, n } = base();
    new alicloud.instance.Instance(stack, "RawVm", { instanceType: "ecs.g7.large", imageId: "img", vswitchId: n.vsw.vswitchId, securityGroups: [n.sg.securityGroupId], privateIp: "10.0.1.1" });
    nic(stack, "A", n);
    expect(eniIps(synthJson(stack)).A[0]).toBe("10.0.1.2");
  });

  test("an L1 EIP association on a private IP that already carries a library EIP: ENI-EIP-PER-IP", () => {
    const { app, stack, n } = base();
    const a = nic(stack, "A", n);
    new Eip(stack, "Lib").associate(a);
    const raw = new alicloud.eipAddress.EipAddress(stack, "RawEip", {});
    new alicloud.eipAssociation.EipAssociation(stack, "RawAssoc", {
      allocationId: raw.id,
      instanceId: a.networkInterfaceId,
      instanceType: "NetworkInterface",
      mode: "NAT",
      privateIpAddress: a.primaryIp.address,
    });
    const f = only(inspect(app), "ENI-EIP-PER-IP");
    expect(f.path).toBe("stack/RawEip");
    expect(f.message).toContain("stack/Lib");
  });

  test("an L1 security-group rule that opens SSH to 0.0.0.0/0 in a management ENI's group: ENI-SEC-MGMT-OPEN", () => {
    const { app, stack, n } = base();
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22) }] });
    new NetworkInterface(stack, "Mgmt", { vswitch: n.vsw, securityGroups: [admin], management: true });
    expect(withRule(inspect(app), "ENI-SEC-MGMT-OPEN")).toEqual([]);
    new alicloud.securityGroupRule.SecurityGroupRule(stack, "OpenSsh", {
      securityGroupId: admin.securityGroupId,
      type: "ingress",
      ipProtocol: "tcp",
      portRange: "22/22",
      cidrIp: "0.0.0.0/0",
      policy: "accept",
      priority: 1,
    });
    const f = only(inspect(app), "ENI-SEC-MGMT-OPEN");
    expect(f.path).toBe("stack/Mgmt");
  });

  test("literal credentials in an L1 provider block (with an override) are reported", () => {
    const app = testApp();
    const stack = testStack(app);
    const p = stack.node.findChild("alicloud") as alicloud.provider.AlicloudProvider;
    p.addOverride("secret_key", "literal-secret");
    net(stack);
    const f = only(inspect(app), "ENI-SEC-CREDENTIALS");
    expect(f.message).toContain("secret_key");
  });

  test("a variable in an L1 address gives ENI-UNKNOWN-VALUE naming the expression, never a crash", () => {
    const { app, stack, n } = base();
    const v = new TerraformVariable(stack, "ip", { type: "string" });
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "Raw", { vswitchId: n.vsw.vswitchId, securityGroupIds: [n.sg.securityGroupId], primaryIpAddress: v.stringValue });
    const r = inspect(app);
    expect(r.errors).toEqual([]);
    expect(withRule(r, "ENI-UNKNOWN-VALUE").some((f) => f.path === "stack/Raw" && f.message.includes("${var.ip}"))).toBe(true);
  });

  test("an L1-only app is planned once EniPlanner.of(app) is called", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new alicloud.vpc.Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    const vsw = new alicloud.vswitch.Vswitch(stack, "Vsw", { vpcId: vpc.id, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    const sg = new alicloud.securityGroup.SecurityGroup(stack, "Sg", { vpcId: vpc.id });
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "A", { vswitchId: vsw.id, securityGroupIds: [sg.id], primaryIpAddress: "10.0.1.5" });
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "B", { vswitchId: vsw.id, securityGroupIds: [sg.id], primaryIpAddress: "10.0.1.5" });
    EniPlanner.of(stack);
    expect(only(inspect(app), "ENI-IP-DUPLICATE").message).toContain("10.0.1.5");
  });
});

describe("plans never go stale", () => {
  test("a rule added with addIngressRule after inspect() is seen by the next plan and by synth", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22) }] });
    new NetworkInterface(stack, "Mgmt", { vswitch: n.vsw, securityGroups: [admin], management: true });
    expect(withRule(inspect(app), "ENI-SEC-MGMT-OPEN")).toEqual([]);
    admin.addIngressRule(Peer.anyIpv4(), Port.tcp(22));
    expect(withRule(inspect(app), "ENI-SEC-MGMT-OPEN")).toHaveLength(1);
  });

  test("a new L1 resource after a synth is seen by the next synth", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "A", n);
    expect(synthJson(stack).resource.alicloud_ecs_network_interface).toBeDefined();
    new alicloud.ecsNetworkInterface.EcsNetworkInterface(stack, "Raw", { vswitchId: n.vsw.vswitchId, securityGroupIds: [n.sg.securityGroupId], primaryIpAddress: "10.0.1.1" });
    const json = synthJson(stack);
    const byName = Object.fromEntries(resources(json, "alicloud_ecs_network_interface").map(([k, e]) => [k.split("_")[0], e.primary_ip_address]));
    expect(byName.Raw).toBe("10.0.1.1");
    expect(byName.A).not.toBe("10.0.1.1");
  });

  test("an override after inspect() is seen by the next plan", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n);
    expect(inspect(app).errors).toEqual([]);
    a.resource.addOverride("primary_ip_address", "10.0.9.9");
    expect(only(inspect(app), "ENI-IP-OUTSIDE").path).toBe("stack/A");
  });

  test("suppressions written into the configuration apply in the plan", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }] });
    const m = new NetworkInterface(stack, "Mgmt", { vswitch: n.vsw, securityGroups: [admin], management: true });
    EniSuppressions.addSuppressions(m, [{ id: "ENI-SEC-MGMT-OPEN", reason: "Bastion subnet, reviewed in NET-42" }]);
    const f = only(inspect(app), "ENI-SEC-MGMT-OPEN");
    expect(f.suppressed).toEqual({ reason: "Bastion subnet, reviewed in NET-42", by: "stack/Mgmt" });
  });
});

describe("cross-stack references", () => {
  test("under app.synth() (cdktf's remote-state outputs), an ENI in another stack's vSwitch is counted in that vSwitch", () => {
    const app = testApp();
    const a = testStack(app, "a");
    const b = testStack(app, "b");
    const n = net(a);
    nic(a, "Eni", n, { primaryIp: "10.0.1.9" });
    nic(b, "Eni", n, { primaryIp: "10.0.1.9" });
    expect(() => app.synth()).toThrow(/ENI-IP-DUPLICATE[\s\S]*b\/Eni/);
  });
});
