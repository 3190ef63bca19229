
import { App, TerraformStack } from "/work/main/src/cdktf";
import { alicloud, EcsInstance, EniPlanner, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "/work/main/src";

const app = new App();
EniPlanner.configure(app, { eniQuotaPerRegion: 100 }); // optional: every option has a documented default
const stack = new TerraformStack(app, "web");
new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });

const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
const vswitch = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
const web = new SecurityGroup(stack, "Web", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
const instance = new EcsInstance(stack, "Server", {
  instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
  vswitch, securityGroups: [web],
});
new NetworkInterface(stack, "Eni", { vswitch, securityGroups: [web], secondaryPrivateIpCount: 2, instance });
app.synth();
