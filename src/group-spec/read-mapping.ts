import { didYouMean } from './did-you-mean.js';
import type { ProblemSink } from './problem-sink.js';
import type { SpecEntry, SpecNode } from './spec-node.js';

/** One structural level of a group spec whose keys were checked against the keys it may hold. */
export interface Mapping {
  /** Key path of this level, e.g. `Properties.Allocation`; '' for the group itself. */
  path: string;
  /** Where problems about missing keys point: the key that names this level, or the mapping itself. */
  anchor: number;
  /** The entry for `key` when present with a non-null value: an empty YAML value counts as absent. */
  get(key: string): SpecEntry | undefined;
}

/** `Properties` + `Allocation` → `Properties.Allocation`. */
export function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** True for an empty value (`Key:` in YAML, `null` in JSON), which tend treats as an absent key. */
export function isNull(node: SpecNode): boolean {
  return node.kind === 'scalar' && node.value === null;
}

/**
 * Reads `node` as a mapping allowed to hold `known` keys: reports SPEC_TYPE when it is not a mapping
 * (returning null) and SPEC_UNKNOWN_KEY, with a "did you mean", for each key it may not hold.
 */
export function readMapping(node: SpecNode, path: string, anchor: number, known: readonly string[], sink: ProblemSink): Mapping | null {
  if (node.kind !== 'map') {
    sink.error('SPEC_TYPE', node.offset, path, 'must be a mapping');
    return null;
  }
  const present = new Map<string, SpecEntry>();
  for (const entry of node.entries) {
    if (known.includes(entry.key)) {
      if (!isNull(entry.value)) present.set(entry.key, entry);
      continue;
    }
    const guess = didYouMean(entry.key, known);
    const hint = guess ? `did you mean "${guess}"?` : `expected ${known.join(', ')}`;
    sink.error('SPEC_UNKNOWN_KEY', entry.keyOffset, joinPath(path, entry.key), `unknown key; ${hint}`);
  }
  return { path, anchor, get: (key) => present.get(key) };
}

/** The entry for a key the spec must give; reports SPEC_REQUIRED at the mapping when it is missing. */
export function requireKey(mapping: Mapping, key: string, sink: ProblemSink): SpecEntry | undefined {
  const entry = mapping.get(key);
  if (!entry) sink.error('SPEC_REQUIRED', mapping.anchor, joinPath(mapping.path, key), 'is required');
  return entry;
}
