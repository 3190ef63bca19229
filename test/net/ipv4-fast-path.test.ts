import * as fc from "fast-check";
import { formatIpv4, Ipv4FormatError, isIpv4, parseCanonicalIpv4, parseIpv4, tryParseIpv4 } from "../../src/net/ipv4";

describe("parseIpv4: the canonical fast path agrees with the full check", () => {
  test.each([
    ["0.0.0.0", 0],
    ["10.0.1.4", 0x0a000104],
    ["255.255.255.255", 0xffffffff],
    ["192.168.1.253", 0xc0a801fd],
  ])("%s", (text, value) => {
    expect(parseCanonicalIpv4(text)).toBe(value);
    expect(parseIpv4(text)).toBe(value);
  });

  test.each([
    "",
    "10.0.1",
    "10.0.1.4.",
    ".10.0.1.4",
    "10..1.4",
    "10.0.1.04",
    "010.0.1.4",
    "10.0.1.256",
    " 10.0.1.4",
    "10.0.1.4 ",
    "fd00::1",
    "::ffff:10.0.0.1",
    "1e1.0.0.1",
    "10.0.1.4/24",
    "10.0.0.1000",
  ])("rejects %j like parseIpv4 does", (text) => {
    expect(parseCanonicalIpv4(text)).toBeUndefined();
    expect(isIpv4(text)).toBe(false);
    expect(() => parseIpv4(text)).toThrow(Ipv4FormatError);
    expect(tryParseIpv4(text)).toBeUndefined();
  });

  test("property: same verdict and value on dotted-quad-like strings and on every formatted address", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9.]{0,16}$/), (text) => {
        const fast = parseCanonicalIpv4(text);
        if (isIpv4(text)) expect(fast).toBe(parseIpv4(text));
        else expect(fast).toBeUndefined();
      }),
      { numRuns: 5000, seed: 7 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        expect(parseCanonicalIpv4(formatIpv4(n))).toBe(n);
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe("Ipv4FormatError", () => {
  test("carries the reason without the value, and the message with it", () => {
    let err: unknown;
    try {
      parseIpv4("fe80::1", "primaryIp");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Ipv4FormatError);
    expect((err as Ipv4FormatError).reason).toBe("it is an IPv6 address; an IPv4 address is needed here");
    expect((err as Ipv4FormatError).message).toBe('"fe80::1" is not a valid primaryIp: it is an IPv6 address; an IPv4 address is needed here');
  });
});
