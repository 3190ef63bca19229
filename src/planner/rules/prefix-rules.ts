import { EniFact, isUnknown, known } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import { regionsByStack } from "./region-rules";
import type { RuleGroup } from "./rule-context";

export const PREFIX_RESERVATION: RuleDefinition = {
  id: "ENI-PREFIX-RESERVATION",
  severity: "error",
  title: "A vSwitch CIDR reservation lies inside the vSwitch, is no longer than /28, avoids the system-reserved addresses and other reservations; at most 10 per vSwitch and 100 per VPC",
  explanation:
    "CreateVSwitchCidrReservation takes a proper subset of the vSwitch CIDR, no longer than /28, that does not contain the first address or the last three; at most 10 IPv4 reservations per vSwitch (2024 API page) and 100 per VPC (VPC docs), both options. A mask-only reservation needs a free aligned block.",
  source: "docs/eni-limits.md §1.4 and open question 6 [S12] [S15]",
  suppressible: false,
  layer: "address",
  premises: [
    {
      rule: "ENI-VSW-IN-VPC",
      scope: "container",
      then: "reserve a block (/28 or shorter) inside the vSwitch's CIDR as it ends up, clear of its first address, its last three and the other reservations",
    },
    {
      rule: "ENI-VSW-OVERLAP",
      scope: "container",
      then: "reserve a block (/28 or shorter) inside the vSwitch's CIDR as it ends up, clear of its first address, its last three and the other reservations",
    },
  ],
};
export const PREFIX_INVALID: RuleDefinition = {
  id: "ENI-PREFIX-INVALID",
  severity: "error",
  title: "An IPv4 prefix is a standard /28 inside a CIDR reservation of the ENI's own vSwitch",
  explanation: "An IP prefix is a /28, a standard CIDR block, inside the reserved CIDR block of the ENI's vSwitch; create one with vswitch.reserveCidr(...).",
  source: "ECS 'IP prefixes' (https://www.alibabacloud.com/help/en/ecs/user-guide/ip-prefix, May 2026); docs/eni-limits.md §1.4 [S17]",
  suppressible: false,
  layer: "address",
};
export const PREFIX_OVERLAP: RuleDefinition = {
  id: "ENI-PREFIX-OVERLAP",
  severity: "error",
  title: "An IPv4 prefix overlaps no private IP and no other prefix; no individual address lies in a reservation",
  explanation:
    "A prefix must not overlap existing prefixes or IP addresses. The VPC skips reserved blocks when it assigns private IPs, and the planner keeps individual addresses out of them too, so reservations stay whole for prefixes.",
  source: "ECS 'IP prefixes'; VPC 'Use a reserved CIDR block to assign an IP prefix to an ENI' (Mar 2025)",
  suppressible: false,
  layer: "address",
};
export const PREFIX_EXHAUSTED: RuleDefinition = {
  id: "ENI-PREFIX-EXHAUSTED",
  severity: "error",
  title: "The vSwitch's CIDR reservations have room for every prefix planned in them (16 addresses each)",
  explanation: "Each prefix takes an aligned /28 of a reservation; a /26 reservation holds 4.",
  source: "docs/eni-limits.md §1.4 [S15] [S17]",
  suppressible: false,
  layer: "address",
};
export const PREFIX_MIX: RuleDefinition = {
  id: "ENI-PREFIX-MIX",
  severity: "error",
  title: "An ENI resource has either IPv4 prefixes or secondary private IPs, never both",
  explanation:
    "alicloud_ecs_network_interface: ipv4_prefixes / ipv4_prefix_count conflict with private_ip_addresses and secondary_private_ip_address_count (ConflictsWith), and ECS does not take both in one request.",
  source: "docs/alicloud-provider-notes.md (alicloud_ecs_network_interface ConflictsWith); Terway options.go",
  suppressible: false,
  layer: "eni",
};
export const PREFIX_SLOTS: RuleDefinition = {
  id: "ENI-PREFIX-SLOTS",
  severity: "error",
  title: "Slots per ENI: 1 primary + secondary IPs + prefixes, at most the instance type's private IPv4 per ENI",
  explanation: "Each IP prefix counts as one IP address against EniPrivateIpAddressQuantity: ecs.g7.large (6 per ENI) takes 5 prefixes and no secondary IP.",
  source: "ECS 'IP prefixes' (ecs.g7.large example); src/catalog/instance-types.json",
  suppressible: false,
  layer: "eni",
  premises: [{ rule: "ENI-PREFIX-MIX", scope: "self", then: "keep the primary IP and the prefixes within the instance type's private IPv4 slots per ENI" }],
};
export const PREFIX_REGION: RuleDefinition = {
  id: "ENI-PREFIX-REGION",
  severity: "warning",
  title: "IP prefixes are used in a region not on the prefix feature's region list (option prefixRegions)",
  explanation: "The IP prefix feature is available in 24 listed regions (May 2026); the list grows, so this is a warning: extend prefixRegions when a region is added.",
  source: "ECS 'IP prefixes' (https://www.alibabacloud.com/help/en/ecs/user-guide/ip-prefix, May 29, 2026)",
  suppressible: true,
  layer: "region",
};

