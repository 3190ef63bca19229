import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  diffLockFiles,
  emptyLockFile,
  LOCK_FILE_COMMENT,
  LockFile,
  LockFileError,
  parseLockFile,
  readLockFile,
  serializeLockFile,
  sortedLockKeys,
  whyNotWritable,
  writeLockFile,
} from "../../../src/planner/allocation";

const lock = (allocations: LockFile["allocations"], released: LockFile["released"] = []): LockFile => ({ version: 2, allocations, released });

function parseError(text: string): LockFileError {
  try {
    parseLockFile(text, "eni.lock.json");
  } catch (e) {
    expect(e).toBeInstanceOf(LockFileError);
    return e as LockFileError;
  }
  throw new Error("expected parseLockFile to throw");
}

const withAllocations = (allocations: unknown, released: unknown = []): string => JSON.stringify({ version: 2, allocations, released });

describe("lock file", () => {
  test("emptyLockFile", () => {
    expect(emptyLockFile()).toEqual({ version: 2, comment: LOCK_FILE_COMMENT, allocations: {}, released: [] });
    expect(LOCK_FILE_COMMENT).toMatch(/cdktf synth/);
    expect(LOCK_FILE_COMMENT).toMatch(/commit/i);
  });

  test("serialization is deterministic: sorted keys, 2-space indent, trailing newline", () => {
    const a = lock({
      "app/web/Eni#secondary-2": { pool: "vsw-b", address: "10.0.2.3" },
      "app/db/Eni#primary": { pool: "vsw-a", address: "10.0.1.4" },
      "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.1" },
    });
    const b = lock({
      "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.1" },
      "app/db/Eni#primary": { pool: "vsw-a", address: "10.0.1.4" },
      "app/web/Eni#secondary-2": { pool: "vsw-b", address: "10.0.2.3" },
    });
    const text = serializeLockFile(a);
    expect(serializeLockFile(b)).toBe(text);
    expect(text).toBe(
      [
        "{",
        '  "version": 2,',
        `  "comment": ${JSON.stringify(LOCK_FILE_COMMENT)},`,
        '  "allocations": {',
        '    "app/db/Eni#primary": {',
        '      "pool": "vsw-a",',
        '      "address": "10.0.1.4"',
        "    },",
        '    "app/web/Eni#primary": {',
        '      "pool": "vsw-b",',
        '      "address": "10.0.2.1"',
        "    },",
        '    "app/web/Eni#secondary-2": {',
        '      "pool": "vsw-b",',
        '      "address": "10.0.2.3"',
        "    }",
        "  },",
        '  "released": []',
        "}",
        "",
      ].join("\n"),
    );
    // Same as JSON.stringify with sorted keys and 2-space indent.
    expect(text).toBe(
      JSON.stringify(
        {
          version: 2,
          comment: LOCK_FILE_COMMENT,
          allocations: {
            "app/db/Eni#primary": { pool: "vsw-a", address: "10.0.1.4" },
            "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.1" },
            "app/web/Eni#secondary-2": { pool: "vsw-b", address: "10.0.2.3" },
          },
          released: [],
        },
        null,
        2,
      ) + "\n",
    );
    expect(serializeLockFile(emptyLockFile())).toBe(`{\n  "version": 2,\n  "comment": ${JSON.stringify(LOCK_FILE_COMMENT)},\n  "allocations": {},\n  "released": []\n}\n`);
  });

  test("IPv6 counts (count:N) of two instances in one pool are not the same address twice", () => {
    const lock = parseLockFile(withAllocations({ "a#ipv6-count": { pool: "p", address: "count:1" }, "b#ipv6-count": { pool: "p", address: "count:1" } }), "eni.lock.json");
    expect(Object.keys(lock.allocations)).toEqual(["a#ipv6-count", "b#ipv6-count"]);
    expect(() => parseLockFile(withAllocations({ "a#primary": { pool: "p", address: "10.0.0.1" }, "b#primary": { pool: "p", address: "10.0.0.1" } }), "eni.lock.json")).toThrow(/already has/);
  });

  test("round trip", () => {
    const a = lock({
      "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.1" },
      'app/we"ird/Eni#primary': { pool: 'vsw "q"', address: "10.0.2.2" },
      "__proto__#primary": { pool: "vsw-b", address: "10.0.2.3" },
    });
    const text = serializeLockFile(a);
    const parsed = parseLockFile(text, "eni.lock.json");
    expect(parsed.version).toBe(2);
    expect(parsed.comment).toBe(LOCK_FILE_COMMENT);
    expect(Object.keys(parsed.allocations).sort()).toEqual(Object.keys(a.allocations).sort());
    for (const k of Object.keys(a.allocations)) expect(parsed.allocations[k]).toEqual(a.allocations[k]);
    expect(serializeLockFile(parsed)).toBe(text);
  });

  test("a key such as __proto__ stays a plain entry", () => {
    const text = withAllocations(JSON.parse('{"__proto__":{"pool":"p","address":"10.0.0.1"}}'));
    expect(text).toContain("__proto__");
    const parsed = parseLockFile(text, "x");
    expect(Object.keys(parsed.allocations)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(parsed.allocations)).toBe(Object.prototype);
    expect(parseLockFile(serializeLockFile(parsed), "x").allocations).toEqual(parsed.allocations);
  });

  test("a file written by this library is read as parsed and written back byte for byte; other forms are normalised", () => {
    const written = serializeLockFile(lock({ "app/a#primary": { pool: "v", address: "10.0.1.4" }, "app/b#primary": { pool: "v", address: "10.0.1.5" } }));
    expect(serializeLockFile(parseLockFile(written, "f"))).toBe(written);
    // Keys out of order and an entry with another property: the same lock, written in the one form.
    const edited = JSON.stringify({
      version: 2,
      allocations: { "app/b#primary": { address: "10.0.1.5", pool: "v", note: "hand-written" }, "app/a#primary": { pool: "v", address: "10.0.1.4" } },
      released: [],
    });
    const parsed = parseLockFile(edited, "f");
    expect(parsed.allocations["app/b#primary"]).toEqual({ pool: "v", address: "10.0.1.5" });
    expect(serializeLockFile(parsed)).toBe(written);
  });

  test("a missing comment is accepted", () => {
    const parsed = parseLockFile('{"version":1,"allocations":{"a#primary":{"pool":"p","address":"10.0.0.1"}}}', "x");
    expect(parsed.allocations).toEqual({ "a#primary": { pool: "p", address: "10.0.0.1" } });
  });

  test("the same address in different pools is fine", () => {
    const parsed = parseLockFile(withAllocations({ "a#primary": { pool: "p", address: "10.0.0.1" }, "b#primary": { pool: "q", address: "10.0.0.1" } }), "x");
    expect(Object.keys(parsed.allocations)).toHaveLength(2);
  });

  describe("parse errors name the file and the problem and say what to do", () => {
    const cases: [string, string, RegExp][] = [
      ["invalid JSON", '{"version": 1, "allocations": {', /not valid JSON/],
      ["empty file", "", /not valid JSON/],
      ["not an object", "[]", /must contain a JSON object, but contains an array/],
      ["missing version", '{"allocations":{}}', /"version" is missing; expected 2/],
      ["wrong version", '{"version":3,"allocations":{}}', /"version" is number 3, but this library reads versions 1 and 2 only/],
      ["version as string", '{"version":"1","allocations":{}}', /"version" is the string "1"/],
      ["missing allocations", '{"version":1}', /"allocations" must be an object of entries, but is missing/],
      ["allocations is an array", '{"version":1,"allocations":[]}', /"allocations" must be an object of entries, but is an array/],
      ["entry not an object", withAllocations({ "a#primary": "10.0.0.1" }), /entry "a#primary" must be an object/],
      ["entry without pool", withAllocations({ "a#primary": { address: "10.0.0.1" } }), /entry "a#primary" has no "pool".*missing/],
      ["entry with empty pool", withAllocations({ "a#primary": { pool: "", address: "10.0.0.1" } }), /entry "a#primary" has no "pool"/],
      ["entry without address", withAllocations({ "a#primary": { pool: "p" } }), /entry "a#primary" has no "address".*missing/],
      ["address not a string", withAllocations({ "a#primary": { pool: "p", address: 167772161 } }), /has no "address".*number 167772161/],
      ["address not IPv4", withAllocations({ "a#primary": { pool: "p", address: "10.0.0.300" } }), /"10\.0\.0\.300", which is not an IPv4 address/],
      [
        "address neither IPv4 nor IPv6",
        withAllocations({ "a#primary": { pool: "p", address: "fd00:zz::1" } }),
        /"fd00:zz::1", which is not an IPv4 address \(a\.b\.c\.d\), an IPv6 address, a CIDR block, or a count/,
      ],
      ["a count that is not a number", withAllocations({ "a#ipv6-count": { pool: "p", address: "count:x" } }), /"count:x", which is not/],
      ["CIDR with a bad prefix", withAllocations({ "a#prefix-1": { pool: "p", address: "10.0.0.0/33" } }), /"10\.0\.0\.0\/33", which is not/],
      ["released is not an array", JSON.stringify({ version: 2, allocations: {}, released: {} }), /"released" must be an array of entries, but is object/],
      ["released entry without key", withAllocations({}, [{ pool: "p", address: "10.0.0.1" }]), /released\[0\] has no "key"/],
      [
        "released address also allocated in the pool",
        withAllocations({ "a#primary": { pool: "p", address: "10.0.0.1" } }, [{ pool: "p", address: "10.0.0.1", key: "b#primary" }]),
        /released\[0\] has address 10\.0\.0\.1 in pool "p", which entry "a#primary" already has/,
      ],
      [
        "same address twice in one pool",
        withAllocations({ "b#primary": { pool: "p", address: "10.0.0.1" }, "a#primary": { pool: "p", address: "10.0.0.1" } }),
        /entry "b#primary" has address 10\.0\.0\.1 in pool "p", which entry "a#primary" already has/,
      ],
    ];
    test.each(cases)("%s", (_name, text, problem) => {
      const e = parseError(text);
      expect(e.name).toBe("LockFileError");
      expect(e.fileName).toBe("eni.lock.json");
      expect(e.message).toContain("eni.lock.json");
      expect(e.message).toMatch(problem);
      expect(e.message).toMatch(/restore it from version control, or delete it/i);
    });

    test("every bad entry is listed", () => {
      const e = parseError(
        withAllocations({
          "c#primary": { pool: "p" },
          "a#primary": { pool: "p", address: "nope" },
          "b#primary": { pool: "p", address: "10.0.0.1" },
        }),
      );
      expect(e.problems).toHaveLength(2);
      expect(e.problems[0]).toMatch(/^entry "a#primary"/);
      expect(e.problems[1]).toMatch(/^entry "c#primary"/);
      expect(e.message).toMatch(/\n {2}- entry "a#primary".*\n {2}- entry "c#primary"/);
    });
  });

  describe("read and write", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "eni-lock-"));
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    test("missing file reads as undefined", () => {
      expect(readLockFile(path.join(dir, "nope.json"))).toBeUndefined();
    });

    test("write then read", () => {
      const file = path.join(dir, "eni.lock.json");
      const a = lock({ "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.1" } });
      expect(writeLockFile(file, a)).toBe(true);
      expect(fs.readFileSync(file, "utf8")).toBe(serializeLockFile(a));
      expect(readLockFile(file)).toEqual({ ...a, comment: LOCK_FILE_COMMENT, readVersion: 2 });
      // Unchanged content: not rewritten.
      expect(writeLockFile(file, a)).toBe(false);
      expect(fs.readdirSync(dir)).toEqual(["eni.lock.json"]);
      const b = lock({ "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.9" } });
      expect(writeLockFile(file, b)).toBe(true);
      expect(readLockFile(file)!.allocations["app/web/Eni#primary"].address).toBe("10.0.2.9");
    });

    test("a read-only lock file is never replaced: writeLockFile throws and the file keeps its content", () => {
      const file = path.join(dir, "eni.lock.json");
      const a = lock({ "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.1" } });
      writeLockFile(file, a);
      fs.chmodSync(file, 0o444);
      expect(whyNotWritable(file)).toMatch(/eni\.lock\.json is read-only \(mode 444\)/);
      // the same content: nothing to write, no error
      expect(writeLockFile(file, a)).toBe(false);
      const b = lock({ "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.9" } });
      expect(() => writeLockFile(file, b)).toThrow(/cannot write the lock file: .*read-only/);
      expect(fs.readFileSync(file, "utf8")).toBe(serializeLockFile(a));
      expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    });

    test("a writable lock file keeps its permission bits when it is replaced", () => {
      const file = path.join(dir, "eni.lock.json");
      writeLockFile(file, lock({}));
      fs.chmodSync(file, 0o640);
      expect(whyNotWritable(file)).toBeUndefined();
      expect(writeLockFile(file, lock({ "a#primary": { pool: "p", address: "10.0.0.1" } }))).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    });

    test("a corrupt file throws LockFileError naming its path", () => {
      const file = path.join(dir, "eni.lock.json");
      fs.writeFileSync(file, "{ oops");
      expect(() => readLockFile(file)).toThrow(LockFileError);
      expect(() => readLockFile(file)).toThrow(file);
    });
  });

  test("version 1 files are read (readVersion 1, no released entries) and written back as version 2", () => {
    const v1 = '{"version":1,"allocations":{"a#primary":{"pool":"p","address":"10.0.0.1"}}}';
    const parsed = parseLockFile(v1, "x");
    expect(parsed).toMatchObject({ version: 2, readVersion: 1, released: [], allocations: { "a#primary": { pool: "p", address: "10.0.0.1" } } });
    expect(JSON.parse(serializeLockFile(parsed)).version).toBe(2);
    // a version 1 file cannot have "released": the key is ignored there
    expect(parseLockFile('{"version":1,"allocations":{},"released":{}}', "x").released).toEqual([]);
  });

  test("released entries: sorted by pool, address and key; round trip; IPv6 and CIDR values are accepted (other allocators' keys)", () => {
    const a = lock(
      {
        "app/web/Eni#ipv6-1": { pool: "vsw-b", address: "2408:4000:1::5" },
        "app/web/Eni#prefix-1": { pool: "vsw-b", address: "10.0.2.16/28" },
      },
      [
        { pool: "vsw-b", address: "10.0.2.7", key: "app/old/Eni#primary" },
        { pool: "vsw-a", address: "10.0.1.9", key: "app/gone/Eni#primary" },
      ],
    );
    const text = serializeLockFile(a);
    expect(JSON.parse(text).released).toEqual([
      { pool: "vsw-a", address: "10.0.1.9", key: "app/gone/Eni#primary" },
      { pool: "vsw-b", address: "10.0.2.7", key: "app/old/Eni#primary" },
    ]);
    const parsed = parseLockFile(text, "x");
    expect(parsed.released).toEqual(JSON.parse(text).released);
    expect(parsed.allocations).toEqual(a.allocations);
    expect(serializeLockFile(parsed)).toBe(text);
  });

  test("diffLockFiles: sorted added, removed, changed", () => {
    const before = lock({
      "z#primary": { pool: "p", address: "10.0.0.1" },
      "b#primary": { pool: "p", address: "10.0.0.2" },
      "c#primary": { pool: "p", address: "10.0.0.3" },
      "d#primary": { pool: "p", address: "10.0.0.4" },
      "y#primary": { pool: "p", address: "10.0.0.5" },
    });
    const after = lock({
      "z#primary": { pool: "p", address: "10.0.0.9" },
      "c#primary": { pool: "p", address: "10.0.0.3" },
      "d#primary": { pool: "q", address: "10.0.0.4" },
      "x#primary": { pool: "p", address: "10.0.0.6" },
      "a#primary": { pool: "p", address: "10.0.0.7" },
    });
    expect(diffLockFiles(before, after)).toEqual({
      added: ["a#primary", "x#primary"],
      removed: ["b#primary", "y#primary"],
      changed: ["d#primary", "z#primary"],
    });
    expect(diffLockFiles(after, after)).toEqual({ added: [], removed: [], changed: [] });
  });

  test("sortedLockKeys lists an allocations object once, in key order, for a parsed file's allocations too", () => {
    const allocations = { "b#primary": { pool: "p", address: "10.0.0.2" }, "a#primary": { pool: "p", address: "10.0.0.1" } };
    const keys = sortedLockKeys(allocations);
    expect(keys).toEqual(["a#primary", "b#primary"]);
    expect(sortedLockKeys(allocations)).toBe(keys);
    expect(Object.keys(allocations)).toEqual(["b#primary", "a#primary"]); // the object is not reordered
    const parsed = parseLockFile(withAllocations({ "y#primary": { pool: "p", address: "10.0.0.5" }, "x#primary": { pool: "p", address: "10.0.0.4" } }), "eni.lock.json");
    expect(sortedLockKeys(parsed.allocations)).toEqual(["x#primary", "y#primary"]);
  });
});
