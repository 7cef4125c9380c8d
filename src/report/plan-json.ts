import { shownGroups, shownOrphans, type ShownPlan } from './shown-plan.js';

/** The plan JSON of docs/commands.md: JSON output and Safety (contract), keys in the documented order; an applied plan adds `outcome` per group. */
export function planJson(shown: ShownPlan): string {
  const { plan } = shown;
  const groups = shownGroups(shown).map(([g, applied]) => ({
    id: g.id,
    mode: g.mode,
    desired: g.desired,
    observed: g.observed,
    drift: g.drift,
    actions: g.actions,
    error: (g.error ?? applied?.outcomeError)?.message ?? null,
    ...(applied ? { outcome: applied.outcome } : {}),
  }));
  // Pruned orphans carry their outcome once applied, as groups do; kept ones have none.
  const orphans = shownOrphans(shown).map((o) => ({
    group: o.group,
    instances: o.instances,
    action: o.action,
    ...(o.outcome ? { outcome: o.outcome, error: o.outcomeError?.message ?? null } : {}),
  }));
  return JSON.stringify({ revision: plan.revision, groups, orphans, summary: plan.summary, blocked: plan.blocked }, null, 2);
}
