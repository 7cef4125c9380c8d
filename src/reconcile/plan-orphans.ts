import type { ObservedOrphan, OrphanPlan, PlanPolicy } from './types.js';

/**
 * One entry per orphaned group, however many plugins reported it, sorted by group. Orphans are
 * destroyed only when prune was asked for and the revision allows it (a missing or empty spec
 * path looks like "every group was deleted" and must never wipe everything), and never in report
 * mode, which changes nothing.
 */
export function planOrphans(orphans: readonly ObservedOrphan[], policy: Pick<PlanPolicy, 'prune' | 'pruneAllowed' | 'mode'>): OrphanPlan[] {
  const counts = new Map<string, number>();
  for (const orphan of orphans) counts.set(orphan.group, (counts.get(orphan.group) ?? 0) + orphan.instances.length);
  const action = policy.prune && policy.pruneAllowed && policy.mode === 'correct' ? 'destroy' : 'keep';
  return [...counts.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((group) => ({ group, instances: counts.get(group) ?? 0, action }));
}
