import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled CLI that `npm run build` makes and users run: every end-to-end test exercises it. */
export const CLI = path.join(REPO_ROOT, 'dist/tend.mjs');

export interface TendRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface TendOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** The CLI file to run instead of the bundle in dist/ (a copy of it elsewhere). */
  cli?: string;
  /** Run as this user and group (the tests run as root in CI, and root reads every file). */
  user?: { uid: number; gid: number };
  /** Lead a process group of its own, as a shell's job does: `process.kill(-pid, signal)` then signals the whole job, as a terminal's Ctrl-C does. */
  detached?: boolean;
}

/** The environment tend runs in from a test, spawned or in this process: PATH, HOME the working folder, then `env`. */
export function tendEnv(cwd: string, env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: cwd, ...env };
}

/** Spawns the bundled `tend` CLI in `cwd`, bounded in time; resolves with its exit code and output. */
export function runTend(cwd: string, args: string[], options: TendOptions = {}): Promise<TendRun> {
  return startTend(cwd, args, options).done;
}

/** Starts the bundled `tend` CLI and hands back the child (to signal it) and its result to come. */
export function startTend(cwd: string, args: string[], options: TendOptions = {}): { child: ChildProcess; done: Promise<TendRun> } {
  const cli = options.cli ?? CLI;
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    env: tendEnv(cwd, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 20_000,
    detached: options.detached ?? false,
    ...options.user,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<TendRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

/** A temp working folder with the given files (paths relative to it); remove it with `cleanup`. */
export function makeWorkdir(files: Record<string, string> = {}): {
  dir: string;
  write: (file: string, text: string) => void;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tend-e2e-'));
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  for (const [file, text] of Object.entries(files)) write(file, text);
  return { dir, write, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The instance files of the default file plugin in `dir` (`.tend/instances`), sorted. */
export function instanceFiles(dir: string): string[] {
  const folder = path.join(dir, '.tend/instances');
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];
}
