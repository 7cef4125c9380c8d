import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { isInstanceId } from './instance-id.js';

/** How a folder watch learns about one changed file: its tags now, or null when tend itself made the change. */
export interface FolderWatchOptions {
  dir: string;
  /** How long a burst of events is gathered before it is told, from its first event. */
  debounceMs: number;
  /** The tags of the instance named `id` as it is now (or as remembered when it is gone); null when the change was tend's own. Never rejects. */
  changed(id: string): Promise<{ tags: Record<string, string> } | null>;
  onChange(changes: ReadonlyArray<{ id: string; tags: Record<string, string> }>): void;
  /** Told of every instance file an event names, at once (before the burst is gathered). */
  onEvent(id: string): void;
  /** Told once when the folder can no longer be watched (it was removed, say); polling goes on. */
  onFailure(err: Error): void;
}

/**
 * Watches an instance folder with the file system's events (inotify on Linux), gathering a burst
 * (a `rm *`, an editor's save in three steps) into one call. Temp files and other names that
 * cannot be instances are ignored. The watch holds no process open: a watcher that stops leaves
 * nothing running. Bursts are told one after the other, in the order they came. Returns the stop,
 * after which `onChange` is never called.
 */
export function watchFolder(options: FolderWatchOptions): () => void {
  mkdirSync(options.dir, { recursive: true });
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  /** The burst being told, so that the next one waits its turn. */
  let telling: Promise<void> = Promise.resolve();
  const tell = async (ids: string[]): Promise<void> => {
    const seen = await Promise.all(ids.map((id) => options.changed(id)));
    const changes = ids.flatMap((id, i) => {
      const tags = seen[i]?.tags;
      return tags === undefined ? [] : [{ id, tags }];
    });
    if (changes.length > 0 && !stopped) options.onChange(changes);
  };
  const flush = (): void => {
    timer = null;
    if (stopped) return;
    const ids = [...pending];
    pending.clear();
    telling = telling.then(() => tell(ids));
  };
  let watcher: FSWatcher | null = watch(options.dir, { persistent: false }, (_event, name) => {
    if (stopped || typeof name !== 'string' || !isInstanceId(name)) return;
    options.onEvent(name);
    pending.add(name);
    timer ??= setTimeout(flush, options.debounceMs);
  });
  watcher.on('error', (err) => {
    watcher?.close();
    watcher = null;
    if (!stopped) options.onFailure(err);
  });
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    watcher?.close();
    watcher = null;
  };
}
