import { setTimeout as sleep } from 'node:timers/promises';
import { formatDuration } from '../../duration.js';
import { TendError } from '../../errors.js';
import type { Logger } from '../../log.js';

/** GitHub's advice for a secondary rate limit that names no time: wait at least a minute. */
const SECONDARY_FALLBACK_UNITS = 60;

/** What a response says of when GitHub takes requests again. */
interface Answer {
  status: number;
  headers: Headers;
  /** The body, read only for a 403 that gives no time (a secondary limit says so in words only). */
  text(): Promise<string>;
}

/**
 * When GitHub takes requests again, for every client of a process (commit statuses, the check run,
 * drift issues alike): a `retry-after` (in units of `unitMs`, a second on GitHub; or an HTTP date),
 * an `x-ratelimit-reset` when `x-ratelimit-remaining` is 0, or a minute for a secondary limit that
 * names no time. No request is let through before then: it waits when that fits the report's time,
 * else it is refused at once, without asking GitHub, and one line says until when.
 */
export class RateLimitGate {
  private notBefore = 0;
  private toldFor = 0;

  private readonly unitMs: number;
  private readonly now: () => number;

  /** `unitMs`: what a second of `retry-after` is (TEND_GITHUB_RETRY_BASE); `now`: the clock. */
  constructor(
    private readonly log: Logger,
    options: { unitMs?: number; now?: () => number } = {},
  ) {
    this.unitMs = options.unitMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The time (ms since the epoch) before which no request may go out, or null when requests may go now. */
  closedUntil(): number | null {
    return this.notBefore > this.now() ? this.notBefore : null;
  }

  /** How long until requests may go, by the gate's clock; null when they may go now. */
  waitLeft(): number | null {
    const until = this.closedUntil();
    return until === null ? null : until - this.now();
  }

  /** Notes what a response says of the limits; true when it is a refusal for a rate limit (to be asked again later). */
  async note(answer: Answer): Promise<boolean> {
    const { status, headers } = answer;
    const at = this.now();
    const retryAfter = parseRetryAfter(headers.get('retry-after'), at, this.unitMs);
    const exhausted = headers.get('x-ratelimit-remaining') === '0';
    const reset = Number(headers.get('x-ratelimit-reset'));
    if (exhausted && Number.isFinite(reset) && reset > 0) this.close(reset * 1000);
    if (status !== 403 && status !== 429) return false;
    if (retryAfter !== null) this.close(retryAfter);
    else if (exhausted) return true;
    else if (status === 429 || /secondary rate limit/i.test(await answer.text().catch(() => ''))) {
      this.close(at + SECONDARY_FALLBACK_UNITS * this.unitMs);
    } else return false;
    return true;
  }

  /**
   * Resolves once requests may go: at once when open; after waiting until then when `mayWait` says
   * that fits the report's time; else rejects at once with GITHUB_RATE_LIMITED (not retried: its name
   * is an abort's), saying until when. The wait ends early with the signal.
   */
  async admit(mayWait: (ms: number) => boolean, signal?: AbortSignal | null): Promise<void> {
    const until = this.closedUntil();
    if (until === null) return;
    const ms = until - this.now();
    if (!mayWait(ms)) throw this.refusal();
    await sleep(ms, undefined, signal ? { signal } : {});
  }

  private close(at: number): void {
    this.notBefore = Math.max(this.notBefore, at);
  }

  /**
   * GITHUB_RATE_LIMITED, saying until when, for a request given up while GitHub takes none; the
   * first for each time GitHub gave is logged, as the one line every report of the process shares.
   */
  refusal(): TendError {
    const until = this.closedUntil() ?? this.now();
    const words = limitWords(until, this.now());
    if (this.toldFor !== until) {
      this.toldFor = until;
      this.log.warn(`GitHub reports: ${words}`, { code: 'GITHUB_RATE_LIMITED' });
    }
    const error = new TendError('GITHUB_RATE_LIMITED', words, { transient: true });
    // octokit passes an abort through untouched and never retries it: this refusal is final for the request.
    error.name = 'AbortError';
    return error;
  }
}

/** `GitHub's rate limit: it takes requests again at 2026-12-06T15:02:13Z (in 58s); reports are given up until then` */
function limitWords(until: number, now: number): string {
  const at = new Date(Math.ceil(until / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return `GitHub's rate limit: it takes requests again at ${at} (in ${formatDuration(Math.max(0, until - now))}); given up until then`;
}

/** `retry-after` as a time (ms since the epoch): seconds (in units of `unitMs`) or an HTTP date; null when absent or unreadable. */
function parseRetryAfter(value: string | null, at: number, unitMs: number): number | null {
  if (value === null || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return at + Number(value) * unitMs;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : date;
}
