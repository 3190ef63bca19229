import type { IConstruct } from "constructs";
import * as ipaddr from "ipaddr.js";
import { Token } from "../../cdktf";
import { EniConfigError } from "../../errors";
import { FactValue, isUnknown } from "../../model/facts";
import { unknownValue } from "../../tokens";

export { unknownValue };
import { Ipv4Cidr, Ipv4FormatError, parseIpv4 } from "../../net/ipv4";
import { formatIpv6, Ipv6FormatError, parseIpv6 } from "../../net/ipv6";
import { show } from "../../show";

/**
 * Construction-time checks of props: values that cannot work are rejected with an
 * {@link EniConfigError}; Terraform tokens are recorded as unknown for the planner.
 */

/** True when the value is a Terraform token (unknown until apply). */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** A string prop as a fact: the string, or unknown when it is a token. */
export function stringFact(value: string): FactValue<string> {
  return isToken(value) ? unknownValue(value) : value;
}

/** An IPv4 CIDR prop; throws naming the construct and value when it is not a CIDR block. */
export function cidrFact(scope: IConstruct, value: string, what: string): FactValue<Ipv4Cidr> {
  if (isToken(value)) return unknownValue(value);
  if (typeof value === "string" && ipaddr.IPv6.isValid(value.split("/")[0])) {
    // Ipv4Cidr.parse would only say "prefix /64 is longer than 32" for most IPv6 blocks.
    throw new EniConfigError(scope.node.path, `"${value}" is not a valid ${what}: it is an IPv6 CIDR block; an IPv4 block (a.b.c.d/prefix, e.g. 10.0.0.0/16) is needed here.`);
  }
  try {
    return Ipv4Cidr.parse(value, what);
  } catch (e) {
    throw new EniConfigError(scope.node.path, (e as Error).message);
  }
}

/** An IPv4 address prop; throws naming the construct and value when it is not IPv4 (IPv6 included). */
export function ipv4Fact(scope: IConstruct, value: string, what: string): FactValue<string> {
  if (isToken(value)) return unknownValue(value);
  try {
    parseIpv4(value, what);
    return value;
  } catch (e) {
    if (e instanceof Ipv4FormatError) throw new EniConfigError(scope.node.path, `${e.message}.`, { ruleId: "ENI-IP-INVALID", fix: "Use a dotted-quad IPv4 address, e.g. 10.0.1.10." });
    throw e;
  }
}

/** An IPv6 address prop, in canonical form; throws naming the construct and value when it is not IPv6. */
export function ipv6Fact(scope: IConstruct, value: string, what: string): FactValue<string> {
  if (isToken(value)) return unknownValue(value);
  try {
    return formatIpv6(parseIpv6(value, `IPv6 address (${what})`));
  } catch (e) {
    if (e instanceof Ipv6FormatError) throw new EniConfigError(scope.node.path, `${e.message}.`);
    throw e;
  }
}

/** An IPv4 prefix prop (a CIDR block), in canonical form; throws naming the construct and value when it is not one. */
export function prefixFact(scope: IConstruct, value: string, what: string): FactValue<string> {
  const f = cidrFact(scope, value, what);
  return isUnknown(f) ? f : f.toString();
}

/** A count prop: a whole number within [min, max]; throws otherwise. */
export function countProp(scope: IConstruct, value: number | undefined, what: string, min: number, max: number): number {
  if (value === undefined) return 0;
  if (isToken(value)) {
    throw new EniConfigError(scope.node.path, `${what} is a Terraform token; the planner must know it at synth time to allocate addresses. Use a number.`);
  }
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new EniConfigError(scope.node.path, `${what} is ${show(value)}; expected a whole number from ${min} to ${max}.`);
  }
  return value;
}

/** A name prop: when given, 2 to 128 characters and not blank. */
export function nameProp(scope: IConstruct, value: string | undefined, what: string): string | undefined {
  if (value === undefined || isToken(value)) return value;
  if (typeof value !== "string" || value.trim().length < 2 || value.length > 128) {
    throw new EniConfigError(scope.node.path, `${what} ${show(value)} is not valid; expected 2 to 128 characters, not blank. Omit it to let the cloud name the resource.`);
  }
  return value;
}

/** Rejects a props object that sets both members of a pair that cannot go together. */
export function exclusive(scope: IConstruct, a: [string, unknown], b: [string, unknown]): void {
  if (a[1] !== undefined && b[1] !== undefined) {
    throw new EniConfigError(scope.node.path, `${a[0]} and ${b[0]} cannot both be set: give explicit addresses with ${b[0]}, or a count with ${a[0]}.`);
  }
}

