import { spawn } from 'node:child_process';
import { HERMETIC_GIT_ENV } from './make-git-repo.js';
import { freePort, waitForPort } from './free-port.js';

export interface GitDaemon {
  port: number;
  /** The git:// URL of the repository `<basePath>/<name>`. */
  url(name: string): string;
  stop(): Promise<void>;
}

/**
 * `git daemon` serving every repository under `basePath` on 127.0.0.1, read-only. It runs in its own
 * process group, so that stop() ends it with the upload-pack children it forked, and nothing else.
 * `onPort` starts it again where an earlier one listened (a server back after being down).
 */
export async function startGitDaemon(basePath: string, onPort?: number): Promise<GitDaemon> {
  const port = onPort ?? (await freePort());
  // Served with git's defaults: protocol v2 hands out any reachable commit by SHA, v0 only the tips of refs.
  const args = ['daemon', '--export-all', `--base-path=${basePath}`, '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, basePath];
  const daemon = spawn('git', args, { env: { PATH: process.env.PATH, ...HERMETIC_GIT_ENV }, stdio: 'ignore', detached: true });
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  try {
    await waitForPort(port);
  } catch (err) {
    process.kill(-(daemon.pid as number), 'SIGKILL');
    throw err;
  }
  return {
    port,
    url: (name) => `git://127.0.0.1:${port}/${name}`,
    async stop() {
      if (daemon.exitCode === null && daemon.signalCode === null) process.kill(-(daemon.pid as number), 'SIGTERM');
      await exited;
    },
  };
}
