/**
 * An independent reading of the synthesized Terraform JSON of every stack of an app: which addresses
 * each ENI / instance / HaVip got from which vSwitch, which ENI is attached where, and the checks the
 * planner promises (addresses valid and unique, every documented limit respected). It does not use
 * the planner: only the JSON, the catalog, and (for imported resources, which emit nothing) the spec.
 */
import { Ipv4Cidr, isIpv4, parseIpv4 } from "../../src/net/ipv4";
import { CATALOG, REGION } from "./arbitraries";
import type { BuiltApp } from "./build";

interface JsonPool {
  key: string;
  cidr: Ipv4Cidr;
  zone: string;
  vpc: string;
  used: Set<number>;
}

interface JsonOwner {
  key: string;
  kind: "instance" | "eni" | "havip" | "existing";
  pool: string;
  /** Primary first. */
  addresses: unknown[];
  /** secondary_private_ip_address_count, when the addresses were left to the cloud. */
  countOnly?: unknown;
  /** Instance type (instances). */
  type?: string;
  /** ENIs already attached outside the program, primary included (imported instances). */
  existingEnis?: number;
}

export interface JsonView {
  pools: Map<string, JsonPool>;
  owners: Map<string, JsonOwner>;
  vpcs: Map<string, Ipv4Cidr>;
  /** One per attachment; a failover attachment lists every candidate. */
  attachments: { eni: string; instances: string[] }[];
  havipAttachments: { havip: string; target: string; targetType: string }[];
  eips: { name: string; target: string; ip: unknown }[];
  /** Every problem met while reading (unresolvable references, ...). */
  problems: string[];
}

const REF = /^\$\{([a-z_]+)\.([^.}]+)\.([a-z_]+)\}$/;

function resources(json: any, type: string): [string, any][] {
  return Object.entries(json?.resource?.[type] ?? {});
}

