import { INTENT_KEY, ResourceIntent, StackIntent } from "./intent";

/**
 * A Terraform configuration as the model builder reads it: the resources of the types the rules read,
 * with their attribute values, from a cdktf stack (`cdk.tf.json`), a hand-written `*.tf.json`, or the
 * JSON of a saved plan (`terraform show -json PLANFILE`). Values are literals, `${...}` expressions,
 * or planner markers (only while the planner reads its own app).
 */
export interface TfResource {
  /** Resource type, e.g. alicloud_ecs_network_interface. */
  readonly type: string;
  /** Terraform address, e.g. `alicloud_vswitch.web` or `module.net.alicloud_vswitch.web[0]`. */
  readonly address: string;
  /** Where it comes from, for messages: the construct path (cdktf), else the address. */
  readonly path: string;
  /** Attribute values. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The address prefix of the module it is in (`""` at the root), to resolve its references. */
  readonly module: string;
}

/** One configuration (one cdktf stack, one folder of `*.tf.json`, or one plan). */
export interface TfConfig {
  /** Name: the stack's construct path, or what the file is called. */
  readonly stack: string;
  /** Resources, in a stable order. */
  readonly resources: readonly TfResource[];
  /** The `provider "alicloud"` blocks: their construct path or `provider.alicloud[.alias]`, and values. */
  readonly providers: readonly { readonly path: string; readonly values: Readonly<Record<string, unknown>> }[];
  /** Output values by name (cdktf's cross-stack references go through them). */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Values of variables known for this configuration (a plan's); absent for plain configurations. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** What the constructs added; empty for configurations not made by this library. */
  readonly intent: StackIntent;
}

/** Why a JSON document cannot be read as Terraform. */
export class TerraformJsonError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** True for the JSON of `terraform show -json` (a plan or a state). */
export function isPlanJson(doc: unknown): boolean {
  return isObject(doc) && typeof doc.format_version === "string" && ("planned_values" in doc || "configuration" in doc || "values" in doc);
}

/** True for a Terraform JSON configuration (at least one top-level Terraform block). */
export function isConfigJson(doc: unknown): boolean {
  return isObject(doc) && ["resource", "provider", "terraform", "variable", "data", "output", "module", "locals"].some((k) => k in doc);
}

function intentOf(doc: Json): StackIntent {
  const comment = doc["//"];
  const intent = isObject(comment) ? comment[INTENT_KEY] : undefined;
  return isObject(intent) && intent.version === 1 ? (intent as unknown as StackIntent) : { version: 1 };
}

/** Reads a Terraform JSON configuration (cdk.tf.json, or any `*.tf.json`). Several files of one folder may be passed together. */
export function readConfigJson(docs: readonly unknown[], stack: string): TfConfig {
  const resources: TfResource[] = [];
  const providers: { path: string; values: Json }[] = [];
  const outputs: Record<string, unknown> = {};
  let intent: StackIntent = { version: 1 };
  for (const doc of docs) {
    if (!isConfigJson(doc)) throw new TerraformJsonError("not a Terraform JSON configuration (no resource, provider, terraform or variable block)");
    const d = doc as Json;
    const i = intentOf(d);
    if (i.resources || i.imports || i.suppressions || i.providers) intent = i;
    const res = d.resource;
    if (res !== undefined && !isObject(res)) throw new TerraformJsonError('"resource" is not an object');
    for (const [type, byName] of Object.entries(res ?? {})) {
      if (!isObject(byName)) throw new TerraformJsonError(`resource.${type} is not an object`);
      for (const [name, body] of Object.entries(byName)) {
        const values = Array.isArray(body) ? Object.assign({}, ...body.filter(isObject)) : body;
        if (!isObject(values)) throw new TerraformJsonError(`resource.${type}.${name} is not an object`);
        const meta = isObject(values["//"]) && isObject((values["//"] as Json).metadata) ? ((values["//"] as Json).metadata as Json) : undefined;
        const address = `${type}.${name}`;
        resources.push({ type, address, path: typeof meta?.path === "string" ? meta.path : `${stack}/${address}`, values, module: "" });
      }
    }
    if (isObject(d.output)) for (const [name, o] of Object.entries(d.output)) if (isObject(o)) outputs[name] = o.value;
    const prov = isObject(d.provider) ? d.provider.alicloud : undefined;
    for (const p of Array.isArray(prov) ? prov : prov === undefined ? [] : [prov]) {
      if (!isObject(p)) continue;
      const alias = typeof p.alias === "string" ? `.${p.alias}` : "";
      providers.push({ path: `${stack}/provider.alicloud${alias}`, values: p });
    }
  }
  const named = intent.providers ?? [];
  return {
    stack,
    resources,
    providers: providers.map((p, i) => (named[i] ? { ...p, path: named[i] } : p)),
    outputs,
    variables: {},
    intent,
  };
}

interface PlanModule {
  resources?: { address: string; mode?: string; type: string; name: string; index?: unknown; values?: Json }[];
  child_modules?: PlanModule[];
}
interface ConfigModule {
  resources?: { address: string; mode?: string; type: string; name: string; expressions?: Json }[];
  module_calls?: Record<string, { module?: ConfigModule }>;
  provider_config?: unknown;
}

/** Distinct `type.name.attr` references of a plan expression, as one `${...}` text, or undefined. */
function expressionText(expr: unknown): string | undefined {
  if (!isObject(expr)) return undefined;
  const refs = Array.isArray(expr.references) ? expr.references.filter((r): r is string => typeof r === "string") : [];
  if (refs.length === 0) return undefined;
  const precise = refs.filter((r) => !refs.some((o) => o !== r && o.startsWith(`${r}.`)));
  return `\${${precise.join(" ")}}`;
}

/** A list attribute from plan expressions: one element per referenced resource attribute. */
function listFromExpression(expr: unknown): string[] | undefined {
  if (!isObject(expr) || !Array.isArray(expr.references)) return undefined;
  const refs = (expr.references as unknown[]).filter((r): r is string => typeof r === "string");
  const precise = refs.filter((r) => !refs.some((o) => o !== r && o.startsWith(`${r}.`)));
  return precise.map((r) => `\${${r}}`);
}

/** Addresses of the root module's managed resources a plan was made from: its configuration, else its planned values. */
function planResourceAddresses(d: Json): string[] {
  const configuration = isObject(d.configuration) ? d.configuration : undefined;
  const root = (configuration?.root_module ?? (isObject(d.planned_values) ? d.planned_values.root_module : isObject(d.values) ? d.values.root_module : undefined)) as PlanModule | undefined;
  const out = new Set<string>();
  for (const r of root?.resources ?? []) if (r.mode !== "data" && typeof r.type === "string" && typeof r.name === "string") out.add(`${r.type}.${r.name}`);
  return [...out].sort();
}

/** How a plan's resources differ from a configuration's: empty lists when the plan was made from it. */
export function planConfigurationDifference(doc: unknown, configuration: TfConfig): { readonly onlyInPlan: string[]; readonly onlyInConfiguration: string[] } {
  const plan = new Set(isObject(doc) ? planResourceAddresses(doc) : []);
  const config = new Set(configuration.resources.filter((r) => r.module === "").map((r) => r.address));
  return { onlyInPlan: [...plan].filter((a) => !config.has(a)).sort(), onlyInConfiguration: [...config].filter((a) => !plan.has(a)).sort() };
}

/** An attachment's `instance_id` that one variable selects from a map: `{"key" = value, ...}[var.name]`, as FailoverEni writes it (cdktf's `Fn.lookup`). */
export interface VariableSelection {
  /** The variable's name. */
  readonly variable: string;
  /** The map's entries, in order: the key, and a reference (`alicloud_instance.a.id`) or a literal (an existing instance's id). */
  readonly entries: readonly { readonly key: string; readonly ref?: string; readonly literal?: string }[];
}

const QUOTED = /^"((?:[^"\\]|\\.)*)"/;
const TRAVERSAL = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*/;
const VARIABLE_NAME = "([A-Za-z_][A-Za-z0-9_-]*)";

