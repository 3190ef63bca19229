import type { InstanceTypeLimits } from "../../catalog";
import { EniFact, InstanceFact, isUnknown, known, VSwitchFact } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import type { RuleContext, RuleGroup } from "./rule-context";
import { UNKNOWN_VALUE } from "./unknown-value";

export const IPV6_VSWITCH: RuleDefinition = {
  id: "ENI-IPV6-VSWITCH",
  severity: "error",
  title: "An ENI or instance with IPv6 addresses is in a vSwitch with IPv6 enabled",
  explanation: "IPv6 addresses come from the vSwitch's /64: enable IPv6 on the vSwitch (ipv6CidrBlockMask, or ipv6CidrBlock for an imported one) before an ENI on it can get IPv6 addresses.",
  source: "docs/eni-limits.md §1.3 [S6] [S9] [S12]",
  suppressible: false,
  layer: "eni",
};
export const IPV6_COUNT: RuleDefinition = {
  id: "ENI-IPV6-COUNT",
  severity: "error",
  title: "IPv6 addresses per ENI at most the instance type's EniIpv6AddressQuantity (0: no IPv6)",
  explanation: "An attached ENI (and an instance's primary ENI) holds at most the type's IPv6 addresses per ENI; types with 0 support no IPv6.",
  source: "docs/eni-limits.md §1.3, 2.4 [S9] [S10]; src/catalog/instance-types.json",
  suppressible: false,
  layer: "eni",
};
export const IPV6_TYPE_PARTIAL: RuleDefinition = {
  id: "ENI-IPV6-TYPE-PARTIAL",
  severity: "warning",
  title: "The catalog does not know the type's IPv6 per ENI, so IPv6 counts could not be checked",
  explanation: "237 catalog rows (2021-only types and families without an IPv6 column) have no IPv6-per-ENI figure; override the type with EniIpv6AddressQuantity from DescribeInstanceTypes.",
  source: "docs/eni-limits.md §4; src/catalog/instance-types.json",
  suppressible: true,
  layer: "eni",
};
export const IPV6_SUFFIX: RuleDefinition = {
  id: "ENI-IPV6-SUFFIX",
  severity: "error",
  title: "A vSwitch's IPv6 suffix is within the range its VPC's IPv6 mask allows and unique in the VPC, and the VPC has IPv6",
  explanation:
    "ipv6_cidr_block_mask is the last 12, 8 or 4 bits of the vSwitch /64 for a VPC block of /52, /56 or /60 (0-4095, 0-255, 0-15); two vSwitches of a VPC cannot share a /64; the VPC must have IPv6 enabled; an imported /64 lies in the VPC's block.",
  source: "docs/alicloud-provider-notes.md (alicloud_vswitch ipv6_cidr_block_mask); docs/eni-limits.md §1.3 [S13] [S16]",
  suppressible: false,
  layer: "vswitch",
};
export const IPV6_OUTSIDE: RuleDefinition = {
  id: "ENI-IPV6-OUTSIDE",
  severity: "error",
  title: "Every explicit IPv6 address lies inside its vSwitch's /64",
  explanation: "An ENI's IPv6 addresses come from its vSwitch's IPv6 block; an address outside it fails at apply.",
  source: "docs/eni-limits.md §1.3 [S12]",
  suppressible: false,
  layer: "address",
  premises: [{ rule: "ENI-IPV6-SUFFIX", scope: "container", then: "use an address inside the vSwitch's IPv6 block as it ends up, or use ipv6AddressCount to have one planned" }],
};
export const IPV6_RESERVED: RuleDefinition = {
  id: "ENI-IPV6-RESERVED",
  severity: "error",
  title: "No IPv6 address is one of the ten system-reserved addresses of its vSwitch (the first and the last nine)",
  explanation: "Alibaba Cloud reserves the first address and the last nine of every vSwitch's IPv6 block.",
  source: "docs/eni-limits.md §1.3 [S12] [S15] (CreateVSwitchCidrReservation, Mar 2024)",
  suppressible: false,
  layer: "address",
};
export const IPV6_DUPLICATE: RuleDefinition = {
  id: "ENI-IPV6-DUPLICATE",
  severity: "error",
  title: "Every IPv6 address is unique in its vSwitch, across all stacks of the app",
  explanation: "Two ENIs cannot hold the same IPv6 address; the second assignment fails.",
  source: "docs/eni-limits.md §1.3",
  suppressible: false,
  layer: "address",
};
export const IPV6_FORCENEW: RuleDefinition = {
  id: "ENI-IPV6-FORCENEW",
  severity: "warning",
  title: "An instance's ipv6_address_count changes, which replaces the instance",
  explanation: "alicloud_instance.ipv6_address_count is ForceNew: Terraform destroys and recreates the instance. The lock file remembers the count the cloud got, as it keeps primary IPs stable.",
  source: "docs/alicloud-provider-notes.md (alicloud_instance ipv6_address_count ForceNew)",
  suppressible: true,
  layer: "address",
};
export const IPV6_UNPLANNED: RuleDefinition = {
  id: "ENI-IPV6-UNPLANNED",
  severity: "info",
  title: "IPv6 addresses in a vSwitch whose block the cloud assigns are left to the cloud (not planned)",
  explanation:
    "A new VPC's IPv6 block is assigned by the cloud, so the vSwitch /64 is unknown at synth: the planner emits ipv6_address_count and cannot check explicit addresses. Import the VPC with its block to plan them.",
  source: "docs/eni-limits.md §1.3 [S16]; IPv6 gateway docs (system-assigned block)",
  suppressible: true,
  layer: "address",
};

