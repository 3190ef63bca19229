import * as ipaddr from "ipaddr.js";

/**
 * IPv4 addresses as unsigned 32-bit integers, and CIDR blocks as value objects.
 * Pure: no cdktf, no constructs. Used by the L2 resources (construction-time checks)
 * and by the planner (allocation and containment).
 */

/** Thrown when a string is not the IPv4 address or CIDR block it should be. */
export class Ipv4FormatError extends Error {
  constructor(
    message: string,
    /** Why the value is not valid, without the value itself (e.g. "it is an IPv6 address; ..."). */
    public readonly reason: string = message,
  ) {
    super(message);
    this.name = "Ipv4FormatError";
  }
}

/**
 * Parses a canonical dotted quad ("10.0.1.4": four decimal octets 0-255, no leading zeros, no spaces)
 * without ipaddr.js, which is ~10x slower and dominated reading a 100,000-entry lock file. Returns
 * undefined for anything else; every string it accepts, the full check accepts with the same value.
 */
export function parseCanonicalIpv4(text: string): number | undefined {
  const n = text.length;
  if (n < 7 || n > 15) return undefined;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && octet === 0) return undefined; // leading zero
      octet = octet * 10 + (c - 48);
      digits++;
      if (octet > 255) return undefined;
    } else if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || dots !== 3) return undefined;
  return value * 256 + octet;
}

/** Explains why `text` is not a dotted-quad IPv4 address, or returns undefined when it is one. */
function whyNotIpv4(text: string): string | undefined {
  if (typeof text !== "string" || text.trim() === "") return "it is empty";
  if (ipaddr.IPv6.isValid(text) && !ipaddr.IPv4.isValid(text)) {
    return "it is an IPv6 address; an IPv4 address is needed here";
  }
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) return "it is not four decimal octets (a.b.c.d, each 0-255)";
  return undefined;
}

/** Parses a dotted-quad IPv4 address into an unsigned 32-bit integer; throws Ipv4FormatError otherwise. */
export function parseIpv4(text: string, what = "IPv4 address"): number {
  const fast = typeof text === "string" ? parseCanonicalIpv4(text) : undefined;
  if (fast !== undefined) return fast;
  const why = whyNotIpv4(text);
  if (why) throw new Ipv4FormatError(`"${text}" is not a valid ${what}: ${why}`, why);
  const o = ipaddr.IPv4.parse(text).octets;
  return ((o[0] << 24) >>> 0) + (o[1] << 16) + (o[2] << 8) + o[3];
}

/** The address as an unsigned 32-bit integer, or undefined when `text` is not a dotted-quad IPv4 address. */
export function tryParseIpv4(text: string): number | undefined {
  if (typeof text !== "string") return undefined;
  return parseCanonicalIpv4(text) ?? (whyNotIpv4(text) === undefined ? parseIpv4(text) : undefined);
}

/** Returns true when `text` is a dotted-quad IPv4 address. */
export function isIpv4(text: string): boolean {
  return (typeof text === "string" && parseCanonicalIpv4(text) !== undefined) || whyNotIpv4(text) === undefined;
}

/** Formats an unsigned 32-bit integer as a dotted-quad IPv4 address. */
export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** Addresses in a block of each prefix length 0-32 (2^(32-prefix)), looked up instead of computed: the allocator asks often. */
const BLOCK_SIZES: readonly number[] = Array.from({ length: 33 }, (_, prefix) => 2 ** (32 - prefix));

/** An IPv4 CIDR block such as 10.0.1.0/24, always in canonical form (host bits zero). */
export class Ipv4Cidr {
  /**
   * Parses `a.b.c.d/p` canonically. Throws Ipv4FormatError naming the value when it is malformed, IPv6,
   * has a prefix outside 0-32, is not canonical (leading zeros: 0.0.0.0/00, 10.0.01.0/24), or has host
   * bits set (e.g. 10.0.1.5/24: use 10.0.1.0/24).
   */
  public static parse(text: string, what = "IPv4 CIDR block"): Ipv4Cidr {
    if (typeof text !== "string" || !text.includes("/")) {
      throw new Ipv4FormatError(`"${text}" is not a valid ${what}: expected a.b.c.d/prefix, e.g. 10.0.0.0/16`);
    }
    const [addr, prefixText, ...rest] = text.split("/");
    if (ipaddr.IPv6.isValid(addr) && !ipaddr.IPv4.isValid(addr)) {
      throw new Ipv4FormatError(`"${text}" is not a valid ${what}: it is an IPv6 block; an IPv4 block is needed here`);
    }
    if (rest.length > 0 || !/^\d{1,2}$/.test(prefixText)) {
      throw new Ipv4FormatError(`"${text}" is not a valid ${what}: the prefix length must be a whole number 0-32`);
    }
    if (!/^(0|[1-9]\d?)$/.test(prefixText)) {
      throw new Ipv4FormatError(`"${text}" is not a valid ${what}: the prefix /${prefixText} is not canonical (no leading zero); write ${addr}/${Number(prefixText)}`);
    }
    const prefix = Number(prefixText);
    if (prefix > 32) throw new Ipv4FormatError(`"${text}" is not a valid ${what}: prefix /${prefix} is longer than 32`);
    const why = whyNotIpv4(addr);
    if (why) throw new Ipv4FormatError(`"${text}" is not a valid ${what}: ${why}`);
    const address = parseIpv4(addr);
    if (parseCanonicalIpv4(addr) === undefined) {
      throw new Ipv4FormatError(`"${text}" is not a valid ${what}: the address is not canonical (decimal octets without leading zeros); write ${formatIpv4(address)}/${prefix}`);
    }
    const cidr = new Ipv4Cidr(address, prefix);
    if (cidr.network !== address) {
      throw new Ipv4FormatError(`"${text}" is not a valid ${what}: host bits are set; the block starting at that prefix is ${cidr.toString()}`);
    }
    return cidr;
  }

  /** Returns the parsed block, or undefined when `text` is not a canonical IPv4 CIDR block. */
  public static tryParse(text: string): Ipv4Cidr | undefined {
    try {
      return Ipv4Cidr.parse(text);
    } catch {
      return undefined;
    }
  }

  /** First address of the block, as an unsigned 32-bit integer. */
  public readonly network: number;
  /** Prefix length, 0-32. */
  public readonly prefix: number;

  private constructor(address: number, prefix: number) {
    this.prefix = prefix;
    this.network = prefix === 0 ? 0 : (address & (~0 << (32 - prefix))) >>> 0;
  }

  /** Number of addresses in the block (2^(32-prefix)). */
  public get size(): number {
    return BLOCK_SIZES[this.prefix];
  }

  /** Last address of the block. */
  public get last(): number {
    return this.network + BLOCK_SIZES[this.prefix] - 1;
  }

  /** True when the address (integer) lies inside this block. */
  public contains(address: number): boolean {
    return address >= this.network && address - this.network < BLOCK_SIZES[this.prefix];
  }

  /** True when `other` lies entirely inside this block. */
  public containsCidr(other: Ipv4Cidr): boolean {
    return other.network >= this.network && other.last <= this.last;
  }

  /** True when the two blocks share at least one address. */
  public overlaps(other: Ipv4Cidr): boolean {
    return this.network <= other.last && other.network <= this.last;
  }

  /** Canonical text, e.g. 10.0.1.0/24. */
  public toString(): string {
    return `${formatIpv4(this.network)}/${this.prefix}`;
  }
}
