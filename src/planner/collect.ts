import type { IConstruct } from "constructs";
import { TerraformStack } from "../cdktf";
import { compareStrings } from "../compare";
import { factOf } from "../model/fact-registry";
import type { AddressSlot, Fact } from "../model/facts";
import { isUnknown, secondaryRole } from "../model/facts";
import type { ImportIntent, ResourceIntent, StackIntent, SuppressionIntent } from "../model/terraform/intent";
import * as alicloud from "../provider";
import { EniSuppressions } from "./suppressions";

/** Roles of a list attribute when any differs from the default `secondary-N`. */
function roles(slots: readonly AddressSlot[]): string[] | undefined {
  return slots.some((s, i) => s.role !== secondaryRole(i + 1)) ? slots.map((s) => s.role) : undefined;
}

type AnyConstruct = IConstruct & Record<string, unknown>;
const pathOf = (c: unknown): string | undefined => (c as IConstruct | undefined)?.node?.path;

/** The intent of one L2 construct: what the configuration of its L1 resources cannot say. */
function intentOf(c: AnyConstruct, fact: Fact, resources: Record<string, ResourceIntent>, imports: ImportIntent[]): void {
  const hasResource = (c.resource as IConstruct | undefined)?.node !== undefined;
  // The L1 resource's path only when the intent needs it (a path is built anew on every read).
  const resourcePath = (): string => pathOf(c.resource)!;
  switch (fact.kind) {
    case "eni": {
      if (fact.imported) {
        const explicit = (a: AddressSlot | undefined) => (a && typeof a.explicit === "string" ? a.explicit : "");
        imports.push({
          kind: "eni",
          path: fact.path,
          id: String(c.networkInterfaceId),
          vswitch: String((c.vswitch as { vswitchId: string }).vswitchId),
          securityGroups: ((c.securityGroupsOfImport as { securityGroupId: string }[] | undefined) ?? []).map((g) => g.securityGroupId),
          primaryIp: explicit(fact.primaryIp),
          secondaryIps: fact.secondaryIps.map(explicit),
          ...(c.ipsWithEipOfImport && (c.ipsWithEipOfImport as string[]).length > 0 ? { ipsWithEip: c.ipsWithEipOfImport as string[] } : {}),
          ...(fact.management ? { management: true } : {}),
        });
      }
      for (const a of hasResource || fact.imported ? fact.attachments : []) {
        if (a.candidates.length > 1 || a.switchable) resources[a.path] = { candidates: a.candidates.map((x) => x.path), ...(a.switchable ? { switchable: true } : {}) };
      }
      if (!hasResource) return;
      const secondaryRoles = roles(fact.secondaryIps);
      const r: ResourceIntent = {
        ...(secondaryRoles ? { roles: { private_ip_addresses: secondaryRoles } } : {}),
        ...(fact.management ? { management: true } : {}),
        ...(fact.plane !== undefined ? { plane: fact.plane } : {}),
        ...(fact.sourceDestCheckReason ? { sourceDestCheckReason: fact.sourceDestCheckReason } : {}),
      };
      if (Object.keys(r).length > 0) resources[resourcePath()] = r;
      for (const a of fact.attachments) {
        if (a.candidates.length > 1 || a.switchable) {
          resources[a.path] = {
            candidates: a.candidates.map((c) => c.path),
            ...(a.switchable ? { switchable: true } : {}),
            ...(a.active ? { active: a.active.path } : {}),
            ...(a.activeChosenBy ? { activeChosenBy: a.activeChosenBy } : {}),
          };
        }
      }
      return;
    }
    case "instance": {
      if (fact.imported) {
        const vswitch = c.vswitch as { vswitchId: string };
        imports.push({
          kind: "instance",
          path: fact.path,
          id: String(c.instanceId),
          instanceType: String(c.instanceType),
          vswitch: vswitch.vswitchId,
          ...(fact.primaryIp && !isUnknown(fact.primaryIp.explicit) && fact.primaryIp.explicit !== undefined ? { privateIp: fact.primaryIp.explicit } : {}),
          attachedEniCount: fact.existingEniCount,
          ...(typeof c.primaryNetworkInterfaceId === "string" ? { primaryEni: c.primaryNetworkInterfaceId } : {}),
          securityGroups: ((c.securityGroups as { securityGroupId: string }[] | undefined) ?? []).map((g) => g.securityGroupId),
        });
        return;
      }
      const secondaryRoles = hasResource ? roles(fact.secondaryIps) : undefined;
      if (secondaryRoles) resources[resourcePath()] = { roles: { secondary_private_ips: secondaryRoles } };
      return;
    }
    case "havip":
      if (fact.imported) {
        const explicit = fact.ip.explicit;
        imports.push({
          kind: "havip",
          path: fact.path,
          id: String(c.haVipId),
          vswitch: (c.vswitch as { vswitchId: string }).vswitchId,
          ipAddress: explicit === undefined ? "" : isUnknown(explicit) ? (explicit.token ?? explicit.description) : explicit,
          ...(fact.existingMemberCount ? { attachedMemberCount: fact.existingMemberCount } : {}),
          ...(fact.existingEip ? { hasEip: true } : {}),
          ...(fact.unreachableStandbys.length > 0 ? { standbys: fact.unreachableStandbys.map((s) => s.path) } : {}),
        });
        return;
      }
      if (hasResource && fact.unreachableStandbys.length > 0) resources[resourcePath()] = { standbys: fact.unreachableStandbys.map((s) => s.path) };
      return;
    case "eip":
      // An existing EIP has no alicloud_eip_address: its association names the construct that owns it.
      if (fact.imported && fact.associationPath) resources[fact.associationPath] = { owner: fact.path };
      return;
    case "vpc":
      if (fact.imported) imports.push({ kind: "vpc", path: fact.path, id: String(c.vpcId), cidr: String(c.cidrBlock), ...(fact.ipv6?.cidr ? { ipv6Cidr: fact.ipv6.cidr.toString() } : {}) });
      return;
    case "vswitch":
      if (fact.imported) {
        imports.push({
          kind: "vswitch",
          path: fact.path,
          id: String(c.vswitchId),
          vpc: (c.vpc as { vpcId: string }).vpcId,
          zone: String(c.zoneId),
          cidr: String(c.cidrBlock),
          usedIps: [...fact.usedIps],
          ...(fact.usedIpsStated === false ? { usedIpsStated: false } : {}),
          ...(fact.ipv6?.cidr ? { ipv6Cidr: fact.ipv6.cidr.toString() } : {}),
        });
      }
      return;
    case "security-group":
      if (fact.imported) {
        imports.push({
          kind: "security-group",
          path: fact.path,
          id: String(c.securityGroupId),
          vpc: (c.vpc as { vpcId: string }).vpcId,
          type: isUnknown(fact.type) ? fact.type.description : fact.type,
          ...(fact.existingIpCount ? { existingIpCount: fact.existingIpCount } : {}),
          ...(fact.existingEniCount ? { existingEniCount: fact.existingEniCount } : {}),
        });
      }
      return;
    default:
      return;
  }
}

