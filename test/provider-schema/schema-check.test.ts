import { PROVIDER_FQPN } from "../../src/provider-constraint";
import {
  assertConformsToSchema,
  checkTerraformJson,
  loadPinnedSchema,
  parseVersionConstraint,
  type ProviderSchemaJson,
  type SchemaBlock,
  type SchemaViolation,
} from "../support/provider-schema-check";
import {
  DATA_SOURCE_RULES,
  PROVIDER_RULES,
  RESOURCE_RULES,
  type TypeRules,
} from "../support/provider-schema-conflicts";

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Fixtures: a valid body per resource type. Each failing case changes one thing.
// ---------------------------------------------------------------------------------------------

const VALID: Readonly<Record<string, Json>> = {
  alicloud_vpc: { cidr_block: "10.0.0.0/16", vpc_name: "main" },
  alicloud_vswitch: { vpc_id: "${alicloud_vpc.main.id}", cidr_block: "10.0.1.0/24", zone_id: "cn-hangzhou-h" },
  alicloud_security_group: {
    vpc_id: "${alicloud_vpc.main.id}",
    security_group_name: "web",
    security_group_type: "normal",
    inner_access_policy: "Accept",
  },
  alicloud_security_group_rule: {
    type: "ingress",
    ip_protocol: "tcp",
    port_range: "22/22",
    security_group_id: "${alicloud_security_group.sg.id}",
    cidr_ip: "10.0.0.0/8",
    policy: "accept",
    priority: 1,
    nic_type: "intranet",
  },
  alicloud_ecs_network_interface: {
    vswitch_id: "${alicloud_vswitch.a.id}",
    security_group_ids: ["${alicloud_security_group.sg.id}"],
    primary_ip_address: "10.0.1.10",
    private_ip_addresses: ["10.0.1.11", "10.0.1.12"],
    network_interface_name: "eni-web",
    tags: { env: "test" },
  },
  alicloud_ecs_network_interface_attachment: {
    instance_id: "${alicloud_instance.web.id}",
    network_interface_id: "${alicloud_ecs_network_interface.eni.id}",
    timeouts: { create: "5m", delete: "5m" },
  },
  alicloud_instance: {
    instance_type: "ecs.g7.large",
    image_id: "ubuntu_22_04_x64_20G_alibase_20240130.vhd",
    vswitch_id: "${alicloud_vswitch.a.id}",
    security_groups: ["${alicloud_security_group.sg.id}"],
    system_disk_category: "cloud_essd",
    instance_charge_type: "PostPaid",
    internet_charge_type: "PayByTraffic",
    internet_max_bandwidth_out: 0,
    secondary_private_ip_address_count: 2,
    timeouts: { create: "10m" },
  },
  alicloud_eip_address: {
    address_name: "web",
    payment_type: "PayAsYouGo",
    internet_charge_type: "PayByTraffic",
    bandwidth: "5",
  },
  alicloud_eip_association: {
    allocation_id: "${alicloud_eip_address.e.id}",
    instance_id: "${alicloud_ecs_network_interface.eni.id}",
    instance_type: "NetworkInterface",
    mode: "NAT",
    private_ip_address: "10.0.1.11",
  },
  alicloud_havip: { vswitch_id: "${alicloud_vswitch.a.id}", ha_vip_name: "vip", ip_address: "10.0.1.100" },
  alicloud_vpc_ha_vip: { vswitch_id: "${alicloud_vswitch.a.id}", ha_vip_name: "vip" },
  alicloud_havip_attachment: { ha_vip_id: "${alicloud_havip.vip.id}", instance_id: "${alicloud_instance.web.id}" },
};

const REQUIRED_PROVIDERS = { alicloud: { source: "aliyun/alicloud", version: "~> 1.283" } };

/** A stack with the terraform and provider blocks cdktf emits, plus the given sections. */
function stack(sections: Json = {}): Json {
  return {
    "//": { metadata: { backend: "local", stackName: "s", version: "0.21.0" }, outputs: {} },
    terraform: { required_providers: REQUIRED_PROVIDERS },
    provider: { alicloud: [{ region: "cn-hangzhou" }] },
    ...sections,
  };
}

/** A stack with one resource `resource.<type>.<name>` = VALID[type] merged with `patch` (undefined deletes). */
function withResource(type: string, patch: Json = {}, name = "r"): Json {
  return stack({ resource: { [type]: { [name]: merge(VALID[type] ?? {}, patch) } } });
}

function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

function paths(config: unknown, schema?: ProviderSchemaJson): string[] {
  return checkTerraformJson(config, schema).map((v) => v.path);
}

/** Paths of violations whose message matches `re` (for cases where another check also fires, e.g. deprecation). */
function pathsMatching(config: unknown, re: RegExp): string[] {
  return checkTerraformJson(config)
    .filter((v) => re.test(v.message))
    .map((v) => v.path);
}

function only(config: unknown, schema?: ProviderSchemaJson): SchemaViolation {
  const vs = checkTerraformJson(config, schema);
  expect(vs).toHaveLength(1);
  return vs[0];
}

const RULE_MESSAGES = /ConflictsWith|ExactlyOneOf|AtLeastOneOf/;

// ---------------------------------------------------------------------------------------------

