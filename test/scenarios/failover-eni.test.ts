import { spawnSync } from "child_process";
import { Construct } from "constructs";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Testing } from "../../src/cdktf";
import { EniConfigError } from "../../src/errors";
import { EcsInstance, NetworkInterface, SecurityGroup, Vpc, VSwitch } from "../../src/resources";
import { FailoverEni } from "../../src/scenarios";
import { onlyResource, resources, synthJson, testApp, testStack } from "../support/synth";
import { errorIds, evaluateInstanceId, expectUsableAndDistinct, findings, instance, nameOf, net, thrown } from "./fixtures";

const TERRAFORM = spawnSync("terraform", ["version"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } }).status === 0;

describe("FailoverEni", () => {
  function twoNodes() {
    const n = net();
    const primary = instance(n.stack, "primary", n.vswH, [n.sg]);
    const standby = instance(n.stack, "standby", n.vswH, [n.sg]);
    return { ...n, primary, standby };
  }

  test("the ENI, its addresses, the variable and an attachment whose instance follows the variable", () => {
    const { app, stack, vswH, sg, primary, standby } = twoNodes();
    const failover = new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], secondaryPrivateIpCount: 2, eip: true });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);

    // Variable: a string, defaulting to the first candidate, accepting only candidate keys.
    expect(failover.variableName).toBe("db_active_instance");
    expect(failover.candidateKeys).toEqual(["primary", "standby"]);
    const variable = json.variable.db_active_instance;
    expect(variable.type).toBe("string");
    expect(variable.default).toBe("primary");
    expect(variable.nullable).toBe(false);
    expect(variable.validation).toEqual([{ condition: '${contains(["primary", "standby"], var.db_active_instance)}', error_message: "The active instance must be one of: primary, standby." }]);

    // Attachment: instance_id is an expression over the variable, so -var moves the ENI without re-synthesizing.
    const attachment = onlyResource(json, "alicloud_ecs_network_interface_attachment");
    expect(attachment.instance_id).toContain("var.db_active_instance");
    expect(attachment.lifecycle).toBeUndefined();
    expect(evaluateInstanceId(attachment.instance_id, "db_active_instance", "primary")).toBe(`\${alicloud_instance.${nameOf(primary)}.id}`);
    expect(evaluateInstanceId(attachment.instance_id, "db_active_instance", "standby")).toBe(`\${alicloud_instance.${nameOf(standby)}.id}`);
    expect(() => evaluateInstanceId(attachment.instance_id, "db_active_instance", "other")).toThrow(/no key other/);

    // The ENI has concrete addresses; the EIP is bound to its primary IP.
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    const [eniName] = resources(json, "alicloud_ecs_network_interface")[0];
    expect(eni.private_ip_addresses).toHaveLength(2);
    expect(attachment.network_interface_id).toBe(`\${alicloud_ecs_network_interface.${eniName}.id}`);
    const instanceIps = resources(json, "alicloud_instance").map(([, i]) => i.private_ip);
    expectUsableAndDistinct([...instanceIps, eni.primary_ip_address, ...eni.private_ip_addresses], "10.0.1.0/24");
    const assoc = onlyResource(json, "alicloud_eip_association");
    expect(assoc).toMatchObject({ instance_id: `\${alicloud_ecs_network_interface.${eniName}.id}`, instance_type: "NetworkInterface", mode: "NAT", private_ip_address: eni.primary_ip_address });
    expect(failover.privateIps.map((a) => a.role)).toEqual(["primary", "secondary-1", "secondary-2"]);
    expect(failover.eip).toBeDefined();
    expect(failover.networkInterface.attachment).toBe(failover.attachment);
  });

  test("eipMode cut-through: the EIP is bound BINDED to the whole ENI and the switchable attachment waits for it", () => {
    const { app, stack, vswH, sg, primary, standby } = twoNodes();
    const failover = new FailoverEni(stack, "vpn", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], eip: true, eipMode: "cut-through" });
    expect(errorIds(app)).toEqual([]);
    expect(findings(app).warnings.map((w) => w.ruleId)).toEqual(["ENI-EIP-CUT-THROUGH-PRIVATE"]);
    const json = synthJson(stack);
    const [assocName, assoc] = resources(json, "alicloud_eip_association")[0];
    expect(assoc).toMatchObject({ instance_type: "NetworkInterface", mode: "BINDED" });
    expect(assoc).not.toHaveProperty("private_ip_address");
    const attachment = onlyResource(json, "alicloud_ecs_network_interface_attachment");
    expect(attachment.depends_on).toEqual([`alicloud_eip_association.${assocName}`]);
    expect(attachment.instance_id).toContain("var.vpn_active_instance");
    expect(failover.eip).toBeDefined();
    expect(thrown(() => new FailoverEni(stack, "bad", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], eipMode: "cut-through" })).message).toContain(
      'eipMode is "cut-through" but no EIP was asked for',
    );
  });

  test("the ENI outlives its instance: delete_on_release = false in the emitted JSON, and on the planner's fact", () => {
    const { stack, vswH, sg, primary, standby } = twoNodes();
    const failover = new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], eip: true });
    expect(onlyResource(synthJson(stack), "alicloud_ecs_network_interface").delete_on_release).toBe(false);
    expect(failover.networkInterface.fact.deleteOnRelease).toBe(false);
  });

  (TERRAFORM ? test : test.skip)("terraform itself maps each variable value to the right instance and rejects other values", () => {
    const { stack, vswH, sg, primary } = twoNodes();
    const legacy = EcsInstance.fromEcsInstanceAttributes(stack, "legacy", { instanceId: "i-bp1legacy", instanceType: "ecs.g7.large", vswitch: vswH });
    new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, legacy], variableName: "db_node" });
    const json = synthJson(stack);
    const expr: string = onlyResource(json, "alicloud_ecs_network_interface_attachment").instance_id;
    // Resource references cannot be evaluated without state: stand them in as strings naming themselves.
    const standIn = expr.replace(/\b(alicloud_instance\.[A-Za-z0-9_-]+\.id)\b/g, '"$1"');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "failover-eni-"));
    try {
      fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ variable: json.variable, locals: { chosen: standIn } }));
      const consoleWith = (args: string[]) =>
        spawnSync("terraform", ["console", ...args], { cwd: dir, input: "local.chosen\n", encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1" }, timeout: 20000 });
      const byDefault = consoleWith([]);
      expect(byDefault.stdout.trim()).toBe(`"alicloud_instance.${nameOf(primary)}.id"`);
      const moved = consoleWith(["-var", "db_node=legacy"]);
      expect(moved.stdout.trim()).toBe('"i-bp1legacy"');
      const wrong = consoleWith(["-var", "db_node=nope"]);
      expect(wrong.status).not.toBe(0);
      expect(wrong.stderr).toContain("The active instance must be one of: primary, legacy.");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("selfManagedFailover: the attachment ignores later changes of its instance", () => {
    const { stack, vswH, sg, primary, standby } = twoNodes();
    new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], selfManagedFailover: true });
    const attachment = onlyResource(synthJson(stack), "alicloud_ecs_network_interface_attachment");
    expect(attachment.lifecycle).toEqual({ ignore_changes: ["instance_id"] });
    expect(attachment.instance_id).toContain("var.db_active_instance");
  });

  test("explicit primary and secondary IPs are used as given", () => {
    const { stack, vswH, sg, primary, standby } = twoNodes();
    new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], primaryIp: "10.0.1.100", secondaryPrivateIps: ["10.0.1.101"], name: "db-failover" });
    const eni = onlyResource(synthJson(stack), "alicloud_ecs_network_interface");
    expect(eni.primary_ip_address).toBe("10.0.1.100");
    expect(eni.private_ip_addresses).toEqual(["10.0.1.101"]);
    expect(eni.network_interface_name).toBe("db-failover");
  });

  test("a /29 vSwitch: the four usable addresses are handed out, never the reserved .0 and last three; a fifth is ENI-VSW-EXHAUSTED", () => {
    const { app, stack, vpc, sg, primary, standby } = twoNodes();
    const tiny = new VSwitch(stack, "tiny", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.9.0/29" });
    new FailoverEni(stack, "db", { vswitch: tiny, securityGroups: [sg], instances: [primary, standby], secondaryPrivateIpCount: 3 });
    expect(errorIds(app)).toEqual([]);
    const eni = onlyResource(synthJson(stack), "alicloud_ecs_network_interface");
    expect([eni.primary_ip_address, ...eni.private_ip_addresses].sort()).toEqual(["10.0.9.1", "10.0.9.2", "10.0.9.3", "10.0.9.4"]);
    new FailoverEni(stack, "more", { vswitch: tiny, securityGroups: [sg], instances: [standby, primary] });
    expect(errorIds(app)).toEqual(["ENI-VSW-EXHAUSTED"]);
  });

  test("a standby in another zone is an ENI-ZONE error at synth", () => {
    const { app, stack, vswH, vswI, sg } = net();
    const primary = instance(stack, "primary", vswH, [sg]);
    const standby = instance(stack, "standby", vswI, [sg]);
    const failover = new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby] });
    expect(errorIds(app)).toEqual(["ENI-ZONE"]);
    const [f] = findings(app).errors;
    expect(f.path).toBe(failover.networkInterface.node.path);
    expect(f.message).toContain("instance stack/standby is in zone cn-hangzhou-i");
    expect(() => Testing.synth(stack, true)).toThrow(/ENI-ZONE/);
  });

  test("a standby with no room for one more ENI is an ENI-COUNT error on the standby", () => {
    const { app, stack, vswH, sg, primary, standby } = twoNodes();
    // ecs.g7.large allows 3 ENIs: the standby's primary + 2 of its own = full.
    new NetworkInterface(stack, "own-1", { vswitch: vswH, securityGroups: [sg], instance: standby });
    new NetworkInterface(stack, "own-2", { vswitch: vswH, securityGroups: [sg], instance: standby });
    new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby] });
    expect(errorIds(app)).toEqual(["ENI-COUNT"]);
    const [f] = findings(app).errors;
    expect(f.path).toBe(standby.node.path);
    expect(f.message).toContain("stack/db/Eni (may fail over here)");
  });

  test("an imported standby that already has its ENIs is counted too", () => {
    const { app, stack, vswH, sg, primary } = twoNodes();
    const legacy = EcsInstance.fromEcsInstanceAttributes(stack, "legacy", { instanceId: "i-bp1legacy", instanceType: "ecs.g7.large", vswitch: vswH, attachedEniCount: 3 });
    new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, legacy] });
    expect(errorIds(app)).toEqual(["ENI-COUNT"]);
    expect(findings(app).errors[0].path).toBe(legacy.node.path);
  });

  test("more addresses than the candidates' type holds per ENI is an ENI-IP-COUNT error", () => {
    const { app, stack, vswH, sg, primary, standby } = twoNodes();
    new FailoverEni(stack, "ok", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], secondaryPrivateIpCount: 5 });
    expect(errorIds(app)).toEqual([]);
    new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], secondaryPrivateIpCount: 6 });
    expect(errorIds(app)).toEqual(["ENI-IP-COUNT"]);
    const errors = findings(app).errors;
    expect(errors).toHaveLength(2); // once per candidate
    expect(errors.map((e) => e.message).join("\n")).toContain("this ENI has 7 (1 primary + 6 secondary)");
    expect(() => Testing.synth(stack, true)).toThrow(/ENI-IP-COUNT/);
  });

  test("imported candidates and an imported vSwitch", () => {
    const app = testApp();
    const stack = testStack(app);
    const vpc = Vpc.fromVpcAttributes(stack, "vpc", { vpcId: "vpc-bp1existing", cidrBlock: "192.168.0.0/16" });
    const vsw = VSwitch.fromVSwitchAttributes(stack, "vsw", { vswitchId: "vsw-bp1existing", vpc, zoneId: "cn-hangzhou-i", cidrBlock: "192.168.8.0/24", usedIps: ["192.168.8.1"] });
    const sg = SecurityGroup.fromSecurityGroupAttributes(stack, "sg", { securityGroupId: "sg-bp1existing", vpc, type: "enterprise" });
    const a = EcsInstance.fromEcsInstanceAttributes(stack, "node-a", { instanceId: "i-bp1aaa", instanceType: "ecs.c7.large", vswitch: vsw });
    const b = EcsInstance.fromEcsInstanceAttributes(stack, "node-b", { instanceId: "i-bp1bbb", instanceType: "ecs.c7.large", vswitch: vsw });
    new FailoverEni(stack, "vip", { vswitch: vsw, securityGroups: [sg], instances: [a, b], variableName: "active-node" });
    expect(errorIds(app)).toEqual([]);
    const json = synthJson(stack);
    const eni = onlyResource(json, "alicloud_ecs_network_interface");
    expect(eni.vswitch_id).toBe("vsw-bp1existing");
    expect(eni.primary_ip_address).toBe("192.168.8.2");
    const expr = onlyResource(json, "alicloud_ecs_network_interface_attachment").instance_id;
    expect(evaluateInstanceId(expr, "active-node", "node-a")).toBe("i-bp1aaa");
    expect(evaluateInstanceId(expr, "active-node", "node-b")).toBe("i-bp1bbb");
    expect(json.variable["active-node"].default).toBe("node-a");
  });

  test("a single candidate works (the variable then only accepts it)", () => {
    const { stack, vswH, sg, primary } = twoNodes();
    new FailoverEni(stack, "solo", { vswitch: vswH, securityGroups: [sg], instances: [primary] });
    const json = synthJson(stack);
    expect(json.variable.solo_active_instance.validation[0].condition).toBe('${contains(["primary"], var.solo_active_instance)}');
  });

  test("construction errors name the construct, the value and the fix", () => {
    const { stack, vswH, sg, primary, standby } = twoNodes();
    const cases: [() => unknown, RegExp][] = [
      [
        () => new FailoverEni(stack, "e1", { vswitch: vswH, securityGroups: [sg], instances: [] }),
        /^\(error\) stack\/e1\n  instances has 0 item\(s\); expected at least 1\. List the candidate instances/,
      ],
      [() => new FailoverEni(stack, "e2", { vswitch: vswH, securityGroups: [sg], instances: [primary, primary] }), /^\(error\) stack\/e2\n  instances lists instance stack\/primary twice/],
      [
        () => new FailoverEni(stack, "e3", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], variableName: "1bad name" }),
        /^\(error\) stack\/e3\n  variableName "1bad name" is not a valid Terraform variable name/,
      ],
      [() => new FailoverEni(stack, "e4", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], variableName: "count" }), /variableName "count" is not a valid/],
      [() => new FailoverEni(stack, "e6", { vswitch: undefined as any, securityGroups: [sg], instances: [primary] }), /^\(error\) stack\/e6\n  vswitch is undefined; expected a VSwitch/],
      [
        () => new FailoverEni(stack, "e7", { vswitch: vswH, securityGroups: [], instances: [primary] }),
        /^\(error\) stack\/e7\n  securityGroups has 0 item\(s\); expected at least 1\. Give 1 to 5 security groups/,
      ],
      [() => new FailoverEni(stack, "e5", { vswitch: vswH, securityGroups: [sg], instances: [primary, {} as any] }), /^\(error\) stack\/e5\n  instances\[1\] is \{\}; expected an ECS instance/],
    ];
    for (const [fn, message] of cases) {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(EniConfigError);
      expect(e.message).toMatch(message);
    }
    new FailoverEni(stack, "f1", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], variableName: "shared" });
    expect(thrown(() => new FailoverEni(stack, "f2", { vswitch: vswH, securityGroups: [sg], instances: [primary, standby], variableName: "shared" })).message).toMatch(
      /^\(error\) stack\/f2\n  variable name "shared" is already used by stack\/f1 in the same stack/,
    );
  });

  test("two candidates with the same construct id (in different scopes) are rejected: their ids are the keys", () => {
    const { stack, vswH, sg } = net();
    const a = instance(new Construct(stack, "x"), "node", vswH, [sg]);
    const b = instance(new Construct(stack, "y"), "node", vswH, [sg]);
    expect(thrown(() => new FailoverEni(stack, "db", { vswitch: vswH, securityGroups: [sg], instances: [a, b] })).message).toMatch(
      /two instances with the construct id "node" \(stack\/x\/node and stack\/y\/node\)/,
    );
  });
});
