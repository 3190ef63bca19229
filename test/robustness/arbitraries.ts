/**
 * fast-check generators for random cdktf-alicloud-eni apps, as plain data (`AppSpec`), plus the
 * bookkeeping that keeps a generated app valid by construction and the fault injectors that break
 * exactly one documented limit each (and say which rule must report it, on which construct path).
 *
 * A spec is built in three steps, all pure and deterministic (so fast-check can replay and shrink):
 * 1. `rawAppArb` draws raw numbers (prefixes, zones, picks, counts);
 * 2. `normalize` turns them into an `AppSpec` that respects every limit (capacity of each vSwitch,
 *    ENIs per instance, addresses per ENI, same zone/VPC, one SG per VPC, ...);
 * 3. `applyFaults` (optional) injects faults and returns the findings the planner must report.
 *
 * `build.ts` turns a spec into constructs; `oracle.ts` checks the synthesized JSON independently.
 */
import * as fc from "fast-check";
import { InstanceTypeCatalog, InstanceTypeLimits } from "../../src/catalog";
import { formatIpv4, Ipv4Cidr, isIpv4, parseIpv4 } from "../../src/net/ipv4";

/* ------------------------------------------------------------------------------------------------
 * Constants
 * ---------------------------------------------------------------------------------------------- */

/** Region of every generated stack's provider. */
export const REGION = "cn-hangzhou";
/** Zones of REGION the generators use. */
export const ZONES: readonly string[] = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"];
/** The built-in catalog. */
export const CATALOG = InstanceTypeCatalog.builtIn();
/** Catalog types with a known private-IPv4-per-ENI figure and secondary-ENI hot swap. */
export const KNOWN_TYPES: readonly string[] = CATALOG.names().filter((n) => {
  const l = CATALOG.lookup(n)!;
  return l.privateIpv4PerEni !== undefined && l.hotSwap === true;
});
/** KNOWN_TYPES whose per-ENI figure fits a secondaryPrivateIpCount (max 49) one past the limit. */
const TYPES_UP_TO_49 = KNOWN_TYPES.filter((n) => CATALOG.lookup(n)!.privateIpv4PerEni! <= 49);
/** Types the catalog does not know (typos and invented sizes). */
export const UNKNOWN_TYPES: readonly string[] = ["ecs.g7.lagre", "ecs.zz9.large", "ecs.c7.hyper"];
/** Suppressible rules that random suppressions name (they never hide an error of a valid app). */
export const SUPPRESSIBLE_RULES: readonly string[] = ["ENI-SAME-SUBNET", "ENI-TYPE-UNKNOWN", "ENI-SEC-SG-NO-RULES", "ENI-UNKNOWN-VALUE", "ENI-EIP-QUOTA"];
/** Shared (imported) VPC every stack may import vSwitches of. */
export const SHARED_VPC = { id: "SharedVpc", vpcId: "vpc-shared", cidr: "10.200.0.0/16" };
const MAX_EIPS = 20;

/* ------------------------------------------------------------------------------------------------
 * Spec types (plain data; construct ids are unique per stack, paths are `<stack id>/<id>`)
 * ---------------------------------------------------------------------------------------------- */

export interface VpcSpec {
  id: string;
  cidr: string;
  /** Set for Vpc.fromVpcAttributes. */
  importedId?: string;
}

export interface VSwitchSpec {
  id: string;
  /** Construct id of its VPC in the same stack. */
  vpc: string;
  zone: string;
  cidr: string;
  /** Set for VSwitch.fromVSwitchAttributes. */
  imported?: { vswitchId: string; usedIps: string[] };
}

export interface InstanceSpec {
  id: string;
  vsw: string;
  type: string;
  privateIp?: string;
  secondaryCount?: number;
  secondaryIps?: string[];
  /** Roles of secondary IPs added with addSecondaryPrivateIps (allocated by the planner). */
  roles?: string[];
  /** Set for EcsInstance.fromEcsInstanceAttributes. */
  imported?: { instanceId: string; attachedEniCount: number; primaryEniId?: string };
}

export interface EniSpec {
  id: string;
  vsw: string;
  primaryIp?: string;
  secondaryCount?: number;
  secondaryIps?: string[];
  /** Roles of secondary IPs added with addSecondaryPrivateIps (allocated by the planner). */
  roles?: string[];
  /** Instance ids (same stack) it is attached to, in order; more than one is an ENI-ATTACH-ONCE fault. */
  attach: string[];
  /** Failover: one attachment to one of these instances (AttachmentTarget.oneOf), checked on every candidate. */
  oneOf?: string[];
  /** Attach the first one with the `instance` prop instead of attachTo. */
  attachViaProp: boolean;
}

export interface OwnerRef {
  kind: "eni" | "instance";
  id: string;
}

export interface EipSpec {
  id: string;
  target: OwnerRef;
  /** 0: primary private IP; k: k-th secondary. */
  slot: number;
}

export interface HaVipSpec {
  id: string;
  vsw: string;
  ip?: string;
  attach: OwnerRef[];
}

export interface SuppressionSpec {
  /** Construct id in the stack, or "" for the stack itself. */
  target: string;
  ruleId: string;
}

export interface StackSpec {
  id: string;
  vpcs: VpcSpec[];
  vswitches: VSwitchSpec[];
  instances: InstanceSpec[];
  enis: EniSpec[];
  eips: EipSpec[];
  havips: HaVipSpec[];
  suppressions: SuppressionSpec[];
}

export interface AppSpec {
  strict: boolean;
  /** Planner option maxSecondaryIpsAtCreation (10 by default; newer docs say 49). */
  maxCreate: number;
  stacks: StackSpec[];
}

/** A finding the planner must report: rule id, and the construct paths it may be reported on. */
export interface ExpectedFinding {
  ruleId: string;
  paths: string[];
  /** What was injected, for failure messages. */
  fault: string;
}

export interface FaultyApp {
  spec: AppSpec;
  expected: ExpectedFinding[];
}

/* ------------------------------------------------------------------------------------------------
 * Analysis of a spec: pools (vSwitches) with their capacity, instances with their ENI room
 * ---------------------------------------------------------------------------------------------- */

/** One address pool: a vSwitch (an imported vSwitch shared by several stacks is one pool). */
export interface PoolInfo {
  key: string;
  cidr: Ipv4Cidr;
  zone: string;
  vpcKey: string;
  /** Construct paths of the vSwitch (several when imported by several stacks). */
  paths: string[];
  /** usedIps inside the block. */
  used: Set<number>;
  /** Valid explicit addresses (inside, not reserved, not used), first owner path. */
  explicit: Map<number, string>;
  /** Slots without an explicit address (allocated by the planner). */
  allocated: number;
  /** usable - used (inside the usable range). */
  capacity: number;
  /** capacity - explicit - allocated. */
  remaining: number;
}

/** A slot: one private IP wanted by an owner. */
export interface SlotInfo {
  stack: string;
  owner: string;
  ownerPath: string;
  kind: "instance" | "eni" | "havip";
  pool: string;
  /** "primary" or "secondary". */
  role: "primary" | "secondary";
  explicit?: string;
}

export function poolKeyOf(stackId: string, v: VSwitchSpec): string {
  return v.imported ? `vsw:${v.imported.vswitchId}` : `${stackId}/${v.id}`;
}

export function vpcKeyOf(stackId: string, v: VpcSpec): string {
  return v.importedId ? `vpc:${v.importedId}` : `${stackId}/${v.id}`;
}

export function limitsOf(type: string): InstanceTypeLimits | undefined {
  return CATALOG.lookup(type);
}

function usableRange(cidr: Ipv4Cidr): [number, number] {
  return [cidr.network + 1, cidr.last - 3];
}

export function isReservedIn(cidr: Ipv4Cidr, ip: number): boolean {
  return ip === cidr.network || ip > cidr.last - 3;
}

