import { InstanceTypeCatalog, InstanceTypeCatalogError, DESCRIBE_INSTANCE_TYPES_SOURCE } from "../../src/catalog";
import { thrown } from "../support/thrown";

/** A trimmed real-shaped DescribeInstanceTypes row (PascalCase, as the API and aliyun CLI print it). */
const g7Large = {
  InstanceTypeId: "ecs.g7.large",
  InstanceTypeFamily: "ecs.g7",
  CpuCoreCount: 2,
  MemorySize: 8,
  EniQuantity: 3,
  EniPrivateIpAddressQuantity: 10,
  EniIpv6AddressQuantity: 10,
  EniTotalQuantity: 6,
  EniTrunkSupported: true,
  InstanceBandwidthRx: 1024000,
};

const cliResponse = {
  RequestId: "0F6F5B2E-0000-4000-8000-000000000000",
  NextToken: "",
  InstanceTypes: {
    InstanceType: [
      g7Large,
      {
        InstanceTypeId: "ecs.t6-c1m1.large",
        InstanceTypeFamily: "ecs.t6",
        CpuCoreCount: 2,
        MemorySize: 2,
        EniQuantity: 2,
        EniPrivateIpAddressQuantity: 2,
        EniIpv6AddressQuantity: 0,
      },
    ],
  },
};