/** Reads `${{"a" = ref, "b" = "i-..."}[var.x]}` or `${lookup({...}, var.x)}`; undefined for any other expression. */
export function parseVariableSelection(value: unknown): VariableSelection | undefined {
  if (typeof value !== "string") return undefined;
  const inner = /^\$\{([\s\S]*)\}$/.exec(value)?.[1].trim();
  if (inner === undefined) return undefined;
  const m = new RegExp(`^(\\{[\\s\\S]*\\})\\s*\\[\\s*var\\.${VARIABLE_NAME}\\s*\\]$`).exec(inner) ?? new RegExp(`^lookup\\(\\s*(\\{[\\s\\S]*\\})\\s*,\\s*var\\.${VARIABLE_NAME}\\s*\\)$`).exec(inner);
  if (!m) return undefined;
  const text = (s: string) => {
    if (s.includes("${")) return undefined; // an interpolation inside the string: not a plain key or id
    try {
      return JSON.parse(`"${s}"`) as string;
    } catch {
      return undefined;
    }
  };
  let rest = m[1].slice(1).trim();
  const entries: { key: string; ref?: string; literal?: string }[] = [];
  while (!rest.startsWith("}")) {
    const q = QUOTED.exec(rest);
    const bare = q ? undefined : /^[A-Za-z_][\w-]*/.exec(rest);
    const key = q ? text(q[1]) : bare?.[0];
    if (key === undefined) return undefined;
    rest = rest.slice((q ?? bare)![0].length).trim();
    if (rest[0] !== "=" && rest[0] !== ":") return undefined;
    rest = rest.slice(1).trim();
    const lit = QUOTED.exec(rest);
    const ref = lit ? undefined : TRAVERSAL.exec(rest);
    if (lit) {
      const literal = text(lit[1]);
      if (literal === undefined) return undefined;
      entries.push({ key, literal });
    } else if (ref) entries.push({ key, ref: ref[0] });
    else return undefined;
    rest = rest.slice((lit ?? ref)![0].length).trim();
    if (rest.startsWith(",")) rest = rest.slice(1).trim();
    else if (!rest.startsWith("}")) return undefined;
  }
  return rest === "}" ? { variable: m[2], entries } : undefined;
}

