import type { Position, Problem } from '../../problem.js';
import type { AppliedGroup, AppliedPlan } from '../../reconcile/applied-plan.js';
import type { Plan } from '../../reconcile/types.js';

// What commit statuses need to know of a run, as the pipeline's events carry it. The report layer
// sees plans and outcomes, never the pipeline: a pipeline RunEvent is one of these by its shape, so a
// GithubStatuses reporter is a pipeline Reporter without this folder importing it.

/** The commit a run judged: its SHA, or null for a plain folder (no commit to post to). */
export interface RevisionView {
  sha: string | null;
}

/** How a run ended: a judgement (plan, drift), an apply, a refused plan, or why none could be made. */
export type ResultView =
  | { kind: 'planned'; revision: RevisionView; plan: Plan }
  | { kind: 'blocked'; revision: RevisionView; plan: AppliedPlan }
  | { kind: 'applied'; revision: RevisionView; plan: AppliedPlan; stopped: { code: string; message: string; transient?: boolean } | null }
  | {
      kind: 'failed';
      error: { code: string; message: string; transient?: boolean };
      problems: readonly Problem[];
      revision: RevisionView | null;
    };

/** A run's events, in order: `judged` once planned (with where each group's spec starts), then `progress` and `outcome` while applying, `finished` always. */
export type RunView =
  | { kind: 'judged'; revision: RevisionView; plan: Plan; places?: ReadonlyMap<string, Position> }
  | { kind: 'progress'; group: string; message: string }
  | { kind: 'outcome'; group: AppliedGroup }
  | { kind: 'finished'; result: ResultView };
