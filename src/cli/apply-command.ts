import { type Command } from 'commander';
import { apply } from '../reconcile/apply.js';
import { planJson } from '../report/plan-json.js';
import { blockedLine, planText } from '../report/plan-text.js';
import { acquireApplyLock } from '../run/apply-lock.js';
import type { CommandContext } from './context.js';
import { print } from './io.js';
import { judgeOrReport } from './judge.js';
import { progressReporter } from './progress.js';

export interface ApplyFlags {
  json: boolean;
  lockTimeoutMs: number;
}

/**
 * `tend apply`: plan under the state folder's lock, refuse a blocked plan before any change,
 * then apply. Exit 0 when every group converged, 1 on error, blocked or not converged (README: Exit codes).
 */
export async function applyCommand(ctx: CommandContext, flags: ApplyFlags): Promise<number> {
  const abort = new AbortController();
  const release = await acquireApplyLock(ctx.config.stateDir, flags.lockTimeoutMs, (err) => {
    ctx.log.error(`lost the apply lock on ${ctx.config.stateDir}: ${err.message}; stopping, so that two applies never interleave`);
    abort.abort();
  });
  try {
    const planned = await judgeOrReport(ctx);
    if (!planned) return 1;
    const { plan, groups, observation } = planned;
    if (plan.blocked) {
      // The text form ends with the blocked line already; JSON readers still get it on stderr.
      print(ctx.io.out, flags.json ? planJson(plan) : planText(plan, 'plan'));
      if (flags.json) print(ctx.io.err, blockedLine(plan.blocked));
      return 1;
    }
    const onSignal = (): void => {
      ctx.log.warn('interrupted: finishing the calls in flight, starting nothing new (press Ctrl-C again to quit at once)');
      abort.abort();
      process.once('SIGINT', () => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    const { plan: applied, pruneErrors } = await apply(plan, groups, observation, ctx.registry, {
      concurrency: ctx.config.reconcile.concurrency,
      healthTimeoutMs: ctx.config.reconcile.healthTimeoutMs,
      healthPollMs: 100,
      revision: planned.revision.sha,
      onProgress: progressReporter(ctx.io.err),
      signal: abort.signal,
    }).finally(() => process.off('SIGINT', onSignal));
    print(ctx.io.out, flags.json ? planJson(applied) : planText(applied, 'apply'));
    for (const e of pruneErrors) ctx.log.error(`prune: ${e}`);
    return pruneErrors.length === 0 && applied.groups.every((g) => g.outcome === 'converged') ? 0 : 1;
  } finally {
    await release();
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
        '',
        'Exit codes: 0 every group converged, 1 error, blocked, or not converged.',
      ].join('\n'),
    );
}
