import * as ipaddr from "ipaddr.js";
import { isUnknown, SecurityGroupRuleFact } from "../../model/facts";

/**
 * The effective inbound policy of an ENI on one port, the way Alibaba Cloud evaluates security group
 * rules: the rules of all the ENI's groups together, sorted by priority (1 is evaluated first, 100 last);
 * at equal priority a drop rule wins over an accept rule; the first rule that matches a packet decides;
 * a packet no rule matches is denied (basic groups also admit their own members, which is not the internet).
 * Sources: ECS API AuthorizeSecurityGroup ("The valid values of Priority range from 1 to 100. A smaller
 * value indicates a higher priority. When multiple security group rules have the same priority, drop rules
 * take precedence.", https://www.alibabacloud.com/help/en/ecs/developer-reference/api-ecs-2014-05-26-authorizesecuritygroup)
 * and ECS user guide "Security group rules" (https://www.alibabacloud.com/help/en/ecs/user-guide/security-group-rules).
 * Pure: no cdktf.
 */

/** An inclusive range of addresses of one family, as big integers. */
export interface AddressRange {
  readonly lo: bigint;
  readonly hi: bigint;
}

/** One IP family: its width and the ranges that are not public internet addresses. */
export interface Family {
  /** ipv4 or ipv6. */
  readonly name: "IPv4" | "IPv6";
  /** Address width in bits. */
  readonly bits: number;
  /** The public (globally routable) part of the address space, sorted and disjoint. */
  readonly publicRanges: readonly AddressRange[];
  /** The number of public addresses at or above which a source counts as "the internet". */
  readonly internetThreshold: bigint;
  /** How the threshold reads in messages. */
  readonly thresholdText: string;
}

function blockRange(network: bigint, prefix: number, bits: number): AddressRange {
  const size = 1n << BigInt(bits - prefix);
  return { lo: network, hi: network + size - 1n };
}

function v4(text: string): AddressRange {
  const [a, p] = text.split("/");
  return blockRange(ipv4Value(a), Number(p), 32);
}

function ipv4Value(a: string): bigint {
  return ipaddr.IPv4.parse(a).octets.reduce((acc, o) => (acc << 8n) + BigInt(o), 0n);
}

function ipv6Value(a: string): bigint {
  return ipaddr.IPv6.parse(a).parts.reduce((acc, p) => (acc << 16n) + BigInt(p), 0n);
}

/** IPv4 ranges that are not internet sources (RFC 6890 special-purpose blocks, private, shared, multicast, reserved). */
const IPV4_NOT_PUBLIC = [
  "0.0.0.0/8",
  "10.0.0.0/8",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "172.16.0.0/12",
  "192.0.0.0/24",
  "192.168.0.0/16",
  "198.18.0.0/15",
  "224.0.0.0/4",
  "240.0.0.0/4",
].map(v4);

/** IPv4: a source admitting a /8's worth (16,777,216) of public addresses or more is "the internet". */
export const IPV4: Family = {
  name: "IPv4",
  bits: 32,
  publicRanges: subtract([{ lo: 0n, hi: (1n << 32n) - 1n }], IPV4_NOT_PUBLIC),
  internetThreshold: 1n << 24n,
  thresholdText: "a /8's worth",
};

/** IPv6: global unicast (2000::/3) is public; a /32's worth (an ISP allocation) or more is "the internet". */
export const IPV6: Family = {
  name: "IPv6",
  bits: 128,
  publicRanges: [blockRange(0x2n << 124n, 3, 128)],
  internetThreshold: 1n << 96n,
  thresholdText: "a /32's worth",
};

/** Sorted, merged union of ranges. */
export function union(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi + 1n) out[out.length - 1] = { lo: last.lo, hi: r.hi > last.hi ? r.hi : last.hi };
    else out.push(r);
  }
  return out;
}

