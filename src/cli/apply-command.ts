import { type Command } from 'commander';
import { applyRevision } from '../pipeline/apply-revision.js';
import type { Plan } from '../reconcile/types.js';
import { planJson } from '../report/plan-json.js';
import { blockedLine, planText } from '../report/plan-text.js';
import { stateFolderLock } from '../run/apply-lock.js';
import type { CommandContext } from './context.js';
import { reportFailure } from './failure.js';
import { stopOnSignals } from './interrupts.js';
import { print } from './io.js';
import { progressReporter } from './progress.js';

/**
 * `tend apply`: plan under the state folder's lock, refuse a blocked plan before any change,
 * then apply; Ctrl-C or SIGTERM stops it between calls. Exit 0 when every group converged (and every
 * pruned orphan is gone), 1 on error, blocked, interrupted or not converged (README: Exit codes).
 */
export async function applyCommand(ctx: CommandContext): Promise<number> {
  const stop = stopOnSignals(ctx.log);
  try {
    const ports = {
      ...ctx.ports,
      lock: stateFolderLock(ctx.config.stateDir, ctx.lockTimeoutMs),
      signal: stop.signal,
      onProgress: progressReporter(ctx.io.err),
    };
    const result = await applyRevision(ports, ctx.judge, ctx.apply);
    if (result.kind === 'failed') return reportFailure(ctx.io, ctx.log, ctx.json, result.error, result.problems);
    const { plan } = result;
    if (result.kind === 'blocked') {
      // The text form ends with the blocked line already; JSON readers still get it on stderr.
      print(ctx.io.out, ctx.json ? planJson(plan) : planText(plan, 'plan'));
      if (ctx.json && plan.blocked) print(ctx.io.err, blockedLine(plan.blocked));
      return 1;
    }
    print(ctx.io.out, ctx.json ? planJson(plan) : planText(plan, 'apply'));
    for (const o of plan.orphans)
      if (o.outcomeError) ctx.log.error(`prune of ${o.group}: ${o.outcomeError.message}`, { code: o.outcomeError.code });
    return converged(plan) && result.stopped === null ? 0 : 1;
  } finally {
    stop.dispose();
  }
}

function converged(plan: Plan): boolean {
  return (
    plan.groups.every((g) => g.outcome === 'converged') && plan.orphans.every((o) => o.outcome === undefined || o.outcome === 'destroyed')
  );
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