const ATTACHMENT_TYPES = new Set(["alicloud_ecs_network_interface_attachment", "alicloud_network_interface_attachment"]);

/** True when Terraform ignores later changes of the attachment's instance (self-managed failover). */
function ignoresInstanceChanges(values: Readonly<Record<string, unknown>>): boolean {
  const lifecycle = values.lifecycle;
  const ignore = isObject(lifecycle) ? lifecycle.ignore_changes : undefined;
  return ignore === "all" || (Array.isArray(ignore) && ignore.some((x) => x === "instance_id" || x === "all"));
}

/**
 * The configuration's intent with every failover attachment's active candidate taken from the plan's
 * variable values: the candidate the variable's value selects in the attachment's `instance_id` map.
 * Self-managed failover (`ignore_changes = ["instance_id"]`) keeps what the configuration says.
 */
function intentWithPlanValues(configuration: TfConfig, variables: Readonly<Record<string, unknown>>): StackIntent {
  const said = configuration.intent.resources ?? {};
  const resources: Record<string, ResourceIntent> = { ...said };
  const byAddress = new Map(configuration.resources.filter((r) => r.module === "").map((r) => [r.address, r] as const));
  const ownerOf = (p: string) => said[p]?.owner ?? (p.endsWith("/Resource") ? p.slice(0, -"/Resource".length) : p);
  const importedInstances = new Map((configuration.intent.imports ?? []).filter((i) => i.kind === "instance").map((i) => [i.id, i.path] as const));
  for (const r of configuration.resources) {
    const intent = said[r.path];
    if (!ATTACHMENT_TYPES.has(r.type) || !intent?.switchable || !intent.candidates || ignoresInstanceChanges(r.values)) continue;
    const { active: _synth, activeChosenBy: _how, ...rest } = intent;
    const selection = parseVariableSelection(r.values.instance_id);
    if (!selection) {
      resources[r.path] = { ...rest, activeChosenBy: "not derived from the plan (instance_id is not a map indexed by a variable)" };
      continue;
    }
    if (!(selection.variable in variables)) throw new TerraformJsonError(`the plan has no value for var.${selection.variable}, which ${r.path} uses: it was not made from this configuration`);
    const value = variables[selection.variable];
    const entry = typeof value === "string" ? selection.entries.find((e) => e.key === value) : undefined;
    const refTarget = entry?.ref !== undefined && !/^(module|data|var|local)\./.test(entry.ref) ? byAddress.get(entry.ref.split(".").slice(0, 2).join(".")) : undefined;
    const target = refTarget ? ownerOf(refTarget.path) : entry?.literal !== undefined ? importedInstances.get(entry.literal) : undefined;
    const active = target !== undefined && intent.candidates.includes(target) ? target : undefined;
    resources[r.path] = {
      ...rest,
      ...(active !== undefined ? { active } : {}),
      activeChosenBy: `value of var.${selection.variable} in the plan`,
      selector: { variable: selection.variable, value, keys: selection.entries.map((e) => e.key) },
    };
  }
  return { ...configuration.intent, resources };
}

/**
 * Reads the JSON of `terraform show -json PLANFILE`: planned values where Terraform knows them, and
 * for values known only after apply, the references of the configuration (so an ENI in a planned
 * vSwitch is still counted in that vSwitch). Variables take their planned values.
 *
 * With the configuration the plan was made from (a cdktf stack's `cdk.tf.json`), the result has that
 * configuration's name, construct paths and intent (roles, failover candidates, suppressions), and
 * every failover attachment's active candidate is the one the plan's value of its variable selects.
 * A plan whose resources differ from the configuration's is refused.
 */
