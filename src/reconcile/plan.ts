import type { Plan, PlanInput } from './types.js';
import { checkBudget } from './budget.js';
import { planGroup } from './plan-group.js';
import { planOrphans } from './plan-orphans.js';
import { summarize } from './plan-summary.js';

export { hasChanges, hasDrift, groupHasDrift } from './plan-summary.js';
export { classifyInstance } from './plan-classify.js';

/**
 * The plan of docs/commands.md: JSON output and Safety for desired groups against an observation: pure and deterministic (the
 * same input gives the same JSON). A plan over the destroy budget still lists every group, its
 * drift and its actions, so the user sees what it wanted to do; `blocked` tells the executor to
 * refuse it.
 */
export function plan(input: PlanInput): Plan {
  const { groups: specs, observation, policy } = input;
  const groups = specs.map((group) => planGroup(group, observation.groups.get(group.id), policy.mode));
  const orphans = planOrphans(observation.orphans, policy);
  return {
    revision: input.revision,
    groups,
    orphans,
    summary: summarize(groups, orphans),
    blocked: checkBudget(groups, orphans, policy),
  };
}