/**
 * The intent of a stack, from the L2 constructs in it: roles of addresses, management planes, HaVip
 * standbys, imported resources, suppressions and provider paths. Values may still hold tokens (ids of
 * resources the stack creates); the planner resolves the intent with the stack. `nodes` is the stack's
 * subtree in pre-order (the stack first), when the caller has walked the tree already.
 */
export function collectIntent(stack: TerraformStack, nodes: readonly IConstruct[] = stack.node.findAll()): StackIntent {
  const resources: Record<string, ResourceIntent> = {};
  const imports: ImportIntent[] = [];
  const suppressions: Record<string, SuppressionIntent[]> = {};
  const providers: string[] = [];
  for (const c of nodes) {
    if (c !== stack && TerraformStack.isStack(c)) continue;
    const fact = factOf(c);
    if (fact) intentOf(c as AnyConstruct, fact, resources, imports);
    else if (c instanceof alicloud.provider.AlicloudProvider) providers.push(c.node.path);
    const s = EniSuppressions.of(c);
    if (s.length > 0) suppressions[c.node.path] = s.map((x) => ({ id: x.id, reason: x.reason }));
  }
  // Suppressions set above the stack (on the app) apply to it too.
  for (let p: IConstruct | undefined = stack.node.scope; p; p = p.node.scope) {
    const s = EniSuppressions.of(p);
    if (s.length > 0) suppressions[p.node.path] = s.map((x) => ({ id: x.id, reason: x.reason }));
  }
  imports.sort((a, b) => compareStrings(a.path, b.path)); // construction order must not show in the output
  return {
    version: 1,
    ...(Object.keys(resources).length ? { resources } : {}),
    ...(imports.length ? { imports } : {}),
    ...(Object.keys(suppressions).length ? { suppressions } : {}),
    ...(providers.length ? { providers } : {}),
  };
}
