import { InstanceTypeCatalog, InstanceTypeCatalogError, InstanceTypeLimits } from "../../src/catalog";

const override: InstanceTypeLimits = {
  name: "ecs.g7.large",
  eniQuantity: 2,
  privateIpv4PerEni: 4,
  source: "user override",
};

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InstanceTypeCatalogError);
    return (e as Error).message;
  }
  throw new Error("expected an InstanceTypeCatalogError");
}

describe("InstanceTypeCatalog.withTypes()", () => {
  const builtIn = InstanceTypeCatalog.builtIn();

  test("an override replaces the whole row and leaves the original catalog unchanged", () => {
    const custom = builtIn.withTypes([override]);
    expect(custom).not.toBe(builtIn);
    expect(custom.size).toBe(958);
    expect(custom.lookup("ecs.g7.large")).toEqual({
      name: "ecs.g7.large",
      eniQuantity: 2,
      privateIpv4PerEni: 4,
      source: "user override",
    });
    // whole row: nothing of the built-in row survives
    expect(custom.lookup("ecs.g7.large")?.hotSwap).toBeUndefined();
    expect(custom.lookup("ecs.g7.large")?.ipv6PerEni).toBeUndefined();
    expect(builtIn.lookup("ecs.g7.large")).toMatchObject({ eniQuantity: 3, privateIpv4PerEni: 6, hotSwap: true });
    expect(custom.lookup("ecs.g7.xlarge")).toBe(builtIn.lookup("ecs.g7.xlarge"));
  });

  test("adds new types, keeps names sorted, and normalizes a bare family", () => {
    const custom = builtIn.withTypes([
      { name: "ecs.zz9.large", family: "zz9", eniQuantity: 4, privateIpv4PerEni: undefined, hotSwap: false, source: "lab" },
      { name: "ecs.aa1.large", eniQuantity: 1, privateIpv4PerEni: 1, ipv6PerEni: 0, source: "lab" },
    ]);
    expect(custom.size).toBe(960);
    expect(custom.has("ecs.zz9.large")).toBe(true);
    expect(custom.lookup("ecs.zz9.large")).toMatchObject({ family: "ecs.zz9", eniQuantity: 4, hotSwap: false });
    expect(custom.lookup("ecs.zz9.large")?.privateIpv4PerEni).toBeUndefined();
    expect(custom.lookup("ecs.aa1.large")?.ipv6PerEni).toBe(0);
    const names = custom.names();
    expect(names[0]).toBe("ecs.aa1.large");
    expect(names[names.length - 1]).toBe("ecs.zz9.large");
    expect(builtIn.has("ecs.zz9.large")).toBe(false);
  });

  test("copies the input: mutating the caller's object later does not change the catalog", () => {
    const input = { ...override, eniQuantity: 5 };
    const custom = InstanceTypeCatalog.empty().withTypes([input]);
    input.eniQuantity = 1;
    expect(custom.lookup("ecs.g7.large")?.eniQuantity).toBe(5);
    expect(Object.isFrozen(custom.lookup("ecs.g7.large"))).toBe(true);
  });

  test("an empty list returns the same catalog", () => {
    expect(builtIn.withTypes([])).toBe(builtIn);
  });

  test("rejects a name without the ecs. prefix, naming the value and the expected form", () => {
    const msg = messageOf(() => builtIn.withTypes([{ ...override, name: "g7.large" }]));
    expect(msg).toContain('withTypes() entry 0 (instance type "g7.large"): name is "g7.large": it does not start with "ecs."');
    expect(msg).toContain('expected the full ECS type name, e.g. "ecs.g7.large"');
  });

  test.each([
    [0, "eniQuantity is 0; expected a whole number >= 1"],
    [1.5, "eniQuantity is 1.5; expected a whole number >= 1"],
    [-2, "eniQuantity is -2; expected a whole number >= 1"],
    ["3", 'eniQuantity is "3"; expected a whole number >= 1'],
    [Number.NaN, "eniQuantity is NaN; expected a whole number >= 1"],
  ])("rejects eniQuantity %p", (value, expected) => {
    const msg = messageOf(() => builtIn.withTypes([{ ...override, eniQuantity: value as number }]));
    expect(msg).toContain('instance type "ecs.g7.large"');
    expect(msg).toContain(expected);
  });

  test.each([
    [0, "privateIpv4PerEni is 0; expected a whole number >= 1"],
    [2.5, "privateIpv4PerEni is 2.5; expected a whole number >= 1"],
    [null, "privateIpv4PerEni is null; expected a whole number >= 1"],
  ])("rejects privateIpv4PerEni %p", (value, expected) => {
    const msg = messageOf(() => builtIn.withTypes([{ ...override, privateIpv4PerEni: value as number }]));
    expect(msg).toContain(expected);
  });

  test("rejects other bad fields and reports every bad entry at once", () => {
    const msg = messageOf(() =>
      builtIn.withTypes([
        { ...override, ipv6PerEni: -1 },
        { ...override, name: "ecs.g7.xlarge", hotSwap: "yes" as unknown as boolean },
        { ...override, name: "ecs.g7.2xlarge", source: "" },
        null as unknown as InstanceTypeLimits,
      ]),
    );
    expect(msg).toContain("Invalid instance-type limits (4)");
    expect(msg).toContain('entry 0 (instance type "ecs.g7.large"): ipv6PerEni is -1; expected a whole number >= 0');
    expect(msg).toContain('entry 1 (instance type "ecs.g7.xlarge"): hotSwap is "yes"; expected true, false');
    expect(msg).toContain('entry 2 (instance type "ecs.g7.2xlarge"): source is ""; expected a short human-readable origin');
    expect(msg).toContain("entry 3: the entry is null; expected an object");
  });

  test("rejects the same name twice in one call", () => {
    const msg = messageOf(() => builtIn.withTypes([override, { ...override, eniQuantity: 3 }]));
    expect(msg).toContain('withTypes() entry 1 (instance type "ecs.g7.large"): ecs.g7.large is also given as entry 0');
  });

  test("rejects a non-array", () => {
    expect(messageOf(() => builtIn.withTypes(override as unknown as InstanceTypeLimits[]))).toContain("expected an array of InstanceTypeLimits");
  });
});

describe("InstanceTypeCatalog.merge()", () => {
  const builtIn = InstanceTypeCatalog.builtIn();

  test("the other catalog wins, whole row", () => {
    const other = InstanceTypeCatalog.empty().withTypes([override, { ...override, name: "ecs.new1.large", eniQuantity: 8 }]);
    const merged = builtIn.merge(other);
    expect(merged.size).toBe(959);
    expect(merged.lookup("ecs.g7.large")).toBe(other.lookup("ecs.g7.large"));
    expect(merged.lookup("ecs.new1.large")?.eniQuantity).toBe(8);
    expect(other.merge(builtIn).lookup("ecs.g7.large")).toBe(builtIn.lookup("ecs.g7.large"));
    expect(builtIn.lookup("ecs.g7.large")?.eniQuantity).toBe(3);
  });

  test("merging with an empty catalog returns the non-empty one", () => {
    expect(builtIn.merge(InstanceTypeCatalog.empty())).toBe(builtIn);
    expect(InstanceTypeCatalog.empty().merge(builtIn)).toBe(builtIn);
    expect(InstanceTypeCatalog.empty().size).toBe(0);
    expect(InstanceTypeCatalog.empty().names()).toEqual([]);
  });

  test("rejects something that is not a catalog", () => {
    expect(messageOf(() => builtIn.merge({} as InstanceTypeCatalog))).toContain("merge() got {}; expected an InstanceTypeCatalog");
  });
});
