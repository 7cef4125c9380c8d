import type { Command } from 'commander';
import { defaultOf } from '../config/options.js';
import { TendError } from '../errors.js';
import type { Logger } from '../log.js';
import { reportQueue, type ReportQueue } from '../pipeline/report-queue.js';
import { stopOnSignals } from '../compose/stop-on-signals.js';
import type { GithubStatuses } from '../report/github/github-statuses.js';
import type { WatcherSetup } from '../watch/run-watcher.js';
import type { WatchReporters } from '../watch/watch-runs.js';
import type { CommandContext } from './context.js';
import type { PipelineFlags } from './options.js';
import { githubSession, openDriftIssues, openGithubStatuses } from './reporters.js';
import type { Reporter } from '../pipeline/reporter.js';
import { watchReporter } from './watch-reporter.js';

/**
 * `tend watch`: runs the watcher (src/watch/run-watcher.ts) until SIGINT or SIGTERM, then exits 0
 * once the calls in flight have finished and the lock is released; 1 if it could not start (the
 * lock is held, a port is taken, a flag is wrong) or lost its lock.
 */
export async function watchCommand(ctx: CommandContext, flags: PipelineFlags): Promise<number> {
  const settings = watchSettings(ctx, flags);
  // Never disposed: proper-lockfile's signal-exit re-raises a signal when it finds itself the last
  // listener, which would turn the watcher's clean stop into exit 143.
  return watchUntil(ctx, settings, stopOnSignals(ctx.log).signal);
}

/**
 * The watcher as `tend watch` runs it, once its flags are read: GitHub statuses and drift issues
 * as the flags and config ask, the console's reporter on every kind of run, the state folder's
 * lock; until `stop` is aborted. Resolves with the exit code.
 */
export async function watchUntil(ctx: CommandContext, settings: WatchSettings, stop: AbortSignal): Promise<number> {
  // Loaded only for `watch`: the one-shot commands start faster without the watcher's libraries.
  const [{ runWatcher }, { checkSchedule }, { stateFolderLock }] = await Promise.all([
    import('../watch/run-watcher.js'),
    import('../watch/drift-schedule.js'),
    import('../compose/apply-lock.js'),
  ]);
  if (settings.drift !== null) checkSchedule(settings.drift.expression, settings.drift.timezone);
  // One for the watcher's life: its memory of what each commit holds is what keeps ticks from re-posting.
  const session = githubSession(ctx);
  const github = session ? await openGithubStatuses(ctx, session, true) : null;
  const issues = session ? await openDriftIssues(ctx, session) : null;
  const { driftIssueReporter } = await import('../report/github/drift-issue-reporter.js');
  // GitHub is told off the reconcile path: a hung API never holds a tick, a heal or a new commit up.
  const queue = reportQueue(ctx.log);
  const tracked = (kind: 'check' | 'apply') => (issues === null ? [] : [queue.wrap(driftIssueReporter(issues, kind))]);
  try {
    return await runWatcher({
      ports: ctx.ports,
      reporters: (log) => watchReporters(log, github, queue, tracked),
      lock: stateFolderLock(ctx.config.stateDir, 0, { holder: 'tend watch' }),
      planning: ctx.planning,
      settings: ctx.apply,
      stateDir: ctx.config.stateDir,
      signal: stop,
      ...settings,
    });
  } finally {
    if (!(await queue.drain(REPORT_DRAIN_MS)))
      ctx.log.warn('stopping with reports to GitHub not yet posted: the next watcher posts what the commits come to');
    github?.close();
  }
}

/**
 * Every reporter the watcher's runs are told about, by kind of run, in order: add one here and the
 * watcher tells it too. Ticks are applies and drift checks are drift checks on the commit. A heal
 * (the few groups an instance event named) is not posted: it sees only those groups, so it cannot
 * say the commit's aggregate, and the next full tick (within an interval) posts what it came to.
 * Drift issues (`tracked`) are kept by drift checks and closed by the ticks that bring groups in sync.
 */
function watchReporters(
  log: Logger,
  github: GithubStatuses | null,
  queue: ReportQueue,
  tracked: (kind: 'check' | 'apply') => Reporter[],
): WatchReporters {
  const statuses = (phrasing: 'apply' | 'drift') => (github === null ? [] : [queue.wrap(github.reporter(phrasing))]);
  return {
    tick: [watchReporter(log), ...statuses('apply'), ...tracked('apply')],
    heal: [watchReporter(log)],
    drift: [watchReporter(log), ...statuses('drift'), ...tracked('check')],
  };
}

