/**
 * The benchmark app's shape, shared by both versions (pure: no cdktf, no src/ imports).
 *
 * One stack `bench`, an alicloud provider (cn-hangzhou), one VPC 10.0.0.0/8, /20 vSwitches
 * alternating cn-hangzhou-h / cn-hangzhou-i (one per 67 instances = 201 ENIs), one basic security
 * group per vSwitch with one ingress rule (67 x 16 = 1,072 addresses each, within ENI-SG-CAPACITY's 6,000), ecs.g7.xlarge instances (4 ENIs, 15 addresses per ENI) each with 3
 * secondary ENIs in the instance's vSwitch, every ENI with 4 secondary private IPs, and an EIP on
 * every 10th ENI bound to its first secondary IP.
 *
 * Both versions build the SAME construct tree paths (the baseline groups its L1 resources in plain
 * constructs named like the L2 ones), so the synthesized Terraform JSON is byte-identical and
 * `measure --check` can prove it.
 */

/**
 * Which address families the app uses (`ENI_BENCH_VARIANT`, set by `npm run bench -- --variant ...`):
 * - `ipv4` (default): the app above;
 * - `dual-stack`: the VPC is imported with an IPv6 block (2408:4005:3a6:a100::/56), each vSwitch enables IPv6 with
 *   suffix = its index, every instance gets 1 IPv6 address and every ENI 2 (all planned: the /64s are known);
 * - `prefixes`: /19 vSwitches, each with two /21 CIDR reservations (mask, chosen by the planner), and every ENI in
 *   prefix mode with 1 /28 prefix instead of its 4 secondary IPs (EIPs bind to the ENI's primary IP).
 */
export type Variant = "ipv4" | "dual-stack" | "prefixes";
export const VARIANT: Variant = ((): Variant => {
  const v = process.env.ENI_BENCH_VARIANT ?? "ipv4";
  if (v !== "ipv4" && v !== "dual-stack" && v !== "prefixes") throw new Error(`ENI_BENCH_VARIANT ${v} is not ipv4, dual-stack or prefixes`);
  return v;
})();
/** The imported VPC of the dual-stack variant. */
export const DUAL_STACK_VPC = { vpcId: "vpc-bp1benchdualstack", ipv6CidrBlock: "2408:4005:3a6:a100::/56" } as const;
export const IPV6_PER_INSTANCE = 1;
export const IPV6_PER_ENI = 2;
/** Reservations per vSwitch in the prefixes variant (mask /21 each, 128 prefixes each). */
export const RESERVATIONS = ["PrefixesA", "PrefixesB"] as const;
export const RESERVATION_MASK = 21;

export const STACK_ID = "bench";
export const REGION = "cn-hangzhou";
export const ZONES = ["cn-hangzhou-h", "cn-hangzhou-i"] as const;
export const VPC_CIDR = "10.0.0.0/8";
export const VSWITCH_PREFIX = VARIANT === "prefixes" ? 19 : 20;
export const INSTANCE_TYPE = "ecs.g7.xlarge";
export const IMAGE_ID = "aliyun_3_x64_20G_alibase_20240819.vhd";
export const ENIS_PER_INSTANCE = 3;
export const SECONDARY_IPS_PER_ENI = VARIANT === "prefixes" ? 0 : 4;
export const EIP_EVERY = 10;
/** 67 instances x 3 ENIs = 201 ENIs per vSwitch ("one vSwitch per ~200 ENIs"). */
export const INSTANCES_PER_VSWITCH = Math.ceil(200 / ENIS_PER_INSTANCE);
/** The single ingress rule: tcp 443 from the VPC. */
export const INGRESS = { cidr: "10.0.0.0/8", port: 443 } as const;

export interface EniSpec {
  /** Global ENI index, 0-based. */
  readonly index: number;
  /** Construct id (a child of the stack). */
  readonly id: string;
  /** True when this ENI carries an EIP (on its first secondary IP). */
  readonly eip: boolean;
}

export interface InstanceSpec {
  readonly index: number;
  readonly id: string;
  readonly vswitch: number;
  readonly enis: readonly EniSpec[];
}

export interface VSwitchSpec {
  readonly index: number;
  readonly id: string;
  /** Construct id of the vSwitch's security group (one basic group per vSwitch, see ENI-SG-CAPACITY). */
  readonly sgId: string;
  readonly zone: string;
  readonly cidr: string;
  /** First address of the block as an unsigned 32-bit integer. */
  readonly network: number;
}

