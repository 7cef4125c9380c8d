import { propertiesOffset, type PluginSection } from './plugin-ref.js';
import type { ProblemSink } from './problem-sink.js';
import type { GroupRead } from './read-group.js';
import type { SpecNode } from './spec-node.js';
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

/** How deep into a block's properties each key's place is kept: `HostConfig.PortBindings."80/tcp"` is three. */
const PLACED_DEPTH = 4;

/**
 * Places blocks in the file `sink` reports on: where the properties and each of their keys (to
 * PLACED_DEPTH levels) sit, found once, so that a block carries its positions and no longer needs
 * the file's text.
 */
export function placeWith(sink: ProblemSink): PlaceBlock {
  return (_kind, section) => {
    const whole = sink.posAt(propertiesOffset(section, undefined));
    const places = new Map<string, SourcePos>();
    const walk = (node: SpecNode | undefined, path: readonly string[]): void => {
      if (node === undefined || path.length >= PLACED_DEPTH) return;
      if (node.kind === 'map') {
        for (const entry of node.entries) {
          const at = [...path, entry.key];
          if (!places.has(pathKey(at))) places.set(pathKey(at), sink.posAt(entry.keyOffset));
          walk(entry.value, at);
        }
      } else if (node.kind === 'seq') {
        node.items.forEach((item, i) => {
          const at = [...path, String(i)];
          places.set(pathKey(at), sink.posAt(item.offset));
          walk(item, at);
        });
      }
    };
    walk(section.node, []);
    return placedAt(places, whole);
  };
}

/** A key path as one map key. */
export function pathKey(path: readonly string[]): string {
  return path.join('\0');
}

/** Where a key (or key path) sits: its own place, else its nearest parent's, else the properties'. */
export function placedAt(places: ReadonlyMap<string, SourcePos>, whole: SourcePos): PluginBlock['at'] {
  return (key) => {
    const path = key === undefined ? [] : typeof key === 'string' ? [key] : key;
    for (let n = path.length; n > 0; n -= 1) {
      const found = places.get(pathKey(path.slice(0, n)));
      if (found) return found;
    }
    return whole;
  };
}

/** Every key path of `properties` (plain data) to PLACED_DEPTH levels: what a stored block keeps a place for. */
export function keyPaths(properties: unknown, path: readonly string[] = []): string[][] {
  if (path.length >= PLACED_DEPTH || typeof properties !== 'object' || properties === null) return [];
  const entries: Array<[string, unknown]> = Array.isArray(properties)
    ? properties.map((item, i): [string, unknown] => [String(i), item])
    : Object.entries(properties);
  return entries.flatMap(([key, value]) => [[...path, key], ...keyPaths(value, [...path, key])]);
}
