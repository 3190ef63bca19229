import { AddressSlot, EniFact, InstanceFact, isUnknown } from "../../model/facts";
import type { RuleDefinition } from "../rule";
import type { RuleGroup } from "./rule-context";
import { UNKNOWN_VALUE } from "./unknown-value";

const EIP_PRIVATE_IP: RuleDefinition = {
  id: "ENI-EIP-PRIVATE-IP",
  severity: "error",
  title: "A NAT-mode EIP association names a private IP of that ENI",
  explanation: "AssociateEipAddress with InstanceType=NetworkInterface and PrivateIpAddress binds the EIP to that address of that ENI; any other address fails.",
  source: "docs/eni-limits.md §2.8 [S19]",
  suppressible: false,
  layer: "eip-havip",
};
const EIP_PER_IP: RuleDefinition = {
  id: "ENI-EIP-PER-IP",
  severity: "error",
  title: "At most one EIP per private IP (NAT mode)",
  explanation: "In NAT mode each private IP of an ENI carries one EIP.",
  source: "docs/eni-limits.md §2.8 [S19]",
  suppressible: false,
  layer: "eip-havip",
};
const EIP_QUOTA: RuleDefinition = {
  id: "ENI-EIP-QUOTA",
  severity: "warning",
  title: "EIPs in the app within the account's EIP quota (default 20)",
  explanation: "An account holds 20 EIPs by default; the quota counts EIPs outside this app too. Set eipQuota after raising it.",
  source: "docs/eni-limits.md §2.7 [S19]",
  suppressible: true,
  layer: "eip-havip",
};

function slotsOf(target: EniFact | InstanceFact): AddressSlot[] {
  const primary = target.primaryIp ? [target.primaryIp] : [];
  return [...primary, ...target.secondaryIps];
}

/** EIP rules: the bound address belongs to the ENI, one EIP per address, the EIP quota. */
export const EIP_RULES: RuleGroup = {
  rules: [EIP_PRIVATE_IP, EIP_PER_IP, EIP_QUOTA],
  check(ctx) {
    const byAddress = new Map<string, string>();
    for (const eip of ctx.model.eips) {
      // Cut-through EIPs and EIPs on HaVips bind no single private IP: ENI-EIP-CUT-THROUGH and ENI-EIP-HAVIP check them.
      if (!eip.target || eip.target.kind === "havip" || eip.mode === "BINDED" || eip.privateIp === undefined) continue;
      const slots = slotsOf(eip.target);
      let id: string | undefined;
      if (isUnknown(eip.privateIp)) {
        ctx.report(
          UNKNOWN_VALUE,
          eip.path,
          `the private IP ${eip.privateIp.description} is unknown at synth time; ENI-EIP-PRIVATE-IP and ENI-EIP-PER-IP were not checked.`,
          "Bind to one of the ENI's PrivateIpAddress objects instead of a token.",
        );
        continue;
      } else if (typeof eip.privateIp === "string") {
        const text = eip.privateIp;
        const match = slots.find((s) => s.explicit === text);
        if (!match) {
          ctx.report(
            EIP_PRIVATE_IP,
            eip.path,
            `private IP ${text} is not an explicit address of ${eip.target.path} (its explicit addresses: ${
              slots
                .map((s) => (typeof s.explicit === "string" ? s.explicit : null))
                .filter((x) => x)
                .join(", ") || "none"
            }).`,
            "Pass one of the target's PrivateIpAddress objects (e.g. eni.primaryIp or eni.secondaryPrivateIps[0]).",
          );
          continue;
        }
        id = match.key;
      } else {
        const slot = eip.privateIp;
        if (!slots.some((s) => s.key === slot.key)) {
          ctx.report(EIP_PRIVATE_IP, eip.path, `private IP ${slot.key} belongs to another owner, not to ${eip.target.path}.`, "Bind the EIP to an address of the ENI it is associated with.");
          continue;
        }
        id = slot.key;
      }
      const other = byAddress.get(id);
      const slot = slots.find((s) => s.key === id);
      if (slot?.existingEip) {
        ctx.report(
          EIP_PER_IP,
          eip.path,
          `private IP ${id} of the existing ENI ${eip.target.path} already carries an EIP associated outside this program (privateIpsWithEip).`,
          "Bind this EIP to another private IP of the ENI, or unbind the other EIP first and take the address out of privateIpsWithEip.",
        );
      } else if (other) {
        ctx.report(EIP_PER_IP, eip.path, `private IP ${id} already carries EIP ${other}.`, "Bind each EIP to a different private IP; add secondary private IPs if you need more.");
      } else {
        byAddress.set(id, eip.path);
      }
    }
    const n = ctx.model.eips.length;
    if (n > ctx.options.eipQuota) {
      const first = ctx.model.eips[ctx.options.eipQuota];
      ctx.report(EIP_QUOTA, first.path, `the app associates ${n} EIPs; the account quota is ${ctx.options.eipQuota}.`, "Raise the EIP quota in Quota Center and set eipQuota, or use fewer EIPs.");
    }
  },
};
