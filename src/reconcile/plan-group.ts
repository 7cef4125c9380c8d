import type { GroupMode, GroupSpec } from '../group-spec/types.js';
import type { DriftCounts, GroupPlan, ObservedGroup, PlanAction } from './types.js';
import { planCattle } from './plan-cattle.js';
import { planPets } from './plan-pets.js';

/** Drift counts of nothing found wrong. */
function noDrift(): DriftCounts {
  return { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };
}

/** The group's target size: N for cattle, the number of logical IDs for pets. */
function desiredSize(group: GroupSpec): number {
  return group.allocation.logicalIds === undefined ? group.allocation.size : group.allocation.logicalIds.length;
}

/**
 * Plans one desired group against what was observed for it (undefined = nothing found).
 * Drift is counted from the corrective actions, so the two never disagree; a report-mode group
 * keeps its drift but gets no actions. A group whose observation failed gets its error and no
 * drift, since nothing is known about it (its observed count is 0 for the same reason).
 */
export function planGroup(group: GroupSpec, observed: ObservedGroup | undefined, policyMode: GroupMode): GroupPlan {
  const mode: GroupMode = policyMode === 'report' ? 'report' : group.mode;
  const instances = observed?.instances ?? [];
  const base = { id: group.id, mode, desired: { size: desiredSize(group), configSha: group.configSha } };
  if (observed?.error != null) {
    return { ...base, observed: { instances: 0 }, drift: noDrift(), actions: [], error: observed.error };
  }

  const actions =
    group.allocation.logicalIds === undefined
      ? planCattle(instances, group.allocation.size, group.configSha)
      : planPets(instances, group.allocation.logicalIds, group.configSha);
  return {
    ...base,
    observed: { instances: instances.length },
    drift: countDrift(actions),
    actions: mode === 'report' ? [] : actions,
    error: null,
  };
}

/** missing = creates, extra = destroys, and each replacement counts under its reason. */
function countDrift(actions: readonly PlanAction[]): DriftCounts {
  const drift = noDrift();
  for (const action of actions) {
    if (action.op === 'create') drift.missing++;
    else if (action.op === 'destroy') drift.extra++;
    else if (action.reason === 'stale' || action.reason === 'modified' || action.reason === 'unhealthy') {
      drift[action.reason]++;
    }
  }
  return drift;
}
