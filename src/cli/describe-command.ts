import type { Command } from 'commander';
import { observe } from '../reconcile/observe.js';
import type { Observation, ObservedInstance } from '../reconcile/types.js';
import type { Tags } from '../plugins/spi.js';
import type { CommandContext } from './context.js';
import { print } from './io.js';

/** One instance tend manages, as `describe --json` prints it. */
export interface DescribedInstance {
  group: string;
  id: string;
  logicalId: string | null;
  plugin: string;
  tags: Tags;
}

/**
 * Every instance tend manages (tagged `tend.group`), from every configured instance plugin: observed
 * against no desired group, so that all of them come back grouped (as orphans), sorted by group and ID.
 */
export async function observeManaged(ctx: CommandContext): Promise<Observation> {
  return observe([], ctx.registry, { concurrency: ctx.config.reconcile.concurrency });
}

export function managedInstances(observation: Observation, group?: string): DescribedInstance[] {
  const shown = (o: { group: string; plugin: string }, i: ObservedInstance): DescribedInstance => ({
    group: o.group,
    id: i.id,
    logicalId: i.logicalId,
    plugin: o.plugin,
    tags: i.tags,
  });
  return observation.orphans
    .filter((o) => group === undefined || o.group === group)
    .flatMap((o) => o.instances.map((i) => shown(o, i)))
    .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `tend describe [GROUP]`: lists observed instances with their tags. Exit 0, or 1 when a plugin could not be asked. */
export async function describeCommand(ctx: CommandContext, group: string | undefined, json: boolean): Promise<number> {
  const observation = await observeManaged(ctx);
  for (const u of observation.unreachable) ctx.log.error(u.error, { plugin: u.plugin });
  const instances = managedInstances(observation, group);
  if (json) {
    print(ctx.io.out, JSON.stringify(instances, null, 2));
  } else if (instances.length === 0 && observation.unreachable.length > 0) {
    print(ctx.io.out, 'No instances could be listed: an instance plugin could not be asked.');
  } else if (instances.length === 0) {
    print(ctx.io.out, group ? `No instances of group ${group}.` : 'No instances managed by tend.');
  } else {
    const rows = instances.map((i) => [i.group, i.id, i.logicalId ?? '-', i.plugin, formatTags(i.tags)]);
    print(ctx.io.out, table([['GROUP', 'INSTANCE', 'LOGICAL ID', 'PLUGIN', 'TAGS'], ...rows]));
  }
  return observation.unreachable.length > 0 ? 1 : 0;
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
    .addHelpText('after', "\nWith GROUP, only that group's instances. Exit codes: 0 listed, 1 a plugin could not be asked.");
}
