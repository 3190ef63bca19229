import { show } from "../../show";
import type { RuleDefinition } from "../rule";
import type { RuleGroup } from "./rule-context";

const ATTACH_ONCE: RuleDefinition = {
  id: "ENI-ATTACH-ONCE",
  severity: "error",
  title: "An ENI is attached to at most one instance at a time",
  explanation: "AttachNetworkInterface needs an Available ENI; a second attachment of an InUse ENI fails. Use FailoverEni (AttachmentTarget.oneOf) to move an ENI between instances.",
  source: "docs/eni-limits.md §2.5 [S5] [S8]",
  suppressible: false,
  layer: "placement",
};
const HAVIP_VSWITCH: RuleDefinition = {
  id: "ENI-HAVIP-VSWITCH",
  severity: "error",
  title: "A HaVip is attached only to ENIs or instances of its own vSwitch",
  explanation: "A HaVip belongs to one vSwitch and can only be associated with ECS instances or ENIs in that vSwitch.",
  source: "Alibaba Cloud VPC docs, 'HaVip' (https://www.alibabacloud.com/help/en/vpc/highly-available-virtual-ip-address-havip)",
  suppressible: false,
  layer: "eip-havip",
};
const HAVIP_MEMBERS: RuleDefinition = {
  id: "ENI-HAVIP-MEMBERS",
  severity: "error",
  title: "A HaVip is attached to at most maxHaVipMembers members (default 10), each once, all ENIs or all instances",
  explanation:
    'The HaVip overview: "You can associate one HAVIP with at most 10 ECS instances", or with the primary or secondary ENIs of at most 10 instances; members are of one kind. Members attached outside this program (imported HaVips) count too.',
  source: "docs/eni-limits.md §2.9 and open question 12 [S24]",
  suppressible: false,
  layer: "eip-havip",
};
const HAVIP_MEMBERS_API: RuleDefinition = {
  id: "ENI-HAVIP-MEMBERS-API",
  severity: "warning",
  title: "A HaVip has more than 2 members, the limit the AssociateHaVip API page states",
  explanation:
    'The AssociateHaVip API reference says "You can associate an HAVIP with at most two ECS instances" while the HaVip overview says 10; apply may fail on the third member where the API\'s limit holds.',
  source: "docs/eni-limits.md §2.9 and open question 12 [S25] vs [S24]",
  suppressible: true,
  layer: "eip-havip",
};
/** The member limit the AssociateHaVip API page states. */
const API_HAVIP_MEMBERS = 2;
const HAVIP_STANDBY: RuleDefinition = {
  id: "ENI-HAVIP-STANDBY",
  severity: "warning",
  title: "A standby meant to take a HaVip over is in another vSwitch, so it cannot",
  explanation: "A HaVip only floats between ENIs or instances of its own vSwitch (one zone): a standby elsewhere keeps its own addresses on failover, and clients of the virtual IP lose service.",
  source: "Alibaba Cloud VPC docs, 'HaVip'",
  suppressible: true,
  layer: "eip-havip",
  premises: [{ rule: "ENI-HAVIP-VSWITCH", scope: "self", then: "put the standby in the vSwitch the HaVip ends up in, or suppress with the reason" }],
};

const FAILOVER_VALUE: RuleDefinition = {
  id: "ENI-FAILOVER-VALUE",
  severity: "error",
  title: "A plan's value of a failover variable selects one of the attachment's candidates",
  explanation:
    "With a plan and its configuration (check --plan), the active candidate is the one the plan's value of the failover variable selects. A value that is no candidate's key attaches the ENI to no instance the planner checked; FailoverEni's variable validation refuses such a value, so the plan was edited or made from another configuration.",
  source: "this library's design (FailoverEni's variable validation)",
  suppressible: false,
  layer: "placement",
};

