/**
 * Synthesizes every example into one app (each in its own stack); `cdktf synth` runs this file
 * (see cdktf.json), as does `npx ts-node --transpile-only examples/main.ts`.
 *
 * The planner plans all stacks together, so stacks that share a vSwitch (multi-ip-web and
 * multi-ip-batch) never get the same address. Planned addresses are kept in the lock file
 * beside cdktf.json (eni-allocations.lock.json, the planner's default; commit it).
 */
import { App } from "../src/cdktf";
import { build as dualStack } from "./dual-stack";
import { runEniApp } from "../src/errors";
import { build as failover } from "./failover";
import { build as haCluster } from "./ha-cluster";
import { build as multiIp } from "./multi-ip";
import { build as multiPublicIp } from "./multi-public-ip";
import { build as prefixes } from "./prefixes";
import { build as segmented } from "./segmented";

/** Every example's build function, by name. */
const EXAMPLES = { multiIp, multiPublicIp, failover, haCluster, segmented, dualStack, prefixes };

// runEniApp prints a construction or planner error once (message, rule id, fix and the example's own
// line), also under `cdktf synth`, and exits non-zero.
runEniApp(() => {
  const app = new App();
  for (const build of Object.values(EXAMPLES)) build(app);
  app.synth();
});