/** How long a stopping watcher waits for its queued reports to reach GitHub. */
const REPORT_DRAIN_MS = 10_000;

/** What `tend watch` reads from its flags and config beside the pipeline's settings: the tick, the drift schedule, the ports, the repository. */
export type WatchSettings = Pick<WatcherSetup, 'intervalMs' | 'drift' | 'http' | 'repository'>;

export function watchSettings(ctx: CommandContext, flags: PipelineFlags): WatchSettings {
  const r = ctx.config.reconcile;
  const intervalMs = r.intervalMs;
  if (intervalMs < 1000)
    throw new TendError('USAGE', '--interval (reconcile.interval) is at least 1s: events and the webhook make ticks sooner');
  const expression = r.driftSchedule;
  const webhookPort = port('--webhook-port', ctx.config.webhook.port);
  const metricsPort = port('--metrics-port', ctx.config.metrics.port);
  const secret = ctx.io.env.TEND_WEBHOOK_SECRET ?? '';
  if (webhookPort !== null && secret === '') {
    throw new TendError(
      'USAGE',
      'a webhook port is set but TEND_WEBHOOK_SECRET is not: set it to the secret given to GitHub, so that deliveries can be verified',
    );
  }
  return {
    intervalMs,
    drift: expression === 'off' || expression === '' ? null : { expression, timezone: r.timezone },
    http: { host: flags.listen ?? defaultOf('listen'), webhookPort, metricsPort, secret: secret === '' ? null : secret },
    // A folder of specs has no repository to link commits to.
    repository: flags.specs === undefined ? (flags.repo ?? ctx.config.source.repo) : null,
  };
}

function port(flag: string, value: number | null): number | null {
  if (value !== null && value > 65535) throw new TendError('USAGE', `${flag} is a TCP port, 0 to 65535 (0: any free one)`);
  return value;
}

export function describeWatch(cmd: Command): Command {
  return cmd
    .description('Keep the groups converged to a branch until stopped: poll, webhook, instance events and scheduled drift checks')
    .addHelpText(
      'after',
      [
        '',
        'Each tick asks whether the ref moved (one git ls-remote; a --specs folder is read again). A new',
        'commit (or changed folder) is validated and planned: one valid and not blocked is applied and becomes the last good',
        'revision. Otherwise it changes nothing, in ticks and heals alike: invalid (its spec problems, until',
        'the branch moves), blocked (the destroy budget, until the branch moves or the budget is raised), or',
        'waiting (a plugin refused it: judged again with backoff). The last good revision keeps being',
        'enforced, also after a restart. Then every correct group is reconciled, so drift is healed every',
        'tick; report groups are judged only. Each cause is logged once when it starts and once when it ends.',
        'Instances a plugin reports changed (the file plugin, by file events) are healed at once, group',
        'by group. A push to the watched ref on the webhook ticks at once.',
        '',
        'Webhook: POST /hooks/github, verified with TEND_WEBHOOK_SECRET (X-Hub-Signature-256).',
        'GET /healthz: 200 while ticks succeed (or fail transiently for under three intervals), else 503.',
        'GET /metrics: Prometheus text, tend_* names (docs/watcher.md: Watching a repository).',
        'GET /: the status page, live; GET /api/v1/status and /api/v1/events?since= for scripts (docs/status-page.md).',
        '--report github: each tick is posted as an apply on the commit it enforced, each drift check as a',
        'drift check there; an invalid new commit gets error on its own SHA (docs/github.md: Commit statuses).',
        'Reports are queued off the reconcile path: a slow or hung GitHub never holds a tick or a heal up.',
        '--drift-issues: drift checks keep one issue per drifted group; the tick that heals it closes it (docs/github.md: Drift issues).',
        "State in the state folder: apply.lock (held while watching), watch/status.json (the watcher's state:",
        'head, enforced and last good revisions, refused heads, causes, the latest run of each kind),',
        'watch/events.json (the recent events: the last 1,000, a day at most), watch/last-drift-check.json, git/.',
        '',
        'Ctrl-C or SIGTERM: calls in flight finish, the lock is released, exit 0. A second one stops at once.',
        'Exit 1: it could not start (lock held, port taken, bad flag) or lost its lock.',
      ].join('\n'),
    );
}
