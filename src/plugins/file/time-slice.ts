import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long file calls run back to back, by default, before the event loop gets a turn (timers, /healthz, the webhook, signals). */
export const SLICE_MS = 5;

/**
 * The file plugin's calls on instance files are synchronous, and the event loop gets a turn every
 * 5 ms of them: a small local file is read or written in microseconds, while a round trip per call
 * to libuv's threads made a describe of 10,000 files half as slow again, and a first apply a fifth
 * (three to five calls per file). So a large folder never holds the event loop for longer than a
 * slice, and no caller has to make room for it.
 */
export class TimeSlice {
  #ends = 0;
  /** The turn the callers past the slice's end wait for, all of them the same one. */
  #next: Promise<void> | null = null;
  /** Set by a turn, taken by the first caller after it, whose call starts the next slice. */
  #turned = false;

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Resolves at once within the current slice; past its end, after the event loop's next turn. */
  async turn(): Promise<void> {
    for (;;) {
      if (performance.now() < this.#ends) return;
      if (this.#turned) {
        this.#turned = false;
        this.#ends = performance.now() + this.sliceMs;
        return;
      }
      this.#next ??= nextTurn().then(() => {
        this.#next = null;
        this.#turned = true;
      });
      await this.#next;
    }
  }
}
