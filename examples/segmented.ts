/**
 * Fine-grained network management: one application server whose traffic is split into a
 * management plane and a business plane, each on its own ENI, vSwitch and security groups.
 *
 * The management plane admits SSH only from the admin network. It also gets a break-glass EIP
 * while the VPN is being built: the planner warns about a public IP on a management plane
 * (ENI-SEC-MGMT-EIP), and the warning is suppressed here with the reason, so it stays visible in
 * the plan report (cdktf.out/stacks/segmented/eni-plan.json) without failing anything.
 */
import { App, TerraformStack } from "../src/cdktf";
import { alicloud, EcsInstance, EniSuppressions, Peer, Port, SecurityGroup, SegmentedInstance, Vpc, VSwitch } from "../src";

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, "segmented");
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });

  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.40.0.0/16", name: "segmented-vpc" });
  const home = new VSwitch(stack, "home", { vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.40.1.0/24", name: "home" });
  const management = new VSwitch(stack, "management", { vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.40.100.0/26", name: "management" });
  const business = new VSwitch(stack, "business", { vpc, zoneId: "cn-hangzhou-i", cidrBlock: "10.40.200.0/24", name: "business" });

  const adminOnly = new SecurityGroup(stack, "admin-sg", {
    vpc,
    name: "management-plane",
    ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22), description: "SSH from the admin network only" }],
  });
  const public443 = new SecurityGroup(stack, "business-sg", {
    vpc,
    name: "business-plane",
    ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(443), description: "HTTPS from anywhere" }],
  });

  const server = new EcsInstance(stack, "app-server", {
    instanceType: "ecs.g7.large",
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    vswitch: home,
    securityGroups: [adminOnly],
    name: "app-server",
  });

  const segmented = new SegmentedInstance(stack, "planes", {
    instance: server,
    planes: [
      { name: "management", vswitch: management, securityGroups: [adminOnly], management: true, eip: { bandwidth: 1, name: "break-glass" } },
      { name: "business", vswitch: business, securityGroups: [public443], secondaryPrivateIpCount: 2, eip: { bandwidth: 100 } },
    ],
  });
  EniSuppressions.addSuppressions(segmented.eipOf("management")!, [
    { id: "ENI-SEC-MGMT-EIP", reason: "Break-glass access until the office VPN is live (ticket NET-1234); SSH is still limited to 10.0.0.0/8." },
  ]);
  return stack;
}
