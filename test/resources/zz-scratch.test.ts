import { testApp, testStack, synthJson } from "../support/synth";
import { Vpc, VSwitch, SecurityGroup, EcsInstance, NetworkInterface, Eip, HaVip, Port, Peer, AttachmentTarget } from "../../src/resources";
test("scratch", () => {
  const app = testApp();
  const stack = testStack(app);
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16", name: "main", tags: { a: "b" } });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24", name: "vsw" });
  const sg = new SecurityGroup(stack, "Sg", { vpc, name: "sg", ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }], egress: [{ peer: Peer.anyIpv4(), port: Port.allTraffic() }] });
  const inst = new EcsInstance(stack, "Inst", { instanceType: "ecs.g7.large", imageId: "img", vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: 2 });
  const eni = new NetworkInterface(stack, "Eni", { vswitch: vsw, securityGroups: [sg], secondaryPrivateIpCount: 1, instance: inst });
  const eni2 = new NetworkInterface(stack, "Eni2", { vswitch: vsw, securityGroups: [sg] });
  eni2.attachTo(AttachmentTarget.oneOf([inst], { instanceId: "${var.x}", ignoreInstanceChanges: true }));
  new Eip(stack, "Eip").associate(eni, eni.secondaryPrivateIps[0]);
  new Eip(stack, "Eip2").associate(inst);
  const h = new HaVip(stack, "Vip", { vswitch: vsw });
  h.attach(eni); h.attach(inst);
  console.log(JSON.stringify(synthJson(stack).resource, null, 1));
});
