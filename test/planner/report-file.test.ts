import * as fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeCompactJson } from "../../src/planner/report-file";

describe("writeCompactJson", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-file-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const written = (value: Record<string, unknown>): string => {
    const file = path.join(dir, "r.json");
    writeCompactJson(file, value);
    return fs.readFileSync(file, "utf8");
  };

  test("writes what JSON.stringify writes, with a newline: undefined members left out, long arrays in chunks, non-ASCII text", () => {
    const enis = Array.from({ length: 5000 }, (_, i) => ({
      path: `s/Eni${i}`,
      zone: i % 2 ? null : "cn-hangzhou-h",
      note: "ä→€",
      secondaryIps: [{ role: "secondary-1", address: `10.0.${i >> 8}.${i & 255}` }],
    }));
    const value = { version: 1, stack: "s", region: undefined, enis, empty: [], findings: [undefined, 1, "x"], nested: { a: undefined, b: [1, { c: "d" }] } };
    const text = written(value);
    expect(text.length).toBeGreaterThan(1 << 17); // more than one chunk
    expect(text).toBe(`${JSON.stringify(value)}\n`);
  });

  test("property: byte-identical to JSON.stringify for any JSON object", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.array(fc.jsonValue(), { maxLength: 70 }), fc.constant(undefined))), (value) => {
        expect(written(value)).toBe(`${JSON.stringify(value)}\n`);
      }),
      { numRuns: 200, seed: 3 },
    );
  });
});
