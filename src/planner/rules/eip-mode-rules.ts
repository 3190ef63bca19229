import type { EipFact, EniFact } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import type { RuleGroup } from "./rule-context";
import { regionsByStack } from "./region-rules";

const CUT_THROUGH: RuleDefinition = {
  id: "ENI-EIP-CUT-THROUGH",
  severity: "error",
  title: "A cut-through (BINDED) EIP is the only EIP of a secondary ENI, on its primary private IP",
  explanation:
    'In cut-through mode the EIP replaces the secondary ENI\'s primary private IP: only secondary ENIs qualify, and "each secondary ENI can be associated with only one EIP"; AssociateEipAddress fails otherwise.',
  source: "docs/eni-limits.md §2.8 [S19] [S26]",
  suppressible: false,
  layer: "eip-havip",
};
const CUT_THROUGH_ORDER: RuleDefinition = {
  id: "ENI-EIP-CUT-THROUGH-ORDER",
  severity: "error",
  title: "A cut-through or multi-EIP association is made before its ENI is attached (the attachment depends on it)",
  explanation: 'BINDED and MULTI_BINDED associations need an ENI that "is not associated with any ECS instance"; without depends_on, Terraform may attach first and the association fails.',
  source: "docs/eni-limits.md §2.8 [S19] [S26]",
  suppressible: false,
  layer: "eip-havip",
};
const CUT_THROUGH_PRIVATE: RuleDefinition = {
  id: "ENI-EIP-CUT-THROUGH-PRIVATE",
  severity: "warning",
  title: "A cut-through ENI loses its private-network features",
  explanation:
    '"The private network features of the secondary ENI are not available" in cut-through mode: its private addresses (secondary IPs and HaVips included) stop carrying VPC traffic. In the guest, DHCP must be on for the interface after attaching.',
  source: "docs/eni-limits.md §2.8 [S26]",
  suppressible: true,
  layer: "eip-havip",
};
const CUT_THROUGH_REGION: RuleDefinition = {
  id: "ENI-EIP-CUT-THROUGH-REGION",
  severity: "warning",
  title: "Cut-through mode is used in a region the (2021) region list does not name",
  explanation: "The cut-through docs list 13 regions; the list is old and may have grown, so this is a warning: confirm the mode in the console for the region, then suppress with the reason.",
  source: "docs/eni-limits.md §2.8 [S26]",
  suppressible: true,
  layer: "region",
};
const CUT_THROUGH_EXISTING: RuleDefinition = {
  id: "ENI-EIP-CUT-THROUGH-EXISTING",
  severity: "warning",
  title: "A cut-through or multi-EIP association is made on an existing (imported) ENI whose state outside this program is unknown",
  explanation:
    'BINDED and MULTI_BINDED need a secondary ENI that "is not associated with any ECS instance" when the association is made, and a cut-through ENI takes one EIP. For an ENI imported with NetworkInterface.fromNetworkInterfaceAttributes the planner sees only this program: not whether it is an instance\'s primary ENI, attached, or carries EIPs associated elsewhere. Confirm, then suppress with the reason.',
  source: "docs/eni-limits.md §2.8 [S19] [S26]",
  suppressible: true,
  layer: "eip-havip",
};
const MULTI_BINDED: RuleDefinition = {
  id: "ENI-EIP-MULTI-BINDED",
  severity: "error",
  title: "Multi-EIP-to-ENI mode (MULTI_BINDED) is closed to new users",
  explanation:
    "The mode \"no longer accepts new applications\"; it also needs a detached secondary ENI, listed instance families, DHCP in the guest, and takes up to 10 EIPs per ENI. Accounts that already have it acknowledge by suppressing with the reason. Alibaba's replacement is a VPC secondary CIDR with the EIP's block, bound in NAT mode.",
  source: "docs/eni-limits.md §2.8 [S19]",
  suppressible: true,
  layer: "eip-havip",
};
const HAVIP_EIP: RuleDefinition = {
  id: "ENI-EIP-HAVIP",
  severity: "error",
  title: "At most one EIP per HaVip",
  explanation: "A HaVip can be associated with one EIP; a second AssociateEipAddress with InstanceType=HaVip fails.",
  source: "docs/eni-limits.md §2.8 [S24] [S19]",
  suppressible: false,
  layer: "eip-havip",
};

/** Regions the cut-through docs (2021) list. */
export const CUT_THROUGH_REGIONS: readonly string[] = [
  "cn-hangzhou",
  "cn-shanghai",
  "cn-qingdao",
  "cn-beijing",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-shenzhen",
  "cn-chengdu",
  "ap-southeast-1",
  "ap-southeast-5",
  "eu-central-1",
  "eu-west-1",
  "us-east-1",
];

