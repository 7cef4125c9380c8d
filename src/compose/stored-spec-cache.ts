import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readJsonValue } from '../read-json.js';
import { keyPaths, pathKey, placedAt } from '../group-spec/plugin-blocks.js';
import { createSpecCache, type CachedGroup, type SpecCache } from '../group-spec/spec-cache.js';
import type { PluginBlock, SourcePos } from '../group-spec/types.js';
import { VERSION } from '../version.js';
import { writeExactJson } from '../plugins/wire/write-json.js';

/** The file in the state folder that keeps the spec cache from one run to the next. */
const SPEC_CACHE_FILE = 'spec-cache.json';

/** A plugin block as kept: where its properties and their top-level keys sit, rather than a function that says so. */
type StoredBlock = (PluginBlock extends infer B ? (B extends PluginBlock ? Omit<B, 'at'> : never) : never) & {
  places: { whole: SourcePos; keys: Record<string, SourcePos> };
};
type StoredEntry = [key: string, bytes: number, groups: Array<{ spec: CachedGroup['spec']; blocks: StoredBlock[] }>];

/**
 * The spec cache (spec-cache.ts) kept in `stateDir` between runs, so that a `plan` or `drift` run
 * after another one parses only the spec files that changed since: the cache is keyed by content,
 * so what a run reads from it is exactly what parsing would give. Written, whole and atomically,
 * at the end of a revision that changed what is kept, and only into a state folder that exists
 * (a first `validate` in a checkout leaves nothing behind). A file that cannot be read, or that
 * another version of tend wrote, is ignored: the cache only ever saves time.
 */
export function storedSpecCache(stateDir: string): SpecCache {
  const file = path.join(stateDir, SPEC_CACHE_FILE);
  return createSpecCache({ restored: readStored(file), onChange: (cache) => writeStored(stateDir, file, cache) });
}

function readStored(file: string): Array<[string, number, CachedGroup[]]> {
  let stored: unknown;
  try {
    stored = readJsonValue(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const { tend, entries } = (stored ?? {}) as { tend?: unknown; entries?: unknown };
  if (tend !== VERSION || !Array.isArray(entries)) return [];
  const restored: Array<[string, number, CachedGroup[]]> = [];
  for (const entry of entries as unknown[]) {
    if (!isStoredEntry(entry)) return [];
    const [key, bytes, groups] = entry;
    restored.push([key, bytes, groups.map(({ spec, blocks }) => ({ spec, blocks: blocks.map(toBlock) }))]);
  }
  return restored;
}

function isStoredEntry(entry: unknown): entry is StoredEntry {
  if (!Array.isArray(entry) || entry.length !== 3) return false;
  const [key, bytes, groups] = entry as unknown[];
  return typeof key === 'string' && typeof bytes === 'number' && Array.isArray(groups);
}

function toBlock({ places, ...block }: StoredBlock): PluginBlock {
  return { ...block, at: placedAt(new Map(Object.entries(places.keys)), places.whole) };
}

function toStored(group: CachedGroup): StoredEntry[2][number] {
  const blocks = group.blocks.map(({ at, ...block }): StoredBlock => {
    const keys = Object.fromEntries(keyPaths(block.properties).map((path) => [pathKey(path), at(path)]));
    return { ...block, places: { whole: at(), keys } };
  });
  return { spec: group.spec, blocks };
}

function writeStored(stateDir: string, file: string, cache: SpecCache): void {
  if (!existsSync(stateDir)) return;
  const entries = cache.entries().map(([key, bytes, groups]): StoredEntry => [key, bytes, groups.map(toStored)]);
  const temp = path.join(stateDir, `.${SPEC_CACHE_FILE}.${process.pid}.tmp`);
  try {
    // Numbers as the specs wrote them, so that they come back exactly.
    writeFileSync(temp, writeExactJson({ tend: VERSION, entries }));
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true });
  }
}
