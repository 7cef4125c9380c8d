import { toPlainValue } from './plain-value.js';
import type { ProblemSink } from './problem-sink.js';
import { joinPath, readMapping, requireKey } from './read-mapping.js';
import type { Mapping } from './read-mapping.js';
import { readString } from './field-values.js';
import type { SpecNode } from './spec-node.js';
import type { SpecContext } from './types.js';
import { pluginBaseName, type PluginKind } from '../plugins/spi.js';

/** An Instance or Flavor section as read: the plugin, its opaque properties, and where they sit. */
export interface PluginSection {
  plugin: string;
  /** As parsed; null when absent. */
  properties: unknown;
  /** Offset of the properties value, or of the section's key when they are absent. */
  propertiesOffset: number;
  /** The properties as written, to find their keys in. */
  node: SpecNode | undefined;
}

/**
 * Reads `Properties.Instance` or `Properties.Flavor`: `{Plugin, Properties?}`, where Plugin names a
 * configured plugin, optionally with a sub-type after `/` (`flavor-kubernetes/manager`).
 * Returns undefined when any problem was reported.
 */
export function readPluginSection(
  props: Mapping,
  key: 'Instance' | 'Flavor',
  ctx: SpecContext,
  sink: ProblemSink,
): PluginSection | undefined {
  const entry = requireKey(props, key, sink);
  if (!entry) return undefined;
  const path = joinPath(props.path, key);
  // An unknown key (`Propertes:`) leaves the section undefined: its plugin would judge what was not meant.
  const before = sink.problemCount;
  const section = readMapping(entry.value, path, entry.keyOffset, ['Plugin', 'Properties'], sink);
  if (!section) return undefined;
  const pluginEntry = requireKey(section, 'Plugin', sink);
  const pluginPath = joinPath(section.path, 'Plugin');
  const plugin = pluginEntry && readString(pluginEntry.value, pluginPath, sink);
  if (plugin !== undefined && pluginEntry) {
    const kind = key === 'Instance' ? 'instance' : 'flavor';
    checkPluginName(plugin, kind, pluginEntry.value.offset, pluginPath, ctx, sink);
  }
  const propsEntry = section.get('Properties');
  const properties = propsEntry ? toPlainValue(propsEntry.value, joinPath(section.path, 'Properties'), sink) : null;
  if (plugin === undefined || sink.problemCount > before) return undefined;
  const node = propsEntry?.value;
  return { plugin, properties, propertiesOffset: node ? node.offset : entry.keyOffset, node };
}

/** Where a key (or a path of keys and list indexes) of the section's properties sits, as deep as it is there; else where the properties do. */
export function propertiesOffset(section: PluginSection, key: string | readonly string[] | undefined): number {
  let offset = section.propertiesOffset;
  let node = section.node;
  for (const part of typeof key === 'string' ? [key] : (key ?? [])) {
    if (node?.kind === 'map') {
      const entry = node.entries.find((e) => e.key === part);
      if (!entry) break;
      offset = entry.keyOffset;
      node = entry.value;
    } else if (node?.kind === 'seq' && /^\d+$/.test(part) && Number(part) < node.items.length) {
      node = node.items[Number(part)];
      offset = node?.offset ?? offset;
    } else {
      break;
    }
  }
  return offset;
}

function checkPluginName(plugin: string, kind: PluginKind, offset: number, path: string, ctx: SpecContext, sink: ProblemSink): void {
  const base = pluginBaseName(plugin);
  if (base.trim() === '') {
    sink.error('SPEC_VALUE', offset, path, 'must name a configured plugin, as "name" or "name/type"');
    return;
  }
  const [wanted, other] = kind === 'instance' ? [ctx.instancePlugins, ctx.flavorPlugins] : [ctx.flavorPlugins, ctx.instancePlugins];
  if (wanted.has(base)) return;
  const configured = [...wanted].sort().join(', ') || 'none';
  const otherKind = kind === 'instance' ? 'flavor' : 'instance';
  const message = other.has(base)
    ? `${JSON.stringify(base)} is configured as ${otherKind === 'instance' ? 'an instance' : 'a flavor'} plugin, not ${kind === 'instance' ? 'an instance' : 'a flavor'} plugin (${kind} plugins: ${configured})`
    : `${kind} ${JSON.stringify(base)} is not configured (configured: ${configured})`;
  sink.error('SPEC_UNKNOWN_PLUGIN', offset, path, message);
}