describe("InstanceTypeCatalog.fromDescribeInstanceTypes()", () => {
  test("reads the PascalCase response: API numbers, built-in hot-swap facts, default source", () => {
    const imported = InstanceTypeCatalog.fromDescribeInstanceTypes(cliResponse);
    expect(imported.size).toBe(2);
    expect(imported.names()).toEqual(["ecs.g7.large", "ecs.t6-c1m1.large"]);
    expect(imported.lookup("ecs.g7.large")).toEqual({
      name: "ecs.g7.large",
      family: "ecs.g7",
      vcpu: 2,
      memoryGiB: 8,
      eniQuantity: 3,
      privateIpv4PerEni: 10,
      ipv6PerEni: 10,
      hotSwap: true,
      secondaryEniAtCreation: true,
      source: DESCRIBE_INSTANCE_TYPES_SOURCE,
    });
    expect(DESCRIBE_INSTANCE_TYPES_SOURCE).toBe("DescribeInstanceTypes import");
    // not reported by the API: kept from the built-in catalog
    expect(imported.lookup("ecs.t6-c1m1.large")).toMatchObject({
      eniQuantity: 2,
      privateIpv4PerEni: 2,
      ipv6PerEni: 0,
      hotSwap: false,
      secondaryEniAtCreation: false,
    });
  });

  test("reads the lower-camel keys of the Tea SDKs, with or without the body wrapper, and a custom source", () => {
    const row = {
      instanceTypeId: "ecs.g7.large",
      instanceTypeFamily: "ecs.g7",
      cpuCoreCount: 2,
      memorySize: 8,
      eniQuantity: 3,
      eniPrivateIpAddressQuantity: 10,
      eniIpv6AddressQuantity: 10,
    };
    const sdk = { headers: {}, statusCode: 200, body: { requestId: "x", instanceTypes: { instanceType: [row] } } };
    const fromSdk = InstanceTypeCatalog.fromDescribeInstanceTypes(sdk, "DescribeInstanceTypes cn-hangzhou 2026-01-01");
    expect(fromSdk.lookup("ecs.g7.large")).toMatchObject({
      eniQuantity: 3,
      privateIpv4PerEni: 10,
      ipv6PerEni: 10,
      vcpu: 2,
      memoryGiB: 8,
      hotSwap: true,
      source: "DescribeInstanceTypes cn-hangzhou 2026-01-01",
    });
    const fromBody = InstanceTypeCatalog.fromDescribeInstanceTypes({ instanceTypes: { instanceType: [row] } });
    expect(fromBody.lookup("ecs.g7.large")).toEqual(InstanceTypeCatalog.fromDescribeInstanceTypes(cliResponse).lookup("ecs.g7.large"));
  });

  test("reads the bare InstanceType array", () => {
    const imported = InstanceTypeCatalog.fromDescribeInstanceTypes([g7Large]);
    expect(imported.size).toBe(1);
    expect(imported.lookup("ecs.g7.large")?.privateIpv4PerEni).toBe(10);
  });

  test("types the built-in catalog does not know get the documented rules, else unknown hot swap", () => {
    const imported = InstanceTypeCatalog.fromDescribeInstanceTypes([
      { InstanceTypeId: "ecs.s6-c1m1.small", EniQuantity: 2, EniPrivateIpAddressQuantity: 2 },
      { InstanceTypeId: "ecs.t6-c9m9.large", EniQuantity: 2 },
      { InstanceTypeId: "ecs.g99.large", InstanceTypeFamily: "ecs.g99", EniQuantity: 4, EniPrivateIpAddressQuantity: 20 },
    ]);
    expect(imported.lookup("ecs.s6-c1m1.small")).toMatchObject({ hotSwap: false, secondaryEniAtCreation: false });
    const t6 = imported.lookup("ecs.t6-c9m9.large")!;
    expect(t6.secondaryEniAtCreation).toBe(false);
    expect(t6.hotSwap).toBeUndefined();
    expect(t6.privateIpv4PerEni).toBeUndefined();
    const g99 = imported.lookup("ecs.g99.large")!;
    expect(g99.hotSwap).toBeUndefined();
    expect(g99.secondaryEniAtCreation).toBeUndefined();
    expect(g99.family).toBe("ecs.g99");
  });

  test("a type missing InstanceTypeFamily takes the built-in family", () => {
    const imported = InstanceTypeCatalog.fromDescribeInstanceTypes([{ InstanceTypeId: "ecs.ebmre6-6t.52xlarge", EniQuantity: 15 }]);
    expect(imported.lookup("ecs.ebmre6-6t.52xlarge")?.family).toBe("ecs.ebmre6-6t");
  });

  test("rejects bad rows, naming every row index and bad value, and drops none silently", () => {
    const response = {
      InstanceTypes: {
        InstanceType: [
          g7Large,
          { InstanceTypeFamily: "ecs.g7", EniQuantity: 3 },
          { InstanceTypeId: "ecs.x1.large", EniQuantity: 0 },
          { InstanceTypeId: "ecs.x2.large", EniQuantity: "3" },
          { InstanceTypeId: "ecs.x3.large", EniQuantity: 2.5 },
          { InstanceTypeId: "ecs.x4.large", EniQuantity: 2, EniPrivateIpAddressQuantity: 0 },
          { InstanceTypeId: "g7.large", EniQuantity: 2 },
          "ecs.g7.large",
        ],
      },
    };
    const error = thrown(() => InstanceTypeCatalog.fromDescribeInstanceTypes(response));
    expect(error).toBeInstanceOf(InstanceTypeCatalogError);
    expect(error.message).toContain("7 invalid row(s)");
    expect(error.message).toContain("InstanceTypes.InstanceType[1]: InstanceTypeId is missing");
    expect(error.message).toContain("InstanceTypes.InstanceType[2] (ecs.x1.large): EniQuantity is 0; expected a whole number >= 1");
    expect(error.message).toContain('InstanceTypes.InstanceType[3] (ecs.x2.large): EniQuantity is "3"');
    expect(error.message).toContain("InstanceTypes.InstanceType[4] (ecs.x3.large): EniQuantity is 2.5");
    expect(error.message).toContain("InstanceTypes.InstanceType[5] (ecs.x4.large): EniPrivateIpAddressQuantity is 0");
    expect(error.message).toContain('InstanceTypes.InstanceType[6] (g7.large): InstanceTypeId is "g7.large": it does not start with "ecs."');
    expect(error.message).toContain('InstanceTypes.InstanceType[7]: row is "ecs.g7.large"; expected an object');
    expect(error.message).not.toContain("InstanceType[0]");
  });

  test("bare-array and SDK errors use the matching path", () => {
    expect(() => InstanceTypeCatalog.fromDescribeInstanceTypes([{ InstanceTypeId: "ecs.x1.large" }])).toThrow("[0] (ecs.x1.large): EniQuantity is missing");
    expect(() => InstanceTypeCatalog.fromDescribeInstanceTypes({ body: { instanceTypes: { instanceType: [{ eniQuantity: -1 }] } } })).toThrow(
      'body.instanceTypes.instanceType[0]: InstanceTypeId is missing; expected the full ECS type name, e.g. "ecs.g7.large"; EniQuantity is -1',
    );
  });

  test("rejects the same type twice with different values; accepts identical repeats", () => {
    expect(() => InstanceTypeCatalog.fromDescribeInstanceTypes([g7Large, { ...g7Large, EniQuantity: 4 }])).toThrow("[1] (ecs.g7.large): ecs.g7.large also appears at [0] with different values");
    expect(InstanceTypeCatalog.fromDescribeInstanceTypes([g7Large, { ...g7Large }]).size).toBe(1);
  });

  test("rejects a response it does not recognize, naming what it got", () => {
    expect(() => InstanceTypeCatalog.fromDescribeInstanceTypes({ RequestId: "x", Code: "Forbidden" })).toThrow(
      /not recognized: got an object with keys \[RequestId, Code\]; expected \{ "InstanceTypes": \{ "InstanceType": \[ ... \] \} \}/,
    );
    expect(() => InstanceTypeCatalog.fromDescribeInstanceTypes("nope")).toThrow(/not recognized: got "nope"/);
    expect(() => InstanceTypeCatalog.fromDescribeInstanceTypes(null)).toThrow(InstanceTypeCatalogError);
    expect(() => InstanceTypeCatalog.fromDescribeInstanceTypes(cliResponse, "")).toThrow(/source is ""/);
  });

  test("an empty InstanceType list gives an empty catalog", () => {
    expect(InstanceTypeCatalog.fromDescribeInstanceTypes({ InstanceTypes: { InstanceType: [] } }).size).toBe(0);
  });

  test("merged over the built-in catalog, the imported numbers win and the rest stays", () => {
    const merged = InstanceTypeCatalog.builtIn().merge(InstanceTypeCatalog.fromDescribeInstanceTypes(cliResponse));
    expect(merged.size).toBe(958);
    expect(merged.lookup("ecs.g7.large")).toMatchObject({ privateIpv4PerEni: 10, source: DESCRIBE_INSTANCE_TYPES_SOURCE });
    expect(merged.lookup("ecs.g7.xlarge")).toBe(InstanceTypeCatalog.builtIn().lookup("ecs.g7.xlarge"));
    expect(InstanceTypeCatalog.builtIn().lookup("ecs.g7.large")?.privateIpv4PerEni).toBe(6);
  });
});