export interface AppShape {
  readonly enis: number;
  readonly vswitches: readonly VSwitchSpec[];
  readonly instances: readonly InstanceSpec[];
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function formatIp(v: number): string {
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** The app of `enis` ENIs (the last instance may have fewer than 3). */
export function shapeOf(enis: number): AppShape {
  if (!Number.isInteger(enis) || enis < 1) throw new Error(`size ${enis} is not a whole number of ENIs >= 1`);
  const instanceCount = Math.ceil(enis / ENIS_PER_INSTANCE);
  const vswitchCount = Math.ceil(instanceCount / INSTANCES_PER_VSWITCH);
  const blockSize = 2 ** (32 - VSWITCH_PREFIX);
  if (vswitchCount * blockSize > 2 ** 24) throw new Error(`size ${enis} needs ${vswitchCount} /${VSWITCH_PREFIX} vSwitches: more than 10.0.0.0/8 holds`);
  const width = Math.max(5, String(instanceCount).length);
  const vswitches: VSwitchSpec[] = [];
  for (let k = 0; k < vswitchCount; k++) {
    const network = (10 * 2 ** 24 + k * blockSize) >>> 0;
    vswitches.push({ index: k, id: `Vsw${pad(k, 3)}`, sgId: `Sg${pad(k, 3)}`, zone: ZONES[k % ZONES.length], cidr: `${formatIp(network)}/${VSWITCH_PREFIX}`, network });
  }
  const instances: InstanceSpec[] = [];
  for (let i = 0; i < instanceCount; i++) {
    const id = `Inst${pad(i, width)}`;
    const list: EniSpec[] = [];
    for (let e = 0; e < ENIS_PER_INSTANCE; e++) {
      const index = i * ENIS_PER_INSTANCE + e;
      if (index >= enis) break;
      list.push({ index, id: `${id}Eni${e + 1}`, eip: index % EIP_EVERY === 0 });
    }
    instances.push({ index: i, id, vswitch: Math.floor(i / INSTANCES_PER_VSWITCH), enis: list });
  }
  return { enis, vswitches, instances };
}

/** Addresses of one ENI (primary + 4 secondary) and the instances' primary addresses. */
export interface AddressTable {
  readonly instancePrimary: ReadonlyMap<string, string>;
  readonly eniPrimary: ReadonlyMap<string, string>;
  readonly eniSecondary: ReadonlyMap<string, readonly string[]>;
  /** IPv6 addresses (dual-stack) by construct id. */
  readonly ipv6: ReadonlyMap<string, readonly string[]>;
  /** Prefixes (prefixes variant) by ENI id. */
  readonly prefixes: ReadonlyMap<string, readonly string[]>;
  /** Reservation blocks (prefixes variant) by `<vswitch id>/<reservation id>`. */
  readonly reservations: ReadonlyMap<string, string>;
  /** Every planned value by planner key, for the check. */
  readonly byKey: ReadonlyMap<string, string>;
}

/**
 * The addresses the planner gives (no lock file, nothing explicit): within each vSwitch, every
 * address slot `<construct path>#<role>` in plain string order gets the next address, starting
 * at the second address of the block (the first and the last three are reserved).
 * Computed here so the baseline can hard-code them; `measure --check` proves they match.
 */
export function addressTable(shape: AppShape): AddressTable {
  const byPool: { key: string; set: (ip: string) => void }[][] = shape.vswitches.map(() => []);
  const instancePrimary = new Map<string, string>();
  const eniPrimary = new Map<string, string>();
  const eniSecondary = new Map<string, string[]>();
  for (const inst of shape.instances) {
    const pool = byPool[inst.vswitch];
    pool.push({ key: `${STACK_ID}/${inst.id}#primary`, set: (ip) => instancePrimary.set(inst.id, ip) });
    for (const eni of inst.enis) {
      const secondaries: string[] = new Array(SECONDARY_IPS_PER_ENI);
      eniSecondary.set(eni.id, secondaries);
      pool.push({ key: `${STACK_ID}/${eni.id}#primary`, set: (ip) => eniPrimary.set(eni.id, ip) });
      for (let s = 1; s <= SECONDARY_IPS_PER_ENI; s++) {
        pool.push({ key: `${STACK_ID}/${eni.id}#secondary-${s}`, set: (ip) => (secondaries[s - 1] = ip) });
      }
    }
  }
  const usable = VARIANT === "prefixes" ? 2 ** (32 - RESERVATION_MASK) - 1 : 2 ** (32 - VSWITCH_PREFIX) - 4;
  const byKey = new Map<string, string>();
  const sortKeys = <T extends { key: string }>(l: T[]) => l.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  byPool.forEach((slots, k) => {
    if (slots.length > usable) throw new Error(`vSwitch ${k} would need ${slots.length} addresses; a /${VSWITCH_PREFIX} has ${usable}`);
    sortKeys(slots).forEach((slot, i) => {
      const ip = formatIp(shape.vswitches[k].network + 1 + i);
      slot.set(ip);
      byKey.set(slot.key, ip);
    });
  });
  const ipv6 = new Map<string, string[]>();
  const prefixes = new Map<string, string[]>();
  const reservations = new Map<string, string>();
  if (VARIANT === "dual-stack") {
    // Each vSwitch's /64 is the VPC /56 plus its index; addresses from ::1 up, in key order.
    shape.vswitches.forEach((v) => {
      const slots: { key: string; owner: string }[] = [];
      for (const inst of shape.instances.filter((i) => i.vswitch === v.index)) {
        for (let n = 1; n <= IPV6_PER_INSTANCE; n++) slots.push({ key: `${STACK_ID}/${inst.id}#ipv6-${n}`, owner: inst.id });
        for (const e of inst.enis) for (let n = 1; n <= IPV6_PER_ENI; n++) slots.push({ key: `${STACK_ID}/${e.id}#ipv6-${n}`, owner: e.id });
      }
      sortKeys(slots).forEach((s, i) => {
        const ip = `2408:4005:3a6:${(0xa100 + v.index).toString(16)}::${(i + 1).toString(16)}`;
        byKey.set(s.key, ip);
        ipv6.set(s.owner, [...(ipv6.get(s.owner) ?? []), ip]);
      });
    });
  }
  if (VARIANT === "prefixes") {
    // Reservations top down, skipping the quarter that holds the last three addresses: A gets the 3rd /21, B the 2nd.
    shape.vswitches.forEach((v) => {
      const size = 2 ** (32 - RESERVATION_MASK);
      const blocks = RESERVATIONS.map((r, j) => ({ id: r, network: v.network + (2 - j) * size }));
      for (const b of blocks) {
        const cidr = `${formatIp(b.network)}/${RESERVATION_MASK}`;
        reservations.set(`${v.id}/${b.id}`, cidr);
        byKey.set(`${STACK_ID}/${v.id}/${b.id}#cidr`, cidr);
      }
      const candidates = [...blocks].sort((a, b) => a.network - b.network).flatMap((b) => Array.from({ length: size / 16 }, (_, i) => `${formatIp(b.network + 16 * i)}/28`));
      const slots = sortKeys(shape.instances.filter((i) => i.vswitch === v.index).flatMap((i) => i.enis.map((e) => ({ key: `${STACK_ID}/${e.id}#prefix-1`, eni: e.id }))));
      if (slots.length > candidates.length) throw new Error(`vSwitch ${v.id} would need ${slots.length} prefixes; its reservations hold ${candidates.length}`);
      slots.forEach((s, i) => {
        prefixes.set(s.eni, [candidates[i]]);
        byKey.set(s.key, candidates[i]);
      });
    });
  }
  return { instancePrimary, eniPrimary, eniSecondary, ipv6, prefixes, reservations, byKey };
}

/** Resource counts of the app, for the report. */
export function resourceCounts(shape: AppShape): Record<string, number> {
  const enis = shape.instances.reduce((n, i) => n + i.enis.length, 0);
  const eips = shape.instances.reduce((n, i) => n + i.enis.filter((e) => e.eip).length, 0);
  return {
    ...(VARIANT === "dual-stack" ? {} : { alicloud_vpc: 1 }),
    ...(VARIANT === "prefixes" ? { alicloud_vpc_vswitch_cidr_reservation: shape.vswitches.length * RESERVATIONS.length } : {}),
    alicloud_vswitch: shape.vswitches.length,
    alicloud_security_group: shape.vswitches.length,
    alicloud_security_group_rule: shape.vswitches.length,
    alicloud_instance: shape.instances.length,
    alicloud_ecs_network_interface: enis,
    alicloud_ecs_network_interface_attachment: enis,
    alicloud_eip_address: eips,
    alicloud_eip_association: eips,
  };
}