describe("a valid stack", () => {
  const full = stack({
    resource: Object.fromEntries(Object.entries(VALID).map(([type, body]) => [type, { r: body }])),
    data: {
      alicloud_instance_types: { t: { instance_type_family: "ecs.g7", eni_amount: 2, instance_charge_type: "PostPaid" } },
      alicloud_zones: { z: { available_resource_creation: "VSwitch" } },
    },
    output: { vpc_id: { value: "${alicloud_vpc.r.id}" } },
    variable: { n: { type: "number" } },
    locals: { x: 1 },
  });

  it("has no violations", () => {
    expect(checkTerraformJson(full)).toEqual([]);
    expect(() => assertConformsToSchema(full)).not.toThrow();
  });

  it("is also accepted as JSON text (the string Testing.synth returns)", () => {
    expect(checkTerraformJson(JSON.stringify(full))).toEqual([]);
  });

  it("fixture sanity: every resource type in the pinned schema has a VALID body except the cidr reservation", () => {
    const types = Object.keys(loadPinnedSchema().provider_schemas[PROVIDER_FQPN].resource_schemas ?? {});
    expect(types.filter((t) => !(t in VALID))).toEqual(["alicloud_vpc_vswitch_cidr_reservation"]);
  });
});

describe("assertConformsToSchema", () => {
  it("throws one Error listing every violation with its path", () => {
    const bad = withResource("alicloud_instance", { secondary_private_ips: ["10.0.1.5"], instance_type: "g7.large" });
    let message = "";
    try {
      assertConformsToSchema(bad);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Synthesized Terraform JSON does not conform to the alicloud provider schema .*: 2 violations$/m);
    expect(message).toContain("  - resource.alicloud_instance.r.instance_type: ");
    expect(message).toContain("  - resource.alicloud_instance.r.secondary_private_ips: ");
  });
});

describe("document shape", () => {
  it("rejects a config that is not an object", () => {
    expect(paths([])).toEqual(["(root)"]);
    expect(paths("not json")).toEqual(["(root)"]);
  });

  it("rejects an unknown top-level key", () => {
    expect(paths({ ...stack(), resources: {} })).toEqual(["resources"]);
  });
});

describe("types exist in the schema", () => {
  it("accepts known resource and data source types, and Terraform's builtin terraform_data", () => {
    expect(paths(stack({ resource: { terraform_data: { x: { input: 1 } } } }))).toEqual([]);
  });

  it("rejects an unknown resource type", () => {
    expect(paths(stack({ resource: { alicloud_network_interfaces: { eni: {} } } }))).toEqual([
      "resource.alicloud_network_interfaces",
    ]);
  });

  it("rejects an unknown data source type", () => {
    expect(paths(stack({ data: { alicloud_images: { i: {} } } }))).toEqual(["data.alicloud_images"]);
  });
});

describe("attribute and block keys exist on the type", () => {
  it("rejects an unknown attribute", () => {
    expect(paths(withResource("alicloud_vpc", { cidr: "10.0.0.0/16" }, "main"))).toEqual(["resource.alicloud_vpc.main.cidr"]);
  });

  it("rejects an unknown attribute on a data source", () => {
    expect(paths(stack({ data: { alicloud_zones: { z: { zone_type: "x" } } } }))).toEqual(["data.alicloud_zones.z.zone_type"]);
  });

  it("rejects an unknown key inside a nested block", () => {
    expect(paths(withResource("alicloud_instance", { network_interfaces: [{ vswitch_id: "vsw-1", subnet: "x" }] }))).toEqual([
      "resource.alicloud_instance.r.network_interfaces[0].subnet",
    ]);
  });

  it("accepts the resource meta-arguments and cdktf's // metadata", () => {
    const config = stack({
      provider: { alicloud: [{ region: "cn-hangzhou" }, { region: "cn-beijing", alias: "bj" }] },
      resource: {
        alicloud_vpc: {
          main: {
            ...VALID.alicloud_vpc,
            "//": { metadata: { path: "s/main", uniqueId: "main" } },
            count: 2,
            depends_on: ["alicloud_vpc.other"],
            provider: "alicloud.bj",
            lifecycle: { create_before_destroy: true, ignore_changes: ["tags"] },
            provisioner: [{ "local-exec": { command: "true" } }],
            connection: { type: "ssh" },
          },
          each: { ...VALID.alicloud_vpc, for_each: "${toset(var.names)}", vpc_name: "${each.key}" },
        },
      },
    });
    expect(paths(config)).toEqual([]);
  });

  it("rejects provisioner on a data source (not a data meta-argument)", () => {
    expect(paths(stack({ data: { alicloud_zones: { z: { provisioner: [] } } } }))).toEqual(["data.alicloud_zones.z.provisioner"]);
  });

  it("accepts timeouts where the schema has the block", () => {
    expect(paths(withResource("alicloud_vpc", { timeouts: { create: "10m", update: "5m", delete: "5m" } }))).toEqual([]);
  });

  it("rejects timeouts on alicloud_security_group_rule, which has no timeouts block", () => {
    const v = only(withResource("alicloud_security_group_rule", { timeouts: { create: "5m" } }, "ssh"));
    expect(v.path).toBe("resource.alicloud_security_group_rule.ssh.timeouts");
    expect(v.message).toMatch(/no timeouts block/);
  });

  it("rejects a timeouts key the resource does not have (attachment: create/delete only)", () => {
    expect(paths(withResource("alicloud_ecs_network_interface_attachment", { timeouts: { update: "5m" } }))).toEqual([
      "resource.alicloud_ecs_network_interface_attachment.r.timeouts.update",
    ]);
  });
});

