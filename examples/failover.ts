/**
 * Low-cost failover: an ENI carrying the service address (and its EIP) that moves between two
 * instances by changing one Terraform variable, without re-synthesizing:
 *
 *   cdktf deploy failover --var='active_gateway=gw-standby'
 *   # or, in cdktf.out/stacks/failover: terraform apply -var active_gateway=gw-standby
 *
 * The planner checks both instances as if the ENI were on each: same VPC and zone, room for one
 * more ENI and for its addresses. The ENI has delete_on_release = false, so releasing the active
 * instance (console, auto-release, spot) leaves the ENI, its addresses and its EIP for the standby.
 * Both instances configure their guest OS (configureNetwork): the ENI shares their vSwitch, so
 * each gets policy routing for it once it is attached there.
 */
import { App, TerraformStack } from "../src/cdktf";
import { alicloud, EcsInstance, FailoverEni, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../src";

export const VARIABLE = "active_gateway";

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, "failover");
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });

  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.20.0.0/16", name: "gateway-vpc" });
  const vswitch = new VSwitch(stack, "gw-h", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.20.1.0/24", name: "gateway-h" });
  const group = new SecurityGroup(stack, "gw-sg", {
    vpc,
    name: "gateway",
    ingress: [
      { peer: Peer.anyIpv4(), port: Port.tcp(443), description: "HTTPS" },
      { peer: Peer.ipv4("10.20.0.0/16"), port: Port.allTcp(), description: "VPC-internal traffic" },
    ],
  });

  const node = (id: string) =>
    new EcsInstance(stack, id, {
      instanceType: "ecs.g7.large",
      imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
      vswitch,
      securityGroups: [group],
      name: id,
      // The guest OS side: user_data installs a script that brings the failover ENI up on whichever
      // instance holds it (and skips it on the other); the output <id>_guest_network_script holds it too.
      configureNetwork: true,
    });
  const active = node("gw-active");
  const standby = node("gw-standby");

  new FailoverEni(stack, "gateway", {
    vswitch,
    securityGroups: [group],
    instances: [active, standby],
    secondaryPrivateIpCount: 2,
    eip: { bandwidth: 50, name: "gateway-eip" },
    name: "gateway-service",
    variableName: VARIABLE,
  });
  return stack;
}
