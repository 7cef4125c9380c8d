import { type Command } from 'commander';
import { errorMessage } from '../errors.js';
import { TAG_GROUP } from '../reconcile/tags.js';
import type { PluginRegistry, Tags } from '../plugins/spi.js';
import type { CommandContext } from './context.js';
import { print } from './io.js';

export interface DescribedInstance {
  group: string;
  id: string;
  logicalId: string | null;
  plugin: string;
  tags: Tags;
}

/** Every instance tend manages (tagged `tend.group`), from every configured instance plugin, sorted by group and ID. */
export async function listManagedInstances(
  registry: PluginRegistry,
  group?: string,
): Promise<{ instances: DescribedInstance[]; errors: string[] }> {
  const filter: Tags = group === undefined ? {} : { [TAG_GROUP]: group };
  const instances: DescribedInstance[] = [];
  const errors: string[] = [];
  for (const [plugin, instancePlugin] of registry.instancePlugins()) {
    try {
      for (const d of await instancePlugin.describeInstances(filter)) {
        const owner = d.Tags[TAG_GROUP];
        if (owner) instances.push({ group: owner, id: d.ID, logicalId: d.LogicalID, plugin, tags: d.Tags });
      }
    } catch (err) {
      errors.push(errorMessage(err));
    }
  }
  instances.sort((a, b) => a.group.localeCompare(b.group) || a.id.localeCompare(b.id));
  return { instances, errors };
}

/** `tend describe [GROUP]`: lists observed instances with their tags. Exit 0, or 1 when a plugin could not be asked. */
export async function describeCommand(ctx: CommandContext, group: string | undefined, json: boolean): Promise<number> {
  const { instances, errors } = await listManagedInstances(ctx.registry, group);
  for (const e of errors) ctx.log.error(e);
  if (json) {
    print(ctx.io.out, JSON.stringify(instances, null, 2));
  } else if (instances.length === 0) {
    print(ctx.io.out, group ? `No instances of group ${group}.` : 'No instances managed by tend.');
  } else {
    const rows = instances.map((i) => [i.group, i.id, i.logicalId ?? '-', i.plugin, formatTags(i.tags)]);
    print(ctx.io.out, table([['GROUP', 'INSTANCE', 'LOGICAL ID', 'PLUGIN', 'TAGS'], ...rows]));
  }
  return errors.length > 0 ? 1 : 0;
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
