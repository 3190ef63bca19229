import { compareStrings } from "../../compare";
import { Ipv4Cidr } from "../../net/ipv4";
import { formatIpv6, Ipv6Cidr, parseIpv6 } from "../../net/ipv6";
import type {
  AddressSlot,
  AttachmentFact,
  CidrReservationFact,
  EipFact,
  EniFact,
  FactValue,
  HaVipFact,
  InstanceFact,
  ProviderFact,
  SecurityGroupFact,
  SecurityGroupRuleFact,
  SecurityGroupType,
  UnknownValue,
  VpcFact,
  VpcIpv6Fact,
  VSwitchFact,
  VSwitchIpv6Fact,
} from "../facts";
import { secondaryRole } from "../facts";
import type { ModelNote, NetworkModel } from "../network-model";
import type { ImportIntent, ResourceIntent, SuppressionIntent } from "./intent";
import type { TfConfig, TfResource } from "./terraform-config";
import { readValue, Ref, Value } from "./values";

/** The resource types the model is built from (deprecated aliases included). */
export const MODEL_RESOURCE_TYPES: readonly string[] = [
  "alicloud_vpc",
  "alicloud_vswitch",
  "alicloud_subnet",
  "alicloud_vpc_vswitch_cidr_reservation",
  "alicloud_security_group",
  "alicloud_security_group_rule",
  "alicloud_instance",
  "alicloud_ecs_network_interface",
  "alicloud_network_interface",
  "alicloud_ecs_network_interface_attachment",
  "alicloud_network_interface_attachment",
  "alicloud_eip_address",
  "alicloud_eip",
  "alicloud_eip_association",
  "alicloud_havip",
  "alicloud_vpc_ha_vip",
  "alicloud_havip_attachment",
];

/** The model and the suppressions written into the configurations. */
export interface BuiltModel {
  /** The network model. */
  readonly model: NetworkModel;
  /** Suppressions by the construct path they were added to. */
  readonly suppressions: ReadonlyMap<string, readonly SuppressionIntent[]>;
}

/** What a resource address of a configuration stands for in the model. */
type LocalFact = VpcFact | VSwitchFact | SecurityGroupFact | InstanceFact | EniFact | HaVipFact | { kind: "eip-address"; path: string };

/** cdktf's reference to an output of another stack (`data.terraform_remote_state.cross-stack-reference-input-<stack>.outputs.<name>`). */
const REMOTE = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-([^.}]+)\.outputs\.([A-Za-z0-9_-]+)\}$/;

const unknown = (description: string): UnknownValue => ({ unknown: true, description });
const byPath = (a: { path: string }, b: { path: string }) => compareStrings(a.path, b.path);

/** The owner of a resource: the construct that made it (its path without a trailing `/Resource`), or as the intent says. */
function ownerPath(r: TfResource, intent: ResourceIntent | undefined): string {
  if (intent?.owner) return intent.owner;
  return r.path.endsWith("/Resource") ? r.path.slice(0, -"/Resource".length) : r.path;
}

function cidrOf(v: Value, what: string, path: string, notes: ModelNote[]): FactValue<Ipv4Cidr> {
  if (v.kind === "literal" && typeof v.value === "string") {
    try {
      return Ipv4Cidr.parse(v.value, what);
    } catch (e) {
      notes.push({ kind: "invalid", path, message: (e as Error).message, fix: `Give the ${what} as an IPv4 CIDR block (a.b.c.d/prefix, e.g. 10.0.0.0/16).` });
      return unknown(`${JSON.stringify(v.value)} (not a valid ${what})`);
    }
  }
  return unknown(v.kind === "ref" || v.kind === "expr" ? v.text : v.kind === "absent" ? `(${what} not set)` : JSON.stringify(v.kind === "literal" ? v.value : ""));
}

/** Mask of the IPv6 block the cloud gives a new VPC (`enable_ipv6`): /56. */
const NEW_VPC_IPV6_MASK = 56;

/** An IPv6 CIDR block given as a literal (imports); a note and no block when it is not one. */
function ipv6CidrOf(text: string | undefined, what: string, path: string, notes: ModelNote[]): Ipv6Cidr | undefined {
  if (text === undefined || text === "") return undefined;
  try {
    return Ipv6Cidr.parse(text, what);
  } catch (e) {
    notes.push({ kind: "invalid", path, message: (e as Error).message, fix: `Give the ${what} as an IPv6 CIDR block, e.g. 2408:4005:3a6:a100::/56.` });
    return undefined;
  }
}

/** The IPv6 fact of a new vSwitch (`enable_ipv6`, `ipv6_cidr_block_mask`): its suffix, and its /64 when the VPC's block is known. */
function vswitchIpv6(enable: Value, suffixValue: Value, vpc: VpcFact): VSwitchIpv6Fact | undefined {
  const on = enable.kind === "literal" && (enable.value === true || enable.value === "true");
  if (!on && suffixValue.kind === "absent") return undefined;
  if (enable.kind === "literal" && (enable.value === false || enable.value === "false")) return undefined;
  let suffix: FactValue<number> | undefined;
  if (suffixValue.kind === "literal" && suffixValue.value !== "" && Number.isFinite(Number(suffixValue.value))) suffix = Number(suffixValue.value);
  else if (suffixValue.kind === "ref" || suffixValue.kind === "expr") suffix = unknown(suffixValue.text);
  const v6 = vpc.ipv6?.cidr;
  if (typeof suffix === "number" && v6 && Number.isInteger(suffix) && suffix >= 0 && suffix < 2 ** (64 - v6.prefix)) {
    return { suffix, cidr: Ipv6Cidr.of(v6.network + (BigInt(suffix) << 64n), 64) };
  }
  return suffix === undefined ? {} : { suffix };
}

