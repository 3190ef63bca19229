import { testApp, testStack, synthJson } from "../support/synth";
import { Testing, TerraformVariable, Token } from "../../src/cdktf";
import { EniPlanner } from "../../src/planner";
import { Vpc, VSwitch, SecurityGroup, EcsInstance, NetworkInterface, Eip, HaVip, Port, Peer } from "../../src/resources";
function base() {
  const app = testApp();
  const stack = testStack(app);
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }] });
  const inst = new EcsInstance(stack, "Inst", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [sg] });
  return { app, stack, vpc, vsw, sg, inst };
}
const tryit = (name: string, f: () => void) => { try { f(); console.log(name, "OK"); } catch (e: any) { console.log(name, e?.constructor?.name, e?.message?.slice(0, 300)); } };
test("probe", () => {
  tryit("token cidr", () => {
    const { app, stack, vpc, sg, inst } = base();
    const v = new TerraformVariable(stack, "cidr", { type: "string" });
    const z = new TerraformVariable(stack, "zone", { type: "string" });
    const ip = new TerraformVariable(stack, "ip", { type: "string" });
    const vsw2 = new VSwitch(stack, "Vsw2", { vpc, zoneId: z.stringValue, cidrBlock: v.stringValue });
    new NetworkInterface(stack, "Eni", { vswitch: vsw2, securityGroups: [sg], instance: inst, secondaryPrivateIpCount: 2 });
    new NetworkInterface(stack, "Eni2", { vswitch: inst.vswitch, securityGroups: [sg], primaryIp: ip.stringValue });
    console.log(EniPlanner.of(app).inspect().findings.map(f => `${f.ruleId} ${f.severity} ${f.path} ${f.message}`).join("\n"));
    const j = synthJson(stack);
    console.log(JSON.stringify(j.resource.alicloud_ecs_network_interface));
  });
  tryit("leading zero", () => {
    const { app, stack, vsw, sg } = base();
    new NetworkInterface(stack, "Eni", { vswitch: vsw, securityGroups: [sg], primaryIp: "010.0.1.6" });
    console.log(EniPlanner.of(app).inspect().findings.map(f => `${f.ruleId} ${f.severity} ${f.path} ${f.message}`).join("\n"));
    console.log(JSON.stringify(synthJson(stack).resource.alicloud_ecs_network_interface));
  });
  tryit("NaN", () => { const { stack, vsw, sg } = base(); new NetworkInterface(stack, "Eni", { vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: NaN }); });
  tryit("null vpc props", () => { const { stack } = base(); new Vpc(stack, "V2", null as any); });
  tryit("undef vsw props", () => { const { stack } = base(); new VSwitch(stack, "V2", undefined as any); });
  tryit("vsw vpc undefined", () => { const { stack } = base(); new VSwitch(stack, "V2", { vpc: undefined as any, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" }); });
  tryit("eni null", () => { const { stack } = base(); new NetworkInterface(stack, "E", null as any); });
  tryit("eni vswitch undefined", () => { const { stack, sg } = base(); new NetworkInterface(stack, "E", { vswitch: undefined as any, securityGroups: [sg] }); });
  tryit("eni sg [undefined]", () => { const { stack, vsw } = base(); new NetworkInterface(stack, "E", { vswitch: vsw, securityGroups: [undefined as any] }); });
  tryit("inst null", () => { const { stack } = base(); new EcsInstance(stack, "I", null as any); });
  tryit("sg null", () => { const { stack } = base(); new SecurityGroup(stack, "S", null as any); });
  tryit("havip null", () => { const { stack } = base(); new HaVip(stack, "H", null as any); });
  tryit("eip null", () => { const { stack } = base(); new Eip(stack, "H", null as any); });
  tryit("vsw import null", () => { const { stack } = base(); VSwitch.fromVSwitchAttributes(stack, "H", null as any); });
  tryit("inst import null", () => { const { stack } = base(); EcsInstance.fromEcsInstanceAttributes(stack, "H", null as any); });
  tryit("vpc cidr undefined", () => { const { stack } = base(); new Vpc(stack, "V2", {} as any); });
  tryit("attach undefined", () => { const { stack, vsw, sg } = base(); const e = new NetworkInterface(stack, "E", { vswitch: vsw, securityGroups: [sg] }); e.attachTo(undefined as any); });
  tryit("eip assoc undefined", () => { const { stack } = base(); new Eip(stack, "X").associate(undefined as any); });
  tryit("app synth error class", () => {
    const { app, stack, vsw, sg, inst } = base();
    for (let i = 0; i < 3; i++) new NetworkInterface(stack, `E${i}`, { vswitch: vsw, securityGroups: [sg], instance: inst });
    try { Testing.synth(stack, true); } catch (e: any) { console.log("synth(true):", e.constructor.name, e.message.slice(0, 200)); }
    app.synth();
  });
  tryit("count token", () => { const { stack, vsw, sg } = base(); const v = new TerraformVariable(stack, "n", { type: "number" }); new NetworkInterface(stack, "E", { vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: v.numberValue }); });
  tryit("outdir in json", () => { const { app, stack } = base(); const s = Testing.synth(stack); console.log(s.includes(app.outdir), s.slice(0, 300)); });
});
