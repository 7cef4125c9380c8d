import path from 'node:path';
import { formatDuration } from '../duration.js';
import { errorMessage, TendError } from '../errors.js';
import type { ApplyLock, ApplySettings, ReadPorts } from '../pipeline/ports.js';
import type { ValidateAndPlanOptions } from '../reconcile/validate-and-plan.js';
import { TAG_GROUP } from '../reconcile/tags.js';
import { createSpecCache } from '../group-spec/spec-cache.js';
import { scheduleDrift, type DriftSchedule } from './drift-schedule.js';
import type { Logger } from '../log.js';
import { HeadReader } from './head-reader.js';
import { holdForLife } from './life-lock.js';
import { QuietLog } from './quiet-log.js';
import { githubPage } from './page/github-page.js';
import { ObservedGroups } from './page/observed-groups.js';
import type { PageSource } from './page/page-routes.js';
import { isLastGood, stateFile, type StateFile } from './state-file.js';
import { groupApi, statusApi } from './page/status-api.js';
import { EventLog, restoredEvents } from './watch-events.js';
import { TickLoop } from './tick-loop.js';
import { WatchMetrics } from './watch-metrics.js';
import { startWatchServer, type WatchServer } from './watch-server.js';
import type { WatchReporters } from './watch-runs.js';
import { WatchState } from './watch-state.js';
import { restoredStatus, type WatchStatus } from './watch-status.js';
import { WatchTicks } from './watch-ticks.js';

export interface WatcherSetup {
  /** Where specs come from, the plugins, the log. */
  ports: ReadPorts;
  /**
   * Who hears each kind of run (a full tick, a heal of a few groups, a drift check), given the log
   * the runs say things through (one that says a repeating line once). A reporter with a memory
   * across runs (commit statuses' dedupe) is one object shared by the kinds it serves.
   */
  reporters: (log: Logger) => WatchReporters;
  /** The state folder's lock, held for the watcher's whole life. */
  lock: ApplyLock;
  planning: ValidateAndPlanOptions;
  settings: ApplySettings;
  intervalMs: number;
  /** The state folder: the last good revision and the last drift run are kept in `<stateDir>/watch/`. */
  stateDir: string;
  drift: { expression: string; timezone: string | null } | null;
  http: { host: string; webhookPort: number | null; metricsPort: number | null; secret: string | null };
  /** The source repository's URL as given (`--repo`), for the status page's links to commits on GitHub; null for a folder. */
  repository?: string | null;
  /** The driver's stop (SIGINT, SIGTERM): no new work starts, the calls in flight finish, then it returns. */
  signal: AbortSignal;
}

/**
 * tend's main job (docs/watcher.md: Watching a repository): holds the lock, then ticks until stopped
 * (see watch-ticks.ts), heals at once what a watching plugin reports changed, applies a push as soon as
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
    const message = `${err.message}; one watcher per state folder: stop the other, or give this one its own stateDir`;
    throw new TendError('LOCKED', message, { cause: err, transient: true });
  });
  const signal = AbortSignal.any([setup.signal, lost.signal]);
  const stops: Array<() => void | Promise<void>> = [];
  try {
    const changes = new Set<() => void>();
    const changed = (): void => changes.forEach((listener) => listener());
    const state = openState(setup, log, changed);
    const metrics = new WatchMetrics(state);
    const quiet = new QuietLog(log);
    const counted = metrics.reporter();
    const observed = new ObservedGroups();
    const { tick, heal, drift } = setup.reporters(quiet);
    const reporters = {
      tick: [...tick, counted, observed.reporter('tick')],
      heal: [...heal, counted, observed.reporter('heal')],
      drift: [...drift, counted, observed.reporter('drift')],
    };
    // Spec files are parsed once per content, not once per tick: a tick re-judges only what changed.
    const planning = { ...setup.planning, cache: setup.planning.cache ?? createSpecCache() };
    const runPorts = { ...ports, log: quiet, lock: life.port, signal };
    const ticks = new WatchTicks({ ...setup, planning, ports: runPorts, reporters, reader: new HeadReader(ports.source), state, metrics });
    let nextDrift: () => number | null = () => null;
    const loop = new TickLoop(
      setup.intervalMs,
      timed(ticks, metrics, state, quiet, setup.intervalMs, () => nextDrift()),
      signal,
    );

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
      nextDrift = () => schedule.next();
      if (schedule.caughtUp) log.info('a scheduled drift check was missed while tend was not watching: running it now');
      stops.push(() => schedule.stop());
    }
    const repository = githubPage(setup.repository ?? null);
    const parts = () => ({ status: state.status, health: state.health(), observed, repository });
    const page: PageSource = {
      status: () => statusApi(parts()),
      group: (id) => groupApi(parts(), id),
      events: (since) => state.events.since(since),
      subscribe(listener) {
        changes.add(listener);
        return () => changes.delete(listener);
      },
    };
    for (const server of await startServers(setup, { loop, state, metrics, page })) {
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

/**
 * The watcher's state, from `<stateDir>/watch/status.json`: a restart keeps the last good revision
 * (from the older `last-good.json` too) and the heads refused before; every change is written back.
 */
