import { isUnknown, known, VpcFact, VSwitchFact } from "../../model/facts";
import { Ipv4Cidr } from "../../net/ipv4";
import type { RuleDefinition } from "../rule";
import type { RuleContext, RuleGroup } from "./rule-context";
import { UNKNOWN_VALUE } from "./unknown-value";
import { compareStrings } from "../../compare";

const VPC_CIDR: RuleDefinition = {
  id: "ENI-VPC-CIDR",
  severity: "error",
  title: "VPC CIDR mask is 8 to 28 bits (16 to 28 by console guidance) and not in a forbidden range",
  explanation: "CreateVpc rejects masks outside 8-28 and blocks starting with 0, and blocks in 100.64.0.0/10, 224.0.0.0/4, 127.0.0.0/8 or 169.254.0.0/16.",
  source: "docs/eni-limits.md §1.1 [S12] [S14]",
  suppressible: false,
  layer: "vpc",
};
const VSW_PREFIX: RuleDefinition = {
  id: "ENI-VSW-PREFIX",
  severity: "error",
  title: "vSwitch CIDR prefix is /16 to /29",
  explanation: "CreateVSwitch accepts masks from 16 to 29 bits (8 to 65,536 addresses).",
  source: "docs/eni-limits.md §1.2 [S13] [S16]",
  suppressible: false,
  layer: "vswitch",
};
const VSW_IN_VPC: RuleDefinition = {
  id: "ENI-VSW-IN-VPC",
  severity: "error",
  title: "vSwitch CIDR lies inside its VPC's CIDR",
  explanation: "A vSwitch CIDR must be inside the VPC's primary (or a secondary) IPv4 block; CreateVSwitch fails otherwise.",
  source: "docs/eni-limits.md §1.2 [S13] [S16]",
  suppressible: false,
  layer: "vswitch",
  premises: [
    { rule: "ENI-VPC-CIDR", scope: "container", then: "pick a vSwitch block inside the new VPC CIDR" },
    { rule: "ENI-IMPORT-MISMATCH", scope: "within", then: "check the vSwitch's block against the VPC CIDR the imports agree on" },
  ],
};
const VSW_OVERLAP: RuleDefinition = {
  id: "ENI-VSW-OVERLAP",
  severity: "error",
  title: "vSwitches of one VPC do not overlap",
  explanation: "Two vSwitches of a VPC cannot share addresses; the second CreateVSwitch fails.",
  source: "docs/eni-limits.md §1.2 [S13]",
  suppressible: false,
  layer: "vswitch",
};
const VSW_COUNT: RuleDefinition = {
  id: "ENI-VSW-COUNT",
  severity: "warning",
  title: "At most 150 vSwitches per VPC",
  explanation: "CreateVSwitch usage notes limit a VPC to 150 vSwitches (a quota that can differ per account).",
  source: "docs/eni-limits.md §1.2 [S13]",
  suppressible: true,
  layer: "vpc",
};

const IMPORT_MISMATCH: RuleDefinition = {
  id: "ENI-IMPORT-MISMATCH",
  severity: "error",
  title: "One existing VPC or vSwitch imported twice is described the same way both times",
  explanation: "Two fromXxxAttributes of the same id with different CIDRs or zones cannot both be true; the planner would check and allocate against one of them only.",
  source: "this library's design",
  suppressible: false,
  layer: "vpc",
};

const FORBIDDEN = ["100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16"].map((c) => Ipv4Cidr.parse(c));
const MAX_VSWITCHES = 150;

const cidrText = (c: VSwitchFact["cidr"]) => (isUnknown(c) ? c.description : c.toString());

function checkVpcs(ctx: RuleContext): void {
  const byKey = new Map<string, VpcFact>();
  for (const vpc of ctx.model.vpcs) {
    const first = byKey.get(vpc.key);
    if (!first) byKey.set(vpc.key, vpc);
    else if (cidrText(first.cidr) !== cidrText(vpc.cidr)) {
      ctx.report(
        IMPORT_MISMATCH,
        vpc.path,
        `VPC ${vpc.key} is imported here with CIDR ${cidrText(vpc.cidr)} but at ${first.path} with ${cidrText(first.cidr)}.`,
        "Import it with the same attributes everywhere (share one constant).",
      );
    }
    if (isUnknown(vpc.cidr)) {
      ctx.report(
        UNKNOWN_VALUE,
        vpc.path,
        `VPC CIDR ${vpc.cidr.description} is unknown at synth time; its mask and range were not checked and its vSwitches could not be checked against it.`,
        "Give the CIDR as a literal string to have it checked.",
      );
      continue;
    }
    if (vpc.imported) continue;
    const c = vpc.cidr;
    if (c.prefix < ctx.options.minVpcPrefix || c.prefix > 28) {
      ctx.report(
        VPC_CIDR,
        vpc.path,
        `VPC CIDR ${c} has a /${c.prefix} mask; allowed: /${ctx.options.minVpcPrefix} to /28.`,
        `Use a mask from /${ctx.options.minVpcPrefix} to /28, e.g. ${c.prefix < ctx.options.minVpcPrefix ? "10.0.0.0/16" : "a shorter prefix such as /24"}.`,
      );
    }
    if (c.network >>> 24 === 0) {
      ctx.report(VPC_CIDR, vpc.path, `VPC CIDR ${c} starts with 0; the API rejects such blocks.`, "Use a block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.");
    }
    const bad = FORBIDDEN.find((f) => f.overlaps(c));
    if (bad) {
      ctx.report(VPC_CIDR, vpc.path, `VPC CIDR ${c} overlaps the forbidden range ${bad}.`, "Use a block in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.");
    }
  }
}

