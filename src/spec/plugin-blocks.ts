import { propertiesOffset, type PluginSection } from './plugin-ref.js';
import type { ProblemSink } from './problem-sink.js';
import type { GroupRead } from './read-group.js';
import type { PluginBlock, SourcePos } from './types.js';

/** Places a block of a given kind: where its properties, or one of their keys, sit. */
export type PlaceBlock = (kind: PluginBlock['kind'], section: PluginSection) => PluginBlock['at'];

/**
 * The blocks of one group its plugins check: the Instance block when it is well formed, the Flavor
 * block when it is and the allocation could be read (a flavor validates against it), each placed by `place`.
 */
export function pluginBlocks(read: GroupRead, place: PlaceBlock): PluginBlock[] {
  const blocks: PluginBlock[] = [];
  const { instance, flavor, allocation } = read;
  if (instance)
    blocks.push({ kind: 'instance', plugin: instance.plugin, properties: instance.properties, at: place('instance', instance) });
  if (flavor && allocation) {
    blocks.push({ kind: 'flavor', plugin: flavor.plugin, properties: flavor.properties, allocation, at: place('flavor', flavor) });
  }
  return blocks;
}

/**
 * Places blocks in the file `sink` reports on: where the properties and each of their top-level
 * keys sit, found once, so that a block carries its positions and no longer needs the file's text.
 */
export function placeWith(sink: ProblemSink): PlaceBlock {
  return (_kind, section) => {
    const whole = sink.posAt(propertiesOffset(section, undefined));
    const keys = new Map<string, SourcePos>();
    if (section.node?.kind === 'map') {
      for (const entry of section.node.entries) if (!keys.has(entry.key)) keys.set(entry.key, sink.posAt(entry.keyOffset));
    }
    return (key) => (key === undefined ? undefined : keys.get(key)) ?? whole;
  };
}
