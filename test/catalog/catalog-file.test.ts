import * as fs from "fs";
import { CatalogFile, parseCatalogFile, serializeCatalogFile } from "../../src/catalog/catalog-file";
import { InstanceTypeCatalogError } from "../../src/catalog";
import { buildCatalog, DEFAULT_INPUT, OUTPUT } from "../../scripts/build-catalog";

const row = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  family: "ecs.g7",
  vcpu: 2,
  memoryGiB: 8,
  eniQuantity: 3,
  privateIpv4PerEni: 6,
  ipv6PerEni: null,
  hotSwap: null,
  secondaryEniAtCreation: true,
  source: "a",
  ...extra,
});

describe("catalog data file format", () => {
  test("serialization is deterministic: sorted sources and types, stable key order, one type per line", () => {
    const file: CatalogFile = {
      description: "test",
      sources: { b: "Source B", a: "Source A" },
      types: [row("ecs.g7.xlarge", { source: "b", notes: "n" }), row("ecs.g7.large")],
    };
    const reversed: CatalogFile = { ...file, sources: { a: "Source A", b: "Source B" }, types: [...file.types].reverse() };
    const text = serializeCatalogFile(file);
    expect(serializeCatalogFile(reversed)).toBe(text);
    const lines = text.split("\n");
    expect(lines.filter((l) => l.includes('"name"'))).toEqual([
      '    {"name":"ecs.g7.large","family":"ecs.g7","vcpu":2,"memoryGiB":8,"eniQuantity":3,"privateIpv4PerEni":6,"ipv6PerEni":null,"hotSwap":null,"secondaryEniAtCreation":true,"source":"a"},',
      '    {"name":"ecs.g7.xlarge","family":"ecs.g7","vcpu":2,"memoryGiB":8,"eniQuantity":3,"privateIpv4PerEni":6,"ipv6PerEni":null,"hotSwap":null,"secondaryEniAtCreation":true,"source":"b","notes":"n"}',
    ]);
    expect(text.indexOf('"a": "Source A"')).toBeLessThan(text.indexOf('"b": "Source B"'));
    expect(JSON.parse(text)).toEqual({ ...file, types: [file.types[1], file.types[0]] });
  });

  test("reading maps null to undefined and source ids to their text", () => {
    const [limits] = parseCatalogFile({ description: "", sources: { a: "Source A" }, types: [row("ecs.g7.large")] }, "f.json");
    expect(limits).toEqual({
      name: "ecs.g7.large",
      family: "ecs.g7",
      vcpu: 2,
      memoryGiB: 8,
      eniQuantity: 3,
      privateIpv4PerEni: 6,
      secondaryEniAtCreation: true,
      source: "Source A",
    });
  });

  test("a corrupt file names every bad row and how to regenerate", () => {
    const bad = {
      description: "",
      sources: { a: "Source A" },
      types: [row("ecs.g7.large", { source: "zz" }), row("ecs.g7.xlarge", { eniQuantity: 0 })],
    };
    expect(() => parseCatalogFile(bad, "f.json")).toThrow(InstanceTypeCatalogError);
    expect(() => parseCatalogFile(bad, "f.json")).toThrow(
      /f\.json has 2 invalid row\(s\):\n {2}- types\[0\] \(instance type "ecs\.g7\.large"\): source id "zz" is not in "sources"\n {2}- types\[1\] \(instance type "ecs\.g7\.xlarge"\): eniQuantity is 0.*\nRegenerate it with `npx ts-node scripts\/build-catalog\.ts`/s,
    );
    expect(() => parseCatalogFile([], "f.json")).toThrow(/f\.json is not an instance-type catalog/);
  });

  test("the shipped file is valid JSON with the documented header", () => {
    const shipped = JSON.parse(fs.readFileSync(OUTPUT, "utf8")) as CatalogFile;
    expect(Object.keys(shipped)).toEqual(["description", "sources", "types"]);
    expect(shipped.description).toContain("DescribeInstanceTypes");
    expect(shipped.types).toHaveLength(958);
    expect(shipped.sources["ecs-instance-families"]).toContain("Overview of instance families");
  });

  const haveReference = fs.existsSync(DEFAULT_INPUT);
  (haveReference ? test : test.skip)("the shipped file is exactly what scripts/build-catalog.ts builds from the dataset", () => {
    const built = buildCatalog(JSON.parse(fs.readFileSync(DEFAULT_INPUT, "utf8")), DEFAULT_INPUT);
    expect(fs.readFileSync(OUTPUT, "utf8")).toBe(built.text);
    expect(built.missingListed).toEqual(["ecs.s6-c1m1.small", "ecs.s6-c1m2.large", "ecs.s6-c1m2.small", "ecs.s6-c1m4.large", "ecs.s6-c1m4.small"]);
  });

  test("the build script rejects a dataset whose hot-swap flags disagree with section 2.6", () => {
    const ref = {
      instanceType: "ecs.t6-c1m1.large",
      family: "t6",
      vcpu: 2,
      memoryGiB: 2,
      eniQuantity: 2,
      privateIpv4PerEni: 2,
      ipv6PerEni: 1,
      source: "Some doc",
      secondaryEniSupported: true,
      hotSwapSupported: true,
    };
    expect(() => buildCatalog([ref], "ref.json")).toThrow(/hotSwapSupported=true but the section 2\.6 list includes this type/);
    const ok = buildCatalog([{ ...ref, hotSwapSupported: false }], "ref.json");
    expect(ok.file.types[0]).toMatchObject({ family: "ecs.t6", hotSwap: false, secondaryEniAtCreation: false, source: "source-1" });
    expect(ok.file.sources).toEqual({ "source-1": "Some doc" });
  });
});
