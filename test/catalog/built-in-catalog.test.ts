import { InstanceTypeCatalog, InstanceTypeLimits } from "../../src/catalog";
import { STOPPED_ONLY_ENI_TYPES } from "../../src/catalog/eni-attach-rules";

const OVERVIEW_URL = "https://www.alibabacloud.com/help/en/ecs/user-guide/overview-of-instance-families";

describe("InstanceTypeCatalog.builtIn()", () => {
  const catalog = InstanceTypeCatalog.builtIn();

  test("has the 958 types of the dataset, with sorted unique names", () => {
    expect(catalog.size).toBe(958);
    const names = catalog.names();
    expect(names).toHaveLength(958);
    expect(new Set(names).size).toBe(958);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names.slice(0, 3)).toEqual(["ecs.c5.16xlarge", "ecs.c5.2xlarge", "ecs.c5.3xlarge"]); // code-unit order
  });

  test("is cached: the same instance every time", () => {
    expect(InstanceTypeCatalog.builtIn()).toBe(catalog);
  });

  test("ecs.g7.large: 3 ENIs, 6 private IPv4 and 6 IPv6 per ENI, hot swap, documented source", () => {
    expect(catalog.lookup("ecs.g7.large")).toEqual<InstanceTypeLimits>({
      name: "ecs.g7.large",
      family: "ecs.g7",
      vcpu: 2,
      memoryGiB: 8,
      eniQuantity: 3,
      privateIpv4PerEni: 6,
      ipv6PerEni: 6,
      hotSwap: true,
      secondaryEniAtCreation: true,
      source: expect.stringContaining(OVERVIEW_URL),
    });
  });

  test("larger types carry the documented larger limits (ecs.g7.2xlarge 4 / 15 / 15, ecs.c6.large 2 / 6)", () => {
    expect(catalog.lookup("ecs.g7.2xlarge")).toMatchObject({ eniQuantity: 4, privateIpv4PerEni: 15, ipv6PerEni: 15 });
    expect(catalog.lookup("ecs.c6.large")).toMatchObject({ eniQuantity: 2, privateIpv4PerEni: 6 });
  });

  test("ecs.t6-c1m1.large (section 2.6 list): no hot swap and no secondary ENI at creation", () => {
    const t6 = catalog.lookup("ecs.t6-c1m1.large");
    expect(t6?.hotSwap).toBe(false);
    expect(t6?.secondaryEniAtCreation).toBe(false);
    expect(t6?.source).toContain("Burstable instances");
  });

  test("a t5 type that is not in the 2.6 list still gets no secondary ENI at creation, but hot-swaps", () => {
    expect(STOPPED_ONLY_ENI_TYPES).not.toContain("ecs.t5-c1m1.xlarge");
    const t5 = catalog.lookup("ecs.t5-c1m1.xlarge");
    expect(t5).toMatchObject({ family: "ecs.t5", hotSwap: true, secondaryEniAtCreation: false });
  });

  test("whole-family rule covers t5, t6, xn4, n4, mn4, e4; the e family only for its listed types", () => {
    expect(catalog.lookup("ecs.n4.xlarge")).toMatchObject({ hotSwap: true, secondaryEniAtCreation: false });
    expect(catalog.lookup("ecs.e4.4xlarge")?.secondaryEniAtCreation).toBe(false);
    expect(catalog.lookup("ecs.t6-c1m4.2xlarge")?.secondaryEniAtCreation).toBe(false);
    expect(catalog.lookup("ecs.e-c1m1.large")).toMatchObject({ hotSwap: false, secondaryEniAtCreation: false });
    expect(catalog.lookup("ecs.e-c1m2.xlarge")).toMatchObject({ hotSwap: true, secondaryEniAtCreation: true });
    expect(catalog.lookup("ecs.g7.large")?.secondaryEniAtCreation).toBe(true);
  });

  test("counts: 25 stopped-only types, 46 without a secondary ENI at creation, 160 with unknown hot swap", () => {
    const rows = catalog.names().map((n) => catalog.lookup(n)!);
    expect(rows.filter((r) => r.hotSwap === false)).toHaveLength(25);
    expect(rows.filter((r) => r.secondaryEniAtCreation === false)).toHaveLength(46);
    expect(rows.filter((r) => r.hotSwap === undefined)).toHaveLength(160);
    expect(
      rows
        .filter((r) => r.privateIpv4PerEni === undefined)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["ecs.c6a.64xlarge", "ecs.ebmgn7i.32xlarge", "ecs.g6a.64xlarge", "ecs.gn7-c12g1.3xlarge", "ecs.gn7-c13g1.13xlarge", "ecs.gn7-c13g1.26xlarge", "ecs.r6a.32xlarge", "ecs.r6a.64xlarge"]);
  });

  test("ecs.gn7-c12g1.3xlarge (2021 snapshot row): private IPv4 per ENI unknown", () => {
    const gn7 = catalog.lookup("ecs.gn7-c12g1.3xlarge");
    expect(gn7).toBeDefined();
    expect(gn7!.eniQuantity).toBe(8);
    expect(gn7!.privateIpv4PerEni).toBeUndefined();
    expect(gn7!.ipv6PerEni).toBeUndefined();
    expect(gn7!.hotSwap).toBeUndefined();
    expect(gn7!.source).toBe("github.com/AlibabaCloudDocs/ecs @322eaab8 (snapshot 2021-07-19), intl.en-US/Instance/Instance families.md line 2629");
    expect(gn7!.notes).toContain("no private-IPs-per-ENI column");
  });

  test("every row resolves its source id to the full source text and has at least 1 ENI", () => {
    for (const name of catalog.names()) {
      const row = catalog.lookup(name)!;
      expect(row.source.length).toBeGreaterThan(40);
      expect(row.eniQuantity).toBeGreaterThanOrEqual(1);
      expect(row.family && name.startsWith(`${row.family}`)).toBeTruthy();
    }
  });

  test("rows are frozen, and lookup/has are exact", () => {
    const row = catalog.lookup("ecs.g7.large")!;
    expect(Object.isFrozen(row)).toBe(true);
    expect(() => {
      (row as { eniQuantity: number }).eniQuantity = 99;
    }).toThrow(TypeError);
    expect(catalog.lookup("ecs.g7.large")!.eniQuantity).toBe(3);
    expect(catalog.has("ecs.g7.large")).toBe(true);
    expect(catalog.has("ecs.G7.large")).toBe(false);
    expect(catalog.has("ecs.g7.huge")).toBe(false);
    expect(catalog.lookup("ecs.g7.huge")).toBeUndefined();
  });

  test("names() returns a copy", () => {
    const names = catalog.names();
    names.length = 0;
    expect(catalog.names()).toHaveLength(958);
  });
});

describe("i3/i3g corrections", () => {
  test.each(["ecs.i3.4xlarge", "ecs.i3.8xlarge", "ecs.i3.13xlarge", "ecs.i3.26xlarge", "ecs.i3g.8xlarge", "ecs.i3g.13xlarge", "ecs.i3g.26xlarge"])(
    "%s has 30 private IPv4 per ENI, and its notes say why",
    (name) => {
      const t = InstanceTypeCatalog.builtIn().lookup(name)!;
      expect(t.privateIpv4PerEni).toBe(30);
      const row = (require("../../src/catalog/instance-types.json") as { types: { name: string; notes?: string }[] }).types.find((r) => r.name === name)!;
      expect(row.notes).toMatch(/corrected from 300 to 30/);
      expect(row.notes).toContain("32190525689");
    },
  );
});
