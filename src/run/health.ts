import type { RunError } from '../errors.js';

export interface HealthStatus {
  ok: boolean;
  /** Why not, or what is being tolerated (a transient failure not yet three intervals old); null when all is well. */
  reason: string | null;
}

/**
 * The watcher's health as /healthz tells it (README: Watching a repository): good while the last
 * tick succeeded, or failed transiently (the Git server or a plugin unreachable) for less than
 * three intervals; bad otherwise, with the reason. Before the first tick ends, good for three intervals.
 */
export class Health {
  #failingSince: number | null = null;
  #last: RunError | null = null;
  #ticked = false;
  readonly #started: number;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.#started = now();
  }

  /** Records how a tick ended: null for success. */
  record(error: RunError | null): void {
    this.#ticked = true;
    this.#last = error;
    if (error === null) this.#failingSince = null;
    else this.#failingSince ??= this.now();
  }

  status(): HealthStatus {
    const grace = 3 * this.intervalMs;
    if (!this.#ticked) {
      const ok = this.now() - this.#started <= grace;
      return { ok, reason: ok ? 'starting: the first tick has not ended yet' : 'the first tick has not ended in three intervals' };
    }
    const error = this.#last;
    if (error === null) return { ok: true, reason: null };
    const reason = `${error.code}: ${error.message}`;
    const recent = error.transient && this.now() - (this.#failingSince ?? 0) <= grace;
    return { ok: recent, reason: recent ? `retrying: ${reason}` : reason };
  }
}