/** The value list of an absent attribute (shared: value lists are only read). */
const NO_VALUES: readonly Value[] = Object.freeze([]);

/** A rule's priority: the literal number, 1 (the provider's default) when absent, unknown when an expression. */
function priorityOf(v: Value): FactValue<number> {
  if (v.kind === "absent") return 1;
  if (v.kind === "literal") return typeof v.value === "number" ? v.value : Number.isInteger(Number(v.value)) ? Number(v.value) : unknown(String(v.value));
  return v.kind === "ref" || v.kind === "expr" ? unknown(v.text) : unknown("(planned value)");
}

function stringOf(v: Value): FactValue<string> | undefined {
  if (v.kind === "absent") return undefined;
  if (v.kind === "literal") return String(v.value);
  if (v.kind === "ref" || v.kind === "expr") return unknown(v.text);
  return unknown("(planned value)");
}

/** `from/to` of a security group rule's port_range; -1/-1 for protocols without ports. */
function portRange(v: unknown): [number, number] {
  if (typeof v !== "string") return [-1, -1];
  const m = /^(-?\d+)\/(-?\d+)$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2])] : [-1, -1];
}

/** Builds one model from the configurations of an app (or of the files given to `check`). */
export function buildModel(configs: readonly TfConfig[]): BuiltModel {
  const notes: ModelNote[] = [];
  const vpcs: VpcFact[] = [];
  const vswitches: VSwitchFact[] = [];
  const securityGroups: SecurityGroupFact[] = [];
  const instances: InstanceFact[] = [];
  const enis: EniFact[] = [];
  const eips: EipFact[] = [];
  const havips: HaVipFact[] = [];
  const providers: ProviderFact[] = [];
  const suppressions = new Map<string, SuppressionIntent[]>();
  // Imported resources by id, across the app (two stacks may import one vSwitch).
  const importedById = new Map<string, (VpcFact | VSwitchFact | SecurityGroupFact | InstanceFact | EniFact)[]>();
  const primaryEniOf = new Map<string, InstanceFact>();
  const importedHaVips = new Map<string, HaVipFact>();
  const placeholders = new Map<string, VpcFact | VSwitchFact>();

  const byImportedId = <K extends string>(id: string, kind: K, stack: string) => {
    const list = (importedById.get(id) ?? []).filter((f) => f.kind === kind);
    return (list.find((f) => f.stack === stack) ?? list[0]) as Extract<VpcFact | VSwitchFact | SecurityGroupFact | InstanceFact | EniFact, { kind: K }> | undefined;
  };

  const locals = new Map<string, Map<string, LocalFact>>();
  const outputsOf = new Map(configs.map((c) => [c.stack, c.outputs] as const));
  const phases = configs.map((config) => {
    const stack = config.stack;
    const intentOf = (r: TfResource) => config.intent.resources?.[r.path];
    const local = new Map<string, LocalFact>();
    // Resources by type, each with its position in the configuration (one pass over them, not one per lookup).
    const byType = new Map<string, { r: TfResource; at: number }[]>();
    config.resources.forEach((r, at) => {
      const list = byType.get(r.type);
      if (list) list.push({ r, at });
      else byType.set(r.type, [{ r, at }]);
    });
    /** The resources of these types, in configuration order. */
    const ofType = (types: string[]): TfResource[] => {
      const lists = types.map((t) => byType.get(t) ?? []).filter((l) => l.length > 0);
      if (lists.length === 0) return [];
      if (lists.length === 1) return lists[0].map((x) => x.r);
      return lists
        .flat()
        .sort((x, y) => x.at - y.at)
        .map((x) => x.r);
    };
    locals.set(stack, local);
    const lookup = (ref: Ref, module: string): LocalFact | undefined => {
      if (ref.stack !== undefined) return locals.get(ref.stack)?.get(ref.address);
      const here = local.get(`${module}${ref.address}`);
      if (here || module !== "") return here;
      // A token of another stack's resource that cdktf resolved without app.synth()'s cross-stack outputs.
      const there = [...locals.values()].map((l) => l.get(ref.address)).filter((f) => f !== undefined);
      return there.length === 1 ? there[0] : undefined;
    };
    /** A value, with cdktf's cross-stack references followed to the resource the other stack outputs. */
    const read = (v: unknown): Value => {
      const x = readValue(v);
      if (x.kind !== "expr") return x;
      const m = REMOTE.exec(x.text);
      if (!m) return x;
      const target = readValue(outputsOf.get(m[1])?.[m[2]]);
      return target.kind === "ref" ? { ...target, ref: { ...target.ref, stack: m[1] } } : x;
    };
    // References and expressions by their text: at scale, thousands of resources name the same vSwitch or group, and
    // one read (and one Value, shared: values are never changed) serves them all.
    const expressions = new Map<string, Value>();
    const val = (v: unknown): Value => {
      if (typeof v !== "string" || !v.includes("${")) return read(v);
      let x = expressions.get(v);
      if (x === undefined) expressions.set(v, (x = read(v)));
      return x;
    };
    const vals = (v: unknown): readonly Value[] => (v === undefined || v === null ? NO_VALUES : Array.isArray(v) ? v.map(val) : [val(v)]);
    const note = (kind: ModelNote["kind"], path: string, message: string, fix: string) => notes.push({ kind, path, message, fix });

    for (const [path, list] of Object.entries(config.intent.suppressions ?? {})) {
      suppressions.set(path, [...(suppressions.get(path) ?? []), ...list]);
    }

    // --- imports (facts the configuration cannot hold) ---
    const imports = [...(config.intent.imports ?? [])];
    const importOrder: Record<ImportIntent["kind"], number> = { vpc: 0, vswitch: 1, "security-group": 2, instance: 3, havip: 4, eni: 5 };
    // Construct paths by address, for depends_on.
    const pathByAddress = new Map(config.resources.map((r) => [`${r.module}${r.address}`, r.path]));
    imports.sort((a, b) => importOrder[a.kind] - importOrder[b.kind] || compareStrings(a.path, b.path));

    const placeholderVpc = (description: string): VpcFact => {
      const key = `?vpc:${description}`;
      let f = placeholders.get(key) as VpcFact | undefined;
      if (!f) {
        f = { kind: "vpc", path: description, stack, imported: true, key, cidr: unknown(description), unresolved: unknown(description) };
        placeholders.set(key, f);
      }
      return f;
    };
    const vpcOf = (v: Value, module: string, who: string): VpcFact => {
      if (v.kind === "ref") {
        const f = lookup(v.ref, module);
        if (f?.kind === "vpc") return f;
      } else if (v.kind === "literal" && typeof v.value === "string") {
        const f = byImportedId(v.value, "vpc", stack);
        if (f) return f;
        note("unknown", who, `VPC ${v.value} is not described in the program, so its CIDR is unknown.`, "Import it with Vpc.fromVpcAttributes (or create it in the program).");
        return placeholderVpc(v.value);
      }
      const text = v.kind === "ref" || v.kind === "expr" ? v.text : "(vpc_id not set)";
      return placeholderVpc(text);
    };

    const addImported = (f: VpcFact | VSwitchFact | SecurityGroupFact | InstanceFact | EniFact, id: string) => {
      const list = importedById.get(id);
      if (list) list.push(f);
      else importedById.set(id, [f]);
    };

    const placeholderVSwitch = (description: string): VSwitchFact => {
      const key = `?vsw:${description}`;
      let f = placeholders.get(key) as VSwitchFact | undefined;
      if (!f) {
        f = {
          kind: "vswitch",
          path: description,
          stack,
          imported: true,
          poolId: key,
          vpc: placeholderVpc(description),
          zoneId: unknown(description),
          cidr: unknown(description),
          usedIps: [],
          reservations: [],
          unresolved: unknown(description),
        };
        placeholders.set(key, f);
      }
      return f;
    };
    const vswitchOf = (v: Value, module: string, who: string): VSwitchFact => {
      if (v.kind === "ref") {
        const f = lookup(v.ref, module);
        if (f?.kind === "vswitch") return f;
      } else if (v.kind === "literal" && typeof v.value === "string") {
        const f = byImportedId(v.value, "vswitch", stack);
        if (f) return f;
        note(
          "unknown",
          who,
          `vSwitch ${v.value} is not described in the program, so its zone, CIDR and free addresses are unknown; no address in it was checked or planned.`,
          "Import it with VSwitch.fromVSwitchAttributes (giving its CIDR, zone and used addresses), or create it in the program.",
        );
        return placeholderVSwitch(v.value);
      }
      const text = v.kind === "ref" || v.kind === "expr" ? v.text : "(vswitch_id not set)";
      if (v.kind !== "ref" || !v.text.includes("alicloud_"))
        note(
          "unknown",
          who,
          `vSwitch ${text} is unknown at synth time; placement, address and capacity checks in it were skipped.`,
          "Reference a vSwitch of the program, or import it with VSwitch.fromVSwitchAttributes.",
        );
      return placeholderVSwitch(text);
    };
    const groupsOf = (v: unknown, module: string, who: string): SecurityGroupFact[] => {
      const out: SecurityGroupFact[] = [];
      for (const g of vals(v)) {
        if (g.kind === "ref") {
          const f = lookup(g.ref, module);
          if (f?.kind === "security-group") {
            out.push(f);
            continue;
          }
        } else if (g.kind === "literal" && typeof g.value === "string") {
          const f = byImportedId(g.value, "security-group", stack);
          if (f) {
            out.push(f);
            continue;
          }
        }
        const text = g.kind === "literal" ? String(g.value) : g.kind === "ref" || g.kind === "expr" ? g.text : "(planned)";
        note(
          "unknown",
          who,
          `security group ${text} is not described in the program; its VPC, type and rules are unknown.`,
          "Import it with SecurityGroup.fromSecurityGroupAttributes, or create it in the program.",
        );
        out.push({ kind: "security-group", path: text, stack, imported: true, vpc: placeholderVpc(text), type: unknown(text), rules: [], rulesKnown: false, unresolved: unknown(text) });
      }
      return out;
    };

    const runImports = (kind: ImportIntent["kind"]) => {
      for (const imp of imports) {
        if (imp.kind !== kind) continue;
        switch (imp.kind) {
          case "vpc": {
            const v6 = ipv6CidrOf(imp.ipv6Cidr, "VPC IPv6 CIDR block", imp.path, notes);
            const ipv6: VpcIpv6Fact | undefined = v6 ? { mask: v6.prefix, cidr: v6 } : undefined;
            const f: VpcFact = {
              kind: "vpc",
              path: imp.path,
              stack,
              imported: true,
              key: imp.id.includes("${") ? imp.path : imp.id,
              cidr: cidrOf(val(imp.cidr), "VPC CIDR block", imp.path, notes),
              ...(ipv6 ? { ipv6 } : {}),
            };
            vpcs.push(f);
            addImported(f, imp.id);
            break;
          }
          case "vswitch": {
            const f: VSwitchFact = {
              kind: "vswitch",
              path: imp.path,
              stack,
              imported: true,
              poolId: imp.id.includes("${") ? imp.path : imp.id,
              vpc: vpcOf(val(imp.vpc), "", imp.path),
              zoneId: stringOf(val(imp.zone)) ?? unknown("(zone not set)"),
              cidr: cidrOf(val(imp.cidr), "vSwitch CIDR block", imp.path, notes),
              usedIps: [...imp.usedIps],
              reservations: [],
              ...(imp.usedIpsStated === false ? { usedIpsStated: false } : {}),
            };
            const v6 = ipv6CidrOf(imp.ipv6Cidr, "vSwitch IPv6 CIDR block", imp.path, notes);
            if (v6) Object.assign(f, { ipv6: { cidr: v6 } satisfies VSwitchIpv6Fact });
            vswitches.push(f);
            addImported(f, imp.id);
            break;
          }
          case "security-group": {
            const f: SecurityGroupFact = {
              kind: "security-group",
              path: imp.path,
              stack,
              imported: true,
              vpc: vpcOf(val(imp.vpc), "", imp.path),
              type: imp.type as SecurityGroupType,
              rules: [],
              rulesKnown: false,
              ...(imp.existingIpCount ? { existingIpCount: imp.existingIpCount } : {}),
              ...(imp.existingEniCount ? { existingEniCount: imp.existingEniCount } : {}),
            };
            securityGroups.push(f);
            addImported(f, imp.id);
            break;
          }
          case "instance": {
            const vswitch = vswitchOf(val(imp.vswitch), "", imp.path);
            const f: InstanceFact = {
              kind: "instance",
              path: imp.path,
              stack,
              imported: true,
              instanceType: stringOf(val(imp.instanceType)) ?? unknown("(instance type not set)"),
              vswitch,
              securityGroups: groupsOf(imp.securityGroups, "", imp.path),
              primaryIp: imp.privateIp === undefined ? undefined : { key: `${imp.path}#primary`, role: "primary", vswitch, explicit: stringOf(val(imp.privateIp)), existing: true },
              secondaryIps: [],
              existingEniCount: imp.attachedEniCount,
            };
            instances.push(f);
            addImported(f, imp.id);
            if (imp.primaryEni) primaryEniOf.set(imp.primaryEni, f);
            break;
          }
          case "havip": {
            const vswitch = vswitchOf(val(imp.vswitch), "", imp.path);
            const f: HaVipFact = {
              kind: "havip",
              path: imp.path,
              stack,
              imported: true,
              vswitch,
              ip: { key: `${imp.path}#vip`, role: "vip", vswitch, explicit: stringOf(val(imp.ipAddress)), existing: true },
              attachedTo: [],
              unreachableStandbys: [],
              existingMemberCount: imp.attachedMemberCount ?? 0,
              existingEip: imp.hasEip ?? false,
            };
            havips.push(f);
            importedHaVips.set(imp.id, f);
            break;
          }
          case "eni": {
            const vswitch = vswitchOf(val(imp.vswitch), "", imp.path);
            const withEip = new Set(imp.ipsWithEip ?? []);
            const existing = (role: string, ip: string): AddressSlot => ({
              key: `${imp.path}#${role}`,
              role,
              vswitch,
              explicit: stringOf(val(ip)),
              existing: true,
              ...(withEip.has(ip) ? { existingEip: true } : {}),
            });
            const f: EniFact = {
              kind: "eni",
              path: imp.path,
              stack,
              imported: true,
              vswitch,
              securityGroups: groupsOf(imp.securityGroups, "", imp.path),
              primaryIp: existing("primary", imp.primaryIp),
              secondaryIps: imp.secondaryIps.map((ip, i) => existing(`secondary-ip-${i + 1}`, ip)),
              attachments: [],
              management: imp.management ?? false,
            };
            enis.push(f);
            addImported(f, imp.id);
            break;
          }
        }
      }
    };

    const phase1 = () => {
      // --- VPCs, vSwitches, security groups ---
      for (const r of ofType(["alicloud_vpc"])) {
        const owner = ownerPath(r, intentOf(r));
        const e6 = val(r.values.enable_ipv6);
        const ipv6: VpcIpv6Fact | undefined = e6.kind === "literal" && (e6.value === true || e6.value === "true") ? { mask: NEW_VPC_IPV6_MASK } : undefined;
        const f: VpcFact = { kind: "vpc", path: owner, stack, imported: false, key: owner, cidr: cidrOf(val(r.values.cidr_block), "VPC CIDR block", owner, notes), ...(ipv6 ? { ipv6 } : {}) };
        vpcs.push(f);
        local.set(`${r.module}${r.address}`, f);
      }
      runImports("vpc");
    };
    const phase2 = () => {
      for (const r of ofType(["alicloud_vswitch", "alicloud_subnet"])) {
        const owner = ownerPath(r, intentOf(r));
        const vpc = vpcOf(val(r.values.vpc_id), r.module, owner);
        const ipv6 = vswitchIpv6(val(r.values.enable_ipv6), val(r.values.ipv6_cidr_block_mask), vpc);
        const f: VSwitchFact = {
          kind: "vswitch",
          path: owner,
          stack,
          imported: false,
          poolId: owner,
          vpc,
          zoneId: stringOf(val(r.values.zone_id ?? r.values.availability_zone)) ?? unknown("(zone_id not set)"),
          cidr: cidrOf(val(r.values.cidr_block), "vSwitch CIDR block", owner, notes),
          usedIps: [],
          ...(ipv6 ? { ipv6 } : {}),
          reservations: [],
        };
        vswitches.push(f);
        local.set(`${r.module}${r.address}`, f);
      }
      runImports("vswitch");
    };
    const phase3 = () => {
      // --- CIDR reservations (prefix blocks) of the vSwitches ---
      for (const r of ofType(["alicloud_vpc_vswitch_cidr_reservation"])) {
        const owner = ownerPath(r, intentOf(r));
        const version = r.values.ip_version;
        const type = r.values.cidr_reservation_type;
        if ((typeof version === "string" && version !== "IPv4") || (typeof type === "string" && type !== "Prefix")) continue; // only IPv4 prefix blocks hold prefixes
        const vswitch = vswitchOf(val(r.values.vswitch_id), r.module, owner);
        const c = val(r.values.cidr_reservation_cidr);
        const m = val(r.values.cidr_reservation_mask);
        const maskText = m.kind === "literal" ? String(m.value) : m.kind === "marker" && m.marker.kind === "fallback" ? m.marker.value : undefined;
        const mask = maskText !== undefined && /^\d{1,2}$/.test(maskText) ? Number(maskText) : undefined;
        let f: CidrReservationFact;
        if (c.kind === "marker" && c.marker.kind === "address") f = { path: owner, key: c.marker.key, mask };
        else if (c.kind === "absent") f = { path: owner, key: `${owner}#cidr`, mask, cloud: true };
        else f = { path: owner, key: `${owner}#cidr`, cidr: cidrOf(c, "reserved CIDR block", owner, notes) };
        vswitch.reservations?.push(f);
      }
      for (const r of ofType(["alicloud_security_group"])) {
        const owner = ownerPath(r, intentOf(r));
        const t = val(r.values.security_group_type);
        const f: SecurityGroupFact = {
          kind: "security-group",
          path: owner,
          stack,
          imported: false,
          vpc: vpcOf(val(r.values.vpc_id), r.module, owner),
          type: t.kind === "absent" ? "normal" : ((stringOf(t) ?? "normal") as FactValue<SecurityGroupType>),
          rules: [],
          rulesKnown: true,
        };
        securityGroups.push(f);
        local.set(`${r.module}${r.address}`, f);
      }
      runImports("security-group");
      for (const r of ofType(["alicloud_security_group_rule"])) {
        const path = r.path.endsWith("/Resource") ? r.path.slice(0, -"/Resource".length) : r.path;
        const g = val(r.values.security_group_id);
        const group = g.kind === "ref" ? lookup(g.ref, r.module) : g.kind === "literal" && typeof g.value === "string" ? byImportedId(g.value, "security-group", stack) : undefined;
        if (group?.kind !== "security-group") continue;
        const [fromPort, toPort] = portRange(r.values.port_range);
        const peer = val(r.values.source_security_group_id);
        const peerGroup = peer.kind === "ref" ? lookup(peer.ref, r.module) : undefined;
        const cidr = val(r.values.cidr_ip);
        const ipv6 = val(r.values.ipv6_cidr_ip);
        const rule: SecurityGroupRuleFact = {
          path,
          direction: r.values.type === "egress" ? "egress" : "ingress",
          protocol: typeof r.values.ip_protocol === "string" ? r.values.ip_protocol : "all",
          fromPort,
          toPort,
          cidr: stringOf(cidr),
          ipv6Cidr: stringOf(ipv6),
          peerGroup: peerGroup?.path,
          policy: r.values.policy === "drop" ? "drop" : "accept",
          priority: priorityOf(readValue(r.values.priority)),
        };
        group.rules.push(rule);
      }
    };
    const phase4 = () => (runImports("instance"), runImports("eni"));

    // --- slots ---
    const slot = (owner: string, role: string, vswitch: VSwitchFact, v: Value, cloudWhenAbsent: boolean): AddressSlot | undefined => {
      switch (v.kind) {
        case "marker":
          if (v.marker.kind === "address") return { key: v.marker.key, role: v.marker.key.slice(v.marker.key.lastIndexOf("#") + 1), vswitch };
          return { key: `${owner}#${role}`, role, vswitch, explicit: unknown("(planned value)") };
        case "literal":
          return { key: `${owner}#${role}`, role, vswitch, explicit: String(v.value) };
        case "ref":
        case "expr":
          return { key: `${owner}#${role}`, role, vswitch, explicit: unknown(v.text) };
        case "absent":
          return cloudWhenAbsent ? { key: `${owner}#${role}`, role, vswitch, cloud: true } : undefined;
      }
    };
    const roleAt = (intent: ResourceIntent | undefined, attr: string, i: number, fallback: string) => {
      const r = intent?.roles?.[attr];
      if (typeof r === "string") return i === 0 ? r : fallback;
      return r?.[i] ?? fallback;
    };
    const secondarySlots = (owner: string, intent: ResourceIntent | undefined, vswitch: VSwitchFact, listAttr: string, list: unknown, count: unknown): AddressSlot[] => {
      const out: AddressSlot[] = [];
      vals(list).forEach((v, i) => {
        const s = slot(owner, roleAt(intent, listAttr, i, secondaryRole(i + 1)), vswitch, v, false);
        if (s) out.push(s);
      });
      const c = val(count);
      if (out.length === 0 && c.kind === "literal" && typeof c.value === "number" && Number.isInteger(c.value) && c.value > 0) {
        for (let i = 1; i <= Math.min(c.value, 1000); i++) out.push({ key: `${owner}#${secondaryRole(i)}`, role: secondaryRole(i), vswitch, cloud: true });
      } else if (out.length === 0 && (c.kind === "ref" || c.kind === "expr")) {
        note("unknown", owner, `secondary IP count ${c.text} is unknown at synth time; the addresses per ENI and the vSwitch's free addresses were not checked for it.`, "Give the count as a number.");
      }
      return out;
    };

    /** IPv6 addresses (`ipv6-N`) or IPv4 prefixes (`prefix-N`) of an owner: the list, else a literal count for the cloud. */
    const extraSlots = (owner: string, vswitch: VSwitchFact, family: "ipv6" | "prefix", list: unknown, count: unknown): AddressSlot[] => {
      const out: AddressSlot[] = [];
      const what = family === "ipv6" ? "IPv6 address" : "IPv4 prefix";
      vals(list).forEach((v, i) => {
        const role = `${family}-${i + 1}`;
        if (v.kind === "marker" && v.marker.kind === "address") out.push({ key: v.marker.key, role: v.marker.key.slice(v.marker.key.lastIndexOf("#") + 1), vswitch });
        else if (v.kind === "literal") {
          const text = String(v.value);
          let explicit: FactValue<string>;
          try {
            explicit = family === "ipv6" ? formatIpv6(parseIpv6(text, `IPv6 address (${role})`)) : Ipv4Cidr.parse(text, `IPv4 prefix (${role})`).toString();
          } catch (e) {
            note("invalid", owner, (e as Error).message, family === "ipv6" ? "Give IPv6 addresses, e.g. 2408:4005:3a6:a101::10." : "Give /28 blocks, e.g. 10.0.1.64/28.");
            explicit = unknown(`${JSON.stringify(text)} (not a valid ${what})`);
          }
          out.push({ key: `${owner}#${role}`, role, vswitch, explicit });
        } else if (v.kind === "ref" || v.kind === "expr") out.push({ key: `${owner}#${role}`, role, vswitch, explicit: unknown(v.text) });
        else if (v.kind === "marker") out.push({ key: `${owner}#${role}`, role, vswitch, explicit: unknown("(planned value)") });
      });
      const c = val(count);
      if (out.length === 0 && c.kind === "literal" && typeof c.value === "number" && Number.isInteger(c.value) && c.value > 0) {
        for (let i = 1; i <= Math.min(c.value, 1000); i++) out.push({ key: `${owner}#${family}-${i}`, role: `${family}-${i}`, vswitch, cloud: true });
      } else if (out.length === 0 && (c.kind === "ref" || c.kind === "expr")) {
        note("unknown", owner, `${what} count ${c.text} is unknown at synth time; the ${what}es per ENI and the security groups' capacity were not checked for it.`, "Give the count as a number.");
      }
      return out;
    };

    const phase5 = () => {
      // --- instances ---
      for (const r of ofType(["alicloud_instance"])) {
        const intent = intentOf(r);
        const owner = ownerPath(r, intent);
        const vswitch = vswitchOf(val(r.values.vswitch_id ?? r.values.subnet_id), r.module, owner);
        const f: InstanceFact = {
          kind: "instance",
          path: owner,
          stack,
          imported: false,
          instanceType: stringOf(val(r.values.instance_type)) ?? unknown("(instance_type not set)"),
          vswitch,
          securityGroups: groupsOf(r.values.security_groups, r.module, owner),
          primaryIp: slot(owner, roleAt(intent, "private_ip", 0, "primary"), vswitch, val(r.values.private_ip), true),
          secondaryIps: secondarySlots(owner, intent, vswitch, "secondary_private_ips", r.values.secondary_private_ips, r.values.secondary_private_ip_address_count),
          existingEniCount: 1,
        };
        const ipv6Ips = extraSlots(owner, vswitch, "ipv6", r.values.ipv6_addresses, r.values.ipv6_address_count);
        if (ipv6Ips.length > 0) Object.assign(f, { ipv6Ips });
        instances.push(f);
        local.set(`${r.module}${r.address}`, f);
      }

      // --- ENIs ---
      for (const r of ofType(["alicloud_ecs_network_interface", "alicloud_network_interface"])) {
        const intent = intentOf(r);
        const owner = ownerPath(r, intent);
        const vswitch = vswitchOf(val(r.values.vswitch_id), r.module, owner);
        const sdc = r.values.source_dest_check;
        const f: EniFact = {
          kind: "eni",
          path: owner,
          stack,
          imported: false,
          vswitch,
          securityGroups: groupsOf(r.values.security_group_ids ?? r.values.security_groups, r.module, owner),
          primaryIp: slot(owner, roleAt(intent, "primary_ip_address", 0, "primary"), vswitch, val(r.values.primary_ip_address ?? r.values.private_ip), true)!,
          secondaryIps: secondarySlots(
            owner,
            intent,
            vswitch,
            "private_ip_addresses",
            r.values.private_ip_addresses ?? r.values.private_ips,
            r.values.secondary_private_ip_address_count ?? r.values.private_ips_count,
          ),
          attachments: [],
          management: intent?.management ?? false,
          sourceDestCheck: typeof sdc === "boolean" ? sdc : undefined,
          sourceDestCheckReason: intent?.sourceDestCheckReason,
        };
        // Optional fields by assignment, not spreads (tens of thousands of ENIs).
        if (intent?.plane !== undefined) Object.assign(f, { plane: intent.plane });
        if (typeof r.values.delete_on_release === "boolean") Object.assign(f, { deleteOnRelease: r.values.delete_on_release });
        const ipv6Ips = extraSlots(owner, vswitch, "ipv6", r.values.ipv6_addresses, r.values.ipv6_address_count);
        if (ipv6Ips.length > 0) Object.assign(f, { ipv6Ips });
        const ipv4Prefixes = extraSlots(owner, vswitch, "prefix", r.values.ipv4_prefixes, r.values.ipv4_prefix_count);
        if (ipv4Prefixes.length > 0) Object.assign(f, { ipv4Prefixes });
        enis.push(f);
        local.set(`${r.module}${r.address}`, f);
      }
    };
    const phase6 = () => {
      // --- the instance or ENI a reference names ---
      const instanceOf = (v: Value, module: string): InstanceFact | undefined => {
        if (v.kind === "ref") {
          const f = lookup(v.ref, module);
          return f?.kind === "instance" ? f : undefined;
        }
        if (v.kind === "literal" && typeof v.value === "string") return byImportedId(v.value, "instance", stack);
        return undefined;
      };
      const targetOf = (v: Value, module: string): EniFact | InstanceFact | undefined => {
        if (v.kind === "ref") {
          const f = lookup(v.ref, module);
          if (f?.kind === "eni") return f;
          if (f?.kind === "instance") return f; // `.id` (EcsInstance type) or `.network_interface_id` (its primary ENI)
          return undefined;
        }
        // An id: an instance's primary ENI, an imported ENI (its id as given, a token's text too), or an imported instance.
        if (v.kind === "literal" && typeof v.value === "string") return primaryEniOf.get(v.value) ?? byImportedId(v.value, "eni", stack) ?? byImportedId(v.value, "instance", stack);
        if (v.kind === "expr") return byImportedId(v.text, "eni", stack);
        return undefined;
      };

      const instanceByOwner = new Map<string, InstanceFact>();
      for (const f of instances) if (f.stack === stack || f.imported) instanceByOwner.set(f.path, f);

      // --- ENI attachments ---
      for (const r of ofType(["alicloud_ecs_network_interface_attachment", "alicloud_network_interface_attachment"])) {
        const e = val(r.values.network_interface_id);
        const eni =
          e.kind === "ref"
            ? lookup(e.ref, r.module)
            : e.kind === "literal" && typeof e.value === "string"
              ? byImportedId(e.value, "eni", stack)
              : e.kind === "expr"
                ? byImportedId(e.text, "eni", stack) // an imported ENI whose id is a token (a variable)
                : undefined;
        if (eni?.kind !== "eni") {
          const text = e.kind === "literal" ? String(e.value) : e.kind === "ref" || e.kind === "expr" ? e.text : "(not set)";
          note(
            "unknown",
            r.path,
            `attachment of ENI ${text}: the ENI is not in the program, so this attachment was not checked.`,
            "Attach ENIs of the program, or import the existing ENI with NetworkInterface.fromNetworkInterfaceAttributes.",
          );
          continue;
        }
        const i = val(r.values.instance_id);
        let candidates: InstanceFact[] = [];
        let switchable = false;
        const one = instanceOf(i, r.module);
        const said = intentOf(r)?.candidates;
        if (said) {
          candidates = said.map((p) => instanceByOwner.get(p)).filter((x): x is InstanceFact => x !== undefined);
          switchable = intentOf(r)?.switchable ?? false;
        } else if (one) candidates = [one];
        else if (i.kind === "expr") {
          const seen = new Set<InstanceFact>();
          for (const ref of i.refs) {
            const f = lookup(ref, r.module);
            if (f?.kind === "instance" && !seen.has(f)) seen.add(f);
          }
          candidates = [...seen];
          switchable = candidates.length > 0 && /\bvar\./.test(i.text);
        }
        if (candidates.length === 0) {
          const text = i.kind === "literal" ? String(i.value) : i.kind === "ref" || i.kind === "expr" ? i.text : "(not set)";
          note(
            "unknown",
            eni.path,
            `attachment ${r.path}: instance ${text} is not known to the planner, so ENIs per instance, zone and VPC were not checked for it.`,
            "Attach to an instance of the program, or import it with EcsInstance.fromEcsInstanceAttributes.",
          );
          continue;
        }
        const dependsOn = (Array.isArray(r.values.depends_on) ? r.values.depends_on : [])
          .map((d) => (typeof d === "string" ? pathByAddress.get(`${r.module}${d.replace(/^\$\{(.*)\}$/, "$1")}`) : undefined))
          .filter((d): d is string => d !== undefined);
        // The candidate active at synth: the only one, or the one the intent names (a failover variable's default).
        const activeOwner = intentOf(r)?.active;
        const active = activeOwner !== undefined ? candidates.find((c) => c.path === activeOwner) : candidates.length === 1 && !switchable ? candidates[0] : undefined;
        const chosenBy = intentOf(r)?.activeChosenBy;
        const selector = intentOf(r)?.selector;
        const a: AttachmentFact = { path: r.path, candidates, switchable };
        // Optional fields by assignment, not spreads (an attachment per ENI).
        if (dependsOn.length) Object.assign(a, { dependsOn });
        if (active) Object.assign(a, { active });
        if (chosenBy) Object.assign(a, { activeChosenBy: chosenBy });
        if (selector) Object.assign(a, { selector });
        eni.attachments.push(a);
      }

      // --- HaVips ---
      runImports("havip");
      for (const r of ofType(["alicloud_havip", "alicloud_vpc_ha_vip"])) {
        const intent = intentOf(r);
        const owner = ownerPath(r, intent);
        const vswitch = vswitchOf(val(r.values.vswitch_id), r.module, owner);
        const f: HaVipFact = {
          kind: "havip",
          path: owner,
          stack,
          imported: false,
          vswitch,
          ip: slot(owner, roleAt(intent, "ip_address", 0, "vip"), vswitch, val(r.values.ip_address), true)!,
          attachedTo: [],
          unreachableStandbys: [],
        };
        havips.push(f);
        local.set(`${r.module}${r.address}`, f);
      }
      // ENIs and instances by path, for HaVip standbys: made only when a HaVip names one.
      let owners: Map<string, EniFact | InstanceFact> | undefined;
      const ownerIndex = (): Map<string, EniFact | InstanceFact> => {
        if (owners) return owners;
        owners = new Map();
        for (const f of local.values()) if (f.kind === "eni" || f.kind === "instance") owners.set(f.path, f);
        for (const f of instances) if (f.stack === stack && f.imported) owners.set(f.path, f);
        for (const f of enis) if (f.stack === stack && f.imported) owners.set(f.path, f);
        return owners;
      };
      for (const r of ofType(["alicloud_havip", "alicloud_vpc_ha_vip"])) {
        const f = local.get(`${r.module}${r.address}`) as HaVipFact;
        for (const s of intentOf(r)?.standbys ?? []) {
          const t = ownerIndex().get(s);
          if (t) f.unreachableStandbys.push(t);
        }
      }
      for (const imp of imports) {
        if (imp.kind !== "havip" || !imp.standbys) continue;
        const f = havips.find((h) => h.path === imp.path && h.stack === stack);
        for (const s of imp.standbys) {
          const t = ownerIndex().get(s);
          if (f && t) f.unreachableStandbys.push(t);
        }
      }
      for (const r of ofType(["alicloud_havip_attachment"])) {
        const h = val(r.values.havip_id ?? r.values.ha_vip_id);
        const havip = h.kind === "ref" ? lookup(h.ref, r.module) : h.kind === "literal" && typeof h.value === "string" ? importedHaVips.get(h.value) : undefined;
        if (havip?.kind !== "havip") continue;
        const target = targetOf(val(r.values.instance_id), r.module);
        if (target) havip.attachedTo.push(target);
        else
          note(
            "unknown",
            havip.path,
            `HaVip attachment ${r.path}: its member is not an ENI or instance of the program, so membership rules were not checked for it.`,
            "Attach HaVips to ENIs or instances of the program.",
          );
      }

      // --- EIPs (after the HaVips: an EIP may be associated with one) ---
      for (const r of ofType(["alicloud_eip_address", "alicloud_eip"])) local.set(`${r.module}${r.address}`, { kind: "eip-address", path: ownerPath(r, intentOf(r)) });
      for (const r of ofType(["alicloud_eip_association"])) {
        const alloc = val(r.values.allocation_id);
        const address = alloc.kind === "ref" ? lookup(alloc.ref, r.module) : undefined;
        const path = address?.kind === "eip-address" ? address.path : ownerPath(r, intentOf(r));
        // An allocation id that is no EIP of the configuration names an existing EIP (Eip.fromEipAttributes).
        const imported = address?.kind !== "eip-address" && alloc.kind === "literal";
        const i = val(r.values.instance_id);
        const type = r.values.instance_type;
        const m = r.values.mode;
        const mode: EipFact["mode"] = m === "BINDED" || m === "MULTI_BINDED" ? m : "NAT";
        if (type === "HaVip") {
          const h = i.kind === "ref" ? lookup(i.ref, r.module) : i.kind === "literal" && typeof i.value === "string" ? importedHaVips.get(i.value) : undefined;
          if (h?.kind === "havip") eips.push({ kind: "eip", path, stack, imported, target: h, privateIp: undefined, mode: "NAT", associationPath: r.path });
          else {
            const text = i.kind === "literal" ? String(i.value) : i.kind === "ref" || i.kind === "expr" ? i.text : "(not set)";
            note(
              "unknown",
              path,
              `EIP association target HaVip ${text} is not a HaVip of the program, so one-EIP-per-HaVip was not checked for it.`,
              "Associate EIPs with HaVips of the program, or import the HaVip with HaVip.fromHaVipAttributes.",
            );
          }
          continue;
        }
        const target = targetOf(i, r.module);
        if (!target) {
          if (type === undefined || type === "NetworkInterface" || type === "EcsInstance") {
            const text = i.kind === "literal" ? String(i.value) : i.kind === "ref" || i.kind === "expr" ? i.text : "(not set)";
            note(
              "unknown",
              path,
              `EIP association target ${text} is not an ENI or instance of the program, so one-EIP-per-IP was not checked for it.`,
              "Associate EIPs with ENIs or instances of the program.",
            );
          }
          continue;
        }
        const p = val(r.values.private_ip_address);
        let privateIp: EipFact["privateIp"];
        if (p.kind === "marker" && p.marker.kind === "address") {
          const key = p.marker.key;
          const own = [...(target.primaryIp ? [target.primaryIp] : []), ...target.secondaryIps].find((s) => s.key === key);
          privateIp = own ?? { key, role: key.slice(key.lastIndexOf("#") + 1), vswitch: target.vswitch };
        } else if (p.kind === "literal") privateIp = String(p.value);
        else if (p.kind === "ref" || p.kind === "expr") privateIp = unknown(p.text);
        else privateIp = target.primaryIp;
        eips.push({ kind: "eip", path, stack, imported, target, privateIp, mode, associationPath: r.path });
      }

      // --- providers ---
      for (const p of config.providers) {
        const region = val(p.values.region);
        const literal = ["access_key", "secret_key", "security_token"].filter((k) => {
          const v = p.values[k];
          return typeof v === "string" && v !== "" && !v.includes("${");
        });
        providers.push({
          kind: "provider",
          path: p.path,
          stack,
          imported: false,
          alias: typeof p.values.alias === "string" ? p.values.alias : undefined,
          region: region.kind === "absent" ? undefined : stringOf(region),
          literalCredentials: literal,
        });
      }
    };
    return [phase1, phase2, phase3, phase4, phase5, phase6];
  });
  // Phase by phase across every configuration, so a stack may refer to another stack's resources.
  for (let i = 0; i < 6; i++) for (const p of phases) p[i]();

  for (const list of [vpcs, vswitches, securityGroups, instances, enis, eips, havips, providers] as { path: string }[][]) list.sort(byPath);
  return {
    model: { stacks: configs.map((c) => c.stack).sort(compareStrings), vpcs, vswitches, securityGroups, instances, enis, eips, havips, providers, notes },
    suppressions,
  };
}
