import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { MAX_DEPTH } from './canonical-json.js';
import { TOO_DEEP_MESSAGE } from './nesting-depth.js';
import type { ProblemSink } from './problem-sink.js';
import type { SpecEntry, SpecNode, SpecScalar, SpecScalarNode } from './spec-node.js';

interface Task {
  node: YamlNode | null;
  /** Where a missing node (an empty value) sits. */
  offset: number;
  depth: number;
  /** Offset of the alias, as written, whose expansion this node is part of; problems point there. */
  alias: number | undefined;
  put: (n: SpecNode) => void;
}

/**
 * Reads a composed YAML document into SpecNodes, or null after reporting why it cannot be read.
 * Duplicate keys are found here with a set: the parser's own check is quadratic in the map size.
 * Iterative, so depth is bounded by MAX_DEPTH rather than by the call stack; aliases are expanded
 * under a budget of values proportional to the file size, which defuses "billion laughs" documents.
 */
export function yamlToSpecNode(doc: Document.Parsed, textLength: number, sink: ProblemSink): SpecNode | null {
  const anchors = new Map<string, YamlNode>();
  const limit = textLength + 10_000;
  let produced = 0;
  let duplicates = false;
  let root: SpecNode = { kind: 'scalar', offset: 0, value: null };
  const stack: Task[] = [{ node: doc.contents, offset: 0, depth: 0, alias: undefined, put: (n) => (root = n) }];
  for (let task = stack.pop(); task !== undefined; task = stack.pop()) {
    let { node, alias } = task;
    const offset = node?.range?.[0] ?? task.offset;
    // Anchors inside an expansion were recorded where they were written; re-recording would reorder them.
    if (node?.anchor && alias === undefined) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      alias ??= offset;
      const target = anchors.get(node.source);
      if (!target) {
        sink.error('SPEC_SYNTAX', alias, '', `alias *${node.source} refers to no anchor before it`);
        return null;
      }
      node = target;
    }
    const at = alias ?? offset;
    if (++produced > limit) {
      sink.error('SPEC_SYNTAX', at, '', `too much data once aliases are expanded (over ${limit} values)`);
      return null;
    }
    const depth = task.depth + 1;
    if ((isMap(node) || isSeq(node)) && depth > MAX_DEPTH) {
      sink.error('SPEC_SYNTAX', at, '', TOO_DEEP_MESSAGE);
      return null;
    }
    if (isMap(node)) {
      const entries = new Array<SpecEntry>(node.items.length);
      task.put({ kind: 'map', offset, entries });
      const seen = new Set<string>();
      for (let i = 0; i < node.items.length; i++) {
        const pair = node.items[i];
        if (alias === undefined && isScalar(pair?.key) && pair.key.anchor) anchors.set(pair.key.anchor, pair.key);
        const key = readKey(pair?.key, anchors);
        if (!key) {
          sink.error('SPEC_SYNTAX', at, '', 'a mapping key must be a plain string');
          return null;
        }
        if (seen.has(key.text) && alias === undefined) {
          sink.error('SPEC_SYNTAX', key.offset, '', `duplicate key ${JSON.stringify(key.text)}`);
          duplicates = true;
        }
        seen.add(key.text);
        entries[i] = { key: key.text, keyOffset: key.offset, value: { kind: 'scalar', offset: key.end, value: null } };
      }
      // Pushed last to first so that values are read in source order, as anchors must be.
      for (let i = node.items.length - 1; i >= 0; i--) {
        const entry = entries[i] as SpecEntry;
        const value = (node.items[i]?.value ?? null) as YamlNode | null;
        stack.push({ node: value, offset: entry.value.offset, depth, alias, put: (n) => (entry.value = n) });
      }
    } else if (isSeq(node)) {
      const items = new Array<SpecNode>(node.items.length);
      task.put({ kind: 'seq', offset, items });
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = (node.items[i] ?? null) as YamlNode | null;
        stack.push({ node: item, offset, depth, alias, put: (n) => (items[i] = n) });
      }
    } else {
      const value = isScalar(node) ? node.value : null;
      if (!isPlain(value)) {
        const tag = (node?.tag ?? 'YAML').replace('tag:yaml.org,2002:', '!!');
        sink.error('SPEC_TYPE', at, '', `unsupported ${tag} value: specs hold plain JSON data`);
        return null;
      }
      const scalar: SpecScalarNode = { kind: 'scalar', offset, value };
      if (isScalar(node) && typeof value !== 'string' && value !== null) scalar.source = node.source;
      task.put(scalar);
    }
  }
  return duplicates ? null : root;
}

/** With `stringKeys` the parser makes every key a string scalar; an alias key resolves to one. */
function readKey(key: unknown, anchors: Map<string, YamlNode>): { text: string; offset: number; end: number } | null {
  const resolved = isAlias(key) ? anchors.get(key.source) : key;
  if (!isScalar(resolved) || !(isScalar(key) || isAlias(key))) return null;
  const value = resolved.value;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
  const range = key.range ?? [0, 0, 0];
  return { text: String(value), offset: range[0], end: range[1] };
}

function isPlain(value: unknown): value is SpecScalar {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
