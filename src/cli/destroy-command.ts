import { type Command } from 'commander';
import { TendError } from '../errors.js';
import { apply } from '../reconcile/apply.js';
import type { ObservedInstance, Plan } from '../reconcile/types.js';
import { blockedLine } from '../report/plan-text.js';
import { acquireApplyLock } from '../run/apply-lock.js';
import type { CommandContext } from './context.js';
import { listManagedInstances } from './describe-command.js';
import { print } from './io.js';

/**
 * `tend destroy GROUP`: removes every instance of the group through its plugin, under the apply
 * lock and within the destroy budget unless forced. Exit 0 when all were destroyed, 1 otherwise.
 */
export async function destroyCommand(ctx: CommandContext, group: string, force: boolean, lockTimeoutMs: number): Promise<number> {
  const release = await acquireApplyLock(ctx.config.stateDir, lockTimeoutMs, (err) => ctx.log.error(err.message));
  try {
    const { instances, errors } = await listManagedInstances(ctx.registry, group);
    if (errors.length > 0) throw new TendError('PLUGIN_ERROR', `cannot list group ${group}: ${errors.join('; ')}`);
    if (instances.length === 0)
      throw new TendError('GROUP_NOT_FOUND', `no instances of group ${group} were found (tend describe lists the groups it manages)`);
    const { maxDestroy, maxDestroyPercent } = ctx.config.reconcile;
    const budget = Math.min(maxDestroy, Math.floor((instances.length * maxDestroyPercent) / 100));
    if (!force && instances.length > budget) {
      print(ctx.io.err, blockedLine({ reason: 'destroy budget', destroy: instances.length, budget, group }));
      print(ctx.io.err, 'Pass --force to destroy the whole group regardless.');
      return 1;
    }
    const plan = orphanPlan(group, instances.length);
    const byPlugin = new Map<string, ObservedInstance[]>();
    for (const i of instances) {
      const list = byPlugin.get(i.plugin) ?? [];
      list.push({ id: i.id, plugin: i.plugin, logicalId: i.logicalId, tags: i.tags, modified: false, health: 0, created: '' });
      byPlugin.set(i.plugin, list);
    }
    const observation = { groups: new Map(), orphans: [...byPlugin].map(([plugin, list]) => ({ group, plugin, instances: list })) };
    const { pruneErrors } = await apply(plan, [], observation, ctx.registry, {
      concurrency: 1,
      healthTimeoutMs: ctx.config.reconcile.healthTimeoutMs,
      healthPollMs: 100,
      revision: null,
    });
    for (const e of pruneErrors) ctx.log.error(e);
    const { instances: left } = await listManagedInstances(ctx.registry, group);
    print(ctx.io.out, `Destroyed ${instances.length - left.length} of ${instances.length} instances of group ${group}.`);
    return left.length === 0 ? 0 : 1;
  } finally {
    await release();
  }
}

function orphanPlan(group: string, instances: number): Plan {
  return {
    revision: null,
    groups: [],
    orphans: [{ group, instances, action: 'destroy' }],
    summary: { groups: 0, drifted: 0, create: 0, destroy: instances, replace: 0, errors: 0 },
    blocked: null,
  };
}

export function describeDestroy(cmd: Command): Command {
  return cmd
    .description('Destroy every instance of a group (drain-free), within the destroy budget unless --force')
    .addHelpText(
      'after',
      '\nIf GROUP is still in the specs, the next apply creates it again: remove its spec first.\nExit codes: 0 all destroyed, 1 error, blocked, or some left.',
    );
}