function openState(setup: WatcherSetup, log: Logger, changed: () => void): WatchState {
  const folder = path.join(setup.stateDir, 'watch');
  const file = stateFile(path.join(folder, 'status.json'), (v: unknown): v is unknown => v !== null);
  const restored = restoredStatus(file.read());
  const legacy = stateFile(path.join(folder, 'last-good.json'), isLastGood).read();
  const lastGood = restored?.lastGood ?? (legacy === null ? null : { sha: legacy.sha, ref: legacy.ref, at: legacy.at });
  let pending = false;
  let latest: WatchStatus | null = null;
  const eventsFile = stateFile(path.join(folder, 'events.json'), (v: unknown): v is unknown => v !== null);
  const events = new EventLog({ restored: restoredEvents(eventsFile.read()), save: saved(eventsFile, 'events.json', log, changed) });
  // Changes made together are written together: once, after the step that made them.
  const save = (status: WatchStatus): void => {
    latest = status;
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      try {
        file.write(latest);
      } catch (err) {
        log.warn(`cannot write ${path.join(folder, 'status.json')}: ${errorMessage(err)}`);
      }
      changed();
    });
  };
  const refusedBefore = restored?.refusedBefore ?? [];
  return new WatchState({ intervalMs: setup.intervalMs, log, save, events, restored: { lastGood, refusedBefore } });
}

/** A writer of a state file that writes what was added together once, after the step that added it, then says so. */
function saved<T>(file: StateFile<unknown>, name: string, log: Logger, changed: () => void): (value: T) => void {
  let pending = false;
  let latest: T;
  return (value) => {
    latest = value;
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      try {
        file.write({ version: 1, events: latest });
      } catch (err) {
        log.warn(`cannot write ${name} in the state folder: ${errorMessage(err)}`);
      }
      changed();
    });
  };
}

/** The work of the loop, each piece counted and timed, and told to the watcher's state. */
function timed(
  ticks: WatchTicks,
  metrics: WatchMetrics,
  state: WatchState,
  quiet: QuietLog,
  intervalMs: number,
  nextDrift: () => number | null,
) {
  const count = async <T>(kind: string, run: () => Promise<T>, failed: (value: T) => boolean): Promise<T> => {
    const end = metrics.tickSeconds.startTimer({ kind });
    const value = await run();
    end();
    metrics.ticks.inc({ kind, result: failed(value) ? 'failed' : 'ok' });
    return value;
  };
  return {
    full: async (forced: boolean) => {
      quiet.nextTick();
      await count(
        'full',
        () => ticks.full(forced),
        (v) => v?.cause != null,
      );
      state.scheduled(Date.now() + intervalMs, nextDrift());
    },
    groups: async (ids: readonly string[]) => {
      const verdict = await count(
        'group',
        () => ticks.groups(ids),
        (v) => v !== false && v.cause !== null,
      );
      return verdict !== false;
    },
    drift: async () => {
      const verdict = await ticks.drift();
      if (verdict === null) return;
      const result = verdict.cause !== null ? 'failed' : verdict.found.drift || verdict.found.orphans ? 'drift' : 'ok';
      metrics.driftChecks.inc({ result });
    },
  };
}

async function startServers(
  setup: WatcherSetup,
  parts: { loop: TickLoop; state: WatchState; metrics: WatchMetrics; page: PageSource },
): Promise<WatchServer[]> {
  const { host, webhookPort, metricsPort, secret } = setup.http;
  const log = setup.ports.log;
  const observe = { health: () => parts.state.health(), metrics: parts.metrics };
  const page = parts.page;
  const webhook =
    webhookPort === null || secret === null
      ? null
      : { secret, watchedRef: () => parts.state.status.head?.ref ?? null, onPush: () => parts.loop.requestFull(), metrics: parts.metrics };
  const servers: WatchServer[] = [];
  try {
    if (webhookPort !== null) {
      const here = metricsPort === null;
      const server = await startWatchServer(host, webhookPort, { webhook, observe: here ? observe : null, page: here ? page : null });
      servers.push(server);
      log.info(`webhook: POST http://${host}:${server.port}/hooks/github${here ? ', with the status page, /healthz and /metrics' : ''}`, {
        port: server.port,
      });
    }
    if (metricsPort !== null) {
      const server = await startWatchServer(host, metricsPort, { webhook: null, observe, page });
      servers.push(server);
      log.info(`health and metrics: http://${host}:${server.port}/healthz and /metrics; the status page: http://${host}:${server.port}/`, {
        port: server.port,
      });
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
