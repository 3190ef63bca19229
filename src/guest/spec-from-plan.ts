import { AddressSlot, EipFact, EniFact, HaVipFact, InstanceFact, isUnknown, known } from "../model/facts";
import { FIRST_ROUTE_TABLE, GuestAddress, GuestInterface, GuestNetworkSpec, GuestSkippedInterface } from "./guest-network-spec";

/** What {@link specFromPlan} reads: plain facts and the planned addresses. */
export interface SpecInput {
  /** The instance. */
  readonly instance: InstanceFact;
  /** Every secondary ENI that is, or may be (failover candidates), attached to it, in a stable order. */
  readonly enis: readonly EniFact[];
  /** The app's associated EIPs (those bound to the instance or its ENIs are used). */
  readonly eips: readonly EipFact[];
  /** The app's HaVips (those attached to the instance's ENIs get rules on them). @default [] */
  readonly havips?: readonly HaVipFact[];
  /** Planned (or explicit) address of every slot that has one, by slot key. */
  readonly addresses: ReadonlyMap<string, string>;
}

/**
 * What the guest OS of `instance` needs, from the plan. Pure.
 *
 * - The primary ENI is listed when it has secondary IPs to add, or needs policy routing.
 * - Every secondary ENI gets policy routing: its replies must leave through it, not through the primary
 *   ENI's default route of the main table. That is what ENIs in one vSwitch (ENI-SAME-SUBNET) and NAT-mode
 *   EIPs on an ENI's addresses need, and what any request from outside the ENI's vSwitch needs too.
 * - The primary ENI gets policy routing when another ENI shares its vSwitch: the main table then has two
 *   routes to that vSwitch, and replies from the primary ENI's addresses could leave through the other one.
 * - A HaVip attached to one of its secondary ENIs gets that ENI's rule too (keepalived adds the address itself).
 * - Tables are FIRST_ROUTE_TABLE for the primary ENI and FIRST_ROUTE_TABLE + n for the n-th ENI of `enis`.
 */
export function specFromPlan(input: SpecInput): GuestNetworkSpec {
  const { instance, enis, addresses } = input;
  const eipOn = new Map<string, string>();
  const owners = new Set<InstanceFact | EniFact>([instance, ...enis]);
  for (const e of input.eips) {
    if (!e.target || e.target.kind === "havip" || !owners.has(e.target) || e.privateIp === undefined) continue;
    const ip = isSlot(e.privateIp) ? addresses.get(e.privateIp.key) : known(e.privateIp);
    if (ip !== undefined) eipOn.set(ip, e.path);
  }
  const address = (slot: AddressSlot | undefined): GuestAddress | undefined => {
    const a = slot === undefined ? undefined : addresses.get(slot.key);
    if (a === undefined) return undefined;
    const eip = eipOn.get(a);
    return eip === undefined ? { address: a } : { address: a, note: `NAT-mode EIP ${eip}` };
  };
  const byVSwitch = new Map<string, string[]>();
  for (const o of [instance, ...enis]) {
    const list = byVSwitch.get(o.vswitch.poolId) ?? [];
    list.push(o === instance ? `${instance.path} (primary ENI)` : o.path);
    byVSwitch.set(o.vswitch.poolId, list);
  }
  const sharing = (o: InstanceFact | EniFact, self: string) => {
    const others = byVSwitch.get(o.vswitch.poolId)!.filter((p) => p !== self);
    return others.length ? `shares vSwitch ${o.vswitch.path} with ${others.join(", ")} (ENI-SAME-SUBNET)` : undefined;
  };

  const interfaces: GuestInterface[] = [];
  const skipped: GuestSkippedInterface[] = [];
  const cidrOf = (o: InstanceFact | EniFact) => known(o.vswitch.cidr)?.toString();
  const eipsOf = (list: readonly (GuestAddress | undefined)[]) => list.filter((a): a is GuestAddress => a?.note !== undefined).map((a) => a.address);

  // The primary ENI.
  const ownLabel = `${instance.path} (primary ENI)`;
  const secondaries = instance.secondaryIps.map(address);
  const same = sharing(instance, ownLabel);
  if (instance.secondaryIps.length > 0 || same) {
    const cidr = cidrOf(instance);
    if (cidr === undefined || secondaries.some((a) => a === undefined)) {
      skipped.push({ label: instance.path, reason: "the primary ENI's secondary IPs or its vSwitch CIDR are not known at synth (see ENI-UNKNOWN-VALUE)" });
    } else {
      interfaces.push({
        label: instance.path,
        role: "primary",
        primaryIp: instance.primaryIp && !isUnknown(instance.primaryIp.explicit) ? address(instance.primaryIp) : undefined,
        secondaryIps: secondaries as GuestAddress[],
        vswitchCidr: cidr,
        ...(same ? { routeTable: FIRST_ROUTE_TABLE, routingReasons: [same] } : {}),
      });
    }
  }

  // Secondary ENIs.
  enis.forEach((eni, n) => {
    const primary = address(eni.primaryIp);
    const more = eni.secondaryIps.map(address);
    const cidr = cidrOf(eni);
    if (primary === undefined || cidr === undefined || more.some((a) => a === undefined)) {
      skipped.push({ label: eni.path, reason: "its addresses or its vSwitch CIDR are not known at synth (see ENI-UNKNOWN-VALUE)" });
      return;
    }
    const reasons = ["replies from its addresses leave through this ENI, not by the main table's default route (primary ENI)"];
    const vips = (input.havips ?? [])
      .filter((h) => h.attachedTo.includes(eni))
      .flatMap((h) => {
        const a = addresses.get(h.ip.key);
        return a === undefined ? [] : [{ address: a, note: `HaVip ${h.path}: keepalived adds it; only its rule is set here` }];
      });
    const s = sharing(eni, eni.path);
    if (s) reasons.push(s);
    const withEip = eipsOf([primary, ...more]);
    if (withEip.length) reasons.push(`NAT-mode EIP on ${withEip.join(", ")}: replies to the internet must leave through this ENI`);
    interfaces.push({
      label: eni.path,
      role: "secondary",
      primaryIp: primary,
      secondaryIps: more as GuestAddress[],
      vswitchCidr: cidr,
      ...(vips.length ? { routedIps: vips } : {}),
      routeTable: FIRST_ROUTE_TABLE + n + 1,
      routingReasons: reasons,
    });
  });
  return { instance: instance.path, interfaces, ...(skipped.length ? { skipped } : {}) };
}

function isSlot(v: unknown): v is AddressSlot {
  return typeof v === "object" && v !== null && typeof (v as AddressSlot).key === "string" && (v as AddressSlot).vswitch !== undefined;
}
