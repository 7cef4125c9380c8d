import type { SpecFile } from '../group-spec/types.js';

/** The spec files of one revision of the source of truth. */
export interface Revision {
  /** Commit SHA when the source is a Git repo; null for a plain folder. */
  sha: string | null;
  /** The ref the commit was found at (`refs/heads/main`, `refs/tags/v1`), or null (a folder, a SHA given as such). */
  ref: string | null;
  files: SpecFile[];
  /** False when the spec path does not exist in this revision (then nothing is ever pruned). */
  pathExists: boolean;
  /** The spec path as users see it, for messages; for a commit also its short SHA and the repository (`specs at 9f1c2ab of https://…`), never a credential. */
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
  /** The full ref name matched (`refs/heads/main`, `refs/tags/v1` for a tag, annotated or not; `HEAD` from a server that does not say which branch its HEAD is), or null when the ref given was a commit SHA. */
  ref: string | null;
}

/** A source whose revisions are commits: it can tell cheaply where its ref points, and read any commit. */
export interface CommitSource extends SpecSource {
  /** Where the ref points now, from one round trip to the remote (`ls-remote`) and no fetch; none at all for a SHA. Safe to retry. */
  resolve(): Promise<ResolvedRef>;
  /** Reads the spec files of exactly this commit, fetching it into the cache first only if it is not there; checks nothing out. Safe to retry. */
  readAt(resolved: ResolvedRef): Promise<Revision>;
}
