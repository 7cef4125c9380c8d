import { formatDuration } from '../duration.js';
import type { LockHolder, LockHolderKind } from './lock-holder.js';

/** What a run refused by the apply lock knows of it. */
export interface LockSeen {
  stateDir: string;
  /** The run refused. */
  requester: LockHolderKind;
  /** How long it waited (`--lock-timeout`). */
  waitedMs: number;
  /** Who said it holds the lock; null when nobody did. */
  holder: LockHolder | null;
  /** Whether the holder's process still runs; null when there is no holder to ask about. */
  running: boolean | null;
  /** How long ago the lock was last refreshed; null when it is gone already. */
  ageMs: number | null;
  /** A holder refreshes its lock this often; one not refreshed for `staleMs` is taken over. */
  timing: { staleMs: number; updateMs: number };
}

/**
 * Why a run was refused, and what to do, as what is true: a lock left by a process that is gone (or
 * that stopped refreshing it) expires by itself, and says when; a watcher never lets go while it
 * runs, so waiting for it (`--lock-timeout`) is no advice; another one-shot run ends by itself.
 */
export function lockedMessage(seen: LockSeen): string {
  const { stateDir, holder, ageMs, timing } = seen;
  const who = holder === null ? 'another tend run' : `${holder.kind} (pid ${holder.pid})`;
  const expires =
    ageMs === null ? 'it is gone now: run again' : `it expires in ${seconds(timing.staleMs - ageMs)}, and the next run then takes it over`;
  if (seen.running === false) return `the lock of ${stateDir} was left by ${who}, which is no longer running; ${expires}`;
  // A holder refreshes its lock every updateMs; one that missed a refresh by half the grace left is taken to have stopped.
  if (ageMs !== null && ageMs > (timing.updateMs + timing.staleMs) / 2)
    return `the lock of ${stateDir} is held by ${who}, which stopped refreshing it ${Math.floor(ageMs / 1000)} s ago (killed, or stuck); ${expires}`;
  if (holder?.kind === 'tend watch')
    return `${stateDir} is locked by ${who}, which holds it for as long as it runs and applies the specs itself: stop it to run ${seen.requester} by hand`;
  const waited = seen.waitedMs > 0 ? ` (waited ${formatDuration(seen.waitedMs)})` : '';
  const longer = seen.waitedMs > 0 ? 'a longer ' : '';
  return `${stateDir} is locked by ${who}${waited}; wait for it to finish, or pass ${longer}--lock-timeout (e.g. 5m) to wait for it`;
}

function seconds(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}
