import { EniFact, InstanceFact, isUnknown } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import type { RuleContext, RuleGroup } from "./rule-context";
import { UNKNOWN_VALUE } from "./unknown-value";

const ZONE: RuleDefinition = {
  id: "ENI-ZONE",
  severity: "error",
  title: "An ENI and every instance it is (or may be) attached to are in the same zone",
  explanation: "AttachNetworkInterface requires the ENI's vSwitch to be in the instance's zone; a failover ENI must match every candidate.",
  source: "docs/eni-limits.md §2.2 [S3] [S5] [S8]",
  suppressible: false,
  layer: "placement",
  premises: [
    { rule: "ENI-ZONE-REGION", scope: "around", then: "put the ENI's vSwitch and every instance it may be attached to in one zone of the region" },
    { rule: "ENI-ATTACH-ONCE", scope: "self", then: "put the ENI and every instance it may be attached to in one zone" },
  ],
};
const VPC: RuleDefinition = {
  id: "ENI-VPC",
  severity: "error",
  title: "An ENI and every instance it is (or may be) attached to are in the same VPC",
  explanation: "An ENI can only be attached to an instance of its own VPC, and its VPC cannot change after creation.",
  source: "docs/eni-limits.md §2.2 [S3] [S5] [S8]",
  suppressible: false,
  layer: "placement",
  premises: [{ rule: "ENI-ATTACH-ONCE", scope: "self", then: "put the ENI and every instance it may be attached to in one VPC" }],
};
const SAME_VSWITCH: RuleDefinition = {
  id: "ENI-VSWITCH",
  severity: "error",
  title: "(option requireSameVSwitch) An ENI is in the same vSwitch as its instance",
  explanation: "One doc page ('Create and use an ENI') says ENI and instance must share the vSwitch; the ENI overview and AttachNetworkInterface say only VPC and zone. Off by default.",
  source: "docs/eni-limits.md §2.2 and open question 3 [S4] vs [S3] [S8]",
  suppressible: false,
  layer: "placement",
};
const SAME_SUBNET: RuleDefinition = {
  id: "ENI-SAME-SUBNET",
  severity: "info",
  title: "Two ENIs of one instance in the same vSwitch can cause asymmetric routing",
  explanation: "The ENI overview warns that ENIs from the same subnet on one instance can route replies out of the wrong interface; configure policy routing in the guest.",
  source: "docs/eni-limits.md §2.2 [S3]",
  suppressible: true,
  layer: "placement",
};

function placement(ctx: RuleContext, eni: EniFact, inst: InstanceFact): void {
  if (eni.vswitch.unresolved || inst.vswitch.unresolved) return; // reported by the model builder (ENI-UNKNOWN-VALUE)
  if (eni.vswitch.vpc.key !== inst.vswitch.vpc.key && !eni.vswitch.vpc.unresolved && !inst.vswitch.vpc.unresolved) {
    ctx.report(VPC, eni.path, `ENI is in VPC ${eni.vswitch.vpc.path} but instance ${inst.path} is in VPC ${inst.vswitch.vpc.path}.`, "Give the ENI a vSwitch of the instance's VPC.");
    return;
  }
  const ez = eni.vswitch.zoneId;
  const iz = inst.vswitch.zoneId;
  if (isUnknown(ez) || isUnknown(iz)) {
    const u = isUnknown(ez) ? ez : (iz as { description: string });
    ctx.report(UNKNOWN_VALUE, eni.path, `zone ${u.description} is unknown at synth time; ENI-ZONE against instance ${inst.path} was not checked.`, "Give zone ids as literal strings.");
  } else if (ez !== iz) {
    ctx.report(ZONE, eni.path, `ENI vSwitch ${eni.vswitch.path} is in zone ${ez} but instance ${inst.path} is in zone ${iz}.`, `Use a vSwitch in ${iz} for this ENI, or place the instance in ${ez}.`);
  }
  if (ctx.options.requireSameVSwitch && eni.vswitch.poolId !== inst.vswitch.poolId) {
    ctx.report(
      SAME_VSWITCH,
      eni.path,
      `ENI vSwitch ${eni.vswitch.path} differs from instance ${inst.path} vSwitch ${inst.vswitch.path} (requireSameVSwitch is on).`,
      "Use the instance's vSwitch, or turn requireSameVSwitch off.",
    );
  }
}

/** Placement rules: same VPC and zone (and optionally vSwitch) for an ENI and its instances. */
export const PLACEMENT_RULES: RuleGroup = {
  rules: [ZONE, VPC, SAME_VSWITCH, SAME_SUBNET],
  check(ctx) {
    for (const [inst, enis] of ctx.topology.enisOn) {
      // The instance's primary ENI first, then every ENI that is (or may be) attached, by vSwitch.
      const byVSwitch = new Map<string, string[]>([[inst.vswitch.poolId, [`${inst.path} (primary ENI)`]]]);
      for (const eni of enis) {
        placement(ctx, eni, inst);
        const list = byVSwitch.get(eni.vswitch.poolId);
        if (list) list.push(eni.path);
        else byVSwitch.set(eni.vswitch.poolId, [eni.path]);
      }
      for (const [pool, list] of byVSwitch) {
        if (list.length > 1) {
          ctx.report(
            SAME_SUBNET,
            inst.path,
            `${list.length} ENIs of this instance use vSwitch ${pool}: ${list.join(", ")}.`,
            "Configure policy-based routing in the guest OS, or put the ENIs in different vSwitches.",
          );
        }
      }
    }
  },
};
