import { spawn } from 'node:child_process';
import net from 'node:net';
import { HERMETIC_GIT_ENV } from './make-git-repo.js';

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
  // git daemon takes --port=0 for its default port (9418), and says nothing of the port it got: it
  // is given a port nothing listens on, and another one if something took that port in between.
  for (let attempt = 1; ; attempt++) {
    const port = onPort ?? (await unusedPort());
    const started = await tryGitDaemon(basePath, port);
    if (started !== 'in use' || onPort !== undefined || attempt === 5) {
      if (started === 'in use') throw new Error(`git daemon: port ${port} is in use`);
      return started;
    }
  }
}

/** Starts git daemon on `port`; resolves once it listens ("Ready to rumble"), or with 'in use' when the port was taken. */
async function tryGitDaemon(basePath: string, port: number): Promise<GitDaemon | 'in use'> {
  // Served with git's defaults: protocol v2 hands out any reachable commit by SHA, v0 only the tips of refs.
  const args = ['daemon', '--export-all', `--base-path=${basePath}`, '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, '--verbose'];
  const daemon = spawn('git', [...args, basePath], {
    env: { PATH: process.env.PATH, ...HERMETIC_GIT_ENV },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  let said = '';
  const ready = await new Promise<boolean>((resolve) => {
    daemon.stderr.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.includes('Ready to rumble')) resolve(true);
    });
    void exited.then(() => resolve(false));
  });
  if (!ready) {
    if (said.includes('Address already in use')) return 'in use';
    throw new Error(`git daemon did not start: ${said}`);
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

/** A TCP port on 127.0.0.1 that nothing listens on right now (asked of the kernel, then let go). */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
