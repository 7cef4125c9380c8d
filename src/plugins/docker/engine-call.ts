import { formatDuration } from '../../duration.js';
import { PluginError } from '../../errors.js';
import type { CallContext } from '../spi.js';
import { engineError } from './engine-error.js';

/** What bounds and names every exchange with one engine. */
export interface EngineCallOptions {
  /** The configured plugin name. */
  name: string;
  /** The engine's address as a user reads it. */
  host: string;
  timeoutMs: number;
  /** The driver's interrupt. */
  signal?: AbortSignal;
}

/**
 * Runs one engine exchange within the plugin's timeout (plus `extraMs`, a stop's grace) and the
 * caller's deadline, cancelled by an interrupt; every failure becomes a PluginError naming the
 * plugin, the call and the engine (a timeout or an interrupt is transient).
 */
export async function engineCall<T>(
  options: EngineCallOptions,
  method: string,
  call: CallContext | undefined,
  extraMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const limitMs = options.timeoutMs + extraMs;
  const controller = new AbortController();
  const deadline = Math.min(call?.deadline ?? Infinity, Date.now() + limitMs);
  let why: 'timeout' | 'interrupted' | null = null;
  const stop = (reason: 'timeout' | 'interrupted'): void => {
    why ??= reason;
    controller.abort();
  };
  const timer = setTimeout(() => stop('timeout'), Math.max(0, deadline - Date.now()));
  const signals = [call?.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
  const interrupt = (): void => stop('interrupted');
  for (const s of signals) {
    if (s.aborted) interrupt();
    else s.addEventListener('abort', interrupt, { once: true });
  }
  // The engine's client may not hear the signal mid-answer: the race ends the wait where it does not.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
  try {
    return await Promise.race([work(controller.signal), aborted]);
  } catch (err) {
    if (why === 'timeout') {
      const message = `engine at ${options.host} gave no answer within ${formatDuration(limitMs)}`;
      throw new PluginError(options.name, method, message, { cause: err, code: 'PLUGIN_TIMEOUT', transient: true });
    }
    if (why === 'interrupted') {
      throw new PluginError(options.name, method, 'call cancelled by an interrupt', { cause: err, code: 'INTERRUPTED', transient: true });
    }
    throw engineError(options.name, method, options.host, err);
  } finally {
    clearTimeout(timer);
    for (const s of signals) s.removeEventListener('abort', interrupt);
    aborted.catch(() => undefined);
  }
}
