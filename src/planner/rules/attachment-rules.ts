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
  source: "Alibaba Cloud VPC docs, 'HaVip overview' (limits)",
  suppressible: false,
};

/** Attachment rules: one instance per ENI, HaVip in its vSwitch. */
export const ATTACHMENT_RULES: RuleGroup = {
  rules: [ATTACH_ONCE, HAVIP_VSWITCH],
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
    }
  },
};
