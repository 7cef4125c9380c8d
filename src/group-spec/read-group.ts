import { declaresPets, DEFAULT_MAX_GROUP_SIZE, readAllocation } from './allocation.js';
import { configSha } from './config-sha.js';
import { readId } from './field-values.js';
import { readMode, readUpdating } from './group-policy.js';
import { readPluginSection, type PluginSection } from './plugin-ref.js';
import type { ProblemSink } from './problem-sink.js';
import { isNull, readMapping, requireKey } from './read-mapping.js';
import type { Mapping } from './read-mapping.js';
import type { SpecNode } from './spec-node.js';
import type { GroupSpec, SpecContext } from './types.js';

/** One group mapping as read: the spec when it is valid, and whichever of its parts could be read whenever they could. */
export interface GroupRead {
  spec: GroupSpec | undefined;
  id: { value: string; offset: number } | undefined;
  /** The Instance and Flavor blocks when well formed, and the allocation when it could be read: what the plugins check (plugin-blocks.ts). */
  instance?: PluginSection | undefined;
  flavor?: PluginSection | undefined;
  allocation?: GroupSpec['allocation'] | undefined;
}

const GROUP_KEYS = ['ID', 'Properties'] as const;
const PROPERTIES_KEYS = ['Allocation', 'Instance', 'Flavor', 'Updating', 'Mode'] as const;

/**
 * Validates and normalises one group spec `{ID, Properties: {Allocation, Instance, Flavor, Updating?,
 * Mode?}}`, reporting every problem it finds to `sink`; `spec` is set only when there was none.
 */
export function readGroup(node: SpecNode, ctx: SpecContext, sink: ProblemSink): GroupRead {
  const before = sink.problemCount;
  const group = readMapping(node, '', node.offset, GROUP_KEYS, sink);
  if (!group) return { spec: undefined, id: undefined };
  const idEntry = requireKey(group, 'ID', sink);
  const id = idEntry && readId(idEntry.value, 'ID', sink);
  const read: GroupRead = { spec: undefined, id: undefined };
  if (id !== undefined && idEntry) read.id = { value: id, offset: idEntry.value.offset };
  const propsEntry = requireKey(group, 'Properties', sink);
  const props = propsEntry && readMapping(propsEntry.value, 'Properties', propsEntry.keyOffset, PROPERTIES_KEYS, sink);
  if (!props) return read;
  const instance = readPluginSection(props, 'Instance', ctx, sink);
  const flavor = readPluginSection(props, 'Flavor', ctx, sink);
  const allocation = readAllocation(props, flavorProperties(props), ctx.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE, sink);
  const updating = readUpdating(props, declaresPets(props), sink);
  const mode = readMode(props, sink);
  read.instance = instance;
  read.flavor = flavor;
  read.allocation = allocation?.allocation;
  if (sink.problemCount > before || !id || !instance || !flavor || !allocation || !updating || !mode) return read;
  const instanceRef = { plugin: instance.plugin, properties: instance.properties };
  const flavorRef = { plugin: flavor.plugin, properties: flavor.properties };
  read.spec = {
    id,
    allocation: allocation.allocation,
    instance: instanceRef,
    flavor: flavorRef,
    updating,
    mode,
    configSha: configSha(instanceRef, flavorRef, allocation.fromFlavorSize),
    pos: {
      group: sink.posAt(node.offset),
      instanceProperties: sink.posAt(instance.propertiesOffset),
      flavorProperties: sink.posAt(flavor.propertiesOffset),
    },
  };
  return read;
}

/** Flavor.Properties as written, whether or not the Flavor section is valid, for the 2016 form's Size. */
function flavorProperties(props: Mapping): SpecNode | undefined {
  const flavor = props.get('Flavor')?.value;
  const entry = flavor?.kind === 'map' ? flavor.entries.find((e) => e.key === 'Properties') : undefined;
  return entry && !isNull(entry.value) ? entry.value : undefined;
}
