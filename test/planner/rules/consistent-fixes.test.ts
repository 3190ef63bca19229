import { NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../../src";
import { SegmentedInstance } from "../../../src/scenarios";
import { EniPlanner, renderPlanMarkdown } from "../../../src/planner";
import { buildReports } from "../../../src/planner/report";
import { testApp, testStack } from "../../support/synth";
import { ecs, inspect, net, nic, only } from "../planner-helpers";

/** Fix texts never contradict another finding on the same cause: the root cause comes first. */
describe("fixes that depend on a broken premise", () => {
  test("ENI-ZONE does not suggest a zone that ENI-ZONE-REGION says is outside the region, and comes after it (synth error, eni-plan.json)", () => {
    const app = testApp(); // provider region cn-hangzhou
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    const far = new VSwitch(stack, "Far", { vpc: n.vpc, zoneId: "cn-shanghai-b", cidrBlock: "10.0.9.0/24" });
    nic(stack, "Eni", { ...n, vsw: far }, { instance: web });
    const r = inspect(app);
    expect(only(r, "ENI-ZONE-REGION").path).toBe("stack/Far");
    const zone = only(r, "ENI-ZONE");
    // ENI-ZONE-REGION may be fixed either way (a zone of cn-hangzhou, or the provider's region): the zone to share depends on it.
    expect(zone.fix).toBe("First fix ENI-ZONE-REGION on stack/Far, then put the ENI's vSwitch and every instance it may be attached to in one zone of the region.");
    expect(zone.fix).not.toContain("cn-shanghai-b");
    // By path stack/Eni sorts before stack/Far: the root cause's layer (zone) puts it first.
    expect(r.errors.map((f) => f.ruleId)).toEqual(["ENI-ZONE-REGION", "ENI-ZONE"]);
    let thrown: Error | undefined;
    try {
      app.synth();
    } catch (e) {
      thrown = e as Error;
    }
    expect(thrown?.message).toMatch(/\[ENI-ZONE-REGION\] \(error\) stack\/Far[\s\S]*\[ENI-ZONE\] \(error\) stack\/Eni/);
    const report = buildReports(EniPlanner.of(app).model(), r).get("stack")!;
    expect(report.findings.map((f) => f.ruleId)).toEqual(["ENI-ZONE-REGION", "ENI-ZONE"]);
    expect(renderPlanMarkdown(report).indexOf("ENI-ZONE-REGION")).toBeLessThan(renderPlanMarkdown(report).indexOf("| ENI-ZONE |"));
  });

  test("with both zones in the region, ENI-ZONE offers both ways", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = ecs(stack, "Web", n.vsw, [n.sg]);
    const other = new VSwitch(stack, "Other", { vpc: n.vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.9.0/24" });
    nic(stack, "Eni", { ...n, vsw: other }, { instance: web });
    expect(only(inspect(app), "ENI-ZONE").fix).toBe("Use a vSwitch in cn-hangzhou-h for this ENI, or place the instance in cn-hangzhou-i.");
  });

  test("ENI-VSW-IN-VPC does not suggest a block inside a VPC CIDR that ENI-VPC-CIDR forbids, and comes after it", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "100.64.0.0/16" });
    new VSwitch(stack, "Subnet", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" }); // stack/Subnet sorts before stack/Vpc by path
    const r = inspect(app);
    expect(only(r, "ENI-VPC-CIDR").message).toContain("overlaps the forbidden range 100.64.0.0/10");
    const f = only(r, "ENI-VSW-IN-VPC");
    expect(f.fix).toBe("First fix ENI-VPC-CIDR on stack/Vpc, then pick a vSwitch block inside the new VPC CIDR.");
    expect(f.fix).not.toContain("100.64");
    expect(r.errors.map((x) => x.ruleId)).toEqual(["ENI-VPC-CIDR", "ENI-VSW-IN-VPC"]);
  });

  test("with a valid VPC CIDR, ENI-VSW-IN-VPC names the block to pick from", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.1.1.0/24" });
    expect(only(inspect(app), "ENI-VSW-IN-VPC").fix).toBe("Pick a block inside 10.0.0.0/16.");
  });

  test("one VPC imported twice with two CIDRs: ENI-VSW-IN-VPC does not pick a block inside the disputed one", () => {
    const app = testApp();
    const a = testStack(app, "a");
    const b = testStack(app, "b");
    Vpc.fromVpcAttributes(a, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.8.0.0/16" });
    const vpcB = Vpc.fromVpcAttributes(b, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.9.0.0/16" });
    VSwitch.fromVSwitchAttributes(b, "Vsw", { vswitchId: "vsw-1", vpc: vpcB, zoneId: "cn-hangzhou-h", cidrBlock: "10.8.1.0/24" });
    const r = inspect(app);
    expect(only(r, "ENI-IMPORT-MISMATCH").path).toBe("b/Vpc");
    expect(only(r, "ENI-VSW-IN-VPC").fix).toBe("First fix ENI-IMPORT-MISMATCH on b/Vpc, then check the vSwitch's block against the VPC CIDR the imports agree on.");
    expect(r.errors.map((f) => f.ruleId)).toEqual(["ENI-IMPORT-MISMATCH", "ENI-VSW-IN-VPC"]);
  });

  test("one vSwitch imported twice with two CIDRs: an address outside the one the ENI uses points at the mismatch", () => {
    const app = testApp();
    const a = testStack(app, "a");
    const b = testStack(app, "b");
    const vpcA = Vpc.fromVpcAttributes(a, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.8.0.0/16" });
    const vpcB = Vpc.fromVpcAttributes(b, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.8.0.0/16" });
    VSwitch.fromVSwitchAttributes(a, "Vsw", { vswitchId: "vsw-1", vpc: vpcA, zoneId: "cn-hangzhou-h", cidrBlock: "10.8.1.0/24", usedIps: [] });
    const vswB = VSwitch.fromVSwitchAttributes(b, "Vsw", { vswitchId: "vsw-1", vpc: vpcB, zoneId: "cn-hangzhou-h", cidrBlock: "10.8.2.0/24", usedIps: [] });
    const sg = new SecurityGroup(b, "Sg", { vpc: vpcB, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
    new NetworkInterface(b, "Eni", { vswitch: vswB, securityGroups: [sg], primaryIp: "10.8.2.10" }); // inside b's description, outside a's
    const r = inspect(app);
    expect(only(r, "ENI-IMPORT-MISMATCH").path).toBe("b/Vsw");
    const outside = only(r, "ENI-IP-OUTSIDE");
    expect(outside.path).toBe("b/Eni");
    expect(outside.fix).toBe("First fix ENI-IMPORT-MISMATCH on b/Vsw, then use an address inside the vSwitch's CIDR the imports agree on, or leave it out to have one planned.");
    expect(r.errors.map((f) => f.ruleId)).toEqual(["ENI-IMPORT-MISMATCH", "ENI-IP-OUTSIDE"]);
  });

  function planeApp(secondaryPrivateIpCount: number) {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const server = ecs(stack, "Server", n.vsw, [n.sg]);
    const mgmt = new SecurityGroup(stack, "Mgmt", { vpc: n.vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22) }] });
    new SegmentedInstance(stack, "planes", { instance: server, planes: [{ name: "business", vswitch: n.vsw, securityGroups: [mgmt], secondaryPrivateIpCount }] });
    return inspect(app);
  }

  test("a SegmentedInstance plane is never told to spread addresses over more ENIs (ENI-IP-COUNT, ENI-IP-CREATE)", () => {
    const count = only(planeApp(6), "ENI-IP-COUNT");
    expect(count.path).toBe("stack/planes/business/Eni");
    expect(count.fix).toBe("Give plane business at most 5 secondary private IPs (a plane is one ENI), or use a type with more addresses per ENI.");
    const create = only(planeApp(11), "ENI-IP-CREATE");
    expect(create.fix).toBe("Give plane business at most 10 secondary IPs (a plane is one ENI), or raise maxSecondaryIpsAtCreation if your region accepts more.");
    expect(create.fix).not.toContain("more ENIs");
  });

  test("a plain ENI is still offered more ENIs", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Eni", n, { secondaryPrivateIpCount: 11 });
    expect(only(inspect(app), "ENI-IP-CREATE").fix).toContain("spread the rest over more ENIs");
  });
});
