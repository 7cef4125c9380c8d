import type { Plan } from '../reconcile/types.js';

/** The plan JSON of README: JSON output and Safety (contract), keys in the documented order; apply adds `outcome` per group. */
export function planJson(plan: Plan): string {
  const groups = plan.groups.map((g) => ({
    id: g.id,
    mode: g.mode,
    desired: g.desired,
    observed: g.observed,
    drift: g.drift,
    actions: g.actions,
    error: (g.error ?? g.outcomeError)?.message ?? null,
    ...(g.outcome ? { outcome: g.outcome } : {}),
  }));
  // Pruned orphans carry their outcome once applied, as groups do; kept ones have none.
  const orphans = plan.orphans.map((o) => ({
    group: o.group,
    instances: o.instances,
    action: o.action,
    ...(o.outcome ? { outcome: o.outcome, error: o.outcomeError?.message ?? null } : {}),
  }));
  return JSON.stringify({ revision: plan.revision, groups, orphans, summary: plan.summary, blocked: plan.blocked }, null, 2);
}
