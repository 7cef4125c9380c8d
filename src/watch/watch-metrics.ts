import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Reporter, RunEvent } from '../pipeline/reporter.js';
import { currentGroups } from './current-groups.js';
import type { RevisionMark, WatchStatus } from './watch-status.js';

const DRIFT_KINDS = ['missing', 'extra', 'stale', 'modified', 'unhealthy'] as const;

/** What /metrics serves (docs/watcher.md: Watching a repository: metrics); one per watcher, never a global. */
export class WatchMetrics {
  readonly registry = new Registry();
  readonly ticks = new Counter({
    name: 'tend_ticks_total',
    help: 'Ticks run, by kind (full, group) and result (ok, failed)',
    labelNames: ['kind', 'result'],
    registers: [this.registry],
  });
  readonly tickSeconds = new Histogram({
    name: 'tend_tick_duration_seconds',
    help: 'How long a tick took',
    labelNames: ['kind'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly pollFailures = new Counter({
    name: 'tend_git_poll_failures_total',
    help: 'Looks at the source (has the ref moved?) that failed, by error code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly webhookDeliveries = new Counter({
    name: 'tend_webhook_deliveries_total',
    help: 'Webhook deliveries, by result (accepted, ignored, ping, unauthorized, bad_request, too_large)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly driftChecks = new Counter({
    name: 'tend_drift_checks_total',
    help: 'Scheduled drift checks, by result (ok, drift, failed, skipped)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly #outcomes = new Counter({
    name: 'tend_group_outcomes_total',
    help: 'Groups applied, by outcome (converged, failed, paused, drifted, blocked, interrupted)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  /** The counters, and the gauges read from the watcher's state at each scrape (nothing kept twice). */
  constructor(state: { readonly status: Readonly<WatchStatus> }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'tend_' });
    const revisionGauge = (name: string, help: string, mark: () => RevisionMark | null) =>
      new Gauge({
        name,
        help,
        labelNames: ['revision'],
        registers: [this.registry],
        collect() {
          this.reset();
          const revision = mark();
          if (revision !== null) this.set({ revision: revision.sha ?? 'folder' }, 1);
        },
      });
    revisionGauge('tend_revision_applied', 'The revision the ticks enforce (1 on its label)', () => state.status.enforced);
    revisionGauge(
      'tend_revision_last_good',
      'The last revision that was valid, not blocked, and applied (1 on its label)',
      () => state.status.lastGood,
    );
    new Gauge({
      name: 'tend_drift_instances',
      help: 'Instances drifted, by group and kind, as the latest run judged them (0 once a group converged); only groups of the enforced revision',
      labelNames: ['group', 'kind'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const group of currentGroups(state.status)) {
          const converged = group.condition === 'converged';
          for (const kind of DRIFT_KINDS) this.set({ group: group.id, kind }, converged ? 0 : group.drift[kind]);
        }
      },
    });
  }

  /** The reporter that counts each group's outcome as applies reach it. */
  reporter(): Reporter {
    return {
      report: (event: RunEvent) => {
        if (event.kind === 'outcome') this.#outcomes.inc({ outcome: event.group.outcome });
      },
    };
  }
}
