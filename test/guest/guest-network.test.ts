import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack, TerraformVariable } from "../../src/cdktf";
import { Construct } from "constructs";
import { EcsInstance, GuestNetwork, NetworkInterface, Peer, Port, SecurityGroup, Vpc, VSwitch } from "../../src";
import { GuestNetworkSpec, isProviderBase64, mergeUserData, renderGuestNetworkInstaller, renderGuestNetworkScript, USER_DATA_BOUNDARY } from "../../src/guest";
import { expectConfigError } from "../resources/helpers";
import { synthJson, testApp, testStack } from "../support/synth";
import { fixtureJson, guestFixture, outputScript, userDataOf } from "./fixture";

const GOLDEN = path.join(__dirname, "golden");

/** Compares `text` with golden file `name`; `UPDATE_GOLDEN=1` rewrites the file instead. */
function expectGolden(name: string, text: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, text);
  }
  expect(text).toBe(fs.readFileSync(file, "utf8"));
}

/** The parts of a multipart MIME message: [headers, decoded body] (base64 parts decoded; a nested part as it is). */
function mimeParts(message: string): [string, string][] {
  const [, body] = message.split(/\n\n([\s\S]*)/);
  return body
    .split(`--${USER_DATA_BOUNDARY}`)
    .slice(1, -1)
    .map((p) => {
      const [headers, content] = p.replace(/^\n/, "").split(/\n\n([\s\S]*)/);
      return [headers, /Content-Transfer-Encoding: base64/.test(headers) ? Buffer.from(content, "base64").toString("utf8") : content.replace(/\n$/, "")];
    });
}

const USER_CLOUD_CONFIG = "#cloud-config\npackages: [nginx]\n";

