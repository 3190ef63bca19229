import * as fc from "fast-check";
import { formatIpv4, isIpv4, parseIpv4 } from "../../../src/net/ipv4";
import { parseCanonicalIpv4, toIpv4 } from "../../../src/planner/allocation/fast-ipv4";

describe("parseCanonicalIpv4 (fast path) agrees with parseIpv4", () => {
  test.each([
    ["0.0.0.0", 0],
    ["10.0.1.4", 0x0a000104],
    ["255.255.255.255", 0xffffffff],
    ["192.168.1.253", 0xc0a801fd],
  ])("%s", (text, value) => {
    expect(parseCanonicalIpv4(text)).toBe(value);
    expect(parseIpv4(text)).toBe(value);
  });

  test.each(["", "10.0.1", "10.0.1.4.", ".10.0.1.4", "10..1.4", "10.0.1.04", "010.0.1.4", "10.0.1.256", " 10.0.1.4", "10.0.1.4 ", "fd00::1", "::ffff:10.0.0.1", "1e1.0.0.1", "10.0.1.4/24", "10.0.0.1000"])(
    "rejects %j like parseIpv4 does",
    (text) => {
      expect(parseCanonicalIpv4(text)).toBeUndefined();
      expect(isIpv4(text)).toBe(false);
      expect(() => toIpv4(text)).toThrow(/is not a valid IPv4 address/);
    },
  );

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