/** Attachment rules: one instance per ENI, HaVip in its vSwitch, a plan's failover value selects a candidate. */
export const ATTACHMENT_RULES: RuleGroup = {
  rules: [ATTACH_ONCE, HAVIP_VSWITCH, HAVIP_MEMBERS, HAVIP_MEMBERS_API, HAVIP_STANDBY, FAILOVER_VALUE],
  check(ctx) {
    for (const eni of ctx.model.enis) {
      for (const a of eni.attachments) {
        if (!a.selector || a.active) continue;
        const { variable, value, keys } = a.selector;
        ctx.report(
          FAILOVER_VALUE,
          eni.path,
          `var.${variable} is ${show(value)} in the plan, which selects none of the candidates of attachment ${a.path} (${a.candidates.map((c) => c.path).join(", ")}; keys ${keys.join(", ")}).`,
          `Plan again from this configuration with -var ${variable}=<one of ${keys.join(", ")}>, and check that plan.`,
        );
      }
      if (eni.attachments.length > 1) {
        ctx.report(
          ATTACH_ONCE,
          eni.path,
          `the ENI has ${eni.attachments.length} attachments (${eni.attachments.map((a) => a.path).join(", ")}); an ENI is attached to one instance at a time.`,
          "Keep one attachment; to move the ENI between instances use FailoverEni or AttachmentTarget.oneOf.",
        );
      }
    }
    for (const havip of ctx.model.havips) {
      for (const target of havip.attachedTo) {
        const vsw = target.vswitch;
        if (vsw.poolId !== havip.vswitch.poolId) {
          ctx.report(
            HAVIP_VSWITCH,
            havip.path,
            `HaVip is in vSwitch ${havip.vswitch.path} but ${target.path} is in vSwitch ${vsw.path}.`,
            "Create the HaVip in the vSwitch of the ENIs (or instances) it floats between.",
          );
        }
      }
      const seen = new Set<string>();
      const twice = new Set<string>();
      for (const t of havip.attachedTo) (seen.has(t.path) ? twice : seen).add(t.path);
      if (twice.size > 0) {
        ctx.report(
          HAVIP_MEMBERS,
          havip.path,
          `HaVip is attached more than once to ${[...twice].join(", ")}; each member is associated once (the second association fails at apply).`,
          "Remove the repeated attachment.",
        );
      }
      const kinds = new Set(havip.attachedTo.map((t) => t.kind));
      const existing = havip.existingMemberCount ?? 0;
      const members = seen.size + existing;
      const max = ctx.options.maxHaVipMembers;
      const counted = `${members} member(s)${existing > 0 ? ` (${existing} attached outside this program)` : ""}`;
      if (members > max || kinds.size > 1) {
        ctx.report(
          HAVIP_MEMBERS,
          havip.path,
          `HaVip is attached to ${counted}${kinds.size > 1 ? ", mixing ENIs and instances" : ""}; allowed: at most ${max}, all ENIs or all instances.`,
          `Attach it to at most ${max} ENIs, or to at most ${max} instances${members > max ? " (or set maxHaVipMembers after confirming a higher limit)" : ""}.`,
        );
      } else if (members > API_HAVIP_MEMBERS) {
        ctx.report(
          HAVIP_MEMBERS_API,
          havip.path,
          `HaVip is attached to ${counted}; the AssociateHaVip API page allows ${API_HAVIP_MEMBERS}, the HaVip overview ${max === 10 ? "10" : `10 (maxHaVipMembers is ${max})`}.`,
          `Keep ${API_HAVIP_MEMBERS} members where you cannot test the third, or suppress with the reason once a third member has been attached in this account.`,
        );
      }
      for (const s of havip.unreachableStandbys) {
        ctx.report(
          HAVIP_STANDBY,
          havip.path,
          `${s.path} is meant to take the HaVip over but is in vSwitch ${s.vswitch.path}, not ${havip.vswitch.path}; it cannot hold the virtual IP.`,
          "Put the standby's ENI in the HaVip's vSwitch (same zone), or suppress with the reason (e.g. a quorum-only node).",
        );
      }
    }
  },
};
