import { PassThrough } from 'node:stream';
import { createContext } from '../../src/cli/context.js';
import type { PipelineFlags } from '../../src/cli/options.js';
import { watchSettings, watchUntil } from '../../src/cli/watch-command.js';
import { tendEnv } from './run-tend.js';
// Loaded here, ahead of watch-command's own dynamic import() of them: jest's module linker fails
// ("request for 'node:fs' is not in cache") when it links these for several import()s at once.
import '../../src/watch/run-watcher.js';
import '../../src/watch/drift-schedule.js';
import '../../src/compose/apply-lock.js';
import '../../src/report/github/drift-issue-reporter.js';
import { follow, type RunningWatch } from './start-watch.js';

export interface WatchHereOptions {
  /**
   * The command line's flags as the CLI parses them (`--repo` is `repo`, `--metrics-port 0` is
   * `metricsPort: 0`, `--drift-schedule off` is `driftSchedule: 'off'`), the global ones too (`config`, `logFormat`, `shard`).
   */
  flags: Partial<PipelineFlags>;
  /** A tick every this many ms, shorter than the 1 s the CLI accepts if need be (a test waits less for ticks and backoffs); else as the flags and config say. */
  intervalMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * `tend watch` in this process: the CLI's own wiring (the runner config, the plugins, the console's
 * reporter, GitHub statuses and drift issues as the flags ask, the report queue), stopped by
 * `stop()` rather than a signal. For a test about what the watcher does, where the process (its
 * signals, its exit) is not the point; tests/integration/watch-ctrl-c.test.ts keeps the process.
 */
export async function watchHere(cwd: string, options: WatchHereOptions): Promise<RunningWatch> {
  let stderr = '';
  const err = new PassThrough();
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const { config, logFormat, shard, ...flags } = options.flags;
  const ctx = await createContext(
    { cwd, out: new PassThrough(), err, env: tendEnv(cwd, options.env) },
    { config, logFormat, shard },
    flags,
  );
  const settings = watchSettings(ctx, flags);
  const stop = new AbortController();
  const code = watchUntil(ctx, { ...settings, intervalMs: options.intervalMs ?? settings.intervalMs }, stop.signal).catch((e: unknown) => {
    stderr += `${String(e)}\n`;
    return 1;
  });
  const done = code.then((c) => ({ code: c, stdout: '', stderr }));
  return {
    ...follow(() => stderr, done),
    stop: () => {
      stop.abort();
      return done;
    },
    done,
    pid: process.pid,
  };
}
