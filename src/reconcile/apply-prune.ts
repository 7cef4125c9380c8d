import type { PluginRegistry } from '../plugins/spi.js';
import { explained, interruption, runError, type RunError } from '../errors.js';
import type { ApplyOptions } from './apply-context.js';
import { destroyUnlessGone } from './apply-instance-ops.js';
import { INSTANCE_CALL_WIDTH, runBounded } from './bounded.js';
import { unpruned, type AppliedOrphan, type PruneOutcome } from './applied-plan.js';
import type { ObservedOrphan, OrphanPlan } from './types.js';

/** How one (group, plugin) prune ended: every instance gone, a plugin failure, or an abort. */
interface PruneRun {
  outcome: PruneOutcome;
  error: RunError | null;
}

/** Destroys one orphan group's instances held by one plugin. */
async function pruneFromPlugin(orphan: ObservedOrphan, registry: PluginRegistry, options: ApplyOptions): Promise<PruneRun> {
  const progress = (message: string): void => options.onProgress?.(orphan.group, message);
  const total = orphan.instances.length;
  try {
    const plugin = registry.instance(orphan.plugin);
    progress(`pruning ${total}`);
    const run = await runBounded(orphan.instances, (instance) => destroyUnlessGone(plugin, instance.id, 'terminate'), {
      width: INSTANCE_CALL_WIDTH,
      stop: () => options.signal?.aborted === true,
      onCount: (count) => progress(`pruned ${count}/${total}`),
    });
    if (run.error !== null) return { outcome: 'failed', error: explained(run.error, `stopped after destroying ${run.done} of ${total}`) };
    if (run.stopped) return { outcome: 'interrupted', error: interruption(`interrupted after destroying ${run.done} of ${total}`) };
    return { outcome: 'destroyed', error: null };
  } catch (err) {
    return { outcome: 'failed', error: runError(err) };
  }
}

/**
 * Destroys the instances of every orphan group the plan marks `destroy` (prune), through the
 * plugin that reported them, context `terminate`, and returns every orphan with how its prune
 * ended: `destroyed`, `failed` (the error names the plugin and how far it got: `instance-file:
 * stopped after destroying 1 of 3: …`), `interrupted`, or null when it was not pruned. No drain: no flavor is known for a group
 * that left the specs. Each (group, plugin) stops at its first failure; the others go on. Never rejects.
 */
export async function pruneOrphans(
  plans: readonly OrphanPlan[],
  orphans: readonly ObservedOrphan[],
  registry: PluginRegistry,
  options: ApplyOptions,
): Promise<AppliedOrphan[]> {
  const pruned = new Set(plans.filter((plan) => plan.action === 'destroy').map((plan) => plan.group));
  const results = new Map<string, PruneRun[]>();
  for (const orphan of orphans) {
    if (!pruned.has(orphan.group) || orphan.instances.length === 0) continue;
    const run = await pruneFromPlugin(orphan, registry, options);
    if (run.error !== null) {
      run.error = explained(run.error, orphan.plugin);
      options.onProgress?.(orphan.group, `prune ${run.outcome}: ${run.error.message}`);
    }
    results.set(orphan.group, [...(results.get(orphan.group) ?? []), run]);
  }
  return plans.map((plan) => {
    const runs = results.get(plan.group);
    if (plan.action !== 'destroy' || !runs) return unpruned(plan);
    const worst = runs.find((r) => r.outcome === 'failed') ?? runs.find((r) => r.outcome === 'interrupted') ?? runs[0];
    const errors = runs.flatMap((r) => (r.error === null ? [] : [r.error]));
    // One error per orphan group: the worst one's code, every plugin's words.
    const first = errors[0];
    const outcomeError = first === undefined ? null : { ...first, message: errors.map((e) => e.message).join('; ') };
    return { ...plan, outcome: worst?.outcome ?? 'destroyed', outcomeError };
  });
}
