/**
 * One-time state migration for stacks deployed with versions of this library that emitted the
 * deprecated `alicloud_havip`: this version emits `alicloud_vpc_ha_vip` under the same name.
 *
 * Terraform cannot do the move by itself: a `moved` block across resource types needs the provider's
 * MoveResourceState, which the alicloud provider (terraform-plugin-sdk v1) does not offer ("The provider
 * ... does not support moved operations across resource types"), and `terraform state mv` refuses
 * ("resource types don't match"). The provider registers both names with the same implementation and
 * schema (version 0), so renaming the type in the state is exact:
 *
 * ```sh
 * cd cdktf.out/stacks/<stack>
 * terraform state pull > before.tfstate
 * npx cdktf-alicloud-eni-migrate-havip-state cdk.tf.json < before.tfstate > after.tfstate
 * terraform state push after.tfstate
 * terraform plan   # the HaVip and its attachments: no changes
 * ```
 */

/** The result of {@link migrateHaVipState}. */
export interface HaVipStateMigration {
  /** The migrated state (a new object; the input is not changed). */
  readonly state: Record<string, unknown>;
  /** Addresses moved, as `alicloud_havip.<name> -> alicloud_vpc_ha_vip.<name>`, sorted. */
  readonly moved: string[];
}

const OLD = "alicloud_havip";
const NEW = "alicloud_vpc_ha_vip";

interface StateResource {
  mode?: string;
  type?: string;
  name?: string;
  module?: string;
}

/**
 * Renames, in a Terraform state (format version 4, as `terraform state pull` prints it), every root-module
 * `alicloud_havip.<name>` that the synthesized stack `config` (its cdk.tf.json) now declares as
 * `alicloud_vpc_ha_vip.<name>` and no longer as `alicloud_havip.<name>`. Other resources, HaVips of your
 * own that are still `alicloud_havip`, and modules are left alone. The serial is raised by one when
 * anything moved, so `terraform state push` accepts the result.
 */
export function migrateHaVipState(state: unknown, config: unknown): HaVipStateMigration {
  const s = state as { version?: unknown; serial?: unknown; resources?: unknown };
  if (typeof s !== "object" || s === null || s.version !== 4 || !Array.isArray(s.resources) || typeof s.serial !== "number") {
    throw new Error("not a Terraform state (format version 4 with serial and resources): pass the output of `terraform state pull`.");
  }
  const resources = (config as { resource?: Record<string, Record<string, unknown>> } | null)?.resource;
  if (typeof resources !== "object" || resources === null) {
    throw new Error('not a synthesized stack: pass the stack\'s cdk.tf.json (it has a top-level "resource" object).');
  }
  const declaredNew = new Set(Object.keys(resources[NEW] ?? {}));
  const declaredOld = new Set(Object.keys(resources[OLD] ?? {}));
  const moved: string[] = [];
  const out = (s.resources as StateResource[]).map((r) => {
    if (r.mode !== "managed" || r.type !== OLD || r.module !== undefined || r.name === undefined) return r;
    if (!declaredNew.has(r.name) || declaredOld.has(r.name)) return r;
    moved.push(`${OLD}.${r.name} -> ${NEW}.${r.name}`);
    return { ...r, type: NEW };
  });
  moved.sort();
  const taken = new Set((s.resources as StateResource[]).filter((r) => r.mode === "managed" && r.type === NEW && r.module === undefined).map((r) => r.name));
  const clash = moved.map((m) => m.split(".").pop()!).find((name) => taken.has(name));
  if (clash !== undefined) {
    throw new Error(`the state already has ${NEW}.${clash}; it cannot also take ${OLD}.${clash}. Check the stack before migrating.`);
  }
  return { state: { ...(state as object), serial: moved.length > 0 ? s.serial + 1 : s.serial, resources: out }, moved };
}
