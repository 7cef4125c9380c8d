import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './run-tend.js';

let bundled: Promise<string> | undefined;

/** examples/plugin-kit/serve-file-plugin.ts bundled once per test file, as its README shows, so that node runs it as a separate process. */
export function kitExample(): Promise<string> {
  bundled ??= (async () => {
    // One file per jest worker, in a cache that is never committed, so that runs leave nothing behind in /tmp.
    const outfile = path.join(REPO_ROOT, 'node_modules/.cache/tend-tests', `serve-file-plugin-${process.env.JEST_WORKER_ID ?? '0'}.mjs`);
    await build({
      entryPoints: [path.join(REPO_ROOT, 'examples/plugin-kit/serve-file-plugin.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

export interface KitProcess {
  child: ChildProcess;
  /** `unix://…` or `tcp://127.0.0.1:…`, as the process printed it. */
  url: string;
  /** Ends the process (SIGKILL) and waits for it to be gone. */
  kill(): Promise<void>;
}

/** Starts the kit example serving a file plugin on `dir`, on a socket or a TCP port; resolves once it listens. */
export async function startKitProcess(options: {
  dir: string;
  socket?: string;
  port?: number;
  name?: string;
  flavor?: boolean;
}): Promise<KitProcess> {
  const script = await kitExample();
  const args = [script, '--name', options.name ?? 'instance-kit', '--dir', options.dir];
  if (options.socket !== undefined) args.push('--socket', options.socket);
  else args.push('--port', String(options.port ?? 0));
  if (options.flavor) args.push('--flavor');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`kit example did not listen in 10 s: ${err}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\S+)\n/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kit example exited with ${code}: ${err}`));
    });
  });
  return {
    child,
    url,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
