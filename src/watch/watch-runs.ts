import type { Reporter } from '../pipeline/reporter.js';

/**
 * The kinds of run a watcher makes, each told to its own reporters: `tick`, a full tick that
 * applies the enforced revision (or judges a new commit found invalid); `heal`, a reconcile of the
 * few groups an instance event named; `drift`, a scheduled drift check that changes nothing. A
 * reporter that words a run by what it was (commit statuses: apply or drift) is given per kind, so
 * it never has to guess the kind from the events.
 */
export type WatchRun = 'tick' | 'heal' | 'drift';

/** The reporters of each kind of run, in the order they are told. */
export type WatchReporters = Readonly<Record<WatchRun, readonly Reporter[]>>;
