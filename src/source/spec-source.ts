import type { SpecFile } from '../spec/types.js';

/** The spec files of one revision of the source of truth. */
export interface Revision {
  /** Commit SHA when the source is a Git repo; null for a plain folder. */
  sha: string | null;
  /** The ref the commit was found at (`refs/heads/main`, `refs/tags/v1`), or null (a folder, a SHA given as such). */
  ref: string | null;
  files: SpecFile[];
  /** False when the spec path does not exist in this revision (then nothing is ever pruned). */
  pathExists: boolean;
  /** The spec path as users see it, for messages. */
  label: string;
}

/** Where specs come from: a local folder, or a Git repository at a ref. */
export interface SpecSource {
  /** Reads every spec file of the current revision (for Git, the commit the ref points at now). Read-only; safe to retry. */
  read(): Promise<Revision>;
}

/** Where a ref of a Git repository points. */
export interface ResolvedRef {
  sha: string;
  /** The full ref name matched (`refs/heads/main`), or null when the ref given was a commit SHA. */
  ref: string | null;
}

/** A source whose revisions are commits: it can tell cheaply where its ref points, and read any commit. */
export interface CommitSource extends SpecSource {
  /** Where the ref points now, from one round trip to the remote (`ls-remote`) and no fetch. Safe to retry. */
  resolve(): Promise<ResolvedRef>;
  /** Reads the spec files of a commit, fetching it into the cache first if it is not there. Safe to retry. */
  readAt(resolved: ResolvedRef): Promise<Revision>;
}
