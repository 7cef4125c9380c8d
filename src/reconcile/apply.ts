import type { GroupSpec } from '../group-spec/types.js';
import type { PluginRegistry } from '../plugins/spi.js';
import { TendError, runError } from '../errors.js';
import type { ApplyOptions } from './apply-context.js';
import { applyGroup } from './apply-group.js';
import type { AppliedPlan, GroupOutcome } from './applied-plan.js';
import { pruneOrphans } from './apply-prune.js';
import { runBounded } from './bounded.js';
import type { GroupPlan, Observation, Plan } from './types.js';

export type { ApplyOptions } from './apply-context.js';

/** One group, whatever happens: an unexpected throw becomes that group's failure, not everyone's. */
async function settleGroup(
  group: GroupPlan,
  specs: ReadonlyMap<string, GroupSpec>,
  observation: Observation,
  registry: PluginRegistry,
  options: ApplyOptions,
): Promise<GroupOutcome> {
  let result: GroupOutcome;
  try {
    result = await applyGroup(group, specs.get(group.id), observation.groups.get(group.id), registry, options);
  } catch (err) {
    result = { outcome: 'failed', outcomeError: runError(err, 'INTERNAL') };
  }
  // `paused after 2 of 5 replacements: …` already says its outcome.
  const error = result.outcomeError?.message ?? null;
  const said = error === null ? result.outcome : error.startsWith(result.outcome) ? error : `${result.outcome}: ${error}`;
  options.onProgress?.(group.id, said);
  options.onOutcome?.({ ...group, ...result });
  return result;
}

/**
 * Applies a plan through the plugins (docs/commands.md: JSON output and Safety): groups run concurrently, at most
 * `options.concurrency` at once, each group's destroys, creates and health-gated rolling
 * replacement in that order; then orphans marked `destroy` are pruned. Resolves to the applied
 * plan: the plan with every group's outcome and every orphan's prune outcome. Plugin
 * failures and aborts never reject: they become outcomes (`failed`, `paused`, `interrupted`).
 * Rejects with BLOCKED, touching nothing, when the plan is blocked.
 */
export async function apply(
  plan: Plan,
  groups: GroupSpec[],
  observation: Observation,
  registry: PluginRegistry,
  options: ApplyOptions,
): Promise<AppliedPlan> {
  if (plan.blocked !== null) {
    const { reason, destroy, budget } = plan.blocked;
    const fix = 'raise the limit or apply a smaller change';
    throw new TendError('BLOCKED', `plan blocked by the ${reason}: it would destroy ${destroy}, budget ${budget}; ${fix}`);
  }
  const specs = new Map(groups.map((group) => [group.id, group]));
  const results: GroupOutcome[] = [];
  const settle = async (i: number): Promise<void> => {
    results[i] = await settleGroup(plan.groups[i] as GroupPlan, specs, observation, registry, options);
  };
  const width = Math.max(1, Math.floor(options.concurrency) || 1);
  // Every group is settled, even after an abort: each one not started says it was interrupted.
  await runBounded([...plan.groups.keys()], settle, { width, stop: () => false });
  const orphans = await pruneOrphans(plan.orphans, observation.orphans, registry, options);
  return { ...plan, groups: plan.groups.map((group, i) => ({ ...group, ...(results[i] as GroupOutcome) })), orphans };
}
