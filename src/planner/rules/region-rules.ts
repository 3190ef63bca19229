import { isUnknown } from "../../model/facts";
import type { NetworkModel } from "../../model/network-model";
import type { RuleDefinition } from "../rule";
import type { RuleGroup } from "./rule-context";
import { UNKNOWN_VALUE } from "./unknown-value";
import { compareStrings } from "../../compare";

const REGION_QUOTA: RuleDefinition = {
  id: "ENI-REGION-QUOTA",
  severity: "error",
  title: "ENIs per region, across all stacks of the app, within the account quota (default 100, configurable)",
  explanation: "An account holds 100 ENIs per region by default (2021 docs; current docs point to Quota Center). Set eniQuotaPerRegion after raising the quota.",
  source: "docs/eni-limits.md §2.7 and open question 7 [S5] [S23]",
  suppressible: false,
  layer: "region",
};
const ZONE_REGION: RuleDefinition = {
  id: "ENI-ZONE-REGION",
  severity: "error",
  title: "A vSwitch's zone belongs to the provider's region",
  explanation: "A zone id is its region id followed by the zone letter (cn-hangzhou-h is in cn-hangzhou, ap-southeast-1a in ap-southeast-1); a zone of another region fails CreateVSwitch.",
  source: "Alibaba Cloud regions and zones; docs/eni-limits.md §1.2 [S12]",
  suppressible: false,
  layer: "zone",
};

const DEFAULT_REGION = "(provider default region)";

/**
 * True when `zone` belongs to `region`: the region id followed by the zone letter, with a hyphen
 * (cn-hangzhou-h) or, for region ids ending in a digit, without one (ap-southeast-1a, cn-shanghai-finance-1z).
 */
export function zoneInRegion(zone: string, region: string): boolean {
  return zone.startsWith(region) && /^-?[a-z]+$/.test(zone.slice(region.length));
}

/** The region of each stack: the region of its alicloud provider without alias, when literal. */
export function regionsByStack(model: NetworkModel): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const p of model.providers) {
    if (p.alias !== undefined) continue;
    out.set(p.stack, p.region === undefined || isUnknown(p.region) ? undefined : p.region);
  }
  return out;
}

/** Region rules: the per-region ENI quota and zones in the provider's region. */
export const REGION_RULES: RuleGroup = {
  rules: [REGION_QUOTA, ZONE_REGION],
  check(ctx) {
    const regions = regionsByStack(ctx.model);
    const perRegion = new Map<string, string[]>();
    for (const eni of ctx.model.enis) {
      const r = regions.get(eni.stack) ?? DEFAULT_REGION;
      const list = perRegion.get(r);
      if (list) list.push(eni.path);
      else perRegion.set(r, [eni.path]);
    }
    for (const [region, paths] of [...perRegion].sort(([a], [b]) => compareStrings(a, b))) {
      if (paths.length > ctx.options.eniQuotaPerRegion) {
        ctx.report(
          REGION_QUOTA,
          paths[ctx.options.eniQuotaPerRegion],
          `the app creates ${paths.length} ENIs in region ${region}; the quota is ${ctx.options.eniQuotaPerRegion} per region (ENIs outside this app count too).`,
          "Raise the quota in Quota Center and set eniQuotaPerRegion, or spread the ENIs over regions.",
        );
      }
    }
    const unknownRegion = new Map(ctx.model.providers.filter((p) => p.alias === undefined && isUnknown(p.region)).map((p) => [p.stack, p]));
    const warned = new Set<string>();
    for (const vsw of ctx.model.vswitches) {
      const region = regions.get(vsw.stack);
      const provider = unknownRegion.get(vsw.stack);
      if (provider && isUnknown(provider.region) && !warned.has(vsw.stack)) {
        warned.add(vsw.stack);
        ctx.report(
          UNKNOWN_VALUE,
          provider.path,
          `provider region ${provider.region.description} is unknown at synth time; ENI-ZONE-REGION was not checked for this stack's vSwitches and its ENIs count toward one unknown region for ENI-REGION-QUOTA.`,
          "Give the region as a literal string to have zones checked.",
        );
      }
      if (region !== undefined && isUnknown(vsw.zoneId)) {
        ctx.report(UNKNOWN_VALUE, vsw.path, `zone ${vsw.zoneId.description} is unknown at synth time; ENI-ZONE-REGION was not checked.`, "Give the zone id as a literal string.");
      }
      if (region === undefined || isUnknown(vsw.zoneId)) continue;
      if (!zoneInRegion(vsw.zoneId, region)) {
        ctx.report(
          ZONE_REGION,
          vsw.path,
          `zone ${vsw.zoneId} is not in region ${region} (the stack's provider region).`,
          `Use a zone of ${region} (e.g. ${region}${/\d$/.test(region) ? "a" : "-h"}), or set the provider's region to the zone's region.`,
        );
      }
    }
  },
};
