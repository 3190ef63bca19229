#!/usr/bin/env node
/**
 * `cdktf-alicloud-eni-migrate-havip-state <cdk.tf.json> < before.tfstate > after.tfstate`: renames the
 * stack's `alicloud_havip` resources to `alicloud_vpc_ha_vip` in a pulled Terraform state (see
 * havip-state.ts). Prints what moved on stderr.
 */
import * as fs from "fs";
import { migrateHaVipState } from "./havip-state";

function main(argv: string[]): number {
  if (argv.length !== 1 || argv[0].startsWith("-")) {
    process.stderr.write("usage: cdktf-alicloud-eni-migrate-havip-state <cdk.tf.json> < before.tfstate > after.tfstate\n");
    return 2;
  }
  try {
    const config = JSON.parse(fs.readFileSync(argv[0], "utf8"));
    const state = JSON.parse(fs.readFileSync(0, "utf8"));
    const { state: migrated, moved } = migrateHaVipState(state, config);
    process.stdout.write(`${JSON.stringify(migrated, null, 2)}\n`);
    process.stderr.write(moved.length ? moved.map((m) => `moved ${m}\n`).join("") : "nothing to move: no alicloud_havip in the state that the stack now declares as alicloud_vpc_ha_vip\n");
    return 0;
  } catch (e) {
    process.stderr.write(`cdktf-alicloud-eni-migrate-havip-state: ${(e as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
