import { createHash } from 'node:crypto';
import type { GroupSpec, PluginBlock, SpecContext, SpecFile } from './types.js';

/** What a clean file read into, positions included: all that loading it again would give. */
export interface CachedGroup {
  spec: GroupSpec;
  blocks: PluginBlock[];
}

/**
 * Spec files already read, by content: the Git blob id when the file came from a commit, else a
 * hash of its text. The same content reads the same wherever and whenever it comes back, so a
 * watcher that reads commit after commit parses each spec file once, and a commit that changes one
 * file re-parses only that file. Only clean files are kept (nothing to report); a file with
 * problems is read again each time. Entries are also keyed by the file's path and by what the
 * reading depends on (the configured plugin names and the size limit), so a file moved or a plugin
 * renamed is read anew.
 *
 * Bounded, so that a long-running watcher does not grow with every blob it ever saw: each load of
 * a revision ends with `endRevision()`, which forgets the files that neither this revision nor the
 * one before it held (a watcher moving from commit to commit keeps what the next commit will
 * reuse), and the text of the files kept never exceeds `maxBytes` (least recently used first).
 */
export interface SpecCache {
  /** The groups a clean file read into, or undefined when it has not been read under this context. */
  get(file: SpecFile, ctx: SpecContext): readonly CachedGroup[] | undefined;
  set(file: SpecFile, ctx: SpecContext, groups: readonly CachedGroup[]): void;
  /** Called once a revision has been read: forgets what the last two revisions did not use. */
  endRevision(): void;
  /** How many files were found in the cache and how many had to be read, since it was made. */
  readonly hits: number;
  readonly misses: number;
  /** How many files are kept now, and the length of their text. */
  readonly size: number;
  readonly bytes: number;
  /** What is kept, least recently used first: for keeping it beyond this process (`restored`). */
  entries(): Array<[key: string, bytes: number, groups: readonly CachedGroup[]]>;
}

export interface SpecCacheOptions {
  /** The most spec text kept, in characters. */
  maxBytes?: number;
  /** What an earlier process kept (`entries()`), least recently used first. */
  restored?: ReadonlyArray<[key: string, bytes: number, groups: readonly CachedGroup[]]>;
  /** Called at the end of a revision that added or forgot files. */
  onChange?: (cache: SpecCache) => void;
}

/** Spec text kept at most by default: far more than any revision holds, and a bound whatever happens. */
const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

interface Entry {
  groups: readonly CachedGroup[];
  bytes: number;
  /** The revision (a count of endRevision calls) that last used it. */
  used: number;
}

export function createSpecCache(options: SpecCacheOptions = {}): SpecCache {
  const maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
  // A Map iterates in insertion order: an entry used again is moved to the end, so the first is the least recently used.
  const entries = new Map<string, Entry>();
  const counts = { hits: 0, misses: 0, bytes: 0, revision: 0, changed: false };
  // What an earlier process kept counts as used by the revision before this process's first.
  for (const [key, bytes, groups] of options.restored ?? []) {
    entries.set(key, { groups, bytes, used: -1 });
    counts.bytes += bytes;
  }
  const contexts = new WeakMap<SpecContext, string>();
  const contextKey = (ctx: SpecContext): string => {
    let key = contexts.get(ctx);
    if (key === undefined) {
      key = JSON.stringify([[...ctx.instancePlugins].sort(), [...ctx.flavorPlugins].sort(), ctx.maxGroupSize ?? null]);
      contexts.set(ctx, key);
    }
    return key;
  };
  const keyOf = (file: SpecFile, ctx: SpecContext): string => {
    const content = file.blob ?? `sha1:${createHash('sha1').update(file.content).digest('base64')}`;
    return JSON.stringify([content, file.path, contextKey(ctx)]);
  };
  const drop = (key: string, entry: Entry): void => {
    entries.delete(key);
    counts.bytes -= entry.bytes;
    counts.changed = true;
  };
  const cache: SpecCache = {
    get(file, ctx) {
      const key = keyOf(file, ctx);
      const found = entries.get(key);
      if (!found) {
        counts.misses++;
        return undefined;
      }
      counts.hits++;
      entries.delete(key);
      entries.set(key, found);
      found.used = counts.revision;
      return found.groups;
    },
    set(file, ctx, groups) {
      const key = keyOf(file, ctx);
      const old = entries.get(key);
      if (old) drop(key, old);
      const entry = { groups, bytes: file.content.length, used: counts.revision };
      if (entry.bytes > maxBytes) return;
      entries.set(key, entry);
      counts.bytes += entry.bytes;
      counts.changed = true;
      for (const [k, e] of entries) {
        if (counts.bytes <= maxBytes) break;
        drop(k, e);
      }
    },
    endRevision() {
      // In least recently used order, `used` never decreases: the first entry still in use ends the sweep.
      for (const [k, e] of entries) {
        if (e.used >= counts.revision - 1) break;
        drop(k, e);
      }
      counts.revision++;
      if (counts.changed) options.onChange?.(cache);
      counts.changed = false;
    },
    entries() {
      return [...entries].map(([key, e]) => [key, e.bytes, e.groups]);
    },
    get hits() {
      return counts.hits;
    },
    get misses() {
      return counts.misses;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return counts.bytes;
    },
  };
  return cache;
}
