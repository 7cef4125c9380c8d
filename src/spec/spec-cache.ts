import type { GroupRead } from './read-group.js';
import type { SpecContext, SpecFile } from './types.js';

/**
 * Spec files already read, by Git blob id: a blob is the same text wherever and whenever it comes
 * back, so a watcher that reads commit after commit parses each spec file once, and a commit that
 * changes one file re-parses only that file. Only clean files are kept (what the fast reader read
 * with nothing to report); a file with problems is read again, precisely, each time. Entries are
 * also keyed by the file's path and by what the reading depends on (the configured plugin names and
 * the size limit), so a file moved or a plugin renamed is read anew. A plain Map: a spec revision
 * holds at most a few thousand files.
 */
export interface SpecCache {
  /** The groups a clean file read into, or undefined when it has not been read under this context. */
  get(file: SpecFile, ctx: SpecContext): readonly GroupRead[] | undefined;
  set(file: SpecFile, ctx: SpecContext, reads: readonly GroupRead[]): void;
  /** How many files were found in the cache and how many had to be read, since it was made. */
  readonly hits: number;
  readonly misses: number;
}

export function createSpecCache(): SpecCache {
  const entries = new Map<string, readonly GroupRead[]>();
  const counts = { hits: 0, misses: 0 };
  const keyOf = (file: SpecFile, ctx: SpecContext): string | null =>
    file.blob === undefined
      ? null
      : JSON.stringify([file.blob, file.path, [...ctx.instancePlugins].sort(), [...ctx.flavorPlugins].sort(), ctx.maxGroupSize ?? null]);
  return {
    get(file, ctx) {
      const key = keyOf(file, ctx);
      const found = key === null ? undefined : entries.get(key);
      if (key !== null) counts[found ? 'hits' : 'misses']++;
      return found;
    },
    set(file, ctx, reads) {
      const key = keyOf(file, ctx);
      if (key !== null) entries.set(key, reads);
    },
    get hits() {
      return counts.hits;
    },
    get misses() {
      return counts.misses;
    },
  };
}
