import type { Logger } from '../log.js';

type Fields = Record<string, unknown>;

/**
 * The watcher's log for its runs: a warning, error or problem that repeats tick after tick (a
 * plugin down, a spec warning, a group that keeps failing) is said once, then not again while it
 * keeps coming back in every full tick; once a full tick goes by without it, it is said again when it
 * returns. What a cause ended with is the watcher's state's to say. Information is never held back.
 */
export class QuietLog implements Logger {
  #tick = 0;
  /** Each line said, with the full tick it was last met in. */
  readonly #said = new Map<string, number>();

  constructor(private readonly log: Logger) {}

  /** A full tick starts: lines not met in the one before it are forgotten. */
  nextTick(): void {
    this.#tick += 1;
    for (const [line, tick] of this.#said) if (tick < this.#tick - 1) this.#said.delete(line);
  }

  info(message: string, fields?: Fields): void {
    this.log.info(message, fields);
  }

  warn(message: string, fields?: Fields): void {
    if (!this.#repeated(`warn\0${message}`)) this.log.warn(message, fields);
  }

  error(message: string, fields?: Fields): void {
    if (!this.#repeated(`error\0${message}`)) this.log.error(message, fields);
  }

  problem(line: string, fields?: Fields): void {
    if (!this.#repeated(`problem\0${line}`)) this.log.problem(line, fields);
  }

  #repeated(line: string): boolean {
    const seen = this.#said.has(line);
    this.#said.set(line, this.#tick);
    return seen;
  }
}
