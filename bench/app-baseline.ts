/**
 * The benchmark app written with the generated L1 bindings only: the same resources, the same
 * construct paths, the addresses hard-coded (computed by shape.addressTable), no planner.
 */
import { Construct } from "constructs";
import { App, TerraformStack } from "../src/cdktf";
import * as alicloud from "../src/provider";
import { AddressTable, AppShape, DUAL_STACK_VPC, IMAGE_ID, INGRESS, INSTANCE_TYPE, REGION, RESERVATIONS, STACK_ID, VARIANT, VPC_CIDR } from "./shape";

export function buildBaselineApp(shape: AppShape, addresses: AddressTable, outdir: string): App {
  const app = new App({ outdir });
  const stack = new TerraformStack(app, STACK_ID);
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: REGION });
  const vpc = VARIANT === "dual-stack" ? { id: DUAL_STACK_VPC.vpcId } : new alicloud.vpc.Vpc(new Construct(stack, "Vpc"), "Resource", { cidrBlock: VPC_CIDR });
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
  const vswitches = shape.vswitches.map((v) => {
    const scope = new Construct(stack, v.id);
    const dual = VARIANT === "dual-stack";
    const vsw = new alicloud.vswitch.Vswitch(scope, "Resource", {
      vpcId: vpc.id,
      zoneId: v.zone,
      cidrBlock: v.cidr,
      enableIpv6: dual ? true : undefined,
      ipv6CidrBlockMask: dual ? v.index : undefined,
    });
    if (VARIANT === "prefixes") {
      for (const r of RESERVATIONS) {
        new alicloud.vpcVswitchCidrReservation.VpcVswitchCidrReservation(new Construct(scope, r), "Resource", {
          vswitchId: vsw.id,
          ipVersion: "IPv4",
          cidrReservationType: "Prefix",
          cidrReservationCidr: addresses.reservations.get(`${v.id}/${r}`)!,
        });
      }
    }
    return vsw;
  });
  for (const spec of shape.instances) {
    const vswitch = vswitches[spec.vswitch];
    const sg = groups[spec.vswitch];
    const instance = new alicloud.instance.Instance(new Construct(stack, spec.id), "Resource", {
      instanceType: INSTANCE_TYPE,
      imageId: IMAGE_ID,
      vswitchId: vswitch.id,
      securityGroups: [sg.id],
      privateIp: addresses.instancePrimary.get(spec.id)!,
      ipv6Addresses: addresses.ipv6.get(spec.id) ? [...addresses.ipv6.get(spec.id)!] : undefined,
      instanceChargeType: "PostPaid",
    });
    for (const e of spec.enis) {
      const scope = new Construct(stack, e.id);
      const eni = new alicloud.ecsNetworkInterface.EcsNetworkInterface(scope, "Resource", {
        vswitchId: vswitch.id,
        securityGroupIds: [sg.id],
        primaryIpAddress: addresses.eniPrimary.get(e.id)!,
        privateIpAddresses: addresses.eniSecondary.get(e.id)!.length > 0 ? [...addresses.eniSecondary.get(e.id)!] : undefined,
        ipv6Addresses: addresses.ipv6.get(e.id) ? [...addresses.ipv6.get(e.id)!] : undefined,
        ipv4Prefixes: addresses.prefixes.get(e.id) ? [...addresses.prefixes.get(e.id)!] : undefined,
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
          privateIpAddress: VARIANT === "prefixes" ? addresses.eniPrimary.get(e.id)! : addresses.eniSecondary.get(e.id)![0],
        });
      }
    }
  }
  return app;
}
