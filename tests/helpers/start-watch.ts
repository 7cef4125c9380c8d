import { startTend, type TendOptions, type TendRun } from './run-tend.js';
import { until } from './until.js';

export interface RunningWatch {
  /** Everything it wrote to stderr so far (its log and its reporters' lines). */
  stderr(): string;
  /** Resolves once stderr matches `pattern` (counting from `from`, an earlier length of stderr); rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  /** The port a line such as `webhook: POST http://127.0.0.1:PORT/…` named. */
  port(kind: 'webhook' | 'health and metrics'): number;
  /** Sends the signal and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<TendRun>;
  done: Promise<TendRun>;
  pid: number;
}

/** Starts `tend watch ARGS` in `cwd` (bounded by `timeoutMs`, 60 s by default) and hands back ways to follow it. */
export function startWatch(cwd: string, args: string[], options: TendOptions = {}): RunningWatch {
  const { child, done } = startTend(cwd, ['watch', ...args], { timeoutMs: 60_000, ...options });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  let ended = false;
  void done.then(() => (ended = true));
  return {
    ...follow(() => stderr, done),
    async stop(signal = 'SIGTERM') {
      if (!ended) child.kill(signal);
      return done;
    },
    done,
    pid: child.pid as number,
  };
}

/** Ways to follow a watcher's stderr (`stderr()`, as written so far) until it is `done`. */
export function follow(stderr: () => string, done: Promise<unknown>): Pick<RunningWatch, 'stderr' | 'waitFor' | 'port'> {
  let ended = false;
  void done.then(() => (ended = true));
  return {
    stderr,
    async waitFor(pattern, timeoutMs = 20_000, from = 0) {
      try {
        await until(() => pattern.test(stderr().slice(from)) || ended, timeoutMs);
      } catch {
        throw new Error(`no ${pattern} in time; stderr so far:\n${stderr()}`);
      }
      if (!pattern.test(stderr().slice(from))) throw new Error(`tend watch ended without ${pattern}:\n${stderr()}`);
    },
    port(kind) {
      const found = new RegExp(`${kind}: (?:POST )?http://[^:]+:(\\d+)/`).exec(stderr());
      if (!found) throw new Error(`no ${kind} port in:\n${stderr()}`);
      return Number(found[1]);
    },
  };
}
