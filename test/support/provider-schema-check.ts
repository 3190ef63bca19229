/**
 * Mechanical check of a synthesized cdktf stack (`cdk.tf.json` shape) against the pinned
 * alicloud provider schema (`provider-schema/alicloud-provider-schema.json`), plus the rules
 * the JSON cannot express (`provider-schema-conflicts.ts`: ConflictsWith, ExactlyOneOf,
 * AtLeastOneOf, allowed values, ranges, runtime checks).
 *
 * It catches what `terraform validate` would (unknown types/fields, missing required fields,
 * computed-only or deprecated fields, wrong value kinds, block shapes and counts) without
 * needing the provider binary, and what the provider would reject at plan/apply.
 *
 * A string containing a Terraform interpolation (`${...}`) is an unknown value: it fits any
 * type and value checks (allowed values, ranges, patterns) skip it. It still counts as "set"
 * for ConflictsWith / ExactlyOneOf / AtLeastOneOf (the library chose to emit the field).
 */
import * as fs from "fs";
import * as path from "path";
import { PROVIDER_FQPN, PROVIDER_SCHEMA_VERSION } from "../../src/provider-constraint";
import { DATA_SOURCE_RULES, PROVIDER_RULES, RESOURCE_RULES, type RuleContext, type TypeRules } from "./provider-schema-conflicts";

// ---------------------------------------------------------------------------------------------
// Schema types (the shape `terraform providers schema -json` prints)
// ---------------------------------------------------------------------------------------------

/** A Terraform type in schema JSON: `"string"`, `["list","string"]`, `["object",{...}]`, ... */
export type SchemaType = string | readonly unknown[];

/** One attribute of a block. */
export interface SchemaAttribute {
  readonly type?: SchemaType;
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly deprecated?: boolean;
  readonly sensitive?: boolean;
  readonly description?: string;
  readonly description_kind?: string;
}

/** A nested block type of a block. */
export interface SchemaBlockType {
  readonly nesting_mode: "single" | "group" | "list" | "set" | "map";
  readonly min_items?: number;
  readonly max_items?: number;
  readonly block: SchemaBlock;
}

/** A block: attributes and nested block types. */
export interface SchemaBlock {
  readonly attributes?: Readonly<Record<string, SchemaAttribute>>;
  readonly block_types?: Readonly<Record<string, SchemaBlockType>>;
  readonly description?: string;
  readonly description_kind?: string;
  readonly deprecated?: boolean;
}

/** The schema of a provider, a resource or a data source. */
export interface SchemaEntry {
  readonly version?: number;
  readonly block: SchemaBlock;
}

/** One provider in `provider_schemas`. */
export interface ProviderSchema {
  readonly provider: SchemaEntry;
  readonly resource_schemas?: Readonly<Record<string, SchemaEntry>>;
  readonly data_source_schemas?: Readonly<Record<string, SchemaEntry>>;
}

/** Output of `terraform providers schema -json`. */
export interface ProviderSchemaJson {
  readonly format_version?: string;
  readonly provider_schemas: Readonly<Record<string, ProviderSchema>>;
}

