import * as fs from "fs";
import * as path from "path";
import { EcsInstance, FailoverEni } from "../../../src";
import { buildModel } from "../../../src/model/terraform/build-model";
import { parseVariableSelection, readConfigJson, readPlanJson, TerraformJsonError } from "../../../src/model/terraform/terraform-config";
import { testApp, testStack } from "../../support/synth";
import { net } from "../../planner/planner-helpers";

describe("parseVariableSelection: the map an attachment's instance_id indexes by a variable", () => {
  test("FailoverEni's form (cdktf's Fn.lookup): references and literal ids, quoted keys", () => {
    expect(parseVariableSelection('${{"gw-active" = alicloud_instance.gw-active_6297D5D9.id, "old" = "i-bp1old"}[var.active_gateway]}')).toEqual({
      variable: "active_gateway",
      entries: [
        { key: "gw-active", ref: "alicloud_instance.gw-active_6297D5D9.id" },
        { key: "old", literal: "i-bp1old" },
      ],
    });
  });

  test("lookup(), bare keys, a trailing comma and line breaks", () => {
    expect(parseVariableSelection("${lookup({\n  a = alicloud_instance.a.id,\n  b = alicloud_instance.b.id,\n}, var.x)}")).toEqual({
      variable: "x",
      entries: [
        { key: "a", ref: "alicloud_instance.a.id" },
        { key: "b", ref: "alicloud_instance.b.id" },
      ],
    });
  });

  test.each([
    ["a plain reference", "${alicloud_instance.a.id}"],
    ["a conditional", '${var.x == "a" ? alicloud_instance.a.id : alicloud_instance.b.id}'],
    ["a map indexed by a local", '${{"a" = alicloud_instance.a.id}[local.k]}'],
    ["an interpolation inside a value", '${{"a" = "${alicloud_instance.a.id}"}[var.x]}'],
    ["a map that does not close", '${{"a" = alicloud_instance.a.id[var.x]}'],
    ["a literal", "i-bp1abc"],
    ["not a string", 3],
  ])("%s is not one", (_what, value) => {
    expect(parseVariableSelection(value)).toBeUndefined();
  });
});

describe("readPlanJson with the configuration it was made from", () => {
  /** A FailoverEni over an imported instance and a new one, synthesized; its configuration, and a minimal plan of it (the configuration's values as planned values) with var.active = `value`. */
  const setup = (value: string) => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const old = EcsInstance.fromEcsInstanceAttributes(stack, "old", { instanceId: "i-bp1oldexample0001", instanceType: "ecs.g7.large", vswitch: n.vsw, privateIp: "10.0.1.10" });
    const fresh = new EcsInstance(stack, "new", { instanceType: "ecs.g7.large", imageId: "img", vswitch: n.vsw, securityGroups: [n.sg] });
    new FailoverEni(stack, "Db", { vswitch: n.vsw, securityGroups: [n.sg], instances: [old, fresh], variableName: "active" });
    app.synth();
    const doc = JSON.parse(fs.readFileSync(path.join(app.outdir, "stacks", "stack", "cdk.tf.json"), "utf8"));
    const config = readConfigJson([doc], "stack");
    const resources = config.resources.map((r) => ({ address: r.address, mode: "managed", type: r.type, name: r.address.split(".")[1], values: r.values }));
    const plan = { format_version: "1.2", variables: { active: { value } }, planned_values: { root_module: { resources } }, configuration: { root_module: { resources } } };
    return { config, plan };
  };

  test("a literal id in the map selects the imported candidate with that id; a key selects the new one", () => {
    for (const [value, active] of [
      ["old", "stack/old"],
      ["new", "stack/new"],
    ]) {
      const { config, plan } = setup(value);
      const read = readPlanJson(plan, "ignored", config);
      expect(read.stack).toBe("stack");
      expect(read.intent.resources?.["stack/Db/Eni/Attachment"]).toMatchObject({
        active,
        activeChosenBy: "value of var.active in the plan",
        selector: { variable: "active", value, keys: ["old", "new"] },
      });
      const [a] = buildModel([read]).model.enis[0].attachments;
      expect(a.active?.path).toBe(active);
      expect(a.candidates.map((c) => c.path)).toEqual(["stack/old", "stack/new"]);
    }
  });

  test("a plan whose resources differ is refused, naming the differences", () => {
    const { config, plan } = setup("old");
    plan.configuration.root_module.resources = plan.configuration.root_module.resources.slice(1);
    expect(() => readPlanJson(plan, "x", config)).toThrow(TerraformJsonError);
    expect(() => readPlanJson(plan, "x", config)).toThrow(/^not made from the configuration of stack \(only in the configuration: alicloud_[a-z_]+\.[A-Za-z_]+_[0-9A-F]+\)$/);
  });
});
