import type { ApplyLock, ReleaseLock } from '../pipeline/ports.js';

/** The apply lock held for a watcher's whole life, and the per-run lock port its runs take. */
export interface LifeLock {
  /** The port each run is given: taking it costs nothing while the life lock is held; rejects (LOCK_LOST) once it is lost. */
  port: ApplyLock;
  /** Releases the life lock; resolves once it is gone. */
  release: ReleaseLock;
}

/**
 * Takes `lock` once, for as long as the watcher runs, so that no `tend apply` (or second watcher)
 * can change the same instances between two ticks. If it is lost, every run in flight is told (and
 * stops), and `onLost` is called once, so the watcher can stop too. Rejects as `lock.acquire` does
 * (LOCKED when another run holds it).
 */
export async function holdForLife(lock: ApplyLock, onLost: (err: Error) => void): Promise<LifeLock> {
  const runs = new Set<(err: Error) => void>();
  let lost: Error | null = null;
  const release = await lock.acquire((err) => {
    lost = err;
    for (const tell of runs) tell(err);
    onLost(err);
  });
  const port: ApplyLock = {
    async acquire(onRunLost) {
      if (lost !== null) throw lost;
      runs.add(onRunLost);
      return async () => void runs.delete(onRunLost);
    },
  };
  return { port, release };
}
