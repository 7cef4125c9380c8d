import { formatDuration } from '../duration.js';
import type { FlavorPlugin, Health, InstanceDescription } from '../plugins/spi.js';
import { errorMessage } from '../errors.js';

export interface WaitHealthyOptions {
  timeoutMs: number;
  /** Delay before the second poll; doubles after each poll up to MAX_POLL_MS. */
  pollMs: number;
  signal?: AbortSignal;
}

export type WaitHealthyResult = { ok: true } | { ok: false; reason: 'timeout' | 'aborted'; message: string };

const MAX_POLL_MS = 2000;
const HEALTH_WORDS: Record<Health, string> = { 0: 'unknown', 1: 'healthy', 2: 'unhealthy' };

/** The delay after `current`: doubled, capped at 2 s, or at the first delay when that is longer. */
export function nextPollDelay(current: number, first: number): number {
  return Math.min(current * 2, Math.max(MAX_POLL_MS, first));
}

/** Resolves after `ms`, or at once when the signal aborts; never rejects. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The call's answer, or 'late' when it has none within `ms` (the call itself is left to finish). */
function beforeDeadline<T>(call: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, ms));
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

/**
 * Polls the flavor's Healthy for a new instance until it answers 1 (healthy). Unknown (0),
 * unhealthy (2) and a failed call all mean "not yet": a booting instance is often all three for a
 * while. Polls at once, then after pollMs, doubling up to 2 s; gives up after timeoutMs, or when
 * the signal aborts. Never rejects.
 */
export async function waitHealthy(
  flavor: FlavorPlugin,
  properties: unknown,
  instance: InstanceDescription,
  options: WaitHealthyOptions,
): Promise<WaitHealthyResult> {
  const deadline = Date.now() + options.timeoutMs;
  const first = Math.max(1, options.pollMs);
  let delay = first;
  let last = 'no answer';
  for (;;) {
    try {
      // The deadline ends the call where the transport can (an exec program killed, a request dropped); the race, where it cannot.
      const health = await beforeDeadline(
        flavor.healthy(properties, instance, { signal: options.signal, deadline }),
        deadline - Date.now(),
      );
      if (health === 1) return { ok: true };
      last = health === 'late' ? 'no answer in time' : (HEALTH_WORDS[health] ?? `health ${String(health)}`);
    } catch (err) {
      last = `error: ${errorMessage(err)}`;
    }
    const left = deadline - Date.now();
    if (options.signal?.aborted) {
      const message = `interrupted while waiting for instance ${instance.ID} to become healthy`;
      return { ok: false, reason: 'aborted', message };
    }
    if (left <= 0) {
      const message = `instance ${instance.ID} not healthy after ${formatDuration(options.timeoutMs)} (last: ${last})`;
      return { ok: false, reason: 'timeout', message };
    }
    await sleep(Math.min(delay, left), options.signal);
    delay = nextPollDelay(delay, first);
  }
}
