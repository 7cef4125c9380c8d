import { createRequire as __tendCreateRequire } from 'node:module';
const require = __tendCreateRequire(import.meta.url);

// src/reconcile/plan-summary.ts
function summarize(groups, orphans) {
  const summary = { groups: groups.length, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 };
  for (const group of groups) {
    if (groupHasDrift(group)) summary.drifted++;
    if (group.error !== null) summary.errors++;
    for (const action of group.actions) summary[action.op]++;
  }
  for (const orphan of orphans) if (orphan.action === "destroy") summary.destroy += orphan.instances;
  return summary;
}
function groupHasDrift(group) {
  return Object.values(group.drift).some((n) => n > 0);
}
function hasChanges(plan) {
  return plan.groups.some((g) => g.actions.length > 0) || plan.orphans.some((o) => o.action === "destroy");
}

export {
  summarize,
  groupHasDrift,
  hasChanges
};