/** `ranges` minus `cut` (both any ranges); the result is sorted and disjoint. */
export function subtract(ranges: readonly AddressRange[], cut: readonly AddressRange[]): AddressRange[] {
  const c = union(cut);
  const out: AddressRange[] = [];
  for (const r of union(ranges)) {
    let lo = r.lo;
    for (const x of c) {
      if (x.hi < lo || x.lo > r.hi) continue;
      if (x.lo > lo) out.push({ lo, hi: x.lo - 1n });
      lo = x.hi + 1n;
      if (lo > r.hi) break;
    }
    if (lo <= r.hi) out.push({ lo, hi: r.hi });
  }
  return out;
}

/** `a` ∩ `b`. */
export function intersect(a: readonly AddressRange[], b: readonly AddressRange[]): AddressRange[] {
  return subtract(a, subtract(a, b));
}

/** Number of addresses in sorted, disjoint ranges. */
export function count(ranges: readonly AddressRange[]): bigint {
  return ranges.reduce((n, r) => n + (r.hi - r.lo + 1n), 0n);
}

/**
 * The source range of a rule in `family`: undefined when the rule has no source of that family (or it is
 * a token), "unreadable" when its text is not a block of that family (e.g. from hand-written L1 JSON).
 */
export function sourceRange(rule: SecurityGroupRuleFact, family: Family): AddressRange | "unreadable" | undefined {
  const text = family === IPV4 ? rule.cidr : rule.ipv6Cidr;
  if (text === undefined || isUnknown(text)) return undefined;
  const [addr, p, ...rest] = String(text).split("/");
  const prefix = Number(p);
  const valid = family === IPV4 ? ipaddr.IPv4.isValidFourPartDecimal(addr ?? "") : ipaddr.IPv6.isValid(addr ?? "");
  if (!valid || rest.length > 0 || !/^\d{1,3}$/.test(p ?? "") || prefix > family.bits) return "unreadable";
  const value = family === IPV4 ? ipv4Value(addr) : ipv6Value(addr);
  const bits = BigInt(family.bits - prefix);
  return blockRange((value >> bits) << bits, prefix, family.bits);
}

/** True when a rule's protocol and ports cover tcp `port`. */
export function coversTcpPort(rule: SecurityGroupRuleFact, port: number): boolean {
  return rule.protocol === "all" || (rule.protocol === "tcp" && port >= rule.fromPort && port <= rule.toPort);
}

/** The priority of a rule (1 when not set, the provider's default). */
export function priorityOf(rule: SecurityGroupRuleFact): number {
  const p = rule.priority;
  return p === undefined || isUnknown(p) ? 1 : p;
}

/** What the rules admit on one port in one family, and which accept rules admit public addresses. */
export interface EffectiveIngress {
  /** Sources admitted (sorted, disjoint). */
  readonly admitted: readonly AddressRange[];
  /** Public addresses admitted. */
  readonly publicCount: bigint;
  /** Accept rules that decide for at least one public address, in evaluation order. */
  readonly openers: readonly SecurityGroupRuleFact[];
}

/**
 * Evaluates inbound rules (all known: concrete source and priority) for tcp `port` in `family`:
 * rules in evaluation order (priority ascending, drop before accept at equal priority, then path for a
 * stable order); each decides the part of its source range no earlier rule decided.
 */
export function effectiveIngress(rules: readonly SecurityGroupRuleFact[], port: number, family: Family): EffectiveIngress {
  const relevant = rules
    .filter((r) => r.direction === "ingress" && coversTcpPort(r, port) && typeof sourceRange(r, family) === "object")
    .sort((a, b) => priorityOf(a) - priorityOf(b) || (a.policy === b.policy ? 0 : a.policy === "drop" ? -1 : 1) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  let decided: AddressRange[] = [];
  const admitted: AddressRange[] = [];
  const openers: SecurityGroupRuleFact[] = [];
  for (const r of relevant) {
    const fresh = subtract([sourceRange(r, family) as AddressRange], decided);
    if (r.policy === "accept" && fresh.length > 0) {
      admitted.push(...fresh);
      if (intersect(fresh, family.publicRanges).length > 0) openers.push(r);
    }
    decided = union([...decided, ...fresh]);
  }
  const all = union(admitted);
  return { admitted: all, publicCount: count(intersect(all, family.publicRanges)), openers };
}
