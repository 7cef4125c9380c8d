import { formatDuration } from '../duration.js';
import { PluginError } from '../errors.js';
import type { CallContext } from './spi.js';

/** One call's stop: its signal aborts at the deadline or at the caller's signal, and says which. */
export interface CallLimit {
  signal: AbortSignal;
  /** True when the deadline stopped the call (and not the caller's signal before it). */
  timedOut(): boolean;
  /** The error to reject with once `signal` has aborted. */
  error(plugin: string, method: string): PluginError;
  /** Stops the timer; call it when the call is over. */
  dispose(): void;
}

/**
 * The limit of one call: the earlier of the caller's deadline and `timeoutMs` from now, and the
 * caller's signal (an interrupt). A timeout or an interrupt is transient.
 */
export function callLimit(call: CallContext | undefined, timeoutMs: number): CallLimit {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), Math.max(0, Math.min(call?.deadline ?? Infinity, Date.now() + timeoutMs) - Date.now()));
  const signal = call?.signal ? AbortSignal.any([deadline.signal, call.signal]) : deadline.signal;
  // The combined signal keeps the reason of whichever aborted first.
  const timedOut = (): boolean => signal.aborted && signal.reason === deadline.signal.reason;
  return {
    signal,
    timedOut,
    error: (plugin, method) =>
      timedOut()
        ? new PluginError(plugin, method, `no answer within ${formatDuration(timeoutMs)}`, { code: 'PLUGIN_TIMEOUT', transient: true })
        : new PluginError(plugin, method, 'call cancelled by an interrupt', { code: 'INTERRUPTED', transient: true }),
    dispose: () => clearTimeout(timer),
  };
}
