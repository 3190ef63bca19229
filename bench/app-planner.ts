/** The benchmark app written with the library's L2 constructs: every address is planned. */
import { App, TerraformStack } from "../src/cdktf";
import { EniPlanner } from "../src/planner";
import * as alicloud from "../src/provider";
import { EcsInstance, Eip, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../src/resources";
import { AppShape, IMAGE_ID, INGRESS, INSTANCE_TYPE, REGION, SECONDARY_IPS_PER_ENI, STACK_ID, VPC_CIDR } from "./shape";

/** Planner options of the benchmark: no lock file, no terminal output, quotas that fit the app. */
export const PLANNER_OPTIONS = { lockFile: false, quiet: true, frozen: false, eniQuotaPerRegion: 1_000_000, eipQuota: 1_000_000 } as const;

/** The app with the library's constructs; with `lockFile`, the planner keeps its allocations there (as a real project does). */
export function buildPlannerApp(shape: AppShape, outdir: string, lockFile?: string): App {
  const app = new App({ outdir });
  EniPlanner.configure(app, lockFile ? { ...PLANNER_OPTIONS, lockFile } : PLANNER_OPTIONS);
  const stack = new TerraformStack(app, STACK_ID);
  new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: REGION });
  const vpc = new Vpc(stack, "Vpc", { cidrBlock: VPC_CIDR });
  const sg = new SecurityGroup(stack, "Sg", { vpc, ingress: [{ peer: Peer.ipv4(INGRESS.cidr), port: Port.tcp(INGRESS.port) }] });
  const vswitches = shape.vswitches.map((v) => new VSwitch(stack, v.id, { vpc, zoneId: v.zone, cidrBlock: v.cidr }));
  for (const spec of shape.instances) {
    const vswitch = vswitches[spec.vswitch];
    const instance = new EcsInstance(stack, spec.id, { instanceType: INSTANCE_TYPE, imageId: IMAGE_ID, vswitch, securityGroups: [sg] });
    for (const e of spec.enis) {
      const eni = new NetworkInterface(stack, e.id, { vswitch, securityGroups: [sg], secondaryPrivateIpCount: SECONDARY_IPS_PER_ENI, instance });
      if (e.eip) new Eip(stack, `${e.id}Eip`).associate(eni, eni.secondaryPrivateIps[0]);
    }
  }
  return app;
}

/** The planner of an app built by buildPlannerApp. */
export function plannerOf(app: App): EniPlanner {
  return EniPlanner.of(app);
}
