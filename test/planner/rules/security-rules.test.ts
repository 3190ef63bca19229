import * as fs from "fs";
import * as path from "path";
import { Eip, EniSuppressions, Peer, Port, SecurityGroup } from "../../../src";
import { TerraformStack, TerraformVariable, Testing } from "../../../src/cdktf";
import { formatFinding, PLAN_REPORT_FILE } from "../../../src/planner";
import * as alicloud from "../../../src/provider";
import { testApp, testStack } from "../../support/synth";
import { baseFacts, eni, inspect, model, net, nic, only, plan, provider, rule, sg, withRule } from "../planner-helpers";
import { captureStdout } from "../../support/stdout";

describe("ENI-SEC-MGMT-OPEN", () => {
  type RuleSpec = { cidr?: string; port?: Port; policy?: "accept" | "drop"; priority?: number; direction?: "ingress" | "egress" };
  /** A management ENI (or not) whose one group has `rules`, and optionally a second group with `second`. */
  function mgmtApp(rules: RuleSpec[], options: { management?: boolean; second?: RuleSpec[] } = {}) {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const add = (g: SecurityGroup, r: RuleSpec) =>
      (r.direction === "egress" ? g.addEgressRule.bind(g) : g.addIngressRule.bind(g))(Peer.ipv4(r.cidr ?? "0.0.0.0/0"), r.port ?? Port.tcp(22), { policy: r.policy, priority: r.priority });
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc });
    rules.forEach((r) => add(admin, r));
    const groups = [admin];
    if (options.second) {
      const other = new SecurityGroup(stack, "Other", { vpc: n.vpc });
      options.second.forEach((r) => add(other, r));
      groups.push(other);
    }
    nic(stack, "Mgmt", n, { securityGroups: groups, management: options.management ?? true });
    return inspect(app);
  }
  const mgmt = (port: Port, cidr = "0.0.0.0/0", options: { management?: boolean; direction?: "ingress" | "egress"; policy?: "accept" | "drop" } = {}) =>
    mgmtApp([{ cidr, port, policy: options.policy, direction: options.direction }], { management: options.management });

  test("SSH (tcp 22) open to 0.0.0.0/0 on a management ENI warns, naming the port, the share, the rule and the groups", () => {
    const r = mgmt(Port.tcp(22));
    const f = only(r, "ENI-SEC-MGMT-OPEN");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Mgmt" });
    expect(f.message).toBe(
      "the management ENI admits the internet on SSH 22 from all public IPv4 addresses (stack/Admin/Ingress0: 0.0.0.0/0, priority 1), after priorities and drop rules of its groups (stack/Admin).",
    );
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

  test("0.0.0.0/1 plus 128.0.0.0/1 is the whole internet (the union of accepted sources counts)", () => {
    const f = only(mgmtApp([{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.0/1" }]), "ENI-SEC-MGMT-OPEN");
    expect(f.message).toContain("SSH 22 from all public IPv4 addresses (stack/Admin/Ingress0: 0.0.0.0/1, priority 1; stack/Admin/Ingress1: 128.0.0.0/1, priority 1)");
  });

  test("the halves in two groups of the ENI count together", () => {
    const f = only(mgmtApp([{ cidr: "0.0.0.0/1" }], { second: [{ cidr: "128.0.0.0/1" }] }), "ENI-SEC-MGMT-OPEN");
    expect(f.message).toContain("from all public IPv4 addresses");
    expect(f.message).toContain("groups (stack/Admin, stack/Other)");
  });

  test("one /1 alone is half the internet and warns with its share", () => {
    expect(only(mgmtApp([{ cidr: "128.0.0.0/1" }]), "ENI-SEC-MGMT-OPEN").message).toMatch(/SSH 22 from \d+(\.\d)?% of public IPv4 addresses/);
  });

  test("a public /8 is the internet; a public /9 and private 10.0.0.0/8 are not", () => {
    expect(withRule(mgmtApp([{ cidr: "1.0.0.0/8" }]), "ENI-SEC-MGMT-OPEN")).toHaveLength(1);
    expect(withRule(mgmtApp([{ cidr: "1.0.0.0/9" }]), "ENI-SEC-MGMT-OPEN")).toEqual([]);
    expect(withRule(mgmtApp([{ cidr: "10.0.0.0/8" }]), "ENI-SEC-MGMT-OPEN")).toEqual([]);
  });

  test("a drop rule with a higher priority (smaller number) closes the port: no warning", () => {
    expect(
      withRule(
        mgmtApp([
          { cidr: "0.0.0.0/0", priority: 2 },
          { cidr: "0.0.0.0/0", policy: "drop", priority: 1 },
        ]),
        "ENI-SEC-MGMT-OPEN",
      ),
    ).toEqual([]);
  });

  test("a drop rule at the same priority wins over the accept rule: no warning", () => {
    expect(
      withRule(
        mgmtApp([
          { cidr: "0.0.0.0/0", priority: 5 },
          { cidr: "0.0.0.0/0", policy: "drop", priority: 5 },
        ]),
        "ENI-SEC-MGMT-OPEN",
      ),
    ).toEqual([]);
  });

  test("a drop rule in another group of the ENI closes it too", () => {
    expect(withRule(mgmtApp([{ cidr: "0.0.0.0/0", priority: 10 }], { second: [{ cidr: "0.0.0.0/0", policy: "drop", priority: 1 }] }), "ENI-SEC-MGMT-OPEN")).toEqual([]);
  });

  test("a drop rule with a lower priority (larger number) than the accept does not close it", () => {
    expect(
      withRule(
        mgmtApp([
          { cidr: "0.0.0.0/0", priority: 1 },
          { cidr: "0.0.0.0/0", policy: "drop", priority: 50 },
        ]),
        "ENI-SEC-MGMT-OPEN",
      ),
    ).toHaveLength(1);
  });

  test("a drop rule that closes only part of the internet (1.0.0.0/8) leaves it open", () => {
    const f = only(
      mgmtApp([
        { cidr: "0.0.0.0/0", priority: 2 },
        { cidr: "1.0.0.0/8", policy: "drop", priority: 1 },
      ]),
      "ENI-SEC-MGMT-OPEN",
    );
    expect(f.message).toMatch(/SSH 22 from 99\.\d% of public IPv4 addresses/);
  });

  test("a drop rule for another port does not close SSH", () => {
    expect(
      withRule(
        mgmtApp([
          { cidr: "0.0.0.0/0", priority: 2 },
          { cidr: "0.0.0.0/0", port: Port.tcp(3389), policy: "drop", priority: 1 },
        ]),
        "ENI-SEC-MGMT-OPEN",
      ),
    ).toHaveLength(1);
  });

  test("the peer 0.0.0.0/00 is refused at construction as not canonical", () => {
    expect(() => mgmtApp([{ cidr: "0.0.0.0/00" }])).toThrow(/"0\.0\.0\.0\/00" is not a valid peer CIDR block: the prefix \/00 is not canonical/);
  });

  test("a peer given as a Terraform variable gives ENI-UNKNOWN-VALUE naming the rule (the check could not run)", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const cidr = new TerraformVariable(stack, "admin_cidr", { type: "string" });
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc, ingress: [{ peer: Peer.ipv4(cidr.stringValue), port: Port.tcp(22) }] });
    nic(stack, "Mgmt", n, { securityGroups: [admin], management: true });
    const r = inspect(app);
    expect(withRule(r, "ENI-SEC-MGMT-OPEN")).toEqual([]);
    const f = only(r, "ENI-UNKNOWN-VALUE");
    expect(f.path).toBe("stack/Mgmt");
    expect(f.message).toMatch(/^ENI-SEC-MGMT-OPEN could not check .*; unknown at synth time: the source or priority of stack\/Admin\/Ingress0 \(\$\{var\.admin_cidr\}, priority 1\)\.$/);
  });

  test("a token peer on a non-admin port, or on a non-management ENI, says nothing", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const cidr = new TerraformVariable(stack, "web_cidr", { type: "string" });
    const web = new SecurityGroup(stack, "Web", { vpc: n.vpc, ingress: [{ peer: Peer.ipv4(cidr.stringValue), port: Port.tcp(443) }] });
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc, ingress: [{ peer: Peer.ipv4(cidr.stringValue), port: Port.tcp(22) }] });
    nic(stack, "Mgmt", n, { securityGroups: [web], management: true });
    nic(stack, "Data", n, { securityGroups: [admin] });
    expect(withRule(inspect(app), "ENI-UNKNOWN-VALUE")).toEqual([]);
  });

  test("a management ENI whose only group is imported gets a finding that the check could not run", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const imported = SecurityGroup.fromSecurityGroupAttributes(stack, "Legacy", { securityGroupId: "sg-bp1legacy", vpc: n.vpc, type: "normal" });
    nic(stack, "Mgmt", n, { securityGroups: [imported], management: true });
    const f = only(inspect(app), "ENI-UNKNOWN-VALUE");
    expect(f).toMatchObject({ severity: "warning", path: "stack/Mgmt" });
    expect(f.message).toBe(
      "ENI-SEC-MGMT-OPEN could not check whether this management ENI's remote-administration ports are open to the internet; unknown at synth time: the rules of imported security group stack/Legacy.",
    );
    expect(f.fix).toContain("Manage the group in this program");
  });

  test("an open known group next to an imported one warns, and says what it could not see", () => {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const imported = SecurityGroup.fromSecurityGroupAttributes(stack, "Legacy", { securityGroupId: "sg-bp1legacy", vpc: n.vpc, type: "normal" });
    const open = new SecurityGroup(stack, "Open", { vpc: n.vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22) }] });
    nic(stack, "Mgmt", n, { securityGroups: [open, imported], management: true });
    const r = inspect(app);
    expect(only(r, "ENI-SEC-MGMT-OPEN").message).toContain("Not seen: the rules of imported security group stack/Legacy; only a drop rule there could close it.");
    expect(only(r, "ENI-UNKNOWN-VALUE").message).toContain("could not fully check");
  });

  test("IPv6 rules from the model (ipv6_cidr_ip ::/0) count too; a higher-priority IPv6 drop closes them (pure)", () => {
    const { s } = baseFacts();
    const open = sg("Admin", s.vpc, { rules: [rule("Admin/Ingress0", { fromPort: 22, toPort: 22, cidr: undefined, ipv6Cidr: "::/0", priority: 2 })] });
    const r = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [open], enis: [eni("Mgmt", s, [open], 0, [], { management: true })] }));
    expect(only(r, "ENI-SEC-MGMT-OPEN").message).toContain("SSH 22 from all public IPv6 addresses (app/stack/Admin/Ingress0: ::/0, priority 2)");
    const closed = sg("Admin", s.vpc, { rules: [...open.rules, rule("Admin/Ingress1", { fromPort: 22, toPort: 22, cidr: undefined, ipv6Cidr: "::/0", policy: "drop", priority: 1 })] });
    const r2 = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [closed], enis: [eni("Mgmt", s, [closed], 0, [], { management: true })] }));
    expect(withRule(r2, "ENI-SEC-MGMT-OPEN")).toEqual([]);
  });

  test("an unreadable source block in the model (hand-written JSON) gives ENI-UNKNOWN-VALUE, never a crash (pure)", () => {
    const { s } = baseFacts();
    const g = sg("Admin", s.vpc, { rules: [rule("Admin/Ingress0", { fromPort: 22, toPort: 22, cidr: "0.0.0.0/zero" }), rule("Admin/Ingress1", { fromPort: 22, toPort: 22, cidr: "1.0.0.0/8" })] });
    const r = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], enis: [eni("Mgmt", s, [g], 0, [], { management: true })] }));
    expect(only(r, "ENI-UNKNOWN-VALUE").message).toContain("the source or priority of app/stack/Admin/Ingress0 (0.0.0.0/zero, priority 1)");
    expect(only(r, "ENI-SEC-MGMT-OPEN").message).toContain("app/stack/Admin/Ingress1: 1.0.0.0/8, priority 1");
  });

  test("a rule with no visible source (e.g. a prefix list) gives ENI-UNKNOWN-VALUE (pure)", () => {
    const { s } = baseFacts();
    const g = sg("Admin", s.vpc, { rules: [rule("Admin/Ingress0", { fromPort: 22, toPort: 22, cidr: undefined })] });
    const r = plan(model({ vpcs: [s.vpc], vswitches: [s], securityGroups: [g], enis: [eni("Mgmt", s, [g], 0, [], { management: true })] }));
    expect(only(r, "ENI-UNKNOWN-VALUE").message).toContain("the source or priority of app/stack/Admin/Ingress0 (?, priority 1)");
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
    const printed = captureStdout(() => app.synth());
    const report = fs.readFileSync(path.join(app.outdir, "stacks", "stack", PLAN_REPORT_FILE), "utf8");
    expect(report).toContain("ENI-SEC-CREDENTIALS");
    expect(report).not.toContain(SECRET);
    expect(report).not.toContain(ACCESS);
    expect(printed).toContain("ENI planner:");
    expect(printed).not.toContain(SECRET);
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

describe("ENI-SEC-MGMT-OPEN over L1 alicloud_security_group_rule resources (the model from the emitted JSON)", () => {
  function base() {
    const app = testApp();
    const stack = testStack(app);
    const n = net(stack);
    const admin = new SecurityGroup(stack, "Admin", { vpc: n.vpc, ingress: [{ peer: Peer.anyIpv4(), port: Port.tcp(22), priority: 10 }] });
    nic(stack, "Mgmt", n, { securityGroups: [admin], management: true });
    const l1 = (id: string, more: Partial<alicloud.securityGroupRule.SecurityGroupRuleConfig>) =>
      new alicloud.securityGroupRule.SecurityGroupRule(stack, id, { securityGroupId: admin.securityGroupId, type: "ingress", ipProtocol: "tcp", portRange: "22/22", policy: "accept", ...more });
    return { app, stack, l1 };
  }

  test("an L1 drop of 0.0.0.0/0 with a higher priority closes the port the L2 rule opened", () => {
    const { app, l1 } = base();
    expect(withRule(inspect(app), "ENI-SEC-MGMT-OPEN")).toHaveLength(1);
    l1("DropSsh", { cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 });
    expect(withRule(inspect(app), "ENI-SEC-MGMT-OPEN")).toEqual([]);
  });

  test("an L1 rule with ipv6_cidr_ip ::/0 is read as IPv6, not IPv4", () => {
    const { app, l1 } = base();
    l1("DropSsh", { cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 });
    l1("OpenV6", { ipv6CidrIp: "::/0", priority: 5 });
    const f = only(inspect(app), "ENI-SEC-MGMT-OPEN");
    expect(f.message).toContain("SSH 22 from all public IPv6 addresses (stack/OpenV6: ::/0, priority 5)");
    expect(f.message).not.toContain("IPv4");
  });

  test("an L1 drop whose priority is a Terraform variable makes the check incomplete (ENI-UNKNOWN-VALUE)", () => {
    const { app, stack, l1 } = base();
    const prio = new TerraformVariable(stack, "prio", { type: "number" });
    l1("DropSsh", { cidrIp: "0.0.0.0/0", policy: "drop", priority: prio.numberValue });
    const r = inspect(app);
    expect(only(r, "ENI-UNKNOWN-VALUE").message).toMatch(/unknown at synth time: the source or priority of stack\/DropSsh \(0\.0\.0\.0\/0, priority \$\{var\.prio\}\)/);
    expect(only(r, "ENI-SEC-MGMT-OPEN").message).toContain("only a drop rule there could close it");
  });
});