function checkVSwitches(ctx: RuleContext): void {
  const byVpc = new Map<string, { cidr: Ipv4Cidr; vsw: VSwitchFact }[]>();
  // Distinct vSwitches (by pool id) per VPC: one existing vSwitch imported twice counts once.
  const countByVpc = new Map<string, { path: string; pools: Set<string> }>();
  const seenPools = new Map<string, VSwitchFact>();
  for (const vsw of ctx.model.vswitches) {
    const vpcEntry = countByVpc.get(vsw.vpc.key) ?? { path: vsw.vpc.path, pools: new Set<string>() };
    vpcEntry.pools.add(vsw.poolId);
    countByVpc.set(vsw.vpc.key, vpcEntry);
    if (isUnknown(vsw.cidr)) {
      ctx.report(
        UNKNOWN_VALUE,
        vsw.path,
        `vSwitch CIDR ${vsw.cidr.description} is unknown at synth time; its prefix, containment and overlap were not checked and no address can be planned in it.`,
        "Give the CIDR as a literal string (for an existing vSwitch, use VSwitch.fromVSwitchAttributes with its cidrBlock).",
      );
      continue;
    }
    const c = vsw.cidr;
    if (c.prefix < 16 || c.prefix > 29) {
      ctx.report(VSW_PREFIX, vsw.path, `vSwitch CIDR ${c} has a /${c.prefix} mask; allowed: /16 to /29.`, "Pick a block from /16 (65,536 addresses) to /29 (8 addresses).");
    }
    const vpcCidr = known(vsw.vpc.cidr);
    if (vpcCidr && !vpcCidr.containsCidr(c)) {
      ctx.report(VSW_IN_VPC, vsw.path, `vSwitch CIDR ${c} is not inside VPC ${vsw.vpc.path} CIDR ${vpcCidr}.`, `Pick a block inside ${vpcCidr}.`);
    }
    const twin = seenPools.get(vsw.poolId);
    if (twin) {
      // The same existing vSwitch imported twice: it must be described the same way.
      const zone = (v: VSwitchFact) => (isUnknown(v.zoneId) ? v.zoneId.description : v.zoneId);
      if (cidrText(twin.cidr) !== cidrText(vsw.cidr) || zone(twin) !== zone(vsw) || twin.vpc.key !== vsw.vpc.key) {
        ctx.report(
          IMPORT_MISMATCH,
          vsw.path,
          `vSwitch ${vsw.poolId} is imported here as ${cidrText(vsw.cidr)} in ${zone(vsw)} (VPC ${vsw.vpc.key}) but at ${twin.path} as ${cidrText(twin.cidr)} in ${zone(twin)} (VPC ${twin.vpc.key}).`,
          "Import it with the same attributes everywhere (share one constant).",
        );
      }
      continue;
    }
    seenPools.set(vsw.poolId, vsw);
    let list = byVpc.get(vsw.vpc.key);
    if (!list) byVpc.set(vsw.vpc.key, (list = []));
    list.push({ cidr: c, vsw });
  }
  for (const list of byVpc.values()) {
    list.sort((a, b) => a.cidr.network - b.cidr.network || compareStrings(a.vsw.path, b.vsw.path));
    let widest = list[0];
    for (let i = 1; i < list.length; i++) {
      const cur = list[i];
      if (widest && widest.cidr.overlaps(cur.cidr)) {
        ctx.report(VSW_OVERLAP, cur.vsw.path, `vSwitch CIDR ${cur.cidr} overlaps ${widest.vsw.path} (${widest.cidr}) in the same VPC.`, "Give each vSwitch of a VPC its own block.");
      }
      if (!widest || cur.cidr.last > widest.cidr.last) widest = cur;
    }
  }
  for (const { path, pools } of countByVpc.values()) {
    const n = pools.size;
    if (n > MAX_VSWITCHES) {
      ctx.report(
        VSW_COUNT,
        path,
        `VPC has ${n} vSwitches; the documented limit is ${MAX_VSWITCHES}.`,
        "Split the network across VPCs, or confirm a raised quota and suppress with the quota ticket as the reason.",
      );
    }
  }
}

/** VPC and vSwitch CIDR rules. */
export const CIDR_RULES: RuleGroup = {
  rules: [VPC_CIDR, VSW_PREFIX, VSW_IN_VPC, VSW_OVERLAP, VSW_COUNT, IMPORT_MISMATCH],
  check(ctx) {
    checkVpcs(ctx);
    checkVSwitches(ctx);
  },
};
