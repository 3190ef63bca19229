/**
 * The benchmark app written with the generated L1 bindings only: the same resources, the same
 * construct paths, the addresses hard-coded (computed by shape.addressTable), no planner.
 */
import { Construct } from "constructs";
import { App, TerraformStack } from "../src/cdktf";
import * as alicloud from "../src/provider";
import { AddressTable, AppShape, IMAGE_ID, INGRESS, INSTANCE_TYPE, REGION, STACK_ID, VPC_CIDR } from "./shape";

export function buildBaselineApp(shape: AppShape, addresses: AddressTable, outdir: string): App {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, STACK_ID);
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: REGION });
  const vpc = new alicloud.vpc.Vpc(new Construct(stack, "Vpc"), "Resource", { cidrBlock: VPC_CIDR });
  const groups = shape.vswitches.map((v) => {
    const sgScope = new Construct(stack, v.sgId);
    const sg = new alicloud.securityGroup.SecurityGroup(sgScope, "Resource", { vpcId: vpc.id, securityGroupType: "normal" });
    new alicloud.securityGroupRule.SecurityGroupRule(new Construct(sgScope, "Ingress0"), "Resource", {
      securityGroupId: sg.id,
      type: "ingress",
      ipProtocol: "tcp",
      portRange: `${INGRESS.port}/${INGRESS.port}`,
      policy: "accept",
      priority: 1,
      cidrIp: INGRESS.cidr,
    });
    return sg;
  });
  const vswitches = shape.vswitches.map(
    (v) => new alicloud.vswitch.Vswitch(new Construct(stack, v.id), "Resource", { vpcId: vpc.id, zoneId: v.zone, cidrBlock: v.cidr }),
  );
  for (const spec of shape.instances) {
    const vswitch = vswitches[spec.vswitch];
    const sg = groups[spec.vswitch];
    const instance = new alicloud.instance.Instance(new Construct(stack, spec.id), "Resource", {
      instanceType: INSTANCE_TYPE,
      imageId: IMAGE_ID,
      vswitchId: vswitch.id,
      securityGroups: [sg.id],
      privateIp: addresses.instancePrimary.get(spec.id)!,
      instanceChargeType: "PostPaid",
    });
    for (const e of spec.enis) {
      const scope = new Construct(stack, e.id);
      const eni = new alicloud.ecsNetworkInterface.EcsNetworkInterface(scope, "Resource", {
        vswitchId: vswitch.id,
        securityGroupIds: [sg.id],
        primaryIpAddress: addresses.eniPrimary.get(e.id)!,
        privateIpAddresses: [...addresses.eniSecondary.get(e.id)!],
      });
      new alicloud.ecsNetworkInterfaceAttachment.EcsNetworkInterfaceAttachment(scope, "Attachment", {
        networkInterfaceId: eni.id,
        instanceId: instance.id,
      });
      if (e.eip) {
        const eipScope = new Construct(stack, `${e.id}Eip`);
        const eip = new alicloud.eipAddress.EipAddress(eipScope, "Resource", { bandwidth: "5", internetChargeType: "PayByTraffic", paymentType: "PayAsYouGo" });
        new alicloud.eipAssociation.EipAssociation(eipScope, "Association", {
          allocationId: eip.id,
          instanceId: eni.id,
          instanceType: "NetworkInterface",
          mode: "NAT",
          privateIpAddress: addresses.eniSecondary.get(e.id)![0],
        });
      }
    }
  }
  return app;
}
