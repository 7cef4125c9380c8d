import type { Command } from 'commander';
import { TendError } from '../errors.js';
import { describeManaged } from '../pipeline/describe-managed.js';
import type { Tags } from '../plugins/spi.js';
import type { CommandContext } from './context.js';
import { reportFailure } from './failure.js';
import { print } from './io.js';

/**
 * `tend describe [GROUP]`: lists observed instances with their tags, within the shard. Exit 0, or 1
 * when a plugin could not be asked (what the others hold is still listed, in text).
 */
export async function describeCommand(ctx: CommandContext, group: string | undefined): Promise<number> {
  const { instances, unreachable } = await describeManaged(
    ctx.ports,
    { group, shard: ctx.planning.shard },
    { concurrency: ctx.config.reconcile.concurrency, maxGroupSize: ctx.planning.maxGroupSize },
  );
  if (unreachable.length > 0) {
    const why = unreachable.map((u) => u.error.message).join('; ');
    const error = new TendError('PLUGIN_ERROR', `not every instance could be listed: ${why}`, { transient: true });
    if (ctx.json) return reportFailure(ctx.io, ctx.log, true, error);
    ctx.log.error(error.message, { code: error.code });
  }
  if (ctx.json) {
    print(ctx.io.out, JSON.stringify(instances, null, 2));
  } else if (instances.length === 0 && unreachable.length > 0) {
    print(ctx.io.out, 'No instances could be listed: an instance plugin could not be asked.');
  } else if (instances.length === 0) {
    print(ctx.io.out, group ? `No instances of group ${group}.` : 'No instances managed by tend.');
  } else {
    const spec = (orphan: boolean | null): string => (orphan === null ? '?' : orphan ? 'orphan' : 'yes');
    const rows = instances.map((i) => [i.group, i.id, i.logicalId ?? '-', i.plugin, spec(i.orphan), formatTags(i.tags)]);
    print(ctx.io.out, table([['GROUP', 'INSTANCE', 'LOGICAL ID', 'PLUGIN', 'IN SPECS', 'TAGS'], ...rows]));
  }
  return unreachable.length > 0 ? 1 : 0;
}

function formatTags(tags: Tags): string {
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}=${tags[k]}`)
    .join(',');
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ')).join('\n');
}

export function describeDescribe(cmd: Command): Command {
  return cmd
    .description('List the instances tend manages, with their tags, as the instance plugins report them')
    .addHelpText(
      'after',
      [
        '',
        "With GROUP, only that group's instances; with --shard, only the shard's groups. IN SPECS says",
        'whether the group is in the specs (--specs, or --repo at --ref): an orphan is what --prune destroys.',
        'Exit codes: 0 listed, 1 a plugin could not be asked.',
      ].join('\n'),
    );
}
