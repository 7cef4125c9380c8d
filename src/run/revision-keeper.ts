import { createHash } from 'node:crypto';
import { TendError } from '../errors.js';
import type { CommitSource, Revision, SpecSource } from '../source/spec-source.js';
import { isLastGood, stateFile, type LastGood, type StateFile } from './state-file.js';

/** What a look at the source found: the revision already judged, a new one to judge, or why it could not look. */
export type Polled = { kind: 'same' } | { kind: 'new'; revision: Revision } | { kind: 'failed'; error: TendError };

/**
 * The watcher's memory of revisions: the one enforced (the last good, also kept in the state
 * folder so a restart enforces it while the head is invalid), and the last one found bad (not read
 * again until the head moves). For a Git source, "has it moved?" is one `ls-remote`; a plain folder
 * is read again and compared by content.
 */
export class RevisionKeeper {
  #enforced: Revision | null = null;
  #bad: string | null = null;
  readonly #file: StateFile<LastGood>;

  constructor(
    private readonly source: SpecSource,
    stateFilePath: string,
  ) {
    this.#file = stateFile(stateFilePath, isLastGood);
  }

  /** The revision every tick reconciles: the last good one, or null before any was found. */
  get enforced(): Revision | null {
    return this.#enforced;
  }

  /** The last good commit as kept in the state folder, whether or not it was read yet. */
  get lastGood(): LastGood | null {
    return this.#file.read();
  }

  /** Looks whether the source moved past what was judged; never rejects. */
  async poll(): Promise<Polled> {
    try {
      if (isCommitSource(this.source)) {
        const resolved = await this.source.resolve();
        if (resolved.sha === this.#enforced?.sha || resolved.sha === this.#bad) return { kind: 'same' };
        return { kind: 'new', revision: await this.source.readAt(resolved) };
      }
      const revision = withContentIds(await this.source.read());
      const key = contentKey(revision);
      if (key === this.#bad || (this.#enforced !== null && key === contentKey(this.#enforced))) return { kind: 'same' };
      return { kind: 'new', revision };
    } catch (err) {
      if (err instanceof TendError) return { kind: 'failed', error: err };
      throw err;
    }
  }

  /** A revision whose specs were valid: it is enforced from now on, and kept as the last good one. */
  accept(revision: Revision): void {
    this.#enforced = revision;
    this.#bad = null;
    if (revision.sha !== null) this.#file.write({ sha: revision.sha, ref: revision.ref, at: new Date().toISOString() });
  }

  /** A revision with invalid specs: not read again until the source moves on. */
  reject(revision: Revision): void {
    this.#bad = revision.sha ?? contentKey(revision);
  }

  /**
   * At start, with nothing enforced yet and the head found bad: reads the last good commit kept in
   * the state folder, so that it is enforced as before the restart. Null when there is none (or it
   * cannot be read: then nothing is enforced until a good commit comes).
   */
  async restoreLastGood(): Promise<Revision | null> {
    const kept = this.#file.read();
    if (this.#enforced !== null || kept === null || !isCommitSource(this.source)) return this.#enforced;
    try {
      this.#enforced = await this.source.readAt({ sha: kept.sha, ref: kept.ref });
    } catch (err) {
      if (!(err instanceof TendError)) throw err;
    }
    return this.#enforced;
  }
}

function isCommitSource(source: SpecSource): source is CommitSource {
  return typeof (source as Partial<CommitSource>).resolve === 'function' && typeof (source as Partial<CommitSource>).readAt === 'function';
}

/**
 * A folder's files, each with an id of its text in place of a Git blob id, so that the spec cache
 * parses a file again only when its text changed, as it does for commits.
 */
function withContentIds(revision: Revision): Revision {
  const files = revision.files.map((file) =>
    file.blob !== undefined || file.unreadable !== undefined
      ? file
      : { ...file, blob: `text:${createHash('sha1').update(file.content).digest('hex')}` },
  );
  return { ...revision, files };
}

/** A folder's revision by what it holds: the same files with the same text are the same revision. */
function contentKey(revision: Revision): string {
  const hash = createHash('sha256');
  hash.update(revision.pathExists ? 'folder' : 'missing');
  for (const file of revision.files) hash.update(`\0${file.path}\0${file.unreadable ?? ''}\0${file.content}`);
  return hash.digest('hex');
}
