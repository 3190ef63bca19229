import { TerraformOutput } from "../../src/cdktf";
import { EniPlanner } from "../../src/planner";
import { EcsInstance, HaVip, NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { inspect, only, withRule } from "../planner/planner-helpers";
import { onlyResource, resources, synthJson } from "../support/synth";
import { expectConfigError, freshStack, network, ref } from "./helpers";

const VM = { instanceType: "ecs.g7.large", imageId: "img-1" };

describe("HaVip", () => {
  test("emits alicloud_vpc_ha_vip (not the deprecated alicloud_havip) with vswitch_id, a concrete planned ip_address, ha_vip_name and description", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
    const vip = new HaVip(stack, "Vip", { vswitch, name: "db-vip", description: "keepalived VIP" });
    const json = synthJson(stack);
    const h = onlyResource(json, "alicloud_vpc_ha_vip");
    expect(h).toEqual({
      vswitch_id: ref(stack, vswitch.resource),
      ip_address: "10.0.1.2",
      ha_vip_name: "db-vip",
      description: "keepalived VIP",
    });
    expect(h).not.toHaveProperty("havip_name");
    expect(onlyResource(json, "alicloud_ecs_network_interface").primary_ip_address).toBe("10.0.1.1");
    expect(resources(json, "alicloud_havip_attachment")).toEqual([]);
    expect(vip.ip.role).toBe("vip");
  });

  test("an explicit ipAddress is honoured as given; planned addresses avoid it", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    new HaVip(stack, "Vip", { vswitch, ipAddress: "10.0.1.1" });
    new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc_ha_vip")).toEqual({ vswitch_id: ref(stack, vswitch.resource), ip_address: "10.0.1.1" });
    expect(onlyResource(json, "alicloud_ecs_network_interface").primary_ip_address).toBe("10.0.1.2");
  });

  test("attach emits alicloud_havip_attachment with instance_type NetworkInterface or EcsInstance", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const vm = new EcsInstance(stack, "Vm", { ...VM, vswitch, securityGroups: [sg] });
    const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
    const vip = new HaVip(stack, "Vip", { vswitch }); // members of one HaVip are all ENIs or all instances
    const vip2 = new HaVip(stack, "Vip2", { vswitch });
    const a1 = vip.attach(eni);
    const a2 = vip2.attach(vm, "ToVm");
    expect([a1.node.path, a2.node.path]).toEqual(["stack/Vip/Attachment1", "stack/Vip2/ToVm"]);
    const json = synthJson(stack);
    const byName = Object.fromEntries(resources(json, "alicloud_havip_attachment").map(([n, r]) => [n.replace(/_[0-9A-F]{8}$/, ""), r]));
    expect(byName).toEqual({
      Vip_Attachment1: { ha_vip_id: ref(stack, vip.resource), instance_id: ref(stack, eni.resource), instance_type: "NetworkInterface" },
      Vip2_ToVm: { ha_vip_id: ref(stack, vip2.resource), instance_id: ref(stack, vm.resource), instance_type: "EcsInstance" },
    });
    for (const [, r] of resources(json, "alicloud_havip_attachment")) expect(r).not.toHaveProperty("havip_id");
    expect(vip.fact.attachedTo).toEqual([eni.fact]);
    expect(vip2.fact.attachedTo).toEqual([vm.fact]);
  });

  test("attach to an imported instance and in an imported vSwitch references the given ids", () => {
    const { stack } = freshStack();
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
    const vswitch = VSwitch.fromVSwitchAttributes(stack, "VSwitch", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps: ["10.0.1.1"] });
    const vm = EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-bp1existing", instanceType: "ecs.g7.large", vswitch, privateIp: "10.0.1.2" });
    const vip = new HaVip(stack, "Vip", { vswitch });
    vip.attach(vm);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vpc_ha_vip")).toEqual({ vswitch_id: "vsw-1", ip_address: "10.0.1.3" });
    expect(onlyResource(json, "alicloud_havip_attachment")).toEqual({ ha_vip_id: ref(stack, vip.resource), instance_id: "i-bp1existing", instance_type: "EcsInstance" });
  });

  describe("rejects at construction", () => {
    test.each([
      ["fd00::100", "IPv6"],
      ["10.0.1.1/32", "not four decimal octets"],
      ["", "empty"],
    ])("ipAddress %j", (ipAddress, why) => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      expectConfigError(() => new HaVip(stack, "Vip", { vswitch, ipAddress }), "stack/Vip", JSON.stringify(ipAddress), "ipAddress", why);
    });

    test.each([[""], ["v"], ["  "]])("name %j", (name) => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      expectConfigError(() => new HaVip(stack, "Vip", { vswitch, name }), "stack/Vip", `name ${JSON.stringify(name)}`);
    });
  });

  describe("with imported ENIs (NetworkInterface.fromNetworkInterfaceAttributes)", () => {
    /** The standard network, a second vSwitch 10.0.2.0/24 in the same zone, and two existing ENIs in the first (eni-bp1a 10.0.1.7, eni-bp1b 10.0.1.8). */
    function withExisting() {
      const { app, stack } = freshStack();
      const { vpc, vswitch, sg } = network(stack);
      const other = new VSwitch(stack, "Other", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
      const imported = (id: string, networkInterfaceId: string, primaryIp: string, vsw: VSwitch = vswitch, groups: SecurityGroup[] = [sg]) =>
        NetworkInterface.fromNetworkInterfaceAttributes(stack, id, { networkInterfaceId, vswitch: vsw, securityGroups: groups, primaryIp });
      const a = imported("A", "eni-bp1a", "10.0.1.7");
      const b = imported("B", "eni-bp1b", "10.0.1.8");
      return { app, stack, vswitch, other, sg, imported, a, b };
    }

    test("attach and addStandby emit the imported ENI's id with instance_type NetworkInterface, on a new and on an imported HaVip; the planner counts them as members", () => {
      const { app, stack, vswitch, a, b } = withExisting();
      const vip = new HaVip(stack, "Vip", { vswitch });
      vip.attach(a);
      vip.addStandby(b);
      const old = HaVip.fromHaVipAttributes(stack, "Old", { haVipId: "havip-bp1old", vswitch, ipAddress: "10.0.1.100" });
      old.attach(b, "ToB");
      const json = synthJson(stack);
      const byName = Object.fromEntries(resources(json, "alicloud_havip_attachment").map(([n, r]) => [n.replace(/_[0-9A-F]{8}$/, ""), r]));
      expect(byName).toEqual({
        Vip_Attachment1: { ha_vip_id: ref(stack, vip.resource), instance_id: "eni-bp1a", instance_type: "NetworkInterface" },
        Vip_Attachment2: { ha_vip_id: ref(stack, vip.resource), instance_id: "eni-bp1b", instance_type: "NetworkInterface" },
        Old_ToB: { ha_vip_id: "havip-bp1old", instance_id: "eni-bp1b", instance_type: "NetworkInterface" },
      });
      expect(vip.fact.attachedTo).toEqual([a.fact, b.fact]);
      const model = EniPlanner.of(app).model();
      expect(model.havips.map((h) => [h.path, h.attachedTo.map((t) => t.path)])).toEqual([
        ["stack/Old", ["stack/B"]],
        ["stack/Vip", ["stack/A", "stack/B"]],
      ]);
      expect(model.notes).toEqual([]);
      expect(inspect(app).findings).toEqual([]);
    });

    test("an imported ENI in another vSwitch is ENI-HAVIP-VSWITCH (attach) or ENI-HAVIP-STANDBY (addStandby, on a new or an imported HaVip)", () => {
      const { app, stack, vswitch, other, imported } = withExisting();
      const far = imported("Far", "eni-bp1far", "10.0.2.7", other);
      const vip = new HaVip(stack, "Vip", { vswitch });
      vip.attach(far);
      const f = only(inspect(app), "ENI-HAVIP-VSWITCH");
      expect(f).toMatchObject({ severity: "error", path: "stack/Vip", message: "HaVip is in vSwitch stack/VSwitch but stack/Far is in vSwitch stack/Other." });
      expect(() => synthJson(stack)).toThrow(/ENI-HAVIP-VSWITCH/);

      const s = freshStack();
      const n = network(s.stack);
      const vsw2 = new VSwitch(s.stack, "Other", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
      const standby = NetworkInterface.fromNetworkInterfaceAttributes(s.stack, "Far", { networkInterfaceId: "eni-bp1far", vswitch: vsw2, securityGroups: [n.sg], primaryIp: "10.0.2.7" });
      expect(new HaVip(s.stack, "Vip", { vswitch: n.vswitch }).addStandby(standby)).toBeUndefined();
      expect(HaVip.fromHaVipAttributes(s.stack, "Old", { haVipId: "havip-bp1old", vswitch: n.vswitch, ipAddress: "10.0.1.100" }).addStandby(standby)).toBeUndefined();
      const standbys = withRule(inspect(s.app), "ENI-HAVIP-STANDBY");
      expect(standbys.map((x) => [x.path, x.message])).toEqual([
        ["stack/Old", "stack/Far is meant to take the HaVip over but is in vSwitch stack/Other, not stack/VSwitch; it cannot hold the virtual IP."],
        ["stack/Vip", "stack/Far is meant to take the HaVip over but is in vSwitch stack/Other, not stack/VSwitch; it cannot hold the virtual IP."],
      ]);
      expect(resources(synthJson(s.stack), "alicloud_havip_attachment")).toEqual([]);
    });

    test("imported ENIs count toward the member cap, with an imported HaVip's existing members (ENI-HAVIP-MEMBERS)", () => {
      const { app, stack, vswitch, a, b } = withExisting();
      const old = HaVip.fromHaVipAttributes(stack, "Old", { haVipId: "havip-bp1old", vswitch, ipAddress: "10.0.1.100", attachedMemberCount: 9 });
      old.attach(a);
      expect(withRule(inspect(app), "ENI-HAVIP-MEMBERS")).toEqual([]);
      old.attach(b);
      expect(only(inspect(app), "ENI-HAVIP-MEMBERS").message).toBe("HaVip is attached to 11 member(s) (9 attached outside this program); allowed: at most 10, all ENIs or all instances.");
    });

    test("an imported ENI attached twice is refused at construction; a member that is no ENI or instance names both imports", () => {
      const { stack, vswitch, a } = withExisting();
      const vip = new HaVip(stack, "Vip", { vswitch });
      vip.attach(a);
      expectConfigError(() => vip.attach(a), "stack/Vip", "stack/A is already attached to this HaVip");
      expectConfigError(
        () => vip.attach(vswitch as never),
        "stack/Vip",
        "attach target is the construct stack/VSwitch; expected a NetworkInterface (new NetworkInterface or NetworkInterface.fromNetworkInterfaceAttributes) or an ECS instance (new EcsInstance or EcsInstance.fromEcsInstanceAttributes).",
      );
      expectConfigError(
        () => vip.addStandby({ fact: { kind: "havip" } } as never),
        "stack/Vip",
        "standby is",
        "expected a NetworkInterface (new NetworkInterface or NetworkInterface.fromNetworkInterfaceAttributes)",
      );
    });
  });

  test("masterInstanceId reads master_instance_id of alicloud_vpc_ha_vip", () => {
    const { stack } = freshStack();
    const { vswitch } = network(stack);
    const vip = new HaVip(stack, "Vip", { vswitch });
    new TerraformOutput(stack, "master", { value: vip.masterInstanceId });
    const json = synthJson(stack);
    expect(json.output.master.value).toBe(`\${alicloud_vpc_ha_vip.${resources(json, "alicloud_vpc_ha_vip")[0][0]}.master_instance_id}`);
  });

  describe("fromHaVipAttributes", () => {
    test("an existing HaVip takes attachments by its id; its address is never handed out; nothing else is emitted", () => {
      const { app, stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const vip = HaVip.fromHaVipAttributes(stack, "Old", { haVipId: "havip-bp1old", vswitch, ipAddress: "10.0.1.1" });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      vip.attach(eni);
      const json = synthJson(stack);
      expect(resources(json, "alicloud_vpc_ha_vip")).toEqual([]);
      expect(onlyResource(json, "alicloud_havip_attachment")).toEqual({ ha_vip_id: "havip-bp1old", instance_id: ref(stack, eni.resource), instance_type: "NetworkInterface" });
      expect(onlyResource(json, "alicloud_ecs_network_interface").primary_ip_address).toBe("10.0.1.2");
      expect(vip.fact).toMatchObject({ imported: true, existingMemberCount: 0, existingEip: false, attachedTo: [eni.fact] });
      expect(vip.ip.slot).toMatchObject({ explicit: "10.0.1.1", existing: true });
      expect(EniPlanner.of(app).inspect().findings).toEqual([]);
    });

    test("haVipId, vswitch and ipAddress are required", () => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      expectConfigError(() => HaVip.fromHaVipAttributes(stack, "A", { haVipId: "havip-1", vswitch } as never), "stack/A", "ipAddress is undefined");
      expectConfigError(() => HaVip.fromHaVipAttributes(stack, "B", { vswitch, ipAddress: "10.0.1.9" } as never), "stack/B", "haVipId is undefined");
      expectConfigError(() => HaVip.fromHaVipAttributes(stack, "C", { haVipId: "havip-1", ipAddress: "10.0.1.9" } as never), "stack/C", "vswitch is undefined");
    });
  });
});
