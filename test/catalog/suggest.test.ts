import { InstanceTypeCatalog, InstanceTypeCatalogError } from "../../src/catalog";
import { editDistance } from "../../src/catalog/suggest";

describe("editDistance()", () => {
  test.each([
    ["kitten", "sitting", 3],
    ["", "abc", 3],
    ["abc", "abc", 0],
    ["large", "lrage", 1], // adjacent transposition counts 1
    ["ecs.g7x.large", "ecs.g7.xlarge", 1],
    ["ecs.g7.larg", "ecs.g7.large", 1],
  ])("%p -> %p = %p", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  test("stops early above the limit, returning limit + 1", () => {
    expect(editDistance("ecs.g7.large", "ecs.hfr9i.48xlarge", 2)).toBe(3);
    expect(editDistance("a", "abcdefgh", 3)).toBe(4);
  });
});

describe("InstanceTypeCatalog.suggest()", () => {
  const catalog = InstanceTypeCatalog.builtIn();

  test("a misspelt size: the right type first, then the nearest sizes of the same family", () => {
    expect(catalog.suggest("ecs.g7.larg")).toEqual(["ecs.g7.large", "ecs.g7.xlarge", "ecs.g7.2xlarge"]);
    expect(catalog.suggest("ecs.g7.lrage")[0]).toBe("ecs.g7.large");
    expect(catalog.suggest("ecs.t6-c1m1.larg", 2)).toEqual(["ecs.t6-c1m1.large", "ecs.t6-c1m2.large"]);
  });

  test("an unknown family: g7x suggests g7 sizes, nearest first", () => {
    expect(catalog.has("ecs.g7x.large")).toBe(false);
    const s = catalog.suggest("ecs.g7x.large");
    expect(s).toEqual(["ecs.g7.large", "ecs.g7.xlarge", "ecs.g7a.large"]);
  });

  test("a size that does not exist in the family suggests sizes of that family", () => {
    const s = catalog.suggest("ecs.c6.24xlarge", 4);
    expect(s).toHaveLength(4);
    for (const name of s) expect(name.startsWith("ecs.c6.")).toBe(true);
    expect(s[0]).toBe("ecs.c6.26xlarge");
  });

  test("case-insensitive matching; a known name comes back first", () => {
    expect(catalog.suggest("ECS.G7.LARGE")[0]).toBe("ecs.g7.large");
    expect(catalog.suggest("ecs.g7.large", 1)).toEqual(["ecs.g7.large"]);
  });

  test("nothing close: no suggestions rather than noise", () => {
    expect(catalog.suggest("totally-unknown")).toEqual([]);
    expect(catalog.suggest("ecs.zzz.huge")).toEqual([]);
    expect(catalog.suggest("")).toEqual([]);
    expect(InstanceTypeCatalog.empty().suggest("ecs.g7.large")).toEqual([]);
  });

  test("max controls the count; invalid max is rejected", () => {
    expect(catalog.suggest("ecs.g7.larg", 5)).toHaveLength(5);
    expect(catalog.suggest("ecs.g7.larg", 0)).toEqual([]);
    expect(() => catalog.suggest("ecs.g7.larg", -1)).toThrow(InstanceTypeCatalogError);
    expect(() => catalog.suggest("ecs.g7.larg", 1.5)).toThrow("suggest() max is 1.5; expected a whole number >= 0");
  });

  test("ordering is distance, then name, and repeatable", () => {
    const s = catalog.suggest("ecs.g7x.large", 6);
    expect(catalog.suggest("ecs.g7x.large", 6)).toEqual(s);
    const distances = s.map((n) => editDistance("ecs.g7x.large", n));
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (let i = 1; i < s.length; i++) {
      if (distances[i] === distances[i - 1]) expect(s[i - 1] < s[i]).toBe(true);
    }
  });

  test("suggestions follow overrides", () => {
    const custom = catalog.withTypes([{ name: "ecs.g7x.large", eniQuantity: 3, privateIpv4PerEni: 6, source: "user override" }]);
    expect(custom.suggest("ecs.g7x.larg")[0]).toBe("ecs.g7x.large");
    expect(catalog.suggest("ecs.g7x.larg")).not.toContain("ecs.g7x.large");
  });

  // Its speed is a benchmark figure (npm run bench), never a timed assertion: this shared machine's load varies.
  test("a few hundred unknown names all get suggestions from the same family when one exists", () => {
    for (let i = 0; i < 300; i++) {
      const s = catalog.suggest(`ecs.g7.lar${i % 7}ge`);
      expect(s.length).toBeGreaterThan(0);
      expect(s.every((x) => x.startsWith("ecs.g7"))).toBe(true);
    }
  });
});
