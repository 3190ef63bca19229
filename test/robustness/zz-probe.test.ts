import { testApp, testStack, synthJson } from "../support/synth";
import { Vpc, VSwitch, SecurityGroup, EcsInstance, NetworkInterface, Eip, HaVip, Port, Peer } from "../../src/resources";
import { InstanceTypeCatalog } from "../../src/catalog";
test("probe", () => {
  const t0 = Date.now();
  const app = testApp();
  const stack = testStack(app);
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }] });
  const inst = new EcsInstance(stack, "Inst", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: 2 });
  const eni = new NetworkInterface(stack, "Eni", { vswitch: vsw, securityGroups: [sg], secondaryPrivateIps: ["10.0.1.50"], instance: inst });
  new Eip(stack, "Eip").associate(eni, eni.secondaryPrivateIps[0]);
  const h = new HaVip(stack, "Vip", { vswitch: vsw });
  h.attach(eni);
  const imp = VSwitch.fromVSwitchAttributes(stack, "Imp", { vswitchId: "vsw-123", vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.0.2.0/28", usedIps: ["10.0.2.1"] });
  new NetworkInterface(stack, "Eni2", { vswitch: imp, securityGroups: [sg], secondaryPrivateIpCount: 1 });
  const json = synthJson(stack);
  console.log(JSON.stringify(json.resource, null, 1));
  const c = InstanceTypeCatalog.builtIn();
  const names = c.names();
  const ok = names.filter(n => { const l = c.lookup(n)!; return l.privateIpv4PerEni !== undefined && l.hotSwap === true; });
  console.log(names.length, ok.length, Date.now() - t0);
  const dist: Record<string, number> = {};
  for (const n of ok) { const l = c.lookup(n)!; const k = `${l.eniQuantity}/${l.privateIpv4PerEni}`; dist[k] = (dist[k]??0)+1; }
  console.log(JSON.stringify(dist));
});