describe("meta-argument values", () => {
  it("rejects count given as a string", () => {
    expect(paths(withResource("alicloud_vpc", { count: "2" }))).toEqual(["resource.alicloud_vpc.r.count"]);
  });

  it("accepts count as an interpolation", () => {
    expect(paths(withResource("alicloud_vpc", { count: "${var.n}" }))).toEqual([]);
  });

  it("rejects for_each given as an array (Terraform needs a map or a set)", () => {
    expect(paths(withResource("alicloud_vpc", { for_each: ["a", "b"] }))).toEqual(["resource.alicloud_vpc.r.for_each"]);
  });

  it("rejects count and for_each together", () => {
    expect(paths(withResource("alicloud_vpc", { count: 1, for_each: { a: "a" } }))).toEqual(["resource.alicloud_vpc.r"]);
  });

  it("rejects depends_on given as a string", () => {
    expect(paths(withResource("alicloud_vpc", { depends_on: "alicloud_vpc.x" }))).toEqual(["resource.alicloud_vpc.r.depends_on"]);
  });

  it("rejects a provider reference to an undeclared alias", () => {
    expect(paths(withResource("alicloud_vpc", { provider: "alicloud.bj" }))).toEqual(["resource.alicloud_vpc.r.provider"]);
  });
});

describe("required attributes and blocks", () => {
  it("rejects a missing required attribute", () => {
    expect(paths(withResource("alicloud_ecs_network_interface", { vswitch_id: undefined }, "eni"))).toEqual([
      "resource.alicloud_ecs_network_interface.eni.vswitch_id",
    ]);
  });

  it("treats null as missing", () => {
    expect(paths(withResource("alicloud_eip_association", { allocation_id: null }))).toEqual([
      "resource.alicloud_eip_association.r.allocation_id",
    ]);
  });

  it("accepts a required attribute given as an interpolation", () => {
    expect(paths(withResource("alicloud_ecs_network_interface", { vswitch_id: "${var.vsw}" }))).toEqual([]);
  });

  it("rejects a missing required attribute inside a block", () => {
    expect(paths(withResource("alicloud_instance", { data_disks: [{ size: 40 }, { category: "cloud_essd" }] }, "web"))).toEqual([
      "resource.alicloud_instance.web.data_disks[1].size",
    ]);
  });

  it("rejects a missing required block (min_items >= 1) and accepts it when present", () => {
    expect(paths(miniStack({}), MINI_SCHEMA)).toEqual(["resource.alicloud_thing.t.rule"]);
    expect(paths(miniStack({ rule: [{ port: 22 }] }), MINI_SCHEMA)).toEqual([]);
  });

  it("accepts a required block given as a dynamic block", () => {
    expect(
      paths(miniStack({ dynamic: { rule: { for_each: "${var.ports}", iterator: "each", content: { port: "${each.value}" } } } }), MINI_SCHEMA),
    ).toEqual([]);
  });
});

describe("computed-only attributes", () => {
  it("accepts optional+computed attributes", () => {
    expect(paths(withResource("alicloud_vpc", { resource_group_id: "rg-1" }))).toEqual([]);
  });

  it("rejects a computed-only attribute", () => {
    expect(paths(withResource("alicloud_vpc", { router_id: "vrt-1" }, "main"))).toEqual(["resource.alicloud_vpc.main.router_id"]);
  });

  it("rejects alicloud_instance.primary_ip_address (computed-only) even though the ENI has a settable one", () => {
    expect(paths(withResource("alicloud_instance", { primary_ip_address: "10.0.1.10" }, "web"))).toEqual([
      "resource.alicloud_instance.web.primary_ip_address",
    ]);
  });
});

describe("deprecated attributes", () => {
  it("rejects a deprecated attribute and names the replacement", () => {
    const v = only(withResource("alicloud_vpc", { vpc_name: undefined, name: "main" }, "main"));
    expect(v.path).toBe("resource.alicloud_vpc.main.name");
    expect(v.message).toMatch(/deprecated.*use vpc_name instead/);
  });

  it("rejects a deprecated provider attribute", () => {
    const config = stack({ provider: { alicloud: [{ region: "cn-hangzhou", log_endpoint: "x" }] } });
    expect(paths(config)).toEqual(["provider.alicloud[0].log_endpoint"]);
  });

  it("rejects attributes the notes list as Removed (not flagged deprecated in the JSON)", () => {
    expect(paths(withResource("alicloud_instance", { subnet_id: "vsw-1" }, "web"))).toEqual(["resource.alicloud_instance.web.subnet_id"]);
    expect(paths(withResource("alicloud_instance", { io_optimized: "optimized" }, "web"))).toEqual([
      "resource.alicloud_instance.web.io_optimized",
    ]);
  });
});

