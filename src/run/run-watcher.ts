import path from 'node:path';
import { formatDuration } from '../duration.js';
import { errorMessage, TendError } from '../errors.js';
import type { ApplyLock, ApplySettings, ReadPorts } from '../pipeline/ports.js';
import type { JudgeOptions } from '../reconcile/judge-revision.js';
import { TAG_GROUP } from '../reconcile/tags.js';
import { createSpecCache } from '../spec/spec-cache.js';
import { scheduleDrift, type DriftSchedule } from './drift-schedule.js';
import { Health } from './health.js';
import { holdForLife } from './life-lock.js';
import { RevisionKeeper } from './revision-keeper.js';
import { TickLoop } from './tick-loop.js';
import { WatchMetrics } from './watch-metrics.js';
import { startWatchServer, type WatchServer } from './watch-server.js';
import type { WatchReporters } from './watch-runs.js';
import { WatchTicks } from './watch-ticks.js';

export interface WatcherSetup {
  /** Where specs come from, the plugins, the log. */
  ports: ReadPorts;
  /**
   * Who hears each kind of run (a full tick, a heal of a few groups, a drift check). A reporter
   * with a memory across runs (commit statuses' dedupe) is one object shared by the kinds it serves.
   */
  reporters: WatchReporters;
  /** The state folder's lock, held for the watcher's whole life. */
  lock: ApplyLock;
  judge: JudgeOptions;
  settings: ApplySettings;
  intervalMs: number;
  /** The state folder: the last good revision and the last drift run are kept in `<stateDir>/watch/`. */
  stateDir: string;
  drift: { expression: string; timezone: string | null } | null;
  http: { host: string; webhookPort: number | null; metricsPort: number | null; secret: string | null };
  /** The driver's stop (SIGINT, SIGTERM): no new work starts, the calls in flight finish, then it returns. */
  signal: AbortSignal;
}

/**
 * tend's main job (README: Watching a repository): holds the lock, then ticks until stopped
 * (design §10), heals at once what a watching plugin reports changed, applies a push as soon as
 * the webhook hears of it, runs the scheduled drift checks and serves /healthz and /metrics.
 * Resolves with the exit code: 0 when stopped by the signal, 1 when the lock was lost. Rejects
 * (LOCKED) when another run holds the lock, and when a port cannot be listened on.
 */
export async function runWatcher(setup: WatcherSetup): Promise<number> {
  const { ports } = setup;
  const { log } = ports;
  const lost = new AbortController();
  const onLost = (err: Error): void => {
    log.error(`lost the lock of ${setup.stateDir} (${err.message}); stopping, so that two runs never change the same instances`, {
      code: 'LOCK_LOST',
    });
    lost.abort();
  };
  const life = await holdForLife(setup.lock, onLost).catch((err: unknown) => {
    if (!(err instanceof TendError) || err.code !== 'LOCKED') throw err;
    const message = `another tend (a watcher, or an apply) holds the lock of ${setup.stateDir}: one watcher per state folder; stop the other, or give this one its own stateDir`;
    throw new TendError('LOCKED', message, { cause: err, transient: true });
  });
  const signal = eitherAborted(setup.signal, lost.signal);
  const stops: Array<() => void | Promise<void>> = [];
  try {
    const metrics = new WatchMetrics();
    const health = new Health(setup.intervalMs);
    const keeper = new RevisionKeeper(ports.source, path.join(setup.stateDir, 'watch', 'last-good.json'));
    const kept = keeper.lastGood;
    if (kept !== null) metrics.lastGood(kept.sha);
    const counted = metrics.reporter();
    const { tick, heal, drift } = setup.reporters;
    const reporters = { tick: [...tick, counted], heal: [...heal, counted], drift: [...drift, counted] };
    // Spec files are parsed once per content, not once per tick: a tick re-judges only what changed.
    const judge = { ...setup.judge, cache: setup.judge.cache ?? createSpecCache() };
    const ticks = new WatchTicks({ ...setup, judge, ports: { ...ports, lock: life.port, signal }, reporters, keeper, metrics });
    const loop = new TickLoop(setup.intervalMs, timed(ticks, metrics, health), signal);

    for (const [name, plugin] of ports.registry.instancePlugins()) {
      if (!plugin.watch) continue;
      try {
        stops.push(
          plugin.watch((changes) => {
            const groups = changes.map((c) => c.tags[TAG_GROUP]);
            if (groups.some((g) => g === undefined)) loop.requestFull();
            else loop.requestGroups(groups as string[]);
          }),
        );
      } catch (err) {
        log.warn(`${name}: cannot watch its instances (${errorMessage(err)}); they are polled every tick`);
      }
    }
    if (setup.drift !== null) {
      const skipped = (): void => {
        metrics.driftChecks.inc({ result: 'skipped' });
        log.warn('a scheduled drift check is skipped: the last one has not finished');
      };
      const schedule: DriftSchedule = scheduleDrift({
        ...setup.drift,
        stateFilePath: path.join(setup.stateDir, 'watch', 'last-drift-check.json'),
        onDue: () => void (loop.requestDrift() || skipped()),
      });
      if (schedule.caughtUp) log.info('a scheduled drift check was missed while tend was not watching: running it now');
      stops.push(() => schedule.stop());
    }
    for (const server of await startServers(setup, { loop, keeper, health, metrics })) {
      stops.push(() => server.close());
    }
    log.info(startLine(setup));
    await loop.run();
  } finally {
    for (const stop of stops.reverse()) await stop();
    await life.release();
  }
  return lost.signal.aborted ? 1 : 0;
}

