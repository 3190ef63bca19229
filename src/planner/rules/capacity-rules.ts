import type { InstanceTypeCatalog, InstanceTypeLimits } from "../../catalog";
import { EniFact, InstanceFact, isUnknown } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import type { RuleContext, RuleGroup } from "./rule-context";
import { UNKNOWN_VALUE } from "./unknown-value";
import { compareStrings } from "../../compare";

const ENI_COUNT: RuleDefinition = {
  id: "ENI-COUNT",
  severity: "error",
  title: "ENIs per instance, primary included, at most the instance type's EniQuantity",
  explanation: "Each instance type caps its ENIs (primary included). Failover ENIs count on every candidate they may land on. AttachNetworkInterface fails past the cap.",
  source: "docs/eni-limits.md §2.1 [S1] [S10] [S19]; src/catalog/instance-types.json",
  suppressible: false,
  layer: "eni",
};
const IP_COUNT: RuleDefinition = {
  id: "ENI-IP-COUNT",
  severity: "error",
  title: "Private IPv4 addresses per ENI, primary included, at most the instance type's EniPrivateIpAddressQuantity",
  explanation: "An attached ENI holds at most the type's private IPv4 per ENI, its primary IP included (ecs.c6.large: 6 = 1 primary + 5 secondary).",
  source: "docs/eni-limits.md §2.1, 2.4 [S1] [S7] [S11] [S19]; src/catalog/instance-types.json",
  suppressible: false,
  layer: "eni",
};
const IP_CREATE: RuleDefinition = {
  id: "ENI-IP-CREATE",
  severity: "error",
  title: "Secondary private IPs given at ENI creation within the API's per-call bound (default 10)",
  explanation:
    "CreateNetworkInterface takes PrivateIpAddress.N with N = 0-10; the planner always passes explicit addresses, so an ENI created with more fails. An unattached ENI is also capped at 10 in the 2021 API doc (newer pages say 32, 49 or 50): set maxSecondaryIpsAtCreation to change it.",
  source: "docs/eni-limits.md §2.4 and open question 1 [S6] [S7]",
  suppressible: false,
  layer: "eni",
};
const TYPE_UNKNOWN: RuleDefinition = {
  id: "ENI-TYPE-UNKNOWN",
  severity: "error",
  title: "The instance type is in the catalog (a warning under the option allowUnknownInstanceTypes)",
  explanation:
    "Limits come from the catalog. A misspelt type (ecs.g7.xlarg) would otherwise pass unchecked and fail at apply. Fix the name, add the type with catalog.withTypes([...]) or DescribeInstanceTypes output, or opt out with allowUnknownInstanceTypes: true (then a warning; its limits are not checked and nothing is laid out on guessed limits).",
  source: "src/catalog/instance-types.json; DescribeInstanceTypes [S10]",
  suppressible: false,
  layer: "eni",
};
/** ENI-TYPE-UNKNOWN as it applies under allowUnknownInstanceTypes: a warning, suppressible. */
const TYPE_UNKNOWN_ALLOWED: RuleDefinition = { ...TYPE_UNKNOWN, severity: "warning", suppressible: true };
const TYPE_PARTIAL: RuleDefinition = {
  id: "ENI-TYPE-PARTIAL",
  severity: "warning",
  title: "The catalog does not know the type's private IPv4 per ENI, so address counts could not be checked",
  explanation: "A few types (e.g. ecs.gn7-c12g1.3xlarge) have no documented per-ENI address count; override the type in the catalog with the value DescribeInstanceTypes returns.",
  source: "docs/eni-limits.md §4 (no numbers found)",
  suppressible: true,
  layer: "eni",
};
const HOTPLUG: RuleDefinition = {
  id: "ENI-HOTPLUG",
  severity: "error",
  title: "Instance types without secondary-ENI hot swap cannot take an ENI while running",
  explanation:
    "For these types (some s6, e, t5, t6 and shared types) a secondary ENI attaches and detaches only while the instance is Stopped, and whole t5/t6/shared families cannot get one at creation. Terraform creates instances Running, so the attachment fails at apply; failover needs a stop too.",
  source: "docs/eni-limits.md §2.5, 2.6 [S3] [S4] [S1] [S2]",
  suppressible: true,
  layer: "eni",
};