/** The slots of one stack, in a fixed order. */
export function slotsOfStack(s: StackSpec): SlotInfo[] {
  const out: SlotInfo[] = [];
  const vswById = new Map(s.vswitches.map((v) => [v.id, v]));
  const poolOf = (id: string) => poolKeyOf(s.id, vswById.get(id)!);
  const push = (owner: string, kind: SlotInfo["kind"], vsw: string, role: SlotInfo["role"], explicit?: string) =>
    out.push({ stack: s.id, owner, ownerPath: `${s.id}/${owner}`, kind, pool: poolOf(vsw), role, explicit });
  for (const i of s.instances) {
    if (i.imported) {
      if (i.privateIp !== undefined) push(i.id, "instance", i.vsw, "primary", i.privateIp);
      continue;
    }
    push(i.id, "instance", i.vsw, "primary", i.privateIp);
    for (let k = 0; k < (i.secondaryCount ?? 0); k++) push(i.id, "instance", i.vsw, "secondary");
    for (const ip of i.secondaryIps ?? []) push(i.id, "instance", i.vsw, "secondary", ip);
    for (const _ of i.roles ?? []) push(i.id, "instance", i.vsw, "secondary");
  }
  for (const e of s.enis) {
    push(e.id, "eni", e.vsw, "primary", e.primaryIp);
    for (let k = 0; k < (e.secondaryCount ?? 0); k++) push(e.id, "eni", e.vsw, "secondary");
    for (const ip of e.secondaryIps ?? []) push(e.id, "eni", e.vsw, "secondary", ip);
    for (const _ of e.roles ?? []) push(e.id, "eni", e.vsw, "secondary");
  }
  for (const h of s.havips) push(h.id, "havip", h.vsw, "primary", h.ip);
  return out;
}

export interface Analysis {
  pools: Map<string, PoolInfo>;
  /** Pool of a vSwitch construct id in a stack. */
  poolOf(stackId: string, vswId: string): PoolInfo;
  /** VPC key of a VPC construct id in a stack. */
  vpcKey(stackId: string, vpcId: string): string;
  slots: SlotInfo[];
}

/** Recomputes pools and slots of the whole app (cheap: apps are small). */
export function analyze(spec: AppSpec): Analysis {
  const pools = new Map<string, PoolInfo>();
  const vpcKeys = new Map<string, string>();
  for (const s of spec.stacks) {
    for (const v of s.vpcs) vpcKeys.set(`${s.id}/${v.id}`, vpcKeyOf(s.id, v));
    for (const v of s.vswitches) {
      const key = poolKeyOf(s.id, v);
      const cidr = Ipv4Cidr.parse(v.cidr);
      let p = pools.get(key);
      if (!p) {
        p = { key, cidr, zone: v.zone, vpcKey: vpcKeys.get(`${s.id}/${v.vpc}`)!, paths: [], used: new Set(), explicit: new Map(), allocated: 0, capacity: 0, remaining: 0 };
        pools.set(key, p);
      }
      p.paths.push(`${s.id}/${v.id}`);
      for (const u of v.imported?.usedIps ?? []) {
        const ip = parseIpv4(u);
        if (cidr.contains(ip)) p.used.add(ip);
      }
    }
  }
  const slots = spec.stacks.flatMap(slotsOfStack);
  for (const slot of slots) {
    const p = pools.get(slot.pool)!;
    if (slot.explicit === undefined) {
      p.allocated++;
      continue;
    }
    if (!isIpv4(slot.explicit)) continue;
    const ip = parseIpv4(slot.explicit);
    if (!p.cidr.contains(ip) || isReservedIn(p.cidr, ip) || p.used.has(ip) || p.explicit.has(ip)) continue;
    p.explicit.set(ip, slot.ownerPath);
  }
  for (const p of pools.values()) {
    const [lo, hi] = usableRange(p.cidr);
    let usedInside = 0;
    for (const u of p.used) if (u >= lo && u <= hi) usedInside++;
    p.capacity = hi - lo + 1 - usedInside;
    p.remaining = p.capacity - p.explicit.size - p.allocated;
  }
  return {
    pools,
    slots,
    poolOf: (stackId, vswId) => {
      const s = spec.stacks.find((x) => x.id === stackId)!;
      return pools.get(
        poolKeyOf(
          stackId,
          s.vswitches.find((v) => v.id === vswId)!,
        ),
      )!;
    },
    vpcKey: (stackId, vpcId) => vpcKeys.get(`${stackId}/${vpcId}`)!,
  };
}

/** A free usable address of the pool near `pick` (not used, not explicit, not in `also`). */
export function pickFree(p: PoolInfo, pick: number, also: ReadonlySet<number> = new Set()): string | undefined {
  const [lo, hi] = usableRange(p.cidr);
  const n = hi - lo + 1;
  const start = pick % n;
  for (let k = 0; k < n; k++) {
    const ip = lo + ((start + k) % n);
    if (!p.used.has(ip) && !p.explicit.has(ip) && !also.has(ip)) return formatIpv4(ip);
  }
  return undefined;
}

/** ENIs (distinct) attached to an instance of the stack. */
export function enisOn(s: StackSpec, instId: string): EniSpec[] {
  return s.enis.filter((e) => candidatesOf(e).includes(instId));
}

/** Every instance an ENI is (or may be, for failover) attached to. */
export function candidatesOf(e: EniSpec): string[] {
  return [...new Set([...e.attach, ...(e.oneOf ?? [])])];
}

/** Attachments of an ENI (a failover attachment counts once). */
export function attachmentCount(e: EniSpec): number {
  return e.attach.length + (e.oneOf ? 1 : 0);
}

/** ENIs per instance allowed (unknown types: kept small, the planner cannot check them). */
export function eniCap(i: InstanceSpec): number {
  return limitsOf(i.type)?.eniQuantity ?? 4;
}

/** ENIs the instance has, primary (or existing ones) included. */
export function eniCount(s: StackSpec, i: InstanceSpec): number {
  return (i.imported ? i.imported.attachedEniCount : 1) + enisOn(s, i.id).length;
}

/** Addresses per ENI allowed on the instance (unknown types: the creation bound 1 + 10). */
export function perEniCap(i: InstanceSpec | undefined): number {
  const l = i ? limitsOf(i.type) : undefined;
  return l?.privateIpv4PerEni ?? 11;
}

export function addressCount(o: { secondaryCount?: number; secondaryIps?: string[]; roles?: string[] }): number {
  return 1 + (o.secondaryCount ?? 0) + (o.secondaryIps?.length ?? 0) + (o.roles?.length ?? 0);
}

/* ------------------------------------------------------------------------------------------------
 * Raw arbitraries
 * ---------------------------------------------------------------------------------------------- */

export interface RawVSwitch {
  prefix: number;
  zone: number;
  gap: number;
}
export interface RawSecondaries {
  mode: "none" | "zero" | "count" | "list";
  n: number;
  picks: number[];
}
export interface RawInstance {
  vsw: number;
  type: number;
  unknown: boolean;
  imported: { eniCount: number; withIp: boolean; eniId: boolean } | null;
  primary: number | null;
  sec: RawSecondaries;
  roles: number;
}
export interface RawEni {
  vsw: number;
  primary: number | null;
  sec: RawSecondaries;
  attach: number | null;
  viaProp: boolean;
  failover: boolean;
  roles: number;
}
export interface RawStack {
  vpcs: RawVSwitch[][];
  imports: boolean[];
  instances: RawInstance[];
  enis: RawEni[];
  eips: { eni: boolean; target: number; slot: number }[];
  havips: { vsw: number; ip: number | null; attach: number[] }[];
  suppressions: { target: number; rule: number }[];
}
export interface RawApp {
  strict: boolean;
  maxCreate: number;
  shared: (RawVSwitch & { used: number[] })[];
  stacks: RawStack[];
}

