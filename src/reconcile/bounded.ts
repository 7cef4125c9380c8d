import { runError, type RunError } from '../errors.js';

/**
 * How many instance calls of one kind a group makes at once: enough to hide a slow cloud API's
 * latency, few enough not to trip its rate limits.
 */
export const INSTANCE_CALL_WIDTH = 8;

export interface BoundedRun {
  /** Items whose call resolved. */
  done: number;
  /** The first failure; later items were not started. */
  error: RunError | null;
  /** True when the run stopped because `stop()` said so, not because of a failure. */
  stopped: boolean;
}

export interface BoundedOptions {
  width: number;
  /** Asked before each item is started; true stops the run (calls in flight finish). */
  stop: () => boolean;
  /** Told the count done so far, about ten times over the run, so a 10,000-item run stays quiet. */
  onCount?: (done: number) => void;
}

/**
 * Calls `fn` for each item, at most `width` at once (only that many promises exist, however many
 * items), and stops starting new ones at the first failure or when `stop()` turns true. Never
 * rejects: the failure is returned, so that callers can report how far they got.
 */
export async function runBounded<T>(items: readonly T[], fn: (item: T) => Promise<void>, options: BoundedOptions): Promise<BoundedRun> {
  const step = Math.max(1, Math.ceil(items.length / 10));
  const run: BoundedRun = { done: 0, error: null, stopped: false };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && run.error === null && !run.stopped) {
      if (options.stop()) {
        run.stopped = true;
        return;
      }
      const item = items[next++] as T;
      try {
        await fn(item);
      } catch (err) {
        run.error ??= runError(err);
        return;
      }
      run.done++;
      if (run.done % step === 0 || run.done === items.length) options.onCount?.(run.done);
    }
  };
  const workers = Math.max(1, Math.min(options.width, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return run;
}
