import * as fs from "fs";
import * as path from "path";
import { Eip, EniSuppressions, Peer, Port, SecurityGroup } from "../../../src";
import { TerraformStack, TerraformVariable, Testing } from "../../../src/cdktf";
import { formatFinding, PLAN_REPORT_FILE } from "../../../src/planner";
import * as alicloud from "../../../src/provider";
import { testApp, testStack } from "../../support/synth";
import { baseFacts, eni, inspect, model, net, nic, only, plan, provider, rule, sg, withRule } from "../planner-helpers";

describe("ENI-SEC-MGMT-OPEN", () => {
  function mgmt(port: Port, cidr = "0.0.0.0/0", options: { management?: boolean; direction?: "ingress" | "egress"; policy?: "accept" | "drop" } = {}) {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc });
    if (options.direction === "egress") admin.addEgressRule(Peer.ipv4(cidr), port, { policy: options.policy });
    else admin.addIngressRule(Peer.ipv4(cidr), port, { policy: options.policy });
    nic(stack, "Mgmt", n, { securityGroups: [admin], management: options.management ?? true });
    return inspect(app);
  }

  test("SSH (tcp 22) open to 0.0.0.0/0 on a management ENI warns, naming the group, port and rule", () => {
    const r = mgmt(Port.tcp(22));
    const f = only(r, "ENI-SEC-MGMT-OPEN");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Mgmt" });
    expect(f.message).toBe("management ENI's security group stack/Admin admits 0.0.0.0/0 on SSH 22 (stack/Admin/Ingress0).");
    expect(r.errors).toEqual([]);
  });

  test("RDP (tcp 3389) warns", () => {
    expect(only(mgmt(Port.tcp(3389)), "ENI-SEC-MGMT-OPEN").message).toContain("RDP 3389");
  });

  test("a tcp range covering 22 warns for every admin port in it", () => {
    const f = only(mgmt(Port.tcpRange(20, 25)), "ENI-SEC-MGMT-OPEN");
    expect(f.message).toContain("SSH 22");
    expect(f.message).toContain("Telnet 23");
    expect(f.message).not.toContain("RDP");
  });

  test("Port.allTraffic() warns for all admin ports", () => {
    const f = only(mgmt(Port.allTraffic()), "ENI-SEC-MGMT-OPEN");
    for (const p of ["SSH 22", "Telnet 23", "RDP 3389", "VNC 5900", "WinRM 5985", "WinRM over HTTPS 5986"]) expect(f.message).toContain(p);
  });

  test("a /0 written with host bits (1.2.3.4/0) is the whole internet too", () => {
    expect(only(mgmt(Port.tcp(22), "1.2.3.4/0"), "ENI-SEC-MGMT-OPEN").message).toContain("SSH 22");
  });

  test.each<[string, Port, string, Parameters<typeof mgmt>[2]]>([
    ["source 10.0.0.0/8", Port.tcp(22), "10.0.0.0/8", {}],
    ["a non-management ENI", Port.tcp(22), "0.0.0.0/0", { management: false }],
    ["a non-admin port (443)", Port.tcp(443), "0.0.0.0/0", {}],
    ["udp 22", Port.udp(22), "0.0.0.0/0", {}],
    ["a tcp range below 22", Port.tcpRange(1, 21), "0.0.0.0/0", {}],
    ["an egress rule", Port.tcp(22), "0.0.0.0/0", { direction: "egress" }],
    ["a drop rule", Port.tcp(22), "0.0.0.0/0", { policy: "drop" }],
  ])("no warning for %s", (_name, port, cidr, options) => {
    expect(withRule(mgmt(port, cidr, options), "ENI-SEC-MGMT-OPEN")).toEqual([]);
  });

  test("suppressible with a reason", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }] });
    const e = nic(stack, "Mgmt", n, { securityGroups: [admin], management: true });
    EniSuppressions.addSuppressions(e, [{ id: "ENI-SEC-MGMT-OPEN", reason: "honeypot interface, intentionally open" }]);
    expect(only(inspect(app), "ENI-SEC-MGMT-OPEN").suppressed?.reason).toBe("honeypot interface, intentionally open");
  });
});

describe("ENI-SEC-MGMT-EIP", () => {
  test("an EIP on a management ENI warns on the EIP, naming the ENI", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const m = nic(stack, "Mgmt", n, { management: true });
    new Eip(stack, "Eip").associate(m);
    const f = only(inspect(app), "ENI-SEC-MGMT-EIP");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Eip" });
    expect(f.message).toBe("EIP is bound to management ENI stack/Mgmt.");
  });

  test("an EIP on a non-management ENI does not", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    new Eip(stack, "Eip").associate(nic(stack, "Data", n));
    expect(withRule(inspect(app), "ENI-SEC-MGMT-EIP")).toEqual([]);
  });
});

