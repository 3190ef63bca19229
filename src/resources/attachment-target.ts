import type { IEcsInstance } from "./ecs-instance";

/**
 * Where a secondary ENI is attached. Only two shapes are valid: one instance, or one of
 * several candidates chosen at apply time by an expression (e.g. a Terraform variable).
 */
export abstract class AttachmentTarget {
  /** Attach to this instance. */
  public static instance(instance: IEcsInstance): AttachmentTarget {
    return new SingleInstanceTarget(instance);
  }

  /**
   * Attach to one of `candidates`; `instanceId` is an expression (token) that evaluates to the id of
   * one of them at apply time. Every candidate is checked by the planner as if the ENI were on it.
   * An empty candidate list or an empty `instanceId` is rejected by `NetworkInterface.attachTo`
   * with an EniConfigError naming the ENI's construct path.
   */
  public static oneOf(candidates: IEcsInstance[], options: OneOfTargetOptions): AttachmentTarget {
    return new OneOfTarget(candidates, options);
  }

  /** Every instance the ENI may end up on. */
  public abstract readonly candidates: readonly IEcsInstance[];
  /** The `instance_id` to emit. */
  public abstract readonly instanceId: string;
  /** True when the attachment should ignore later changes of its instance. */
  public abstract readonly ignoreInstanceChanges: boolean;
  /** True when the instance is chosen at apply time. */
  public abstract readonly switchable: boolean;
  /** The candidate the ENI is on at synth, when known (for the plan report). */
  public abstract readonly active?: IEcsInstance;
  /** How the active candidate is chosen, for the plan report. */
  public abstract readonly activeChosenBy?: string;
}

/** Options of {@link AttachmentTarget.oneOf}. */
export interface OneOfTargetOptions {
  /** Expression that yields the active candidate's instance id at apply time. */
  readonly instanceId: string;
  /** Ignore later changes of the attachment's instance (failover handled by other tooling). @default false */
  readonly ignoreInstanceChanges?: boolean;
  /** The candidate `instanceId` selects at synth (e.g. a variable's default): one of `candidates`, shown as active in the plan report. @default - unknown; the report says so */
  readonly active?: IEcsInstance;
  /** How the active candidate is chosen, for the plan report, e.g. `default of var.active_db`. @default - not described */
  readonly activeChosenBy?: string;
}

class SingleInstanceTarget extends AttachmentTarget {
  public readonly candidates: readonly IEcsInstance[];
  public readonly instanceId: string;
  public readonly ignoreInstanceChanges = false;
  public readonly switchable = false;
  public readonly active: IEcsInstance;
  public readonly activeChosenBy = undefined;
  constructor(instance: IEcsInstance) {
    super();
    this.candidates = [instance];
    this.instanceId = instance.instanceId;
    this.active = instance;
  }
}

class OneOfTarget extends AttachmentTarget {
  public readonly candidates: readonly IEcsInstance[];
  public readonly instanceId: string;
  public readonly ignoreInstanceChanges: boolean;
  public readonly switchable = true;
  public readonly active?: IEcsInstance;
  public readonly activeChosenBy?: string;
  constructor(candidates: IEcsInstance[], options: OneOfTargetOptions) {
    super();
    // Checked where the target is used (NetworkInterface.attachTo), which knows a construct path.
    this.candidates = Array.isArray(candidates) ? [...candidates] : [];
    this.instanceId = options?.instanceId;
    this.ignoreInstanceChanges = options?.ignoreInstanceChanges ?? false;
    this.active = options?.active;
    this.activeChosenBy = options?.activeChosenBy;
  }
}
