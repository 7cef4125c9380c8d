import { checkAbsolute, checkGroupPercent } from './budget.js';
import type { ObservedOrphan, Plan, PlanPolicy } from './types.js';

/**
 * The plan of `tend destroy GROUP`: every instance of the group goes, each through the plugin that
 * reported it, as a prune does. Within the destroy budget (docs/commands.md: JSON output and Safety): the absolute limit always,
 * the percentage of the group too while the group is still in the specs.
 */
export function planDestroy(
  group: string,
  found: readonly ObservedOrphan[],
  inSpecs: boolean,
  policy: Pick<PlanPolicy, 'maxDestroy' | 'maxDestroyPercent'>,
): Plan {
  const instances = found.reduce((sum, o) => sum + o.instances.length, 0);
  const orphans = [{ group, instances, action: 'destroy' as const }];
  const blocked =
    checkAbsolute(instances, policy.maxDestroy) ??
    (inSpecs ? checkGroupPercent(group, instances, instances, policy.maxDestroyPercent) : null);
  return {
    revision: null,
    groups: [],
    orphans,
    summary: { groups: 0, drifted: 0, create: 0, destroy: instances, replace: 0, errors: 0 },
    blocked,
  };
}
