import type { Logger } from '../log.js';

export interface SignalStop {
  /** Aborted at the first SIGINT or SIGTERM. */
  signal: AbortSignal;
  /** Stops listening; call it only once every lock is released. */
  dispose: () => void;
}

/**
 * Turns the first SIGINT (Ctrl-C) or SIGTERM into a stop: the calls in flight finish, nothing new
 * starts, and the command reports what it got done. A second one ends the process at once (exit
 * 130 or 143); the apply lock is still removed on the way out. Listening starts before the lock is
 * taken and ends after it is released, so that no signal ever finds the process without a handler.
 */
export function stopOnSignals(log: Logger): SignalStop {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      log.error(`${name} again: stopping at once, calls in flight may be cut short`);
      process.exit(name === 'SIGINT' ? 130 : 143);
    }
    log.warn(`${name}: finishing the calls in flight and starting nothing new (send it again to stop at once)`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