const familyIndex = new WeakMap<InstanceTypeCatalog, Map<string, InstanceTypeLimits[]>>();

/** The smallest type of the same family that holds `enis` ENIs of `ips` addresses, for fix messages. */
function largerType(catalog: InstanceTypeCatalog, t: InstanceTypeLimits, enis: number, ips: number): string | undefined {
  let idx = familyIndex.get(catalog);
  if (!idx) {
    idx = new Map();
    for (const name of catalog.names()) {
      const l = catalog.lookup(name)!;
      const f = l.family ?? "";
      idx.set(f, [...(idx.get(f) ?? []), l]);
    }
    familyIndex.set(catalog, idx);
  }
  const fit = (idx.get(t.family ?? "") ?? [])
    .filter((l) => l.eniQuantity >= enis && (l.privateIpv4PerEni ?? 0) >= ips && l.name !== t.name)
    .sort((a, b) => (a.vcpu ?? 0) - (b.vcpu ?? 0) || a.eniQuantity - b.eniQuantity || compareStrings(a.name, b.name));
  return fit[0]?.name;
}

const suggestionCache = new WeakMap<InstanceTypeCatalog, Map<string, string[]>>();

/** The catalog's nearest names for an unknown type, computed once per name (many instances often share one). */
function suggestionsFor(catalog: InstanceTypeCatalog, name: string): string[] {
  let byName = suggestionCache.get(catalog);
  if (!byName) suggestionCache.set(catalog, (byName = new Map()));
  let near = byName.get(name);
  if (!near) byName.set(name, (near = catalog.suggest(name, 3)));
  return near;
}

/** The limits of an instance's type, reporting (once per instance: each is visited once) why they are missing. */
function typeOf(ctx: RuleContext, inst: InstanceFact): InstanceTypeLimits | undefined {
  if (isUnknown(inst.instanceType)) {
    ctx.report(
      UNKNOWN_VALUE,
      inst.path,
      `instance type ${inst.instanceType.description} is unknown at synth time; ENI and address limits were not checked.`,
      "Give the instance type as a literal string.",
    );
    return undefined;
  }
  const t = ctx.options.catalog.lookup(inst.instanceType);
  if (!t) {
    const name = inst.instanceType;
    const near = suggestionsFor(ctx.options.catalog, name);
    const allowed = ctx.options.allowUnknownInstanceTypes;
    const withTypes = `catalog: InstanceTypeCatalog.builtIn().withTypes([{ name: "${name}", eniQuantity: <EniQuantity>, privateIpv4PerEni: <EniPrivateIpAddressQuantity>, source: "DescribeInstanceTypes" }])`;
    ctx.report(
      allowed ? TYPE_UNKNOWN_ALLOWED : TYPE_UNKNOWN,
      inst.path,
      `instance type ${name} is not in the catalog (${ctx.options.catalog.size} types); its ENI and address limits ${allowed ? "were not checked (allowUnknownInstanceTypes is set)" : "are unknown"}.${near.length ? ` Nearest known: ${near.join(", ")}.` : ""}`,
      allowed
        ? `${near.length ? `If you meant ${near[0]}, fix the name; otherwise add` : "Add"} the type's limits to EniPlanner.configure (${withTypes}) so they are checked.`
        : `${near.length ? `If you meant ${near[0]}, fix the name. Otherwise either add` : "Either add"} the type's limits (from DescribeInstanceTypes) with EniPlanner.configure(app, { ${withTypes} }), or accept it unchecked with EniPlanner.configure(app, { allowUnknownInstanceTypes: true }).`,
    );
  }
  if (t && t.privateIpv4PerEni === undefined) {
    ctx.report(
      TYPE_PARTIAL,
      inst.path,
      `the catalog has no private-IPv4-per-ENI figure for ${t.name} (source: ${t.source}); address counts on its ENIs were not checked.`,
      "Override the type in the catalog with EniPrivateIpAddressQuantity from DescribeInstanceTypes.",
    );
  }
  return t;
}

