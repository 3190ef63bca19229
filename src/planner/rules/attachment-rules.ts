import type { RuleDefinition } from "../rule";
import type { RuleGroup } from "./rule-context";

const ATTACH_ONCE: RuleDefinition = {
  id: "ENI-ATTACH-ONCE",
  severity: "error",
  title: "An ENI is attached to at most one instance at a time",
  explanation: "AttachNetworkInterface needs an Available ENI; a second attachment of an InUse ENI fails. Use FailoverEni (AttachmentTarget.oneOf) to move an ENI between instances.",
  source: "docs/eni-limits.md §2.5 [S5] [S8]",
  suppressible: false,
};
const HAVIP_VSWITCH: RuleDefinition = {
  id: "ENI-HAVIP-VSWITCH",
  severity: "error",
  title: "A HaVip is attached only to ENIs or instances of its own vSwitch",
  explanation: "A HaVip belongs to one vSwitch and can only be associated with ECS instances or ENIs in that vSwitch.",
  source: "Alibaba Cloud VPC docs, 'HaVip' (https://www.alibabacloud.com/help/en/vpc/highly-available-virtual-ip-address-havip)",
  suppressible: false,
};
const HAVIP_MEMBERS: RuleDefinition = {
  id: "ENI-HAVIP-MEMBERS",
  severity: "error",
  title: "A HaVip is attached to at most 10 members, each once, all ENIs or all instances",
  explanation: "A HaVip can be associated with at most 10 ECS instances or 10 ENIs, and with only one type of resource at a time; a second association of the same member fails at apply.",
  source: "Alibaba Cloud VPC docs, 'HaVip' (associated resources)",
  suppressible: false,
};
const HAVIP_STANDBY: RuleDefinition = {
  id: "ENI-HAVIP-STANDBY",
  severity: "warning",
  title: "A standby meant to take a HaVip over is in another vSwitch, so it cannot",
  explanation: "A HaVip only floats between ENIs or instances of its own vSwitch (one zone): a standby elsewhere keeps its own addresses on failover, and clients of the virtual IP lose service.",
  source: "Alibaba Cloud VPC docs, 'HaVip'",
  suppressible: true,
};
const MAX_HAVIP_MEMBERS = 10;

/** Attachment rules: one instance per ENI, HaVip in its vSwitch. */
export const ATTACHMENT_RULES: RuleGroup = {
  rules: [ATTACH_ONCE, HAVIP_VSWITCH, HAVIP_MEMBERS, HAVIP_STANDBY],
  check(ctx) {
    for (const eni of ctx.model.enis) {
      if (eni.attachments.length > 1) {
        ctx.report(ATTACH_ONCE, eni.path, `the ENI has ${eni.attachments.length} attachments (${eni.attachments.map((a) => a.path).join(", ")}); an ENI is attached to one instance at a time.`, "Keep one attachment; to move the ENI between instances use FailoverEni or AttachmentTarget.oneOf.");
      }
    }
    for (const havip of ctx.model.havips) {
      for (const target of havip.attachedTo) {
        const vsw = target.vswitch;
        if (vsw.poolId !== havip.vswitch.poolId) {
          ctx.report(HAVIP_VSWITCH, havip.path, `HaVip is in vSwitch ${havip.vswitch.path} but ${target.path} is in vSwitch ${vsw.path}.`, "Create the HaVip in the vSwitch of the ENIs (or instances) it floats between.");
        }
      }
      const seen = new Set<string>();
      const twice = new Set<string>();
      for (const t of havip.attachedTo) (seen.has(t.path) ? twice : seen).add(t.path);
      if (twice.size > 0) {
        ctx.report(HAVIP_MEMBERS, havip.path, `HaVip is attached more than once to ${[...twice].join(", ")}; each member is associated once (the second association fails at apply).`, "Remove the repeated attachment.");
      }
      const kinds = new Set(havip.attachedTo.map((t) => t.kind));
      if (seen.size > MAX_HAVIP_MEMBERS || kinds.size > 1) {
        ctx.report(
          HAVIP_MEMBERS,
          havip.path,
          `HaVip is attached to ${seen.size} member(s)${kinds.size > 1 ? ", mixing ENIs and instances" : ""}; allowed: at most ${MAX_HAVIP_MEMBERS}, all ENIs or all instances.`,
          "Attach it to at most 10 ENIs, or to at most 10 instances.",
        );
      }
      for (const s of havip.unreachableStandbys) {
        ctx.report(HAVIP_STANDBY, havip.path, `${s.path} is meant to take the HaVip over but is in vSwitch ${s.vswitch.path}, not ${havip.vswitch.path}; it cannot hold the virtual IP.`, "Put the standby's ENI in the HaVip's vSwitch (same zone), or suppress with the reason (e.g. a quorum-only node).");
      }
    }
  },
};
