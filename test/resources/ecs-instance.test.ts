import { show } from "../../src/show";
import { TerraformVariable } from "../../src/cdktf";
import { EcsInstance, NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { onlyResource, resources, synthJson } from "../support/synth";
import { expectConfigError, freshStack, network, ref } from "./helpers";

const BASE = { instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd" };

describe("EcsInstance", () => {
  test("emits alicloud_instance with every prop and a concrete planned private_ip", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const sg2 = new SecurityGroup(stack, "Sg2", { vpc: vswitch.vpc });
    const vm = new EcsInstance(stack, "Vm", {
      ...BASE,
      vswitch,
      securityGroups: [sg, sg2],
      name: "web-1",
      systemDiskCategory: "cloud_essd",
      systemDiskSize: 40,
      instanceChargeType: "PrePaid",
      internetMaxBandwidthOut: 10,
      internetChargeType: "PayByTraffic",
      keyName: "ops-key",
      userData: "#cloud-config\npackages: [nginx]\n",
      tags: { role: "web" },
    });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_instance")).toEqual({
      instance_type: "ecs.g7.large",
      image_id: "aliyun_3_x64_20G_alibase_20240819.vhd",
      vswitch_id: ref(stack, vswitch.resource),
      security_groups: [ref(stack, sg.resource), ref(stack, sg2.resource)],
      private_ip: "10.0.1.1",
      instance_name: "web-1",
      system_disk_category: "cloud_essd",
      system_disk_size: 40,
      instance_charge_type: "PrePaid",
      internet_max_bandwidth_out: 10,
      internet_charge_type: "PayByTraffic",
      key_name: "ops-key",
      user_data: "#cloud-config\npackages: [nginx]\n",
      tags: { role: "web" },
    });
    expect(vm.instanceType).toBe("ecs.g7.large");
    expect(vm.vswitch).toBe(vswitch);
    expect(vm.privateIp.role).toBe("primary");
    expect(vm.secondaryPrivateIps).toEqual([]);
    expect(vm.canAddSecondaryPrivateIps).toBe(true);
  });

  test("minimal props: PostPaid by default, nothing else invented", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg] });
    expect(onlyResource(synthJson(stack), "alicloud_instance")).toEqual({
      ...{ instance_type: BASE.instanceType, image_id: BASE.imageId },
      vswitch_id: ref(stack, vswitch.resource),
      security_groups: [ref(stack, sg.resource)],
      private_ip: "10.0.1.1",
      instance_charge_type: "PostPaid",
    });
  });

  test("secondaryPrivateIpCount plans concrete secondary_private_ips, never the count", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const vm = new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: 3 });
    const i = onlyResource(synthJson(stack), "alicloud_instance");
    expect(i.private_ip).toBe("10.0.1.1");
    expect(i.secondary_private_ips).toEqual(["10.0.1.2", "10.0.1.3", "10.0.1.4"]);
    expect(i).not.toHaveProperty("secondary_private_ip_address_count");
    expect(vm.secondaryPrivateIps.map((a) => a.role)).toEqual(["secondary-1", "secondary-2", "secondary-3"]);
  });

  test("explicit privateIp and secondaryPrivateIps are honoured as given; planned addresses avoid them", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    new EcsInstance(stack, "A", { ...BASE, vswitch, securityGroups: [sg], privateIp: "10.0.1.1", secondaryPrivateIps: ["10.0.1.3", "10.0.1.200"] });
    new EcsInstance(stack, "B", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: 2 });
    const json = synthJson(stack);
    const byName = Object.fromEntries(resources(json, "alicloud_instance").map(([n, r]) => [n.split("_")[0], r]));
    expect(byName.A.private_ip).toBe("10.0.1.1");
    expect(byName.A.secondary_private_ips).toEqual(["10.0.1.3", "10.0.1.200"]);
    expect(byName.A).not.toHaveProperty("secondary_private_ip_address_count");
    expect(byName.B.private_ip).toBe("10.0.1.2");
    expect(byName.B.secondary_private_ips).toEqual(["10.0.1.4", "10.0.1.5"]);
    expect(byName.B).not.toHaveProperty("secondary_private_ip_address_count");
  });

  test("addSecondaryPrivateIps adds planned addresses with the given roles", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const vm = new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
    const added = vm.addSecondaryPrivateIps(["web", "api"]);
    expect(added.map((a) => a.role)).toEqual(["web", "api"]);
    expect(vm.secondaryPrivateIps.map((a) => a.role)).toEqual(["secondary-1", "web", "api"]);
    const i = onlyResource(synthJson(stack), "alicloud_instance");
    // Allocation is in sorted key order: Vm#api, Vm#primary, Vm#secondary-1, Vm#web.
    expect(i.private_ip).toBe("10.0.1.2");
    expect(i.secondary_private_ips).toEqual(["10.0.1.3", "10.0.1.4", "10.0.1.1"]);
    expect(new Set([i.private_ip, ...i.secondary_private_ips]).size).toBe(4);
  });

  test("with an unknown vSwitch CIDR the cloud picks: count only, no addresses (never both)", () => {
    const { stack } = freshStack();
    const cidr = new TerraformVariable(stack, "vsw_cidr", { type: "string" });
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
    const vswitch = VSwitch.fromVSwitchAttributes(stack, "VSwitch", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: cidr.stringValue });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-1", vpc, type: "normal" });
    new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: 2 });
    expect(onlyResource(synthJson(stack), "alicloud_instance")).toEqual({
      instance_type: BASE.instanceType,
      image_id: BASE.imageId,
      vswitch_id: "vsw-1",
      security_groups: ["sg-1"],
      secondary_private_ip_address_count: 2,
      instance_charge_type: "PostPaid",
    });
  });

  describe("fromEcsInstanceAttributes", () => {
    test("emits nothing for the instance; attachments reference the given id; its privateIp is never planned", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const vm = EcsInstance.fromEcsInstanceAttributes(stack, "Vm", {
        instanceId: "i-bp1existing",
        instanceType: "ecs.g7.large",
        vswitch,
        privateIp: "10.0.1.1",
        primaryNetworkInterfaceId: "eni-bp1primary",
        attachedEniCount: 2,
      });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], instance: vm });
      const json = synthJson(stack);
      expect(resources(json, "alicloud_instance")).toEqual([]);
      expect(onlyResource(json, "alicloud_ecs_network_interface_attachment")).toEqual({
        instance_id: "i-bp1existing",
        network_interface_id: ref(stack, eni.resource),
      });
      expect(onlyResource(json, "alicloud_ecs_network_interface").primary_ip_address).toBe("10.0.1.2");
      expect(vm.instanceId).toBe("i-bp1existing");
      expect(vm.primaryNetworkInterfaceId).toBe("eni-bp1primary");
      expect(vm.canAddSecondaryPrivateIps).toBe(false);
      expect(vm.secondaryPrivateIps).toEqual([]);
      expect(vm.fact).toMatchObject({ imported: true, existingEniCount: 2, instanceType: "ecs.g7.large" });
    });

    test("without privateIp the instance has no known address", () => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      const vm = EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch });
      expect(vm.privateIp).toBeUndefined();
      expect(vm.primaryNetworkInterfaceId).toBeUndefined();
      expect(vm.fact.existingEniCount).toBe(1);
    });

    test("addSecondaryPrivateIps throws", () => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      const vm = EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch });
      expectConfigError(() => vm.addSecondaryPrivateIps(["web"]), "stack/Vm", "imported instance", "NetworkInterface");
    });

    test.each([
      ["fd00::5", "IPv6"],
      ["10.0.1.300", "not four decimal octets"],
    ])("rejects privateIp %j", (ip, why) => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      expectConfigError(() => EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch, privateIp: ip }), "stack/Vm", JSON.stringify(ip), why);
    });

    test.each([[0], [1.5], [65]])("rejects attachedEniCount %j", (n) => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      expectConfigError(
        () => EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch, attachedEniCount: n }),
        "stack/Vm",
        `attachedEniCount is ${n}`,
      );
    });

    test("rejects an empty instanceType", () => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      expectConfigError(() => EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-1", instanceType: "", vswitch }), "stack/Vm", 'instanceType ""');
    });
  });

  describe("rejects at construction", () => {
    test.each([
      ["privateIp", { privateIp: "fd00::1" }, '"fd00::1"', "IPv6"],
      ["privateIp", { privateIp: "10.0.1" }, '"10.0.1"', "not four decimal octets"],
      ["secondaryPrivateIps", { secondaryPrivateIps: ["10.0.1.9", "2001:db8::9"] }, '"2001:db8::9"', "secondaryPrivateIps[1]"],
    ])("IPv6 / malformed %s", (_what, props, value, why) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], ...props }), "stack/Vm", value, why);
    });

    test("zero security groups", () => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      expectConfigError(() => new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [] }), "stack/Vm", "securityGroups is empty", "1 to 5");
    });

    test("both secondaryPrivateIpCount and secondaryPrivateIps", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(
        () => new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1, secondaryPrivateIps: ["10.0.1.9"] }),
        "stack/Vm",
        "secondaryPrivateIpCount and secondaryPrivateIps cannot both be set",
      );
    });

    test.each([
      ["", "it is empty"],
      ["g7.large", 'it does not start with "ecs."'],
      ["ecs.", 'it has nothing after "ecs."'],
      ["ecs.g7 .large", "it contains whitespace"],
    ])("instanceType %j (the provider only takes ecs.<family>.<size>)", (instanceType, why) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new EcsInstance(stack, "Vm", { ...BASE, instanceType, vswitch, securityGroups: [sg] }), "stack/Vm", `instanceType ${JSON.stringify(instanceType)}`, why);
    });

    test.each([[-1], [1.5], [50], [1000], [Number.NaN]])("secondaryPrivateIpCount %j", (n) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: n }), "stack/Vm", `secondaryPrivateIpCount is ${show(n)}`, "0 to 49");
    });

    test("a token secondaryPrivateIpCount (the planner must know the count)", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const n = new TerraformVariable(stack, "n", { type: "number" });
      expectConfigError(
        () => new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: n.numberValue }),
        "stack/Vm",
        "secondaryPrivateIpCount is a Terraform token",
      );
    });

    test("secondaryPrivateIpCount 49 is accepted at construction", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expect(new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: 49 }).secondaryPrivateIps).toHaveLength(49);
    });

    test.each([[""], ["   "]])("instanceType %j", (instanceType) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new EcsInstance(stack, "Vm", { ...BASE, instanceType, vswitch, securityGroups: [sg] }), "stack/Vm", `instanceType ${JSON.stringify(instanceType)}`, "ecs.g7.large");
    });

    test.each([[""], ["a"], ["  "]])("name %j", (name) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], name }), "stack/Vm", `name ${JSON.stringify(name)}`);
    });
  });

  describe("addSecondaryPrivateIps rejects", () => {
    const make = () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      return new EcsInstance(stack, "Vm", { ...BASE, vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
    };
    test("a role already added", () => {
      const vm = make();
      vm.addSecondaryPrivateIps(["web"]);
      expectConfigError(() => vm.addSecondaryPrivateIps(["web"]), "stack/Vm", '"web"', "unique");
    });
    test("a role repeated in one call", () => {
      expectConfigError(() => make().addSecondaryPrivateIps(["api", "api"]), "stack/Vm", '"api"');
    });
    test("the role of a counted secondary", () => {
      expectConfigError(() => make().addSecondaryPrivateIps(["secondary-1"]), "stack/Vm", '"secondary-1"');
    });
    test("the primary address's role", () => {
      expectConfigError(() => make().addSecondaryPrivateIps(["primary"]), "stack/Vm", '"primary"');
    });
    test.each([[""], ["  "], ["a#b"]])("role %j", (role) => {
      expectConfigError(() => make().addSecondaryPrivateIps([role]), "stack/Vm", `role ${JSON.stringify(role)}`);
    });
  });
});
