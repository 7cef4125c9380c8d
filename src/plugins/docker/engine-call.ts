import { formatDuration } from '../../duration.js';
import { PluginError } from '../../errors.js';
import { callLimit } from '../call-limit.js';
import type { CallContext } from '../spi.js';
import { engineError } from './engine-error.js';

/** What bounds and names every exchange with one engine. */
export interface EngineCallOptions {
  /** The configured plugin name. */
  name: string;
  /** The engine's address as a user reads it. */
  host: string;
  timeoutMs: number;
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
  const limit = callLimit(call, limitMs);
  // The engine's client may not hear the signal mid-answer: the race ends the wait where it does not.
  const aborted = new Promise<never>((_, reject) => {
    if (limit.signal.aborted) reject(new Error('aborted'));
    else limit.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
  try {
    return await Promise.race([work(limit.signal), aborted]);
  } catch (err) {
    if (limit.timedOut()) {
      const message = `engine at ${options.host} gave no answer within ${formatDuration(limitMs)}`;
      throw new PluginError(options.name, method, message, { cause: err, code: 'PLUGIN_TIMEOUT', transient: true });
    }
    if (limit.signal.aborted) {
      throw new PluginError(options.name, method, 'call cancelled by an interrupt', { cause: err, code: 'INTERRUPTED', transient: true });
    }
    throw engineError(options.name, method, options.host, err);
  } finally {
    limit.dispose();
    aborted.catch(() => undefined);
  }
}
