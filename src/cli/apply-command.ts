import { type Command } from 'commander';
import { verdictOf } from '../outcome/verdict.js';
import { reconcileOnce } from '../pipeline/reconcile-once.js';
import { stateFolderLock } from '../compose/apply-lock.js';
import type { CommandContext } from './context.js';
import { stopOnSignals } from '../compose/stop-on-signals.js';
import { commandReporters } from './reporters.js';

/**
 * `tend apply`: plan under the state folder's lock, refuse a blocked plan before any change,
 * then apply; Ctrl-C or SIGTERM stops it between calls. Exit 0 when every group converged (and every
 * pruned orphan is gone), 1 on error, blocked, interrupted or not converged (docs/commands.md: Exit codes).
 */
export async function applyCommand(ctx: CommandContext): Promise<number> {
  const reporters = await commandReporters(ctx, 'apply');
  const stop = stopOnSignals(ctx.log);
  try {
    const ports = {
      ...ctx.ports,
      reporters,
      lock: stateFolderLock(ctx.config.stateDir, ctx.lockTimeoutMs, { holder: 'tend apply' }),
      signal: stop.signal,
    };
    return verdictOf(await reconcileOnce(ports, ctx.planning, ctx.apply)).exitCode;
  } finally {
    stop.dispose();
  }
}

export function describeApply(cmd: Command): Command {
  return cmd
    .description('Converge: create what is missing, destroy what is extra, replace stale, modified and unhealthy instances rolling')
    .addHelpText(
      'after',
      [
        '',
        'Safety: the destroy budget is checked before any change, and a blocked plan changes nothing.',
        'Orphans are kept unless --prune. Mode: report groups are never changed. One apply at a time',
        'per state folder (a lock). Replacements roll: at most MaxUnavailable down at a time, MaxSurge',
        'new ones first, each batch waiting for the flavor to report it healthy.',
        'Ctrl-C or SIGTERM: the calls in flight finish, nothing new starts, unfinished groups are',
        'reported as interrupted; a second one stops at once.',
        '',
        'Exit codes: 0 every group converged, 1 error, blocked, interrupted, or not converged.',
      ].join('\n'),
    );
}
