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
};
const SG_VPC: RuleDefinition = {
  id: "ENI-SG-VPC",
  severity: "error",
  title: "Every security group of an ENI is in the ENI's VPC",
  explanation: "CreateNetworkInterface and ModifyNetworkInterfaceAttribute reject groups of another VPC.",
  source: "docs/eni-limits.md §2.3 [S5] [S6]",
  suppressible: false,
};
const SG_TYPE: RuleDefinition = {
  id: "ENI-SG-TYPE",
  severity: "error",
  title: "The security groups of an ENI are all basic (normal) or all advanced (enterprise)",
  explanation: "An instance or ENI associated with several security groups must use one type only.",
  source: "docs/eni-limits.md §2.3 [S18]",
  suppressible: false,
};

function checkGroups(ctx: RuleContext, path: string, what: string, vswitch: VSwitchFact, listed: readonly SecurityGroupFact[]): void {
  const max = ctx.options.maxSecurityGroupsPerEni;
  // A group listed twice applies once: it is never counted twice (the L2 constructs refuse the repeat).
  const groups = [...new Map(listed.map((g) => [g.path, g])).values()];
  const repeated = listed.length > groups.length ? ` (${[...new Set(listed.filter((g, i) => listed.findIndex((x) => x.path === g.path) !== i).map((g) => g.path))].join(", ")} listed more than once, counted once)` : "";
  if (groups.length < 1 || groups.length > max) {
    ctx.report(SG_COUNT, path, `${what} has ${groups.length} security groups${repeated}; allowed: 1 to ${max}.`, groups.length < 1 ? "Add at least one security group." : `Merge rules into at most ${max} groups, or set maxSecurityGroupsPerEni after raising the quota.`);
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
    types.set(g.type, [...(types.get(g.type) ?? []), g.path]);
  }
  if (types.size > 1) {
    const desc = [...types].map(([t, ps]) => `${t}: ${ps.join(", ")}`).join("; ");
    ctx.report(SG_TYPE, path, `${what} mixes security group types (${desc}).`, "Use only normal (basic) or only enterprise (advanced) groups on one ENI.");
  }
}

/** Security group rules for ENIs and instances' primary ENIs. */
export const SECURITY_GROUP_RULES: RuleGroup = {
  rules: [SG_COUNT, SG_VPC, SG_TYPE],
  check(ctx) {
    for (const inst of ctx.model.instances) {
      if (!inst.imported) checkGroups(ctx, inst.path, "the instance's primary ENI", inst.vswitch, inst.securityGroups);
    }
    for (const eni of ctx.model.enis) checkGroups(ctx, eni.path, "the ENI", eni.vswitch, eni.securityGroups);
  },
};