/** The work of the loop, each piece counted and timed, and its result recorded for /healthz. */
function timed(ticks: WatchTicks, metrics: WatchMetrics, health: Health) {
  const count = async <T>(kind: string, run: () => Promise<T>, failed: (value: T) => boolean): Promise<T> => {
    const end = metrics.tickSeconds.startTimer({ kind });
    const value = await run();
    end();
    metrics.ticks.inc({ kind, result: failed(value) ? 'failed' : 'ok' });
    return value;
  };
  return {
    full: async (forced: boolean) => {
      health.record(
        await count(
          'full',
          () => ticks.full(forced),
          (e) => e !== null,
        ),
      );
    },
    groups: async (ids: readonly string[]) => {
      const verdict = await count(
        'group',
        () => ticks.groups(ids),
        (e) => e !== null && e !== false,
      );
      if (verdict === false) return false;
      if (verdict !== null) health.record(verdict);
      return true;
    },
    drift: async () => {
      const result = await ticks.drift();
      if (result !== null) metrics.driftChecks.inc({ result });
    },
  };
}

async function startServers(
  setup: WatcherSetup,
  parts: { loop: TickLoop; keeper: RevisionKeeper; health: Health; metrics: WatchMetrics },
): Promise<WatchServer[]> {
  const { host, webhookPort, metricsPort, secret } = setup.http;
  const log = setup.ports.log;
  const observe = { health: () => parts.health.status(), metrics: parts.metrics };
  const webhook =
    webhookPort === null || secret === null
      ? null
      : { secret, watchedRef: () => parts.keeper.enforced?.ref ?? null, onPush: () => parts.loop.requestFull(), metrics: parts.metrics };
  const servers: WatchServer[] = [];
  try {
    if (webhookPort !== null) {
      const server = await startWatchServer(host, webhookPort, { webhook, observe: metricsPort === null ? observe : null });
      servers.push(server);
      log.info(`webhook: POST http://${host}:${server.port}/hooks/github${metricsPort === null ? ', with /healthz and /metrics' : ''}`, {
        port: server.port,
      });
    }
    if (metricsPort !== null) {
      const server = await startWatchServer(host, metricsPort, { webhook: null, observe });
      servers.push(server);
      log.info(`health and metrics: http://${host}:${server.port}/healthz and /metrics`, { port: server.port });
    }
  } catch (err) {
    for (const server of servers) await server.close();
    throw err;
  }
  return servers;
}

function startLine(setup: WatcherSetup): string {
  const drift = setup.drift === null ? 'no scheduled drift checks' : `drift checks at "${setup.drift.expression}"`;
  return `watching: a tick every ${formatDuration(setup.intervalMs)}, ${drift}; Ctrl-C or SIGTERM stops`;
}

/** A signal aborted as soon as either is (AbortSignal.any, which Node 20 has only from 20.3). */
function eitherAborted(a: AbortSignal, b: AbortSignal): AbortSignal {
  const both = new AbortController();
  for (const one of [a, b]) {
    if (one.aborted) both.abort();
    else one.addEventListener('abort', () => both.abort(), { once: true });
  }
  return both.signal;
}
