import { propertiesOffset, type PluginSection } from './plugin-ref.js';
import type { ProblemSink } from './problem-sink.js';
import type { GroupRead } from './read-group.js';
import type { PluginBlock } from './types.js';

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

/** Places blocks in the file `sink` reports on, from the offsets the precise readers give. */
export function placeWith(sink: ProblemSink): PlaceBlock {
  return (_kind, section) => (key) => sink.posAt(propertiesOffset(section, key));
}
