import { Eip, EcsInstance } from "../../../src";
import { TerraformVariable } from "../../../src/cdktf";
import { onlyResource, resources, synthJson, testApp, testStack } from "../../support/synth";
import { baseFacts, eip, eni, inspect, model, net, nic, only, plan, unknown, withRule } from "../planner-helpers";

describe("ENI-EIP-PRIVATE-IP", () => {
  test("binding to an address of another ENI fails, naming the address and the target", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n);
    const b = nic(stack, "B", n, { secondaryPrivateIpCount: 1 });
    new Eip(stack, "Eip").associate(a, b.secondaryPrivateIps[0]);
    const f = only(inspect(app), "ENI-EIP-PRIVATE-IP");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eip" });
    expect(f.message).toBe("private IP stack/B#secondary-1 belongs to another owner, not to stack/A.");
    expect(() => synthJson(stack)).toThrow(/ENI-EIP-PRIVATE-IP/);
  });

  test("a literal address that is not one of the target's explicit addresses fails, listing them", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n, { primaryIp: "10.0.1.10", secondaryPrivateIps: ["10.0.1.11"] });
    new Eip(stack, "Eip").associate(a, "10.0.1.12");
    const f = only(inspect(app), "ENI-EIP-PRIVATE-IP");
    expect(f.message).toBe("private IP 10.0.1.12 is not an explicit address of stack/A (its explicit addresses: 10.0.1.10, 10.0.1.11).");
  });

  test("binding to the target's own addresses (object or literal) passes, and the planned address is emitted", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n, { secondaryPrivateIpCount: 1 });
    const b = nic(stack, "B", n, { primaryIp: "10.0.1.50" });
    new Eip(stack, "E1").associate(a);
    new Eip(stack, "E2").associate(a, a.secondaryPrivateIps[0]);
    new Eip(stack, "E3").associate(b, "10.0.1.50");
    const r = inspect(app);
    expect(r.errors).toEqual([]);
    const json = synthJson(stack);
    const bound = resources(json, "alicloud_eip_association")
      .map(([, x]) => x.private_ip_address)
      .sort();
    const ea = resources(json, "alicloud_ecs_network_interface").find(([k]) => k.startsWith("A_"))![1];
    expect(bound).toEqual([ea.primary_ip_address, ea.private_ip_addresses[0], "10.0.1.50"].sort());
  });

  test("an EIP on an instance's primary ENI address passes; another instance's address fails", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const web = new EcsInstance(stack, "Web", { instanceType: "ecs.g7.large", imageId: "img", vswitch: n.vsw, securityGroups: [n.sg], secondaryPrivateIpCount: 1 });
    const db = new EcsInstance(stack, "Db", { instanceType: "ecs.g7.large", imageId: "img", vswitch: n.vsw, securityGroups: [n.sg] });
    new Eip(stack, "Ok").associate(web, web.secondaryPrivateIps[0]);
    expect(inspect(app).errors).toEqual([]);
    new Eip(stack, "Wrong").associate(web, db.privateIp);
    expect(only(inspect(app), "ENI-EIP-PRIVATE-IP").message).toBe("private IP stack/Db#primary belongs to another owner, not to stack/Web.");
  });

  test("a token private IP gives ENI-UNKNOWN-VALUE instead", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n);
    const ip = new TerraformVariable(stack, "ip", { type: "string" }).stringValue;
    new Eip(stack, "Eip").associate(a, ip);
    const r = inspect(app);
    expect(withRule(r, "ENI-EIP-PRIVATE-IP")).toEqual([]);
    const f = withRule(r, "ENI-UNKNOWN-VALUE").find((x) => x.path === "stack/Eip");
    expect(f?.message).toContain("the private IP ${var.ip} is unknown at synth time");
  });
});

describe("ENI-EIP-PER-IP", () => {
  test("two EIPs on one private IP fail, naming the address and the first EIP", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n);
    new Eip(stack, "Eip1").associate(a);
    new Eip(stack, "Eip2").associate(a, a.primaryIp);
    const f = only(inspect(app), "ENI-EIP-PER-IP");
    expect(f).toMatchObject({ severity: "error", path: "stack/Eip2" });
    expect(f.message).toBe("private IP stack/A#primary already carries EIP stack/Eip1.");
    expect(() => synthJson(stack)).toThrow(/ENI-EIP-PER-IP/);
  });

  test("one via the address object and one via the same literal address also collide", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n, { primaryIp: "10.0.1.7" });
    new Eip(stack, "Eip1").associate(a, a.primaryIp);
    new Eip(stack, "Eip2").associate(a, "10.0.1.7");
    expect(only(inspect(app), "ENI-EIP-PER-IP").path).toBe("stack/Eip2");
  });

  test("EIPs on different private IPs of one ENI pass", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n, { secondaryPrivateIpCount: 2 });
    new Eip(stack, "Eip1").associate(a);
    new Eip(stack, "Eip2").associate(a, a.secondaryPrivateIps[0]);
    new Eip(stack, "Eip3").associate(a, a.secondaryPrivateIps[1]);
    expect(inspect(app).errors).toEqual([]);
    expect(resources(synthJson(stack), "alicloud_eip_association")).toHaveLength(3);
  });
});

describe("ENI-EIP-QUOTA", () => {
  function eips(count: number) {
    const { v, s, g } = baseFacts();
    const enis = Array.from({ length: count }, (_, i) => eni(`Eni${String(i).padStart(2, "0")}`, s, [g]));
    const list = enis.map((e, i) => eip(`Eip${String(i).padStart(2, "0")}`, e));
    return model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis, eips: list });
  }

  test("20 EIPs pass (the default quota)", () => {
    expect(withRule(plan(eips(20)), "ENI-EIP-QUOTA")).toEqual([]);
  });

  test("21 EIPs are a warning on the 21st, naming the count and the quota", () => {
    const r = plan(eips(21));
    const f = only(r, "ENI-EIP-QUOTA");
    expect(f).toMatchObject({ severity: "warning", path: "app/stack/Eip20" });
    expect(f.message).toBe("the app associates 21 EIPs; the account quota is 20.");
    expect(r.errors).toEqual([]);
  });

  test("eipQuota raises (or lowers) the limit", () => {
    expect(withRule(plan(eips(21), { eipQuota: 21 }), "ENI-EIP-QUOTA")).toEqual([]);
    expect(only(plan(eips(3), { eipQuota: 2 }), "ENI-EIP-QUOTA").message).toBe("the app associates 3 EIPs; the account quota is 2.");
  });

  test("synth: eipQuota 1 with two EIPs warns but synthesizes", () => {
    const app = testApp({ eipQuota: 1 });
    const stack = testStack(app);
    const n = net(stack);
    const a = nic(stack, "A", n, { secondaryPrivateIpCount: 1 });
    new Eip(stack, "Eip1").associate(a);
    new Eip(stack, "Eip2").associate(a, a.secondaryPrivateIps[0]);
    const f = only(inspect(app), "ENI-EIP-QUOTA");
    expect(f.path).toBe("stack/Eip2");
    expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface")).toBeDefined();
  });

  test("token private IPs (pure): not checked, no crash", () => {
    const { v, s, g } = baseFacts();
    const e = eni("Eni", s, [g]);
    const r = plan(model({ vpcs: [v], vswitches: [s], securityGroups: [g], enis: [e], eips: [eip("Eip", e, unknown("${var.ip}"))] }));
    expect(r.errors).toEqual([]);
    expect(only(r, "ENI-UNKNOWN-VALUE").path).toBe("app/stack/Eip");
  });
});
