import { createHash } from 'node:crypto';
import { TendError } from '../errors.js';
import type { CommitSource, Revision, SpecSource } from '../source/spec-source.js';
import type { Head } from './watch-state.js';

/** What a look at the source found: its head, with how to read it, or why it could not look. */
export type Look = { kind: 'head'; head: Head; read: () => Promise<Revision> } | { kind: 'failed'; error: TendError };

/**
 * The watcher's eyes on the source, with no memory of its own (the watcher's state decides what a
 * head means). For a Git source, "where is the head?" is one `ls-remote` and the commit is read only
 * when asked; a plain folder is read at once and told apart by what it holds.
 */
export class HeadReader {
  constructor(private readonly source: SpecSource) {}

  /** Looks at the source; never rejects for expected failures. */
  async look(): Promise<Look> {
    try {
      if (isCommitSource(this.source)) {
        const source = this.source;
        const resolved = await source.resolve();
        return { kind: 'head', head: { key: resolved.sha, sha: resolved.sha, ref: resolved.ref }, read: () => source.readAt(resolved) };
      }
      const revision = withContentIds(await this.source.read());
      const head = { key: contentKey(revision), sha: null, ref: null };
      return { kind: 'head', head, read: () => Promise.resolve(revision) };
    } catch (err) {
      if (err instanceof TendError) return { kind: 'failed', error: err };
      throw err;
    }
  }

  /** The commit `sha` as the watcher enforced it before a restart; null when the source is a folder or the commit cannot be read. */
  async readAt(sha: string, ref: string | null): Promise<Revision | null> {
    if (!isCommitSource(this.source)) return null;
    try {
      return await this.source.readAt({ sha, ref });
    } catch (err) {
      if (err instanceof TendError) return null;
      throw err;
    }
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
