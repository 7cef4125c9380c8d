import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, makeTempDir, type GitRepo } from './make-git-repo.js';
import { startGitDaemon, type GitDaemon } from './start-git-daemon.js';
import { startWatch, type RunningWatch } from './start-watch.js';
import { watchHere } from './watch-here.js';

/** A repository served by git daemon, a working folder for tend, and the watchers started on it. */
export interface GitWatchWorld {
  temp: ReturnType<typeof makeTempDir>;
  repo: GitRepo;
  daemon: GitDaemon;
  /** Where tend runs: its state folder is `.tend` in here. */
  work: string;
  /** Writes these files (null: removes them), commits, and pushes (forced, so a rewritten branch is pushed too); returns the SHA. */
  push(files: Record<string, string | null>): string;
  /** `tend watch` on the served branch, a tick every second, no scheduled drift checks, with `extra` flags. */
  watch(extra?: string[], env?: NodeJS.ProcessEnv): RunningWatch;
  /**
   * The same watcher in this process (tests/helpers/watch-here.ts), a tick every `intervalMs` (250 by
   * default), with this runner config and /healthz and /metrics when `metrics`.
   */
  watchHere(options?: { config?: string; metrics?: boolean; intervalMs?: number }): Promise<RunningWatch>;
  /** Restarts git daemon on the same port, after it was stopped. */
  restartDaemon(): Promise<void>;
  /** Kills every watcher, stops the daemon, removes every file. */
  close(): Promise<void>;
}

export async function gitWatchWorld(prefix: string, files: Record<string, string>): Promise<GitWatchWorld> {
  const temp = makeTempDir(prefix);
  const work = path.join(temp.dir, 'work');
  const repo = makeGitRepo(files, temp.dir);
  repo.bareClone(temp.dir, 'specs.git');
  repo.git(['remote', 'add', 'origin', path.join(temp.dir, 'specs.git')]);
  mkdirSync(work);
  const watchers: RunningWatch[] = [];
  const world: GitWatchWorld = {
    temp,
    repo,
    daemon: await startGitDaemon(temp.dir),
    work,
    push(changes) {
      for (const [file, text] of Object.entries(changes)) {
        if (text === null) repo.git(['rm', '-q', file]);
        else repo.write(file, text);
      }
      const sha = repo.commit();
      repo.git(['push', '-q', '-f', 'origin', 'main']);
      return sha;
    },
    watch(extra = [], env = {}) {
      const args = [
        '--repo',
        world.daemon.url('specs.git'),
        '--ref',
        'main',
        '--path',
        'specs',
        '--interval',
        '1s',
        '--drift-schedule',
        'off',
      ];
      const w = startWatch(work, [...args, ...extra], { env: { ...process.env, ...env } });
      watchers.push(w);
      return w;
    },
    async watchHere(options = {}) {
      const given = { repo: world.daemon.url('specs.git'), ref: 'main', path: 'specs', driftSchedule: 'off', config: options.config };
      const flags = options.metrics ? { ...given, metricsPort: 0 } : given;
      const w = await watchHere(work, { flags, intervalMs: options.intervalMs ?? 250 });
      watchers.push(w);
      return w;
    },
    async restartDaemon() {
      world.daemon = await startGitDaemon(temp.dir, world.daemon.port);
    },
    async close() {
      await Promise.all(watchers.splice(0).map((w) => w.stop('SIGKILL')));
      await world.daemon.stop();
      temp.cleanup();
    },
  };
  return world;
}