function checkSuffixes(ctx: RuleContext): void {
  const byVpc = new Map<string, Map<number, VSwitchFact>>();
  for (const vsw of ctx.model.vswitches) {
    const v6 = vsw.ipv6;
    if (!v6) continue;
    const vpc6 = vsw.vpc.ipv6;
    if (!vpc6) {
      ctx.report(IPV6_SUFFIX, vsw.path, `vSwitch has IPv6 enabled but VPC ${vsw.vpc.path} does not.`, "Create the VPC with enableIpv6: true (or import it with its ipv6CidrBlock).");
      continue;
    }
    if (v6.cidr && vpc6.cidr && !vpc6.cidr.containsCidr(v6.cidr)) {
      ctx.report(IPV6_SUFFIX, vsw.path, `vSwitch IPv6 block ${v6.cidr} is not inside VPC ${vsw.vpc.path} IPv6 block ${vpc6.cidr}.`, `Give the vSwitch's real /64 inside ${vpc6.cidr}.`);
    }
    if (v6.suffix === undefined) continue;
    if (isUnknown(v6.suffix)) {
      ctx.report(UNKNOWN_VALUE, vsw.path, `IPv6 suffix ${v6.suffix.description} is unknown at synth time; its range and uniqueness were not checked.`, "Give ipv6CidrBlockMask as a number.");
      continue;
    }
    const max = 2 ** (64 - vpc6.mask) - 1;
    if (v6.suffix > max) {
      ctx.report(IPV6_SUFFIX, vsw.path, `IPv6 suffix ${v6.suffix} is out of range: VPC ${vsw.vpc.path} has a /${vpc6.mask} IPv6 block, so suffixes are 0 to ${max}.`, `Use a suffix from 0 to ${max}.`);
      continue;
    }
    let seen = byVpc.get(vsw.vpc.key);
    if (!seen) byVpc.set(vsw.vpc.key, (seen = new Map()));
    const other = seen.get(v6.suffix);
    if (other) {
      ctx.report(
        IPV6_SUFFIX,
        vsw.path,
        `IPv6 suffix ${v6.suffix} is also used by vSwitch ${other.path} in VPC ${vsw.vpc.path}; each vSwitch needs its own /64.`,
        "Give each vSwitch of the VPC its own ipv6CidrBlockMask.",
      );
    } else seen.set(v6.suffix, vsw);
  }
}

function checkOwner(ctx: RuleContext, owner: InstanceFact | EniFact, what: string, t: InstanceTypeLimits | undefined, typeName: string): void {
  const n = owner.ipv6Ips?.length ?? 0;
  if (n === 0) return;
  if (!owner.vswitch.ipv6) {
    ctx.report(
      IPV6_VSWITCH,
      owner.path,
      `${what} asks for ${n} IPv6 address(es), but vSwitch ${owner.vswitch.path} has no IPv6 enabled.`,
      "Enable IPv6 on the vSwitch (ipv6CidrBlockMask; ipv6CidrBlock for an imported one), or drop the IPv6 addresses.",
    );
  }
  if (!t) return;
  if (t.ipv6PerEni === undefined) {
    ctx.report(
      IPV6_TYPE_PARTIAL,
      owner.path,
      `the catalog has no IPv6-per-ENI figure for ${typeName}; ${n} IPv6 address(es) on ${what} were not checked.`,
      "Override the type in the catalog with EniIpv6AddressQuantity from DescribeInstanceTypes.",
    );
  } else if (n > t.ipv6PerEni) {
    ctx.report(
      IPV6_COUNT,
      owner.path,
      t.ipv6PerEni === 0 ? `${typeName} supports no IPv6; ${what} asks for ${n} IPv6 address(es).` : `${typeName} allows ${t.ipv6PerEni} IPv6 addresses per ENI; ${what} has ${n}.`,
      t.ipv6PerEni === 0
        ? "Use an instance type with IPv6 support (e.g. ecs.g7.large), or drop the IPv6 addresses."
        : `Use at most ${t.ipv6PerEni} IPv6 addresses per ENI, spread them over more ENIs, or use a larger type.`,
    );
  }
}

/** IPv6 rules: vSwitch suffixes, IPv6 enabled where used, IPv6 per ENI against the catalog. */
export const IPV6_RULES: RuleGroup = {
  rules: [IPV6_VSWITCH, IPV6_COUNT, IPV6_TYPE_PARTIAL, IPV6_SUFFIX, IPV6_OUTSIDE, IPV6_RESERVED, IPV6_DUPLICATE, IPV6_FORCENEW, IPV6_UNPLANNED],
  check(ctx) {
    checkSuffixes(ctx);
    const typeOf = (inst: InstanceFact) => {
      const name = known(inst.instanceType);
      return name === undefined ? undefined : ctx.options.catalog.lookup(name);
    };
    for (const inst of ctx.model.instances) {
      const t = typeOf(inst);
      checkOwner(ctx, inst, "the instance's primary ENI", t, t?.name ?? "");
    }
    for (const eni of ctx.model.enis) {
      if ((eni.ipv6Ips?.length ?? 0) === 0) continue;
      const candidates = eni.attachments.flatMap((a) => a.candidates);
      if (candidates.length === 0) {
        checkOwner(ctx, eni, "the ENI", undefined, "");
        continue;
      }
      // The strictest candidate decides (failover ENIs may land on any of them); one finding per ENI.
      let worst: InstanceTypeLimits | undefined;
      for (const c of candidates) {
        const t = typeOf(c);
        if (t && (worst === undefined || (t.ipv6PerEni ?? Infinity) < (worst.ipv6PerEni ?? Infinity))) worst = t;
      }
      checkOwner(ctx, eni, "the ENI", worst, worst ? `${worst.name} (instance ${candidates.find((c) => known(c.instanceType) === worst!.name)?.path})` : "");
    }
  },
};
