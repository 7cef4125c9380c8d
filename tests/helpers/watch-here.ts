import { PassThrough } from 'node:stream';
import { createContext } from '../../src/cli/context.js';
import type { PipelineFlags } from '../../src/cli/options.js';
import { watchReporter } from '../../src/cli/watch-reporter.js';
import { stateFolderLock } from '../../src/compose/apply-lock.js';
import { runWatcher } from '../../src/watch/run-watcher.js';
import { tendEnv } from './run-tend.js';
import { follow, type RunningWatch } from './start-watch.js';

export interface WatchHereOptions {
  /** The command line's flags as the CLI parses them (`--repo` is `repo`), `--config` as `config`. */
  flags: Partial<PipelineFlags>;
  /** A tick every this many ms: shorter than the 1 s the CLI accepts, so that a test waits less for ticks and backoffs. */
  intervalMs: number;
  /** `--metrics-port 0`: serve /healthz and /metrics on 127.0.0.1. */
  metrics?: boolean;
  env?: NodeJS.ProcessEnv;
}

/**
 * The watcher as `tend watch` wires it (the runner config, the plugins, the console's reporter on
 * every kind of run), in this process and stopped by `stop()` rather than a signal: for a test about
 * what the watcher keeps doing, where the process (its signals, its exit) is not the point. No
 * GitHub reports, and no scheduled drift checks.
 */
export async function watchHere(cwd: string, options: WatchHereOptions): Promise<RunningWatch> {
  let stderr = '';
  const err = new PassThrough();
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const env = tendEnv(cwd, options.env);
  const { config, ...flags } = options.flags;
  const ctx = await createContext({ cwd, out: new PassThrough(), err, env }, { config }, flags);
  const stop = new AbortController();
  const code = runWatcher({
    ports: ctx.ports,
    reporters: (log) => ({ tick: [watchReporter(log)], heal: [watchReporter(log)], drift: [watchReporter(log)] }),
    lock: stateFolderLock(ctx.config.stateDir, 0, { holder: 'tend watch' }),
    planning: ctx.planning,
    settings: ctx.apply,
    intervalMs: options.intervalMs,
    stateDir: ctx.config.stateDir,
    drift: null,
    http: { host: '127.0.0.1', webhookPort: null, metricsPort: options.metrics ? 0 : null, secret: null },
    signal: stop.signal,
  }).catch((e: unknown) => {
    stderr += `${String(e)}\n`;
    return 1;
  });
  const done = code.then((c) => ({ code: c, stdout: '', stderr }));
  const followed = follow(() => stderr, done);
  return {
    ...followed,
    stop: () => {
      stop.abort();
      return done;
    },
    done,
    pid: process.pid,
  };
}
