import { stat } from 'node:fs/promises';
import type { InstanceFileClaim } from './claim-instance-file.js';
import { SharedStrings } from './shared-strings.js';

type Instance = Extract<InstanceFileClaim, { kind: 'instance' }>;

/** A kept file's claim, under the inode, size and modification time it was read with (numbers: no text made per stat). */
interface Kept {
  ino: number;
  size: number;
  mtimeMs: number;
  claim: Instance;
}

/**
 * Instance files already read, kept between the describes of a long-running process (a watcher
 * describes every tick): a file is read again only when its inode, size or modification time
 * changed, so a tick over 10,000 unchanged files costs a stat each rather than an open, a read and
 * a parse. Caching starts with the second describe: a one-shot command describes once and pays
 * no stat. A file changed between its stat and its read is kept under the older stat, so it is
 * simply read again next time. Entries of files no longer listed are dropped at each describe.
 *
 * While the folder is watched, the file system's events say which files changed, so an unchanged
 * file costs no system call at all (a stat per file is most of a describe where system calls are
 * dear). Should an event ever be lost (an overflowing event queue), each describe still checks a
 * sixteenth of the files by stat, in turn, so a file is never trusted for more than 16 describes.
 */
export class DescribeCache {
  #kept = new Map<string, Kept>();
  #next: Map<string, Kept> | null = null;
  /** The kept headers' repeated texts, one copy each. */
  readonly #strings = new SharedStrings();
  #describes = 0;
  #watched = false;
  #position = 0;
  /** Files an event named since the last describe began: read again whatever their stat says. */
  #changed = new Set<string>();
  /** Those named before the describe in progress began (kept until one ends); an event during it counts for the next one too. */
  #changedBefore = new Set<string>();

  /** Whether the folder's events are being heard (then unchanged files are trusted without a stat). */
  set watched(on: boolean) {
    this.#watched = on;
  }

  /** The file `id` changed (an event, or the plugin's own write): its next describe reads it again. */
  changed(id: string): void {
    this.#changed.add(id);
  }

  /** Starts a describe; false while it should not cache (the first describe of the process). */
  begin(): boolean {
    this.#describes += 1;
    this.#next = this.#describes >= 2 ? new Map() : null;
    this.#position = 0;
    for (const id of this.#changed) this.#changedBefore.add(id);
    this.#changed = new Set();
    return this.#next !== null;
  }

  /**
   * The claim of the file `id` at `path`: the one kept when the file is unchanged, else `read()`'s.
   * The files of one describe are taken in the order listed (the turn of the sixteenth checked by
   * stat is counted before the first await), though their reads may overlap.
   */
  async claim(id: string, path: string, read: () => Promise<InstanceFileClaim>): Promise<InstanceFileClaim> {
    const next = this.#next;
    if (next === null) return read();
    const kept = this.#kept.get(id);
    const inTurn = (this.#position++ & 15) === (this.#describes & 15);
    if (this.#watched && kept !== undefined && !inTurn && !this.#wasChanged(id)) {
      next.set(id, kept);
      return kept.claim;
    }
    const found = await statOrUndefined(path);
    if (found === undefined) return read();
    const { ino, size, mtimeMs } = found;
    if (kept !== undefined && kept.ino === ino && kept.size === size && kept.mtimeMs === mtimeMs && !this.#wasChanged(id)) {
      next.set(id, kept);
      return kept.claim;
    }
    const claim = await read();
    if (claim.kind !== 'instance') return claim;
    const shared = this.#strings.share(claim, id);
    next.set(id, { ino, size, mtimeMs, claim: shared });
    return shared;
  }

  /** Ends a describe of the whole folder: only the files it listed are kept. */
  end(): void {
    if (this.#next !== null) this.#kept = this.#next;
    this.#next = null;
    this.#changedBefore = new Set();
  }

  #wasChanged(id: string): boolean {
    return this.#changedBefore.has(id) || this.#changed.has(id);
  }
}

/** The file's stat, or undefined when it is gone; other errors reject. */
async function statOrUndefined(path: string): Promise<{ ino: number; size: number; mtimeMs: number } | undefined> {
  try {
    return await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}
