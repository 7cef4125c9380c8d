import type { RunError } from '../errors.js';
import type { GroupPlan, OrphanPlan, Plan } from './types.js';

/**
 * How a group ended (docs/commands.md: JSON output): in sync, its plugin failed, its rollout stopped at a
 * failure, drift left alone (report mode), nothing done because the plan was blocked, or stopped
 * by a signal or a lost lock before it finished.
 */
export type Outcome = 'converged' | 'failed' | 'paused' | 'drifted' | 'blocked' | 'interrupted';

/** What apply made of one group: how it ended, and what failed or stopped it (null when nothing did). */
export interface GroupOutcome {
  outcome: Outcome;
  outcomeError: RunError | null;
}

/** A group's plan with its outcome: what apply returns for every group of the plan. */
export interface AppliedGroup extends GroupPlan, GroupOutcome {}

/** How the prune of one orphan group ended: all gone, a plugin failed, or stopped early. */
export type PruneOutcome = 'destroyed' | 'failed' | 'interrupted';

/** An orphan group after apply. */
export interface AppliedOrphan extends OrphanPlan {
  /** How its prune ended; null when apply pruned nothing of it (kept, refused, or nothing left to destroy). */
  outcome: PruneOutcome | null;
  /** Why the prune did not finish, else null. */
  outcomeError: RunError | null;
}

/**
 * What apply returns: the plan it was given, every group with its outcome and every orphan with
 * how its prune ended. A plan (what plan() computes) has no outcomes.
 */
export interface AppliedPlan extends Omit<Plan, 'groups' | 'orphans'> {
  groups: AppliedGroup[];
  orphans: AppliedOrphan[];
}

/** An orphan that apply did not prune: kept, or in a plan that was refused. */
export function unpruned(orphan: OrphanPlan): AppliedOrphan {
  return { ...orphan, outcome: null, outcomeError: null };
}
