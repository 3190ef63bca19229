/**
 * Runs the synthesized guest network script for real, as root, inside a network namespace this test
 * makes: interfaces carrying the ENIs' MACs (dummy interfaces, or veth pairs where the kernel has no
 * dummy driver) and a local stand-in for the metadata service, bound to 127.0.0.1 inside the namespace.
 * Checks the addresses, rules and routes that result. Traffic stays inside the namespace. Skipped, with
 * the reason printed, where the machine cannot make namespaces (not root, no iproute2, no netns).
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GuestNetwork } from "../../src";
import { GuestInterface } from "../../src/guest";
import { fixtureJson, guestFixture, outputScript } from "./fixture";

const NS = `eni-guest-test-${process.pid}`;
const STAND_IN = path.join(__dirname, "metadata-stand-in.js");

function sh(cmd: string, args: string[], timeout = 10_000) {
  return spawnSync(cmd, args, { encoding: "utf8", timeout, env: { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin" } });
}

/** Why this machine cannot run the test, or undefined when it can. */
function whyNot(): string | undefined {
  if (process.platform !== "linux") return `not Linux (${process.platform})`;
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return "not running as root (id -u is not 0)";
  for (const tool of ["ip", "curl", "sh", "awk"]) {
    if (sh("sh", ["-c", `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  const probe = `${NS}-probe`;
  const add = sh("ip", ["netns", "add", probe]);
  if (add.status !== 0) return `ip netns add fails: ${(add.stderr || add.error?.message || "").trim()}`;
  sh("ip", ["netns", "del", probe]);
  return undefined;
}

const reason = whyNot();
if (reason) console.warn(`SKIPPED guest network namespace test: ${reason}. The golden tests still run.`);
const nsTest = reason ? test.skip : test;

/** `ip` inside the namespace; throws on failure. */
function ipn(...args: string[]): string {
  const r = sh("ip", ["-n", NS, ...args]);
  if (r.status !== 0) throw new Error(`ip -n ${NS} ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** An interface with a MAC: a dummy where the kernel has the driver, else one end of a veth pair (both ends in the namespace). */
function addLink(name: string, mac: string): void {
  const dummy = sh("ip", ["-n", NS, "link", "add", name, "address", mac, "type", "dummy"]);
  if (dummy.status === 0) return;
  ipn("link", "add", name, "address", mac, "type", "veth", "peer", "name", `${name}p`);
  ipn("link", "set", `${name}p`, "up");
}

function addresses(dev: string): string[] {
  return ipn("-4", "-o", "addr", "show", "dev", dev)
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => l.split(/\s+/)[3])
    .sort();
}

function rules(): string[] {
  return ipn("-4", "rule", "show")
    .split("\n")
    .map((l) => l.trim().replace(/\s+/g, " "))
    .filter((l) => l && !/lookup (local|main|default)$/.test(l));
}

/** The routes of table `n` ([] when the kernel has no such table). */
function table(n: number): string[] {
  const r = sh("ip", ["-n", NS, "-4", "route", "show", "table", String(n)]);
  if (r.status !== 0 && r.stderr.includes("FIB table does not exist")) return [];
  if (r.status !== 0) throw new Error(`ip route show table ${n}: ${r.stderr}`);
  return r.stdout
    .split("\n")
    .map((l) => l.trim().replace(/\s+/g, " "))
    .filter((l) => l);
}

nsTest(
  "the script brings up the planned ENIs, addresses and policy routing inside a namespace, skips what is not attached, and converges on rerun",
  async () => {
    const f = guestFixture();
    const spec = GuestNetwork.specOf(f.server);
    const script: string = outputScript(fixtureJson(f), "server");
    const byLabel = new Map<string, GuestInterface>(spec.interfaces.map((i) => [i.label, i]));
    const server = byLabel.get("guest/server")!;
    const app = byLabel.get("guest/app")!;
    const mgmt = byLabel.get("guest/mgmt")!;
    const vip = byLabel.get("guest/vip/Eni")!;
    const ip = (i: GuestInterface) => i.primaryIp!.address;
    const secondaries = (i: GuestInterface) => i.secondaryIps.map((a) => a.address);
    expect([ip(server), ...secondaries(server)]).toEqual(["10.0.1.5", "10.0.1.6"]); // what the rest of the test relies on
    expect([ip(app), ...secondaries(app)]).toEqual(["10.0.1.1", "10.0.1.2", "10.0.1.3"]);
    expect(ip(mgmt)).toBe("10.0.3.1");
    expect(ip(vip)).toBe("10.0.1.7");

    const MAC = { eth0: "00:16:3e:00:00:01", eth1: "00:16:3e:00:00:02", eth2: "00:16:3e:00:00:03", eth3: "00:16:3e:00:00:04" };
    const eni = (primary: string, gateway: string, cidr: string, more: string[], id: string) => ({
      "primary-ip-address": primary,
      gateway,
      netmask: cidr.endsWith("/26") ? "255.255.255.192" : "255.255.255.0",
      "vswitch-cidr-block": cidr,
      "private-ipv4s": [primary, ...more],
      "network-interface-id": id,
    });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eni-guest-"));
    const stateFile = path.join(tmp, "state.json");
    const portFile = path.join(tmp, "port");
    const scriptFile = path.join(tmp, "eni-guest-network");
    fs.writeFileSync(scriptFile, script, { mode: 0o755 });
    const interfaces: Record<string, object> = {
      // Upper case on purpose: the script compares MACs case-insensitively.
      [MAC.eth0.toUpperCase()]: eni("10.0.1.5", "10.0.1.253", "10.0.1.0/24", ["10.0.1.6"], "eni-primary"),
      [MAC.eth1]: eni("10.0.1.1", "10.0.1.253", "10.0.1.0/24", ["10.0.1.2", "10.0.1.3"], "eni-app"),
      [MAC.eth2]: eni("10.0.3.1", "10.0.3.61", "10.0.3.0/26", [], "eni-mgmt"),
    };
    const writeState = () => fs.writeFileSync(stateFile, JSON.stringify({ requireToken: true, mac: MAC.eth0.toUpperCase(), interfaces }));
    writeState();

    let standIn: ChildProcess | undefined;
    try {
      const made = sh("ip", ["netns", "add", NS]);
      if (made.status !== 0) throw new Error(`ip netns add ${NS}: ${made.stderr}`);
      ipn("link", "set", "lo", "up");
      addLink("eth0", MAC.eth0);
      addLink("eth1", MAC.eth1);
      addLink("eth2", MAC.eth2);
      // The OS has configured the primary ENI by DHCP; eth1 and eth2 are down, with no address (an image that does not detect secondary ENIs).
      ipn("link", "set", "eth0", "up");
      ipn("addr", "add", "10.0.1.5/24", "dev", "eth0");
      ipn("route", "add", "default", "via", "10.0.1.253", "dev", "eth0");

      standIn = spawn("ip", ["netns", "exec", NS, process.execPath, STAND_IN, stateFile, portFile], { stdio: "ignore" });
      const deadline = Date.now() + 10_000;
      while (!fs.existsSync(portFile) || fs.readFileSync(portFile, "utf8") === "") {
        if (Date.now() > deadline) throw new Error("the metadata stand-in did not start");
        await new Promise((r) => setTimeout(r, 50));
      }
      const endpoint = `http://127.0.0.1:${fs.readFileSync(portFile, "utf8")}`;
      const run = () => {
        const r = sh("ip", ["netns", "exec", NS, "sh", scriptFile, "--metadata", endpoint], 60_000);
        return { status: r.status, out: `${r.stdout}${r.stderr}` };
      };

      // 1. Boot: vip's ENI is attached to the other instance.
      const first = run();
      expect(first).toEqual({ status: 0, out: expect.not.stringContaining("failed") });
      expect(first.out).toContain("guest/vip/Eni: no ENI with primary IP 10.0.1.7 is attached to this instance: skipped");
      expect(first.out).toContain("guest/app: eth1 (00:16:3e:00:00:02) has 10.0.1.1 and 10.0.1.2 10.0.1.3, replies through table 10001 (gateway 10.0.1.253), also for 10.0.1.100");
      expect(addresses("eth0")).toEqual(["10.0.1.5/24", "10.0.1.6/24"]);
      expect(addresses("eth1")).toEqual(["10.0.1.1/24", "10.0.1.2/24", "10.0.1.3/24"]);
      expect(addresses("eth2")).toEqual(["10.0.3.1/26"]);
      expect(ipn("-o", "link", "show", "dev", "eth1")).toMatch(/[<,]UP[,>]/);
      const expectedRules = [
        "10000: from 10.0.1.5 lookup 10000",
        "10000: from 10.0.1.6 lookup 10000",
        "10001: from 10.0.1.1 lookup 10001",
        "10001: from 10.0.1.2 lookup 10001", // the NAT-mode EIP's address
        "10001: from 10.0.1.3 lookup 10001",
        "10001: from 10.0.1.100 lookup 10001", // the HaVip: a rule, no address (keepalived adds it)
        "10002: from 10.0.3.1 lookup 10002",
      ];
      expect(rules()).toEqual(expectedRules);
      expect(table(10000)).toEqual(["default via 10.0.1.253 dev eth0", "10.0.1.0/24 dev eth0 scope link src 10.0.1.5"]);
      expect(table(10001)).toEqual(["default via 10.0.1.253 dev eth1", "10.0.1.0/24 dev eth1 scope link src 10.0.1.1"]);
      expect(table(10002)).toEqual(["default via 10.0.3.61 dev eth2", "10.0.3.0/26 dev eth2 scope link src 10.0.3.1"]);
      expect(table(10003)).toEqual([]);
      // The main table's default route is untouched.
      expect(ipn("-4", "route", "show", "default")).toMatch(/^default via 10\.0\.1\.253 dev eth0/);
      // Replies from each ENI's addresses leave through that ENI.
      expect(ipn("-4", "route", "get", "192.0.2.10", "from", "10.0.1.2")).toContain("dev eth1");
      expect(ipn("-4", "route", "get", "10.0.1.200", "from", "10.0.1.6")).toContain("dev eth0");
      expect(ipn("-4", "route", "get", "10.0.9.9", "from", "10.0.3.1")).toContain("dev eth2");

      // keepalived takes the HaVip on this node: its replies leave through the service ENI too.
      ipn("addr", "add", "10.0.1.100/32", "dev", "eth1");
      expect(ipn("-4", "route", "get", "192.0.2.10", "from", "10.0.1.100")).toContain("dev eth1");

      // 2. Run again: nothing changes (and the HaVip keepalived added stays).
      const again = run();
      expect(again).toEqual({ status: 0, out: first.out });
      expect(rules()).toEqual(expectedRules);
      expect(addresses("eth1")).toEqual(["10.0.1.1/24", "10.0.1.100/32", "10.0.1.2/24", "10.0.1.3/24"]);

      // 3. Failover: vip's ENI moves here while the script waits for it (--wait, as the boot service and the udev
      //    rule run it); cloud-init does not run again. The ENI shows up as a new interface and in metadata.
      const waiting = spawn("ip", ["netns", "exec", NS, "sh", scriptFile, "--metadata", endpoint, "--wait", "60"], { env: { PATH: process.env.PATH ?? "" } });
      let waitOut = "";
      waiting.stdout.on("data", (d) => (waitOut += d));
      waiting.stderr.on("data", (d) => (waitOut += d));
      const exited = new Promise<number | null>((resolve) => waiting.on("exit", resolve));
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, 1500));
      addLink("eth3", MAC.eth3);
      interfaces[MAC.eth3] = eni("10.0.1.7", "10.0.1.253", "10.0.1.0/24", [], "eni-vip");
      writeState();
      expect(await exited).toBe(0);
      expect(Date.now() - t0).toBeLessThan(30_000); // it stopped waiting once everything was configured
      expect(waitOut).toContain("guest/vip/Eni: no ENI with primary IP 10.0.1.7 is attached to this instance: skipped");
      expect(waitOut).toContain("guest/vip/Eni: eth3 (00:16:3e:00:00:04) has 10.0.1.7, replies through table 10003 (gateway 10.0.1.253)");
      expect(addresses("eth3")).toEqual(["10.0.1.7/24"]);
      expect(rules()).toEqual([...expectedRules, "10003: from 10.0.1.7 lookup 10003"]);
      expect(table(10003)).toEqual(["default via 10.0.1.253 dev eth3", "10.0.1.0/24 dev eth3 scope link src 10.0.1.7"]);

      // 4. It moves away again: the interface disappears, the script drops its rules.
      ipn("link", "del", "eth3");
      delete interfaces[MAC.eth3];
      writeState();
      expect(run()).toEqual({ status: 0, out: expect.stringContaining("guest/vip/Eni: no ENI with primary IP 10.0.1.7 is attached") });
      expect(rules()).toEqual(expectedRules);
    } finally {
      standIn?.kill();
      sh("ip", ["netns", "del", NS]);
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
  120_000,
);
