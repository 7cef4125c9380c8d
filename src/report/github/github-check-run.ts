import { TendError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { Position, Problem } from '../../problem.js';
import type { CheckRunApi, CheckRunOutput } from './check-run-api.js';
import { checkRunFor, type CheckRunOptions } from './check-run.js';
import type { RunView } from './run-view.js';

/** GitHub takes at most this many annotations in one request: the rest go in updates of as many each. */
const ANNOTATIONS_PER_REQUEST = 50;

export interface GithubCheckRunSettings extends Omit<CheckRunOptions, 'warnings'> {
  /** The warnings the run gave so far (read once it is finished), each shown as an annotation at its place. */
  warnings?: () => readonly Problem[];
  /** The check run's name (`tend`, or the status context's prefix). */
  name: string;
  /** The commit it goes on: the pull request's head, the pushed commit. */
  sha: string;
  detailsUrl: string | null;
  /** How long the check run's requests may take in all, beyond the spacing of its posts. */
  reportTimeoutMs: number;
  writeIntervalMs: number;
  /** Told, once, when the token may not create check runs (GITHUB_FORBIDDEN: no `checks: write`); else that is a warning. */
  onForbidden?: (error: TendError) => void;
}

/**
 * One run's check run (docs/github.md: In GitHub Actions), as a reporter: it keeps where each group's spec
 * starts from `judged`, and once the run is `finished` creates the completed check run with its
 * first 50 annotations, then adds the rest 50 at a time. A failure is logged once, never the run's.
 */
export class GithubCheckRun {
  private places: ReadonlyMap<string, Position> = new Map();
  private deadline = 0;

  constructor(
    private readonly settings: GithubCheckRunSettings,
    private readonly api: CheckRunApi,
    private readonly log: Logger,
  ) {}

  /** Whether a wait of `ms` (a retry) still ends before the check run's time is up. */
  mayWait(ms: number): boolean {
    return Date.now() + ms < this.deadline;
  }

  /** Takes one event of the run (a pipeline Reporter: its events are RunViews by shape); `finished` resolves once posted or given up. Never rejects. */
  async report(event: RunView): Promise<void> {
    if (event.kind === 'judged') this.places = event.places ?? new Map();
    if (event.kind !== 'finished') return;
    const { conclusion, title, summary, annotations } = checkRunFor(event.result, this.places, {
      ...this.settings,
      warnings: this.settings.warnings?.() ?? [],
    });
    const batches: CheckRunOutput[] = [];
    for (let i = 0; i === 0 || i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
      batches.push({ title, summary, annotations: annotations.slice(i, i + ANNOTATIONS_PER_REQUEST) });
    }
    const { name, sha, detailsUrl, reportTimeoutMs, writeIntervalMs } = this.settings;
    const allowed = reportTimeoutMs + batches.length * writeIntervalMs;
    this.deadline = Date.now() + allowed;
    const signal = AbortSignal.timeout(allowed);
    try {
      const [first, ...more] = batches as [CheckRunOutput, ...CheckRunOutput[]];
      const { id } = await this.api.createCheckRun({ name, sha, conclusion, detailsUrl }, first, signal);
      for (const batch of more) await this.api.updateCheckRun(id, batch, signal);
    } catch (err) {
      this.failed(err, signal);
    }
  }

  private failed(err: unknown, signal: AbortSignal): void {
    const error = signal.aborted
      ? new TendError('GITHUB_UNREACHABLE', 'GitHub did not answer in time', { transient: true })
      : err instanceof TendError
        ? err
        : new TendError('GITHUB_UNREACHABLE', errorMessage(err), { transient: true });
    // The rate-limit gate said it in the one line every report of the process shares.
    if (error.code === 'GITHUB_RATE_LIMITED') return;
    if (error.code === 'GITHUB_FORBIDDEN' && this.settings.onForbidden) return this.settings.onForbidden(error);
    this.log.warn(`GitHub check run: ${error.message}`, { code: error.code });
  }
}