/** Reads the JSON of every stack (by stack id) of a built app (its spec gives what imported resources do not emit). */
export function readJson(built: BuiltApp, jsons: Map<string, any>): JsonView {
  const view: JsonView = { pools: new Map(), owners: new Map(), vpcs: new Map(), attachments: [], havipAttachments: [], eips: [], problems: [] };
  /** Primary ENI id of an imported instance -> its owner key (EIPs bound to it name the ENI id). */
  const primaryEnis = new Map<string, string>();
  for (const b of built.stacks) {
    const s = b.spec;
    const json = jsons.get(s.id);
    const key = (type: string, name: string) => `${s.id}:${type}.${name}`;
    const ref = (value: unknown, where: string): { key: string; attr: string } | undefined => {
      const m = typeof value === "string" ? REF.exec(value) : null;
      if (!m) {
        view.problems.push(`${where}: ${JSON.stringify(value)} is not a reference`);
        return undefined;
      }
      return { key: key(m[1], m[2]), attr: m[3] };
    };
    const vpcKey = (value: unknown, where: string) => (typeof value === "string" && !value.startsWith("${") ? `vpc:${value}` : (ref(value, where)?.key ?? "?"));
    const poolKey = (value: unknown, where: string) => (typeof value === "string" && !value.startsWith("${") ? `vsw:${value}` : (ref(value, where)?.key ?? "?"));
    const instanceKey = (value: unknown, where: string) => (typeof value === "string" && !value.startsWith("${") ? `i:${value}` : (ref(value, where)?.key ?? "?"));
    const candidates = (value: unknown, where: string): string[] => {
      const m = typeof value === "string" ? /^\$\{(var\.[^.}]+)\}$/.exec(value) : null;
      if (m) return b.failover.get(m[1]) ?? [`unknown variable ${m[1]}`];
      return [instanceKey(value, where)];
    };

    for (const [name, r] of resources(json, "alicloud_vpc")) view.vpcs.set(key("alicloud_vpc", name), Ipv4Cidr.parse(r.cidr_block));
    for (const v of s.vpcs) if (v.importedId) view.vpcs.set(`vpc:${v.importedId}`, Ipv4Cidr.parse(v.cidr));
    for (const [name, r] of resources(json, "alicloud_vswitch")) {
      const k = key("alicloud_vswitch", name);
      view.pools.set(k, { key: k, cidr: Ipv4Cidr.parse(r.cidr_block), zone: r.zone_id, vpc: vpcKey(r.vpc_id, k), used: new Set() });
    }
    for (const v of s.vswitches) {
      if (!v.imported) continue;
      const vpc = s.vpcs.find((x) => x.id === v.vpc)!;
      const vpcK = vpc.importedId ? `vpc:${vpc.importedId}` : `${s.id}:${b.logicalIds.get(`${s.id}/${vpc.id}`)}`;
      const cidr = Ipv4Cidr.parse(v.cidr);
      const k = `vsw:${v.imported.vswitchId}`;
      const pool = view.pools.get(k) ?? { key: k, cidr, zone: v.zone, vpc: vpcK, used: new Set<number>() };
      for (const u of v.imported.usedIps) pool.used.add(parseIpv4(u));
      view.pools.set(k, pool);
    }
    for (const [name, r] of resources(json, "alicloud_instance")) {
      const k = key("alicloud_instance", name);
      view.owners.set(k, {
        key: k,
        kind: "instance",
        pool: poolKey(r.vswitch_id, k),
        addresses: [r.private_ip, ...(r.secondary_private_ips ?? [])],
        countOnly: r.secondary_private_ip_address_count,
        type: r.instance_type,
        existingEnis: 1,
      });
    }
    for (const i of s.instances) {
      if (!i.imported) continue;
      const vsw = s.vswitches.find((v) => v.id === i.vsw)!;
      const pool = vsw.imported ? `vsw:${vsw.imported.vswitchId}` : `${s.id}:${b.logicalIds.get(`${s.id}/${vsw.id}`)}`;
      view.owners.set(`i:${i.imported.instanceId}`, {
        key: `i:${i.imported.instanceId}`,
        kind: "existing",
        pool,
        addresses: i.privateIp === undefined ? [] : [i.privateIp],
        type: i.type,
        existingEnis: i.imported.attachedEniCount,
      });
      if (i.imported.primaryEniId) primaryEnis.set(i.imported.primaryEniId, `i:${i.imported.instanceId}`);
    }
    for (const [name, r] of resources(json, "alicloud_ecs_network_interface")) {
      const k = key("alicloud_ecs_network_interface", name);
      view.owners.set(k, {
        key: k,
        kind: "eni",
        pool: poolKey(r.vswitch_id, k),
        addresses: [r.primary_ip_address, ...(r.private_ip_addresses ?? [])],
        countOnly: r.secondary_private_ip_address_count,
      });
    }
    for (const [name, r] of resources(json, "alicloud_vpc_ha_vip")) {
      const k = key("alicloud_vpc_ha_vip", name);
      view.owners.set(k, { key: k, kind: "havip", pool: poolKey(r.vswitch_id, k), addresses: [r.ip_address] });
    }
    for (const [name, r] of resources(json, "alicloud_ecs_network_interface_attachment")) {
      const where = key("alicloud_ecs_network_interface_attachment", name);
      view.attachments.push({ eni: ref(r.network_interface_id, where)?.key ?? "?", instances: candidates(r.instance_id, where) });
    }
    for (const [name, r] of resources(json, "alicloud_havip_attachment")) {
      const where = key("alicloud_havip_attachment", name);
      view.havipAttachments.push({ havip: ref(r.ha_vip_id, where)?.key ?? "?", target: instanceKey(r.instance_id, where), targetType: r.instance_type });
    }
    for (const [name, r] of resources(json, "alicloud_eip_association")) {
      const where = key("alicloud_eip_association", name);
      const literal = typeof r.instance_id === "string" && !r.instance_id.startsWith("${");
      view.eips.push({ name: where, target: literal ? (primaryEnis.get(r.instance_id) ?? `unknown ENI ${r.instance_id}`) : (ref(r.instance_id, where)?.key ?? "?"), ip: r.private_ip_address });
    }
  }
  return view;
}

function reserved(c: Ipv4Cidr, ip: number): boolean {
  return ip === c.network || ip > c.last - 3;
}

/**
 * Invariant 1: every address is a dotted quad inside its vSwitch, not reserved, not in usedIps, and unique
 * in its vSwitch across the app (existing addresses of imported instances included); nothing is left to
 * the cloud (every generated vSwitch has a literal CIDR).
 */
