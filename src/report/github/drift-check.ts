import type { DriftCounts } from '../../reconcile/types.js';

/** An instance that differs from its group's spec, and how (`stale`, `extra`, …). */
export interface DriftedInstance {
  id: string;
  reason: string;
}

/** A group found drifted: what drifted, and where its spec starts (file from the repository's root). */
export interface DriftedGroup {
  id: string;
  drift: DriftCounts;
  instances: DriftedInstance[];
  /** Instances still to be made (missing ones have no id yet). */
  missing: number;
  place: { file: string; line: number } | null;
}

/**
 * What one run found of drift, as drift issues take it: from a drift check (`tend drift`, the
 * watcher's scheduled checks) or an apply (`tend apply`, the watcher's ticks). Groups judged
 * neither drifted nor in sync (not observed, another shard's, an apply that did not finish) are
 * left as they are.
 */
export interface DriftCheck {
  /** The commit enforced: the one the groups were judged against. */
  revision: string;
  /** When it was found. */
  at: Date;
  drifted: DriftedGroup[];
  /** Groups found in sync with their specs. */
  inSync: string[];
  /** Those of `inSync` that tend brought in sync in this run (an apply that converged them). */
  applied: string[];
}
