import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformVariable } from "../../src/cdktf";
import { checkTerraform } from "../../src/cli/check";
import { EcsInstance, Eip, INetworkInterface, NetworkInterface } from "../../src/resources";
import { EniPlanner, EniSuppressions } from "../../src/planner";
import { inspect, only, withRule } from "../planner/planner-helpers";

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

  describe("with an imported ENI (NetworkInterface.fromNetworkInterfaceAttributes)", () => {
    /** A stack with the standard network and an existing ENI eni-bp1existing (10.0.1.7; secondaries 10.0.1.8, 10.0.1.9). */
    function withExisting(more: { privateIpsWithEip?: string[] } = {}): ReturnType<typeof freshStack> & { existing: INetworkInterface } {
      const { app, stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const existing = NetworkInterface.fromNetworkInterfaceAttributes(stack, "Existing", {
        networkInterfaceId: "eni-bp1existing",
        vswitch,
        securityGroups: [sg],
        primaryIp: "10.0.1.7",
        secondaryPrivateIps: ["10.0.1.8", "10.0.1.9"],
        ...more,
      });
      return { app, stack, existing };
    }

    test("NAT: binds the ENI's id and its primary, a stated secondary (PrivateIpAddress) or a stated address string, as literals; the planner resolves each to the ENI", () => {
      const { app, stack, existing } = withExisting();
      const primary = new Eip(stack, "Primary");
      primary.associate(existing);
      const secondary = new Eip(stack, "Secondary");
      secondary.associate(existing, existing.privateIps[1]);
      Eip.fromEipAttributes(stack, "Old", { allocationId: "eip-bp1old" }).associate(existing, "10.0.1.9");
      const json = synthJson(stack);
      const byName = Object.fromEntries(resources(json, "alicloud_eip_association").map(([n, r]) => [n.split("_")[0], r]));
      expect(byName).toEqual({
        Primary: { allocation_id: ref(stack, primary.resource), instance_id: "eni-bp1existing", instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.7" },
        Secondary: { allocation_id: ref(stack, secondary.resource), instance_id: "eni-bp1existing", instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.8" },
        Old: { allocation_id: "eip-bp1old", instance_id: "eni-bp1existing", instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.9" },
      });
      const model = EniPlanner.of(app).model();
      expect(model.eips.map((e) => [e.path, e.target?.path, e.target?.imported, e.imported])).toEqual([
        ["stack/Old", "stack/Existing", true, true],
        ["stack/Primary", "stack/Existing", true, false],
        ["stack/Secondary", "stack/Existing", true, false],
      ]);
      expect(model.notes).toEqual([]);
      expect(inspect(app).findings).toEqual([]);
    });

    test("an ENI id given as a token is emitted as the token and still resolves to the imported ENI", () => {
      const { app, stack } = freshStack();
      const { vswitch, sg } = network(stack);
      const id = new TerraformVariable(stack, "eni_id", { type: "string" });
      const existing = NetworkInterface.fromNetworkInterfaceAttributes(stack, "Existing", { networkInterfaceId: id.stringValue, vswitch, securityGroups: [sg], primaryIp: "10.0.1.7" });
      new Eip(stack, "Eip").associate(existing);
      expect(onlyResource(synthJson(stack), "alicloud_eip_association")).toMatchObject({ instance_id: "${var.eni_id}", instance_type: "NetworkInterface", private_ip_address: "10.0.1.7" });
      const model = EniPlanner.of(app).model();
      expect(model.eips.map((e) => e.target?.path)).toEqual(["stack/Existing"]);
      expect(model.notes).toEqual([]);
    });

    test("a second EIP on the same imported IP is ENI-EIP-PER-IP (as a PrivateIpAddress or as its address string); on another stated IP it passes", () => {
      const { app, stack, existing } = withExisting();
      new Eip(stack, "A").associate(existing);
      new Eip(stack, "B").associate(existing, existing.privateIps[1]);
      expect(withRule(inspect(app), "ENI-EIP-PER-IP")).toEqual([]);
      new Eip(stack, "C").associate(existing, "10.0.1.7");
      const f = only(inspect(app), "ENI-EIP-PER-IP");
      expect(f).toMatchObject({ severity: "error", path: "stack/C", message: "private IP stack/Existing#primary already carries EIP stack/A." });
      new Eip(stack, "D").associate(existing, existing.privateIps[1]);
      expect(withRule(inspect(app), "ENI-EIP-PER-IP").map((x) => x.message)).toEqual([
        "private IP stack/Existing#primary already carries EIP stack/A.",
        "private IP stack/Existing#secondary-ip-1 already carries EIP stack/B.",
      ]);
      expect(() => synthJson(stack)).toThrow(/ENI-EIP-PER-IP/);
    });

    test("privateIpsWithEip: an EIP on an address that carries one outside the program is ENI-EIP-PER-IP; other addresses pass; check sees it in the JSON", () => {
      const build = () => {
        const built = withExisting({ privateIpsWithEip: ["10.0.1.7"] });
        new Eip(built.stack, "Free").associate(built.existing, built.existing.privateIps[1]);
        return built;
      };
      const ok = build();
      expect(withRule(inspect(ok.app), "ENI-EIP-PER-IP")).toEqual([]);
      ok.app.synth();
      const file = path.join(ok.app.outdir, "stacks", "stack", "cdk.tf.json");
      const json = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(json["//"]["cdktf-alicloud-eni"].imports.find((i: { kind: string }) => i.kind === "eni")).toMatchObject({ ipsWithEip: ["10.0.1.7"] });

      const bad = build();
      new Eip(bad.stack, "Taken").associate(bad.existing);
      expect(only(inspect(bad.app), "ENI-EIP-PER-IP")).toMatchObject({
        severity: "error",
        path: "stack/Taken",
        message: "private IP stack/Existing#primary of the existing ENI stack/Existing already carries an EIP associated outside this program (privateIpsWithEip).",
      });

      // The same mistake made with an L1 association in the JSON: check reads the import's intent.
      json.resource.alicloud_eip_association.l1 = { allocation_id: "eip-bp1l1", instance_id: "eni-bp1existing", instance_type: "NetworkInterface", mode: "NAT", private_ip_address: "10.0.1.7" };
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-ipswitheip-"));
      fs.writeFileSync(path.join(dir, "cdk.tf.json"), JSON.stringify(json));
      const checked = checkTerraform([path.join(dir, "cdk.tf.json")]);
      expect(checked.plan.findings.filter((x) => x.ruleId === "ENI-EIP-PER-IP").map((x) => x.message)).toEqual([
        "private IP stack/Existing#primary of the existing ENI stack/Existing already carries an EIP associated outside this program (privateIpsWithEip).",
      ]);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test("privateIpsWithEip must name stated addresses", () => {
      const { stack } = freshStack();
      const { vswitch, sg } = network(stack);
      expectConfigError(
        () =>
          NetworkInterface.fromNetworkInterfaceAttributes(stack, "Existing", { networkInterfaceId: "eni-1", vswitch, securityGroups: [sg], primaryIp: "10.0.1.7", privateIpsWithEip: ["10.0.1.9"] }),
        "stack/Existing",
        'privateIpsWithEip[0] "10.0.1.9" is not one of its private IPs (10.0.1.7)',
      );
    });

    test("an address the import does not state is ENI-EIP-PRIVATE-IP, naming the stated ones", () => {
      const { app, stack, existing } = withExisting();
      new Eip(stack, "Eip").associate(existing, "10.0.1.50");
      expect(only(inspect(app), "ENI-EIP-PRIVATE-IP").message).toBe("private IP 10.0.1.50 is not an explicit address of stack/Existing (its explicit addresses: 10.0.1.7, 10.0.1.8, 10.0.1.9).");
    });

    test("EIPs on imported ENIs count toward ENI-EIP-QUOTA (an imported EIP too)", () => {
      const { app, stack, existing } = withExisting();
      EniPlanner.configure(app, { eipQuota: 2 });
      Eip.fromEipAttributes(stack, "Old", { allocationId: "eip-bp1old" }).associate(existing);
      new Eip(stack, "New").associate(existing, existing.privateIps[1]);
      expect(withRule(inspect(app), "ENI-EIP-QUOTA")).toEqual([]);
      new Eip(stack, "Third").associate(existing, existing.privateIps[2]);
      expect(only(inspect(app), "ENI-EIP-QUOTA").message).toBe("the app associates 3 EIPs; the account quota is 2.");
    });

    test("MULTI_BINDED on an imported ENI makes its attachments wait for the association", () => {
      const { stack, existing } = withExisting();
      const vm = EcsInstance.fromEcsInstanceAttributes(stack, "Vm", { instanceId: "i-bp1vm", instanceType: "ecs.g7.large", vswitch: existing.vswitch, privateIp: "10.0.1.77" });
      existing.attachTo(vm);
      const eip = new Eip(stack, "Eip");
      eip.associate(existing, undefined, { mode: "MULTI_BINDED" });
      EniSuppressions.addSuppressions(eip, [{ id: "ENI-EIP-MULTI-BINDED", reason: "this account has multi-EIP-to-ENI mode" }]);
      const findings = inspect(stack).findings.filter((f) => f.ruleId.startsWith("ENI-EIP-"));
      expect(findings.map((f) => [f.ruleId, f.suppressed !== undefined])).toEqual([
        ["ENI-EIP-MULTI-BINDED", true],
        ["ENI-EIP-CUT-THROUGH-EXISTING", false],
      ]);
      expect(findings[1].message).toBe(
        "ENI stack/Existing exists already (imported): MULTI_BINDED mode needs a secondary ENI that is attached to no instance when the association is made; the planner sees only this program, not whether it is an instance's primary ENI or is attached elsewhere.",
      );
      const json = synthJson(stack);
      const [name, a] = resources(json, "alicloud_eip_association")[0];
      expect(a).toMatchObject({ instance_id: "eni-bp1existing", mode: "MULTI_BINDED", private_ip_address: "10.0.1.7" });
      expect(onlyResource(json, "alicloud_ecs_network_interface_attachment").depends_on).toEqual([`alicloud_eip_association.${name}`]);
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
