import { runError, type RunError } from '../errors.js';
import type { ApplySettings, ChangePorts, LockPorts } from '../pipeline/ports.js';
import { planOnce, reconcileOnce } from '../pipeline/reconcile-once.js';
import type { JudgeOptions } from '../reconcile/judge-revision.js';
import { hasDrift } from '../reconcile/plan-summary.js';
import type { Revision } from '../source/spec-source.js';
import { FailureLog } from './failure-log.js';
import type { RevisionKeeper } from './revision-keeper.js';
import { tickVerdict } from './tick-verdict.js';
import type { WatchMetrics } from './watch-metrics.js';
import type { WatchReporters, WatchRun } from './watch-runs.js';

export interface TickDeps {
  ports: LockPorts;
  /** Who hears each kind of run: a full tick, a heal of a few groups, a drift check. */
  reporters: WatchReporters;
  judge: JudgeOptions;
  settings: ApplySettings;
  keeper: RevisionKeeper;
  metrics: WatchMetrics;
  intervalMs: number;
  now?: () => number;
}

/** Longest wait between two looks at an unreachable source, in intervals: retries back off, but not for ever. */
const MAX_BACKOFF_INTERVALS = 8;

/**
 * The steps of the watcher's ticks (README: Watching a repository), each one run of the pipeline
 * or two, and each returning the failure the watcher's health reports (null for none). Never rejects
 * for expected failures: they are typed results, logged once per distinct cause.
 */
export class WatchTicks {
  readonly #polls: FailureLog;
  readonly #runs: FailureLog;
  #pollFailures = 0;
  #nextPollAt = 0;
  /** Why the newest revision is not enforced (its specs are invalid); null once a good one comes. */
  #stalled: RunError | null = null;
  readonly #now: () => number;

  constructor(private readonly deps: TickDeps) {
    this.#polls = new FailureLog(deps.ports.log);
    this.#runs = new FailureLog(deps.ports.log);
    this.#now = deps.now ?? Date.now;
  }

  /** The ports of one kind of run: its own reporters. */
  #ports(run: WatchRun): ChangePorts {
    return { ...this.deps.ports, reporters: this.deps.reporters[run] };
  }

  /**
   * A full tick: has the source moved? If so, judge the new revision and apply it when valid (it
   * becomes the last good one), or mark it bad. Then every group of the enforced revision is
   * reconciled. An unreachable source is looked at again with backoff (`forced`, after a push,
   * looks at once); the enforced revision keeps being enforced meanwhile.
   */
  async full(forced: boolean): Promise<RunError | null> {
    const { judge, settings, keeper } = this.deps;
    const pollError = await this.#poll(forced);
    if (pollError !== null && 'moved' in pollError) return pollError.moved;
    const enforced = keeper.enforced ?? (await keeper.restoreLastGood());
    if (enforced === null) return pollError ?? this.#stalled;
    const verdict = this.#said(tickVerdict(await reconcileOnce(this.#ports('tick'), judge, settings, enforced)));
    return pollError ?? this.#stalled ?? verdict;
  }

  /** Reconciles only these groups of the enforced revision (an instance event named them); false when none is enforced yet. */
  async groups(ids: readonly string[]): Promise<RunError | null | false> {
    const { judge, settings, keeper } = this.deps;
    if (keeper.enforced === null) return false;
    const only = { ...judge, only: new Set(ids), policy: { ...judge.policy, prune: false } };
    return this.#said(tickVerdict(await reconcileOnce(this.#ports('heal'), only, settings, keeper.enforced)));
  }

  /** A full drift check of the enforced revision, reported and never corrected; null when there is nothing to check yet. */
  async drift(): Promise<'ok' | 'drift' | 'failed' | null> {
    const { judge, keeper } = this.deps;
    const enforced = keeper.enforced ?? (await keeper.restoreLastGood());
    if (enforced === null) return null;
    const result = await planOnce(this.#ports('drift'), judge, enforced);
    if (result.kind === 'failed') return 'failed';
    return hasDrift(result.plan) ? 'drift' : 'ok';
  }

  /**
   * Looks at the source, unless backing off. A new revision is judged and, when valid, applied
   * (then the tick's work is done: `moved`, with how that run went); when invalid it is marked bad and the tick goes on with
   * the last good one. Returns the source's failure, if it failed.
   */
  async #poll(forced: boolean): Promise<RunError | null | { moved: RunError | null }> {
    const { ports, judge, settings, keeper, metrics } = this.deps;
    if (!forced && this.#now() < this.#nextPollAt) return this.#pollFailures > 0 ? { ...this.#lastPollError } : null;
    const polled = await keeper.poll();
    if (polled.kind === 'failed') {
      this.#pollFailures += 1;
      const backoff = Math.min(2 ** (this.#pollFailures - 1), MAX_BACKOFF_INTERVALS) * this.deps.intervalMs;
      this.#nextPollAt = this.#now() + backoff;
      metrics.pollFailures.inc({ code: polled.error.code });
      this.#lastPollError = runError(polled.error);
      const retry = polled.error.transient ? `; retrying with backoff, enforcing ${enforcedName(keeper.enforced)}` : '';
      this.#polls.failed(`${polled.error.code} ${polled.error.message}`, `${polled.error.message}${retry}`, { code: polled.error.code });
      return this.#lastPollError;
    }
    if (this.#pollFailures > 0) this.#polls.recovered('the source answers');
    this.#pollFailures = 0;
    this.#nextPollAt = 0;
    if (polled.kind === 'same') return null;
    // A new commit is told as a tick, invalid or not: its judgement belongs on its own SHA.
    const result = await reconcileOnce(this.#ports('tick'), judge, settings, polled.revision);
    if (result.kind === 'failed' && result.revision !== null && !result.error.transient) {
      keeper.reject(polled.revision);
      this.#stalled = runError(result.error);
      ports.log.error(
        `${polled.revision.label} is not applied (${result.error.code}); enforcing ${enforcedName(keeper.enforced)} until a newer commit fixes it`,
        {
          code: result.error.code,
          revision: polled.revision.sha,
        },
      );
      return null;
    }
    if (result.kind !== 'failed') {
      keeper.accept(polled.revision);
      if (polled.revision.sha !== null) metrics.lastGood(polled.revision.sha);
      this.#stalled = null;
    }
    return { moved: this.#said(tickVerdict(result)) };
  }

  #lastPollError: RunError = { code: 'GIT_UNREACHABLE', message: '', transient: true };

  /** A run's failure, logged once per distinct cause. */
  #said(verdict: RunError | null): RunError | null {
    if (verdict === null) this.#runs.recovered('the runs succeed');
    else this.#runs.failed(`${verdict.code} ${verdict.message}`, `tick failed: ${verdict.message}`, { code: verdict.code });
    return verdict;
  }
}

function enforcedName(revision: Revision | null): string {
  if (revision === null) return 'nothing (no good revision yet)';
  return revision.sha === null ? 'the last good specs' : `the last good revision ${revision.sha.slice(0, 12)}`;
}
