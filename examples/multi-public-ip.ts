/**
 * Many public IPs on one instance: a reverse proxy that serves eight sites, each on its own
 * private IP with its own EIP (NAT mode). ecs.c7.large holds 6 private IPs per ENI, so five
 * sites go on the primary ENI's secondary IPs and the other three on one secondary ENI; the
 * planner allocates every address at synth and checks the instance type's limits.
 */
import { App, TerraformStack } from "../src/cdktf";
import { alicloud, EcsInstance, MultiIpInstance, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../src";

export const SITES = ["shop", "blog", "docs", "api", "status", "media", "partners", "careers"];

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, "multi-public-ip");
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });

  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.10.0.0/16", name: "edge-vpc" });
  const vswitch = new VSwitch(stack, "edge-h", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.10.1.0/24", name: "edge-h" });
  const web = new SecurityGroup(stack, "web-sg", {
    vpc,
    name: "edge-web",
    ingress: [
      { peer: Peer.anyIpv4(), port: Port.tcp(80), description: "HTTP" },
      { peer: Peer.anyIpv4(), port: Port.tcp(443), description: "HTTPS" },
      { peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22), description: "SSH from the office VPN only" },
    ],
  });

  const proxy = new EcsInstance(stack, "proxy", {
    instanceType: "ecs.c7.large",
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    vswitch,
    securityGroups: [web],
    name: "edge-proxy",
  });

  // One private IP and one EIP per site; outputs <site>-private-ip and <site>-public-ip.
  new MultiIpInstance(stack, "sites", {
    instance: proxy,
    applications: SITES,
    publicIpCount: SITES.length,
    eipProps: { bandwidth: 10, internetChargeType: "PayByTraffic" },
  });
  return stack;
}
