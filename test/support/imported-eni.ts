import { App, TerraformStack, TerraformVariable } from "../../src/cdktf";
import { EcsInstance, Eip, EniSuppressions, HaVip, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src";
import * as alicloud from "../../src/provider";

/**
 * A stack ("imported") where existing ENIs take EIPs and HaVips; synthesizes with warnings only:
 * - eni-bp1existing (10.0.1.7, .8, .9), attached to a new instance: a new EIP on its primary IP, an imported EIP on a
 *   stated secondary (PrivateIpAddress), a new EIP on the other by its address string; a new HaVip attached to it;
 * - an ENI whose id is a variable (`var.eni_id`, 10.0.1.20): a cut-through EIP (ENI-EIP-CUT-THROUGH-EXISTING,
 *   -PRIVATE warnings), then attached (the attachment waits for the association); an imported HaVip attached to it;
 * - eni-bp1far in another vSwitch: a standby of both HaVips (ENI-HAVIP-STANDBY on each, one suppressed).
 */
export function buildImportedEniStack(app: App): TerraformStack {
  const stack = new TerraformStack(app, "imported");
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: "10.0.0.0/16" });
  const vsw = new VSwitch(stack, "Vsw", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  const far = new VSwitch(stack, "Far", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  const vm = new EcsInstance(stack, "Vm", { instanceType: "ecs.g7.large", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", vswitch: vsw, securityGroups: [sg] });
  const eniId = new TerraformVariable(stack, "eni_id", { type: "string", default: "eni-bp1byvariable" });

  const existing = NetworkInterface.fromNetworkInterfaceAttributes(stack, "Existing", {
    networkInterfaceId: "eni-bp1existing",
    vswitch: vsw,
    securityGroups: [sg],
    primaryIp: "10.0.1.7",
    secondaryPrivateIps: ["10.0.1.8", "10.0.1.9"],
  });
  existing.attachTo(vm);
  new Eip(stack, "Public").associate(existing);
  Eip.fromEipAttributes(stack, "OldEip", { allocationId: "eip-bp1old" }).associate(existing, existing.privateIps[1]);
  new Eip(stack, "Third").associate(existing, "10.0.1.9");

  const sip = NetworkInterface.fromNetworkInterfaceAttributes(stack, "Sip", { networkInterfaceId: eniId.stringValue, vswitch: vsw, securityGroups: [sg], primaryIp: "10.0.1.20" });
  new Eip(stack, "Cut").associateCutThrough(sip);
  sip.attachTo(vm);

  const standby = NetworkInterface.fromNetworkInterfaceAttributes(stack, "Standby", { networkInterfaceId: "eni-bp1far", vswitch: far, securityGroups: [sg], primaryIp: "10.0.2.7" });
  const vip = new HaVip(stack, "Vip", { vswitch: vsw });
  vip.attach(existing);
  vip.addStandby(standby);
  EniSuppressions.addSuppressions(vip, [{ id: "ENI-HAVIP-STANDBY", reason: "eni-bp1far is a quorum-only node" }]);
  const oldVip = HaVip.fromHaVipAttributes(stack, "OldVip", { haVipId: "havip-bp1old", vswitch: vsw, ipAddress: "10.0.1.100" });
  oldVip.attach(sip);
  oldVip.addStandby(standby);
  return stack;
}