function checkInstance(ctx: RuleContext, inst: InstanceFact, enis: readonly EniFact[], t: InstanceTypeLimits): void {
  const total = inst.existingEniCount + enis.length;
  const perEni = t.privateIpv4PerEni;
  const mostIps = Math.max(1 + inst.secondaryIps.length, ...enis.map((e) => 1 + e.secondaryIps.length));
  if (total > t.eniQuantity) {
    const who = [
      inst.imported ? `${inst.existingEniCount} existing (primary included)` : "primary",
      ...enis.map((e) => e.path + (e.attachments.some((a) => a.switchable) ? " (may fail over here)" : "")),
    ];
    const bigger = largerType(ctx.options.catalog, t, total, perEni === undefined ? 0 : mostIps);
    ctx.report(
      ENI_COUNT,
      inst.path,
      `${t.name} allows ${t.eniQuantity} ENIs per instance, primary included; this instance would have ${total}: ${who.join(", ")}.`,
      `Attach at most ${t.eniQuantity - inst.existingEniCount} secondary ENIs${bigger ? `, or use a larger type such as ${bigger}` : ""}.`,
    );
  }
  if (perEni === undefined) return;
  if (!inst.imported && 1 + inst.secondaryIps.length > perEni) {
    const bigger = largerType(ctx.options.catalog, t, total, 1 + inst.secondaryIps.length);
    ctx.report(
      IP_COUNT,
      inst.path,
      `${t.name} allows ${perEni} private IPv4 addresses per ENI, primary included; the primary ENI has ${1 + inst.secondaryIps.length} (1 primary + ${inst.secondaryIps.length} secondary).`,
      `Use at most ${perEni - 1} secondary private IPs on the primary ENI and put the rest on secondary ENIs${bigger ? `, or use a larger type such as ${bigger}` : ""}.`,
    );
  }
  for (const eni of enis) {
    const n = 1 + eni.secondaryIps.length;
    if (n > perEni) {
      ctx.report(
        IP_COUNT,
        eni.path,
        `${t.name} (instance ${inst.path}) allows ${perEni} private IPv4 addresses per ENI, primary included; this ENI has ${n} (1 primary + ${eni.secondaryIps.length} secondary).`,
        eni.plane !== undefined
          ? `Give plane ${eni.plane} at most ${perEni - 1} secondary private IPs (a plane is one ENI), or use a type with more addresses per ENI.`
          : `Use at most ${perEni - 1} secondary private IPs per ENI here, spread the addresses over more ENIs, or use a type with more addresses per ENI.`,
      );
    }
  }
  if (enis.length > 0 && t.hotSwap === false) {
    ctx.report(
      HOTPLUG,
      inst.path,
      `${t.name} does not support secondary-ENI hot swap: ENIs attach and detach only while the instance is Stopped${t.secondaryEniAtCreation === false ? ", and it cannot get a secondary ENI at creation" : ""}; ${enis.length} ENI(s) would be attached (${enis.map((e) => e.path).join(", ")}).`,
      "Use a type with hot swap (e.g. a g7/c7/r7 size), or stop the instance before apply and suppress this rule with that as the reason.",
    );
  }
}

/** Instance-type capacity rules: ENIs per instance, addresses per ENI, API bounds, hot swap. */
export const CAPACITY_RULES: RuleGroup = {
  rules: [ENI_COUNT, IP_COUNT, IP_CREATE, TYPE_UNKNOWN, TYPE_PARTIAL, HOTPLUG],
  check(ctx) {
    // Every candidate is an instance of the model (sorted by path): one pass, no sort.
    for (const inst of ctx.model.instances) {
      const t = typeOf(ctx, inst);
      if (t) checkInstance(ctx, inst, ctx.topology.enisOn.get(inst) ?? [], t);
    }
    const max = ctx.options.maxSecondaryIpsAtCreation;
    for (const eni of ctx.model.enis) {
      if (!eni.imported && eni.secondaryIps.length > max) {
        // an existing ENI is not created here
        const fix =
          eni.plane !== undefined
            ? `Give plane ${eni.plane} at most ${max} secondary IPs (a plane is one ENI), or raise maxSecondaryIpsAtCreation if your region accepts more.`
            : `Use at most ${max} secondary IPs per ENI (spread the rest over more ENIs), or raise maxSecondaryIpsAtCreation if your region accepts more.`;
        ctx.report(IP_CREATE, eni.path, `the ENI is created with ${eni.secondaryIps.length} secondary private IPs; CreateNetworkInterface accepts at most ${max}.`, fix);
      }
    }
  },
};