describe("ENI-SEC-CREDENTIALS", () => {
  const SECRET = "s3cr3t-VALUE-do-not-leak-9f8e7d";
  const ACCESS = "LTAI5tAccessKeyIdLiteral";

  function credApp(quiet = true) {
    const app = testApp({ quiet });
    const stack = new TerraformStack(app, "stack");
    new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou", accessKey: ACCESS, secretKey: SECRET });
    const n = net(stack);
    nic(stack, "Eni", n);
    return { app, stack };
  }

  test("literal access_key / secret_key on the provider is an error naming the attributes, never the values", () => {
    const { app, stack } = credApp();
    const r = inspect(app);
    const f = only(r, "ENI-SEC-CREDENTIALS");
    expect(f).toMatchObject({ severity: "error", path: "stack/alicloud" });
    expect(f.message).toBe("provider credentials written as literals: access_key, secret_key (values not shown).");
    let message = "";
    try {
      Testing.synth(stack, true);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain("ENI-SEC-CREDENTIALS");
    expect(message).not.toContain(SECRET);
    expect(message).not.toContain(ACCESS);
    expect(JSON.stringify(r.findings)).not.toContain(SECRET);
    expect(r.findings.map(formatFinding).join("\n")).not.toContain(SECRET);
  });

  test("the plan report (written when suppressed) and the terminal summary never contain the secret", () => {
    const { app, stack } = credApp(false);
    EniSuppressions.addSuppressions(stack, [{ id: "ENI-SEC-CREDENTIALS", reason: "throwaway sandbox account, rotated daily" }]);
    const writes: string[] = [];
    const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: any) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    const report = fs.readFileSync(path.join(app.outdir, "stacks", "stack", PLAN_REPORT_FILE), "utf8");
    expect(report).toContain("ENI-SEC-CREDENTIALS");
    expect(report).not.toContain(SECRET);
    expect(report).not.toContain(ACCESS);
    expect(writes.join("")).toContain("ENI planner:");
    expect(writes.join("")).not.toContain(SECRET);
  });

  test("credentials from variables (tokens) or no credentials: no finding", () => {
    const app = testApp();
    const stack = new TerraformStack(app, "stack");
    const key = new TerraformVariable(stack, "secret_key", { type: "string", sensitive: true });
    new alicloud.provider.AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou", secretKey: key.stringValue });
    net(stack);
    expect(withRule(inspect(app), "ENI-SEC-CREDENTIALS")).toEqual([]);
    const pure = plan(model({ providers: [provider("cn-hangzhou")] }));
    expect(withRule(pure, "ENI-SEC-CREDENTIALS")).toEqual([]);
    expect(only(plan(model({ providers: [provider("cn-hangzhou", { literalCredentials: ["security_token"] })] })), "ENI-SEC-CREDENTIALS").message).toContain("security_token");
  });
});

describe("ENI-SEC-SG-NO-RULES", () => {
  test("an ENI whose every group has no rule warns, naming the groups", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const empty1 = new SecurityGroup(stack, "Empty1", { vpc: n.vpc });
    const empty2 = new SecurityGroup(stack, "Empty2", { vpc: n.vpc });
    nic(stack, "Eni", n, { securityGroups: [empty1, empty2] });
    const f = only(inspect(app), "ENI-SEC-SG-NO-RULES");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Eni" });
    expect(f.message).toBe("none of the ENI's security groups (stack/Empty1, stack/Empty2) has any rule; it will receive no traffic from outside the group.");
  });

  test("one group with a rule (even egress only), or an imported group (rules unknown), passes", () => {
    const { v, s } = baseFacts();
    const empty = sg("Empty", v);
    const egressOnly = sg("Egress", v, { rules: [rule("Egress/Egress0", { direction: "egress" })] });
    const imported = sg("Imported", v, { imported: true, rulesKnown: false });
    const r = plan(model({ vpcs: [v], vswitches: [s], securityGroups: [empty, egressOnly, imported], enis: [eni("A", s, [empty, egressOnly]), eni("B", s, [imported]), eni("C", s, [empty])] }));
    expect(withRule(r, "ENI-SEC-SG-NO-RULES").map((f) => f.path)).toEqual(["app/stack/C"]);
  });
});

describe("ENI-SEC-SRC-DEST-CHECK", () => {
  test("disabled without a reason warns", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Nat", n, { sourceDestCheck: false });
    const f = only(inspect(app), "ENI-SEC-SRC-DEST-CHECK");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Nat" });
    expect(f.message).toBe("source_dest_check is disabled and no sourceDestCheckReason is given.");
  });

  test("a blank reason still warns; a real reason, or the check left on, passes", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    nic(stack, "Blank", n, { sourceDestCheck: false, sourceDestCheckReason: "   " });
    nic(stack, "Nat", n, { sourceDestCheck: false, sourceDestCheckReason: "NAT instance forwarding for 10.0.2.0/24" });
    nic(stack, "On", n, { sourceDestCheck: true });
    nic(stack, "Default", n);
    expect(withRule(inspect(app), "ENI-SEC-SRC-DEST-CHECK").map((f) => f.path)).toEqual(["stack/Blank"]);
  });
});