/** One problem found in the config. */
export interface SchemaViolation {
  /** Where: e.g. `resource.alicloud_instance.web.secondary_private_ips`, `provider.alicloud[0].region`. */
  readonly path: string;
  /** What is wrong, what was expected, and what to do. */
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** Path of the pinned schema, relative to the repository root. */
export const PINNED_SCHEMA_FILE = "provider-schema/alicloud-provider-schema.json";

/**
 * `required_providers.alicloud.source` values accepted. Terraform treats both spellings as the same
 * address; `aliyun/alicloud` is the canonical one (notes: "Use aliyun/alicloud", not `hashicorp/alicloud`).
 */
export const ACCEPTED_PROVIDER_SOURCES: readonly string[] = ["aliyun/alicloud", "registry.terraform.io/aliyun/alicloud"];

const ROOT_PATH = "(root)";

const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(["//", "terraform", "provider", "resource", "data", "output", "variable", "locals", "module", "moved", "import", "check", "removed"]);

/** Meta-arguments allowed at the top of a `resource` body. */
const RESOURCE_META: ReadonlySet<string> = new Set(["count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"]);
/** Meta-arguments allowed at the top of a `data` body. */
const DATA_META: ReadonlySet<string> = new Set(["count", "for_each", "depends_on", "provider", "lifecycle"]);
/** Meta-arguments allowed in a `provider` block. */
const PROVIDER_META: ReadonlySet<string> = new Set(["alias", "version"]);
const NO_META: ReadonlySet<string> = new Set();

/** Types served by Terraform itself (`terraform.io/builtin/terraform`), not by a provider schema. */
const BUILTIN_RESOURCES: ReadonlySet<string> = new Set(["terraform_data"]);
const BUILTIN_DATA_SOURCES: ReadonlySet<string> = new Set(["terraform_remote_state"]);

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

let pinnedSchema: ProviderSchemaJson | undefined;

/** The pinned schema, read once from `provider-schema/alicloud-provider-schema.json`. */
export function loadPinnedSchema(): ProviderSchemaJson {
  if (!pinnedSchema) {
    const file = path.resolve(__dirname, "..", "..", PINNED_SCHEMA_FILE);
    pinnedSchema = JSON.parse(fs.readFileSync(file, "utf8")) as ProviderSchemaJson;
  }
  return pinnedSchema;
}

/** True if `value` is a string holding a Terraform interpolation (`${...}`; `$${` is an escape). */
export function isInterpolation(value: unknown): boolean {
  return typeof value === "string" && /(^|[^$])\$\{/.test(value);
}

/**
 * Checks a synthesized stack (the parsed `cdk.tf.json`, or its JSON text) against `schema`
 * (default: the pinned alicloud schema) and the rules in `provider-schema-conflicts.ts`.
 * Returns every violation, in a deterministic order; an empty array means the config conforms.
 */
export function checkTerraformJson(config: unknown, schema?: ProviderSchemaJson): SchemaViolation[] {
  const providerSchema = (schema ?? loadPinnedSchema()).provider_schemas[PROVIDER_FQPN];
  if (!providerSchema) {
    throw new Error(`checkTerraformJson: the schema has no provider_schemas["${PROVIDER_FQPN}"]. ` + `Pass the output of \`terraform providers schema -json\` for aliyun/alicloud.`);
  }
  let parsed = config;
  if (typeof config === "string") {
    try {
      parsed = JSON.parse(config);
    } catch (err) {
      return [{ path: ROOT_PATH, message: `the config string is not valid JSON: ${(err as Error).message}` }];
    }
  }
  return new Checker(providerSchema).run(parsed);
}

/** Formats violations as one readable block (one line per violation). */
export function formatViolations(violations: readonly SchemaViolation[]): string {
  const header =
    `Synthesized Terraform JSON does not conform to the alicloud provider schema ` +
    `(aliyun/alicloud ${PROVIDER_SCHEMA_VERSION}, ${PINNED_SCHEMA_FILE}): ` +
    `${violations.length} violation${violations.length === 1 ? "" : "s"}`;
  return [header, ...violations.map((v) => `  - ${v.path}: ${v.message}`)].join("\n");
}

/** Throws one Error listing every violation of `config` against the pinned schema; returns if there are none. */
export function assertConformsToSchema(config: unknown): void {
  const violations = checkTerraformJson(config);
  if (violations.length > 0) {
    throw new Error(formatViolations(violations));
  }
}

// ---------------------------------------------------------------------------------------------
// Implementation
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function sortedKeys(obj: Json): string[] {
  return Object.keys(obj).sort();
}

function join(base: string, key: string): string {
  const segment = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (!base) return segment;
  return segment.startsWith("[") ? `${base}${segment}` : `${base}.${segment}`;
}

function index(base: string, i: number): string {
  return `${base}[${i}]`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array (${value.length} element${value.length === 1 ? "" : "s"})`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    const s = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `the string ${JSON.stringify(s)}`;
  }
  return `the ${typeof value} ${String(value)}`;
}

function typeName(type: SchemaType | unknown): string {
  if (typeof type === "string") return type;
  if (Array.isArray(type)) {
    const [kind, inner] = type as [string, unknown];
    if (kind === "object" && isPlainObject(inner)) {
      return `object({${sortedKeys(inner)
        .map((k) => `${k}=${typeName(inner[k])}`)
        .join(", ")}})`;
    }
    if (kind === "tuple" && Array.isArray(inner)) return `tuple([${inner.map(typeName).join(", ")}])`;
    return `${kind}(${typeName(inner)})`;
  }
  return "unknown";
}

function quoteList(names: readonly (string | number)[]): string {
  return names.map((n) => JSON.stringify(n)).join(", ");
}

class Checker {
  private readonly out: SchemaViolation[] = [];
  private config: Json = {};
  private readonly aliases = new Set<string>();

  constructor(private readonly schema: ProviderSchema) {}

  run(config: unknown): SchemaViolation[] {
    if (!isPlainObject(config)) {
      this.add(ROOT_PATH, `expected the synthesized Terraform JSON object, got ${describe(config)}.`);
      return this.out;
    }
    this.config = config;
    for (const key of sortedKeys(config)) {
      if (!TOP_LEVEL_KEYS.has(key)) {
        this.add(join("", key), `unknown top-level key ${JSON.stringify(key)}; Terraform JSON allows ${quoteList([...TOP_LEVEL_KEYS])}.`);
      }
    }
    this.checkRequiredProviders();
    this.checkProviders();
    this.checkSection("resource");
    this.checkSection("data");
    return this.out;
  }

  private add(p: string, message: string): void {
    this.out.push({ path: p, message });
  }

  private ruleContext(): RuleContext {
    return { config: this.config, isInterpolation };
  }

  // --- terraform.required_providers ---------------------------------------------------------

  private checkRequiredProviders(): void {
    const p = "terraform.required_providers.alicloud";
    const tf = this.config.terraform;
    const rp = isPlainObject(tf) && isPlainObject(tf.required_providers) ? tf.required_providers.alicloud : undefined;
    if (!isSet(rp)) {
      this.add(
        p,
        `missing: the stack must pin the provider with required_providers.alicloud = ` +
          `{ source = "aliyun/alicloud", version = "<constraint>" }. Create the provider through the generated ` +
          `AlicloudProvider class (it writes this block).`,
      );
      return;
    }
    if (!isPlainObject(rp)) {
      this.add(p, `expected an object { source, version }, got ${describe(rp)}. The legacy version-only form does not say ` + `which registry namespace to use; set source = "aliyun/alicloud".`);
      return;
    }
    const source = rp.source;
    if (typeof source !== "string") {
      this.add(join(p, "source"), `missing: set source = "aliyun/alicloud" (without it Terraform assumes hashicorp/alicloud).`);
    } else if (!ACCEPTED_PROVIDER_SOURCES.includes(source.toLowerCase())) {
      this.add(join(p, "source"), `${describe(source)} is not the alicloud provider this library targets; expected "aliyun/alicloud".`);
    }
    const version = rp.version;
    if (typeof version !== "string" || version.trim() === "") {
      this.add(
        join(p, "version"),
        `missing: set a version constraint (e.g. "~> ${PROVIDER_SCHEMA_VERSION.split(".").slice(0, 2).join(".")}") ` +
          `so Terraform installs a provider matching the pinned schema ${PROVIDER_SCHEMA_VERSION}.`,
      );
      return;
    }
    const clauses = parseVersionConstraint(version);
    if (!clauses) {
      this.add(join(p, "version"), `${describe(version)} is not a Terraform version constraint (e.g. "~> 1.283", ">= 1.283.0, < 2.0.0").`);
    } else if (!clauses.every((c) => c.admits(PROVIDER_SCHEMA_VERSION))) {
      this.add(
        join(p, "version"),
        `${describe(version)} does not admit ${PROVIDER_SCHEMA_VERSION}, the provider version whose schema the bindings ` +
          `were generated from. Widen the constraint, or pin and regenerate the schema (npm run gen:provider).`,
      );
    }
  }

  // --- provider blocks ------------------------------------------------------------------------

  private checkProviders(): void {
    const providers = this.config.provider;
    if (providers === undefined) return;
    if (!isPlainObject(providers)) {
      this.add("provider", `expected an object of provider configurations, got ${describe(providers)}.`);
      return;
    }
    const configs = providers.alicloud;
    if (configs === undefined) return;
    const entries: Array<[unknown, string]> = Array.isArray(configs) ? configs.map((c, i) => [c, index("provider.alicloud", i)] as [unknown, string]) : [[configs, "provider.alicloud"]];
    let defaults = 0;
    for (const [body, p] of entries) {
      if (!isPlainObject(body)) {
        this.add(p, `expected a provider configuration object, got ${describe(body)}.`);
        continue;
      }
      this.checkBlock(body, this.schema.provider.block, p, PROVIDER_META, "the alicloud provider", PROVIDER_RULES);
      this.applyRules(body, PROVIDER_RULES, p, "the alicloud provider");
      const alias = body.alias;
      if (alias === undefined || alias === null) {
        defaults += 1;
        if (defaults > 1) {
          this.add(p, `a second alicloud provider configuration without alias; Terraform allows one default. Give it an alias.`);
        }
      } else if (typeof alias !== "string") {
        this.add(join(p, "alias"), `expected a string alias, got ${describe(alias)}.`);
      } else if (this.aliases.has(alias)) {
        this.add(join(p, "alias"), `duplicate provider configuration alicloud.${alias}; aliases must be unique.`);
      } else {
        this.aliases.add(alias);
      }
    }
  }

  // --- resource / data ------------------------------------------------------------------------

  private checkSection(section: "resource" | "data"): void {
    const byType = this.config[section];
    if (byType === undefined) return;
    if (!isPlainObject(byType)) {
      this.add(section, `expected an object keyed by ${section} type, got ${describe(byType)}.`);
      return;
    }
    const schemas = (section === "resource" ? this.schema.resource_schemas : this.schema.data_source_schemas) ?? {};
    const builtins = section === "resource" ? BUILTIN_RESOURCES : BUILTIN_DATA_SOURCES;
    const meta = section === "resource" ? RESOURCE_META : DATA_META;
    const rulesByType = section === "resource" ? RESOURCE_RULES : DATA_SOURCE_RULES;
    for (const type of sortedKeys(byType)) {
      if (type === "//") continue;
      const typePath = join(section, type);
      const byName = byType[type];
      if (!isPlainObject(byName)) {
        this.add(typePath, `expected an object keyed by ${section} name, got ${describe(byName)}.`);
        continue;
      }
      if (builtins.has(type)) continue;
      const entry = schemas[type];
      if (!entry) {
        this.add(
          typePath,
          `${section === "resource" ? "resource" : "data source"} type ${JSON.stringify(type)} is not in the pinned ` +
            `alicloud provider schema (${PROVIDER_SCHEMA_VERSION}); known: ${Object.keys(schemas).sort().join(", ")}. ` +
            `Add it to ${PINNED_SCHEMA_FILE} and regenerate, or fix the type name.`,
        );
        continue;
      }
      const rules = rulesByType[type];
      for (const name of sortedKeys(byName)) {
        if (name === "//") continue;
        const p = join(typePath, name);
        const body = byName[name];
        if (!isPlainObject(body)) {
          this.add(p, `expected a ${section} body object, got ${describe(body)}.`);
          continue;
        }
        this.checkBlock(body, entry.block, p, meta, type, rules);
        this.checkMetaArguments(body, p);
        if (rules) this.applyRules(body, rules, p, type);
      }
    }
  }

  private checkMetaArguments(body: Json, p: string): void {
    const count = body.count;
    if (isSet(count) && !isInterpolation(count) && !(typeof count === "number" && Number.isInteger(count) && count >= 0)) {
      this.add(join(p, "count"), `expected a whole number >= 0 or an interpolation, got ${describe(count)}.`);
    }
    const forEach = body.for_each;
    if (isSet(forEach) && !isInterpolation(forEach) && !isPlainObject(forEach)) {
      this.add(join(p, "for_each"), `expected a map or a set of strings (an object, or an interpolation such as "\${toset(var.x)}"), got ${describe(forEach)}.`);
    }
    if (isSet(count) && isSet(forEach)) {
      this.add(p, `count and for_each are both set; Terraform allows only one of them.`);
    }
    const dependsOn = body.depends_on;
    if (isSet(dependsOn) && !(Array.isArray(dependsOn) && dependsOn.every((d) => typeof d === "string"))) {
      this.add(join(p, "depends_on"), `expected an array of resource addresses (strings), got ${describe(dependsOn)}.`);
    }
    const provider = body.provider;
    if (isSet(provider)) {
      if (typeof provider !== "string") {
        this.add(join(p, "provider"), `expected a provider reference string such as "alicloud.bj", got ${describe(provider)}.`);
      } else if (provider.startsWith("alicloud.")) {
        const alias = provider.slice("alicloud.".length);
        if (!this.aliases.has(alias)) {
          this.add(
            join(p, "provider"),
            `${describe(provider)} refers to no provider "alicloud" block with alias ${JSON.stringify(alias)}; ` +
              `declared aliases: ${this.aliases.size ? [...this.aliases].sort().join(", ") : "none"}.`,
          );
        }
      }
    }
    const lifecycle = body.lifecycle;
    if (isSet(lifecycle) && !isPlainObject(lifecycle)) {
      this.add(join(p, "lifecycle"), `expected an object, got ${describe(lifecycle)}.`);
    }
  }

  // --- blocks ---------------------------------------------------------------------------------

  /** Checks keys, attributes, nested blocks and required fields of `body` against `block`. */
  private checkBlock(body: Json, block: SchemaBlock, p: string, meta: ReadonlySet<string>, owner: string, rules: TypeRules | undefined): void {
    const attributes = block.attributes ?? {};
    const blockTypes = block.block_types ?? {};
    const dynamicNames = new Set<string>();
    for (const key of sortedKeys(body)) {
      if (key === "//" || meta.has(key)) continue;
      const value = body[key];
      const kp = join(p, key);
      const attr = Object.prototype.hasOwnProperty.call(attributes, key) ? attributes[key] : undefined;
      const blockType = Object.prototype.hasOwnProperty.call(blockTypes, key) ? blockTypes[key] : undefined;
      if (attr) {
        this.checkAttribute(value, attr, kp, key, owner, rules);
      } else if (blockType) {
        this.checkBlockType(value, blockType, kp, key, owner);
      } else if (key === "dynamic" && Object.keys(blockTypes).length > 0) {
        this.checkDynamic(value, blockTypes, kp, owner, dynamicNames);
      } else if (key === "timeouts") {
        this.add(kp, `${owner} has no timeouts block in the pinned schema (its Go resource sets no Timeouts). Remove it.`);
      } else {
        const known = [...Object.keys(attributes), ...Object.keys(blockTypes)].sort();
        this.add(kp, `unknown attribute or block ${JSON.stringify(key)} on ${owner} (not in the pinned schema ${PROVIDER_SCHEMA_VERSION}); ` + `known: ${known.join(", ")}.`);
      }
    }
    for (const name of Object.keys(attributes).sort()) {
      if (attributes[name].required && !isSet(body[name])) {
        this.add(join(p, name), `missing required attribute ${JSON.stringify(name)} on ${owner}.`);
      }
    }
    for (const name of Object.keys(blockTypes).sort()) {
      const bt = blockTypes[name];
      if ((bt.min_items ?? 0) >= 1 && !isSet(body[name]) && !dynamicNames.has(name)) {
        this.add(join(p, name), `missing required block ${JSON.stringify(name)} on ${owner} (min_items ${bt.min_items}).`);
      }
    }
  }

  private checkAttribute(value: unknown, attr: SchemaAttribute, p: string, name: string, owner: string, rules: TypeRules | undefined): void {
    if (value === null || value === undefined) return;
    if (attr.computed && !attr.optional && !attr.required) {
      this.add(p, `${JSON.stringify(name)} is computed-only on ${owner}: the provider sets it and configuration must not. ` + `Remove it and read it as an attribute reference instead.`);
      return;
    }
    if (attr.deprecated) {
      const instead = rules?.replacements?.[name];
      this.add(p, `${JSON.stringify(name)} is deprecated on ${owner} in the pinned schema${instead ? `; use ${instead} instead` : "; remove it"}.`);
    }
    this.checkValue(value, attr.type, p);
  }

  private checkBlockType(value: unknown, bt: SchemaBlockType, p: string, name: string, owner: string): void {
    if (value === null || value === undefined) return;
    const nestedOwner = `${owner}.${name}`;
    if (typeof value !== "object") {
      this.add(
        p,
        `block ${JSON.stringify(name)} is given as ${describe(value)}; in Terraform JSON a block must be an object ` +
          `or an array of objects. For computed content use a dynamic block (TerraformIterator.dynamic).`,
      );
      return;
    }
    let count: number;
    const mode = bt.nesting_mode;
    if (mode === "single" || mode === "group") {
      if (Array.isArray(value)) {
        this.add(p, `block ${JSON.stringify(name)} has nesting "${mode}": expected one object, got ${describe(value)}.`);
        value.forEach((el, i) => this.checkBlockElement(el, bt.block, index(p, i), nestedOwner));
        count = value.length;
      } else {
        this.checkBlock(value as Json, bt.block, p, NO_META, nestedOwner, undefined);
        count = 1;
      }
    } else if (mode === "map") {
      if (!isPlainObject(value)) {
        this.add(p, `block ${JSON.stringify(name)} has nesting "map": expected an object keyed by label, got ${describe(value)}.`);
        return;
      }
      for (const label of sortedKeys(value)) this.checkBlockElement(value[label], bt.block, join(p, label), nestedOwner);
      count = Object.keys(value).length;
    } else {
      // list / set. cdktf 0.21's generated toTerraform emits a max_items=1 block as one object
      // (e.g. instanceCpuOptionsToTerraform) and any other list/set block as an array (listMapper).
      const singleObject = bt.max_items === 1;
      if (singleObject) {
        if (Array.isArray(value)) {
          this.add(
            p,
            `block ${JSON.stringify(name)} (nesting "${mode}", max_items 1) is given as ${describe(value)}; ` + `the cdktf 0.21 bindings emit it as a single object. Pass one object, not an array.`,
          );
          value.forEach((el, i) => this.checkBlockElement(el, bt.block, index(p, i), nestedOwner));
          count = value.length;
        } else {
          this.checkBlock(value as Json, bt.block, p, NO_META, nestedOwner, undefined);
          count = 1;
        }
      } else if (!Array.isArray(value)) {
        this.add(
          p,
          `block ${JSON.stringify(name)} (nesting "${mode}"${bt.max_items ? `, max_items ${bt.max_items}` : ""}) is given as ` +
            `${describe(value)}; the cdktf 0.21 bindings emit it as an array of objects.`,
        );
        this.checkBlock(value as Json, bt.block, p, NO_META, nestedOwner, undefined);
        count = 1;
      } else {
        value.forEach((el, i) => this.checkBlockElement(el, bt.block, index(p, i), nestedOwner));
        count = value.length;
      }
    }
    if (bt.min_items !== undefined && bt.min_items > 0 && count < bt.min_items) {
      this.add(p, `block ${JSON.stringify(name)} needs at least ${bt.min_items} element(s), got ${count}.`);
    }
    if (bt.max_items !== undefined && bt.max_items > 0 && count > bt.max_items) {
      this.add(p, `block ${JSON.stringify(name)} allows at most ${bt.max_items} element(s), got ${count}.`);
    }
  }

  private checkBlockElement(el: unknown, block: SchemaBlock, p: string, owner: string): void {
    if (!isPlainObject(el)) {
      this.add(p, `expected a block object, got ${describe(el)}.`);
      return;
    }
    this.checkBlock(el, block, p, NO_META, owner, undefined);
  }

  /** `dynamic: { <block>: { for_each, iterator?, labels?, content } }` as cdktf emits for TerraformIterator.dynamic. */
  private checkDynamic(value: unknown, blockTypes: Readonly<Record<string, SchemaBlockType>>, p: string, owner: string, names: Set<string>): void {
    if (!isPlainObject(value)) {
      this.add(p, `expected an object keyed by block name, got ${describe(value)}.`);
      return;
    }
    for (const name of sortedKeys(value)) {
      const np = join(p, name);
      const bt = Object.prototype.hasOwnProperty.call(blockTypes, name) ? blockTypes[name] : undefined;
      if (!bt) {
        this.add(np, `dynamic block ${JSON.stringify(name)} is not a block of ${owner}; blocks: ${Object.keys(blockTypes).sort().join(", ")}.`);
        continue;
      }
      names.add(name);
      const spec = value[name];
      if (!isPlainObject(spec)) {
        this.add(np, `expected { for_each, iterator?, content }, got ${describe(spec)}.`);
        continue;
      }
      for (const key of sortedKeys(spec)) {
        if (!["for_each", "iterator", "labels", "content", "//"].includes(key)) {
          this.add(join(np, key), `unknown key in a dynamic block; expected for_each, iterator, labels, content.`);
        }
      }
      if (!isSet(spec.for_each)) this.add(join(np, "for_each"), `missing: a dynamic block needs for_each.`);
      if (!isPlainObject(spec.content)) {
        this.add(join(np, "content"), `expected the block content object, got ${describe(spec.content)}.`);
      } else {
        this.checkBlock(spec.content, bt.block, join(np, "content"), NO_META, `${owner}.${name}`, undefined);
      }
    }
  }

  // --- values ---------------------------------------------------------------------------------

  private checkValue(value: unknown, type: SchemaType | unknown, p: string): void {
    if (type === undefined || value === undefined) return;
    if (isInterpolation(value)) return;
    if (typeof type === "string") {
      switch (type) {
        case "string":
          if (typeof value !== "string") this.add(p, `expected a string, got ${describe(value)}.`);
          return;
        case "number":
          if (typeof value === "string") {
            this.add(p, `expected a number, got ${describe(value)}; write a JSON number (strings are only accepted as "\${...}" interpolations).`);
          } else if (typeof value !== "number" || !Number.isFinite(value)) {
            this.add(p, `expected a number, got ${describe(value)}.`);
          }
          return;
        case "bool":
          if (typeof value !== "boolean") this.add(p, `expected true or false, got ${describe(value)}.`);
          return;
        default:
          return; // "dynamic" or an unknown primitive: anything goes
      }
    }
    if (!Array.isArray(type)) return;
    const [kind, inner] = type as [string, unknown];
    switch (kind) {
      case "list":
      case "set":
        if (!Array.isArray(value)) {
          this.add(p, `expected a ${typeName(type)} (a JSON array), got ${describe(value)}.`);
          return;
        }
        value.forEach((el, i) => {
          if (el === null || el === undefined) this.add(index(p, i), `null element in a ${typeName(type)}.`);
          else this.checkValue(el, inner, index(p, i));
        });
        return;
      case "map":
        if (!isPlainObject(value)) {
          this.add(p, `expected a ${typeName(type)} (a JSON object), got ${describe(value)}.`);
          return;
        }
        for (const k of sortedKeys(value)) {
          if (value[k] === null) this.add(join(p, k), `null value in a ${typeName(type)}.`);
          else this.checkValue(value[k], inner, join(p, k));
        }
        return;
      case "object": {
        if (!isPlainObject(value)) {
          this.add(p, `expected ${typeName(type)}, got ${describe(value)}.`);
          return;
        }
        const attrs = isPlainObject(inner) ? inner : {};
        const optional = new Set(Array.isArray(type[2]) ? (type[2] as string[]) : []);
        for (const k of sortedKeys(value)) {
          if (!(k in attrs)) this.add(join(p, k), `unknown object attribute ${JSON.stringify(k)}; expected ${typeName(type)}.`);
          else this.checkValue(value[k], attrs[k], join(p, k));
        }
        for (const k of sortedKeys(attrs)) {
          if (!(k in value) && !optional.has(k)) this.add(join(p, k), `missing object attribute ${JSON.stringify(k)}.`);
        }
        return;
      }
      case "tuple": {
        const elems = Array.isArray(inner) ? inner : [];
        if (!Array.isArray(value) || value.length !== elems.length) {
          this.add(p, `expected ${typeName(type)}, got ${describe(value)}.`);
          return;
        }
        value.forEach((el, i) => this.checkValue(el, elems[i], index(p, i)));
        return;
      }
      default:
        return;
    }
  }

  // --- rules the JSON cannot express -----------------------------------------------------------

  private applyRules(body: Json, rules: TypeRules, p: string, owner: string): void {
    for (const group of rules.conflicts ?? []) {
      const present = group.filter((a) => isSet(body[a]));
      if (present.length > 1) {
        const [first, ...others] = present;
        this.add(join(p, first), `${JSON.stringify(first)} conflicts with ${quoteList(others)} on ${owner} (ConflictsWith): ` + `set at most one of ${quoteList(group)}.`);
      }
    }
    for (const group of rules.exactlyOneOf ?? []) {
      const present = group.filter((a) => isSet(body[a]));
      if (present.length === 0) {
        this.add(p, `${owner} needs exactly one of ${quoteList(group)} (ExactlyOneOf); none is set. Set ${JSON.stringify(group[0])}.`);
      } else if (present.length > 1) {
        const [first, ...others] = present;
        this.add(join(p, first), `${JSON.stringify(first)} conflicts with ${quoteList(others)} on ${owner} (ExactlyOneOf): set exactly one of ${quoteList(group)}.`);
      }
    }
    for (const group of rules.atLeastOneOf ?? []) {
      if (!group.some((a) => isSet(body[a]))) {
        this.add(p, `${owner} needs at least one of ${quoteList(group)} (AtLeastOneOf); none is set.`);
      }
    }
    for (const [name, allowed] of Object.entries(rules.allowedValues ?? {})) {
      const v = body[name];
      if (!isSet(v) || isInterpolation(v) || typeof v !== typeof allowed[0]) continue; // wrong kinds: checkValue reports
      if (!allowed.includes(v as string | number)) {
        this.add(join(p, name), `${describe(v)} is not allowed for ${JSON.stringify(name)} on ${owner}; expected one of ${quoteList(allowed)}.`);
      }
    }
    for (const [name, [min, max]] of Object.entries(rules.intRanges ?? {})) {
      const v = body[name];
      if (typeof v !== "number") continue; // unset, interpolation, or a wrong kind reported by checkValue
      if (!Number.isInteger(v) || v < min || v > max) {
        this.add(join(p, name), `${describe(v)} is out of range for ${JSON.stringify(name)} on ${owner}; expected a whole number in [${min}, ${max}].`);
      }
    }
    for (const [name, { regex, expected }] of Object.entries(rules.patterns ?? {})) {
      const v = body[name];
      if (typeof v !== "string" || isInterpolation(v)) continue;
      if (!regex.test(v)) this.add(join(p, name), `${describe(v)} is not valid for ${JSON.stringify(name)} on ${owner}; expected ${expected}.`);
    }
    for (const [name, { min, max }] of Object.entries(rules.itemCounts ?? {})) {
      const v = body[name];
      if (!Array.isArray(v)) continue;
      if (min !== undefined && v.length < min) {
        this.add(join(p, name), `${JSON.stringify(name)} on ${owner} needs at least ${min} element(s), got ${v.length}.`);
      }
      if (max !== undefined && v.length > max) {
        this.add(join(p, name), `${JSON.stringify(name)} on ${owner} allows at most ${max} element(s), got ${v.length}.`);
      }
    }
    for (const [name, why] of Object.entries(rules.removed ?? {})) {
      if (isSet(body[name])) {
        this.add(join(p, name), `${JSON.stringify(name)} on ${owner} was ${why}: the provider rejects any value. Remove it.`);
      }
    }
    for (const finding of rules.custom?.(body, this.ruleContext()) ?? []) {
      this.add(finding.attribute ? join(p, finding.attribute) : p, finding.message);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Version constraints (Terraform syntax: comma-separated `[op] version`, op in = != > >= < <= ~>)
// ---------------------------------------------------------------------------------------------

/** One clause of a version constraint. */
export interface Clause {
  admits(version: string): boolean;
}

function parseVersion(v: string): number[] {
  return v.split("-")[0].split(".").map(Number);
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length, 3); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Parses a Terraform version constraint; undefined if any clause is malformed. */
export function parseVersionConstraint(constraint: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (const raw of constraint.split(",")) {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})(-[0-9A-Za-z.-]+)?\s*$/.exec(raw);
    if (!m) return undefined;
    const op = m[1] ?? "=";
    const bound = parseVersion(m[2]);
    clauses.push({
      admits(version: string): boolean {
        const c = compareVersions(parseVersion(version), bound);
        switch (op) {
          case "=":
            return c === 0;
          case "!=":
            return c !== 0;
          case ">":
            return c > 0;
          case ">=":
            return c >= 0;
          case "<":
            return c < 0;
          case "<=":
            return c <= 0;
          default: {
            // ~> x.y.z allows only the rightmost given component to grow; ~> x allows x.*
            const upper = bound.length === 1 ? [bound[0] + 1] : [...bound.slice(0, -2), bound[bound.length - 2] + 1];
            return c >= 0 && compareVersions(parseVersion(version), upper) < 0;
          }
        }
      },
    });
  }
  return clauses;
}
