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
  for (const eni of model.enis) {
    const seen = new Set<InstanceFact>();
    for (const a of eni.attachments) for (const c of a.candidates) seen.add(c);
    for (const inst of seen) {
      let l = enisOn.get(inst);
      if (!l) enisOn.set(inst, (l = []));
      l.push(eni);
    }
  }
  return { enisOn };
}
