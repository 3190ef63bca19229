import { EcsInstance, Eip, NetworkInterface } from "../../src/resources";
import { EniPlanner } from "../../src/planner";

import { onlyResource, resources, synthJson } from "../support/synth";
import { expectConfigError, freshStack, network, ref } from "./helpers";

const VM = { instanceType: "ecs.g7.large", imageId: "img-1" };

describe("Eip", () => {
  test("emits alicloud_eip_address with bandwidth as a string and the defaults", () => {
    const { stack } = freshStack();
    const eip = new Eip(stack, "Eip");
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_eip_address")).toEqual({ bandwidth: "5", internet_charge_type: "PayByTraffic", payment_type: "PayAsYouGo" });
    expect(resources(json, "alicloud_eip_association")).toEqual([]);
    expect(eip.association).toBeUndefined();
  });

  test("emits every prop", () => {
    const { stack } = freshStack();
    new Eip(stack, "Eip", { bandwidth: 100, internetChargeType: "PayByBandwidth", paymentType: "Subscription", name: "web-eip", description: "public web", tags: { env: "prod" } });
    const e = onlyResource(synthJson(stack), "alicloud_eip_address");
    expect(e).toEqual({
      bandwidth: "100",
      internet_charge_type: "PayByBandwidth",
      payment_type: "Subscription",
      address_name: "web-eip",
      description: "public web",
      tags: { env: "prod" },
    });
    expect(typeof e.bandwidth).toBe("string");
    expect(e).not.toHaveProperty("name");
  });

  test("associate to an ENI binds its primary planned address in NAT mode", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
    const eip = new Eip(stack, "Eip");
    const assoc = eip.associate(eni);
    expect(eip.association).toBe(assoc);
    const json = synthJson(stack);
    expect(onlyResource(json, "alicloud_eip_association")).toEqual({
      allocation_id: ref(stack, eip.resource),
      instance_id: ref(stack, eni.resource),
      instance_type: "NetworkInterface",
      mode: "NAT",
      private_ip_address: "10.0.1.1",
    });
    expect(onlyResource(json, "alicloud_ecs_network_interface").primary_ip_address).toBe("10.0.1.1");
  });

  test("associate to a chosen secondary PrivateIpAddress binds its concrete planned address", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 2 });
    new Eip(stack, "Eip").associate(eni, eni.secondaryPrivateIps[1]);
    const json = synthJson(stack);
    const e = onlyResource(json, "alicloud_ecs_network_interface");
    expect(e.private_ip_addresses).toEqual(["10.0.1.2", "10.0.1.3"]);
    expect(onlyResource(json, "alicloud_eip_association").private_ip_address).toBe("10.0.1.3");
  });

  test("associate with an explicit address string of the ENI", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIps: ["10.0.1.50"] });
    new Eip(stack, "Eip").associate(eni, "10.0.1.50");
    expect(onlyResource(synthJson(stack), "alicloud_eip_association").private_ip_address).toBe("10.0.1.50");
  });

  test("associate to an EcsInstance binds its primary ENI id and planned addresses", () => {
    const { stack } = freshStack();
    const { vswitch, sg } = network(stack);
    const vm = new EcsInstance(stack, "Vm", { ...VM, vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
    const [web] = vm.addSecondaryPrivateIps(["web"]);
    const primary = new Eip(stack, "Primary");
    primary.associate(vm);
    const second = new Eip(stack, "Web");
    second.associate(vm, web);
    const json = synthJson(stack);
    const i = onlyResource(json, "alicloud_instance");
    expect(i.private_ip).toBe("10.0.1.1");
    expect(i.secondary_private_ips).toEqual(["10.0.1.2", "10.0.1.3"]);
    const byName = Object.fromEntries(resources(json, "alicloud_eip_association").map(([n, r]) => [n.split("_")[0], r]));
    const eniId = `\${alicloud_instance.${stack.getLogicalId(vm.resource)}.network_interface_id}`;
    expect(byName.Primary).toEqual({ allocation_id: ref(stack, primary.resource), instance_id: eniId, instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.1" });
    expect(byName.Web).toEqual({ allocation_id: ref(stack, second.resource), instance_id: eniId, instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.3" });
  });

  test("associate to an imported EcsInstance with primaryNetworkInterfaceId and privateIp", () => {
    const { stack } = freshStack();
    const { vswitch } = network(stack);
    const vm = EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch, privateIp: "10.0.1.77", primaryNetworkInterfaceId: "eni-bp1primary" });
    const eip = new Eip(stack, "Eip");
    eip.associate(vm);
    expect(onlyResource(synthJson(stack), "alicloud_eip_association")).toEqual({
      allocation_id: ref(stack, eip.resource),
      instance_id: "eni-bp1primary",
      instance_type: "NetworkInterface",
      mode: "NAT",
      private_ip_address: "10.0.1.77",
    });
  });

  describe("rejects at construction", () => {
    test.each([[0], [-5], [2.5], [10001]])("bandwidth %j", (bandwidth) => {
      const { stack } = freshStack();
      expectConfigError(() => new Eip(stack, "Eip", { bandwidth }), "stack/Eip", `bandwidth ${bandwidth}`, "Mbit/s from 1 to 10000");
    });

    test.each([[""], ["a"], ["   "]])("name %j", (name) => {
      const { stack } = freshStack();
      expectConfigError(() => new Eip(stack, "Eip", { name }), "stack/Eip", `name ${JSON.stringify(name)}`);
    });

    test("associating twice", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
      const eip = new Eip(stack, "Eip");
      eip.associate(eni);
      expectConfigError(() => eip.associate(eni, eni.secondaryPrivateIps[0]), "stack/Eip", "already associated");
      expect(resources(synthJson(stack), "alicloud_eip_association")).toHaveLength(1);
    });

    test("an imported instance without primaryNetworkInterfaceId", () => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      const vm = EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch, privateIp: "10.0.1.77" });
      expectConfigError(() => new Eip(stack, "Eip").associate(vm), "stack/Eip", "stack/Vm", "primaryNetworkInterfaceId");
    });

    test("an imported instance without privateIp and no address given", () => {
      const { stack } = freshStack();
      const { vswitch } = network(stack);
      const vm = EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-1", instanceType: "ecs.g7.large", vswitch, primaryNetworkInterfaceId: "eni-1" });
      expectConfigError(() => new Eip(stack, "Eip").associate(vm), "stack/Eip", "stack/Vm", "primary private IP is unknown");
    });

    test.each([
      ["fd00::1", "IPv6"],
      ["10.0.1", "not four decimal octets"],
    ])("an address string %j", (ip, why) => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      expectConfigError(() => new Eip(stack, "Eip").associate(eni, ip), "stack/Eip", JSON.stringify(ip), why);
    });
  });

  describe("fromEipAttributes", () => {
    test("an existing EIP is associated by its allocation id; nothing else is emitted; the planner counts it, marked imported", () => {
      const { app, stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg] });
      const old = Eip.fromEipAttributes(stack, "Old", { allocationId: "eip-bp1existing", ipAddress: "47.96.1.2" });
      old.associate(eni);
      const json = synthJson(stack);
      expect(resources(json, "alicloud_eip_address")).toEqual([]);
      expect(onlyResource(json, "alicloud_eip_association")).toEqual({
        allocation_id: "eip-bp1existing",
        instance_id: ref(stack, eni.resource),
        instance_type: "NetworkInterface",
        mode: "NAT",
        private_ip_address: "10.0.1.1",
      });
      expect(old.ipAddress).toBe("47.96.1.2");
      const facts = EniPlanner.of(app).inspect();
      expect(facts.findings).toEqual([]);
      const model = EniPlanner.of(app).model();
      expect(model.eips.map((e) => [e.path, e.imported, e.mode, e.associationPath])).toEqual([["stack/Old", true, "NAT", "stack/Old/Association"]]);
    });

    test("imported EIPs count toward ENI-EIP-QUOTA", () => {
      const { app, stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const eni = new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [sg], secondaryPrivateIpCount: 1 });
      EniPlanner.configure(app, { eipQuota: 1 });
      Eip.fromEipAttributes(stack, "A", { allocationId: "eip-a" }).associate(eni);
      new Eip(stack, "B").associate(eni, eni.secondaryPrivateIps[0]);
      expect(
        EniPlanner.of(app)
          .inspect()
          .findings.map((f) => f.ruleId),
      ).toEqual(["ENI-EIP-QUOTA"]);
    });

    test("an allocation id is required", () => {
      const { stack } = freshStack();
      expectConfigError(() => Eip.fromEipAttributes(stack, "Bad", { allocationId: undefined as unknown as string }), "stack/Bad", "allocationId is undefined");
    });
  });
});
