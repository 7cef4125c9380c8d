import { type Command } from 'commander';
import { planOnce } from '../pipeline/reconcile-once.js';
import { verdictOf } from '../outcome/verdict.js';
import type { CommandContext } from './context.js';
import { commandReporters } from './reporters.js';

/**
 * `tend plan` and `tend drift`: the same judgement, phrased as changes or as drift.
 * Exit 0 no changes / no drift, 1 error, 2 changes / drift found, orphans included (docs/commands.md: Exit codes).
 */
export async function planCommand(ctx: CommandContext, phrasing: 'plan' | 'drift'): Promise<number> {
  const reporters = await commandReporters(ctx, phrasing);
  return verdictOf(await planOnce({ ...ctx.ports, reporters }, ctx.planning)).exitCode;
}

export function describePlan(cmd: Command): Command {
  return cmd
    .description('Show what apply would change: per group desired vs observed, drift counts and actions')
    .addHelpText(
      'after',
      '\nExit codes: 0 no changes, 1 error (invalid specs, missing spec folder, plugin unreachable), 2 changes or drift found (orphans included).\nNothing is changed. --json prints the plan object documented in docs/commands.md.',
    );
}

export function describeDrift(cmd: Command): Command {
  return cmd
    .description('Check whether what exists matches the specs: missing, extra, stale, modified, unhealthy, orphans')
    .addHelpText('after', '\nExit codes: 0 no drift, 1 error, 2 drift found (orphans included). Nothing is changed.');
}
