/**
 * Dual-stack (IPv4 + IPv6): a web tier in an existing dual-stack VPC. The VPC is imported with its IPv6
 * block, so the new vSwitch's /64 is known (VPC block + suffix 1) and every IPv6 address is planned and
 * locked like an IPv4 address (`<path>#ipv6-N` in eni-allocations.lock.json). In a VPC created here the
 * cloud assigns the IPv6 block: the planner then emits ipv6_address_count and reports "not planned".
 */
import { App, TerraformStack } from "../src/cdktf";
import { alicloud, EcsInstance, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../src";

/** The existing VPC's IPv6 block (a /56, as Alibaba Cloud assigns). */
export const VPC_IPV6 = "2408:4005:3a6:a100::/56";

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, "dual-stack");
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });

  const vpc = Vpc.fromVpcAttributes(stack, "vpc", { vpcId: "vpc-bp1dualstackexample", cidrBlock: "10.60.0.0/16", ipv6CidrBlock: VPC_IPV6 });
  const web = new VSwitch(stack, "web", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.60.1.0/24", ipv6CidrBlockMask: 1, name: "web-dual-stack" });

  const https = new SecurityGroup(stack, "web-sg", {
    vpc,
    name: "web-dual-stack",
    ingress: [
      { peer: Peer.anyIpv4(), port: Port.tcp(443), description: "HTTPS over IPv4" },
      { peer: Peer.anyIpv6(), port: Port.tcp(443), description: "HTTPS over IPv6" },
      { peer: Peer.ipv6("2408:4005:3a6:a100::/56"), port: Port.tcp(22), description: "SSH from inside the VPC (IPv6)" },
    ],
  });

  const server = new EcsInstance(stack, "web-server", {
    instanceType: "ecs.g7.large", // 3 ENIs, 6 IPv4 and 6 IPv6 per ENI
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    vswitch: web,
    securityGroups: [https],
    ipv6AddressCount: 1,
    name: "web-server",
  });
  new NetworkInterface(stack, "service", {
    vswitch: web,
    securityGroups: [https],
    secondaryPrivateIpCount: 1,
    ipv6AddressCount: 2,
    instance: server,
    name: "web-service",
  });
  return stack;
}
