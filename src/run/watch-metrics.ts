import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Reporter, RunEvent } from '../pipeline/reporter.js';
import type { Plan } from '../reconcile/types.js';

const DRIFT_KINDS = ['missing', 'extra', 'stale', 'modified', 'unhealthy'] as const;

/** What /metrics serves (README: Watching a repository: metrics); one per watcher, never a global. */
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
  readonly #applied = new Gauge({
    name: 'tend_revision_applied',
    help: 'The revision the last tick enforced (1 on its label)',
    labelNames: ['revision'],
    registers: [this.registry],
  });
  readonly #lastGood = new Gauge({
    name: 'tend_revision_last_good',
    help: 'The last revision whose specs were valid (1 on its label)',
    labelNames: ['revision'],
    registers: [this.registry],
  });
  readonly #drift = new Gauge({
    name: 'tend_drift_instances',
    help: 'Instances drifted, by group and kind: as last judged, and 0 once the group converged',
    labelNames: ['group', 'kind'],
    registers: [this.registry],
  });
  readonly #outcomes = new Counter({
    name: 'tend_group_outcomes_total',
    help: 'Groups applied, by outcome (converged, failed, paused, drifted, blocked, interrupted)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tend_' });
  }

  lastGood(sha: string): void {
    this.#lastGood.reset();
    this.#lastGood.set({ revision: sha }, 1);
  }

  /** The reporter that keeps the drift, outcome and revision metrics from each run's events. */
  reporter(): Reporter {
    return {
      report: (event: RunEvent) => {
        if (event.kind === 'judged') this.#judged(event.plan, event.revision.sha);
        else if (event.kind === 'outcome' && event.group.outcome) {
          this.#outcomes.inc({ outcome: event.group.outcome });
          // A converged group has no drift left; any other outcome leaves what was judged.
          if (event.group.outcome === 'converged') for (const kind of DRIFT_KINDS) this.#drift.set({ group: event.group.id, kind }, 0);
        }
      },
    };
  }

  #judged(plan: Plan, sha: string | null): void {
    for (const group of plan.groups) {
      for (const kind of DRIFT_KINDS) this.#drift.set({ group: group.id, kind }, group.drift[kind]);
    }
    this.#applied.reset();
    this.#applied.set({ revision: sha ?? 'folder' }, 1);
  }
}