describe("value kinds", () => {
  it("accepts interpolations for every kind", () => {
    const config = withResource("alicloud_instance", {
      internet_max_bandwidth_out: "${var.bw}",
      deletion_protection: "${var.protect}",
      security_groups: "${var.groups}",
      tags: "${var.tags}",
      instance_name: "web-${var.env}",
    });
    expect(paths(config)).toEqual([]);
  });

  it("rejects a number for a string attribute", () => {
    expect(paths(withResource("alicloud_eip_address", { bandwidth: 5 }, "e"))).toEqual(["resource.alicloud_eip_address.e.bandwidth"]);
  });

  it("rejects a number given as a string", () => {
    const v = only(withResource("alicloud_instance", { internet_max_bandwidth_out: "5" }, "web"));
    expect(v.path).toBe("resource.alicloud_instance.web.internet_max_bandwidth_out");
    expect(v.message).toMatch(/expected a number, got the string "5"/);
  });

  it("rejects a bool given as a string", () => {
    expect(paths(withResource("alicloud_instance", { deletion_protection: "true" }, "web"))).toEqual([
      "resource.alicloud_instance.web.deletion_protection",
    ]);
  });

  it("rejects a set given as a plain string", () => {
    expect(paths(withResource("alicloud_instance", { secondary_private_ip_address_count: undefined, secondary_private_ips: "10.0.1.5" }, "web"))).toEqual([
      "resource.alicloud_instance.web.secondary_private_ips",
    ]);
  });

  it("rejects a wrong element kind in a set, with the element index", () => {
    expect(paths(withResource("alicloud_instance", { security_groups: ["sg-1", 2] }, "web"))).toEqual([
      "resource.alicloud_instance.web.security_groups[1]",
    ]);
  });

  it("rejects a wrong value kind in a map, with the key", () => {
    expect(paths(withResource("alicloud_instance", { tags: { env: "prod", replicas: 3 } }, "web"))).toEqual([
      "resource.alicloud_instance.web.tags.replicas",
    ]);
  });

  it("rejects an array for a map", () => {
    expect(paths(withResource("alicloud_instance", { tags: ["env"] }, "web"))).toEqual(["resource.alicloud_instance.web.tags"]);
  });

  it("checks object and tuple types", () => {
    expect(paths(miniStack({ rule: [{ port: 1 }], obj: { a: "x", b: 1 }, tup: ["x", true] }), MINI_SCHEMA)).toEqual([]);
    expect(paths(miniStack({ rule: [{ port: 1 }], obj: { a: "x", b: "1" } }), MINI_SCHEMA)).toEqual(["resource.alicloud_thing.t.obj.b"]);
    expect(paths(miniStack({ rule: [{ port: 1 }], obj: { a: "x" } }), MINI_SCHEMA)).toEqual(["resource.alicloud_thing.t.obj.b"]);
    expect(paths(miniStack({ rule: [{ port: 1 }], obj: { a: "x", b: 1, c: 2 } }), MINI_SCHEMA)).toEqual(["resource.alicloud_thing.t.obj.c"]);
    expect(paths(miniStack({ rule: [{ port: 1 }], tup: ["x"] }), MINI_SCHEMA)).toEqual(["resource.alicloud_thing.t.tup"]);
  });

  it("checks values inside nested blocks", () => {
    expect(paths(withResource("alicloud_instance", { data_disks: [{ size: "40" }] }, "web"))).toEqual([
      "resource.alicloud_instance.web.data_disks[0].size",
    ]);
  });
});

