import { App, TerraformStack, Testing } from "../../src/cdktf";
import { EniPlanner, EniPlannerOptions } from "../../src/planner";
import * as alicloud from "../../src/provider";
import { assertConformsToSchema } from "./provider-schema-check";

/** A test app whose planner keeps no lock file and prints nothing (unless options say otherwise). */
export function testApp(options: EniPlannerOptions = {}): App {
  const app = Testing.app();
  EniPlanner.configure(app, { lockFile: false, quiet: true, frozen: false, ...options });
  return app;
}

/** A stack with an alicloud provider in `region` (cn-hangzhou by default). */
export function testStack(app: App, id = "stack", region = "cn-hangzhou"): TerraformStack {
  const stack = new TerraformStack(app, id);
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region });
  return stack;
}

/** A synthesized stack's JSON: synth with validations (planner errors throw), then checked against the pinned provider schema. */
export function synthJson(stack: TerraformStack): any {
  const json = JSON.parse(Testing.synth(stack, true));
  assertConformsToSchema(json);
  return json;
}

/** The resources of one type in a synthesized stack, as a list of [name, attributes]. */
export function resources(json: any, type: string): [string, any][] {
  return Object.entries(json.resource?.[type] ?? {});
}

/** The single resource of a type (fails when there is not exactly one). */
export function onlyResource(json: any, type: string): any {
  const list = resources(json, type);
  if (list.length !== 1) throw new Error(`expected exactly one ${type}, found ${list.length}`);
  return list[0][1];
}
