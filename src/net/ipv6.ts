import * as ipaddr from "ipaddr.js";

/**
 * IPv6 addresses as unsigned 128-bit bigints, and IPv6 CIDR blocks as value objects.
 * Pure: no cdktf, no constructs. Text output is always RFC 5952 canonical form
 * (lower case, longest zero run compressed), so equal addresses compare equal as strings.
 */

/** Thrown when a string is not the IPv6 address or CIDR block it should be. */
export class Ipv6FormatError extends Error {
  constructor(
    message: string,
    /** Why the value is not valid, without the value itself. */
    public readonly reason: string = message,
  ) {
    super(message);
    this.name = "Ipv6FormatError";
  }
}

/** Explains why `text` is not a plain IPv6 address, or returns undefined when it is one. */
function whyNotIpv6(text: unknown): string | undefined {
  if (typeof text !== "string" || text.trim() === "") return "it is empty";
  if (text.includes("%")) return "it has a zone index (%...); give the address without it";
  if (ipaddr.IPv4.isValid(text) && !text.includes(":")) return "it is an IPv4 address; an IPv6 address is needed here";
  if (!ipaddr.IPv6.isValid(text)) return "it is not an IPv6 address (e.g. 2408:4005:3a6:a100::10)";
  return undefined;
}

/** Parses an IPv6 address into a 128-bit bigint; throws Ipv6FormatError otherwise. */
export function parseIpv6(text: string, what = "IPv6 address"): bigint {
  const why = whyNotIpv6(text);
  if (why) throw new Ipv6FormatError(`"${text}" is not a valid ${what}: ${why}`, why);
  let v = 0n;
  for (const b of ipaddr.IPv6.parse(text).toByteArray()) v = (v << 8n) | BigInt(b);
  return v;
}

/** The address as a bigint, or undefined when `text` is not an IPv6 address. */
export function tryParseIpv6(text: string): bigint | undefined {
  return whyNotIpv6(text) === undefined ? parseIpv6(text) : undefined;
}

/** True when `text` is an IPv6 address. */
export function isIpv6(text: string): boolean {
  return whyNotIpv6(text) === undefined;
}

/** Formats a 128-bit bigint as canonical RFC 5952 text. */
export function formatIpv6(value: bigint): string {
  const bytes: number[] = new Array(16);
  let v = value;
  for (let i = 15; i >= 0; i--) {
    bytes[i] = Number(v & 255n);
    v >>= 8n;
  }
  return (ipaddr.fromByteArray(bytes) as ipaddr.IPv6).toRFC5952String();
}

/** Canonical text of an IPv6 address (throws when it is not one). */
export function canonicalIpv6(text: string): string {
  return formatIpv6(parseIpv6(text));
}

const ALL = (1n << 128n) - 1n;

/** An IPv6 CIDR block such as 2408:4005:3a6:a100::/64, in canonical form (host bits zero). */
export class Ipv6Cidr {
  /** Parses `addr/prefix`; throws Ipv6FormatError when malformed, IPv4, prefix outside 0-128, or host bits set. */
  public static parse(text: string, what = "IPv6 CIDR block"): Ipv6Cidr {
    if (typeof text !== "string" || !text.includes("/")) {
      throw new Ipv6FormatError(`"${text}" is not a valid ${what}: expected address/prefix, e.g. 2408:4005:3a6:a100::/64`);
    }
    const [addr, prefixText, ...rest] = text.split("/");
    if (rest.length > 0 || !/^\d{1,3}$/.test(prefixText) || Number(prefixText) > 128) {
      throw new Ipv6FormatError(`"${text}" is not a valid ${what}: the prefix length must be a whole number 0-128`);
    }
    const why = whyNotIpv6(addr);
    if (why) throw new Ipv6FormatError(`"${text}" is not a valid ${what}: ${why}`);
    const address = parseIpv6(addr);
    const cidr = new Ipv6Cidr(address, Number(prefixText));
    if (cidr.network !== address) {
      throw new Ipv6FormatError(`"${text}" is not a valid ${what}: host bits are set; the block starting at that prefix is ${cidr.toString()}`);
    }
    return cidr;
  }

  /** The block of `prefix` bits starting at `network` (host bits are cleared). */
  public static of(network: bigint, prefix: number): Ipv6Cidr {
    return new Ipv6Cidr(network, prefix);
  }

  /** First address of the block. */
  public readonly network: bigint;
  /** Prefix length, 0-128. */
  public readonly prefix: number;

  private constructor(address: bigint, prefix: number) {
    this.prefix = prefix;
    const hostMask = prefix === 128 ? 0n : (1n << BigInt(128 - prefix)) - 1n;
    this.network = address & (ALL ^ hostMask);
  }

  /** Number of addresses in the block. */
  public get size(): bigint {
    return 1n << BigInt(128 - this.prefix);
  }

  /** Last address of the block. */
  public get last(): bigint {
    return this.network + this.size - 1n;
  }

  /** True when the address lies inside this block. */
  public contains(address: bigint): boolean {
    return address >= this.network && address <= this.last;
  }

  /** True when `other` lies entirely inside this block. */
  public containsCidr(other: Ipv6Cidr): boolean {
    return other.network >= this.network && other.last <= this.last;
  }

  /** Canonical text, e.g. 2408:4005:3a6:a100::/64. */
  public toString(): string {
    return `${formatIpv6(this.network)}/${this.prefix}`;
  }
}
