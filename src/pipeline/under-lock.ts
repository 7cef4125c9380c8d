import { TendError } from '../errors.js';
import type { LockPorts } from './ports.js';
import { failed, type Failed } from './results.js';

/** Why a change stopped early, and the signal that tells the steps to start nothing new. */
export interface Stop {
  signal: AbortSignal;
  /** INTERRUPTED (the driver's signal) or LOCK_LOST, whichever came first; null while running. */
  reason(): TendError | null;
}

/**
 * Runs `work` holding the apply lock, released on every path. The driver's signal, or the lock
 * being lost (logged at once: the holder must stop changing anything), aborts `stop.signal`.
 * A lock held by another run is a failure (LOCKED, transient), with nothing done.
 */
export async function underLock<T>(ports: LockPorts, work: (stop: Stop) => Promise<T>): Promise<T | Failed> {
  const lost = new AbortController();
  // Whichever aborts first gives the combined signal its reason.
  const signal = AbortSignal.any([ports.signal, lost.signal]);
  const interrupted = new TendError('INTERRUPTED', 'interrupted: calls in flight were finished, nothing new was started');
  const reason = (): TendError | null =>
    !signal.aborted ? null : signal.reason === lost.signal.reason ? (lost.signal.reason as TendError) : interrupted;
  let release;
  try {
    release = await ports.lock.acquire((err) => {
      const message = `lost the apply lock (${err.message}); stopping, so that two runs never change the same instances`;
      ports.log.error(message, { code: 'LOCK_LOST' });
      lost.abort(new TendError('LOCK_LOST', message, { cause: err, transient: true }));
    });
  } catch (err) {
    if (err instanceof TendError) return failed(err);
    throw err;
  }
  try {
    return await work({ signal, reason });
  } finally {
    await release();
  }
}
