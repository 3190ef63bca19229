import { Ipv4Cidr } from "../../net/ipv4";

/** Shortest vSwitch prefix Alibaba Cloud accepts (65,536 addresses). */
export const MIN_VSWITCH_PREFIX = 16;
/** Longest vSwitch prefix Alibaba Cloud accepts (8 addresses). */
export const MAX_VSWITCH_PREFIX = 29;
/** Addresses Alibaba Cloud reserves in every vSwitch: the first one and the last three. */
export const RESERVED_PER_VSWITCH = 4;

const FULL_WORD = 0xffffffff;

/**
 * The private IPv4 addresses of one vSwitch, as a bitmap over the whole block
 * (one bit per address; a /16 is 65,536 bits = 8 KiB, allocated on first write).
 *
 * Alibaba Cloud reserves the first address and the last three of every vSwitch CIDR
 * (10.0.1.0/24: .0, .253, .254 and .255); those are marked at construction and can never be
 * taken or allocated. `next()` hands out the lowest free address using a cursor that only moves
 * backwards on `release`, so a run of allocations costs amortised O(1) each (whole words of
 * 32 taken addresses are skipped at once), never O(size) per call.
 *
 * Addresses are unsigned 32-bit integers as produced by `parseIpv4`.
 */
export class AddressPool {
  /** Pool id (the vSwitch's id in the network model). */
  public readonly id: string;
  /** The vSwitch CIDR block. */
  public readonly cidr: Ipv4Cidr;

  /** One bit per address of the block, 1 = reserved, taken, or padding past the end. Created lazily. */
  private bits: Uint32Array | undefined;
  /** Every bit index below the cursor is set: the lowest free address is at or above it. */
  private cursor = 1;
  /** Addresses taken (reserved ones not counted). */
  private taken = 0;

  /**
   * @param id the pool (vSwitch) id, used in messages
   * @param cidr the vSwitch CIDR; must be /16 to /29 (throws RangeError otherwise)
   */
  constructor(id: string, cidr: Ipv4Cidr) {
    if (cidr.prefix < MIN_VSWITCH_PREFIX || cidr.prefix > MAX_VSWITCH_PREFIX) {
      throw new RangeError(`vSwitch "${id}" has CIDR ${cidr.toString()}, but a vSwitch CIDR must be /${MIN_VSWITCH_PREFIX} to /${MAX_VSWITCH_PREFIX}; ` + `use a block of 8 to 65,536 addresses`);
    }
    this.id = id;
    this.cidr = cidr;
  }

  /** Addresses that can ever be allocated: the block size minus the 4 reserved ones. */
  public get usable(): number {
    return this.cidr.size - RESERVED_PER_VSWITCH;
  }

  /** Addresses taken (by `take` or `next`), reserved ones not counted. */
  public get used(): number {
    return this.taken;
  }

  /** Addresses still available to `take` or `next`. */
  public get free(): number {
    return this.usable - this.taken;
  }

  /** True when `ip` is one of the 4 addresses Alibaba Cloud reserves in this block; false outside the block. */
  public isReserved(ip: number): boolean {
    if (!this.inside(ip)) return false;
    const index = ip - this.cidr.network;
    return index === 0 || index >= this.cidr.size - 3;
  }

  /** True when `ip` is taken or reserved; false when it is free or outside the block (check `cidr.contains`). */
  public isTaken(ip: number): boolean {
    if (!this.inside(ip)) return false;
    if (this.bits === undefined) return this.isReserved(ip);
    const index = ip - this.cidr.network;
    return (this.bits[index >>> 5] & (1 << (index & 31))) !== 0;
  }

  /** Takes `ip`. Returns false (and changes nothing) when it is outside the block, reserved, or already taken. */
  public take(ip: number): boolean {
    if (!this.inside(ip) || this.isTaken(ip)) return false;
    const index = ip - this.cidr.network;
    const bits = this.bitmap();
    bits[index >>> 5] = (bits[index >>> 5] | (1 << (index & 31))) >>> 0;
    this.taken++;
    return true;
  }

  /** Gives back a taken `ip`. Returns false (and changes nothing) when it is outside, reserved, or not taken. */
  public release(ip: number): boolean {
    if (!this.inside(ip) || this.isReserved(ip) || !this.isTaken(ip)) return false;
    const index = ip - this.cidr.network;
    const bits = this.bitmap();
    bits[index >>> 5] = (bits[index >>> 5] & ~(1 << (index & 31))) >>> 0;
    this.taken--;
    if (index < this.cursor) this.cursor = index;
    return true;
  }

  /** Takes and returns the lowest free address, or undefined when the pool is exhausted. */
  public next(): number | undefined {
    if (this.free <= 0) return undefined;
    const bits = this.bitmap();
    for (let word = this.cursor >>> 5; word < bits.length; word++) {
      const value = bits[word];
      if (value === FULL_WORD) continue;
      const inverted = ~value;
      const lowestZero = inverted & -inverted;
      const index = (word << 5) + (31 - Math.clz32(lowestZero));
      bits[word] = (value | lowestZero) >>> 0;
      this.taken++;
      this.cursor = index + 1;
      return this.cidr.network + index;
    }
    // Unreachable: free > 0 means some bit is clear, and every bit below the cursor is set.
    throw new Error(`address pool "${this.id}" (${this.cidr.toString()}) lost track of its free addresses`);
  }

  /** A readable summary, e.g. `vsw-a 10.0.1.0/24 (3 of 252 used)`. */
  public toString(): string {
    return `${this.id} ${this.cidr.toString()} (${this.used} of ${this.usable} used)`;
  }

  private inside(ip: number): boolean {
    return Number.isInteger(ip) && this.cidr.contains(ip);
  }

  private bitmap(): Uint32Array {
    if (this.bits === undefined) {
      const size = this.cidr.size;
      const bits = new Uint32Array(Math.ceil(size / 32));
      // /16../29 blocks: size is 8..65,536. Padding bits past the end (only for /28 and /29) are set
      // so that next() never returns them.
      if (size < 32) bits[0] = (FULL_WORD << size) >>> 0;
      const mark = (index: number): void => {
        bits[index >>> 5] = (bits[index >>> 5] | (1 << (index & 31))) >>> 0;
      };
      mark(0);
      mark(size - 3);
      mark(size - 2);
      mark(size - 1);
      this.bits = bits;
    }
    return this.bits;
  }
}
