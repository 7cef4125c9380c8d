import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { TendError } from '../errors.js';
import type { ApplyLock, ReleaseLock } from '../pipeline/ports.js';
import { isRunning, lockAgeMs, readHolder, sayHolder, type LockHolderKind } from './lock-holder.js';
import { lockedMessage, type LockSeen } from './locked-message.js';

const RETRY_MS = 250;

/** How the lock's liveness works; tests shorten it, every user gets the defaults. */
export interface LockTiming {
  /** A lock whose holder has not refreshed it for this long is taken to be left by a dead process. */
  staleMs: number;
  /** How often the holder refreshes it (at least 1 s, at most half of staleMs). */
  updateMs: number;
}

export interface LockOptions {
  /** Who takes the lock, as a run it refuses names it; a holder that does not say is "another tend run". */
  holder?: LockHolderKind;
  timing?: LockTiming;
}

const DEFAULT_TIMING: LockTiming = { staleMs: 30_000, updateMs: 15_000 };

/**
 * The state folder's apply lock (`<stateDir>/apply.lock`), so that two runs never change the same
 * instances at once. Waits up to `waitMs` for another holder (not for a watcher, which never lets
 * go); the holder refreshes the lock every 15 s, and a lock left by a process that died goes stale
 * after 30 s and is taken over.
 */
export function stateFolderLock(stateDir: string, waitMs: number, options: LockOptions = {}): ApplyLock {
  return { acquire: (onLost) => acquireApplyLock(stateDir, waitMs, onLost, options) };
}

/**
 * Takes the lock, waiting up to `waitMs`; resolves to its release. Throws LOCKED (transient) when
 * another run holds it, saying who and what to do. `onLost` is called if the lock is taken from this
 * process all the same.
 */
export async function acquireApplyLock(
  stateDir: string,
  waitMs: number,
  onLost: (err: Error) => void,
  options: LockOptions = {},
): Promise<ReleaseLock> {
  const timing = options.timing ?? DEFAULT_TIMING;
  mkdirSync(stateDir, { recursive: true });
  const lockfilePath = path.join(stateDir, 'apply.lock');
  const seen = (): LockSeen => {
    const holder = readHolder(stateDir);
    const running = holder === null ? null : isRunning(holder.pid);
    return {
      stateDir,
      requester: options.holder ?? 'tend apply',
      waitedMs: waitMs,
      holder,
      running,
      ageMs: lockAgeMs(lockfilePath),
      timing,
    };
  };
  const locked = (now: LockSeen, cause?: unknown): TendError => new TendError('LOCKED', lockedMessage(now), { cause, transient: true });
  if (waitMs > 0 && existsSync(lockfilePath)) {
    // Waiting for a watcher is waiting for nothing: it holds the lock for as long as it runs.
    const now = seen();
    if (now.holder?.kind === 'tend watch' && now.running === true && now.ageMs !== null && now.ageMs <= timing.staleMs)
      throw locked({ ...now, waitedMs: 0 });
  }
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
    throw locked(seen(), err);
  }
  const unsay = sayHolder(stateDir, options.holder);
  // A lock already lost (onLost was told) has nothing left to release; that is not a new failure.
  return () => {
    unsay();
    return release().catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ERELEASED') throw err;
    });
  };
}