/** vSwitch prefixes /16 to /29, weighted towards small blocks (so capacity limits are hit). */
const prefixArb = fc.oneof({ weight: 1, arbitrary: fc.integer({ min: 16, max: 22 }) }, { weight: 3, arbitrary: fc.integer({ min: 23, max: 29 }) });
const rawVSwitchArb: fc.Arbitrary<RawVSwitch> = fc.record({ prefix: prefixArb, zone: fc.nat(2), gap: fc.nat(2) });
const rawSecArb: fc.Arbitrary<RawSecondaries> = fc.record({
  mode: fc.constantFrom("none", "zero", "count", "list"),
  n: fc.nat(14),
  picks: fc.array(fc.nat(), { maxLength: 6 }),
});
const rawInstanceArb: fc.Arbitrary<RawInstance> = fc.record({
  vsw: fc.nat(),
  type: fc.nat(),
  unknown: fc.integer({ min: 0, max: 7 }).map((x) => x === 0),
  imported: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.record({ eniCount: fc.nat(), withIp: fc.boolean(), eniId: fc.boolean() }) }),
  primary: fc.option(fc.nat(), { freq: 2 }),
  sec: rawSecArb,
  roles: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
});
const rawEniArb: fc.Arbitrary<RawEni> = fc.record({
  vsw: fc.nat(),
  primary: fc.option(fc.nat(), { freq: 2 }),
  sec: rawSecArb,
  attach: fc.option(fc.nat(), { freq: 4 }),
  viaProp: fc.boolean(),
  failover: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
  roles: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
});
const rawStackArb: fc.Arbitrary<RawStack> = fc.record({
  vpcs: fc.array(fc.array(rawVSwitchArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  imports: fc.array(fc.boolean(), { minLength: 2, maxLength: 2 }),
  instances: fc.array(rawInstanceArb, { maxLength: 3 }),
  enis: fc.array(rawEniArb, { maxLength: 5 }),
  eips: fc.array(fc.record({ eni: fc.boolean(), target: fc.nat(), slot: fc.nat() }), { maxLength: 2 }),
  havips: fc.array(fc.record({ vsw: fc.nat(), ip: fc.option(fc.nat()), attach: fc.array(fc.nat(), { maxLength: 2 }) }), { maxLength: 1 }),
  suppressions: fc.array(fc.record({ target: fc.nat(), rule: fc.nat() }), { maxLength: 2 }),
});

/** Raw random numbers for an app of 1-2 stacks. */
export const rawAppArb: fc.Arbitrary<RawApp> = fc.record({
  strict: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
  maxCreate: fc.constantFrom(10, 10, 10, 20, 49),
  shared: fc.array(fc.record({ prefix: fc.integer({ min: 22, max: 29 }), zone: fc.nat(2), gap: fc.nat(1), used: fc.array(fc.nat(), { maxLength: 4 }) }), { maxLength: 2 }),
  stacks: fc.array(rawStackArb, { minLength: 1, maxLength: 2 }),
});

/* ------------------------------------------------------------------------------------------------
 * Normalization: raw numbers -> a valid AppSpec
 * ---------------------------------------------------------------------------------------------- */

/** Carves blocks of the given prefixes without overlap, in order, inside `parent` (skips what does not fit). */
function carve<R extends RawVSwitch>(parent: Ipv4Cidr, wanted: readonly R[]): { cidr: Ipv4Cidr; raw: R; index: number }[] {
  const out: { cidr: Ipv4Cidr; raw: R; index: number }[] = [];
  let cursor = parent.network;
  wanted.forEach((raw, index) => {
    const size = 2 ** (32 - raw.prefix);
    let at = Math.ceil(cursor / size) * size + raw.gap * size;
    if (at + size - 1 > parent.last) return;
    out.push({ cidr: Ipv4Cidr.parse(`${formatIpv4(at)}/${raw.prefix}`), raw, index });
    at += size;
    cursor = at;
  });
  return out;
}

/** Applies the secondary-address choice of `raw`, at most `max` addresses, explicit ones drawn free from `pool`. */
function secondaries(raw: RawSecondaries, max: number, pool: PoolInfo, taken: Set<number>): { secondaryCount?: number; secondaryIps?: string[] } {
  switch (raw.mode) {
    case "none":
      return {};
    case "zero":
      return { secondaryCount: 0 };
    case "count":
      return { secondaryCount: Math.min(raw.n, Math.max(0, max)) };
    case "list": {
      const ips: string[] = [];
      for (const p of raw.picks.slice(0, Math.max(0, max))) {
        const ip = pickFree(pool, p, taken);
        if (ip === undefined) break;
        taken.add(parseIpv4(ip));
        ips.push(ip);
      }
      return { secondaryIps: ips };
    }
  }
}

/** Turns raw numbers into an app that breaks no limit. */
export function normalize(raw: RawApp): AppSpec {
  const spec: AppSpec = { strict: raw.strict, maxCreate: raw.maxCreate, stacks: [] };
  const sharedCidr = Ipv4Cidr.parse(SHARED_VPC.cidr);
  const shared = carve(sharedCidr, raw.shared).map(({ cidr, raw: r, index }) => {
    const size = cidr.size;
    const used = [...new Set(r.used.map((u) => formatIpv4(cidr.network + (u % size))))];
    return { id: `Shared${index}`, vswitchId: `vsw-shared-${index}`, cidr: cidr.toString(), zone: ZONES[r.zone % ZONES.length], usedIps: used };
  });
  let eipCount = 0;
  raw.stacks.forEach((rs, si) => {
    const s: StackSpec = { id: `s${si}`, vpcs: [], vswitches: [], instances: [], enis: [], eips: [], havips: [], suppressions: [] };
    spec.stacks.push(s);
    rs.vpcs.forEach((rawVsws, vi) => {
      const vpc: VpcSpec = { id: `Vpc${vi}`, cidr: `10.${si * 2 + vi}.0.0/16` };
      s.vpcs.push(vpc);
      for (const { cidr, raw: r, index } of carve(Ipv4Cidr.parse(vpc.cidr), rawVsws)) {
        s.vswitches.push({ id: `Vsw${vi}x${index}`, vpc: vpc.id, zone: ZONES[r.zone % ZONES.length], cidr: cidr.toString() });
      }
    });
    const imported = shared.filter((_, i) => rs.imports[i]);
    if (imported.length > 0) {
      s.vpcs.push({ id: SHARED_VPC.id, cidr: SHARED_VPC.cidr, importedId: SHARED_VPC.vpcId });
      for (const v of imported) s.vswitches.push({ id: v.id, vpc: SHARED_VPC.id, zone: v.zone, cidr: v.cidr, imported: { vswitchId: v.vswitchId, usedIps: [...v.usedIps] } });
    }
    const poolsWithRoom = (need: number, filter: (v: VSwitchSpec, p: PoolInfo) => boolean = () => true) => {
      const a = analyze(spec);
      return s.vswitches.map((v) => ({ v, p: a.poolOf(s.id, v.id) })).filter(({ v, p }) => p.remaining >= need && filter(v, p));
    };

    rs.instances.forEach((ri, ii) => {
      const cands = poolsWithRoom(1);
      if (cands.length === 0) return;
      const { v, p } = cands[ri.vsw % cands.length];
      const type = ri.unknown && !spec.strict ? UNKNOWN_TYPES[ri.type % UNKNOWN_TYPES.length] : KNOWN_TYPES[ri.type % KNOWN_TYPES.length];
      const limits = limitsOf(type);
      const inst: InstanceSpec = { id: `Inst${ii}`, vsw: v.id, type };
      if (ri.imported) {
        const cap = Math.min(limits?.eniQuantity ?? 2, 3);
        inst.imported = { instanceId: `i-${s.id}-${ii}`, attachedEniCount: 1 + (ri.imported.eniCount % cap) };
        if (ri.imported.withIp) inst.privateIp = pickFree(p, ri.primary ?? ri.vsw);
        if (ri.imported.eniId) inst.imported.primaryEniId = `eni-${s.id}-${ii}`;
      } else {
        const taken = new Set<number>();
        if (ri.primary !== null) {
          inst.privateIp = pickFree(p, ri.primary);
          taken.add(parseIpv4(inst.privateIp!));
        }
        const max = Math.min(perEniCap(inst) - 1, 49, p.remaining - 1);
        Object.assign(inst, secondaries(ri.sec, max, p, taken));
        const roles = Math.min(ri.roles, max - (addressCount(inst) - 1));
        if (roles > 0) inst.roles = Array.from({ length: roles }, (_, k) => `app:r${k}`);
      }
      s.instances.push(inst);
    });

    rs.enis.forEach((re, ei) => {
      let target: InstanceSpec | undefined;
      let cands: { v: VSwitchSpec; p: PoolInfo }[] = [];
      if (re.attach !== null) {
        const a = analyze(spec);
        const withRoom = s.instances.filter((i) => {
          if (eniCount(s, i) >= eniCap(i)) return false;
          const ip = a.poolOf(s.id, i.vsw);
          return poolsWithRoom(1, (_, p) => p.zone === ip.zone && p.vpcKey === ip.vpcKey).length > 0;
        });
        if (withRoom.length > 0) {
          target = withRoom[re.attach % withRoom.length];
          const ip = a.poolOf(s.id, target.vsw);
          cands = poolsWithRoom(1, (_, p) => p.zone === ip.zone && p.vpcKey === ip.vpcKey);
        }
      }
      if (!target) cands = poolsWithRoom(1);
      if (cands.length === 0) return;
      const { v, p } = cands[re.vsw % cands.length];
      const eni: EniSpec = { id: `Eni${ei}`, vsw: v.id, attach: target ? [target.id] : [], attachViaProp: re.viaProp };
      let perEni = perEniCap(target);
      if (target && re.failover) {
        // Failover: a second candidate in the same zone and VPC with room for one more ENI.
        const a = analyze(spec);
        const second = s.instances.find((i) => i !== target && eniCount(s, i) < eniCap(i) && a.poolOf(s.id, i.vsw).zone === p.zone && a.poolOf(s.id, i.vsw).vpcKey === p.vpcKey);
        if (second) {
          eni.attach = [];
          eni.oneOf = [target.id, second.id];
          perEni = Math.min(perEni, perEniCap(second));
        }
      }
      const taken = new Set<number>();
      if (re.primary !== null) {
        eni.primaryIp = pickFree(p, re.primary);
        taken.add(parseIpv4(eni.primaryIp!));
      }
      const max = Math.min(perEni - 1, spec.maxCreate, p.remaining - 1);
      Object.assign(eni, secondaries(re.sec, max, p, taken));
      const roles = Math.min(re.roles, max - (addressCount(eni) - 1));
      if (roles > 0) eni.roles = Array.from({ length: roles }, (_, k) => `app:r${k}`);
      s.enis.push(eni);
    });

    rs.eips.forEach((r, k) => {
      if (eipCount >= MAX_EIPS) return;
      const owners: (InstanceSpec | EniSpec)[] = r.eni ? s.enis : s.instances.filter((i) => !i.imported || (i.privateIp !== undefined && i.imported.primaryEniId !== undefined));
      if (owners.length === 0) return;
      const o = owners[r.target % owners.length];
      const target: OwnerRef = { kind: r.eni ? "eni" : "instance", id: o.id };
      const slot = r.slot % addressCount(o);
      if (s.eips.some((e) => e.target.kind === target.kind && e.target.id === target.id && e.slot === slot)) return;
      s.eips.push({ id: `Eip${k}`, target, slot });
      eipCount++;
    });

    rs.havips.forEach((r, k) => {
      const cands = poolsWithRoom(1);
      if (cands.length === 0) return;
      const { v, p } = cands[r.vsw % cands.length];
      const h: HaVipSpec = { id: `Vip${k}`, vsw: v.id, ip: r.ip === null ? undefined : pickFree(p, r.ip), attach: [] };
      const a = analyze(spec);
      // A HaVip's members are all ENIs or all instances (ENI-HAVIP-MEMBERS).
      const enis: OwnerRef[] = s.enis.filter((e) => a.poolOf(s.id, e.vsw).key === p.key).map((e) => ({ kind: "eni" as const, id: e.id }));
      const instances: OwnerRef[] = s.instances.filter((i) => a.poolOf(s.id, i.vsw).key === p.key).map((i) => ({ kind: "instance" as const, id: i.id }));
      const targets = enis.length > 0 && (instances.length === 0 || r.vsw % 2 === 0) ? enis : instances;
      if (targets.length > 0) {
        for (const pick of r.attach) {
          const t = targets[pick % targets.length];
          if (!h.attach.some((x) => x.kind === t.kind && x.id === t.id)) h.attach.push(t);
        }
      }
      s.havips.push(h);
    });

    const supTargets = ["", ...s.instances.map((i) => i.id), ...s.enis.map((e) => e.id)];
    for (const r of rs.suppressions) {
      s.suppressions.push({ target: supTargets[r.target % supTargets.length], ruleId: SUPPRESSIBLE_RULES[r.rule % SUPPRESSIBLE_RULES.length] });
    }
  });
  return spec;
}

/** Random apps that break no limit. */
export const validAppArb: fc.Arbitrary<AppSpec> = rawAppArb.map(normalize);

/* ------------------------------------------------------------------------------------------------
 * Fault injection
 * ---------------------------------------------------------------------------------------------- */

export const FAULT_KINDS = [
  "reserved",
  "outside",
  "used",
  "duplicate",
  "eni-count",
  "eni-count-failover",
  "ip-count-instance",
  "ip-count-eni",
  "ip-create",
  "zone",
  "attach-once",
  "eip-per-ip",
  "zone-region",
  "strict-unknown",
  "havip-vswitch",
  "vsw-overlap",
  "vsw-in-vpc",
  "vsw-prefix",
  "vpc-cidr",
  "exhausted",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface RawFault {
  kind: FaultKind;
  a: number;
  b: number;
  /** Also add a (useless) suppression of the fault's non-suppressible rule on the stack. */
  suppress: boolean;
}

export const rawFaultArb: fc.Arbitrary<RawFault> = fc.record({ kind: fc.constantFrom(...FAULT_KINDS), a: fc.nat(), b: fc.nat(), suppress: fc.boolean() });

/** Faults that free capacity (explicit addresses made invalid) go first, exhaustion last, so accounting stays exact. */
const FAULT_ORDER: Record<FaultKind, number> = Object.fromEntries(FAULT_KINDS.map((k) => [k, ["reserved", "outside", "used", "duplicate"].includes(k) ? 0 : k === "exhausted" ? 2 : 1])) as Record<
  FaultKind,
  number
>;

class FaultContext {
  private n = 0;
  public readonly expected: ExpectedFinding[] = [];
  /** Paths of owners whose primary address a fault already rewrote (never rewritten twice). */
  public readonly faulted = new Set<string>();
  constructor(public readonly spec: AppSpec) {}

  public id(prefix: string): string {
    return `${prefix}${this.n++}`;
  }

  public stack(pick: number): StackSpec {
    return this.spec.stacks[pick % this.spec.stacks.length];
  }

  public expect(ruleId: string, paths: string[], fault: string): void {
    this.expected.push({ ruleId, paths, fault });
  }

  /** A free aligned block of `prefix` inside VPC `vpcId` of `s` (not overlapping any vSwitch of that VPC in any stack). */
  public freeBlock(s: StackSpec, vpcId: string, prefix: number): Ipv4Cidr | undefined {
    const a = analyze(this.spec);
    const vpcKey = a.vpcKey(s.id, vpcId);
    const vpc = s.vpcs.find((v) => v.id === vpcId)!;
    const parent = Ipv4Cidr.parse(vpc.cidr);
    const siblings: Ipv4Cidr[] = [];
    for (const st of this.spec.stacks) {
      for (const v of st.vswitches) {
        if (a.vpcKey(st.id, v.vpc) === vpcKey) siblings.push(Ipv4Cidr.parse(v.cidr));
      }
    }
    const size = 2 ** (32 - prefix);
    for (let at = parent.last + 1 - size; at >= parent.network; at -= size) {
      const c = Ipv4Cidr.parse(`${formatIpv4(at)}/${prefix}`);
      if (!siblings.some((x) => x.overlaps(c))) return c;
    }
    return undefined;
  }

  /** A new VPC in `s` (10.100+.0.0/16), for faults that need room. */
  public freshVpc(s: StackSpec): string {
    const n = s.vpcs.filter((v) => v.id.startsWith("FaultVpc")).length;
    const id = `FaultVpc${n}`;
    s.vpcs.push({ id, cidr: `10.${100 + n}.0.0/16` });
    return id;
  }

  /**
   * A new vSwitch of /24 (or smaller, down to the smallest block that still holds `need` addresses) in VPC
   * `vpcId` of `s`; undefined when that VPC has no room. Without `vpcId`: in the first own VPC with room,
   * else in a new VPC (never undefined).
   */
  public freshVsw(s: StackSpec, zone: string, vpcId: string | undefined, need = 1, opts: { prefix?: number; usedIps?: (c: Ipv4Cidr) => string[] } = {}): VSwitchSpec | undefined {
    const prefixes = opts.prefix !== undefined ? [opts.prefix] : [24, 25, 26, 27, 28, 29].filter((p) => 2 ** (32 - p) - 4 >= need);
    const find = (vpc: string) => {
      for (const p of prefixes) {
        const b = this.freeBlock(s, vpc, p);
        if (b) return b;
      }
      return undefined;
    };
    let vpc = vpcId;
    let block = vpc === undefined ? undefined : find(vpc);
    if (!block) {
      if (vpcId !== undefined) return undefined;
      vpc = s.vpcs.find((v) => !v.importedId && !v.id.startsWith("FaultVpcBad") && find(v.id))?.id ?? this.freshVpc(s);
      block = find(vpc)!;
    }
    const id = this.id("FaultVsw");
    const v: VSwitchSpec = { id, vpc: vpc!, zone, cidr: block.toString() };
    if (opts.usedIps) v.imported = { vswitchId: `vsw-${s.id}-${id.toLowerCase()}`, usedIps: opts.usedIps(block) };
    s.vswitches.push(v);
    return v;
  }

  /**
   * A vSwitch of `s` with `need` free addresses: an existing one (chosen by `pick`) or a new one; in `where`'s
   * zone and VPC when given (then undefined when neither exists).
   */
  public vswWithRoom(s: StackSpec, need: number, pick: number, where?: { zone: string; vpcId: string }): VSwitchSpec | undefined {
    const a = analyze(this.spec);
    const cands = s.vswitches.filter((v) => {
      const p = a.poolOf(s.id, v.id);
      if (p.remaining < need || !ZONES.includes(p.zone) || p.cidr.prefix < 16 || p.cidr.prefix > 29) return false;
      return !where || (p.zone === where.zone && p.vpcKey === a.vpcKey(s.id, where.vpcId));
    });
    if (cands.length > 0 && pick % 3 !== 0) return cands[pick % cands.length];
    const fresh = this.freshVsw(s, where?.zone ?? ZONES[pick % ZONES.length], where?.vpcId, need);
    if (fresh) return fresh;
    return cands.length > 0 ? cands[pick % cands.length] : undefined;
  }

  public vpcIdOfVsw(s: StackSpec, vswId: string): string {
    return s.vswitches.find((v) => v.id === vswId)!.vpc;
  }

  public zoneOf(s: StackSpec, vswId: string): string {
    return s.vswitches.find((v) => v.id === vswId)!.zone;
  }

  /** A new (non-imported) instance of `type` in `s`; in a new VPC (with room for ENIs) when `roomy`. */
  public freshInstance(s: StackSpec, type: string, pick: number, extra: Partial<InstanceSpec> = {}, roomy = false): InstanceSpec {
    const need = 1 + (extra.secondaryCount ?? 0);
    const v = roomy ? this.freshVsw(s, ZONES[pick % ZONES.length], this.freshVpc(s), need)! : this.vswWithRoom(s, need, pick)!;
    const inst: InstanceSpec = { id: this.id("FaultInst"), vsw: v.id, type, ...extra };
    s.instances.push(inst);
    return inst;
  }

  /** A new instance of `type` on vSwitch `vsw` of `s`. */
  public freshInstanceIn(s: StackSpec, type: string, vsw: string): InstanceSpec {
    const inst: InstanceSpec = { id: this.id("FaultInst"), vsw, type };
    s.instances.push(inst);
    return inst;
  }

  /** An instance of `s` (existing with room for one more ENI of `addresses` addresses, or new). */
  public instanceWithRoom(s: StackSpec, pick: number, addresses: number): InstanceSpec {
    const cands = s.instances.filter((i) => eniCount(s, i) < eniCap(i) && perEniCap(i) >= addresses);
    if (cands.length > 0 && pick % 4 !== 0) return cands[pick % cands.length];
    const types = KNOWN_TYPES.filter((t) => limitsOf(t)!.privateIpv4PerEni! >= addresses);
    return this.freshInstance(s, types[pick % types.length], pick);
  }

  /** Adds an ENI in `s` on vSwitch `vsw`. */
  public freshEni(s: StackSpec, vsw: string, extra: Partial<EniSpec> = {}): EniSpec {
    const eni: EniSpec = { id: this.id("FaultEni"), vsw, attach: [], attachViaProp: false, ...extra };
    s.enis.push(eni);
    return eni;
  }

  /** A vSwitch in the zone and VPC of `inst` with room for `need`, or undefined. */
  public vswNear(s: StackSpec, inst: InstanceSpec, need: number, pick: number): VSwitchSpec | undefined {
    return this.vswWithRoom(s, need, pick, { zone: this.zoneOf(s, inst.vsw), vpcId: this.vpcIdOfVsw(s, inst.vsw) });
  }

  /**
   * `inst` when a vSwitch of its zone and VPC has room for `need` more addresses, else a new instance of the
   * same type in a new VPC; returns the instance and that vSwitch.
   */
  public withRoomNear(s: StackSpec, inst: InstanceSpec, need: number, pick: number): [InstanceSpec, VSwitchSpec] {
    const v = this.vswNear(s, inst, need, pick);
    if (v) return [inst, v];
    const type = limitsOf(inst.type) ? inst.type : KNOWN_TYPES[pick % KNOWN_TYPES.length];
    const fresh = this.freshInstance(s, type, pick, {}, true);
    return [fresh, this.vswNear(s, fresh, need, pick)!];
  }
}

/** Address slots a fault may rewrite: ENI and instance primaries, their explicit secondaries, HaVip addresses. */
interface PrimaryRef {
  stack: StackSpec;
  path: string;
  pool: PoolInfo;
  /** True for an imported instance's own address: it may also be in usedIps (both describe one use). */
  existing?: boolean;
  get(): string | undefined;
  set(ip: string): void;
}

/**
 * Whether address faults may rewrite an imported instance's privateIp (checked like any explicit address, except that
 * it may also be listed in its vSwitch's usedIps). Was off while bug B7 was open.
 */
export const FAULT_IMPORTED_ADDRESSES = true;

function primaryRefs(spec: AppSpec, skip: ReadonlySet<string> = new Set()): PrimaryRef[] {
  const a = analyze(spec);
  const out: PrimaryRef[] = [];
  /** Explicit secondary addresses of a list, one ref each (rewriting one keeps the address count). */
  const listRefs = (s: StackSpec, owner: { id: string; vsw: string; secondaryIps?: string[] }) => {
    const list = owner.secondaryIps ?? [];
    list.forEach((_, k) => out.push({ stack: s, path: `${s.id}/${owner.id}`, pool: a.poolOf(s.id, owner.vsw), get: () => list[k], set: (ip) => (list[k] = ip) }));
  };
  for (const s of spec.stacks) {
    for (const i of s.instances) {
      if (i.imported && (i.privateIp === undefined || !FAULT_IMPORTED_ADDRESSES)) continue;
      out.push({ stack: s, path: `${s.id}/${i.id}`, pool: a.poolOf(s.id, i.vsw), existing: i.imported !== undefined, get: () => i.privateIp, set: (ip) => (i.privateIp = ip) });
      listRefs(s, i);
    }
    for (const e of s.enis) {
      out.push({ stack: s, path: `${s.id}/${e.id}`, pool: a.poolOf(s.id, e.vsw), get: () => e.primaryIp, set: (ip) => (e.primaryIp = ip) });
      listRefs(s, e);
    }
    for (const h of s.havips) out.push({ stack: s, path: `${s.id}/${h.id}`, pool: a.poolOf(s.id, h.vsw), get: () => h.ip, set: (ip) => (h.ip = ip) });
  }
  return out.filter((r) => !skip.has(r.path));
}

/** A primary slot to rewrite (existing, or a new unattached ENI in a vSwitch with room). */
function primaryTarget(ctx: FaultContext, f: RawFault): PrimaryRef {
  const refs = primaryRefs(ctx.spec, ctx.faulted);
  if (refs.length > 0 && f.b % 4 !== 0) return refs[f.a % refs.length];
  const s = ctx.stack(f.a);
  const e = ctx.freshEni(s, ctx.vswWithRoom(s, 1, f.b)!.id);
  return primaryRefs(ctx.spec).find((r) => r.path === `${s.id}/${e.id}`)!;
}

/** Usable addresses of a pool's usedIps (not reserved). */
function usableUsed(p: PoolInfo): number[] {
  return [...p.used].filter((u) => !isReservedIn(p.cidr, u)).sort((x, y) => x - y);
}

function applyFault(ctx: FaultContext, f: RawFault): void {
  const spec = ctx.spec;
  const s = ctx.stack(f.a);
  const pathOf = (st: StackSpec, id: string) => `${st.id}/${id}`;
  const expect = (ruleId: string, paths: string[], stack: StackSpec = s) => {
    ctx.expect(ruleId, paths, `${f.kind}(a=${f.a}, b=${f.b}${f.suppress ? ", suppressed" : ""})`);
    if (f.suppress) stack.suppressions.push({ target: "", ruleId });
  };
  const otherZone = (zone: string) => ZONES.filter((z) => z !== zone)[f.b % 2];
  switch (f.kind) {
    case "reserved": {
      const r = primaryTarget(ctx, f);
      const c = r.pool.cidr;
      r.set(formatIpv4([c.network, c.last - 2, c.last - 1, c.last][f.b % 4]));
      ctx.faulted.add(r.path);
      expect("ENI-IP-RESERVED", [r.path], r.stack);
      return;
    }
    case "outside": {
      const r = primaryTarget(ctx, f);
      const c = r.pool.cidr;
      const choices = [c.last + 1, c.network - 1, parseIpv4("192.168.255.7")];
      r.set(formatIpv4(choices[f.b % choices.length]));
      ctx.faulted.add(r.path);
      expect("ENI-IP-OUTSIDE", [r.path], r.stack);
      return;
    }
    case "used": {
      let refs = primaryRefs(spec, ctx.faulted).filter((r) => !r.existing && usableUsed(r.pool).length > 0);
      if (refs.length === 0 || f.b % 3 === 0) {
        const v = ctx.freshVsw(s, ZONES[f.b % 3], undefined, 1, { prefix: 28, usedIps: (c) => [formatIpv4(c.network + 1 + (f.b % 10)), formatIpv4(c.network + 12)] })!;
        const e = ctx.freshEni(s, v.id);
        refs = primaryRefs(spec).filter((r) => r.path === pathOf(s, e.id));
      }
      const r = refs[f.a % refs.length];
      const u = usableUsed(r.pool);
      r.set(formatIpv4(u[f.b % u.length]));
      ctx.faulted.add(r.path);
      expect("ENI-IP-USED", [r.path], r.stack);
      return;
    }
    case "duplicate": {
      if (f.b % 3 === 0) {
        const v = ctx.vswWithRoom(s, 3, f.b)!;
        const ip = pickFree(analyze(spec).poolOf(s.id, v.id), f.a)!;
        const e = ctx.freshEni(s, v.id, { secondaryIps: [ip, ip] });
        ctx.faulted.add(pathOf(s, e.id));
        expect("ENI-IP-DUPLICATE", [pathOf(s, e.id)]);
        return;
      }
      const byPool = new Map<string, PrimaryRef[]>();
      for (const r of primaryRefs(spec, ctx.faulted)) byPool.set(r.pool.key, [...(byPool.get(r.pool.key) ?? []), r]);
      const pairs = [...byPool.values()].filter((l) => l.length >= 2);
      let x: PrimaryRef;
      let y: PrimaryRef;
      if (pairs.length > 0) {
        // Prefer pools shared by two stacks: duplicates must be found across stacks.
        const cross = pairs.filter((l) => new Set(l.map((r) => r.stack.id)).size > 1);
        const list = cross.length > 0 && f.b % 2 === 0 ? cross[f.a % cross.length] : pairs[f.a % pairs.length];
        x = list[f.b % list.length];
        const others = list.filter((r) => r !== x);
        y = others[f.a % others.length];
      } else {
        const v = ctx.vswWithRoom(s, 2, f.b)!;
        const e1 = ctx.freshEni(s, v.id);
        const e2 = ctx.freshEni(s, v.id);
        const refs = primaryRefs(spec);
        x = refs.find((r) => r.path === pathOf(s, e1.id))!;
        y = refs.find((r) => r.path === pathOf(s, e2.id))!;
      }
      const px = analyze(spec).pools.get(x.pool.key)!;
      const cur = x.get();
      const ip = cur !== undefined && isIpv4(cur) && px.explicit.get(parseIpv4(cur)) === x.path ? cur : pickFree(px, f.a)!;
      x.set(ip);
      y.set(ip);
      ctx.faulted.add(x.path);
      ctx.faulted.add(y.path);
      expect("ENI-IP-DUPLICATE", [x.path, y.path], y.stack);
      return;
    }
    case "eni-count": {
      const known = s.instances.filter((i) => limitsOf(i.type));
      let inst = known.length > 0 && f.b % 3 !== 0 ? known[f.b % known.length] : ctx.freshInstance(s, KNOWN_TYPES[f.b % KNOWN_TYPES.length], f.b);
      let v = ctx.vswNear(s, inst, eniCap(inst) - eniCount(s, inst) + 1, f.a);
      if (!v) {
        inst = ctx.freshInstance(s, inst.type, f.b, {}, true);
        v = ctx.vswNear(s, inst, eniCap(inst), f.a)!;
      }
      const need = eniCap(inst) - eniCount(s, inst) + 1;
      for (let k = 0; k < need; k++) ctx.freshEni(s, v.id, { attach: [inst.id], attachViaProp: k % 2 === 0 });
      expect("ENI-COUNT", [pathOf(s, inst.id)]);
      return;
    }
    case "eni-count-failover": {
      // Fill an instance up to its limit with plain ENIs, then add a failover ENI that may land on it too.
      const known = s.instances.filter((i) => limitsOf(i.type));
      let inst = known.length > 0 && f.b % 3 !== 0 ? known[f.b % known.length] : ctx.freshInstance(s, KNOWN_TYPES[f.b % KNOWN_TYPES.length], f.b);
      let v = ctx.vswNear(s, inst, eniCap(inst) - eniCount(s, inst) + 2, f.a);
      if (!v) {
        inst = ctx.freshInstance(s, inst.type, f.b, {}, true);
        v = ctx.vswNear(s, inst, eniCap(inst) + 1, f.a)!;
      }
      const fill = eniCap(inst) - eniCount(s, inst);
      for (let k = 0; k < fill; k++) ctx.freshEni(s, v.id, { attach: [inst.id] });
      const a = analyze(spec);
      const ip = a.poolOf(s.id, inst.vsw);
      const others = s.instances.filter((i) => i !== inst && eniCount(s, i) < eniCap(i) && a.poolOf(s.id, i.vsw).zone === ip.zone && a.poolOf(s.id, i.vsw).vpcKey === ip.vpcKey);
      const other = others.length > 0 ? others[f.a % others.length] : ctx.freshInstanceIn(s, "ecs.g7.large", v.id);
      ctx.freshEni(s, v.id, { oneOf: f.a % 2 === 0 ? [other.id, inst.id] : [inst.id, other.id] });
      expect("ENI-COUNT", [pathOf(s, inst.id)]);
      return;
    }
    case "ip-count-instance": {
      const type = TYPES_UP_TO_49[f.b % TYPES_UP_TO_49.length];
      const per = limitsOf(type)!.privateIpv4PerEni!;
      const inst = ctx.freshInstance(s, type, f.a, { secondaryCount: per });
      expect("ENI-IP-COUNT", [pathOf(s, inst.id)]);
      return;
    }
    case "ip-count-eni": {
      const cands = s.instances.filter((i) => eniCount(s, i) < eniCap(i) && limitsOf(i.type) && perEniCap(i) <= 49);
      const first = cands.length > 0 && f.b % 3 !== 0 ? cands[f.b % cands.length] : ctx.freshInstance(s, TYPES_UP_TO_49[f.b % TYPES_UP_TO_49.length], f.a);
      const per = perEniCap(first);
      const [inst, v] = ctx.withRoomNear(s, first, per + 1, f.a);
      const e = ctx.freshEni(s, v.id, { attach: [inst.id], attachViaProp: f.b % 2 === 0, secondaryCount: per });
      expect("ENI-IP-COUNT", [pathOf(s, e.id)]);
      if (per > spec.maxCreate) expect("ENI-IP-CREATE", [pathOf(s, e.id)]);
      return;
    }
    case "ip-create": {
      const n = spec.maxCreate + 1 + (f.b % 5);
      const v = ctx.vswWithRoom(s, n + 1, f.a)!;
      const byCount = f.b % 2 === 0 && n <= 49;
      const e = ctx.freshEni(s, v.id, byCount ? { secondaryCount: n } : {});
      if (!byCount) {
        const p = analyze(spec).poolOf(s.id, v.id);
        const taken = new Set<number>();
        e.secondaryIps = [];
        for (let k = 0; k < n; k++) {
          const ip = pickFree(p, f.a + k, taken)!;
          taken.add(parseIpv4(ip));
          e.secondaryIps.push(ip);
        }
      }
      expect("ENI-IP-CREATE", [pathOf(s, e.id)]);
      return;
    }
    case "zone": {
      const a = analyze(spec);
      const pairs: [EniSpec, InstanceSpec][] = [];
      for (const e of s.enis.filter((x) => attachmentCount(x) === 0)) {
        const ep = a.poolOf(s.id, e.vsw);
        for (const i of s.instances) {
          const ipool = a.poolOf(s.id, i.vsw);
          if (ipool.vpcKey === ep.vpcKey && ipool.zone !== ep.zone && ZONES.includes(ep.zone) && eniCount(s, i) < eniCap(i) && perEniCap(i) >= addressCount(e)) pairs.push([e, i]);
        }
      }
      if (pairs.length > 0 && f.b % 3 !== 0) {
        const [e, i] = pairs[f.a % pairs.length];
        e.attach.push(i.id);
        expect("ENI-ZONE", [pathOf(s, e.id)]);
        return;
      }
      let inst = ctx.instanceWithRoom(s, f.a, 1);
      let v = ctx.vswWithRoom(s, 1, f.b, { zone: otherZone(ctx.zoneOf(s, inst.vsw)), vpcId: ctx.vpcIdOfVsw(s, inst.vsw) });
      if (!v) {
        inst = ctx.freshInstance(s, KNOWN_TYPES[f.b % KNOWN_TYPES.length], f.a, {}, true);
        v = ctx.freshVsw(s, otherZone(ctx.zoneOf(s, inst.vsw)), ctx.vpcIdOfVsw(s, inst.vsw))!;
      }
      const e = ctx.freshEni(s, v.id, { attach: [inst.id], attachViaProp: f.b % 2 === 0 });
      expect("ENI-ZONE", [pathOf(s, e.id)]);
      return;
    }
    case "attach-once": {
      const attached = s.enis.filter((e) => attachmentCount(e) === 1);
      let e: EniSpec;
      if (attached.length > 0 && f.b % 3 !== 0) {
        e = attached[f.a % attached.length];
      } else {
        const [inst, v] = ctx.withRoomNear(s, ctx.instanceWithRoom(s, f.a, 1), 1, f.b);
        e = ctx.freshEni(s, v.id, { attach: [inst.id], attachViaProp: f.a % 2 === 0 });
      }
      const a = analyze(spec);
      const ep = a.poolOf(s.id, e.vsw);
      const others = s.instances.filter((i) => {
        const ip = a.poolOf(s.id, i.vsw);
        return !candidatesOf(e).includes(i.id) && ip.zone === ep.zone && ip.vpcKey === ep.vpcKey && eniCount(s, i) < eniCap(i) && perEniCap(i) >= addressCount(e);
      });
      e.attach.push(others.length > 0 && f.b % 2 === 0 ? others[f.a % others.length].id : candidatesOf(e)[0]);
      expect("ENI-ATTACH-ONCE", [pathOf(s, e.id)]);
      return;
    }
    case "eip-per-ip": {
      let first: EipSpec;
      if (s.eips.length > 0 && f.b % 3 !== 0) {
        first = s.eips[f.a % s.eips.length];
      } else {
        const owners: OwnerRef[] = [
          ...s.enis.map((e) => ({ kind: "eni" as const, id: e.id })),
          ...s.instances.filter((i) => !i.imported || (i.privateIp !== undefined && i.imported.primaryEniId !== undefined)).map((i) => ({ kind: "instance" as const, id: i.id })),
        ];
        const target: OwnerRef = owners.length > 0 ? owners[f.a % owners.length] : { kind: "eni", id: ctx.freshEni(s, ctx.vswWithRoom(s, 1, f.b)!.id).id };
        first = { id: ctx.id("FaultEip"), target, slot: 0 };
        s.eips.push(first);
      }
      const second: EipSpec = { id: ctx.id("FaultEip"), target: { ...first.target }, slot: first.slot };
      s.eips.push(second);
      expect("ENI-EIP-PER-IP", [pathOf(s, first.id), pathOf(s, second.id)]);
      return;
    }
    case "zone-region": {
      const zone = ["cn-shanghai-b", "cn-beijing-a", "ap-southeast-1a", "cn-hangzhou"][f.b % 4];
      const v = ctx.freshVsw(s, zone, undefined)!;
      if (f.b % 2 === 0) ctx.freshEni(s, v.id);
      expect("ENI-ZONE-REGION", [pathOf(s, v.id)]);
      return;
    }
    case "strict-unknown": {
      spec.strict = true;
      ctx.freshInstance(s, UNKNOWN_TYPES[f.b % UNKNOWN_TYPES.length], f.a);
      // applyFaults expects ENI-TYPE-UNKNOWN on every unknown-type instance once strict is on.
      return;
    }
    case "havip-vswitch": {
      let h: HaVipSpec;
      const eniOnly = s.havips.filter((x) => x.attach.every((t) => t.kind === "eni"));
      if (eniOnly.length > 0 && f.b % 3 !== 0) {
        h = eniOnly[f.a % eniOnly.length];
      } else {
        h = { id: ctx.id("FaultVip"), vsw: ctx.vswWithRoom(s, 1, f.b)!.id, attach: [] };
        s.havips.push(h);
      }
      const a = analyze(spec);
      const hp = a.poolOf(s.id, h.vsw);
      const enis = s.enis.filter((e) => a.poolOf(s.id, e.vsw).key !== hp.key);
      const eni = enis.length > 0 && f.b % 2 === 0 ? enis[f.a % enis.length] : ctx.freshEni(s, ctx.freshVsw(s, hp.zone, undefined)!.id);
      h.attach.push({ kind: "eni", id: eni.id });
      expect("ENI-HAVIP-VSWITCH", [pathOf(s, h.id)]);
      return;
    }
    case "vsw-overlap": {
      // Overlap a healthy vSwitch (not one another fault made: those carry their own findings).
      const healthy = s.vswitches.filter((v) => !v.id.startsWith("FaultVsw"));
      const existing = healthy.length > 0 ? healthy[f.a % healthy.length] : ctx.freshVsw(s, ZONES[0], undefined)!;
      const c = Ipv4Cidr.parse(existing.cidr);
      const sub = f.b % 2 === 0 || c.prefix >= 29 ? c : Ipv4Cidr.parse(`${formatIpv4(c.network + c.size / 2)}/${c.prefix + 1}`);
      const v: VSwitchSpec = { id: ctx.id("FaultVsw"), vpc: existing.vpc, zone: ZONES[f.b % 3], cidr: sub.toString() };
      s.vswitches.push(v);
      expect("ENI-VSW-OVERLAP", [pathOf(s, v.id), ...analyze(spec).poolOf(s.id, existing.id).paths]);
      return;
    }
    case "vsw-in-vpc": {
      const vpc = s.vpcs[f.a % s.vpcs.length];
      const v: VSwitchSpec = { id: ctx.id("FaultVsw"), vpc: vpc.id, zone: ZONES[f.b % 3], cidr: `172.${16 + (f.b % 16)}.${f.a % 256}.0/24` };
      s.vswitches.push(v);
      expect("ENI-VSW-IN-VPC", [pathOf(s, v.id)]);
      return;
    }
    case "vsw-prefix": {
      const base = ctx.freshVsw(s, ZONES[f.b % 3], undefined)!;
      const c = Ipv4Cidr.parse(base.cidr);
      base.cidr = `${formatIpv4(c.network)}/${30 + (f.b % 3)}`;
      expect("ENI-VSW-PREFIX", [pathOf(s, base.id)]);
      return;
    }
    case "vpc-cidr": {
      const cidrs = ["127.0.0.0/16", "100.64.0.0/16", "10.0.0.0/7", "10.0.0.0/29", "0.0.0.0/8", "224.0.0.0/16", "169.254.0.0/16", "192.168.0.0/30"];
      const vpc: VpcSpec = { id: ctx.id("FaultVpcBad"), cidr: cidrs[f.b % cidrs.length] };
      s.vpcs.push(vpc);
      expect("ENI-VPC-CIDR", [pathOf(s, vpc.id)]);
      return;
    }
    case "exhausted": {
      const a = analyze(spec);
      const small = s.vswitches.filter((v) => {
        const p = a.poolOf(s.id, v.id);
        return p.remaining <= 10 && ZONES.includes(p.zone) && p.cidr.prefix >= 16 && p.cidr.prefix <= 29;
      });
      let v: VSwitchSpec;
      let need: number;
      if (small.length > 0 && f.b % 2 === 0) {
        v = small[f.a % small.length];
        need = a.poolOf(s.id, v.id).remaining + 1 + (f.b % 3);
      } else {
        v = ctx.freshVsw(s, ZONES[f.b % 3], undefined, 1, { prefix: 29 })!;
        need = 5 + (f.b % 6);
      }
      // One ENI is created with at most maxCreate + 1 addresses (ENI-IP-CREATE); use several when more are needed.
      while (need > 0) {
        const take = Math.min(need, spec.maxCreate + 1);
        ctx.freshEni(s, v.id, { secondaryCount: take - 1 });
        need -= take;
      }
      expect("ENI-VSW-EXHAUSTED", analyze(spec).poolOf(s.id, v.id).paths);
      return;
    }
  }
}

/** Injects the faults into a copy of `spec`; returns the copy and the findings the planner must report. */
export function applyFaults(spec: AppSpec, faults: readonly RawFault[]): FaultyApp {
  const copy: AppSpec = structuredClone(spec);
  const ctx = new FaultContext(copy);
  const ordered = [...faults].sort((x, y) => FAULT_ORDER[x.kind] - FAULT_ORDER[y.kind]);
  for (const f of ordered) applyFault(ctx, f);
  if (copy.strict) {
    for (const s of copy.stacks) {
      for (const i of s.instances) {
        if (!limitsOf(i.type)) ctx.expect("ENI-TYPE-UNKNOWN", [`${s.id}/${i.id}`], "strict with an unknown instance type");
      }
    }
  }
  return { spec: copy, expected: ctx.expected };
}

/** Random apps with 1-3 injected faults, and what the planner must report. */
export const faultyAppArb: fc.Arbitrary<FaultyApp> = fc.tuple(validAppArb, fc.array(rawFaultArb, { minLength: 1, maxLength: 3 })).map(([spec, faults]) => applyFaults(spec, faults));

/** Valid or faulty apps (expected is empty for valid ones). */
export const anyAppArb: fc.Arbitrary<FaultyApp> = fc.oneof(
  validAppArb.map((spec) => ({ spec, expected: [] as ExpectedFinding[] })),
  faultyAppArb,
);

/* ------------------------------------------------------------------------------------------------
 * Lock-file scenario: remove some ENIs, add new ones whose paths sort first
 * ---------------------------------------------------------------------------------------------- */

export interface LockChange {
  /** Per stack, per ENI (by position): remove it. */
  remove: boolean[][];
  /** New ENIs: stack pick, vSwitch pick, secondary count, roles, attach pick. */
  add: { stack: number; vsw: number; secondaries: number; roles: number; attach: number | null }[];
  /** Surviving ENIs / instances (picked across the app) that get one more role-keyed secondary IP. */
  grow: number[];
}

export const lockChangeArb: fc.Arbitrary<LockChange> = fc.record({
  remove: fc.array(fc.array(fc.boolean(), { maxLength: 8 }), { minLength: 2, maxLength: 2 }),
  add: fc.array(fc.record({ stack: fc.nat(), vsw: fc.nat(), secondaries: fc.nat(3), roles: fc.nat(2), attach: fc.option(fc.nat()) }), { minLength: 1, maxLength: 4 }),
  grow: fc.array(fc.nat(), { maxLength: 3 }),
});

/**
 * A' = A with some ENIs removed (with their EIPs and HaVip attachments), some surviving ENIs and instances given
 * one more role-keyed secondary IP, and new, planner-allocated ENIs whose ids (`AAdded<n>`) sort before every
 * existing construct id. Stays valid.
 */
export function changeApp(spec: AppSpec, change: LockChange): AppSpec {
  const next: AppSpec = structuredClone(spec);
  next.stacks.forEach((s, si) => {
    const mask = change.remove[si] ?? [];
    const removed = new Set(s.enis.filter((_, k) => mask[k]).map((e) => e.id));
    s.enis = s.enis.filter((e) => !removed.has(e.id));
    s.eips = s.eips.filter((e) => !(e.target.kind === "eni" && removed.has(e.target.id)));
    for (const h of s.havips) h.attach = h.attach.filter((t) => !(t.kind === "eni" && removed.has(t.id)));
    s.suppressions = s.suppressions.filter((x) => !removed.has(x.target));
  });
  change.grow.forEach((pick, k) => {
    const owners = next.stacks.flatMap((s) => [
      ...s.enis.map((e) => ({ s, o: e as EniSpec | InstanceSpec, eni: true })),
      ...s.instances.filter((i) => !i.imported).map((i) => ({ s, o: i as EniSpec | InstanceSpec, eni: false })),
    ]);
    if (owners.length === 0) return;
    const { s, o, eni } = owners[pick % owners.length];
    const pool = analyze(next).poolOf(s.id, o.vsw);
    if (pool.remaining < 1) return;
    const n = addressCount(o);
    if (eni) {
      const e = o as EniSpec;
      const cap = Math.min(...candidatesOf(e).map((id) => perEniCap(s.instances.find((i) => i.id === id))), 11 + next.maxCreate);
      if (n + 1 > cap || n > next.maxCreate) return;
    } else if (n + 1 > Math.min(perEniCap(o as InstanceSpec), 50)) {
      return;
    }
    o.roles = [...(o.roles ?? []), `app:grow${k}`];
  });
  change.add.forEach((add, k) => {
    const s = next.stacks[add.stack % next.stacks.length];
    const a = analyze(next);
    let target: InstanceSpec | undefined;
    if (add.attach !== null) {
      const c = s.instances.filter((i) => eniCount(s, i) < eniCap(i));
      target = c.length > 0 ? c[add.attach % c.length] : undefined;
    }
    const pools = s.vswitches.filter((v) => {
      const p = a.poolOf(s.id, v.id);
      if (p.remaining < 1) return false;
      if (!target) return true;
      const ip = a.poolOf(s.id, target.vsw);
      return p.zone === ip.zone && p.vpcKey === ip.vpcKey;
    });
    if (pools.length === 0) return;
    const v = pools[add.vsw % pools.length];
    const p = a.poolOf(s.id, v.id);
    const max = Math.min(p.remaining - 1, perEniCap(target) - 1, next.maxCreate);
    const sec = Math.min(add.secondaries, max);
    const roles = Math.min(add.roles, max - sec);
    s.enis.push({ id: `AAdded${k}`, vsw: v.id, secondaryCount: sec, roles: Array.from({ length: roles }, (_, r) => `app:new${r}`), attach: target ? [target.id] : [], attachViaProp: false });
  });
  return next;
}

/**
 * The lock-file keys of every address the app holds, as the README documents them:
 * `<construct path>#primary`, `#secondary-<n>` (secondaryPrivateIpCount), `#secondary-ip-<n>` (explicit
 * secondaryPrivateIps), `#<role>` (addSecondaryPrivateIps), `#vip` (HaVip). Explicit addresses are locked too;
 * imported instances' addresses never are.
 */
export function allocatedKeys(spec: AppSpec): string[] {
  const keys: string[] = [];
  for (const s of spec.stacks) {
    const owners: { id: string; count: number; explicit: number; roles: string[]; primaryRole: string }[] = [
      ...s.instances.filter((i) => !i.imported).map((i) => ({ id: i.id, count: i.secondaryCount ?? 0, explicit: i.secondaryIps?.length ?? 0, roles: i.roles ?? [], primaryRole: "primary" })),
      ...s.enis.map((e) => ({ id: e.id, count: e.secondaryCount ?? 0, explicit: e.secondaryIps?.length ?? 0, roles: e.roles ?? [], primaryRole: "primary" })),
      ...s.havips.map((h) => ({ id: h.id, count: 0, explicit: 0, roles: [], primaryRole: "vip" })),
    ];
    for (const o of owners) {
      const base = `${s.id}/${o.id}`;
      keys.push(`${base}#${o.primaryRole}`); // explicit addresses are recorded too (the lock is the deployed truth)
      for (let k = 1; k <= o.count; k++) keys.push(`${base}#secondary-${k}`);
      for (let k = 1; k <= o.explicit; k++) keys.push(`${base}#secondary-ip-${k}`);
      for (const r of o.roles) keys.push(`${base}#${r}`);
    }
  }
  return keys.sort();
}
