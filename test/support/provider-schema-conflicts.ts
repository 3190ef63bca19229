/**
 * What the pinned provider schema JSON cannot say, encoded for `provider-schema-check.ts`.
 *
 * `terraform providers schema -json` carries types, required/optional/computed and block
 * nesting, but not the SDK's ConflictsWith / ExactlyOneOf / AtLeastOneOf, ValidateFunc
 * (allowed values, ranges, patterns), MinItems/MaxItems of set/list *attributes*, nor
 * runtime checks done in Create. Those come from `/work/shared/reference/alicloud-provider-notes.md`
 * (per-resource tables and "Surprises"), except where a rule says otherwise in its comment.
 *
 * Every attribute named here must exist in the pinned schema for that type; the
 * `provider-schema` tests check that, so a typo or a schema bump that drops a field fails loudly.
 */

/** A rule violation found by a `custom` rule: `attribute` (if any) is appended to the resource path. */
export interface RuleFinding {
  /** Attribute the finding is about, or undefined for the resource as a whole. */
  readonly attribute?: string;
  /** Human-readable message: the offending value, what was expected, and what to do. */
  readonly message: string;
}

/** Context handed to a `custom` rule. */
export interface RuleContext {
  /** The whole synthesized config (for cross-resource lookups such as a rule's security group). */
  readonly config: Readonly<Record<string, unknown>>;
  /** True if the value is a Terraform interpolation (`${...}`), i.e. unknown at synth time. */
  readonly isInterpolation: (value: unknown) => boolean;
}

/** Constraints on one resource or data source type that the JSON schema cannot express. */
export interface TypeRules {
  /** Groups of attributes of which at most one may be set (every pair in a group is a ConflictsWith). */
  readonly conflicts?: ReadonlyArray<ReadonlyArray<string>>;
  /** Groups of attributes of which exactly one must be set (SDK `ExactlyOneOf`). */
  readonly exactlyOneOf?: ReadonlyArray<ReadonlyArray<string>>;
  /** Groups of attributes of which at least one must be set (SDK `AtLeastOneOf`). */
  readonly atLeastOneOf?: ReadonlyArray<ReadonlyArray<string>>;
  /** Attribute → the only values its ValidateFunc accepts (case-sensitive). */
  readonly allowedValues?: Readonly<Record<string, ReadonlyArray<string | number>>>;
  /** Attribute → inclusive integer range its ValidateFunc accepts (`IntBetween`). */
  readonly intRanges?: Readonly<Record<string, readonly [number, number]>>;
  /** Attribute → regexp its ValidateFunc requires, with a human description. */
  readonly patterns?: Readonly<Record<string, { readonly regex: RegExp; readonly expected: string }>>;
  /** Set/list attribute → MinItems/MaxItems that the SDK enforces but the JSON drops. */
  readonly itemCounts?: Readonly<Record<string, { readonly min?: number; readonly max?: number }>>;
  /** Attributes with `Removed:` in Go: still in the 1.x schema, not flagged deprecated there, but setting them fails. */
  readonly removed?: Readonly<Record<string, string>>;
  /** Deprecated attribute → what to use instead (only used to make the deprecation message actionable). */
  readonly replacements?: Readonly<Record<string, string>>;
  /** Runtime checks done by the provider's Create (not by the schema). */
  readonly custom?: (attributes: Readonly<Record<string, unknown>>, ctx: RuleContext) => RuleFinding[];
}

const SYSTEM_DISK_CATEGORIES = ["all", "cloud", "ephemeral_ssd", "cloud_essd", "cloud_efficiency", "cloud_ssd", "local_disk", "cloud_auto", "cloud_essd_entry"] as const;

const CHARGE_TYPES_EIP = ["Subscription", "PayAsYouGo", "PrePaid", "PostPaid"] as const;
const INTERNET_CHARGE_TYPES = ["PayByBandwidth", "PayByTraffic"] as const;
const SPOT_STRATEGIES = ["NoSpot", "SpotAsPriceGo", "SpotWithPriceLimit"] as const;

