import type { EniFact, InstanceFact } from "../../model/facts";
import type { NetworkModel } from "../../model/network-model";

/** Who may sit where: derived once per plan so rules never scan all pairs. */
export interface Topology {
  /** Secondary ENIs that are (or may be, for failover) attached to each instance. */
  readonly enisOn: ReadonlyMap<InstanceFact, readonly EniFact[]>;
}

/** Builds the topology in one pass over the ENIs. */
export function buildTopology(model: NetworkModel): Topology {
  const enisOn = new Map<InstanceFact, EniFact[]>();
  const put = (inst: InstanceFact, eni: EniFact) => {
    const l = enisOn.get(inst);
    if (l) l.push(eni);
    else enisOn.set(inst, [eni]);
  };
  for (const eni of model.enis) {
    const only = eni.attachments.length === 1 && eni.attachments[0].candidates.length === 1 ? eni.attachments[0].candidates[0] : undefined;
    if (only) {
      put(only, eni); // the common case, without a set per ENI
      continue;
    }
    const seen = new Set<InstanceFact>();
    for (const a of eni.attachments) for (const c of a.candidates) seen.add(c);
    for (const inst of seen) put(inst, eni);
  }
  return { enisOn };
}