export function addressViolations(view: JsonView): string[] {
  const out = [...view.problems];
  const seen = new Map<string, string>();
  for (const o of [...view.owners.values()].sort((a, b) => (a.kind === "existing" ? -1 : b.kind === "existing" ? 1 : 0))) {
    const pool = view.pools.get(o.pool);
    if (!pool) {
      out.push(`${o.key}: vSwitch ${o.pool} not found in the JSON`);
      continue;
    }
    if (o.countOnly !== undefined) out.push(`${o.key}: addresses left to the cloud (secondary_private_ip_address_count = ${JSON.stringify(o.countOnly)})`);
    o.addresses.forEach((a, i) => {
      const what = `${o.key} address #${i} ${JSON.stringify(a)}`;
      if (typeof a !== "string" || !isIpv4(a)) {
        out.push(`${what}: not a dotted-quad IPv4 address`);
        return;
      }
      const ip = parseIpv4(a);
      if (!pool.cidr.contains(ip)) out.push(`${what}: outside vSwitch ${pool.key} (${pool.cidr})`);
      else if (reserved(pool.cidr, ip)) out.push(`${what}: reserved in vSwitch ${pool.key} (${pool.cidr})`);
      if (o.kind !== "existing" && pool.used.has(ip)) out.push(`${what}: listed in usedIps of ${pool.key}`);
      const id = `${pool.key}|${ip}`;
      const other = seen.get(id);
      if (other !== undefined) out.push(`${what}: also held by ${other} in vSwitch ${pool.key}`);
      else seen.set(id, `${o.key} #${i}`);
    });
  }
  return out;
}

const FORBIDDEN_VPC = ["100.64.0.0/10", "224.0.0.0/4", "127.0.0.0/8", "169.254.0.0/16"].map((c) => Ipv4Cidr.parse(c));

/**
 * Invariant 2: the JSON respects every per-type, per-ENI and placement limit: ENIs per instance (primary or
 * existing ones included) <= EniQuantity; addresses per ENI (primary included) <= the type's private IPv4 per
 * ENI, on every attached ENI and every primary ENI; <= 10 secondaries at ENI creation; one attachment per ENI;
 * ENI and instance in one zone and VPC; HaVips attached in their own vSwitch; EIPs on one of the target's
 * addresses, one per address; vSwitch /16-/29 inside its VPC, no overlap, zone of the region; VPC /8-/28.
 */
