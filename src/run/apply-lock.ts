import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { TendError } from '../errors.js';
import { formatDuration } from '../duration.js';

const RETRY_MS = 250;
/** A lock whose holder has not refreshed it for this long is taken to be left by a dead process. */
const STALE_MS = 30_000;

/**
 * Takes the state folder's apply lock, waiting up to `waitMs`, so two applies never interleave.
 * Resolves to the release function; throws LOCKED when another apply holds it. The holder
 * refreshes it every 15 s; a lock left by a process that died goes stale after 30 s and is taken
 * over. `onLost` is called if the lock is taken from this process all the same.
 */
export async function acquireApplyLock(stateDir: string, waitMs: number, onLost: (err: Error) => void): Promise<() => Promise<void>> {
  mkdirSync(stateDir, { recursive: true });
  const lockfilePath = path.join(stateDir, 'apply.lock');
  const { default: lockfile } = await import('proper-lockfile');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(stateDir, {
      lockfilePath,
      realpath: false,
      stale: STALE_MS,
      retries: waitMs > 0 ? { retries: Math.ceil(waitMs / RETRY_MS), factor: 1, minTimeout: RETRY_MS, maxTimeout: RETRY_MS } : 0,
      onCompromised: onLost,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw err;
    const waited = waitMs > 0 ? ` (waited ${formatDuration(waitMs)})` : '';
    throw new TendError(
      'LOCKED',
      `another tend apply is running on ${stateDir}${waited}; wait for it to finish, or pass ${waitMs > 0 ? 'a longer ' : ''}--lock-timeout (e.g. 5m) to wait for it`,
      { cause: err, transient: true },
    );
  }
  // A lock already lost (onLost was told) has nothing left to release; that is not a new failure.
  return () =>
    release().catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ERELEASED') throw err;
    });
}
