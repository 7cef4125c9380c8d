import type { Logger } from '../log.js';

/**
 * A failure that repeats tick after tick, logged once per distinct cause: the first time in full,
 * then nothing while it stays the same, then how many times it came back once the cause changes or
 * the failure ends. A watcher down for a night says so in three lines, not thirty thousand.
 */
export class FailureLog {
  #cause: string | null = null;
  #repeats = 0;

  constructor(private readonly log: Logger) {}

  /** Logs `message` unless it is the failure already being repeated; `cause` tells two failures apart (code and message). */
  failed(cause: string, message: string, fields: Record<string, unknown> = {}): void {
    if (cause === this.#cause) {
      this.#repeats += 1;
      return;
    }
    this.#summarise();
    this.#cause = cause;
    this.log.error(message, fields);
  }

  /** The failure is over: says how often it came back, if it did. */
  recovered(what: string): void {
    if (this.#cause === null) return;
    this.#summarise();
    this.#cause = null;
    this.log.info(`${what} again`);
  }

  #summarise(): void {
    if (this.#repeats > 0) this.log.warn(`the failure above happened ${this.#repeats} more time${this.#repeats === 1 ? '' : 's'}`);
    this.#repeats = 0;
  }
}
