import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { TendError } from '../errors.js';
import { formatDuration } from '../duration.js';
import type { ApplyLock, ReleaseLock } from '../pipeline/ports.js';

const RETRY_MS = 250;

/** How the lock's liveness works; tests shorten it, every user gets the defaults. */
export interface LockTiming {
  /** A lock whose holder has not refreshed it for this long is taken to be left by a dead process. */
  staleMs: number;
  /** How often the holder refreshes it (at least 1 s, at most half of staleMs). */
  updateMs: number;
}

const DEFAULT_TIMING: LockTiming = { staleMs: 30_000, updateMs: 15_000 };

/**
 * The state folder's apply lock (`<stateDir>/apply.lock`), so that two runs never change the same
 * instances at once. Waits up to `waitMs` for another holder; the holder refreshes the lock every
 * 15 s, and a lock left by a process that died goes stale after 30 s and is taken over.
 */
export function stateFolderLock(stateDir: string, waitMs: number, timing: LockTiming = DEFAULT_TIMING): ApplyLock {
  return { acquire: (onLost) => acquireApplyLock(stateDir, waitMs, onLost, timing) };
}

/**
 * Takes the lock, waiting up to `waitMs`; resolves to its release. Throws LOCKED (transient) when
 * another run holds it. `onLost` is called if the lock is taken from this process all the same.
 */
export async function acquireApplyLock(
  stateDir: string,
  waitMs: number,
  onLost: (err: Error) => void,
  timing: LockTiming = DEFAULT_TIMING,
): Promise<ReleaseLock> {
  mkdirSync(stateDir, { recursive: true });
  const lockfilePath = path.join(stateDir, 'apply.lock');
  const { default: lockfile } = await import('proper-lockfile');
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(stateDir, {
      lockfilePath,
      realpath: false,
      stale: timing.staleMs,
      update: timing.updateMs,
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
