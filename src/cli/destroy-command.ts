import type { Command } from 'commander';
import { TendError, errorMessage } from '../errors.js';
import { apply } from '../reconcile/apply.js';
import { checkSpecs } from '../reconcile/judge-revision.js';
import { planDestroy } from '../reconcile/plan-destroy.js';
import { blockedLine } from '../report/plan-text.js';
import { acquireApplyLock } from '../run/apply-lock.js';
import type { CommandContext } from './context.js';
import { managedInstances, observeManaged } from './describe-command.js';
import { print } from './io.js';

/**
 * `tend destroy GROUP`: removes every instance of the group through its plugin, under the apply
 * lock and within the destroy budget unless forced. Exit 0 when all were destroyed, 1 otherwise.
 */
export async function destroyCommand(ctx: CommandContext, group: string, force: boolean, lockTimeoutMs: number): Promise<number> {
  const release = await acquireApplyLock(ctx.config.stateDir, lockTimeoutMs, (err) => ctx.log.error(err.message));
  try {
    const observation = await observeManaged(ctx);
    if (observation.unreachable.length > 0) {
      const why = observation.unreachable.map((u) => u.error).join('; ');
      throw new TendError('PLUGIN_ERROR', `cannot list group ${group}, so nothing was destroyed: ${why}`);
    }
    const found = observation.orphans.filter((o) => o.group === group);
    if (found.length === 0)
      throw new TendError('GROUP_NOT_FOUND', `no instances of group ${group} were found (tend describe lists the groups it manages)`);
    const inSpecs = await groupInSpecs(ctx, group);
    if (inSpecs === 'yes')
      ctx.log.warn(`group ${group} is still in the specs: the next apply will create it again; remove its spec to retire it`);
    const plan = planDestroy(group, found, inSpecs !== 'no', ctx.config.reconcile);
    if (plan.blocked && !force) {
      print(ctx.io.err, blockedLine(plan.blocked));
      print(ctx.io.err, 'Pass --force to destroy the whole group regardless.');
      return 1;
    }
    const { pruneErrors } = await apply({ ...plan, blocked: null }, [], { ...observation, orphans: found }, ctx.registry, {
      concurrency: 1,
      healthTimeoutMs: ctx.config.reconcile.healthTimeoutMs,
      healthPollMs: 100,
      revision: null,
    });
    for (const e of pruneErrors) ctx.log.error(e);
    const total = plan.summary.destroy;
    const after = await observeManaged(ctx);
    if (after.unreachable.length > 0)
      throw new TendError('PLUGIN_ERROR', `destroyed what could be; cannot tell what is left of group ${group}`);
    const left = managedInstances(after, group).length;
    print(ctx.io.out, `Destroyed ${total - left} of ${total} instances of group ${group}.`);
    return left === 0 && pruneErrors.length === 0 ? 0 : 1;
  } finally {
    await release();
  }
}

/**
 * Whether the specs still hold the group. Specs that cannot be judged count as yes, the safe side:
 * the percentage limit then stays on, and a warning says why.
 */
async function groupInSpecs(ctx: CommandContext, group: string): Promise<'yes' | 'no' | 'unknown'> {
  try {
    const result = await checkSpecs(await ctx.source.read(), ctx.registry);
    if (result.ok) return result.groups.some((g) => g.id === group) ? 'yes' : 'no';
    ctx.log.warn(`the specs are invalid (tend validate says why), so group ${group} is treated as still in them`);
  } catch (err) {
    ctx.log.warn(`the specs cannot be read (${errorMessage(err)}), so group ${group} is treated as still in them`);
  }
  return 'unknown';
}

export function describeDestroy(cmd: Command): Command {
  return cmd
    .description('Destroy every instance of a group (without draining), within the destroy budget unless --force')
    .addHelpText(
      'after',
      [
        '',
        'The budget: at most --max-destroy instances; and while the group is still in the specs, at most',
        '--max-destroy-percent of it (so destroying a whole group that apply would recreate needs --force).',
        'If GROUP is still in the specs, the next apply creates it again: remove its spec first.',
        'Exit codes: 0 all destroyed, 1 error, blocked, or some left.',
      ].join('\n'),
    );
}
