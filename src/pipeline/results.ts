import type { TendError } from '../errors.js';
import type { Problem } from '../problem.js';
import type { AppliedPlan } from '../reconcile/applied-plan.js';
import type { Observation, Plan } from '../reconcile/types.js';
import type { Revision } from '../source/spec-source.js';
import type { GroupSpec } from '../group-spec/types.js';

/**
 * A step that could not do its work: `error` says why (its code is stable, `transient` says whether
 * retrying later may help), `problems` every spec or config problem behind it, each at its place.
 */
export interface Failed {
  kind: 'failed';
  error: TendError;
  problems: readonly Problem[];
  /** The revision judged, when it was read but could not be used (invalid specs, a missing spec path); null when none was read. */
  revision: Revision | null;
}

/** The specs of a revision read, validated and planned against what the plugins describe. */
export interface Planned {
  kind: 'planned';
  revision: Revision;
  plan: Plan;
  groups: GroupSpec[];
  observation: Observation;
}

/** A plan that a safety rule refused: nothing was changed, every group's outcome is `blocked` (or `failed`), no orphan pruned. */
export interface BlockedRun {
  kind: 'blocked';
  revision: Revision;
  plan: AppliedPlan;
}

/** A plan applied: every group and pruned orphan carries its outcome; `stopped` is set when a signal or a lost lock cut it short. */
export interface Applied {
  kind: 'applied';
  revision: Revision;
  plan: AppliedPlan;
  stopped: TendError | null;
}

export type ReadAndPlanResult = Failed | Planned;
export type ApplyResult = Failed | BlockedRun | Applied;
/** What a run of the pipeline ends with: a plan (plan, drift) or an apply, or why neither could be made. */
export type RunResult = ReadAndPlanResult | ApplyResult;

export function failed(error: TendError, problems: readonly Problem[] = [], revision: Revision | null = null): Failed {
  return { kind: 'failed', error, problems, revision };
}
