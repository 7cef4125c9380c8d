import type { PluginRegistry } from '../plugins/spi.js';
import { errorMessage } from '../errors.js';
import type { ApplyOptions } from './apply-context.js';
import { INSTANCE_CALL_WIDTH, runBounded } from './bounded.js';
import type { ObservedOrphan, OrphanPlan } from './types.js';

/** Destroys one orphan group's instances held by one plugin; returns why it stopped, or null. */
async function pruneFromPlugin(orphan: ObservedOrphan, registry: PluginRegistry, options: ApplyOptions): Promise<string | null> {
  const progress = (message: string): void => options.onProgress?.(orphan.group, message);
  try {
    const plugin = registry.instance(orphan.plugin);
    const total = orphan.instances.length;
    progress(`pruning ${total}`);
    const run = await runBounded(orphan.instances, (instance) => plugin.destroy(instance.id, 'terminate'), {
      width: INSTANCE_CALL_WIDTH,
      stop: () => options.signal?.aborted === true,
      onCount: (count) => progress(`pruned ${count}/${total}`),
    });
    if (run.error !== null) return `stopped after destroying ${run.done} of ${total}: ${run.error}`;
    if (run.stopped) return `interrupted after destroying ${run.done} of ${total}`;
    return null;
  } catch (err) {
    return errorMessage(err);
  }
}

/**
 * Destroys the instances of every orphan group the plan marks `destroy` (prune), through the
 * plugin that reported them, context `terminate`. No drain: no flavor is known for a group that
 * left the specs. Each (group, plugin) stops at its first failure; the others go on. Returns one
 * message per failure, `old (instance-file): stopped after destroying 1 of 3: …`, also told to
 * onProgress; never rejects.
 */
export async function pruneOrphans(
  plans: readonly OrphanPlan[],
  orphans: readonly ObservedOrphan[],
  registry: PluginRegistry,
  options: ApplyOptions,
): Promise<string[]> {
  const pruned = new Set(plans.filter((plan) => plan.action === 'destroy').map((plan) => plan.group));
  const errors: string[] = [];
  for (const orphan of orphans) {
    if (!pruned.has(orphan.group) || orphan.instances.length === 0) continue;
    const why = await pruneFromPlugin(orphan, registry, options);
    if (why !== null) {
      errors.push(`${orphan.group} (${orphan.plugin}): ${why}`);
      options.onProgress?.(orphan.group, `prune failed: ${why}`);
    }
  }
  return errors;
}
