import type { InstanceDescription } from '../plugins/spi.js';
import type { ObservedInstance, ObservedOrphan } from './types.js';
import { TAG_CREATED, TAG_GROUP, TAG_LOGICAL_ID } from './tags.js';

/** What one instance plugin answered to a describe of everything. */
export interface PluginAnswer {
  plugin: string;
  descriptions: readonly InstanceDescription[];
}

/** An instance of a desired group, with the description it was made from (for flavor calls). */
export interface Member {
  description: InstanceDescription;
  instance: ObservedInstance;
}

export interface Partition {
  /** Instances of desired groups by group ID, from every plugin. */
  members: Map<string, Member[]>;
  /** One entry per (group, plugin) of groups not desired, sorted by group then plugin. */
  orphans: ObservedOrphan[];
}

/**
 * Splits every plugin's descriptions by their `tend.group` tag. Descriptions without that tag are
 * not tend's and are left out; those of groups not in `desired` are orphans.
 */
export function partitionByGroup(described: readonly PluginAnswer[], desired: ReadonlySet<string>): Partition {
  const members = new Map<string, Member[]>();
  const orphans = new Map<string, ObservedOrphan>();
  for (const { plugin, descriptions } of described) {
    for (const description of descriptions) {
      const group = (description.Tags ?? {})[TAG_GROUP];
      if (!group) continue;
      const instance = toObservedInstance(plugin, description);
      if (desired.has(group)) {
        const list = members.get(group) ?? [];
        list.push({ description, instance });
        members.set(group, list);
        continue;
      }
      const key = JSON.stringify([group, plugin]);
      const orphan = orphans.get(key) ?? { group, plugin, instances: [] };
      orphan.instances.push(instance);
      orphans.set(key, orphan);
    }
  }
  return { members, orphans: [...orphans.values()].sort(byGroupThenPlugin) };
}

/** An instance as first seen: not yet judged (not modified, health unknown). */
function toObservedInstance(plugin: string, description: InstanceDescription): ObservedInstance {
  // Plugins written against the wire may send null Tags (InfraKit's instance-file does).
  const tags = description.Tags ?? {};
  return {
    id: description.ID,
    plugin,
    logicalId: description.LogicalID ?? tags[TAG_LOGICAL_ID] ?? null,
    tags,
    modified: false,
    health: 0,
    created: tags[TAG_CREATED] ?? '',
  };
}

function byGroupThenPlugin(a: ObservedOrphan, b: ObservedOrphan): number {
  const ka = JSON.stringify([a.group, a.plugin]);
  const kb = JSON.stringify([b.group, b.plugin]);
  if (ka < kb) return -1;
  return ka > kb ? 1 : 0;
}