describe("guest network: golden text", () => {
  const f = guestFixture(USER_CLOUD_CONFIG);
  const json = fixtureJson(f);

  test("the script of an instance with a same-vSwitch ENI (NAT-mode EIP on a secondary IP), an ENI in another vSwitch and a failover candidate", () => {
    expectGolden("server.sh", outputScript(json, "server"));
  });

  test("the output is a Terraform string literal: template sequences are escaped, so terraform output gives the script", () => {
    const value: string = json.output.server_guest_network_script.value;
    expect(value).toContain("MD=$${MD%/}");
    expect(value.replace(/\$\$\{/g, "")).not.toContain("${");
    expect(json.output.server_guest_network_script.description).toContain("run it as root after an ENI moved to this instance");
  });

  test("the script of the failover ENI's active instance", () => {
    expectGolden("other.sh", outputScript(json, "other"));
  });

  test("user_data without user data of their own: the installer part alone, base64 (as the provider recommends)", () => {
    const raw = Object.entries<any>(json.resource.alicloud_instance).find(([k]) => k.startsWith("other_"))![1].user_data;
    expect(isProviderBase64(raw)).toBe(true);
    const text = userDataOf(json, "other");
    expectGolden("other-user-data.sh", text);
    // The installer carries the same script as the output, byte for byte.
    expect(text).toContain(`<<'ENI_GUEST_NETWORK_SCRIPT'\n${outputScript(json, "other")}ENI_GUEST_NETWORK_SCRIPT\n`);
  });

  test("user_data with the user's own cloud-config: one multipart MIME message, the installer first, then the user's part unchanged", () => {
    const text = userDataOf(json, "server");
    expectGolden("server-user-data.txt", text);
    const parts = mimeParts(text);
    expect(parts.map(([h]) => h.split("\n")[0])).toEqual(['Content-Type: text/x-shellscript; charset="utf-8"', 'Content-Type: text/cloud-config; charset="utf-8"']);
    expect(parts[0][1]).toBe(renderGuestNetworkInstaller("guest/server", outputScript(json, "server")));
    expect(parts[1][1]).toBe(USER_CLOUD_CONFIG);
  });

  test("synthesis is deterministic: a second app gives byte-identical user data and scripts", () => {
    const again = fixtureJson(guestFixture(USER_CLOUD_CONFIG));
    expect(again.resource.alicloud_instance).toEqual(json.resource.alicloud_instance);
    expect(again.output).toEqual(json.output);
  });

  test("the rendered scripts pass shellcheck as POSIX sh (skipped when shellcheck is not installed)", () => {
    if (spawnSync("shellcheck", ["--version"]).status !== 0) {
      console.warn("SKIPPED shellcheck test: shellcheck is not installed");
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-guest-sc-"));
    try {
      const files = {
        "server.sh": outputScript(json, "server"),
        "install.sh": mimeParts(userDataOf(json, "server"))[0][1],
        "other-user-data.sh": userDataOf(json, "other"),
      };
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
      const r = spawnSync("shellcheck", ["-s", "sh", ...Object.keys(files).map((n) => path.join(dir, n))], { encoding: "utf8" });
      expect(r.stdout).toBe("");
      expect(r.status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A stack with one instance in 10.0.1.0/24 and an optional second vSwitch 10.0.2.0/24 in the same zone. */
function small(props: Partial<ConstructorParameters<typeof EcsInstance>[2]> = {}) {
  const app = testApp();
  const stack = testStack(app);
  const vpc = new Vpc(stack, "vpc", { cidrBlock: "10.0.0.0/16" });
  const a = new VSwitch(stack, "a", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.1.0/24" });
  const b = new VSwitch(stack, "b", { vpc, zoneId: "cn-hangzhou-h", cidrBlock: "10.0.2.0/24" });
  const sg = new SecurityGroup(stack, "sg", { vpc, ingress: [{ peer: Peer.ipv4("10.0.0.0/8"), port: Port.tcp(22) }] });
  const inst = new EcsInstance(stack, "vm", { instanceType: "ecs.g7.large", imageId: "img", vswitch: a, securityGroups: [sg], configureNetwork: true, ...props });
  return { app, stack, vpc, a, b, sg, inst };
}

const configureLines = (script: string) =>
  script
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("configure "));

describe("guest network: what is configured", () => {
  test("nothing planned for the instance: no configure line, and the script says so", () => {
    const { stack } = small();
    const script: string = outputScript(synthJson(stack), "vm");
    expect(configureLines(script)).toEqual([]);
    expect(script).toContain("# Nothing to configure");
  });

  test("secondary IPs on the primary ENI: added to it, without policy routing while no other ENI shares its vSwitch", () => {
    const { stack } = small({ secondaryPrivateIpCount: 2 });
    expect(configureLines(outputScript(synthJson(stack), "vm"))).toEqual(["configure primary 'stack/vm' 10.0.1.1 10.0.1.0/24 24 0 10.0.1.2 10.0.1.3"]);
  });

  test("an ENI in another vSwitch gets policy routing; the primary ENI does not", () => {
    const { stack, b, sg, inst } = small();
    new NetworkInterface(stack, "eni", { vswitch: b, securityGroups: [sg], instance: inst });
    expect(configureLines(outputScript(synthJson(stack), "vm"))).toEqual(["configure secondary 'stack/eni' 10.0.2.1 10.0.2.0/24 24 10001"]);
  });

  test("an ENI in the instance's own vSwitch: both get policy routing (ENI-SAME-SUBNET)", () => {
    const { stack, a, sg, inst } = small();
    new NetworkInterface(stack, "eni", { vswitch: a, securityGroups: [sg], instance: inst });
    const script: string = outputScript(synthJson(stack), "vm");
    expect(configureLines(script)).toEqual(["configure primary 'stack/vm' 10.0.1.2 10.0.1.0/24 24 10000", "configure secondary 'stack/eni' 10.0.1.1 10.0.1.0/24 24 10001"]);
    expect(script).toContain("#     - shares vSwitch stack/a with stack/eni (ENI-SAME-SUBNET)");
  });

  test("an ENI of an unknown vSwitch CIDR is named as not configured", () => {
    const { stack, vpc, sg, inst } = small();
    const cidr = new TerraformVariable(stack, "cidr", { type: "string" });
    const imported = VSwitch.fromVSwitchAttributes(stack, "imported", { vswitchId: "vsw-1", vpc, zoneId: "cn-hangzhou-h", cidrBlock: cidr.stringValue });
    new NetworkInterface(stack, "eni", { vswitch: imported, securityGroups: [sg], instance: inst });
    const script: string = outputScript(synthJson(stack), "vm");
    expect(configureLines(script)).toEqual([]);
    expect(script).toContain("  # stack/eni: not configured: its addresses or its vSwitch CIDR are not known at synth");
  });

  test("GuestNetwork.scriptFor serves imported instances (e.g. a standby set up by hand)", () => {
    const { stack, a, sg } = small();
    const standby = EcsInstance.fromEcsInstanceAttributes(stack, "standby", { instanceId: "i-standby", instanceType: "ecs.g7.large", vswitch: a, privateIp: "10.0.1.100" });
    new NetworkInterface(stack, "eni", { vswitch: a, securityGroups: [sg], instance: standby });
    const spec = GuestNetwork.specOf(standby);
    expect(spec.interfaces.map((i) => [i.label, i.primaryIp?.address, i.routeTable])).toEqual([
      ["stack/standby", "10.0.1.100", 10000],
      ["stack/eni", "10.0.1.1", 10001],
    ]);
    expect(renderGuestNetworkScript(spec)).toContain("configure secondary 'stack/eni' 10.0.1.1 10.0.1.0/24 24 10001");
  });

  test("without configureNetwork, user_data is the user's, unchanged, and there is no output", () => {
    const { stack } = small({ configureNetwork: false, userData: USER_CLOUD_CONFIG });
    const json = synthJson(stack);
    expect(Object.values<any>(json.resource.alicloud_instance)[0].user_data).toBe(USER_CLOUD_CONFIG);
    expect(json.output).toBeUndefined();
  });
});

describe("guest network: user data merge", () => {
  test("base64 user data is decoded first, as the provider would send it", () => {
    const { stack } = small({ userData: Buffer.from("#!/bin/sh\necho hi\n").toString("base64") });
    const parts = mimeParts(Buffer.from(Object.values<any>(synthJson(stack).resource.alicloud_instance)[0].user_data, "base64").toString());
    expect(parts[1]).toEqual([expect.stringContaining("Content-Type: text/x-shellscript"), "#!/bin/sh\necho hi\n"]);
  });

  test("a MIME message of the user's is nested as it is", () => {
    const mime = 'Content-Type: multipart/mixed; boundary="xyz"\nMIME-Version: 1.0\n\n--xyz\nContent-Type: text/cloud-config\n\n#cloud-config\n--xyz--\n';
    const merged = mergeUserData("#!/bin/sh\n", mime);
    expect(mimeParts(merged)[1][0]).toBe('Content-Type: multipart/mixed; boundary="xyz"\nMIME-Version: 1.0');
    expect(merged).toContain(mime.trimEnd());
  });

  test("user data that is a token, or not a cloud-init format, is refused with the fix", () => {
    const app = testApp();
    const stack = new TerraformStack(app, "s");
    const v = new TerraformVariable(stack, "ud", { type: "string" });
    expectConfigError(() => small({ userData: v.stringValue }), "stack/vm", "userData is a token", "Give userData as a literal string");
    expectConfigError(() => small({ userData: "hello world" }), "stack/vm", "does not start like cloud-init user data", "#cloud-config");
  });

  test("two instances whose outputs would share a name are refused", () => {
    const { stack, a, sg } = small();
    const team = new Construct(stack, "team");
    expectConfigError(
      () => new EcsInstance(team, "vm", { instanceType: "ecs.g7.large", imageId: "img", vswitch: a, securityGroups: [sg], configureNetwork: true }),
      "stack/team/vm",
      'output name "vm_guest_network_script" is already used by stack/vm',
    );
  });
});

describe("guest network: renderer input checks", () => {
  const base: GuestNetworkSpec = {
    instance: "x",
    interfaces: [{ label: "x/eni", role: "secondary", primaryIp: { address: "10.0.1.1" }, secondaryIps: [], vswitchCidr: "10.0.1.0/24", routeTable: 10001 }],
  };
  test("a valid spec renders; a bad address, table or CIDR is refused", () => {
    expect(renderGuestNetworkScript(base)).toContain("  configure secondary 'x/eni' 10.0.1.1 10.0.1.0/24 24 10001\n  :\n}\n");
    const i = base.interfaces[0];
    expect(() => renderGuestNetworkScript({ ...base, interfaces: [{ ...i, primaryIp: { address: "10.0.1.1; reboot" } }] })).toThrow(/not an IPv4 address/);
    expect(() => renderGuestNetworkScript({ ...base, interfaces: [{ ...i, routeTable: 254 }] })).toThrow(/route table 254/);
    expect(() => renderGuestNetworkScript({ ...base, interfaces: [i, { ...i, label: "x/two" }] })).toThrow(/used twice/);
    expect(() => renderGuestNetworkScript({ ...base, interfaces: [{ ...i, vswitchCidr: "10.0.1.5/24" }] })).toThrow(/host bits/);
    expect(() => renderGuestNetworkScript({ ...base, interfaces: [{ ...i, primaryIp: undefined }] })).toThrow(/no primary IP/);
  });

  test("labels are quoted for sh", () => {
    const script = renderGuestNetworkScript({ ...base, interfaces: [{ ...base.interfaces[0], label: "it's $(x)" }] });
    expect(script).toContain(`configure secondary 'it'\\''s $(x)' 10.0.1.1`);
  });
});
