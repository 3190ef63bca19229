import { isUnknown, SecurityGroupFact, VSwitchFact } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import type { RuleContext, RuleGroup } from "./rule-context";
import { UNKNOWN_VALUE } from "./unknown-value";

const SG_COUNT: RuleDefinition = {
  id: "ENI-SG-COUNT",
  severity: "error",
  title: "1 to 5 security groups per ENI (the quota is configurable)",
  explanation: "An ENI needs at least one security group; the default quota is 5 per ENI (raisable to 10 or 16 on request: set maxSecurityGroupsPerEni).",
  source: "docs/eni-limits.md §2.3 [S5] [S23]",
  suppressible: false,
  layer: "security-group",
};
const SG_VPC: RuleDefinition = {
  id: "ENI-SG-VPC",
  severity: "error",
  title: "Every security group of an ENI is in the ENI's VPC",
  explanation: "CreateNetworkInterface and ModifyNetworkInterfaceAttribute reject groups of another VPC.",
  source: "docs/eni-limits.md §2.3 [S5] [S6]",
  suppressible: false,
  layer: "security-group",
  premises: [{ rule: "ENI-VPC", scope: "self", then: "use security groups of the VPC the ENI ends up in" }],
};
const SG_TYPE: RuleDefinition = {
  id: "ENI-SG-TYPE",
  severity: "error",
  title: "The security groups of an ENI are all basic (normal) or all advanced (enterprise)",
  explanation: "An instance or ENI associated with several security groups must use one type only.",
  source: "docs/eni-limits.md §2.3 [S18]",
  suppressible: false,
  layer: "security-group",
};

const SG_CAPACITY: RuleDefinition = {
  id: "ENI-SG-CAPACITY",
  severity: "error",
  title: "A basic security group holds at most 6,000 private addresses (configurable quota); an advanced one at most 65,536 ENIs",
  explanation:
    "A basic (normal) group counts the primary and secondary private IPv4 addresses, IPv6 addresses and prefixes of every ENI in it, instances' primary ENIs included: 6,000 in a VPC (quota q_vpc-normal-security-group-ip-count; 2,000 before 2024). An advanced (enterprise) group counts ENIs: 65,536. Past that, adding an ENI or address to the group fails at apply. How a prefix counts (1 or 16) is not documented: see securityGroupIpsPerPrefix.",
  source: "docs/eni-limits.md §2.3 and open question 13 [S18] (Basic and advanced security groups, 2026)",
  suppressible: false,
  layer: "security-group",
};

interface GroupUsage {
  group: SecurityGroupFact;
  ipv4: number;
  ipv6: number;
  prefixes: number;
  enis: number;
}

/** ENI-SG-CAPACITY: addresses per basic group and ENIs per advanced group, over every ENI of the app. */
function checkCapacity(ctx: RuleContext): void {
  const usage = new Map<string, GroupUsage>();
  const add = (groups: readonly SecurityGroupFact[], ipv4: number, ipv6: number, prefixes: number) => {
    for (const g of groups) {
      let u = usage.get(g.path);
      if (!u) usage.set(g.path, (u = { group: g, ipv4: 0, ipv6: 0, prefixes: 0, enis: 0 }));
      u.ipv4 += ipv4;
      u.ipv6 += ipv6;
      u.prefixes += prefixes;
      u.enis++;
    }
  };
  for (const inst of ctx.model.instances) {
    // Imported instances' addresses already exist: an imported group's existingIpCount covers them.
    if (!inst.imported) add(inst.securityGroups, 1 + inst.secondaryIps.length, inst.ipv6Ips?.length ?? 0, 0);
  }
  for (const eni of ctx.model.enis) add(eni.securityGroups, 1 + eni.secondaryIps.length, eni.ipv6Ips?.length ?? 0, eni.ipv4Prefixes?.length ?? 0);
  for (const g of ctx.model.securityGroups) {
    if (!usage.has(g.path) && (g.existingIpCount ?? 0) + (g.existingEniCount ?? 0) > 0) usage.set(g.path, { group: g, ipv4: 0, ipv6: 0, prefixes: 0, enis: 0 });
  }
  const perPrefix = ctx.options.securityGroupIpsPerPrefix;
  for (const u of [...usage.values()].sort((a, b) => (a.group.path < b.group.path ? -1 : a.group.path > b.group.path ? 1 : 0))) {
    const g = u.group;
    if (isUnknown(g.type)) continue; // reported by ENI-SG-TYPE's unknown-value warning on its ENIs
    if (g.type === "normal") {
      const existing = g.existingIpCount ?? 0;
      const total = u.ipv4 + u.ipv6 + u.prefixes * perPrefix + existing;
      const max = ctx.options.maxIpsPerBasicSecurityGroup;
      if (total > max) {
        const parts = [`${u.ipv4} private IPv4`, `${u.ipv6} IPv6`, `${u.prefixes} prefix(es) × ${perPrefix}`, ...(existing > 0 ? [`${existing} already in the group`] : [])];
        ctx.report(
          SG_CAPACITY,
          g.path,
          `basic security group holds ${total} private addresses on ${u.enis} ENI(s) (${parts.join(" + ")}); the quota is ${max}.`,
          `Spread the ENIs over more basic groups (e.g. one per vSwitch) to at most ${max} addresses each, use advanced (enterprise) groups (65,536 ENIs each), or raise the quota q_vpc-normal-security-group-ip-count and set maxIpsPerBasicSecurityGroup.`,
        );
      }
    } else {
      const total = u.enis + (g.existingEniCount ?? 0);
      const max = ctx.options.maxEnisPerAdvancedSecurityGroup;
      if (total > max) {
        ctx.report(
          SG_CAPACITY,
          g.path,
          `advanced security group holds ${total} ENIs${g.existingEniCount ? ` (${g.existingEniCount} already in it)` : ""}; the limit is ${max}.`,
          `Spread the ENIs over more advanced groups, at most ${max} each.`,
        );
      }
    }
  }
}

