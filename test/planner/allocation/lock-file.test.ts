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
  writeLockFile,
} from "../../../src/planner/allocation";

const lock = (allocations: LockFile["allocations"]): LockFile => ({ version: 1, allocations });

function parseError(text: string): LockFileError {
  try {
    parseLockFile(text, "eni.lock.json");
  } catch (e) {
    expect(e).toBeInstanceOf(LockFileError);
    return e as LockFileError;
  }
  throw new Error("expected parseLockFile to throw");
}

const withAllocations = (allocations: unknown): string => JSON.stringify({ version: 1, allocations });

describe("lock file", () => {
  test("emptyLockFile", () => {
    expect(emptyLockFile()).toEqual({ version: 1, comment: LOCK_FILE_COMMENT, allocations: {} });
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
        '  "version": 1,',
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
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    // Same as JSON.stringify with sorted keys and 2-space indent.
    expect(text).toBe(JSON.stringify({ version: 1, comment: LOCK_FILE_COMMENT, allocations: {
      "app/db/Eni#primary": { pool: "vsw-a", address: "10.0.1.4" },
      "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.1" },
      "app/web/Eni#secondary-2": { pool: "vsw-b", address: "10.0.2.3" },
    } }, null, 2) + "\n");
    expect(serializeLockFile(emptyLockFile())).toBe(
      `{\n  "version": 1,\n  "comment": ${JSON.stringify(LOCK_FILE_COMMENT)},\n  "allocations": {}\n}\n`,
    );
  });

  test("round trip", () => {
    const a = lock({
      "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.1" },
      "app/we\"ird/Eni#primary": { pool: "vsw \"q\"", address: "10.0.2.2" },
      "__proto__#primary": { pool: "vsw-b", address: "10.0.2.3" },
    });
    const text = serializeLockFile(a);
    const parsed = parseLockFile(text, "eni.lock.json");
    expect(parsed.version).toBe(1);
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

  test("a missing comment is accepted", () => {
    const parsed = parseLockFile('{"version":1,"allocations":{"a#primary":{"pool":"p","address":"10.0.0.1"}}}', "x");
    expect(parsed.allocations).toEqual({ "a#primary": { pool: "p", address: "10.0.0.1" } });
  });

  test("the same address in different pools is fine", () => {
    const parsed = parseLockFile(
      withAllocations({ "a#primary": { pool: "p", address: "10.0.0.1" }, "b#primary": { pool: "q", address: "10.0.0.1" } }),
      "x",
    );
    expect(Object.keys(parsed.allocations)).toHaveLength(2);
  });

  describe("parse errors name the file and the problem and say what to do", () => {
    const cases: [string, string, RegExp][] = [
      ["invalid JSON", '{"version": 1, "allocations": {', /not valid JSON/],
      ["empty file", "", /not valid JSON/],
      ["not an object", "[]", /must contain a JSON object, but contains an array/],
      ["missing version", '{"allocations":{}}', /"version" is missing; expected 1/],
      ["wrong version", '{"version":2,"allocations":{}}', /"version" is number 2, but this library reads version 1 only/],
      ["version as string", '{"version":"1","allocations":{}}', /"version" is the string "1"/],
      ["missing allocations", '{"version":1}', /"allocations" must be an object of entries, but is missing/],
      ["allocations is an array", '{"version":1,"allocations":[]}', /"allocations" must be an object of entries, but is an array/],
      ["entry not an object", withAllocations({ "a#primary": "10.0.0.1" }), /entry "a#primary" must be an object/],
      ["entry without pool", withAllocations({ "a#primary": { address: "10.0.0.1" } }), /entry "a#primary" has no "pool".*missing/],
      ["entry with empty pool", withAllocations({ "a#primary": { pool: "", address: "10.0.0.1" } }), /entry "a#primary" has no "pool"/],
      ["entry without address", withAllocations({ "a#primary": { pool: "p" } }), /entry "a#primary" has no "address".*missing/],
      ["address not a string", withAllocations({ "a#primary": { pool: "p", address: 167772161 } }), /has no "address".*number 167772161/],
      ["address not IPv4", withAllocations({ "a#primary": { pool: "p", address: "10.0.0.300" } }), /"10\.0\.0\.300", which is not an IPv4 address/],
      ["address IPv6 on an IPv4 role", withAllocations({ "a#primary": { pool: "p", address: "fd00::1" } }), /"fd00::1", which is not an IPv4 address/],
      ["address IPv4 on an IPv6 role", withAllocations({ "a#ipv6-1": { pool: "p", address: "10.0.0.1" } }), /"10\.0\.0\.1", which is not an IPv6 address \(its key ends in #ipv6-N\)/],
      ["prefix that is no block", withAllocations({ "a#prefix-1": { pool: "p", address: "10.0.0.16" } }), /"10\.0\.0\.16", which is not an IPv4 block/],
      ["count not a whole number", withAllocations({ "a#ipv6-count": { pool: "p", address: "count:two" } }), /"count:two", which is not a count/],
      [
        "same IPv6 address twice in one pool (any spelling)",
        withAllocations({ "b#ipv6-1": { pool: "p", address: "fd00::1" }, "a#ipv6-1": { pool: "p", address: "fd00:0::1" } }),
        /entry "b#ipv6-1" has address fd00::1 in pool "p", which entry "a#ipv6-1" already has/,
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

    test("IPv6 addresses, IPv4 blocks and counts are kept as they are", () => {
      const text = withAllocations({
        "a#ipv6-1": { pool: "p", address: "fd00::1" },
        "a#prefix-1": { pool: "p", address: "10.0.1.16/28" },
        "a#ipv6-count": { pool: "p", address: "count:2" },
        "b#ipv6-count": { pool: "p", address: "count:2" },
      });
      const lock = parseLockFile(text, "eni.lock.json");
      expect(lock.allocations["a#ipv6-1"].address).toBe("fd00::1");
      expect(lock.allocations["a#prefix-1"].address).toBe("10.0.1.16/28");
      expect(lock.allocations["b#ipv6-count"].address).toBe("count:2");
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
      expect(readLockFile(file)).toEqual({ ...a, comment: LOCK_FILE_COMMENT });
      // Unchanged content: not rewritten.
      expect(writeLockFile(file, a)).toBe(false);
      expect(fs.readdirSync(dir)).toEqual(["eni.lock.json"]);
      const b = lock({ "app/web/Eni#primary": { pool: "vsw-b", address: "10.0.2.9" } });
      expect(writeLockFile(file, b)).toBe(true);
      expect(readLockFile(file)!.allocations["app/web/Eni#primary"].address).toBe("10.0.2.9");
    });

    test("a corrupt file throws LockFileError naming its path", () => {
      const file = path.join(dir, "eni.lock.json");
      fs.writeFileSync(file, "{ oops");
      expect(() => readLockFile(file)).toThrow(LockFileError);
      expect(() => readLockFile(file)).toThrow(file);
    });
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
});
