import { unpruned, type AppliedOrphan, type AppliedPlan, type GroupOutcome } from '../reconcile/applied-plan.js';
import type { GroupPlan, Plan } from '../reconcile/types.js';

/**
 * A plan as the text, the JSON and the job summary show it: as judged (`planned`), or as apply
 * left it (`applied`; `blocked` when a safety rule refused it), with outcomes. A pipeline result
 * that is not a failure is one of these by its shape.
 */
export type ShownPlan = { kind: 'planned'; plan: Plan } | { kind: 'blocked' | 'applied'; plan: AppliedPlan };

/** Each group shown, with what apply made of it; null for the groups of a plan that was not applied. */
export function shownGroups(shown: ShownPlan): Array<[GroupPlan, GroupOutcome | null]> {
  if (shown.kind === 'planned') return shown.plan.groups.map((g) => [g, null]);
  return shown.plan.groups.map((g) => [g, g]);
}

/** Each orphan shown, with how apply pruned it: none in a plan that was not applied. */
export function shownOrphans(shown: ShownPlan): readonly AppliedOrphan[] {
  return shown.kind === 'planned' ? shown.plan.orphans.map(unpruned) : shown.plan.orphans;
}
