import * as fs from "fs"; import * as os from "os"; import * as path from "path";
import { testApp, testStack } from "../support/synth";
import { Testing } from "../../src/cdktf";
import { EniPlanner } from "../../src/planner";
import { Vpc, VSwitch, SecurityGroup, EcsInstance, NetworkInterface, Port, Peer, AttachmentTarget } from "../../src/resources";
function base(opts = {}) {
  const app = testApp(opts);
  const stack = testStack(app);
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }] });
  const inst = new EcsInstance(stack, "Inst", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [sg] });
  return { app, stack, vpc, vsw, sg, inst };
}
const tryit = (name: string, f: () => void) => { try { f(); console.log(name, "OK"); } catch (e: any) { console.log(name, e?.constructor?.name, e?.message?.slice(0, 400)); } };
const fin = (app: any) => EniPlanner.of(app).inspect().findings.map((f: any) => `${f.ruleId} ${f.severity} ${f.path} ${f.message}`).join("\n");
test("probe", () => {
  tryit("upper", () => { const { app, stack, vsw, sg } = base(); new EcsInstance(stack, "I2", { instanceType: "ECS.G7.LARGE", imageId: "i", vswitch: vsw, securityGroups: [sg] }); console.log(fin(app)); });
  tryit("empty id", () => { const { stack } = base(); new Vpc(stack, "", { cidrBlock: "10.1.0.0/16" }); });
  tryit("dup id", () => { const { stack } = base(); new Vpc(stack, "Vpc", { cidrBlock: "10.1.0.0/16" }); });
  tryit("oneOf", () => { AttachmentTarget.oneOf([], { instanceId: "x" }); });
  for (const [n, text] of [["json", "{nope"], ["ver", '{"version":2,"allocations":{}}'], ["dup", '{"version":1,"allocations":{"a#primary":{"pool":"p","address":"10.0.1.4"},"b#primary":{"pool":"p","address":"10.0.1.4"}}}'], ["v6", '{"version":1,"allocations":{"a#primary":{"pool":"p","address":"fe80::1"}}}'], ["empty", ""]]) {
    tryit("lock " + n, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lk")); const f = path.join(dir, "l.json"); fs.writeFileSync(f, text);
      const { app, stack } = base({ lockFile: f });
      console.log(fin(app));
      try { Testing.synth(stack); } catch (e: any) { console.log("synth:", e.constructor.name); }
    });
  }
  tryit("six sgs", () => { const { app, stack, vpc, vsw } = base(); const sgs = [0,1,2,3,4,5].map(i => new SecurityGroup(stack, `S${i}`, { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(443) }] })); new NetworkInterface(stack, "E", { vswitch: vsw, securityGroups: sgs }); console.log(fin(app)); });
  tryit("attach twice", () => { const { app, stack, vsw, sg, inst } = base(); const e = new NetworkInterface(stack, "E", { vswitch: vsw, securityGroups: [sg], instance: inst }); e.attachTo(inst); console.log(fin(app)); });
  tryit("vsw /15", () => { const { app, stack } = base(); const v = new Vpc(stack, "V8", { cidrBlock: "10.64.0.0/10" }); new VSwitch(stack, "B", { vpc: v, zoneId: "cn-hangzhou-h", cidrBlock: "10.64.0.0/15" }); console.log(fin(app)); });
  tryit("peer v6", () => { const { stack, vpc } = base(); new SecurityGroup(stack, "S9", { vpc, ingress: [{ peer: Peer.ipv4("::/0"), port: Port.tcp(443) }] }); });
  tryit("peer string", () => { const { stack, vpc } = base(); new SecurityGroup(stack, "S9", { vpc, ingress: [{ peer: "10.0.0.0/8" as any, port: Port.tcp(443) }] }); });
  tryit("port float", () => { const { stack, vpc } = base(); new SecurityGroup(stack, "S9", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(1.5) }] }); });
  tryit("opt", () => { testApp({ eniQuotaPerRegion: NaN }); });
});
