import { formatDuration } from '../../duration.js';
import { TendError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { statusesFor, type StatusBatch, type StatusPhrasing } from './commit-statuses.js';
import { readLatest } from './read-latest.js';
import type { RunView } from './run-view.js';
import type { RateLimitGate } from './rate-limit-gate.js';
import type { StatusApi } from './status-api.js';
import { StatusLedger, contextKey, latest } from './status-ledger.js';

export interface GithubStatusesSettings {
  /** The aggregate context and the prefix of the groups' (`tend`, `tend/prod`). */
  context: string;
  perGroupLimit: number;
  /** Where a status links to (the Actions run, `--status-url`), or null. */
  targetUrl: string | null;
  /** How long a report may wait for GitHub beyond the spacing of its posts, before it gives up until the next report. */
  reportTimeoutMs: number;
  /** The spacing of posts (the write throttle), counted into each report's time. */
  writeIntervalMs: number;
  /**
   * True for a long-lived driver that reports again (the watcher): what was not posted is posted at
   * its next report, and statuses a rate limit held back are posted once GitHub takes requests again
   * (needs `gate`); else what was not posted is given up, and said so.
   */
  reportsAgain?: boolean;
  /**
   * Told, once, instead of an error in the log, when GitHub answers that the credential may not post
   * statuses (GITHUB_FORBIDDEN): a driver for which that is expected (a read-only token in an Action).
   */
  onForbidden?: (error: TendError) => void;
  /** The process's rate-limit gate, shared by every GitHub client. */
  gate?: RateLimitGate;
}

/** Reports one kind of run to commit statuses: a pipeline Reporter (its events are RunViews by shape). */
export interface StatusReporter {
  /** Takes one event: queues its statuses and returns; `finished` resolves once they are posted or the report's time is up. Never rejects. */
  report(event: RunView): Promise<void>;
}

/**
 * Commit statuses for every run of a process (docs/github.md: Commit statuses): each run's reporter
 * (`reporter('apply')`, `reporter('drift')`) posts through one queue, one memory and one client,
 * so a watcher's many runs on many commits never post the same (context, state, description) twice
 * in a row. GitHub being slow, down or refusing never stops a run: each failure is logged once (a
 * refused credential stops all posting), and what was not posted is posted at the next report of a
 * driver that reports again (a watcher), or given up by a one-shot command.
 */
export class GithubStatuses {
  private readonly ledger = new StatusLedger();
  private readonly said = new Set<string>();
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private stop = new AbortController();
  private deadline = 0;
  private refused: TendError | null = null;
  /** Batches given up for a rate limit, by commit and kind of run, the newest of each: posted when the limit ends. */
  private readonly held = new Map<string, { batch: StatusBatch; phrasing: StatusPhrasing }>();
  private release: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: GithubStatusesSettings,
    private readonly api: StatusApi,
    private readonly log: Logger,
  ) {}

  /**
   * The reporter of one kind of run: `pending` as an apply starts, the final state once any run
   * finishes; on the judged revision's commit, or on `commit` when the driver names the one to
   * report on (a pull request's head, whose merge commit was judged). Specs from a plain folder
   * have no commit either way.
   */
  reporter(phrasing: StatusPhrasing, commit?: string): StatusReporter {
    return { report: (event) => this.report(event, phrasing, commit) };
  }

  /** Whether a wait of `ms` (a retry) still ends before the report's time is up. */
  mayWait(ms: number): boolean {
    return Date.now() + ms < this.deadline;
  }

  /** Abandons every request in flight and everything queued (a watcher shutting down). */
  close(): void {
    clearTimeout(this.release);
    this.held.clear();
    this.stop.abort();
    this.stop = new AbortController();
  }

  private async report(event: RunView, phrasing: StatusPhrasing, commit: string | undefined): Promise<void> {
    const { context, perGroupLimit } = this.settings;
    const batch = statusesFor(event, { context, perGroupLimit, phrasing });
    if (batch !== null) this.enqueue(commit !== undefined && batch.sha !== null ? { ...batch, sha: commit } : batch, phrasing);
    if (event.kind === 'finished') await this.settle();
  }

  private enqueue(batch: StatusBatch, phrasing: StatusPhrasing): void {
    const { signal } = this.stop;
    this.queued += batch.statuses.length;
    this.deadline = Math.max(this.deadline, Date.now() + this.settings.reportTimeoutMs + this.queued * this.settings.writeIntervalMs);
    this.queue = this.queue.then(() => this.post(batch, phrasing, signal)).finally(() => (this.queued -= batch.statuses.length));
  }

  /** Waits for the queue, at most until the report's time is up; then abandons what is left, to be posted at the next report. */
  private async settle(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), Math.max(0, this.deadline - Date.now()))));
    const timedOut = await Promise.race([this.queue.then(() => false), late]);
    clearTimeout(timer);
    if (!timedOut) return;
    this.close();
    const fate =
      this.settings.reportsAgain === true ? 'what was not posted is posted at the next report' : 'what was not posted is given up';
    const message = `GitHub statuses: GitHub did not answer within ${formatDuration(this.settings.reportTimeoutMs)}; ${fate}`;
    this.once('failure timeout', message, 'GITHUB_UNREACHABLE');
  }

  private async post(batch: StatusBatch, phrasing: StatusPhrasing, signal: AbortSignal): Promise<void> {
    if (batch.sha === null) {
      this.once(
        'GITHUB_NO_COMMIT',
        '--report github: the specs come from a folder, not a commit, so no commit status is posted (read them with --repo)',
      );
      return;
    }
    if (this.refused !== null || signal.aborted) return;
    const { sha } = batch;
    const memory = this.ledger.commit(sha);
    const judged = memory.judged.get(phrasing) ?? new Map<string, string>();
    memory.judged.set(phrasing, judged);
    const wanted = batch.statuses.filter(
      (s) =>
        !memory.capped.has(contextKey(s.context)) &&
        !(s.state === 'pending' && memory.pending.get(contextKey(s.context)) === s.description),
    );
    try {
      if (wanted.length === 0) return;
      const listed = await readLatest(
        this.api,
        memory,
        sha,
        wanted.map((s) => s.context),
        signal,
      );
      for (const status of wanted) {
        const key = contextKey(status.context);
        const known = latest(listed.get(key), memory.posted.get(key));
        const words = `${status.state} ${status.description}`;
        const repeated = judged.get(key) === words;
        if (known && known.state === status.state && known.description === status.description) {
          judged.set(key, words);
          continue;
        }
        // This kind of run said the same last time, and what shows is this process's other kind of run: no flip-flop.
        if (repeated && known !== undefined && memory.posted.get(key)?.id === known.id) continue;
        try {
          const { id } = await this.api.createStatus(sha, status, this.settings.targetUrl, signal);
          memory.posted.set(key, { id, context: status.context, state: status.state, description: status.description });
          if (status.state === 'pending') memory.pending.set(key, status.description);
          judged.set(key, words);
        } catch (err) {
          if (!(err instanceof TendError && err.code === 'GITHUB_LIMIT')) throw err;
          memory.capped.add(key);
          this.once(
            `GITHUB_LIMIT ${sha} ${key}`,
            `GitHub statuses: ${err.message}; ${status.context} is not posted on this commit again`,
            'GITHUB_LIMIT',
          );
        }
      }
      // Back to normal: a later outage is worth saying again.
      for (const key of this.said) if (key.startsWith('failure ')) this.said.delete(key);
    } catch (err) {
      if (signal.aborted) return;
      if (err instanceof TendError && err.code === 'GITHUB_RATE_LIMITED') return this.hold(batch, phrasing);
      this.failed(err);
    }
  }

  /** A batch given up for a rate limit (the gate said so in one line): held until GitHub takes requests again, when asked to. */
  private hold(batch: StatusBatch, phrasing: StatusPhrasing): void {
    const until = this.settings.gate?.closedUntil() ?? null;
    if (!this.settings.reportsAgain || until === null || batch.sha === null) return;
    this.held.set(`${batch.sha} ${phrasing}`, { batch, phrasing });
    clearTimeout(this.release);
    this.release = setTimeout(() => {
      const held = [...this.held.values()];
      this.held.clear();
      for (const h of held) this.enqueue(h.batch, h.phrasing);
    }, until - Date.now());
    this.release.unref();
  }

  private failed(err: unknown): void {
    const error = err instanceof TendError ? err : new TendError('GITHUB_UNREACHABLE', errorMessage(err), { transient: true });
    if (error.code === 'GITHUB_AUTH' || error.code === 'GITHUB_FORBIDDEN') {
      this.refused = error;
      const { onForbidden } = this.settings;
      if (error.code === 'GITHUB_FORBIDDEN' && onForbidden) onForbidden(error);
      else this.log.error(`GitHub statuses: ${error.message}; no status is posted`, { code: error.code });
      return;
    }
    const retry = error.transient ? (this.settings.reportsAgain === true ? '; tried again at the next report' : '; not posted') : '';
    this.once(`failure ${error.code} ${error.message}`, `GitHub statuses: ${error.message}${retry}`, error.code);
  }

  /** Logs a warning once for the life of the process (for failures: until posting works again). */
  private once(key: string, message: string, code = key): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.log.warn(message, { code });
  }
}
