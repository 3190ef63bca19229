/** The benchmark app written with the library's L2 constructs: every address is planned. */
import { App, TerraformStack } from "../src/cdktf";
import { EniPlanner } from "../src/planner";
import * as alicloud from "../src/provider";
import { EcsInstance, Eip, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../src/resources";
import {
  AppShape,
  DUAL_STACK_VPC,
  IMAGE_ID,
  INGRESS,
  INSTANCE_TYPE,
  IPV6_PER_ENI,
  IPV6_PER_INSTANCE,
  REGION,
  RESERVATION_MASK,
  RESERVATIONS,
  SECONDARY_IPS_PER_ENI,
  STACK_ID,
  VARIANT,
  VPC_CIDR,
} from "./shape";

/** Planner options of the benchmark: no lock file, no terminal output, quotas that fit the app. */
export const PLANNER_OPTIONS = { lockFile: false, quiet: true, frozen: false, eniQuotaPerRegion: 1_000_000, eipQuota: 1_000_000 } as const;

/** The app with the library's constructs; with `lockFile`, the planner keeps its allocations there (as a real project does). */
export function buildPlannerApp(shape: AppShape, outdir: string, lockFile?: string): App {
  const app = new App({ outdir });
  EniPlanner.configure(app, lockFile ? { ...PLANNER_OPTIONS, lockFile } : PLANNER_OPTIONS);
  const stack = new TerraformStack(app, STACK_ID);
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: REGION });
  const vpc = VARIANT === "dual-stack" ? Vpc.fromVpcAttributes(stack, "Vpc", { ...DUAL_STACK_VPC, cidrBlock: VPC_CIDR }) : new Vpc(stack, "Vpc", { cidrBlock: VPC_CIDR });
  const groups = shape.vswitches.map((v) => new SecurityGroup(stack, v.sgId, { vpc, ingress: [{ peer: Peer.ipv4(INGRESS.cidr), port: Port.tcp(INGRESS.port) }] }));
  const vswitches = shape.vswitches.map((v) => {
    const vsw = new VSwitch(stack, v.id, { vpc, zoneId: v.zone, cidrBlock: v.cidr, ipv6CidrBlockMask: VARIANT === "dual-stack" ? v.index : undefined });
    if (VARIANT === "prefixes") for (const r of RESERVATIONS) vsw.reserveCidr(r, { mask: RESERVATION_MASK });
    return vsw;
  });
  for (const spec of shape.instances) {
    const vswitch = vswitches[spec.vswitch];
    const sg = groups[spec.vswitch];
    const dual = VARIANT === "dual-stack";
    const instance = new EcsInstance(stack, spec.id, { instanceType: INSTANCE_TYPE, imageId: IMAGE_ID, vswitch, securityGroups: [sg], ipv6AddressCount: dual ? IPV6_PER_INSTANCE : undefined });
    for (const e of spec.enis) {
      const eni = new NetworkInterface(stack, e.id, {
        vswitch,
        securityGroups: [sg],
        secondaryPrivateIpCount: SECONDARY_IPS_PER_ENI || undefined,
        ipv6AddressCount: dual ? IPV6_PER_ENI : undefined,
        ipv4PrefixCount: VARIANT === "prefixes" ? 1 : undefined,
        instance,
      });
      if (e.eip) new Eip(stack, `${e.id}Eip`).associate(eni, VARIANT === "prefixes" ? eni.primaryIp : eni.secondaryPrivateIps[0]);
    }
  }
  return app;
}

/** The planner of an app built by buildPlannerApp. */
export function plannerOf(app: App): EniPlanner {
  return EniPlanner.of(app);
}