function checkGroups(ctx: RuleContext, path: string, what: string, vswitch: VSwitchFact, listed: readonly SecurityGroupFact[]): void {
  const max = ctx.options.maxSecurityGroupsPerEni;
  // A group listed twice applies once: it is never counted twice (the L2 constructs refuse the repeat).
  // At most a few groups per ENI: scanning the list beats a map or set per ENI (tens of thousands of them).
  const groups: SecurityGroupFact[] = [];
  const twice: string[] = [];
  for (const g of listed) {
    if (!groups.some((x) => x.path === g.path)) groups.push(g);
    else if (!twice.includes(g.path)) twice.push(g.path);
  }
  const repeated = twice.length > 0 ? ` (${twice.join(", ")} listed more than once, counted once)` : "";
  if (groups.length < 1 || groups.length > max) {
    ctx.report(
      SG_COUNT,
      path,
      `${what} has ${groups.length} security groups${repeated}; allowed: 1 to ${max}.`,
      groups.length < 1 ? "Add at least one security group." : `Merge rules into at most ${max} groups, or set maxSecurityGroupsPerEni after raising the quota.`,
    );
  }
  for (const g of groups) {
    if (g.vpc.key !== vswitch.vpc.key && !g.vpc.unresolved && !vswitch.vpc.unresolved) {
      ctx.report(SG_VPC, path, `security group ${g.path} is in VPC ${g.vpc.path}, but ${what} is in VPC ${vswitch.vpc.path}.`, "Use security groups of the ENI's own VPC.");
    }
  }
  const types = new Map<string, string[]>();
  for (const g of groups) {
    if (isUnknown(g.type)) {
      ctx.report(UNKNOWN_VALUE, path, `type of security group ${g.path} is ${g.type.description}, unknown at synth time; ENI-SG-TYPE was not checked.`, "Give the type as a literal.");
      continue;
    }
    const paths = types.get(g.type);
    if (paths) paths.push(g.path);
    else types.set(g.type, [g.path]);
  }
  if (types.size > 1) {
    const desc = [...types].map(([t, ps]) => `${t}: ${ps.join(", ")}`).join("; ");
    ctx.report(SG_TYPE, path, `${what} mixes security group types (${desc}).`, "Use only normal (basic) or only enterprise (advanced) groups on one ENI.");
  }
}

/** Security group rules for ENIs and instances' primary ENIs. */
export const SECURITY_GROUP_RULES: RuleGroup = {
  rules: [SG_COUNT, SG_VPC, SG_TYPE, SG_CAPACITY],
  check(ctx) {
    checkCapacity(ctx);
    for (const inst of ctx.model.instances) {
      if (!inst.imported) checkGroups(ctx, inst.path, "the instance's primary ENI", inst.vswitch, inst.securityGroups);
    }
    for (const eni of ctx.model.enis) checkGroups(ctx, eni.path, "the ENI", eni.vswitch, eni.securityGroups);
  },
};
