import * as fc from "fast-check";
import { Ipv4Cidr, parseIpv4 } from "../../../src/net/ipv4";
import {
  AddressRequest,
  allocateAddresses,
  AllocationResult,
  LockFile,
  parseLockFile,
  PoolSpec,
  serializeLockFile,
} from "../../../src/planner/allocation";

const spec = (id: string, cidr: string, usedIps?: string[]): PoolSpec => ({ id, cidr: Ipv4Cidr.parse(cidr), usedIps });
const req = (key: string, pool: string, explicit?: string): AddressRequest => ({ key, pool, explicit });
const obj = (m: ReadonlyMap<string, string>): Record<string, string> => Object.fromEntries(m);

/** Deterministic shuffle (no Math.random in tests). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Everything observable about a result, in a comparable form (includes Map iteration order). */
function snapshot(r: AllocationResult): unknown {
  return {
    addresses: [...r.addresses],
    problems: r.problems,
    lock: serializeLockFile(r.lock),
    changes: r.changes,
    pools: [...r.pools],
  };
}

describe("allocateAddresses", () => {
  test("first allocation in 10.0.1.0/24 is 10.0.1.1, then upwards in sorted key order", () => {
    const r = allocateAddresses([spec("vsw-a", "10.0.1.0/24")], [req("app/b#primary", "vsw-a"), req("app/a#primary", "vsw-a")]);
    expect(r.problems).toEqual([]);
    expect(obj(r.addresses)).toEqual({ "app/a#primary": "10.0.1.1", "app/b#primary": "10.0.1.2" });
    expect([...r.addresses.keys()]).toEqual(["app/a#primary", "app/b#primary"]);
    expect(r.lock.allocations).toEqual({
      "app/a#primary": { pool: "vsw-a", address: "10.0.1.1" },
      "app/b#primary": { pool: "vsw-a", address: "10.0.1.2" },
    });
    expect(r.changes).toEqual({ added: ["app/a#primary", "app/b#primary"], removed: [], changed: [] });
    expect(r.pools.get("vsw-a")).toEqual({ cidr: "10.0.1.0/24", usable: 252, used: 2, free: 250 });
  });

  test("reserved addresses (first + last three) are never allocated", () => {
    const requests = Array.from({ length: 252 }, (_, i) => req(`k${String(i).padStart(3, "0")}#primary`, "vsw-a"));
    const r = allocateAddresses([spec("vsw-a", "192.168.1.0/24")], requests);
    expect(r.problems).toEqual([]);
    const got = new Set(r.addresses.values());
    expect(got.size).toBe(252);
    for (const reserved of ["192.168.1.0", "192.168.1.253", "192.168.1.254", "192.168.1.255"]) {
      expect(got.has(reserved)).toBe(false);
    }
    expect(r.addresses.get("k000#primary")).toBe("192.168.1.1");
    expect(r.addresses.get("k251#primary")).toBe("192.168.1.252");
  });

  test("a /29 gives exactly 4; the 5th request is reported as exhausted with the numbers", () => {
    const requests = ["e", "d", "c", "b", "a"].map((k) => req(`app/${k}#primary`, "vsw-tiny"));
    const r = allocateAddresses([spec("vsw-tiny", "10.0.0.8/29")], requests);
    expect(obj(r.addresses)).toEqual({
      "app/a#primary": "10.0.0.9",
      "app/b#primary": "10.0.0.10",
      "app/c#primary": "10.0.0.11",
      "app/d#primary": "10.0.0.12",
    });
    expect(r.problems).toEqual([
      { kind: "exhausted", pool: "vsw-tiny", cidr: "10.0.0.8/29", wanted: 5, free: 4, usable: 4, keys: ["app/e#primary"] },
    ]);
    expect(r.pools.get("vsw-tiny")).toEqual({ cidr: "10.0.0.8/29", usable: 4, used: 4, free: 0 });
    expect(Object.keys(r.lock.allocations)).not.toContain("app/e#primary");
  });

  test("exhausted: free counts what was left after usedIps and explicit; keys capped at 20", () => {
    const requests = [req("x#explicit", "p", "10.0.0.2"), ...Array.from({ length: 30 }, (_, i) => req(`k${String(i).padStart(2, "0")}#primary`, "p"))];
    const r = allocateAddresses([spec("p", "10.0.0.0/29", ["10.0.0.1"]), spec("q", "10.0.1.0/29")], requests);
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0];
    expect(p).toMatchObject({ kind: "exhausted", pool: "p", wanted: 30, free: 2, usable: 4 });
    if (p.kind !== "exhausted") throw new Error();
    expect(p.keys).toHaveLength(20);
    expect(p.keys[0]).toBe("k02#primary");
    expect(p.keys[19]).toBe("k21#primary");
    expect(r.addresses.get("k00#primary")).toBe("10.0.0.3");
    expect(r.addresses.get("k01#primary")).toBe("10.0.0.4");
    expect(r.addresses.get("x#explicit")).toBe("10.0.0.2");
    expect(r.addresses.size).toBe(3);
  });

  test("usedIps are skipped; invalid and outside usedIps are reported with key usedIps", () => {
    const r = allocateAddresses(
      [spec("vsw-a", "10.0.1.0/24", ["10.0.1.2", "10.0.1.1", "10.0.1.1", "10.0.9.9", "fd00::1", "10.0.1.255"])],
      [req("a#primary", "vsw-a"), req("b#primary", "vsw-a")],
    );
    expect(obj(r.addresses)).toEqual({ "a#primary": "10.0.1.3", "b#primary": "10.0.1.4" });
    expect(r.problems).toEqual([
      { kind: "outside", key: "usedIps", pool: "vsw-a", address: "10.0.9.9", cidr: "10.0.1.0/24" },
      {
        kind: "invalid",
        key: "usedIps",
        pool: "vsw-a",
        address: "fd00::1",
        reason: "it is an IPv6 address; an IPv4 address is needed here",
      },
    ]);
    expect(r.pools.get("vsw-a")).toEqual({ cidr: "10.0.1.0/24", usable: 252, used: 4, free: 248 });
  });

  test("explicit addresses are used as given and not put in the lock", () => {
    const r = allocateAddresses(
      [spec("vsw-a", "10.0.1.0/24")],
      [req("a#primary", "vsw-a"), req("b#primary", "vsw-a", "10.0.1.1"), req("c#primary", "vsw-a")],
    );
    expect(r.problems).toEqual([]);
    expect(obj(r.addresses)).toEqual({ "a#primary": "10.0.1.2", "b#primary": "10.0.1.1", "c#primary": "10.0.1.3" });
    expect(Object.keys(r.lock.allocations)).toEqual(["a#primary", "c#primary"]);
  });

  test("explicit problems: invalid (IPv6), outside, reserved, used, duplicate, unknown pool", () => {
    const r = allocateAddresses(
      [spec("vsw-a", "10.0.1.0/24", ["10.0.1.50"])],
      [
        req("f#v6", "vsw-a", "fd00::5"),
        req("e#junk", "vsw-a", "10.0.1"),
        req("d#outside", "vsw-a", "10.0.2.5"),
        req("c#reserved-last", "vsw-a", "10.0.1.254"),
        req("c#reserved-first", "vsw-a", "10.0.1.0"),
        req("b#used", "vsw-a", "10.0.1.50"),
        req("a#dup-2", "vsw-a", "10.0.1.7"),
        req("a#dup-1", "vsw-a", "10.0.1.7"),
        req("g#nowhere", "vsw-zzz"),
        req("g#nowhere-explicit", "vsw-zzz", "10.0.1.8"),
        req("h#fine", "vsw-a"),
      ],
    );
    expect(r.problems).toEqual([
      { kind: "duplicate", key: "a#dup-2", pool: "vsw-a", address: "10.0.1.7", otherKey: "a#dup-1" },
      { kind: "used", key: "b#used", pool: "vsw-a", address: "10.0.1.50" },
      { kind: "reserved", key: "c#reserved-first", pool: "vsw-a", address: "10.0.1.0", cidr: "10.0.1.0/24" },
      { kind: "reserved", key: "c#reserved-last", pool: "vsw-a", address: "10.0.1.254", cidr: "10.0.1.0/24" },
      { kind: "outside", key: "d#outside", pool: "vsw-a", address: "10.0.2.5", cidr: "10.0.1.0/24" },
      {
        kind: "invalid",
        key: "e#junk",
        pool: "vsw-a",
        address: "10.0.1",
        reason: "it is not four decimal octets (a.b.c.d, each 0-255)",
      },
      {
        kind: "invalid",
        key: "f#v6",
        pool: "vsw-a",
        address: "fd00::5",
        reason: "it is an IPv6 address; an IPv4 address is needed here",
      },
      { kind: "unknown-pool", key: "g#nowhere", pool: "vsw-zzz" },
      { kind: "unknown-pool", key: "g#nowhere-explicit", pool: "vsw-zzz" },
    ]);
    // Rejected explicit requests get nothing (never silently something else); the rest are fine.
    expect(obj(r.addresses)).toEqual({ "a#dup-1": "10.0.1.7", "h#fine": "10.0.1.1" });
  });

  test("stable: adding a key that sorts first and removing another never moves a surviving address", () => {
    const pools = [spec("vsw-a", "10.0.1.0/24"), spec("vsw-b", "10.0.2.0/28")];
    const first = allocateAddresses(pools, [
      req("app/m#primary", "vsw-a"),
      req("app/n#primary", "vsw-a"),
      req("app/o#primary", "vsw-a"),
      req("app/p#primary", "vsw-b"),
      req("app/q#primary", "vsw-b"),
    ]);
    expect(obj(first.addresses)).toEqual({
      "app/m#primary": "10.0.1.1",
      "app/n#primary": "10.0.1.2",
      "app/o#primary": "10.0.1.3",
      "app/p#primary": "10.0.2.1",
      "app/q#primary": "10.0.2.2",
    });
    // Round trip through the file format, as a real synth would.
    const previous = parseLockFile(serializeLockFile(first.lock), "eni.lock.json");
    const second = allocateAddresses(
      pools,
      [
        req("app/a#primary", "vsw-a"), // sorts first
        req("app/o#primary", "vsw-a"),
        req("app/m#primary", "vsw-a"),
        req("app/q#primary", "vsw-b"),
        req("app/b#primary", "vsw-b"),
        // app/n and app/p removed
      ],
      previous,
    );
    expect(second.problems).toEqual([]);
    expect(obj(second.addresses)).toEqual({
      "app/a#primary": "10.0.1.2", // the lowest free one: app/n's old address
      "app/b#primary": "10.0.2.1", // app/p's old address
      "app/m#primary": "10.0.1.1",
      "app/o#primary": "10.0.1.3",
      "app/q#primary": "10.0.2.2",
    });
    expect(second.changes).toEqual({
      added: ["app/a#primary", "app/b#primary"],
      removed: ["app/n#primary", "app/p#primary"],
      changed: [],
    });
  });

  test("a locked address is kept only in the same pool and only while still free", () => {
    const previous: LockFile = {
      version: 1,
      allocations: {
        "moved#primary": { pool: "vsw-old", address: "10.0.1.9" },
        "grabbed#primary": { pool: "vsw-a", address: "10.0.1.5" },
        "nowused#primary": { pool: "vsw-a", address: "10.0.1.6" },
        "outside#primary": { pool: "vsw-a", address: "10.9.9.9" },
        "kept#primary": { pool: "vsw-a", address: "10.0.1.100" },
        "madeexplicit#primary": { pool: "vsw-a", address: "10.0.1.101" },
      },
    };
    const r = allocateAddresses(
      [spec("vsw-a", "10.0.1.0/24", ["10.0.1.6"])],
      [
        req("moved#primary", "vsw-a"),
        req("grabbed#primary", "vsw-a"),
        req("nowused#primary", "vsw-a"),
        req("outside#primary", "vsw-a"),
        req("kept#primary", "vsw-a"),
        req("madeexplicit#primary", "vsw-a", "10.0.1.101"),
        req("zz#explicit", "vsw-a", "10.0.1.5"),
      ],
      previous,
    );
    expect(r.problems).toEqual([]);
    expect(obj(r.addresses)).toEqual({
      "grabbed#primary": "10.0.1.1",
      "kept#primary": "10.0.1.100",
      "madeexplicit#primary": "10.0.1.101",
      "moved#primary": "10.0.1.2",
      "nowused#primary": "10.0.1.3",
      "outside#primary": "10.0.1.4",
      "zz#explicit": "10.0.1.5",
    });
    expect(r.changes).toEqual({
      added: [],
      removed: ["madeexplicit#primary"],
      changed: ["grabbed#primary", "moved#primary", "nowused#primary", "outside#primary"],
    });
  });

  test("two previous entries claiming the same address: the first in sorted key order keeps it", () => {
    const previous: LockFile = {
      version: 1,
      allocations: { "b#primary": { pool: "p", address: "10.0.0.7" }, "a#primary": { pool: "p", address: "10.0.0.7" } },
    };
    const r = allocateAddresses([spec("p", "10.0.0.0/24")], [req("b#primary", "p"), req("a#primary", "p")], previous);
    expect(obj(r.addresses)).toEqual({ "a#primary": "10.0.0.7", "b#primary": "10.0.0.1" });
  });

  test("input order does not matter", () => {
    const pools = [
      spec("vsw-a", "10.0.1.0/24", ["10.0.1.3", "10.0.1.1"]),
      spec("vsw-b", "10.0.2.0/29"),
      spec("vsw-c", "172.16.0.0/16"),
    ];
    const requests: AddressRequest[] = [];
    for (let i = 0; i < 60; i++) {
      const pool = ["vsw-a", "vsw-b", "vsw-c", "vsw-x"][i % 4];
      requests.push(req(`app/i${i}/Eni#${i % 3 === 0 ? "primary" : `secondary-${i % 3}`}`, pool, i % 11 === 0 ? `10.0.1.${i}` : undefined));
    }
    const previous: LockFile = {
      version: 1,
      allocations: { "app/i2/Eni#secondary-2": { pool: "vsw-c", address: "172.16.9.9" } },
    };
    const reference = snapshot(allocateAddresses(pools, requests, previous));
    for (let seed = 1; seed <= 10; seed++) {
      expect(snapshot(allocateAddresses(shuffled(pools, seed), shuffled(requests, seed * 7), previous))).toEqual(reference);
    }
    expect(allocateAddresses(pools, requests, previous).addresses.get("app/i2/Eni#secondary-2")).toBe("172.16.9.9");
  });

  test("property: every address unique per pool, inside, never reserved; order-independent; stable on re-run", () => {
    const poolIds = ["p0", "p1", "p2"];
    const pools = [spec("p0", "10.0.0.0/29", ["10.0.0.2"]), spec("p1", "10.0.1.0/28"), spec("p2", "10.0.2.0/27")];
    const reserved = new Set(["10.0.0.0", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.1.0", "10.0.1.13", "10.0.1.14", "10.0.1.15", "10.0.2.0", "10.0.2.29", "10.0.2.30", "10.0.2.31"]);
    const request = fc.record({
      key: fc.stringMatching(/^[a-e]{1,3}#(primary|secondary-[1-3])$/),
      pool: fc.constantFrom(...poolIds),
      explicit: fc.option(fc.constantFrom("10.0.0.3", "10.0.1.5", "10.0.1.13", "10.0.2.9", "10.0.0.2", "bad"), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(request, { selector: (r) => r.key, maxLength: 40 }),
        fc.uniqueArray(request, { selector: (r) => r.key, maxLength: 40 }),
        fc.integer({ min: 1, max: 1000 }),
        (requests, later, seed) => {
          const r = allocateAddresses(pools, requests);
          const seen = new Set<string>();
          for (const q of requests) {
            const a = r.addresses.get(q.key);
            if (a === undefined) continue;
            const p = pools.find((x) => x.id === q.pool)!;
            expect(p.cidr.contains(parseIpv4(a))).toBe(true);
            expect(reserved.has(a)).toBe(false);
            expect(a).not.toBe("10.0.0.2");
            expect(seen.has(`${q.pool} ${a}`)).toBe(false);
            seen.add(`${q.pool} ${a}`);
            if (q.explicit !== undefined) expect(a).toBe(q.explicit);
          }
          expect(snapshot(allocateAddresses(pools, shuffled(requests, seed)))).toEqual(snapshot(r));
          // Re-run with the lock and a changed request set: surviving non-explicit keys keep their addresses
          // unless an explicit address now claims them.
          const keys = new Set(requests.map((q) => q.key));
          const next = [...requests.filter((_, i) => i % 3 !== 1), ...later.filter((q) => !keys.has(q.key))];
          const r2 = allocateAddresses(pools, next, r.lock);
          const explicitNow = new Set(next.filter((q) => q.explicit !== undefined).map((q) => `${q.pool} ${q.explicit}`));
          for (const q of next) {
            const before = r.lock.allocations[q.key];
            if (q.explicit !== undefined || before === undefined || before.pool !== q.pool) continue;
            if (explicitNow.has(`${q.pool} ${before.address}`)) continue;
            expect(r2.addresses.get(q.key)).toBe(before.address);
          }
        },
      ),
      { numRuns: 300, seed: 42 },
    );
  });

  test("100,000 requests over 1,000 pools: all allocated, unique, inside, never reserved, stable", () => {
    const pools: PoolSpec[] = [];
    for (let p = 0; p < 1000; p++) {
      // 10.<p/256>.<p%256>.0/24, with .1 taken by something outside the program.
      pools.push(spec(`vsw-${String(p).padStart(4, "0")}`, `10.${Math.floor(p / 256)}.${p % 256}.0/24`, [`10.${Math.floor(p / 256)}.${p % 256}.1`]));
    }
    const requests: AddressRequest[] = [];
    for (let i = 0; i < 100_000; i++) {
      requests.push(req(`app/n${i}/Eni#primary`, pools[(i * 7919) % 1000].id));
    }
    const r = allocateAddresses(pools, shuffled(requests, 3));
    expect(r.problems).toEqual([]);
    expect(r.addresses.size).toBe(100_000);
    expect(Object.keys(r.lock.allocations)).toHaveLength(100_000);
    // Collect violations and assert once (100,000 expect() calls would dominate the test's run time).
    const bad: string[] = [];
    const perPool = new Map<string, Set<string>>();
    for (const q of requests) {
      const a = r.addresses.get(q.key)!;
      const ipNum = parseIpv4(a);
      const p = pools[Number(q.pool.slice(4))];
      const offset = ipNum - p.cidr.network;
      // .0 reserved, .1 in usedIps, .253-.255 reserved
      if (!p.cidr.contains(ipNum) || offset < 2 || offset > 252) bad.push(`${q.key} -> ${a} not allowed in ${p.cidr}`);
      let set = perPool.get(q.pool);
      if (!set) perPool.set(q.pool, (set = new Set()));
      if (set.has(a)) bad.push(`${q.key} -> ${a} handed out twice in ${q.pool}`);
      set.add(a);
      if (r.lock.allocations[q.key]?.address !== a || r.lock.allocations[q.key]?.pool !== q.pool) bad.push(`${q.key} lock mismatch`);
    }
    expect(bad).toEqual([]);
    for (const [id, set] of perPool) expect(r.pools.get(id)!.used).toBe(set.size + 1);
    // 100 requests per pool: exactly .2 to .101.
    expect(r.pools.get("vsw-0000")).toEqual({ cidr: "10.0.0.0/24", usable: 252, used: 101, free: 151 });

    // Re-run with the lock after dropping every 10th request and adding 5,000 new ones: nothing moves.
    const next = [...requests.filter((_, i) => i % 10 !== 0)];
    for (let i = 0; i < 5000; i++) next.push(req(`app/a${i}/Eni#primary`, pools[i % 1000].id));
    const r2 = allocateAddresses(pools, next, r.lock);
    expect(r2.problems).toEqual([]);
    expect(r2.changes.changed).toEqual([]);
    expect(r2.changes.added).toHaveLength(5000);
    expect(r2.changes.removed).toHaveLength(10_000);
    const moved = next.filter((q) => r.addresses.has(q.key) && r2.addresses.get(q.key) !== r.addresses.get(q.key));
    expect(moved).toEqual([]);
    expect(r2.addresses.size).toBe(95_000);
  });

  test("a pool larger than a /16 or smaller than a /29, duplicate pool ids and duplicate keys are programming errors", () => {
    expect(() => allocateAddresses([spec("big", "10.0.0.0/15")], [])).toThrow(/must be \/16 to \/29/);
    expect(() => allocateAddresses([spec("p", "10.0.0.0/24"), spec("p", "10.0.1.0/24")], [])).toThrow(/Two address pools have the id "p"/);
    expect(() => allocateAddresses([spec("p", "10.0.0.0/24")], [req("k#primary", "p"), req("k#primary", "p")])).toThrow(
      /Two address requests have the key "k#primary"/,
    );
  });

  test("same inputs, identical output", () => {
    const pools = [spec("p", "10.0.0.0/24")];
    const requests = [req("b#primary", "p"), req("a#primary", "p", "10.0.0.9")];
    expect(snapshot(allocateAddresses(pools, requests))).toEqual(snapshot(allocateAddresses(pools, requests)));
    expect(allocateAddresses(pools, []).changes).toEqual({ added: [], removed: [], changed: [] });
  });
});
