import { TerraformOutput, TerraformVariable, Token } from "../../src/cdktf";
import { AttachmentTarget, EcsInstance, NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { onlyResource, resources, synthJson } from "../support/synth";
import { expectConfigError, freshStack, network, ref } from "./helpers";

const VM = { instanceType: "ecs.g7.large", imageId: "img-1" };

describe("NetworkInterface", () => {
  test("emits alicloud_ecs_network_interface with concrete addresses and current field names only", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const sg2 = new SecurityGroup(stack, "Sg2", { vpc: vswitch.vpc });
    const eni = new NetworkInterface(stack, "Eni", {
      vswitch,
      securityGroups: [sg, sg2],
      secondaryPrivateIpCount: 2,
      name: "data-eni",
      description: "data plane",
      sourceDestCheck: false,
      sourceDestCheckReason: "NAT instance forwarding for 10.0.2.0/24",
      tags: { plane: "data" },
    });
    const json = synthJson(stack);
    const e = onlyResource(json, "alicloud_ecs_network_interface");
    expect(e).toEqual({
      vswitch_id: ref(stack, vswitch.resource),
      security_group_ids: [ref(stack, sg.resource), ref(stack, sg2.resource)],
      primary_ip_address: "10.0.1.1",
      private_ip_addresses: ["10.0.1.2", "10.0.1.3"],
      network_interface_name: "data-eni",
      description: "data plane",
      source_dest_check: false,
      tags: { plane: "data" },
    });
    for (const deprecated of ["name", "private_ip", "private_ips", "private_ips_count", "secondary_private_ip_address_count"]) {
      expect(e).not.toHaveProperty(deprecated);
    }
    expect(resources(json, "alicloud_ecs_network_interface_attachment")).toEqual([]);
    expect(eni.attachment).toBeUndefined();
    expect(eni.privateIps.map((a) => a.role)).toEqual(["primary", "secondary-1", "secondary-2"]);
  });

  test("deleteOnRelease writes delete_on_release (both values); unset leaves the provider default; a non-boolean is rejected", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const keep = new NetworkInterface(stack, "Keep", { vswitch, securityGroups: [sg], deleteOnRelease: false });
    new NetworkInterface(stack, "Drop", { vswitch, securityGroups: [sg], deleteOnRelease: true });
    const plain = new NetworkInterface(stack, "Plain", { vswitch, securityGroups: [sg] });
    const byName = Object.fromEntries(resources(synthJson(stack), "alicloud_ecs_network_interface").map(([n, r]) => [n.split("_")[0], r]));
    expect(byName.Keep.delete_on_release).toBe(false);
    expect(byName.Drop.delete_on_release).toBe(true);
    expect(byName.Plain).not.toHaveProperty("delete_on_release");
    expect([keep.fact.deleteOnRelease, plain.fact.deleteOnRelease]).toEqual([false, undefined]);
    expectConfigError(
      () => new NetworkInterface(stack, "Bad", { vswitch, securityGroups: [sg], deleteOnRelease: "no" as unknown as boolean }),
      "stack/Bad",
      'deleteOnRelease is "no"; expected true or false',
    );
  });

  test("minimal ENI: no secondary addresses, no count", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
    expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface")).toEqual({
      vswitch_id: ref(stack, vswitch.resource),
      security_group_ids: [ref(stack, sg.resource)],
      primary_ip_address: "10.0.1.1",
    });
  });

  test("explicit primaryIp and secondaryPrivateIps are honoured as given", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    new NetworkInterface(stack, "A", { vswitch, securityGroups: [sg], primaryIp: "10.0.1.100", secondaryPrivateIps: ["10.0.1.101", "10.0.1.1"] });
    new NetworkInterface(stack, "B", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
    const byName = Object.fromEntries(resources(synthJson(stack), "alicloud_ecs_network_interface").map(([n, r]) => [n.split("_")[0], r]));
    expect(byName.A.primary_ip_address).toBe("10.0.1.100");
    expect(byName.A.private_ip_addresses).toEqual(["10.0.1.101", "10.0.1.1"]);
    expect(byName.B.primary_ip_address).toBe("10.0.1.2");
    expect(byName.B.private_ip_addresses).toEqual(["10.0.1.3"]);
  });

  test("PrivateIpAddress.address is a token that synthesizes to the planned address", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
    new TerraformOutput(stack, "primary", { value: eni.primaryIp.address });
    new TerraformOutput(stack, "secondary", { value: eni.secondaryPrivateIps[0].address });
    expect(Token.isUnresolved(eni.primaryIp.address)).toBe(true);
    expect(eni.primaryIp.owner).toBe(eni);
    expect(eni.primaryIp.slot).toMatchObject({ key: "stack/Eni#primary", role: "primary", vswitch: vswitch.fact });
    expect(eni.secondaryPrivateIps[0].slot.key).toBe("stack/Eni#secondary-1");
    const json = synthJson(stack);
    expect(json.output).toEqual({ primary: { value: "10.0.1.1" }, secondary: { value: "10.0.1.2" } });
  });

  test("addSecondaryPrivateIps adds planned addresses", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
    const [web, db] = eni.addSecondaryPrivateIps(["web", "db"]);
    expect([web.role, db.role]).toEqual(["web", "db"]);
    expect(eni.secondaryPrivateIps).toEqual([web, db]);
    const e = onlyResource(synthJson(stack), "alicloud_ecs_network_interface");
    // Sorted key order: Eni#db, Eni#primary, Eni#web.
    expect(e.primary_ip_address).toBe("10.0.1.2");
    expect(e.private_ip_addresses).toEqual(["10.0.1.3", "10.0.1.1"]);
  });

  test("with an unknown vSwitch CIDR the count is emitted instead of addresses (never both)", () => {
    const { stack } = freshStack();
    const cidr = new TerraformVariable(stack, "vsw_cidr", { type: "string" });
    const vpc = Vpc.fromVpcAttributes(stack, "Vpc", { vpcId: "vpc-1", cidrBlock: "10.0.0.0/16" });
    const vswitch = VSwitch.fromVSwitchAttributes(stack, "VSwitch", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: cidr.stringValue });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "Sg", { securityGroupId: "sg-1", vpc, type: "normal" });
    new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 3 });
    expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface")).toEqual({
      vswitch_id: "vsw-1",
      security_group_ids: ["sg-1"],
      secondary_private_ip_address_count: 3,
    });
  });

  describe("attachment", () => {
    test("instance prop emits alicloud_ecs_network_interface_attachment without lifecycle", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const vm = new EcsInstance(stack, "Vm", { ...VM, vswitch, securityGroups: [sg] });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], instance: vm });
      const json = synthJson(stack);
      expect(onlyResource(json, "alicloud_ecs_network_interface_attachment")).toEqual({
        instance_id: ref(stack, vm.resource),
        network_interface_id: ref(stack, eni.resource),
      });
      expect(eni.attachment).toBeDefined();
      expect(stack.getLogicalId(eni.attachment!)).toBe(resources(json, "alicloud_ecs_network_interface_attachment")[0][0]);
      expect(eni.fact.attachments).toEqual([{ path: "stack/Eni/Attachment", candidates: [vm.fact], switchable: false, active: vm.fact }]);
    });

    test("attachTo an instance", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const vm = new EcsInstance(stack, "Vm", { ...VM, vswitch, securityGroups: [sg] });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      const att = eni.attachTo(vm, { id: "Primary" });
      expect(att.node.path).toBe("stack/Eni/Primary");
      expect(eni.attachment).toBe(att);
      expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface_attachment")).toEqual({
        instance_id: ref(stack, vm.resource),
        network_interface_id: ref(stack, eni.resource),
      });
    });

    test("AttachmentTarget.oneOf with ignoreInstanceChanges emits lifecycle.ignore_changes = [instance_id]", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const a = new EcsInstance(stack, "A", { ...VM, vswitch, securityGroups: [sg] });
      const b = new EcsInstance(stack, "B", { ...VM, vswitch, securityGroups: [sg] });
      const active = new TerraformVariable(stack, "active_instance", { type: "string" });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      eni.attachTo(AttachmentTarget.oneOf([a, b], { instanceId: active.stringValue, ignoreInstanceChanges: true }));
      expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface_attachment")).toEqual({
        instance_id: "${var.active_instance}",
        network_interface_id: ref(stack, eni.resource),
        lifecycle: { ignore_changes: ["instance_id"] },
      });
      expect(eni.fact.attachments).toEqual([{ path: "stack/Eni/Attachment", candidates: [a.fact, b.fact], switchable: true }]);
    });

    test("AttachmentTarget.oneOf without ignoreInstanceChanges emits no lifecycle", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const a = new EcsInstance(stack, "A", { ...VM, vswitch, securityGroups: [sg] });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      eni.attachTo(AttachmentTarget.oneOf([a], { instanceId: "${var.active}" }));
      const att = onlyResource(synthJson(stack), "alicloud_ecs_network_interface_attachment");
      expect(att).toEqual({ instance_id: "${var.active}", network_interface_id: ref(stack, eni.resource) });
    });

    test("AttachmentTarget shapes", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const a = new EcsInstance(stack, "A", { ...VM, vswitch, securityGroups: [sg] });
      const single = AttachmentTarget.instance(a);
      expect([single.candidates, single.instanceId, single.switchable, single.ignoreInstanceChanges]).toEqual([[a], a.instanceId, false, false]);
      const list = [a];
      const one = AttachmentTarget.oneOf(list, { instanceId: "${var.x}", ignoreInstanceChanges: true });
      list.pop();
      expect([one.candidates, one.instanceId, one.switchable, one.ignoreInstanceChanges]).toEqual([[a], "${var.x}", true, true]);
    });

    test("AttachmentTarget.oneOf records the candidate active at synth and how it is chosen, for the plan report", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const a = new EcsInstance(stack, "A", { ...VM, vswitch, securityGroups: [sg] });
      const b = new EcsInstance(stack, "B", { ...VM, vswitch, securityGroups: [sg] });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      eni.attachTo(AttachmentTarget.oneOf([a, b], { instanceId: "${var.x}", active: b, activeChosenBy: "default of var.x" }));
      expect(eni.fact.attachments).toEqual([{ path: "stack/Eni/Attachment", candidates: [a.fact, b.fact], switchable: true, active: b.fact, activeChosenBy: "default of var.x" }]);
    });

    test("AttachmentTarget.oneOf with an active instance that is not a candidate is rejected, naming both", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const a = new EcsInstance(stack, "A", { ...VM, vswitch, securityGroups: [sg] });
      const c = new EcsInstance(stack, "C", { ...VM, vswitch, securityGroups: [sg] });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      expectConfigError(() => eni.attachTo(AttachmentTarget.oneOf([a], { instanceId: "${var.x}", active: c })), "stack/Eni", "stack/C", "is not one of its candidates (stack/A)");
      expect(eni.fact.attachments).toEqual([]);
    });

    test("AttachmentTarget.oneOf([]) is rejected where it is used, naming the ENI", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      expectConfigError(() => eni.attachTo(AttachmentTarget.oneOf([], { instanceId: "${var.active}" })), "stack/Eni", "oneOf", "([])");
      expect(eni.fact.attachments).toEqual([]);
    });

    test("an empty oneOf instanceId is rejected", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const a = new EcsInstance(stack, "A", { ...VM, vswitch, securityGroups: [sg] });
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      expectConfigError(() => eni.attachTo(AttachmentTarget.oneOf([a], { instanceId: " " })), "stack/Eni", 'instanceId " "');
    });
  });

  describe("rejects at construction", () => {
    test.each([
      [{ primaryIp: "fd00::10" }, '"fd00::10"', "primaryIp"],
      [{ primaryIp: "10.0.1.256" }, '"10.0.1.256"', "primaryIp"],
      [{ secondaryPrivateIps: ["::ffff:10.0.1.5"] }, '"::ffff:10.0.1.5"', "secondaryPrivateIps[0]"],
      [{ secondaryPrivateIps: ["10.0.1.5", "fe80::1"] }, '"fe80::1"', "secondaryPrivateIps[1]"],
    ])("address %j", (props, value, what) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], ...props }), "stack/Eni", value, what);
    });

    test("IPv6 primaryIp says IPv4 is needed", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], primaryIp: "fd00::10" }), "stack/Eni", "IPv6", "IPv4");
    });

    test("zero security groups", () => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      expectConfigError(() => new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [] }), "stack/Eni", "securityGroups is empty", "1 to 5");
    });

    test("both secondaryPrivateIpCount and secondaryPrivateIps", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(
        () => new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 2, secondaryPrivateIps: ["10.0.1.9"] }),
        "stack/Eni",
        "secondaryPrivateIpCount and secondaryPrivateIps cannot both be set",
      );
    });

    test.each([[-1], [0.5], [50], [1e6]])("secondaryPrivateIpCount %j", (n) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: n }), "stack/Eni", `secondaryPrivateIpCount is ${n}`, "0 to 49");
    });

    test.each([[""], ["x"], ["\t\t"]])("name %j", (name) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(() => new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], name }), "stack/Eni", `name ${JSON.stringify(name)}`);
    });
  });

  describe("addSecondaryPrivateIps rejects", () => {
    const make = () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      return new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
    };
    test.each([["primary"], ["secondary-1"]])("the existing role %j", (role) => {
      expectConfigError(() => make().addSecondaryPrivateIps([role]), "stack/Eni", `"${role}"`, "unique");
    });
    test("a duplicate role across calls and within a call", () => {
      const eni = make();
      eni.addSecondaryPrivateIps(["web"]);
      expectConfigError(() => eni.addSecondaryPrivateIps(["web"]), "stack/Eni", '"web"');
      expectConfigError(() => make().addSecondaryPrivateIps(["x", "x"]), "stack/Eni", '"x"');
    });
    test.each([[""], ["a#b"]])("role %j", (role) => {
      expectConfigError(() => make().addSecondaryPrivateIps([role]), "stack/Eni", `role ${JSON.stringify(role)}`);
    });
  });
});
