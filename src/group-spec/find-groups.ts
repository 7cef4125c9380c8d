import { readString } from './field-values.js';
import type { ProblemSink } from './problem-sink.js';
import { readMapping, requireKey } from './read-mapping.js';
import type { SpecNode } from './spec-node.js';

/**
 * The group mappings in one document: the document itself, or each item of a list; either may be
 * InfraKit's 2017 wrapper `{"Plugin": "group", "Properties": <group spec>}`. Anything else is reported.
 */
export function findGroups(root: SpecNode, sink: ProblemSink): SpecNode[] {
  if (root.kind === 'scalar' && root.value === null) {
    sink.warn('SPEC_EMPTY_FILE', root.offset, '', `${sink.file} has an empty document: it holds no groups`);
    return [];
  }
  if (root.kind === 'map') return unwrap(root, 'the document', sink);
  if (root.kind === 'scalar') {
    sink.error('SPEC_TYPE', root.offset, '', 'the document must be a group spec (a mapping) or a list of them');
    return [];
  }
  if (root.items.length === 0) {
    sink.warn('SPEC_EMPTY_FILE', root.offset, '', `${sink.file} holds an empty list: it holds no groups`);
  }
  return root.items.flatMap((item, i) => unwrap(item, `list item ${i + 1}`, sink));
}

function unwrap(node: SpecNode, what: string, sink: ProblemSink): SpecNode[] {
  if (node.kind !== 'map') {
    sink.error('SPEC_TYPE', node.offset, '', `${what} must be a group spec (a mapping)`);
    return [];
  }
  if (!node.entries.some((e) => e.key === 'Plugin')) return [node];
  const wrapper = readMapping(node, '', node.offset, ['Plugin', 'Properties'], sink);
  const pluginEntry = wrapper && requireKey(wrapper, 'Plugin', sink);
  const plugin = pluginEntry && readString(pluginEntry.value, 'Plugin', sink);
  if (plugin !== undefined && plugin !== 'group' && pluginEntry) {
    const message = `tend runs groups; "Plugin": ${JSON.stringify(plugin)} is not a group spec`;
    sink.error('SPEC_WRAPPER', pluginEntry.value.offset, 'Plugin', message);
    return [];
  }
  const spec = wrapper && requireKey(wrapper, 'Properties', sink);
  if (!spec || plugin !== 'group') return [];
  if (spec.value.kind !== 'map') {
    sink.error('SPEC_TYPE', spec.value.offset, 'Properties', 'must be a group spec (a mapping)');
    return [];
  }
  return [spec.value];
}