/** `AllPortRange` in alicloud/common.go: the rule's default `port_range`. */
export const ALL_PORT_RANGE = "-1/-1";

/**
 * `alicloud_security_group_rule` checks done at Create time (notes, "alicloud_security_group_rule"
 * and Surprise 12): the tcp/udp port range, and `nic_type` for VPC groups / group-to-group rules.
 */
function securityGroupRuleRuntimeChecks(attrs: Readonly<Record<string, unknown>>, ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const protocol = attrs.ip_protocol;
  const portRange = attrs.port_range;
  if (typeof protocol === "string" && !ctx.isInterpolation(protocol)) {
    if (protocol === "tcp" || protocol === "udp") {
      if (portRange === undefined || portRange === null) {
        out.push({
          attribute: "port_range",
          message:
            `port_range is not set, so the provider uses its default "${ALL_PORT_RANGE}", which the API rejects for ` + `ip_protocol "${protocol}". Set a real range such as "22/22" or "1/65535".`,
        });
      } else if (typeof portRange === "string" && !ctx.isInterpolation(portRange)) {
        const m = /^(\d+)\/(\d+)$/.exec(portRange);
        const from = m ? Number(m[1]) : NaN;
        const to = m ? Number(m[2]) : NaN;
        if (portRange === ALL_PORT_RANGE) {
          out.push({
            attribute: "port_range",
            message: `port_range "${ALL_PORT_RANGE}" is rejected for ip_protocol "${protocol}". ` + `Set a real range such as "22/22" or "1/65535".`,
          });
        } else if (!m || from < 1 || to > 65535 || from > to) {
          out.push({
            attribute: "port_range",
            message: `port_range ${JSON.stringify(portRange)} is not a valid ${protocol} range. ` + `Expected "<from>/<to>" with 1 <= from <= to <= 65535, e.g. "443/443".`,
          });
        }
      }
    } else if (protocol === "icmp" || protocol === "gre" || protocol === "all") {
      if (typeof portRange === "string" && !ctx.isInterpolation(portRange) && portRange !== ALL_PORT_RANGE) {
        out.push({
          attribute: "port_range",
          message: `port_range ${JSON.stringify(portRange)} is rejected for ip_protocol "${protocol}": only "${ALL_PORT_RANGE}" ` + `is accepted. Remove port_range or set it to "${ALL_PORT_RANGE}".`,
        });
      }
    }
  }

  const nicType = attrs.nic_type;
  if (nicType === "internet") {
    const sourceGroup = attrs.source_security_group_id;
    if (sourceGroup !== undefined && sourceGroup !== null) {
      out.push({
        attribute: "nic_type",
        message: `nic_type "internet" is rejected when source_security_group_id is set. Use "intranet" or omit nic_type.`,
      });
    } else {
      const group = referencedSecurityGroup(attrs.security_group_id, ctx.config);
      if (group && group.attrs.vpc_id !== undefined && group.attrs.vpc_id !== null) {
        out.push({
          attribute: "nic_type",
          message: `nic_type "internet" is rejected for a VPC security group (alicloud_security_group.${group.name} sets vpc_id). ` + `Use "intranet" or omit nic_type.`,
        });
      }
    }
  }
  return out;
}

/** Resolves `"${alicloud_security_group.<name>.id}"` to that resource's attributes in the same config. */
function referencedSecurityGroup(ref: unknown, config: Readonly<Record<string, unknown>>): { name: string; attrs: Record<string, unknown> } | undefined {
  if (typeof ref !== "string") return undefined;
  const m = /^\$\{alicloud_security_group\.([^.}]+)\.id\}$/.exec(ref);
  if (!m) return undefined;
  const resources = config.resource as Record<string, Record<string, unknown>> | undefined;
  const group = resources?.alicloud_security_group?.[m[1]];
  if (!group || typeof group !== "object" || Array.isArray(group)) return undefined;
  return { name: m[1], attrs: group as Record<string, unknown> };
}