describe("block nesting", () => {
  it("accepts what the cdktf 0.21 bindings emit: single → object, list/set max 1 → object, list → array", () => {
    const config = withResource("alicloud_instance", {
      timeouts: { create: "10m" },
      cpu_options: { core_count: 2 },
      image_options: { login_as_non_root: true },
      maintenance_time: { start_time: "02:00Z", end_time: "03:00Z" },
      data_disks: [{ size: 40 }],
      network_interfaces: [{ vswitch_id: "vsw-1", security_group_ids: ["sg-1"] }],
    });
    expect(paths(config)).toEqual([]);
  });

  it("rejects an array for a single block", () => {
    expect(paths(withResource("alicloud_instance", { timeouts: [{ create: "10m" }] }, "web"))).toEqual(["resource.alicloud_instance.web.timeouts"]);
  });

  it("rejects an array for a max_items=1 list block (the bindings emit one object)", () => {
    expect(paths(withResource("alicloud_instance", { cpu_options: [{ core_count: 2 }] }, "web"))).toEqual([
      "resource.alicloud_instance.web.cpu_options",
    ]);
  });

  it("rejects a single object for a list block without max_items 1", () => {
    expect(paths(withResource("alicloud_instance", { data_disks: { size: 40 } }, "web"))).toEqual(["resource.alicloud_instance.web.data_disks"]);
  });

  it("rejects a block given as a string", () => {
    expect(paths(withResource("alicloud_instance", { network_interfaces: "${var.nics}" }, "web"))).toEqual([
      "resource.alicloud_instance.web.network_interfaces",
    ]);
  });

  it("rejects more blocks than max_items", () => {
    const disks = Array.from({ length: 17 }, () => ({ size: 20 }));
    expect(paths(withResource("alicloud_instance", { data_disks: disks }, "web"))).toEqual(["resource.alicloud_instance.web.data_disks"]);
  });

  it("rejects fewer blocks than min_items", () => {
    expect(paths(miniStack({ rule: [] }), MINI_SCHEMA)).toEqual(["resource.alicloud_thing.t.rule"]);
  });

  it("accepts a dynamic block and rejects one for a name that is not a block", () => {
    const dyn = (name: string) => ({ dynamic: { [name]: { for_each: "${var.d}", iterator: "each", content: { size: "${each.value}" } } } });
    expect(paths(withResource("alicloud_instance", dyn("data_disks"), "web"))).toEqual([]);
    expect(paths(withResource("alicloud_instance", dyn("disks"), "web"))).toEqual(["resource.alicloud_instance.web.dynamic.disks"]);
  });

  it("checks provider blocks too (assume_role: set, max_items 1 → one object)", () => {
    expect(paths(stack({ provider: { alicloud: [{ region: "cn-hangzhou", assume_role: { role_arn: "acs:ram::1:role/x" } }] } }))).toEqual([]);
    expect(paths(stack({ provider: { alicloud: [{ region: "cn-hangzhou", assume_role: [{ role_arn: "a" }] }] } }))).toEqual([
      "provider.alicloud[0].assume_role",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// ConflictsWith / ExactlyOneOf / AtLeastOneOf
// ---------------------------------------------------------------------------------------------

describe("ConflictsWith pairs", () => {
  // [type, attributes added to VALID[type] after removing the keys listed in `drop`, expected path]
  const cases: Array<[string, Json, string[], string]> = [
    ["alicloud_ecs_network_interface", { secondary_private_ip_address_count: 2 }, [], "private_ip_addresses"],
    ["alicloud_ecs_network_interface", { ipv4_prefixes: ["10.0.1.16/28"] }, [], "private_ip_addresses"],
    ["alicloud_ecs_network_interface", { ipv4_prefix_count: 1 }, [], "private_ip_addresses"],
    ["alicloud_ecs_network_interface", { private_ips: ["10.0.1.13"] }, [], "private_ip_addresses"],
    ["alicloud_ecs_network_interface", { private_ips_count: 1 }, [], "private_ip_addresses"],
    ["alicloud_ecs_network_interface", { secondary_private_ip_address_count: 2, ipv4_prefix_count: 1 }, ["private_ip_addresses"], "secondary_private_ip_address_count"],
    ["alicloud_ecs_network_interface", { ipv4_prefixes: ["10.0.1.16/28"], ipv4_prefix_count: 1 }, ["private_ip_addresses"], "ipv4_prefixes"],
    ["alicloud_ecs_network_interface", { private_ips: ["10.0.1.13"], private_ips_count: 1 }, ["private_ip_addresses"], "private_ips"],
    ["alicloud_ecs_network_interface", { private_ip: "10.0.1.10" }, [], "primary_ip_address"],
    ["alicloud_ecs_network_interface", { name: "eni" }, [], "network_interface_name"],
    ["alicloud_ecs_network_interface", { security_groups: ["sg-1"] }, [], "security_group_ids"],
    ["alicloud_ecs_network_interface", { ipv6_addresses: ["2408::1"], ipv6_address_count: 1 }, [], "ipv6_addresses"],
    ["alicloud_instance", { secondary_private_ips: ["10.0.1.5"] }, [], "secondary_private_ips"],
    ["alicloud_instance", { ipv6_addresses: ["2408::1"], ipv6_address_count: 1 }, [], "ipv6_addresses"],
    ["alicloud_instance", { dedicated_host_id: "dh-1", spot_strategy: "SpotAsPriceGo" }, [], "dedicated_host_id"],
    ["alicloud_instance", { dedicated_host_id: "dh-1", spot_price_limit: 0.5 }, [], "dedicated_host_id"],
    ["alicloud_vpc", { name: "main" }, [], "vpc_name"],
    ["alicloud_vswitch", { name: "a", vswitch_name: "a" }, [], "vswitch_name"],
    ["alicloud_eip_address", { name: "e" }, [], "address_name"],
    ["alicloud_eip_address", { instance_charge_type: "PostPaid" }, [], "payment_type"],
    ["alicloud_security_group", { inner_access: true }, [], "inner_access_policy"],
    ["alicloud_security_group_rule", { ipv6_cidr_ip: "::/0" }, [], "cidr_ip"],
    ["alicloud_security_group_rule", { source_security_group_id: "sg-2" }, [], "cidr_ip"],
    ["alicloud_havip", { havip_name: "vip" }, [], "ha_vip_name"],
    ["alicloud_vpc_ha_vip", { havip_name: "vip" }, [], "ha_vip_name"],
  ];

  it.each(cases)("%s: %j conflicts (path .%s)", (type, add, drop, attr) => {
    const patch: Json = { ...add };
    for (const d of drop) patch[d] = undefined;
    expect(pathsMatching(withResource(type, patch, "x"), RULE_MESSAGES)).toEqual([`resource.${type}.x.${attr}`]);
  });

  it.each([
    ["alicloud_ecs_network_interface", { private_ip_addresses: undefined, secondary_private_ip_address_count: 3 }],
    ["alicloud_ecs_network_interface", { private_ip_addresses: undefined, ipv4_prefix_count: 2 }],
    ["alicloud_ecs_network_interface", { ipv6_address_count: 2 }],
    ["alicloud_instance", { secondary_private_ip_address_count: undefined, secondary_private_ips: ["10.0.1.5"], ipv6_addresses: ["2408::1"] }],
    ["alicloud_instance", { dedicated_host_id: "dh-1" }],
    ["alicloud_eip_address", { payment_type: "PayAsYouGo" }],
    ["alicloud_security_group_rule", { cidr_ip: undefined, ipv6_cidr_ip: "::/0", source_security_group_id: "sg-2" }],
  ])("%s: %j alone does not conflict", (type, patch) => {
    expect(paths(withResource(type, patch as Json))).toEqual([]);
  });

  it("counts an interpolated value as set", () => {
    expect(pathsMatching(withResource("alicloud_instance", { secondary_private_ips: "${var.ips}" }, "x"), RULE_MESSAGES)).toEqual([
      "resource.alicloud_instance.x.secondary_private_ips",
    ]);
  });

  it("reports a conflict group once, naming every member that is set", () => {
    const config = withResource("alicloud_ecs_network_interface", { secondary_private_ip_address_count: 1, ipv4_prefix_count: 1 }, "x");
    const vs = checkTerraformJson(config).filter((v) => RULE_MESSAGES.test(v.message));
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain('"private_ip_addresses" conflicts with "secondary_private_ip_address_count", "ipv4_prefix_count"');
  });
});

describe("ExactlyOneOf", () => {
  it("vswitch: zone_id alone passes; availability_zone alone only warns as deprecated", () => {
    expect(paths(withResource("alicloud_vswitch"))).toEqual([]);
    expect(pathsMatching(withResource("alicloud_vswitch", { zone_id: undefined, availability_zone: "cn-hangzhou-h" }), RULE_MESSAGES)).toEqual([]);
  });

  it("vswitch: neither zone_id nor availability_zone", () => {
    expect(paths(withResource("alicloud_vswitch", { zone_id: undefined }, "a"))).toEqual(["resource.alicloud_vswitch.a"]);
  });

  it("vswitch: both zone_id and availability_zone", () => {
    expect(pathsMatching(withResource("alicloud_vswitch", { availability_zone: "cn-hangzhou-h" }, "a"), RULE_MESSAGES)).toEqual([
      "resource.alicloud_vswitch.a.zone_id",
    ]);
  });

  it("havip_attachment: neither ha_vip_id nor havip_id", () => {
    expect(paths(withResource("alicloud_havip_attachment", { ha_vip_id: undefined }, "a"))).toEqual(["resource.alicloud_havip_attachment.a"]);
  });

  it("havip_attachment: both ha_vip_id and havip_id", () => {
    expect(pathsMatching(withResource("alicloud_havip_attachment", { havip_id: "havip-1" }, "a"), RULE_MESSAGES)).toEqual([
      "resource.alicloud_havip_attachment.a.ha_vip_id",
    ]);
  });
});

describe("AtLeastOneOf", () => {
  it("security_group_rule: prefix_list_id alone is enough", () => {
    expect(paths(withResource("alicloud_security_group_rule", { cidr_ip: undefined, prefix_list_id: "pl-1" }))).toEqual([]);
  });

  it("security_group_rule: none of cidr_ip/ipv6_cidr_ip/source_security_group_id/prefix_list_id", () => {
    expect(paths(withResource("alicloud_security_group_rule", { cidr_ip: undefined }, "ssh"))).toEqual(["resource.alicloud_security_group_rule.ssh"]);
  });

  it("instance: a launch template replaces instance_type and image_id", () => {
    expect(paths(withResource("alicloud_instance", { instance_type: undefined, image_id: undefined, launch_template_id: "lt-1" }))).toEqual([]);
  });

  it("instance: neither instance_type nor a launch template", () => {
    expect(paths(withResource("alicloud_instance", { instance_type: undefined }, "web"))).toEqual(["resource.alicloud_instance.web"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Allowed values, ranges, patterns, item counts, runtime rules
// ---------------------------------------------------------------------------------------------

describe("allowed values", () => {
  // [type, attribute, a valid value, an invalid value]
  const cases: Array<[string, string, unknown, unknown]> = [
    ["alicloud_eip_association", "mode", "MULTI_BINDED", "SNAT"],
    ["alicloud_eip_address", "internet_charge_type", "PayByBandwidth", "PayByData"],
    ["alicloud_eip_address", "payment_type", "Subscription", "Monthly"],
    ["alicloud_security_group", "security_group_type", "enterprise", "Enterprise"],
    ["alicloud_security_group", "inner_access_policy", "Drop", "drop"],
    ["alicloud_security_group_rule", "type", "egress", "inbound"],
    ["alicloud_security_group_rule", "ip_protocol", "udp", "TCP"],
    ["alicloud_security_group_rule", "policy", "drop", "deny"],
    ["alicloud_security_group_rule", "nic_type", "intranet", "public"],
    ["alicloud_security_group_rule", "priority", 100, 101],
    ["alicloud_security_group_rule", "priority", 1, 0],
    ["alicloud_security_group_rule", "priority", 50, 1.5],
    ["alicloud_instance", "instance_charge_type", "PrePaid", "Prepaid"],
    ["alicloud_instance", "system_disk_category", "cloud_auto", "cloud_premium"],
    ["alicloud_instance", "internet_charge_type", "PayByBandwidth", "PayByBandWidth"],
    ["alicloud_instance", "instance_type", "ecs.c7.xlarge", "c7.xlarge"],
    ["alicloud_instance", "ipv6_address_count", 10, 11],
    ["alicloud_ecs_network_interface", "ipv6_address_count", 1, 0],
  ];

  it.each(cases)("%s.%s accepts %j", (type, attr, good) => {
    expect(paths(withResource(type, { [attr]: good }))).toEqual([]);
  });

  it.each(cases)("%s.%s: %j passes, %j is rejected", (type, attr, _good, bad) => {
    expect(paths(withResource(type, { [attr]: bad }, "x"))).toEqual([`resource.${type}.x.${attr}`]);
  });

  it.each(cases)("%s.%s skips the check for an interpolation", (type, attr) => {
    expect(paths(withResource(type, { [attr]: "${var.v}" }))).toEqual([]);
  });

  it("checks data source and provider values too", () => {
    const data = (family: string) => stack({ data: { alicloud_instance_types: { t: { instance_type_family: family } } } });
    expect(paths(data("ecs.g7"))).toEqual([]);
    expect(paths(data("g7"))).toEqual(["data.alicloud_instance_types.t.instance_type_family"]);
    expect(paths(stack({ provider: { alicloud: [{ region: "cn-hangzhou", protocol: "https" }] } }))).toEqual(["provider.alicloud[0].protocol"]);
  });
});

describe("set attribute item counts (MinItems/MaxItems the JSON drops)", () => {
  it("ENI security_group_ids needs at least one group", () => {
    expect(paths(withResource("alicloud_ecs_network_interface", { security_group_ids: [] }, "eni"))).toEqual([
      "resource.alicloud_ecs_network_interface.eni.security_group_ids",
    ]);
  });

  it("ENI ipv6_addresses allows at most 10", () => {
    const ten = Array.from({ length: 10 }, (_, i) => `2408::${i + 1}`);
    expect(paths(withResource("alicloud_ecs_network_interface", { ipv6_addresses: ten }))).toEqual([]);
    expect(paths(withResource("alicloud_ecs_network_interface", { ipv6_addresses: [...ten, "2408::ff"] }, "eni"))).toEqual([
      "resource.alicloud_ecs_network_interface.eni.ipv6_addresses",
    ]);
  });
});

describe("security_group_rule port_range (checked by the provider at Create)", () => {
  it.each([
    [{ ip_protocol: "tcp", port_range: "1/65535" }],
    [{ ip_protocol: "udp", port_range: "53/53" }],
    [{ ip_protocol: "tcp", port_range: "${var.ports}" }],
    [{ ip_protocol: "icmp", port_range: "-1/-1" }],
    [{ ip_protocol: "icmp", port_range: undefined }],
    [{ ip_protocol: "all", port_range: undefined }],
  ])("accepts %j", (patch) => {
    expect(paths(withResource("alicloud_security_group_rule", patch))).toEqual([]);
  });

  it.each([
    [{ ip_protocol: "tcp", port_range: undefined }, /default "-1\/-1"/],
    [{ ip_protocol: "tcp", port_range: "-1/-1" }, /rejected for ip_protocol "tcp"/],
    [{ ip_protocol: "udp", port_range: "53" }, /not a valid udp range/],
    [{ ip_protocol: "tcp", port_range: "443/80" }, /not a valid tcp range/],
    [{ ip_protocol: "tcp", port_range: "0/80" }, /not a valid tcp range/],
    [{ ip_protocol: "icmp", port_range: "22/22" }, /only "-1\/-1"/],
  ])("rejects %j", (patch, message) => {
    const v = only(withResource("alicloud_security_group_rule", patch, "ssh"));
    expect(v.path).toBe("resource.alicloud_security_group_rule.ssh.port_range");
    expect(v.message).toMatch(message);
  });
});

describe("security_group_rule nic_type (checked by the provider at Create)", () => {
  function withGroup(groupVpc: string | undefined, rulePatch: Json): Json {
    return stack({
      resource: {
        alicloud_security_group: { sg: merge(VALID.alicloud_security_group, { vpc_id: groupVpc }) },
        alicloud_security_group_rule: { ssh: merge(VALID.alicloud_security_group_rule, rulePatch) },
      },
    });
  }

  it("accepts internet for a classic-network group", () => {
    expect(paths(withGroup(undefined, { nic_type: "internet" }))).toEqual([]);
  });

  it("rejects internet for a VPC group", () => {
    expect(paths(withGroup("vpc-1", { nic_type: "internet" }))).toEqual(["resource.alicloud_security_group_rule.ssh.nic_type"]);
  });

  it("rejects internet with source_security_group_id", () => {
    expect(paths(withGroup(undefined, { nic_type: "internet", cidr_ip: undefined, source_security_group_id: "sg-2" }))).toEqual([
      "resource.alicloud_security_group_rule.ssh.nic_type",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Provider blocks and required_providers
// ---------------------------------------------------------------------------------------------

describe("provider blocks", () => {
  it("accepts the object form and aliases", () => {
    expect(paths(stack({ provider: { alicloud: { region: "cn-hangzhou" } } }))).toEqual([]);
    const config = stack({
      provider: { alicloud: [{ region: "cn-hangzhou" }, { region: "cn-beijing", alias: "bj" }] },
      resource: { alicloud_vpc: { v: { ...VALID.alicloud_vpc, provider: "alicloud.bj" } } },
    });
    expect(paths(config)).toEqual([]);
  });

  it("rejects an unknown provider attribute", () => {
    expect(paths(stack({ provider: { alicloud: { regionn: "cn-hangzhou" } } }))).toEqual(["provider.alicloud.regionn"]);
  });

  it("rejects a wrong value kind in the provider", () => {
    expect(paths(stack({ provider: { alicloud: [{ region: "cn-hangzhou", client_connect_timeout: "60000" }] } }))).toEqual([
      "provider.alicloud[0].client_connect_timeout",
    ]);
  });

  it("rejects two default configurations and duplicate aliases", () => {
    expect(paths(stack({ provider: { alicloud: [{ region: "cn-hangzhou" }, { region: "cn-beijing" }] } }))).toEqual(["provider.alicloud[1]"]);
    expect(
      paths(stack({ provider: { alicloud: [{ region: "cn-hangzhou" }, { alias: "x", region: "a" }, { alias: "x", region: "b" }] } })),
    ).toEqual(["provider.alicloud[2].alias"]);
  });
});

describe("terraform.required_providers.alicloud", () => {
  const withRp = (alicloud: unknown): Json => ({ ...stack(), terraform: { required_providers: { alicloud } } });

  it("accepts aliyun/alicloud and its fully qualified spelling with a constraint admitting the pinned version", () => {
    expect(paths(withRp({ source: "aliyun/alicloud", version: "~> 1.283" }))).toEqual([]);
    expect(paths(withRp({ source: "registry.terraform.io/aliyun/alicloud", version: ">= 1.200.0, < 2.0.0" }))).toEqual([]);
  });

  it("rejects a stack without it", () => {
    expect(paths({ ...stack(), terraform: {} })).toEqual(["terraform.required_providers.alicloud"]);
    expect(paths(withRp("~> 1.283"))).toEqual(["terraform.required_providers.alicloud"]);
  });

  it("rejects a missing or wrong source", () => {
    expect(paths(withRp({ version: "~> 1.283" }))).toEqual(["terraform.required_providers.alicloud.source"]);
    expect(paths(withRp({ source: "hashicorp/alicloud", version: "~> 1.283" }))).toEqual(["terraform.required_providers.alicloud.source"]);
  });

  it("rejects a missing, malformed, or non-admitting version constraint", () => {
    expect(paths(withRp({ source: "aliyun/alicloud" }))).toEqual(["terraform.required_providers.alicloud.version"]);
    expect(paths(withRp({ source: "aliyun/alicloud", version: "latest" }))).toEqual(["terraform.required_providers.alicloud.version"]);
    expect(paths(withRp({ source: "aliyun/alicloud", version: "~> 1.289" }))).toEqual(["terraform.required_providers.alicloud.version"]);
  });

  it("evaluates ~> like Terraform", () => {
    const admits = (c: string, v: string) => parseVersionConstraint(c)!.every((cl) => cl.admits(v));
    expect(admits("~> 1.283", "1.283.0")).toBe(true);
    expect(admits("~> 1.283", "1.999.1")).toBe(true);
    expect(admits("~> 1.283", "2.0.0")).toBe(false);
    expect(admits("~> 1.283", "1.282.9")).toBe(false);
    expect(admits("~> 1.283.0", "1.283.7")).toBe(true);
    expect(admits("~> 1.283.0", "1.284.0")).toBe(false);
    expect(admits("~> 1", "1.999.0")).toBe(true);
    expect(admits("~> 1", "2.0.0")).toBe(false);
    expect(admits("!= 1.283.0", "1.283.0")).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The rules table itself
// ---------------------------------------------------------------------------------------------

describe("provider-schema-conflicts.ts", () => {
  const pinned = loadPinnedSchema().provider_schemas[PROVIDER_FQPN];

  function named(rules: TypeRules): string[] {
    return [
      ...(rules.conflicts ?? []).flat(),
      ...(rules.exactlyOneOf ?? []).flat(),
      ...(rules.atLeastOneOf ?? []).flat(),
      ...Object.keys(rules.allowedValues ?? {}),
      ...Object.keys(rules.intRanges ?? {}),
      ...Object.keys(rules.patterns ?? {}),
      ...Object.keys(rules.itemCounts ?? {}),
      ...Object.keys(rules.removed ?? {}),
      ...Object.keys(rules.replacements ?? {}),
    ];
  }

  function missing(rulesByType: Readonly<Record<string, TypeRules>>, schemas: Readonly<Record<string, { block: SchemaBlock }>>): string[] {
    const out: string[] = [];
    for (const [type, rules] of Object.entries(rulesByType)) {
      const attrs = schemas[type]?.block.attributes;
      if (!attrs) {
        out.push(type);
        continue;
      }
      for (const a of named(rules)) if (!(a in attrs)) out.push(`${type}.${a}`);
    }
    return out;
  }

  it("names only types and attributes that exist in the pinned schema", () => {
    expect(missing(RESOURCE_RULES, pinned.resource_schemas ?? {})).toEqual([]);
    expect(missing(DATA_SOURCE_RULES, pinned.data_source_schemas ?? {})).toEqual([]);
    expect(missing({ provider: PROVIDER_RULES }, { provider: pinned.provider })).toEqual([]);
  });

  it("gives a replacement hint for every deprecated resource attribute", () => {
    const unhinted: string[] = [];
    for (const [type, entry] of Object.entries(pinned.resource_schemas ?? {})) {
      for (const [name, attr] of Object.entries(entry.block.attributes ?? {})) {
        if (attr.deprecated && attr.optional && !RESOURCE_RULES[type]?.replacements?.[name]) unhinted.push(`${type}.${name}`);
      }
    }
    expect(unhinted).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// A tiny hand-written schema for what the pinned one does not have (required blocks, object/tuple types)
// ---------------------------------------------------------------------------------------------

const MINI_SCHEMA: ProviderSchemaJson = {
  provider_schemas: {
    [PROVIDER_FQPN]: {
      provider: { block: { attributes: { region: { type: "string", optional: true } } } },
      resource_schemas: {
        alicloud_thing: {
          block: {
            attributes: {
              obj: { type: ["object", { a: "string", b: "number" }], optional: true },
              tup: { type: ["tuple", ["string", "bool"]], optional: true },
            },
            block_types: {
              rule: {
                nesting_mode: "list",
                min_items: 1,
                max_items: 3,
                block: { attributes: { port: { type: "number", required: true } } },
              },
            },
          },
        },
      },
    },
  },
};

function miniStack(body: Json): Json {
  return stack({ resource: { alicloud_thing: { t: body } } });
}
