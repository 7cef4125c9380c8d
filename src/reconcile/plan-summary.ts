import type { GroupPlan, OrphanPlan, Plan, PlanSummary } from './types.js';

/**
 * Totals of a plan: desired groups, groups with any drift, actions by kind (destroy includes
 * pruned orphan instances), and groups that could not be observed.
 */
export function summarize(groups: readonly GroupPlan[], orphans: readonly OrphanPlan[]): PlanSummary {
  const summary: PlanSummary = { groups: groups.length, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 };
  for (const group of groups) {
    if (groupHasDrift(group)) summary.drifted++;
    if (group.error !== null) summary.errors++;
    for (const action of group.actions) summary[action.op]++;
  }
  for (const orphan of orphans) if (orphan.action === 'destroy') summary.destroy += orphan.instances;
  return summary;
}

/** True when the group has any drift count above zero. */
export function groupHasDrift(group: GroupPlan): boolean {
  return Object.values(group.drift).some((n) => n > 0);
}

/** True when applying the plan would change anything: any action, or any orphan to prune. */
export function hasChanges(plan: Plan): boolean {
  return plan.groups.some((g) => g.actions.length > 0) || plan.orphans.some((o) => o.action === 'destroy');
}

/** True when anything differs from the specs: any drift count, or any orphan (kept or not). */
export function hasDrift(plan: Plan): boolean {
  return plan.groups.some(groupHasDrift) || plan.orphans.length > 0;
}
