import type { IConstruct } from "constructs";
import { EniConfigError } from "../errors";
import type { FactValue } from "../model/facts";
import { Ipv4Cidr, Ipv4FormatError } from "../net/ipv4";
import { ipv6Fact, isToken, stringFact } from "./private/props";
import type { ISecurityGroup } from "./security-group";

/** The other side of a security group rule: an IPv4 or IPv6 CIDR block, or another security group. */
export abstract class Peer {
  /** An IPv4 CIDR block, e.g. 10.0.0.0/8. */
  public static ipv4(cidr: string): Peer {
    return new CidrPeer(cidr);
  }
  /** Any IPv4 address (0.0.0.0/0). */
  public static anyIpv4(): Peer {
    return new CidrPeer("0.0.0.0/0");
  }
  /** An IPv6 CIDR block, e.g. 2408:4005:3a6::/48 (written as `ipv6_cidr_ip`). */
  public static ipv6(cidr: string): Peer {
    return new CidrPeer(cidr, true);
  }
  /** Any IPv6 address (::/0). */
  public static anyIpv6(): Peer {
    return new CidrPeer("::/0", true);
  }
  /** Another security group (in the same VPC). */
  public static securityGroup(group: ISecurityGroup): Peer {
    return new GroupPeer(group);
  }
}

/** A CIDR peer. */
export class CidrPeer extends Peer {
  constructor(
    public readonly cidr: string,
    /** True for an IPv6 block (`ipv6_cidr_ip`). */
    public readonly ipv6 = false,
  ) {
    super();
  }
}

/** A security-group peer. */
export class GroupPeer extends Peer {
  constructor(public readonly group: ISecurityGroup) {
    super();
  }
}

/**
 * Validates a CIDR peer's block where the rule is created. The block is parsed canonically, as
 * everywhere in this library: a.b.c.d/p with decimal octets and prefix without leading zeros and
 * no host bits, so 0.0.0.0/00 or 10.0.0.1/8 are refused (they do not read as what they admit).
 */
export function peerCidrFact(scope: IConstruct, peer: CidrPeer): FactValue<string> {
  if (isToken(peer.cidr)) return stringFact(peer.cidr);
  if (peer.ipv6) {
    const [addr, prefix, ...rest] = String(peer.cidr).split("/");
    ipv6Fact(scope, addr, `peer IPv6 CIDR block "${peer.cidr}"`);
    if (rest.length > 0 || prefix === undefined || !/^\d{1,3}$/.test(prefix) || Number(prefix) > 128) {
      throw new EniConfigError(scope.node.path, `peer IPv6 CIDR block "${peer.cidr}" is not valid: expected address/prefix with a prefix from 0 to 128, e.g. 2408:4005:3a6::/48.`);
    }
    return peer.cidr;
  }
  try {
    return Ipv4Cidr.parse(peer.cidr, "peer CIDR block").toString();
  } catch (e) {
    if (!(e instanceof Ipv4FormatError)) throw e;
    throw new EniConfigError(scope.node.path, `${e.message}.`, { fix: 'Write the block canonically, e.g. Peer.ipv4("10.0.0.0/8"), or Peer.anyIpv4() for 0.0.0.0/0.' });
  }
}
