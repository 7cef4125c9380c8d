import type { Blocked, GroupPlan, OrphanPlan, PlanAction, PlanPolicy } from './types.js';

const REASON = 'destroy budget';

/** True for a destroy that leaves no instance in its place (rolling replacements are bounded elsewhere). */
export function isUnreplacedDestroy(action: PlanAction): boolean {
  return action.op === 'destroy';
}

/**
 * The destroy budget of design §5, checked on a finished plan: the absolute limit over extras of
 * correct-mode groups plus pruned orphans first, then each group's percentage of its observed
 * instances in plan order. Returns the first violation, or null when the plan may run.
 */
export function checkBudget(
  groups: readonly GroupPlan[],
  orphans: readonly OrphanPlan[],
  policy: Pick<PlanPolicy, 'maxDestroy' | 'maxDestroyPercent'>,
): Blocked | null {
  const perGroup = groups.map((group) => ({ group, destroy: unreplacedDestroys(group) }));
  const pruned = orphans.filter((o) => o.action === 'destroy').reduce((sum, o) => sum + o.instances, 0);
  const total = perGroup.reduce((sum, g) => sum + g.destroy, pruned);
  if (total > policy.maxDestroy) return { reason: REASON, destroy: total, budget: policy.maxDestroy };

  for (const { group, destroy } of perGroup) {
    const observed = group.observed.instances;
    if (observed > 0 && destroy * 100 > observed * policy.maxDestroyPercent) {
      const budget = Math.floor((observed * policy.maxDestroyPercent) / 100);
      return { reason: REASON, group: group.id, destroy, budget };
    }
  }
  return null;
}

function unreplacedDestroys(group: GroupPlan): number {
  // Report-mode groups carry no actions already; the mode test keeps that true if that changes.
  return group.mode === 'correct' ? group.actions.filter(isUnreplacedDestroy).length : 0;
}
