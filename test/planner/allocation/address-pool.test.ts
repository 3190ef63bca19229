import { formatIpv4, Ipv4Cidr, parseIpv4 } from "../../../src/net/ipv4";
import { AddressPool } from "../../../src/planner/allocation";

const ip = (text: string): number => parseIpv4(text);
const pool = (cidr: string, id = "vsw-a"): AddressPool => new AddressPool(id, Ipv4Cidr.parse(cidr));

function drain(p: AddressPool): string[] {
  const out: string[] = [];
  for (let a = p.next(); a !== undefined; a = p.next()) out.push(formatIpv4(a));
  return out;
}

describe("AddressPool", () => {
  test("exposes id and cidr", () => {
    const p = pool("10.0.1.0/24", "vsw-web");
    expect(p.id).toBe("vsw-web");
    expect(p.cidr.toString()).toBe("10.0.1.0/24");
  });

  test("reserves the first address and the last three", () => {
    const p = pool("192.168.1.0/24");
    for (const r of ["192.168.1.0", "192.168.1.253", "192.168.1.254", "192.168.1.255"]) {
      expect(p.isReserved(ip(r))).toBe(true);
      expect(p.isTaken(ip(r))).toBe(true);
      expect(p.take(ip(r))).toBe(false);
      expect(p.release(ip(r))).toBe(false);
      expect(p.isReserved(ip(r))).toBe(true);
    }
    for (const r of ["192.168.1.1", "192.168.1.2", "192.168.1.252"]) {
      expect(p.isReserved(ip(r))).toBe(false);
      expect(p.isTaken(ip(r))).toBe(false);
    }
    expect(p.usable).toBe(252);
    expect(p.used).toBe(0);
    expect(p.free).toBe(252);
  });

  test("a /29 has exactly 4 usable addresses: .1 to .4", () => {
    const p = pool("10.0.0.8/29");
    expect(p.usable).toBe(4);
    expect(drain(p)).toEqual(["10.0.0.9", "10.0.0.10", "10.0.0.11", "10.0.0.12"]);
    expect(p.next()).toBeUndefined();
    expect(p.free).toBe(0);
    expect(p.used).toBe(4);
  });

  test("a /28 never hands out reserved or padding bits", () => {
    const p = pool("10.0.0.16/28");
    const all = drain(p);
    expect(all).toHaveLength(12);
    expect(all[0]).toBe("10.0.0.17");
    expect(all[11]).toBe("10.0.0.28");
  });

  test("a /16 has 65,532 usable addresses and hands out every one exactly once, never a reserved one", () => {
    const p = pool("10.1.0.0/16");
    expect(p.usable).toBe(65532);
    const seen = new Set<number>();
    for (let a = p.next(); a !== undefined; a = p.next()) {
      expect(p.isReserved(a)).toBe(false);
      seen.add(a);
    }
    expect(seen.size).toBe(65532);
    expect(seen.has(ip("10.1.0.0"))).toBe(false);
    expect(seen.has(ip("10.1.255.252"))).toBe(true);
    expect(seen.has(ip("10.1.255.253"))).toBe(false);
    expect(p.free).toBe(0);
  });

  test("next() returns the lowest free address, skipping taken ones", () => {
    const p = pool("10.0.1.0/24");
    expect(p.take(ip("10.0.1.1"))).toBe(true);
    expect(p.take(ip("10.0.1.3"))).toBe(true);
    expect(p.take(ip("10.0.1.3"))).toBe(false);
    expect(formatIpv4(p.next()!)).toBe("10.0.1.2");
    expect(formatIpv4(p.next()!)).toBe("10.0.1.4");
    expect(p.used).toBe(4);
    expect(p.free).toBe(248);
  });

  test("release() makes an address the next one again (cursor moves back)", () => {
    const p = pool("10.0.1.0/24");
    const first = drain(p).slice(0, 100);
    expect(first[0]).toBe("10.0.1.1");
    expect(p.next()).toBeUndefined();
    expect(p.release(ip("10.0.1.40"))).toBe(true);
    expect(p.release(ip("10.0.1.40"))).toBe(false);
    expect(p.release(ip("10.0.1.7"))).toBe(true);
    expect(p.free).toBe(2);
    expect(formatIpv4(p.next()!)).toBe("10.0.1.7");
    expect(formatIpv4(p.next()!)).toBe("10.0.1.40");
    expect(p.next()).toBeUndefined();
  });

  test("addresses outside the block are neither taken, reserved, nor takeable", () => {
    const p = pool("10.0.1.0/24");
    for (const a of [ip("10.0.0.255"), ip("10.0.2.0"), 1.5, -1, NaN]) {
      expect(p.isTaken(a)).toBe(false);
      expect(p.isReserved(a)).toBe(false);
      expect(p.take(a)).toBe(false);
      expect(p.release(a)).toBe(false);
    }
    expect(p.used).toBe(0);
  });

  test("works at the top of the address space", () => {
    const p = pool("255.255.255.248/29");
    expect(drain(p)).toEqual(["255.255.255.249", "255.255.255.250", "255.255.255.251", "255.255.255.252"]);
  });

  test.each(["10.0.0.0/15", "10.0.0.0/8", "10.0.0.0/30", "10.0.0.0/32"])("rejects %s: a vSwitch is /16 to /29", (c) => {
    expect(() => pool(c, "vsw-bad")).toThrow(/vsw-bad.*must be \/16 to \/29/);
  });
});
