/** What the loop runs; each call is awaited before the next starts, so ticks never overlap. */
export interface LoopWork {
  /** A full tick; `forced` when asked for (a push) rather than due. */
  full(forced: boolean): Promise<void>;
  /** A tick of these groups only; false when it cannot be done yet (then a full tick runs instead). */
  groups(ids: readonly string[]): Promise<boolean>;
  drift(): Promise<void>;
}

/**
 * The watcher's one line of work: a full tick every interval (counted from the end of the last
 * one), and at once when asked; a tick of the groups an instance event named; a scheduled drift
 * check. Requests made while something runs are gathered into the next run: a burst of webhooks is
 * one tick, a full tick pending covers every group asked for, and a drift check already waiting or
 * running makes another one skip.
 */
export class TickLoop {
  #full = true;
  #forced = false;
  #groups = new Set<string>();
  #drift: 'none' | 'pending' | 'running' = 'none';
  #nextFullAt = 0;
  #wake: (() => void) | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly work: LoopWork,
    private readonly signal: AbortSignal,
    private readonly now: () => number = Date.now,
  ) {
    signal.addEventListener('abort', () => this.#wake?.(), { once: true });
  }

  /** Asks for a full tick as soon as the one running (if any) ends. */
  requestFull(): void {
    this.#full = true;
    this.#forced = true;
    this.#wake?.();
  }

  /** Asks for these groups to be reconciled as soon as the tick running (if any) ends. */
  requestGroups(ids: Iterable<string>): void {
    for (const id of ids) this.#groups.add(id);
    this.#wake?.();
  }

  /** Asks for a drift check; false (skipped, not queued) when one is already waiting or running. */
  requestDrift(): boolean {
    if (this.#drift !== 'none') return false;
    this.#drift = 'pending';
    this.#wake?.();
    return true;
  }

  /** Runs until the signal aborts; resolves once the work in flight has ended. */
  async run(): Promise<void> {
    while (!this.signal.aborted) {
      await this.#idle();
      if (this.signal.aborted) break;
      if (this.now() >= this.#nextFullAt) this.#full = true;
      // The first full tick comes first: before it, there is no revision to check.
      if (this.#drift === 'pending' && this.#nextFullAt > 0) {
        this.#drift = 'running';
        try {
          await this.work.drift();
        } finally {
          this.#drift = 'none';
        }
      } else if (this.#full) {
        const forced = this.#forced;
        this.#full = false;
        this.#forced = false;
        this.#groups.clear();
        await this.work.full(forced);
        this.#nextFullAt = this.now() + this.intervalMs;
      } else if (this.#groups.size > 0) {
        const ids = [...this.#groups];
        this.#groups.clear();
        if (!(await this.work.groups(ids))) this.#full = true;
      }
    }
  }

  #pending(): boolean {
    return this.#full || this.#groups.size > 0 || this.#drift === 'pending' || this.now() >= this.#nextFullAt;
  }

  /** Waits until there is work: a request, the next interval, or the stop. */
  async #idle(): Promise<void> {
    if (this.#pending() || this.signal.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, this.#nextFullAt - this.now()));
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
    this.#wake = null;
  }
}
