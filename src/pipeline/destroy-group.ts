import { TendError } from '../errors.js';
import { apply } from '../reconcile/apply.js';
import type { ValidateAndPlanOptions } from '../reconcile/validate-and-plan.js';
import { planDestroy } from '../reconcile/plan-destroy.js';
import type { AppliedOrphan } from '../reconcile/applied-plan.js';
import type { BudgetBlock } from '../reconcile/types.js';
import { inShard, type Shard } from '../group-spec/shard.js';
import { managedInstances, observeManaged } from './describe-managed.js';
import { validateSpecs } from './read-and-plan.js';
import type { ApplySettings, LockPorts } from './ports.js';
import { failed, type Failed } from './results.js';
import { underLock } from './under-lock.js';

export type DestroyResult =
  | Failed
  | { kind: 'nothing' }
  | { kind: 'blocked'; blocked: BudgetBlock; total: number }
  | { kind: 'destroyed'; total: number; left: number; orphan: AppliedOrphan; stopped: TendError | null };

export interface DestroyOptions {
  force: boolean;
  shard: Shard | null;
  budget: Pick<ValidateAndPlanOptions['policy'], 'maxDestroy' | 'maxDestroyPercent'>;
  maxGroupSize?: number;
}

/**
 * `tend destroy GROUP` for any driver: under the apply lock, every instance of the group goes,
 * each through the plugin that reported it, within the destroy budget unless forced (docs/commands.md:
 * Safety). A group of another shard is refused; a group with no instances is nothing to do. A stop
 * of the driver's signal or a lost lock stops new destroys; what is left is counted afterwards.
 */
export async function destroyGroup(
  ports: LockPorts & { onProgress?: (group: string, message: string) => void },
  group: string,
  options: DestroyOptions,
  settings: ApplySettings,
): Promise<DestroyResult> {
  if (!inShard(group, options.shard)) {
    const shard = options.shard as Shard;
    const message = `group ${group} is not in shard ${shard.index}/${shard.count}, so this run leaves it alone; run destroy with the shard that holds it, or without --shard`;
    return failed(new TendError('NOT_IN_SHARD', message));
  }
  return underLock(ports, async (stop): Promise<DestroyResult> => {
    const observation = await observeManaged(ports, settings.concurrency);
    if (observation.unreachable.length > 0) {
      const why = observation.unreachable.map((u) => u.error.message).join('; ');
      return failed(new TendError('PLUGIN_ERROR', `cannot list group ${group}, so nothing was destroyed: ${why}`, { transient: true }));
    }
    const found = observation.orphans.filter((o) => o.group === group);
    if (found.length === 0) return { kind: 'nothing' };
    const specs = await validateSpecs(ports, { maxGroupSize: options.maxGroupSize, concurrency: settings.concurrency });
    if (specs.kind === 'failed' && specs.error.code === 'SPEC_PATH_MISSING') return specs;
    const inSpecs = specs.kind === 'failed' ? 'unknown' : specs.groups.some((g) => g.id === group) ? 'yes' : 'no';
    if (inSpecs === 'yes')
      ports.log.warn(`group ${group} is still in the specs: the next apply will create it again; remove its spec to retire it`);
    if (inSpecs === 'unknown')
      ports.log.warn(`the specs are invalid, so group ${group} is treated as still in them (the percentage limit holds)`);
    const plan = planDestroy(group, found, inSpecs !== 'no', options.budget);
    const total = plan.summary.destroy;
    if (plan.blocked && !options.force) return { kind: 'blocked', blocked: plan.blocked, total };

    const applied = await apply({ ...plan, blocked: null }, [], { ...observation, orphans: found }, ports.registry, {
      ...settings,
      concurrency: 1,
      revision: null,
      onProgress: ports.onProgress,
      signal: stop.signal,
    });
    const after = await observeManaged(ports, settings.concurrency);
    if (after.unreachable.length > 0) {
      return failed(
        new TendError('PLUGIN_ERROR', `destroyed what could be; cannot tell what is left of group ${group}`, { transient: true }),
      );
    }
    const left = managedInstances(after, group, null).length;
    return { kind: 'destroyed', total, left, orphan: applied.orphans[0] as AppliedOrphan, stopped: stop.reason() };
  });
}
