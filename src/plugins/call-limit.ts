import { formatDuration } from '../duration.js';
import { PluginError } from '../errors.js';
import type { CallContext } from './spi.js';

/** One call's stop: its signal aborts at the deadline or at either signal, and says which. */
export interface CallLimit {
  signal: AbortSignal;
  /** The error to reject with once `signal` has aborted. */
  error(plugin: string, method: string): PluginError;
  /** Stops the timer and the listeners; call it when the call is over. */
  dispose(): void;
}

/**
 * The limit of one call: the earlier of the caller's deadline and `timeoutMs` from now, and the
 * caller's and the host's signals (an interrupt). A timeout or an interrupt is transient.
 */
export function callLimit(call: CallContext | undefined, timeoutMs: number, hostSignal?: AbortSignal): CallLimit {
  const controller = new AbortController();
  const deadline = Math.min(call?.deadline ?? Infinity, Date.now() + timeoutMs);
  let why: 'timeout' | 'interrupted' = 'timeout';
  const interrupt = (): void => {
    why = 'interrupted';
    controller.abort();
  };
  const timer = setTimeout(() => controller.abort(), Math.max(0, deadline - Date.now()));
  const signals = [call?.signal, hostSignal].filter((s): s is AbortSignal => s !== undefined);
  for (const signal of signals) {
    if (signal.aborted) interrupt();
    else signal.addEventListener('abort', interrupt, { once: true });
  }
  return {
    signal: controller.signal,
    error: (plugin, method) =>
      why === 'timeout'
        ? new PluginError(plugin, method, `no answer within ${formatDuration(timeoutMs)}`, { code: 'PLUGIN_TIMEOUT', transient: true })
        : new PluginError(plugin, method, 'call cancelled by an interrupt', { code: 'INTERRUPTED', transient: true }),
    dispose: () => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener('abort', interrupt);
    },
  };
}