/** Rules per resource type (`resource.<type>`). */
export const RESOURCE_RULES: Readonly<Record<string, TypeRules>> = {
  alicloud_ecs_network_interface: {
    conflicts: [
      // notes, Surprise 3: all six mutually conflict (private_ips/private_ips_count are deprecated twins).
      ["private_ip_addresses", "secondary_private_ip_address_count", "ipv4_prefixes", "ipv4_prefix_count", "private_ips", "private_ips_count"],
      ["primary_ip_address", "private_ip"],
      ["network_interface_name", "name"],
      ["security_group_ids", "security_groups"],
      ["ipv6_addresses", "ipv6_address_count"],
    ],
    intRanges: { ipv4_prefix_count: [1, 10], ipv6_address_count: [1, 10] },
    itemCounts: {
      security_group_ids: { min: 1 },
      security_groups: { min: 1 },
      ipv4_prefixes: { max: 10 },
      ipv6_addresses: { max: 10 },
    },
    replacements: {
      name: "network_interface_name",
      private_ip: "primary_ip_address",
      private_ips: "private_ip_addresses",
      private_ips_count: "secondary_private_ip_address_count",
      security_groups: "security_group_ids",
    },
  },
  alicloud_instance: {
    conflicts: [
      ["secondary_private_ips", "secondary_private_ip_address_count"],
      ["ipv6_addresses", "ipv6_address_count"],
      ["dedicated_host_id", "spot_strategy"],
      ["dedicated_host_id", "spot_price_limit"],
    ],
    atLeastOneOf: [
      ["instance_type", "launch_template_id", "launch_template_name"],
      ["image_id", "launch_template_id", "launch_template_name"],
    ],
    allowedValues: {
      instance_charge_type: ["PrePaid", "PostPaid"],
      system_disk_category: SYSTEM_DISK_CATEGORIES,
      internet_charge_type: INTERNET_CHARGE_TYPES,
      spot_strategy: SPOT_STRATEGIES,
      network_interface_traffic_mode: ["Standard", "HighPerformance"],
    },
    intRanges: { ipv6_address_count: [1, 10] },
    patterns: { instance_type: { regex: /^ecs\./, expected: 'an instance type starting with "ecs." (e.g. "ecs.g7.large")' } },
    itemCounts: { ipv6_addresses: { max: 10 } },
    removed: {
      subnet_id: "removed in provider 1.210.0; use vswitch_id",
      io_optimized: "removed in provider 1.213.1; drop it",
    },
    replacements: {
      allocate_public_ip: "internet_max_bandwidth_out > 0",
      internet_max_bandwidth_in: "nothing (it has no effect)",
      role_name: "the alicloud_ecs_ram_role_attachment resource",
    },
  },
  alicloud_vswitch: {
    exactlyOneOf: [["zone_id", "availability_zone"]],
    conflicts: [["vswitch_name", "name"]],
    replacements: { availability_zone: "zone_id", name: "vswitch_name" },
  },
  alicloud_vpc: {
    conflicts: [["vpc_name", "name"]],
    allowedValues: { dns_hostname_status: ["ENABLED", "DISABLED"] },
    replacements: {
      name: "vpc_name",
      ipv6_cidr_block: "the alicloud_vpc_ipv6_cidr_block resource",
      ipv6_isp: "the alicloud_vpc_ipv6_cidr_block resource",
      secondary_cidr_blocks: "the alicloud_vpc_ipv4_cidr_block resource",
      secondary_cidr_mask: "the alicloud_vpc_ipv4_cidr_block resource",
    },
  },
  alicloud_eip_address: {
    conflicts: [
      ["address_name", "name"],
      ["payment_type", "instance_charge_type"],
    ],
    allowedValues: {
      internet_charge_type: INTERNET_CHARGE_TYPES,
      payment_type: CHARGE_TYPES_EIP,
      instance_charge_type: CHARGE_TYPES_EIP,
      mode: ["NAT", "BINDED", "MULTI_BINDED"],
      netmode: ["public"],
      pricing_cycle: ["Month", "Year"],
      high_definition_monitor_log_status: ["OFF", "ON"],
      isp: ["BGP", "BGP_PRO", "ChinaTelecom", "ChinaUnicom", "ChinaMobile", "ChinaTelecom_L2", "ChinaUnicom_L2", "ChinaMobile_L2", "BGP_FinanceCloud", "BGP_International"],
      period: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 24, 36],
    },
    replacements: { name: "address_name", instance_charge_type: "payment_type" },
  },
  alicloud_eip_association: {
    allowedValues: { mode: ["NAT", "MULTI_BINDED", "BINDED"] },
  },
  alicloud_security_group: {
    conflicts: [["inner_access_policy", "inner_access"]],
    allowedValues: {
      security_group_type: ["normal", "enterprise"],
      inner_access_policy: ["Accept", "Drop"],
    },
    replacements: { inner_access: "inner_access_policy", name: "security_group_name" },
  },
  alicloud_security_group_rule: {
    conflicts: [
      ["cidr_ip", "ipv6_cidr_ip"],
      ["cidr_ip", "source_security_group_id"],
    ],
    atLeastOneOf: [["cidr_ip", "ipv6_cidr_ip", "source_security_group_id", "prefix_list_id"]],
    allowedValues: {
      type: ["ingress", "egress"],
      ip_protocol: ["tcp", "udp", "icmp", "icmpv6", "gre", "all"],
      policy: ["accept", "drop"],
      nic_type: ["internet", "intranet"],
    },
    intRanges: { priority: [1, 100] },
    custom: securityGroupRuleRuntimeChecks,
  },
  // alicloud_havip and alicloud_vpc_ha_vip share resourceAliCloudVpcHaVip (same schema in the pinned JSON).
  // Not in the notes: from the provider's Go source (resource_alicloud_vpc_ha_vip.go: ha_vip_name ConflictsWith havip_name).
  alicloud_havip: {
    conflicts: [["ha_vip_name", "havip_name"]],
    replacements: { havip_name: "ha_vip_name" },
  },
  alicloud_vpc_ha_vip: {
    conflicts: [["ha_vip_name", "havip_name"]],
    replacements: { havip_name: "ha_vip_name" },
  },
  // Not in the notes: resource_alicloud_havip_attachment.go has ha_vip_id ExactlyOneOf [ha_vip_id, havip_id].
  alicloud_havip_attachment: {
    exactlyOneOf: [["ha_vip_id", "havip_id"]],
    replacements: { havip_id: "ha_vip_id" },
  },
};

/** Rules per data source type (`data.<type>`). */
export const DATA_SOURCE_RULES: Readonly<Record<string, TypeRules>> = {
  alicloud_instance_types: {
    allowedValues: {
      instance_charge_type: ["PrePaid", "PostPaid"],
      network_type: ["Vpc", "Classic"],
      sorted_by: ["CPU", "Memory", "Price"],
      spot_strategy: SPOT_STRATEGIES,
      kubernetes_node_role: ["Master", "Worker"],
      system_disk_category: ["cloud", "ephemeral_ssd", "cloud_essd", "cloud_efficiency", "cloud_ssd", "cloud_essd_entry", "cloud_auto"],
    },
    patterns: {
      instance_type_family: { regex: /^ecs\./, expected: 'a family starting with "ecs." (e.g. "ecs.g7")' },
    },
  },
};

/** Rules for the `provider "alicloud"` block. */
export const PROVIDER_RULES: TypeRules = {
  allowedValues: { protocol: ["HTTP", "HTTPS"] },
  replacements: {
    fc: "the fc attribute of the endpoints block",
    log_endpoint: "the log attribute of the endpoints block",
    mns_endpoint: "the mns attribute of the endpoints block",
    ots_instance_name: "instance_name on alicloud_ots_table",
  },
};