/** An address role given to addSecondaryPrivateIps: a non-blank string without `#` (it separates owner and role in allocation keys). */
export function roleProp(scope: IConstruct, role: string): string {
  if (typeof role === "string" && /^(ipv6-\d+|ipv6-count|prefix-\d+|cidr)$/.test(role)) {
    throw new EniConfigError(scope.node.path, `address role ${show(role)} is reserved for IPv6 addresses, prefixes and reservations; use another name, e.g. "app:web".`);
  }
  if (typeof role !== "string" || role.trim() === "" || role.includes("#")) {
    throw new EniConfigError(scope.node.path, `address role ${show(role)} is not valid; expected a non-blank name without "#", e.g. "app:web".`);
  }
  return role;
}

/** Throws unless the props (or attributes) object was given. */
export function requireObject<T>(scope: IConstruct, value: T | null | undefined, what: string): T {
  if (value === null || value === undefined || typeof value !== "object") {
    throw new EniConfigError(scope.node.path, `${what} is ${show(value)}; expected an object. Pass the ${what} this construct needs.`);
  }
  return value;
}

/** Throws unless a required prop is present (not null or undefined). */
export function requireValue<T>(scope: IConstruct, value: T | null | undefined, what: string, expected: string): T {
  if (value === null || value === undefined) {
    throw new EniConfigError(scope.node.path, `${what} is ${show(value)}; expected ${expected}.`);
  }
  return value;
}

/** What each kind of construct is, for "expected ..." in messages. */
const EXPECTED: Record<string, string> = {
  vpc: "a VPC (new Vpc or Vpc.fromVpcAttributes)",
  vswitch: "a VSwitch (new VSwitch or VSwitch.fromVSwitchAttributes)",
  "security-group": "a SecurityGroup (new SecurityGroup or SecurityGroup.fromSecurityGroupAttributes)",
  instance: "an ECS instance (new EcsInstance or EcsInstance.fromEcsInstanceAttributes)",
};

/** What an ENI-or-instance target (EIP association, HaVip member) must be. */
export const ENI_OR_INSTANCE = `a NetworkInterface (new NetworkInterface or NetworkInterface.fromNetworkInterfaceAttributes) or ${EXPECTED.instance}`;

/** Throws unless `value` is one of this library's constructs of the given kind (new or imported). */
export function requireKind<T extends { fact: { kind: string } }>(scope: IConstruct, value: T | null | undefined, kind: T["fact"]["kind"], what: string, expected = EXPECTED[kind]): T {
  const f = (value as { fact?: { kind?: unknown } } | null | undefined)?.fact;
  if (!f || f.kind !== kind) {
    const got = (value as { node?: { path?: string } } | null | undefined)?.node?.path;
    throw new EniConfigError(scope.node.path, `${what} is ${got !== undefined ? `the construct ${got}` : show(value)}; expected ${expected}.`);
  }
  return value as T;
}

/** Throws unless `groups` lists 1 or more of this library's security groups; `who` says whose ENI they are for. */
export function requireSecurityGroups<T extends { fact: { kind: string } }>(scope: IConstruct, groups: readonly T[] | null | undefined, who: string): readonly T[] {
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new EniConfigError(scope.node.path, `securityGroups is ${Array.isArray(groups) ? "empty" : show(groups)}; ${who} needs 1 to 5 security groups in its VPC.`, {
      ruleId: "ENI-SG-COUNT",
      fix: "Give at least one security group of the VPC (SecurityGroup, or SecurityGroup.fromSecurityGroupAttributes for an existing one).",
    });
  }
  groups.forEach((g, i) => requireKind(scope, g, "security-group", `securityGroups[${i}]`));
  const first = new Map<unknown, number>();
  groups.forEach((g, i) => {
    const key = (g.fact as { path?: string }).path ?? g;
    const j = first.get(key);
    if (j !== undefined) {
      const path = (g.fact as { path?: string }).path ?? `securityGroups[${j}]`;
      throw new EniConfigError(
        scope.node.path,
        `securityGroups lists ${path} twice (securityGroups[${j}] and securityGroups[${i}]); a group applies once, so ${who} would not have ${groups.length} groups.`,
        {
          fix: `Remove securityGroups[${i}].`,
        },
      );
    }
    first.set(key, i);
  });
  return groups;
}

/** For `fromXxxAttributes`: throws (naming the path the construct would have) unless `attrs` is an object. */
export function requireAttributes<T>(scope: IConstruct, id: string, attrs: T | null | undefined): T {
  if (attrs === null || attrs === undefined || typeof attrs !== "object") {
    const path = scope.node.path === "" ? id : `${scope.node.path}/${id}`;
    throw new EniConfigError(path, `attrs is ${show(attrs)}; expected an object describing the existing resource.`);
  }
  return attrs;
}