/** EIP mode rules: cut-through (BINDED) and multi-EIP (MULTI_BINDED) associations, and EIPs on HaVips. */
export const EIP_MODE_RULES: RuleGroup = {
  rules: [CUT_THROUGH, CUT_THROUGH_ORDER, CUT_THROUGH_PRIVATE, CUT_THROUGH_REGION, CUT_THROUGH_EXISTING, MULTI_BINDED, HAVIP_EIP],
  check(ctx) {
    const regions = regionsByStack(ctx.model);
    const eipsOf = new Map<string, EipFact[]>();
    for (const eip of ctx.model.eips) {
      if (!eip.target) continue;
      const list = eipsOf.get(eip.target.path);
      if (list) list.push(eip);
      else eipsOf.set(eip.target.path, [eip]);
    }
    const havipsOf = new Map<string, string[]>();
    for (const h of ctx.model.havips) {
      for (const t of h.attachedTo) havipsOf.set(t.path, [...(havipsOf.get(t.path) ?? []), h.path]);
    }

    for (const eip of ctx.model.eips) {
      const target = eip.target;
      if (!target || eip.mode === "NAT") continue;
      if (eip.mode === "MULTI_BINDED") {
        ctx.report(
          MULTI_BINDED,
          eip.path,
          `the EIP is associated with ${target.path} in MULTI_BINDED (multi-EIP-to-ENI) mode, which no longer accepts new applications.`,
          "Use NAT mode (one EIP per private IP) or cut-through (associateCutThrough); if this account already has the mode, suppress with the reason.",
        );
      } else {
        if (target.kind !== "eni") {
          ctx.report(
            CUT_THROUGH,
            eip.path,
            `cut-through mode binds a secondary ENI, but ${target.path} is ${target.kind === "instance" ? "an instance (its primary ENI)" : "a HaVip"}.`,
            "Associate the EIP with a NetworkInterface in cut-through mode, or use NAT mode.",
          );
          continue;
        }
        const others = (eipsOf.get(target.path) ?? []).filter((e) => e !== eip);
        if (others.length > 0) {
          ctx.report(
            CUT_THROUGH,
            eip.path,
            `ENI ${target.path} takes this cut-through EIP and also ${others.map((e) => `${e.path} (${e.mode})`).join(", ")}; a cut-through ENI carries exactly one EIP.`,
            "Keep the cut-through EIP alone on the ENI: move the other EIPs to another ENI.",
          );
        } else if (typeof eip.privateIp !== "object" || !("key" in eip.privateIp) || eip.privateIp.key !== target.primaryIp.key) {
          ctx.report(
            CUT_THROUGH,
            eip.path,
            `the cut-through EIP is recorded on ${typeof eip.privateIp === "object" && eip.privateIp && "key" in eip.privateIp ? eip.privateIp.key : "another address"}, not on ${target.primaryIp.key}, the primary private IP of ${target.path}.`,
            "Bind the cut-through EIP with associateCutThrough(eni): it takes the ENI's primary private IP.",
          );
        }
        const lost = [...(target.secondaryIps.length > 0 ? [`its ${target.secondaryIps.length} secondary private IP(s)`] : []), ...(havipsOf.get(target.path) ?? []).map((h) => `HaVip ${h}`)];
        ctx.report(
          CUT_THROUGH_PRIVATE,
          eip.path,
          `in cut-through mode ENI ${target.path} carries only the EIP: its private-network features are unavailable${lost.length ? `, including ${lost.join(" and ")}` : ""}.`,
          "Give VPC-internal traffic another ENI (or the primary ENI); after attaching, enable DHCP on the interface in the guest. Suppress with the reason once planned.",
        );
        const region = regions.get(eip.stack);
        if (region === undefined || !CUT_THROUGH_REGIONS.includes(region)) {
          ctx.report(
            CUT_THROUGH_REGION,
            eip.path,
            `${region === undefined ? "the stack's region is unknown at synth time" : `region ${region} is not`} in the cut-through region list (${CUT_THROUGH_REGIONS.join(", ")}, 2021 docs).`,
            "Confirm cut-through mode for the region in the EIP console, then suppress with the reason; or use NAT mode.",
          );
        }
      }
      if (target.kind === "eni") checkOrder(ctx, eip, target);
      if (target.kind === "eni" && target.imported) {
        const cut = eip.mode === "BINDED";
        ctx.report(
          CUT_THROUGH_EXISTING,
          eip.path,
          `ENI ${target.path} exists already (imported): ${eip.mode} mode needs a secondary ENI that is attached to no instance when the association is made${cut ? " and carries no other EIP" : ""}; the planner sees only this program, not whether it is an instance's primary ENI${cut ? ", is attached elsewhere, or has EIPs associated outside this program" : " or is attached elsewhere"}.`,
          `Check the ENI with DescribeNetworkInterfaces (Type Secondary, Status Available${cut ? ", no AssociatedPublicIp" : ""}); detach it first if it is attached outside this program, then suppress with the reason.`,
        );
      }
    }

    for (const h of ctx.model.havips) {
      const eips = eipsOf.get(h.path) ?? [];
      const n = eips.length + (h.existingEip ? 1 : 0);
      if (n > 1) {
        ctx.report(
          HAVIP_EIP,
          eips[h.existingEip ? 0 : 1].path,
          `HaVip ${h.path} would have ${n} EIPs (${[...(h.existingEip ? ["one associated outside this program"] : []), ...eips.map((e) => e.path)].join(", ")}); a HaVip takes one.`,
          "Associate one EIP with the HaVip; give other public addresses their own HaVip or ENI.",
        );
      }
    }
  },
};

/** ENI-EIP-CUT-THROUGH-ORDER: every attachment of the ENI waits for the association. */
function checkOrder(ctx: Parameters<RuleGroup["check"]>[0], eip: EipFact, eni: EniFact): void {
  if (eip.associationPath === undefined) return;
  for (const a of eni.attachments) {
    if (!(a.dependsOn ?? []).includes(eip.associationPath)) {
      ctx.report(
        CUT_THROUGH_ORDER,
        a.path,
        `attachment of ${eni.path} does not depend on ${eip.associationPath} (${eip.mode}); Terraform may attach the ENI first, and the association then fails.`,
        "Attach the ENI with NetworkInterface.attachTo after associating (the library adds depends_on), or add depends_on to the attachment.",
      );
    }
  }
}