export function readPlanJson(doc: unknown, stack: string, madeFrom?: TfConfig): TfConfig {
  if (!isPlanJson(doc)) throw new TerraformJsonError("not the JSON of `terraform show -json` (no format_version and planned_values)");
  const d = doc as Json;
  if (madeFrom) {
    const diff = planConfigurationDifference(d, madeFrom);
    if (diff.onlyInPlan.length > 0 || diff.onlyInConfiguration.length > 0) {
      const list = (xs: string[]) => `${xs.slice(0, 3).join(", ")}${xs.length > 3 ? ` and ${xs.length - 3} more` : ""}`;
      const parts = [
        diff.onlyInPlan.length > 0 ? `only in the plan: ${list(diff.onlyInPlan)}` : "",
        diff.onlyInConfiguration.length > 0 ? `only in the configuration: ${list(diff.onlyInConfiguration)}` : "",
      ];
      throw new TerraformJsonError(`not made from the configuration of ${madeFrom.stack} (${parts.filter((p) => p).join("; ")})`);
    }
    stack = madeFrom.stack;
  }
  const pathOf = new Map((madeFrom?.resources ?? []).filter((r) => r.module === "").map((r) => [r.address, r.path] as const));
  const variables: Record<string, unknown> = {};
  if (isObject(d.variables)) for (const [k, v] of Object.entries(d.variables)) if (isObject(v)) variables[k] = v.value;
  const exprByAddress = new Map<string, Json>();
  const walkConfig = (m: ConfigModule | undefined, prefix: string) => {
    for (const r of m?.resources ?? []) if (r.mode !== "data" && isObject(r.expressions)) exprByAddress.set(`${prefix}${r.address}`, r.expressions);
    for (const [name, call] of Object.entries(m?.module_calls ?? {})) walkConfig(call.module, `${prefix}module.${name}.`);
  };
  const configuration = isObject(d.configuration) ? d.configuration : {};
  walkConfig(configuration.root_module as ConfigModule | undefined, "");
  const resources: TfResource[] = [];
  const walkPlanned = (m: PlanModule | undefined, prefix: string) => {
    for (const r of m?.resources ?? []) {
      if (r.mode === "data") continue;
      const configAddress = `${prefix}${r.type}.${r.name}`;
      const expressions = exprByAddress.get(configAddress) ?? {};
      const values: Record<string, unknown> = { ...(r.values ?? {}) };
      for (const [attr, expr] of Object.entries(expressions)) {
        const v = values[attr];
        const missing = v === undefined || v === null || (Array.isArray(v) && (v.length === 0 || v.some((x) => x === null)));
        if (!missing) continue;
        const list = Array.isArray(v) || attr.endsWith("_ids") || attr === "security_groups" ? listFromExpression(expr) : undefined;
        const text = list && list.length > 0 ? list : expressionText(expr);
        if (text !== undefined) values[attr] = text;
      }
      const moduleOf = r.address.slice(0, r.address.length - `${r.type}.${r.name}`.length - (r.index === undefined ? 0 : `[${JSON.stringify(r.index)}]`.length));
      resources.push({ type: r.type, address: r.address, path: (moduleOf === "" ? pathOf.get(configAddress) : undefined) ?? `${stack}/${r.address}`, values, module: moduleOf });
    }
    for (const c of m?.child_modules ?? []) walkPlanned(c, prefix);
  };
  const planned = isObject(d.planned_values) ? d.planned_values : isObject(d.values) ? d.values : {};
  walkPlanned(planned.root_module as PlanModule | undefined, "");
  const providers: { path: string; values: Json }[] = [];
  const pc = configuration.provider_config;
  if (isObject(pc)) {
    for (const [key, p] of Object.entries(pc)) {
      if (!isObject(p) || p.name !== "alicloud") continue;
      const values: Record<string, unknown> = {};
      if (typeof p.alias === "string") values.alias = p.alias;
      for (const [attr, expr] of Object.entries(isObject(p.expressions) ? p.expressions : {})) {
        if (!isObject(expr)) continue;
        if ("constant_value" in expr) values[attr] = expr.constant_value;
        else {
          const refs = Array.isArray(expr.references) ? (expr.references as string[]) : [];
          const v = refs.length === 1 && refs[0].startsWith("var.") ? variables[refs[0].slice(4)] : undefined;
          values[attr] = v !== undefined ? v : (expressionText(expr) ?? "${(expression)}");
        }
      }
      const named = madeFrom?.providers.find((c) => c.values.alias === values.alias);
      providers.push({ path: named?.path ?? `${stack}/provider.${key}`, values });
    }
  }
  if (!madeFrom) return { stack, resources, providers, outputs: {}, variables, intent: { version: 1 } };
  return { stack, resources, providers, outputs: madeFrom.outputs, variables, intent: intentWithPlanValues(madeFrom, variables) };
}