/** The static prefix rules (the placement of reservations and prefixes is checked by the prefix pass). */
export const PREFIX_RULES: RuleGroup = {
  rules: [PREFIX_RESERVATION, PREFIX_INVALID, PREFIX_OVERLAP, PREFIX_EXHAUSTED, PREFIX_MIX, PREFIX_SLOTS, PREFIX_REGION],
  check(ctx) {
    const perVpc = new Map<string, { path: string; count: number; first: string }>();
    const seenPools = new Set<string>();
    for (const vsw of ctx.model.vswitches) {
      const n = vsw.reservations?.length ?? 0;
      if (n === 0 || seenPools.has(vsw.poolId)) continue;
      seenPools.add(vsw.poolId);
      if (n > ctx.options.maxReservationsPerVSwitch) {
        ctx.report(
          PREFIX_RESERVATION,
          vsw.path,
          `vSwitch has ${n} IPv4 CIDR reservations; at most ${ctx.options.maxReservationsPerVSwitch} per vSwitch.`,
          "Use fewer, larger reservations (a /26 holds 4 prefixes), or set maxReservationsPerVSwitch if your quota is higher.",
        );
      }
      const v = perVpc.get(vsw.vpc.key) ?? { path: vsw.vpc.path, count: 0, first: vsw.path };
      v.count += n;
      perVpc.set(vsw.vpc.key, v);
    }
    for (const v of perVpc.values()) {
      if (v.count > ctx.options.maxReservationsPerVpc) {
        ctx.report(
          PREFIX_RESERVATION,
          v.path,
          `VPC has ${v.count} IPv4 CIDR reservations; at most ${ctx.options.maxReservationsPerVpc} per VPC.`,
          "Use fewer, larger reservations, or set maxReservationsPerVpc if your quota is higher.",
        );
      }
    }
    const regions = regionsByStack(ctx.model);
    const allowed = new Set(ctx.options.prefixRegions);
    const warned = new Set<string>();
    for (const eni of ctx.model.enis) {
      const p = eni.ipv4Prefixes?.length ?? 0;
      if (p === 0) continue;
      if (eni.secondaryIps.length > 0) {
        ctx.report(
          PREFIX_MIX,
          eni.path,
          `the ENI has ${p} IPv4 prefix(es) and ${eni.secondaryIps.length} secondary private IP(s); one alicloud_ecs_network_interface takes one or the other.`,
          "Put the secondary IPs on another ENI, or use prefixes only.",
        );
      }
      checkSlots(ctx, eni, p);
      const region = regions.get(eni.stack);
      if (region !== undefined && !allowed.has(region) && !warned.has(eni.stack)) {
        warned.add(eni.stack);
        ctx.report(
          PREFIX_REGION,
          eni.path,
          `IP prefixes are used in region ${region}, which is not on the prefix feature's region list (${allowed.size} regions).`,
          "Check that the region offers IP prefixes, then add it to prefixRegions (or suppress with the reason).",
        );
      }
    }
  },
};

function checkSlots(ctx: Parameters<RuleGroup["check"]>[0], eni: EniFact, prefixes: number): void {
  const used = 1 + eni.secondaryIps.length + prefixes;
  let worst: { name: string; per: number; path: string } | undefined;
  for (const c of eni.attachments.flatMap((a) => a.candidates)) {
    const name = known(c.instanceType);
    if (name === undefined || isUnknown(c.instanceType)) continue;
    const per = ctx.options.catalog.lookup(name)?.privateIpv4PerEni;
    if (per !== undefined && (worst === undefined || per < worst.per)) worst = { name, per, path: c.path };
  }
  if (worst && used > worst.per) {
    ctx.report(
      PREFIX_SLOTS,
      eni.path,
      `${worst.name} (instance ${worst.path}) allows ${worst.per} private IPv4 slots per ENI; this ENI uses ${used} (1 primary + ${eni.secondaryIps.length} secondary + ${prefixes} prefix(es)).`,
      `Use at most ${worst.per - 1 - eni.secondaryIps.length} prefixes on this ENI, spread them over more ENIs, or use a type with more addresses per ENI.`,
    );
  }
}
