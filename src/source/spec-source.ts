import type { SpecFile } from '../spec/types.js';

/** The spec files of one revision of the source of truth. */
export interface Revision {
  /** Commit SHA when the source is a Git repo; null for a plain folder. */
  sha: string | null;
  files: SpecFile[];
  /** False when the spec path does not exist in this revision (then nothing is ever pruned). */
  pathExists: boolean;
  /** The spec path as users see it, for messages. */
  label: string;
}

/** Where specs come from: a local folder now, a Git repo at a ref later. */
export interface SpecSource {
  /** Reads every spec file of the current revision. Read-only; safe to retry. */
  read(): Promise<Revision>;
}
