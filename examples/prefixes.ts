/**
 * IPv4 prefixes for pod density: a Kubernetes-style node whose pods get addresses from /28 prefixes, as
 * Alibaba's Terway CNI does in prefix mode. The vSwitch reserves a /23 for prefixes (32 of them) (the planner chooses the
 * block and locks it); MultiPrefixInstance adds prefix-mode ENIs to the node, and the planner places every
 * /28 inside the reservation and locks it (`<eni path>#prefix-N`). Individual addresses (the node's own)
 * stay outside the reservation, as the VPC keeps them.
 */
import { App, TerraformStack } from "../src/cdktf";
import { alicloud, EcsInstance, MultiPrefixInstance, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../src";

export function build(app: App): TerraformStack {
  const stack = new TerraformStack(app, "prefixes");
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });

  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.50.0.0/16", name: "pods-vpc" });
  const nodes = new VSwitch(stack, "nodes", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.50.0.0/21", name: "nodes" });
  nodes.reserveCidr("pod-prefixes", { mask: 23, description: "Pod prefixes (/28 each)" });

  const cluster = new SecurityGroup(stack, "cluster-sg", {
    vpc,
    name: "cluster",
    ingress: [{ peer: Peer.ipv4("10.50.0.0/16"), port: Port.allTcp(), description: "Node and pod traffic inside the VPC" }],
  });
  const node = new EcsInstance(stack, "node-1", {
    instanceType: "ecs.g7.xlarge", // 4 ENIs x 15 IPv4 slots: 10 prefixes per call on each secondary ENI
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    vswitch: nodes,
    securityGroups: [cluster],
    name: "node-1",
  });
  new MultiPrefixInstance(stack, "pods", { instance: node, addressCount: 300 }); // 19 prefixes: 304 pod addresses
  return stack;
}
