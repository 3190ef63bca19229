import { TerraformVariable, Testing } from "../../src/cdktf";
import { testApp, testStack, synthJson } from "../support/synth";
import { net, nic, ecs, inspect } from "./planner-helpers";
import { VSwitch, Vpc, NetworkInterface } from "../../src";

const app = testApp();
const stack = testStack(app);
const n = net(stack);
const v = new TerraformVariable(stack, "cidr", { type: "string" });
const vsw2 = new VSwitch(stack, "TokVsw", { vpc: n.vpc, zoneId: "cn-hangzhou-h", cidrBlock: v.stringValue });
const e = new NetworkInterface(stack, "Eni", { vswitch: vsw2, securityGroups: [n.sg], secondaryPrivateIpCount: 2 });
const r = inspect(app);
console.log(JSON.stringify(r.findings, null, 1));
console.log(JSON.stringify(synthJson(stack).resource.alicloud_ecs_network_interface, null, 1));

// cross stack
const app2 = testApp();
const a = testStack(app2, "a");
const b = testStack(app2, "b");
const na = net(a);
ecs(a, "I", na.vsw, [na.sg]);
new NetworkInterface(b, "E", { vswitch: na.vsw, securityGroups: [na.sg], primaryIp: "10.0.1.9" });
new NetworkInterface(a, "E", { vswitch: na.vsw, securityGroups: [na.sg], primaryIp: "10.0.1.9" });
console.log(JSON.stringify(inspect(app2).findings, null, 1));
try { console.log(Testing.synth(b, true)); } catch (e) { console.log("ERR", (e as Error).message); }
