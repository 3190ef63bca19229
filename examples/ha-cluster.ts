/**
 * HA cluster networking: a three-node database cluster with separate heartbeat, replication and
 * service networks (one ENI per node per network) and a virtual IP (HaVip) on the service network,
 * public through an EIP on the HaVip. The cluster ENIs have delete_on_release = false: a released
 * node does not take its cluster addresses with it.
 *
 * pg-1 and pg-2 are in cn-hangzhou-h and share the virtual IP (keepalived moves it between them);
 * pg-3 is an asynchronous replica in cn-hangzhou-i. Each network has one vSwitch per zone and each
 * node's ENI takes the vSwitch of its zone. A HaVip floats only within its vSwitch, so the planner
 * warns that pg-3 cannot take the virtual IP over (ENI-HAVIP-STANDBY): intended here, and suppressed
 * below with the reason.
 *
 * Three secondary ENIs per node need a type with at least 4 ENIs: ecs.g7.xlarge.
 */
import { App, TerraformStack } from "../src/cdktf";
import { alicloud, EcsInstance, EniSuppressions, HAClusterEni, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../src";

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, "ha-cluster");
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });

  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.30.0.0/16", name: "pg-vpc" });
  const vsw = (id: string, zoneId: string, cidrBlock: string) => new VSwitch(stack, id, { vpc, zoneId, cidrBlock, name: id });
  const homeH = vsw("home-h", "cn-hangzhou-h", "10.30.0.0/24");
  const homeI = vsw("home-i", "cn-hangzhou-i", "10.30.1.0/24");

  const admin = new SecurityGroup(stack, "admin-sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22), description: "SSH from the VPN" }] });
  const heartbeat = new SecurityGroup(stack, "heartbeat-sg", {
    vpc,
    ingress: [
      { peer: Peer.ipv4("10.30.10.0/23"), port: Port.udp(5405), description: "corosync" },
      { peer: Peer.ipv4("10.30.10.0/23"), port: Port.allTraffic(), description: "VRRP and ICMP between nodes" },
    ],
  });
  const replication = new SecurityGroup(stack, "replication-sg", { vpc, ingress: [{ peer: Peer.ipv4("10.30.20.0/23"), port: Port.tcp(5432), description: "streaming replication" }] });
  const service = new SecurityGroup(stack, "service-sg", {
    vpc,
    ingress: [
      { peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(5432), description: "clients" },
      { peer: Peer.ipv4("203.0.113.0/24"), port: Port.tcp(5432), description: "reporting partner, through the public virtual IP" },
    ],
  });

  const node = (id: string, home: VSwitch) =>
    // configureNetwork: user_data brings up the three cluster ENIs with policy routing (each in its own vSwitch).
    new EcsInstance(stack, id, { instanceType: "ecs.g7.xlarge", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", vswitch: home, securityGroups: [admin], name: id, configureNetwork: true });
  const pg1 = node("pg-1", homeH);
  const pg2 = node("pg-2", homeH);
  const pg3 = node("pg-3", homeI);

  const cluster = new HAClusterEni(stack, "pg", {
    nodes: [pg1, pg2, pg3],
    networks: [
      { name: "heartbeat", securityGroups: [heartbeat], vswitches: [vsw("heartbeat-h", "cn-hangzhou-h", "10.30.10.0/24"), vsw("heartbeat-i", "cn-hangzhou-i", "10.30.11.0/24")] },
      { name: "replication", securityGroups: [replication], vswitches: [vsw("replication-h", "cn-hangzhou-h", "10.30.20.0/24"), vsw("replication-i", "cn-hangzhou-i", "10.30.21.0/24")] },
      { name: "service", securityGroups: [service], vswitches: [vsw("service-h", "cn-hangzhou-h", "10.30.30.0/24"), vsw("service-i", "cn-hangzhou-i", "10.30.31.0/24")], secondaryPrivateIpCount: 1 },
    ],
    // The virtual IP also gets an EIP (instance_type = "HaVip"): whichever node holds 10.30.30.1 answers on it too.
    virtualIp: { network: "service", eip: { bandwidth: 10, name: "pg-public-vip" } },
  });
  // The HaVip floats between pg-1 and pg-2 (zone h). pg-3 is the cross-zone replica: it cannot take a
  // HaVip from another zone over, so the planner warns (ENI-HAVIP-STANDBY); here that is intended.
  EniSuppressions.addSuppressions(cluster.havip!, [
    { id: "ENI-HAVIP-STANDBY", reason: "pg-3 is the zone-i disaster-recovery replica; it is promoted by hand and clients switch to its service address" },
  ]);
  return stack;
}
