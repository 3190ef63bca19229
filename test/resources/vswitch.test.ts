import { EcsInstance, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { onlyResource, resources, synthJson } from "../support/synth";
import { expectConfigError, freshStack, ref } from "./helpers";

describe("VSwitch", () => {
  test("emits alicloud_vswitch with vpc_id reference, zone_id (not availability_zone), cidr_block, name, description, tags", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    const vsw = new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", name: "app-h", description: "app subnet", tags: { tier: "app" } });
    const json = synthJson(stack);
    const v = onlyResource(json, "alicloud_vswitch");
    expect(v).toEqual({
      vpc_id: ref(stack, vpc.resource),
      zone_id: "cn-hangzhou-h",
      cidr_block: "10.0.1.0/24",
      vswitch_name: "app-h",
      description: "app subnet",
      tags: { tier: "app" },
    });
    expect(v).not.toHaveProperty("availability_zone");
    expect(v).not.toHaveProperty("name");
    expect(vsw.vpc).toBe(vpc);
    expect(vsw.zoneId).toBe("cn-hangzhou-h");
    expect(vsw.cidrBlock).toBe("10.0.1.0/24");
    expect(vsw.fact).toMatchObject({ kind: "vswitch", imported: false, poolId: "stack/VSwitch", usedIps: [] });
  });

  test("vswitchId references the new vSwitch's id in dependants", () => {
    const { stack } = freshStack();
    const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
    const vsw = new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
    const sg = new SecurityGroup(stack, "Sg", { vpc });
    new EcsInstance(stack, "Vm", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [sg] });
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_vswitch")).toEqual({ vpc_id: ref(stack, vpc.resource), zone_id: "cn-hangzhou-h", cidr_block: "10.0.1.0/24" });
    expect(onlyResource(json, "alicloud_instance").vswitch_id).toBe(ref(stack, vsw.resource));
  });

  describe("fromVSwitchAttributes", () => {
    test("emits nothing for the vSwitch; dependants reference the given id; planned addresses skip usedIps", () => {
      const { stack } = freshStack();
      const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-bp1abc", cidrBlock: "10.0.0.0/16" });
      const vsw = VSwitch.fromVSwitchAttributes(stack, "VSwitch", {
        vswitchId: "vsw-bp1abc",
        vpc,
        zoneId: "cn-hangzhou-h",
        cidrBlock: "10.0.1.0/24",
        usedIps: ["10.0.1.1", "10.0.1.2", "10.0.1.4"],
      });
      const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-bp1abc", vpc, type: "normal" });
      new EcsInstance(stack, "Vm", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: 2 });
      const json = synthJson(stack);
      expect(resources(json, "alicloud_vswitch")).toEqual([]);
      expect(resources(json, "alicloud_vpc")).toEqual([]);
      expect(resources(json, "alicloud_security_group")).toEqual([]);
      const vm = onlyResource(json, "alicloud_instance");
      expect(vm.vswitch_id).toBe("vsw-bp1abc");
      expect(vm.security_groups).toEqual(["sg-bp1abc"]);
      // .1, .2 and .4 are used outside the program: primary gets .3, the secondaries .5 and .6.
      expect(vm.private_ip).toBe("10.0.1.3");
      expect(vm.secondary_private_ips).toEqual(["10.0.1.5", "10.0.1.6"]);
      expect(vsw.vswitchId).toBe("vsw-bp1abc");
      expect(vsw.fact).toMatchObject({ imported: true, poolId: "vsw-bp1abc", usedIps: ["10.0.1.1", "10.0.1.2", "10.0.1.4"] });
    });

    test("without usedIps the first usable address is planned", () => {
      const { stack } = freshStack();
      const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-bp1abc", cidrBlock: "10.0.0.0/16" });
      const vsw = VSwitch.fromVSwitchAttributes(stack, "VSwitch", { vswitchId: "vsw-bp1abc", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
      const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-bp1abc", vpc, type: "normal" });
      new EcsInstance(stack, "Vm", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [sg] });
      expect(onlyResource(synthJson(stack), "alicloud_instance").private_ip).toBe("10.0.1.1");
    });

    test.each([
      ["fd00::1", "IPv6"],
      ["10.0.1", "not four decimal octets"],
      ["", "empty"],
    ])("rejects usedIps entry %j", (ip, why) => {
      const { stack } = freshStack();
      const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
      expectConfigError(
        () => VSwitch.fromVSwitchAttributes(stack, "VSwitch", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", usedIps: ["10.0.1.9", ip] }),
        "stack/VSwitch",
        JSON.stringify(ip),
        "usedIps[1]",
        why,
      );
    });

    test("rejects an invalid CIDR and an empty zoneId", () => {
      const { stack } = freshStack();
      const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
      expectConfigError(() => VSwitch.fromVSwitchAttributes(stack, "A", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/33" }), "stack/A", '"10.0.1.0/33"');
      expectConfigError(() => VSwitch.fromVSwitchAttributes(stack, "B", { vswitchId: "vsw-2", vpc, zoneId: "", cidrBlock: "10.0.1.0/24" }), "stack/B", 'zoneId ""', "is empty");
    });
  });

  describe("rejects at construction", () => {
    test.each([
      ["10.0.1.0", "expected a.b.c.d/prefix"],
      ["10.0.1.0/33", "longer than 32"],
      ["10.0.1.1/24", "host bits are set"],
      ["300.0.1.0/24", "not four decimal octets"],
      ["fd00:1::/64", "IPv6"],
    ])("CIDR %j", (cidr, why) => {
      const { stack } = freshStack();
      const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
      expectConfigError(() => new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: cidr }), "stack/VSwitch", JSON.stringify(cidr), why);
    });

    test.each([[""], ["   "]])("zoneId %j", (zoneId) => {
      const { stack } = freshStack();
      const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
      expectConfigError(() => new VSwitch(stack, "VSwitch", { vpc, zoneId, cidrBlock: "10.0.1.0/24" }), "stack/VSwitch", `zoneId ${JSON.stringify(zoneId)}`, "cn-hangzhou-h");
    });

    test.each([[""], ["a"], ["  \t "]])("name %j", (name) => {
      const { stack } = freshStack();
      const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
      expectConfigError(() => new VSwitch(stack, "VSwitch", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", name }), "stack/VSwitch", `name ${JSON.stringify(name)}`);
    });
  });
});
