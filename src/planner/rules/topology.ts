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
    for (const a of eni.attachments) {
      for (const inst of a.candidates) {
        const l = enisOn.get(inst);
        if (!l) enisOn.set(inst, [eni]);
        else if (l[l.length - 1] !== eni) l.push(eni); // ENIs are added in turn: one named twice is last in the list
      }
    }
  }
  return { enisOn };
}
