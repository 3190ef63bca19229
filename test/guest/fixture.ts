import type { App, TerraformStack } from "../../src/cdktf";
import { EcsInstance, Eip, FailoverEni, HaVip, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src";
import { synthJson, testApp, testStack } from "../support/synth";

/**
 * One instance ("server", configureNetwork) with everything the guest script handles: a secondary IP on its
 * primary ENI; ENI "app" in the same vSwitch (ENI-SAME-SUBNET) with two secondary IPs, the first behind a
 * NAT-mode EIP, and a HaVip 10.0.1.100 (keepalived's to add); ENI "mgmt" in another vSwitch; and a failover ENI "vip" that is active on "other", so it is
 * only a candidate here (not attached).
 */
export interface GuestFixture {
  readonly app: App;
  readonly stack: TerraformStack;
  readonly server: EcsInstance;
  readonly other: EcsInstance;
  readonly app1: NetworkInterface;
  readonly mgmt: NetworkInterface;
  readonly vip: FailoverEni;
}

export function guestFixture(userData?: string): GuestFixture {
  const app = testApp();
  const stack = testStack(app, "guest");
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
  const vswH = new VSwitch(stack, "vsw-h", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  const vswMgmt = new VSwitch(stack, "vsw-mgmt", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.3.0/26" });
  const sg = new SecurityGroup(stack, "sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(443) }] });
  const node = (id: string, extra: Partial<ConstructorParameters<typeof EcsInstance>[2]>) =>
    new EcsInstance(stack, id, { instanceType: "ecs.g7.xlarge", imageId: "aliyun_3_x64_20G_alibase_20240819.vhd", vswitch: vswH, securityGroups: [sg], ...extra });
  const server = node("server", { secondaryPrivateIpCount: 1, configureNetwork: true, userData });
  const other = node("other", { configureNetwork: true });
  const app1 = new NetworkInterface(stack, "app", { vswitch: vswH, securityGroups: [sg], secondaryPrivateIpCount: 2, instance: server });
  new Eip(stack, "app-eip").associate(app1, app1.secondaryPrivateIps[0]);
  new HaVip(stack, "havip", { vswitch: vswH, ipAddress: "10.0.1.100" }).attach(app1);
  const mgmt = new NetworkInterface(stack, "mgmt", { vswitch: vswMgmt, securityGroups: [sg], instance: server });
  const vip = new FailoverEni(stack, "vip", { vswitch: vswH, securityGroups: [sg], instances: [other, server], variableName: "active_vip" });
  return { app, stack, server, other, app1, mgmt, vip };
}

/** The synthesized JSON of the fixture's stack. */
export function fixtureJson(f: GuestFixture): any {
  return synthJson(f.stack);
}

/** The decoded user_data of an instance resource in the JSON. */
export function userDataOf(json: any, id: string): string {
  const [, r] = Object.entries<any>(json.resource.alicloud_instance).find(([k]) => k.startsWith(`${id}_`))!;
  return Buffer.from(r.user_data, "base64").toString("utf8");
}

/** The guest network script of instance `id` as `terraform output -raw <id>_guest_network_script` gives it (Terraform's `$${` and `%%{` unescaped). */
export function outputScript(json: any, id: string): string {
  const value: string = json.output[`${id}_guest_network_script`].value;
  return value.replace(/\$\$\{/g, () => "${").replace(/%%\{/g, () => "%{");
}
