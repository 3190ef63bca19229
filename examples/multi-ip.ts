/**
 * Many private IPs, one per application, on existing instances in an existing, shared vSwitch.
 *
 * Two teams deploy from two stacks into the same vSwitch (imported by id in both). The planner
 * plans the whole app at once, so the addresses it hands out never collide across the stacks,
 * and it avoids the addresses the vSwitch already uses (usedIps). Imported instances cannot get
 * secondary IPs on their primary ENI, so every address goes on secondary ENIs attached to them.
 */
import { App, TerraformStack } from "../src/cdktf";
import { alicloud, EcsInstance, ISecurityGroup, IVSwitch, MultiIpInstance, SecurityGroup, Vpc, VSwitch } from "../src";

/** The existing network both stacks import (ids of resources created outside this program). */
export const SHARED = {
  vpcId: "vpc-bp1sharedexample0001",
  vpcCidr: "172.16.0.0/12",
  vswitchId: "vsw-bp1sharedexample0001",
  zoneId: "cn-hangzhou-h",
  cidr: "172.16.8.0/24",
  /**
   * Addresses already taken in the vSwitch by things this program does not know (appliances).
   * The existing instances' own addresses are given as their privateIp below, which keeps them
   * out of the plan too (listing them here as well would be fine).
   */
  usedIps: ["172.16.8.1", "172.16.8.2"],
  securityGroupId: "sg-bp1sharedexample0001",
};

/** Imports the shared VPC, vSwitch and security group into a stack (nothing is created for them). */
function sharedVSwitch(stack: TerraformStack): { vswitch: IVSwitch; group: ISecurityGroup } {
  const vpc = Vpc.fromVpcAttributes(stack, "shared-vpc", { vpcId: SHARED.vpcId, cidrBlock: SHARED.vpcCidr });
  const vswitch = VSwitch.fromVSwitchAttributes(stack, "shared-vsw", {
    vswitchId: SHARED.vswitchId,
    vpc,
    zoneId: SHARED.zoneId,
    cidrBlock: SHARED.cidr,
    usedIps: SHARED.usedIps,
  });
  const group = SecurityGroup.fromSecurityGroupAttributes(stack, "shared-sg", { securityGroupId: SHARED.securityGroupId, vpc, type: "normal" });
  return { vswitch, group };
}

export function build(app: App): TerraformStack[] {
  // Team 1: a web server that hosts four applications, each on its own address.
  const web = new TerraformStack(app, "multi-ip-web");
  new alicloud.provider.AlicloudProvider(web, "alicloud", { region: "cn-hangzhou" });
  const w = sharedVSwitch(web);
  const webServer = EcsInstance.fromEcsInstanceAttributes(web, "web-server", {
    instanceId: "i-bp1webserverexample01",
    instanceType: "ecs.g7.large",
    vswitch: w.vswitch,
    privateIp: "172.16.8.10",
  });
  new MultiIpInstance(web, "apps", { instance: webServer, applications: ["storefront", "checkout", "search", "recommendations"], securityGroups: [w.group] });

  // Team 2: a batch host that needs eight addresses (one per worker); 6 fit on one ENI of ecs.g7.large, so two ENIs.
  const batch = new TerraformStack(app, "multi-ip-batch");
  new alicloud.provider.AlicloudProvider(batch, "alicloud", { region: "cn-hangzhou" });
  const b = sharedVSwitch(batch);
  const batchHost = EcsInstance.fromEcsInstanceAttributes(batch, "batch-host", {
    instanceId: "i-bp1batchhostexample01",
    instanceType: "ecs.g7.large",
    vswitch: b.vswitch,
    privateIp: "172.16.8.11",
  });
  new MultiIpInstance(batch, "workers", { instance: batchHost, privateIpCount: 8, securityGroups: [b.group] });
  return [web, batch];
}
