import type { IConstruct } from "constructs";
import { TerraformStack, Token } from "../../cdktf";
import { EniConfigError } from "../../errors";
import { EniPlanner } from "../../planner/eni-planner";
import type { EipProps } from "../../resources/eip";
import type { IEcsInstance } from "../../resources/ecs-instance";
import { show } from "../../show";

/**
 * Construction-time checks shared by the scenario constructs. Every error names the construct
 * path, the offending value, what was expected and what to do.
 */

/** Names of applications, planes, networks: they become construct ids, address roles and output names. */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Throws unless `value` is a non-empty array. */
export function nonEmptyArray<T>(scope: IConstruct, value: readonly T[] | undefined, what: string, fix: string, min = 1): readonly T[] {
  if (!Array.isArray(value) || value.length < min) {
    const got = Array.isArray(value) ? `${value.length} item(s)` : show(value);
    throw new EniConfigError(scope.node.path, `${what} has ${got}; expected at least ${min}. ${fix}`);
  }
  return value;
}

/** Throws unless every name is a short identifier and no name repeats. */
export function checkNames(scope: IConstruct, names: readonly unknown[], what: string): string[] {
  const seen = new Set<string>();
  return names.map((n, i) => {
    if (typeof n !== "string" || !NAME_PATTERN.test(n)) {
      throw new EniConfigError(scope.node.path, `${what}[${i}] is ${show(n)}; expected 1 to 63 letters, digits, ".", "_" or "-" starting with a letter or digit (e.g. "web"). Rename it.`);
    }
    if (seen.has(n)) {
      throw new EniConfigError(scope.node.path, `${what}[${i}] "${n}" is given twice; names must be unique. Rename or remove one of them.`);
    }
    seen.add(n);
    return n;
  });
}

/** Instance ids are construct ids: unique among candidates, used as keys. */
export function uniqueInstanceKeys(scope: IConstruct, instances: readonly IEcsInstance[], what: string): string[] {
  const byKey = new Map<string, IEcsInstance>();
  for (const inst of instances) {
    const key = inst.node.id;
    const other = byKey.get(key);
    if (other === inst) {
      throw new EniConfigError(scope.node.path, `${what} lists instance ${inst.node.path} twice; give each instance once.`);
    }
    if (other) {
      throw new EniConfigError(
        scope.node.path,
        `${what} has two instances with the construct id "${key}" (${other.node.path} and ${inst.node.path}); their ids are used as keys, so they must differ. Give one of them another id.`,
      );
    }
    byKey.set(key, inst);
  }
  return [...byKey.keys()];
}

/** The EIP props asked for by an `eip?: boolean | EipProps` prop, or undefined for none. */
export function eipPropsOf(value: boolean | EipProps | undefined): EipProps | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return {};
  return value;
}

/** Per-ENI limits used to lay out addresses, from the planner's catalog. */
export interface EniLayout {
  /** Private IPv4 addresses per ENI, primary included. */
  readonly privateIpv4PerEni: number;
  /** ENIs per instance, primary included. */
  readonly eniQuantity: number;
  /** Secondary private IPs a new ENI may be created with (planner option maxSecondaryIpsAtCreation). */
  readonly maxSecondaryIpsAtCreation: number;
  /** False when the type is unknown (or a token, or has no per-ENI figure) and defaults were used. */
  readonly known: boolean;
}

/**
 * Layout used when the catalog cannot tell: 6 addresses per ENI and 3 ENIs, the limits of the
 * smallest current general-purpose sizes (ecs.g7.large, ecs.c7.large). The planner warns
 * (ENI-TYPE-UNKNOWN / ENI-TYPE-PARTIAL / ENI-UNKNOWN-VALUE) that nothing was checked.
 */
export const DEFAULT_LAYOUT = { privateIpv4PerEni: 6, eniQuantity: 3 } as const;

/**
 * The limits of `instance`'s type (defaults when unknown). Under allowUnknownInstanceTypes a type missing
 * from the catalog is refused here: laying addresses out on guessed limits would change the ENIs and the
 * lock file once the real limits are known. (Without the option the planner fails synth with ENI-TYPE-UNKNOWN,
 * so the guessed layout is never emitted nor locked.)
 */
export function layoutOf(scope: IConstruct, instance: IEcsInstance): EniLayout {
  const options = EniPlanner.of(scope).options;
  const type = instance.instanceType;
  const t = typeof type === "string" && !Token.isUnresolved(type) ? options.catalog.lookup(type) : undefined;
  if (t === undefined && typeof type === "string" && !Token.isUnresolved(type) && options.allowUnknownInstanceTypes) {
    const near = options.catalog.suggest(type, 3);
    throw new EniConfigError(
      scope.node.path,
      `instance type ${type} of ${instance.node.path} is not in the catalog, so its ENIs and addresses per ENI are unknown; addresses are not laid out on guessed limits (allowUnknownInstanceTypes only skips the checks).${near.length ? ` Nearest known: ${near.join(", ")}.` : ""}`,
      {
        ruleId: "ENI-TYPE-UNKNOWN",
        fix: `${near.length ? `If you meant ${near[0]}, fix the name; otherwise add` : "Add"} the type's limits: EniPlanner.configure(app, { catalog: InstanceTypeCatalog.builtIn().withTypes([{ name: "${type}", eniQuantity: <EniQuantity>, privateIpv4PerEni: <EniPrivateIpAddressQuantity>, source: "DescribeInstanceTypes" }]) }).`,
      },
    );
  }
  const perEni = t?.privateIpv4PerEni;
  return {
    privateIpv4PerEni: perEni ?? DEFAULT_LAYOUT.privateIpv4PerEni,
    eniQuantity: t?.eniQuantity ?? DEFAULT_LAYOUT.eniQuantity,
    maxSecondaryIpsAtCreation: options.maxSecondaryIpsAtCreation,
    known: t !== undefined && perEni !== undefined,
  };
}

/** A Terraform identifier made from construct ids and names: letters, digits, `_`, `-`, starting with a letter or `_`. */
export function identifier(...parts: string[]): string {
  const text = parts.map((p) => p.replace(/[^A-Za-z0-9_-]/g, "_")).join("_");
  return /^[A-Za-z_]/.test(text) ? text : `_${text}`;
}

/** Top-level names (variables, outputs) claimed per stack, to catch two constructs emitting the same one. */
const CLAIMED = new WeakMap<TerraformStack, Map<string, string>>();

/** Claims a stack-level Terraform name (`variable.x`, `output.x`) for `scope`; throws when another construct has it. */
export function claimStackName(scope: IConstruct, kind: "variable" | "output", name: string, fix: string): string {
  const stack = TerraformStack.of(scope);
  let claimed = CLAIMED.get(stack);
  if (!claimed) CLAIMED.set(stack, (claimed = new Map()));
  const key = `${kind}.${name}`;
  const other = claimed.get(key);
  if (other !== undefined) {
    throw new EniConfigError(scope.node.path, `${kind} name "${name}" is already used by ${other} in the same stack; ${fix}`);
  }
  claimed.set(key, scope.node.path);
  return name;
}
