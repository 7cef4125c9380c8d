import type { BudgetBlock, GroupPlan, OrphanPlan, PlanAction, PlanPolicy } from './types.js';

const REASON = 'destroy budget';

/** True for a destroy that leaves no instance in its place (rolling replacements are bounded elsewhere). */
function isUnreplacedDestroy(action: PlanAction): boolean {
  return action.op === 'destroy';
}

/**
 * The destroy budget of docs/commands.md: JSON output and Safety, checked on a finished plan: the absolute limit over extras of
 * correct-mode groups plus pruned orphans first, then each group's percentage of its observed
 * instances in plan order, then, when the plan prunes, the percentage over every instance tend
 * manages (the observed instances of the groups in the specs and all orphans): a spec folder caught
 * half-copied must not prune most of a fleet. Returns the first violation, or null when the plan may run.
 */
export function checkBudget(
  groups: readonly GroupPlan[],
  orphans: readonly OrphanPlan[],
  policy: Pick<PlanPolicy, 'maxDestroy' | 'maxDestroyPercent'>,
): BudgetBlock | null {
  const perGroup = groups.map((group) => ({ group, destroy: unreplacedDestroys(group) }));
  const pruned = orphans.filter((o) => o.action === 'destroy').reduce((sum, o) => sum + o.instances, 0);
  const total = perGroup.reduce((sum, g) => sum + g.destroy, pruned);
  const absolute = checkAbsolute(total, policy.maxDestroy);
  if (absolute) return absolute;

  for (const { group, destroy } of perGroup) {
    const blocked = checkGroupPercent(group.id, destroy, group.observed.instances, policy.maxDestroyPercent);
    if (blocked) return blocked;
  }
  if (pruned === 0) return null;
  const managed = groups.reduce((sum, g) => sum + g.observed.instances, 0) + orphans.reduce((sum, o) => sum + o.instances, 0);
  if (total * 100 <= managed * policy.maxDestroyPercent) return null;
  return { reason: REASON, destroy: total, budget: Math.floor((managed * policy.maxDestroyPercent) / 100), managed };
}

/** The absolute limit alone: destroying more than `maxDestroy` instances in one run. */
export function checkAbsolute(destroy: number, maxDestroy: number): BudgetBlock | null {
  return destroy > maxDestroy ? { reason: REASON, destroy, budget: maxDestroy } : null;
}

/** The percentage limit for one group still in the specs: destroying more than `percent` of its observed instances. */
export function checkGroupPercent(group: string, destroy: number, observed: number, percent: number): BudgetBlock | null {
  if (observed === 0 || destroy * 100 <= observed * percent) return null;
  return { reason: REASON, group, destroy, budget: Math.floor((observed * percent) / 100) };
}

function unreplacedDestroys(group: GroupPlan): number {
  // Report-mode groups carry no actions already; the mode test keeps that true if that changes.
  return group.mode === 'correct' ? group.actions.filter(isUnreplacedDestroy).length : 0;
}
