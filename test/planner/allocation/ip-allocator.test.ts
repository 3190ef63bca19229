import * as fc from "fast-check";
import { Ipv4Cidr, parseIpv4 } from "../../../src/net/ipv4";
import { AddressRequest, allocateAddresses, AllocationResult, diffLockFiles, emptyLockFile, LockFile, parseLockFile, PoolSpec, serializeLockFile } from "../../../src/planner/allocation";

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
    expect(diffLockFiles(emptyLockFile(), r.lock)).toEqual({ added: ["app/a#primary", "app/b#primary"], removed: [], changed: [] });
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
    expect(r.problems).toEqual([{ kind: "exhausted", pool: "vsw-tiny", cidr: "10.0.0.8/29", wanted: 5, free: 4, usable: 4, keys: ["app/e#primary"] }]);
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
    const r = allocateAddresses([spec("vsw-a", "10.0.1.0/24", ["10.0.1.2", "10.0.1.1", "10.0.1.1", "10.0.9.9", "fd00::1", "10.0.1.255"])], [req("a#primary", "vsw-a"), req("b#primary", "vsw-a")]);
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

  test("explicit addresses are used as given and recorded in the lock (it is the deployed truth); existing ones are not", () => {
    const r = allocateAddresses(
      [spec("vsw-a", "10.0.1.0/24")],
      [req("a#primary", "vsw-a"), req("b#primary", "vsw-a", "10.0.1.1"), req("c#primary", "vsw-a"), { key: "d#primary", pool: "vsw-a", explicit: "10.0.1.9", existing: true }],
    );
    expect(r.problems).toEqual([]);
    expect(obj(r.addresses)).toEqual({ "a#primary": "10.0.1.2", "b#primary": "10.0.1.1", "c#primary": "10.0.1.3", "d#primary": "10.0.1.9" });
    expect(Object.keys(r.lock.allocations)).toEqual(["a#primary", "b#primary", "c#primary"]);
    expect(r.lockChanges.find((c) => c.key === "b#primary")).toEqual({ key: "b#primary", kind: "added", after: "10.0.1.1 in vsw-a", reason: "explicit address in the program" });
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
    const first = allocateAddresses(pools, [req("app/m#primary", "vsw-a"), req("app/n#primary", "vsw-a"), req("app/o#primary", "vsw-a"), req("app/p#primary", "vsw-b"), req("app/q#primary", "vsw-b")]);
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
      "app/a#primary": "10.0.1.4", // not app/n's old address .2: it is held (released) while others are free
      "app/b#primary": "10.0.2.3", // not app/p's old address .1
      "app/m#primary": "10.0.1.1",
      "app/o#primary": "10.0.1.3",
      "app/q#primary": "10.0.2.2",
    });
    expect(second.reused).toEqual([]);
    expect(diffLockFiles(first.lock, second.lock)).toEqual({
      added: ["app/a#primary", "app/b#primary"],
      removed: ["app/n#primary", "app/p#primary"],
      changed: [],
    });
    expect(second.lock.released).toEqual([
      { key: "app/n#primary", pool: "vsw-a", address: "10.0.1.2" },
      { key: "app/p#primary", pool: "vsw-b", address: "10.0.2.1" },
    ]);
    expect(second.lockChanges.map((c) => [c.key, c.kind, c.reason])).toEqual([
      ["app/a#primary", "added", "new address"],
      ["app/b#primary", "added", "new address"],
      ["app/n#primary", "dropped", "its construct (or this address of it) is no longer in the program; the address is held as released"],
      ["app/p#primary", "dropped", "its construct (or this address of it) is no longer in the program; the address is held as released"],
    ]);
    expect(second.pools.get("vsw-a")).toEqual({ cidr: "10.0.1.0/24", usable: 252, used: 4, free: 248, held: 1 });
  });

  test("a locked address is kept in its pool: usedIps listing it and an explicit address equal to it never move it", () => {
    const previous: LockFile = {
      version: 2,
      allocations: {
        "moved#primary": { pool: "vsw-old", address: "10.0.1.9" },
        "grabbed#primary": { pool: "vsw-a", address: "10.0.1.5" },
        "nowused#primary": { pool: "vsw-a", address: "10.0.1.6" },
        "outside#primary": { pool: "vsw-a", address: "10.9.9.9" },
        "reserved#primary": { pool: "vsw-a", address: "10.0.1.255" },
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
        req("reserved#primary", "vsw-a"),
        req("kept#primary", "vsw-a"),
        req("madeexplicit#primary", "vsw-a", "10.0.1.101"),
        req("zz#explicit", "vsw-a", "10.0.1.5"),
      ],
      previous,
    );
    // the new explicit address equal to a locked one is an error naming both; it is never a move
    expect(r.problems).toEqual([{ kind: "locked", key: "zz#explicit", pool: "vsw-a", address: "10.0.1.5", otherKey: "grabbed#primary" }]);
    expect(obj(r.addresses)).toEqual({
      "grabbed#primary": "10.0.1.5",
      "kept#primary": "10.0.1.100",
      "madeexplicit#primary": "10.0.1.101",
      "moved#primary": "10.0.1.1",
      "nowused#primary": "10.0.1.6", // usedIps lists the program's own address: it stays its own
      "outside#primary": "10.0.1.2",
      "reserved#primary": "10.0.1.3",
    });
    expect(r.lockChanges).toEqual([
      { key: "moved#primary", kind: "moved", before: "10.0.1.9 in vsw-old", after: "10.0.1.1 in vsw-a", reason: "its vSwitch changed from vsw-old to vsw-a" },
      {
        key: "outside#primary",
        kind: "moved",
        before: "10.9.9.9 in vsw-a",
        after: "10.0.1.2 in vsw-a",
        reason: "the locked address 10.9.9.9 is outside vSwitch vsw-a (10.0.1.0/24); did its CIDR change?",
        repaired: true,
      },
      {
        key: "reserved#primary",
        kind: "moved",
        before: "10.0.1.255 in vsw-a",
        after: "10.0.1.3 in vsw-a",
        reason: "the locked address 10.0.1.255 is one of the 4 addresses reserved in vSwitch vsw-a (10.0.1.0/24); was the lock file edited?",
        repaired: true,
      },
    ]);
    // the vSwitch change leaves the old address held in the old pool (not passed in: kept as is)
    expect(r.lock.released).toEqual([{ key: "moved#primary", pool: "vsw-old", address: "10.0.1.9" }]);
  });

  test("usedIps entries and explicit addresses the lock accounts for are the program's own (no ENI-IP-USED)", () => {
    const previous: LockFile = { version: 2, allocations: { "e#primary": { pool: "p", address: "10.0.0.7" } } };
    const r = allocateAddresses([spec("p", "10.0.0.0/24", ["10.0.0.7", "10.0.0.8"])], [req("e#primary", "p", "10.0.0.7"), req("f#primary", "p", "10.0.0.8")], previous);
    expect(r.problems).toEqual([{ kind: "used", key: "f#primary", pool: "p", address: "10.0.0.8" }]);
    expect(r.addresses.get("e#primary")).toBe("10.0.0.7");
    expect(r.lockChanges).toEqual([]);
  });

  test("released addresses are held while others are free; only when none is free is one reused, with the key that held it", () => {
    const previous: LockFile = {
      version: 2,
      allocations: { "a#primary": { pool: "p", address: "10.0.0.9" }, "b#primary": { pool: "p", address: "10.0.0.10" } },
      released: [{ key: "old#primary", pool: "p", address: "10.0.0.11" }],
    };
    // /29: .9-.12 usable; a is kept, b is deleted (held), old is held: one free (.12)
    const one = allocateAddresses([spec("p", "10.0.0.8/29")], [req("a#primary", "p"), req("n1#primary", "p")], previous);
    expect(obj(one.addresses)).toEqual({ "a#primary": "10.0.0.9", "n1#primary": "10.0.0.12" });
    expect(one.reused).toEqual([]);
    expect(one.lock.released).toEqual([
      { key: "b#primary", pool: "p", address: "10.0.0.10" },
      { key: "old#primary", pool: "p", address: "10.0.0.11" },
    ]);
    // two more than free: the lowest held ones are reused, each naming its holder
    const three = allocateAddresses([spec("p", "10.0.0.8/29")], [req("a#primary", "p"), req("n1#primary", "p"), req("n2#primary", "p"), req("n3#primary", "p")], previous);
    expect(three.problems).toEqual([]);
    expect(obj(three.addresses)).toEqual({ "a#primary": "10.0.0.9", "n1#primary": "10.0.0.12", "n2#primary": "10.0.0.10", "n3#primary": "10.0.0.11" });
    expect(three.reused).toEqual([
      { key: "n2#primary", pool: "p", address: "10.0.0.10", heldBy: "b#primary", why: "exhausted" },
      { key: "n3#primary", pool: "p", address: "10.0.0.11", heldBy: "old#primary", why: "exhausted" },
    ]);
    expect(three.lock.released).toEqual([]);
    expect(three.lockChanges.find((c) => c.key === "n2#primary")!.reason).toBe("new address; it reuses the address held by b#primary, which must be destroyed first");
    // one more: exhausted, counting the held ones as free
    const four = allocateAddresses(
      [spec("p", "10.0.0.8/29")],
      ["a", "n1", "n2", "n3", "n4"].map((k) => req(`${k}#primary`, "p")),
      previous,
    );
    expect(four.problems).toEqual([{ kind: "exhausted", pool: "p", cidr: "10.0.0.8/29", wanted: 4, free: 3, usable: 4, keys: ["n4#primary"] }]);
  });

  test("an explicit address the lock held for a deleted construct is reused with a notice; a key that comes back gets its address back", () => {
    const previous: LockFile = {
      version: 2,
      allocations: { "gone#primary": { pool: "p", address: "10.0.0.5" } },
      released: [{ key: "back#primary", pool: "p", address: "10.0.0.6" }],
    };
    const r = allocateAddresses([spec("p", "10.0.0.0/24")], [req("new#primary", "p", "10.0.0.5"), req("back#primary", "p"), req("other#primary", "p")], previous);
    expect(r.problems).toEqual([]);
    expect(obj(r.addresses)).toEqual({ "back#primary": "10.0.0.6", "new#primary": "10.0.0.5", "other#primary": "10.0.0.1" });
    expect(r.reused).toEqual([{ key: "new#primary", pool: "p", address: "10.0.0.5", heldBy: "gone#primary", why: "explicit" }]);
    expect(r.lock.released).toEqual([]);
    expect(r.lockChanges.map((c) => [c.key, c.kind, c.reason])).toEqual([
      ["back#primary", "added", "restored: the address it held before it was removed"],
      ["new#primary", "added", "explicit address in the program; it reuses the address held by gone#primary, which must be destroyed first"],
      ["other#primary", "added", "new address"],
    ]);
  });

  test("an explicit address that changes moves the entry and holds the old address; a version 1 lock's missing explicit entries are a migration", () => {
    const previous: LockFile = { version: 2, readVersion: 1, allocations: { "e#primary": { pool: "p", address: "10.0.0.5" } } };
    const r = allocateAddresses([spec("p", "10.0.0.0/24")], [req("e#primary", "p", "10.0.0.9"), req("x#primary", "p", "10.0.0.20"), req("n#primary", "p")], previous);
    expect(r.problems).toEqual([]);
    expect(r.addresses.get("n#primary")).toBe("10.0.0.1");
    expect(r.lock.released).toEqual([{ key: "e#primary", pool: "p", address: "10.0.0.5" }]);
    expect(r.lockChanges).toEqual([
      { key: "e#primary", kind: "moved", before: "10.0.0.5 in p", after: "10.0.0.9 in p", reason: "its explicit address changed from 10.0.0.5" },
      { key: "n#primary", kind: "added", after: "10.0.0.1 in p", reason: "new address" },
      { key: "x#primary", kind: "added", after: "10.0.0.20 in p", reason: "explicit address in the program", migration: true },
    ]);
  });

  test("entries another allocator owns (IPv6, prefixes) pass through unchanged", () => {
    const previous: LockFile = {
      version: 2,
      allocations: { "e#ipv6-1": { pool: "p", address: "2408:4000::5" }, "e#prefix-1": { pool: "p", address: "10.0.0.16/28" } },
      released: [{ key: "f#ipv6-1", pool: "p", address: "2408:4000::6" }],
    };
    const r = allocateAddresses([spec("p", "10.0.0.0/24")], [req("e#primary", "p")], previous);
    expect(r.lock.allocations).toEqual({ ...previous.allocations, "e#primary": { pool: "p", address: "10.0.0.1" } });
    expect(r.lock.released).toEqual(previous.released);
    expect(r.lockChanges.map((c) => c.key)).toEqual(["e#primary"]);
  });

  test("a removed key whose address no longer fits its pool is dropped (not held), with the reason", () => {
    const previous: LockFile = { version: 2, allocations: { "g#primary": { pool: "p", address: "10.0.9.5" } } };
    const r = allocateAddresses([spec("p", "10.0.0.0/24")], [], previous);
    expect(r.lock).toMatchObject({ allocations: {}, released: [] });
    expect(r.lockChanges).toEqual([
      {
        key: "g#primary",
        kind: "dropped",
        before: "10.0.9.5 in p",
        reason: "its construct (or this address of it) is no longer in the program; the address no longer fits vSwitch p (10.0.0.0/24), so it is not held",
      },
    ]);
  });

  test("property: every change of the serialized lock is named in lockChanges (frozen relies on it)", () => {
    const pools = [spec("p", "10.0.0.0/28", ["10.0.0.3"]), spec("q", "10.0.1.0/29")];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ key: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"), pool: fc.constantFrom("p", "q"), explicit: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }) }),
          { maxLength: 8 },
        ),
        fc.array(
          fc.record({ key: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"), pool: fc.constantFrom("p", "q"), explicit: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }) }),
          { maxLength: 8 },
        ),
        (first, second) => {
          const reqs = (list: typeof first) => {
            const seen = new Set<string>();
            return list
              .filter((x) => !seen.has(x.key) && seen.add(x.key))
              .map((x) => req(`${x.key}#primary`, x.pool, x.explicit === undefined ? undefined : `10.0.${x.pool === "p" ? 0 : 1}.${x.explicit}`));
          };
          const one = allocateAddresses(pools, reqs(first));
          const previous = parseLockFile(serializeLockFile(one.lock), "x");
          const two = allocateAddresses(pools, reqs(second), previous);
          const same = serializeLockFile(two.lock) === serializeLockFile(previous);
          expect(same).toBe(two.lockChanges.length === 0);
          // the same program again changes nothing
          const again = allocateAddresses(pools, reqs(second), parseLockFile(serializeLockFile(two.lock), "x"));
          if (again.problems.length === 0) expect(again.lockChanges).toEqual([]);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  test("property: the one-pass route for a lock that already holds every address gives what the general route gives", () => {
    const pools = [spec("p", "10.0.0.0/28"), spec("q", "10.0.1.0/29")];
    const entry = fc.record({ key: fc.constantFrom("a", "b", "c", "d", "e", "f", "g", "h"), pool: fc.constantFrom("p", "q") });
    let fast = 0;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), fc.array(entry, { maxLength: 8 }), fc.array(fc.constantFrom("a", "b", "c"), { maxLength: 3 }), fc.boolean(), (first, second, drop, usedIps) => {
        const reqs = (list: typeof first) => {
          const seen = new Set<string>();
          return list.filter((x) => !seen.has(x.key) && seen.add(x.key)).map((x) => req(`${x.key}#primary`, x.pool));
        };
        const withUsed = usedIps ? [spec("p", "10.0.0.0/28", ["10.0.0.9"]), pools[1]] : pools;
        // A lock with tombstones (keys of `first` not in `second`), then the program of that lock, minus `drop`.
        const one = allocateAddresses(pools, reqs(first));
        const two = allocateAddresses(pools, reqs(second), parseLockFile(serializeLockFile(one.lock), "x"));
        const previous = parseLockFile(serializeLockFile(two.lock), "x");
        const requests = reqs(second).filter((r) => !drop.some((d) => r.key === `${d}#primary`));
        const general = allocateAddresses(withUsed, requests, previous, { fastPath: false });
        const chosen = allocateAddresses(withUsed, requests, previous);
        // An unchanged lock without usedIps is exactly the case the one-pass route takes.
        if (!usedIps && general.lock.allocations === previous.allocations && general.lockChanges.length === 0) fast++;
        expect(snapshot(chosen)).toEqual(snapshot(general));
        expect(chosen.lockChanges).toEqual(general.lockChanges);
        expect(chosen.reused).toEqual(general.reused);
        expect(chosen.lock.allocations === previous.allocations).toBe(general.lock.allocations === previous.allocations);
      }),
      { numRuns: 400, seed: 11 },
    );
    expect(fast).toBeGreaterThan(50); // the cases the one-pass route takes came up often enough to be compared
  });

  test("a released address that no longer fits its pool is unheld, with the reason", () => {
    const previous: LockFile = { version: 2, allocations: {}, released: [{ key: "g#primary", pool: "p", address: "10.0.9.5" }] };
    const r = allocateAddresses([spec("p", "10.0.0.0/24")], [], previous);
    expect(r.lock.released).toEqual([]);
    expect(r.lockChanges).toEqual([{ key: "g#primary", kind: "unheld", before: "10.0.9.5 in p", reason: "the released address no longer fits vSwitch p (10.0.0.0/24)" }]);
  });

  test("two previous entries claiming the same address: the first in sorted key order keeps it", () => {
    const previous: LockFile = {
      version: 2,
      allocations: { "b#primary": { pool: "p", address: "10.0.0.7" }, "a#primary": { pool: "p", address: "10.0.0.7" } },
    };
    const r = allocateAddresses([spec("p", "10.0.0.0/24")], [req("b#primary", "p"), req("a#primary", "p")], previous);
    expect(obj(r.addresses)).toEqual({ "a#primary": "10.0.0.7", "b#primary": "10.0.0.1" });
  });

  test("input order does not matter", () => {
    const pools = [spec("vsw-a", "10.0.1.0/24", ["10.0.1.3", "10.0.1.1"]), spec("vsw-b", "10.0.2.0/29"), spec("vsw-c", "172.16.0.0/16")];
    const requests: AddressRequest[] = [];
    for (let i = 0; i < 60; i++) {
      const pool = ["vsw-a", "vsw-b", "vsw-c", "vsw-x"][i % 4];
      requests.push(req(`app/i${i}/Eni#${i % 3 === 0 ? "primary" : `secondary-${i % 3}`}`, pool, i % 11 === 0 ? `10.0.1.${i}` : undefined));
    }
    const previous: LockFile = {
      version: 2,
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
    const changes = diffLockFiles(r.lock, r2.lock);
    expect(changes.changed).toEqual([]);
    expect(changes.added).toHaveLength(5000);
    expect(changes.removed).toHaveLength(10_000);
    const moved = next.filter((q) => r.addresses.has(q.key) && r2.addresses.get(q.key) !== r.addresses.get(q.key));
    expect(moved).toEqual([]);
    expect(r2.addresses.size).toBe(95_000);
  });

  test("a pool larger than a /16 or smaller than a /29, duplicate pool ids and duplicate keys are programming errors", () => {
    expect(() => allocateAddresses([spec("big", "10.0.0.0/15")], [])).toThrow(/must be \/16 to \/29/);
    expect(() => allocateAddresses([spec("p", "10.0.0.0/24"), spec("p", "10.0.1.0/24")], [])).toThrow(/Two address pools have the id "p"/);
    expect(() => allocateAddresses([spec("p", "10.0.0.0/24")], [req("k#primary", "p"), req("k#primary", "p")])).toThrow(/Two address requests have the key "k#primary"/);
  });

  test("same inputs, identical output", () => {
    const pools = [spec("p", "10.0.0.0/24")];
    const requests = [req("b#primary", "p"), req("a#primary", "p", "10.0.0.9")];
    expect(snapshot(allocateAddresses(pools, requests))).toEqual(snapshot(allocateAddresses(pools, requests)));
    expect(allocateAddresses(pools, []).lockChanges).toEqual([]);
  });
});
