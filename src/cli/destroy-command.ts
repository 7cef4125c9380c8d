import type { Command } from 'commander';
import { destroyGroup } from '../pipeline/destroy-group.js';
import { blockedLine } from '../report/plan-text.js';
import { stateFolderLock } from '../compose/apply-lock.js';
import type { CommandContext } from './context.js';
import { reportFailure } from './failure.js';
import { stopOnSignals } from '../compose/stop-on-signals.js';
import { print } from './io.js';
import { progressReporter } from './progress.js';

/**
 * `tend destroy GROUP`: removes every instance of the group through its plugin, under the apply
 * lock and within the destroy budget unless forced. Exit 0 when all were destroyed (or there was
 * nothing to destroy), 1 otherwise.
 */
export async function destroyCommand(ctx: CommandContext, group: string, force: boolean): Promise<number> {
  const stop = stopOnSignals(ctx.log);
  try {
    const ports = {
      ...ctx.ports,
      lock: stateFolderLock(ctx.config.stateDir, ctx.lockTimeoutMs, { holder: 'tend destroy' }),
      signal: stop.signal,
      onProgress: progressReporter(ctx.io.err),
    };
    const { maxDestroy, maxDestroyPercent } = ctx.planning.policy;
    const options = {
      force,
      shard: ctx.planning.shard,
      budget: { maxDestroy, maxDestroyPercent },
      maxGroupSize: ctx.planning.maxGroupSize,
    };
    const result = await destroyGroup(ports, group, options, ctx.apply);
    switch (result.kind) {
      case 'failed':
        return reportFailure(ctx.io, ctx.log, false, result.error, result.problems);
      case 'nothing':
        print(ctx.io.out, `No instances of group ${group}: nothing to destroy (tend describe lists the groups tend manages).`);
        return 0;
      case 'blocked':
        print(ctx.io.err, blockedLine(result.blocked));
        print(ctx.io.err, 'Pass --force to destroy the whole group regardless.');
        return 1;
      case 'destroyed': {
        const { total, left, orphan, stopped } = result;
        if (orphan.outcomeError) ctx.log.error(orphan.outcomeError.message, { code: orphan.outcomeError.code });
        const note = stopped ? ` (${stopped.code === 'LOCK_LOST' ? 'stopped: the apply lock was lost' : 'interrupted'})` : '';
        print(ctx.io.out, `Destroyed ${total - left} of ${total} instances of group ${group}${note}.`);
        return left === 0 && orphan.outcome === 'destroyed' && stopped === null ? 0 : 1;
      }
    }
  } finally {
    stop.dispose();
  }
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
        'With --shard, a group of another shard is refused. Ctrl-C stops it between destroys.',
        'Exit codes: 0 all destroyed or nothing to destroy, 1 error, blocked, interrupted, or some left.',
      ].join('\n'),
    );
}