export function limitViolations(view: JsonView, options: { maxSecondaryAtCreation?: number } = {}): string[] {
  const out = [...view.problems];
  const maxCreate = options.maxSecondaryAtCreation ?? 10;
  const enisPerInstance = new Map<string, string[]>();
  const attachmentsPerEni = new Map<string, number>();
  for (const a of view.attachments) {
    for (const inst of a.instances) enisPerInstance.set(inst, [...(enisPerInstance.get(inst) ?? []), a.eni]);
    attachmentsPerEni.set(a.eni, (attachmentsPerEni.get(a.eni) ?? 0) + 1);
  }
  const addressCount = (o: JsonOwner) => o.addresses.length + (typeof o.countOnly === "number" ? o.countOnly : 0);
  for (const o of view.owners.values()) {
    if (o.kind !== "instance" && o.kind !== "existing") continue;
    const limits = o.type === undefined ? undefined : CATALOG.lookup(o.type);
    const enis = [...new Set(enisPerInstance.get(o.key) ?? [])];
    if (!limits) continue; // unknown types are not checkable (the planner warns)
    const total = (o.existingEnis ?? 1) + enis.length;
    if (total > limits.eniQuantity) out.push(`${o.key} (${o.type}): ${total} ENIs > EniQuantity ${limits.eniQuantity}`);
    const per = limits.privateIpv4PerEni;
    if (per !== undefined && o.kind === "instance" && addressCount(o) > per) out.push(`${o.key} (${o.type}): primary ENI has ${addressCount(o)} addresses > ${per}`);
    const ipool = view.pools.get(o.pool);
    for (const e of enis) {
      const eni = view.owners.get(e);
      if (!eni) {
        out.push(`${o.key}: attached ENI ${e} not found`);
        continue;
      }
      if (per !== undefined && addressCount(eni) > per) out.push(`${e} on ${o.key} (${o.type}): ${addressCount(eni)} addresses > ${per}`);
      const epool = view.pools.get(eni.pool);
      if (ipool && epool && ipool.zone !== epool.zone) out.push(`${e} (zone ${epool.zone}) attached to ${o.key} (zone ${ipool.zone})`);
      if (ipool && epool && ipool.vpc !== epool.vpc) out.push(`${e} (VPC ${epool.vpc}) attached to ${o.key} (VPC ${ipool.vpc})`);
    }
  }
  for (const o of view.owners.values()) {
    if (o.kind !== "eni") continue;
    if (addressCount(o) - 1 > maxCreate) out.push(`${o.key}: created with ${addressCount(o) - 1} secondary addresses > ${maxCreate}`);
    if ((attachmentsPerEni.get(o.key) ?? 0) > 1) out.push(`${o.key}: ${attachmentsPerEni.get(o.key)} attachments`);
  }
  const havipMembers = new Map<string, { n: number; types: Set<string> }>();
  for (const h of view.havipAttachments) {
    const m = havipMembers.get(h.havip) ?? { n: 0, types: new Set<string>() };
    m.n++;
    m.types.add(h.targetType);
    havipMembers.set(h.havip, m);
    const havip = view.owners.get(h.havip);
    const target = view.owners.get(h.target);
    if (havip && target && havip.pool !== target.pool) out.push(`${h.havip} (vSwitch ${havip.pool}) attached to ${h.target} (vSwitch ${target.pool})`);
  }
  for (const [h, m] of havipMembers) {
    if (m.n > 10 || m.types.size > 1) out.push(`${h}: ${m.n} HaVip members of types ${[...m.types].join(", ")} (at most 10, one type)`);
  }
  const eipPerIp = new Map<string, string>();
  for (const e of view.eips) {
    const target = view.owners.get(e.target);
    if (!target) {
      out.push(`${e.name}: target ${e.target} not found`);
      continue;
    }
    if (!target.addresses.includes(e.ip)) out.push(`${e.name}: private IP ${JSON.stringify(e.ip)} is not an address of ${e.target} (${JSON.stringify(target.addresses)})`);
    const id = `${target.key}|${String(e.ip)}`;
    if (eipPerIp.has(id)) out.push(`${e.name}: private IP ${String(e.ip)} of ${target.key} already carries ${eipPerIp.get(id)}`);
    eipPerIp.set(id, e.name);
  }
  const byVpc = new Map<string, JsonPool[]>();
  for (const p of view.pools.values()) {
    if (p.cidr.prefix < 16 || p.cidr.prefix > 29) out.push(`vSwitch ${p.key}: /${p.cidr.prefix} outside /16-/29`);
    if (!p.zone.startsWith(`${REGION}-`)) out.push(`vSwitch ${p.key}: zone ${p.zone} not in ${REGION}`);
    const vpc = view.vpcs.get(p.vpc);
    if (!vpc) out.push(`vSwitch ${p.key}: VPC ${p.vpc} not found`);
    else if (!vpc.containsCidr(p.cidr)) out.push(`vSwitch ${p.key} (${p.cidr}) not inside VPC ${p.vpc} (${vpc})`);
    byVpc.set(p.vpc, [...(byVpc.get(p.vpc) ?? []), p]);
  }
  for (const list of byVpc.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (list[i].cidr.overlaps(list[j].cidr)) out.push(`vSwitches ${list[i].key} (${list[i].cidr}) and ${list[j].key} (${list[j].cidr}) overlap`);
      }
    }
  }
  for (const [k, c] of view.vpcs) {
    if (k.startsWith("vpc:")) continue;
    if (c.prefix < 8 || c.prefix > 28) out.push(`VPC ${k} (${c}): mask outside /8-/28`);
    if (c.network >>> 24 === 0) out.push(`VPC ${k} (${c}) starts with 0`);
    const bad = FORBIDDEN_VPC.find((f) => f.overlaps(c));
    if (bad) out.push(`VPC ${k} (${c}) overlaps forbidden ${bad}`);
  }
  return out;
}

/**
 * Every address an owner (by construct path) has in the JSON: ENIs `[primary, ...secondaries]`, instances
 * `[private_ip, ...secondary_private_ips]`, HaVips `[ip_address]`.
 */
export function addressesByPath(built: BuiltApp, jsons: Map<string, any>): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const b of built.stacks) {
    const json = jsons.get(b.spec.id);
    for (const [path, logical] of b.logicalIds) {
      const [type, name] = logical.split(".");
      const r = json?.resource?.[type]?.[name];
      if (!r) continue;
      if (type === "alicloud_ecs_network_interface") out.set(path, [r.primary_ip_address, ...(r.private_ip_addresses ?? [])]);
      else if (type === "alicloud_instance") out.set(path, [r.private_ip, ...(r.secondary_private_ips ?? [])]);
      else if (type === "alicloud_vpc_ha_vip") out.set(path, [r.ip_address]);
    }
  }
  return out;
}
