import { jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { git } from '../helpers/make-git-repo.js';
import { CLI, instanceFiles, makeWorkdir, REPO_ROOT, startTend } from '../helpers/run-tend.js';
import { until } from '../helpers/until.js';

jest.setTimeout(60_000);

/** A copy of what `npm start` needs, as a user's clone (or unpacked tarball) holds it: the start script, the bundle, the specs. */
function copyOfTheRepository(): ReturnType<typeof makeWorkdir> {
  const work = makeWorkdir();
  // package.json first: newer than the bundle, it would make the start script rebuild it.
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(work.dir, 'package.json'));
  mkdirSync(path.join(work.dir, 'scripts'));
  mkdirSync(path.join(work.dir, 'dist'));
  cpSync(path.join(REPO_ROOT, 'scripts/start.mjs'), path.join(work.dir, 'scripts/start.mjs'));
  cpSync(path.dirname(CLI), path.join(work.dir, 'dist'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'specs'), path.join(work.dir, 'specs'), { recursive: true });
  return work;
}

/** `npm start` in `dir`, as `node scripts/start.mjs`, with its stderr followed. */
function npmStart(dir: string) {
  const { child, done } = startTend(dir, [], {
    cli: path.join(dir, 'scripts/start.mjs'),
    env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' },
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    stderr: () => stderr,
    saw: (pattern: RegExp) =>
      until(() => pattern.test(stderr), 20_000).catch(() => Promise.reject(new Error(`no ${pattern} in:\n${stderr}`))),
    stop: () => (child.kill('SIGINT'), done),
  };
}

/** `npm start` itself in `dir`, leading a process group of its own as a shell's job does, its output followed. */
function npmStartThroughNpm(dir: string) {
  const child = spawn('npm', ['start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      npm_config_update_notifier: 'false',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_SYSTEM: '/dev/null',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  const job = child.pid ?? 0;
  return {
    output: () => output,
    saw: (pattern: RegExp) =>
      until(() => pattern.test(output), 20_000).catch(() => Promise.reject(new Error(`no ${pattern} in:\n${output}`))),
    /** What a terminal does on Ctrl-C: SIGINT to every process of the foreground job (npm, its shell, tend). */
    ctrlC: () => (process.kill(-job, 'SIGINT'), done),
    /** Ends whatever is left of the job, after a failed test. */
    kill: () => {
      try {
        process.kill(-job, 'SIGKILL');
      } catch {
        // already gone
      }
    },
  };
}

describe('npm start', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = copyOfTheRepository();
  });

  afterEach(() => work.cleanup());

  it('in a clone, watches the repository itself: a committed edit converges, Ctrl-C exits 0, and a second start says it is converged', async () => {
    git(work.dir, ['init', '-q', '-b', 'main']);
    git(work.dir, ['add', '-A']);
    git(work.dir, ['commit', '-q', '-m', 'first']);

    const first = npmStart(work.dir);
    await first.saw(/applied [0-9a-f]{12}: 7 created/);
    const web = path.join(work.dir, 'specs/web.yaml');
    writeFileSync(web, readFileSync(web, 'utf8').replace(/Size: 3/, 'Size: 4'));
    git(work.dir, ['commit', '-q', '-am', 'one more web server']);
    await first.saw(/web: 1 missing → converged/);
    const stopped = await first.stop();

    expect(stopped.code).toBe(0);
    expect(first.stderr()).toContain('watching specs/ on branch main of this repository');
    expect(instanceFiles(work.dir)).toHaveLength(8);

    const second = npmStart(work.dir);
    await second.saw(/converged: 3 groups in sync with [0-9a-f]{12}/);
    expect((await second.stop()).code).toBe(0);
    expect(second.stderr()).not.toContain('created');
  });

  it('outside Git, watches the specs/ folder', async () => {
    const started = npmStart(work.dir);
    await started.saw(/applied specs: 7 created/);

    expect((await started.stop()).code).toBe(0);
    expect(started.stderr()).toContain('watching the specs/ folder (not a Git repository)');
  });

  it('through npm, as the README says: Ctrl-C stops tend cleanly, and npm exits 0 as tend does', async () => {
    const started = npmStartThroughNpm(work.dir);
    try {
      await started.saw(/applied specs: 7 created/);

      const stopped = await started.ctrlC();

      expect(stopped).toEqual({ code: 0, signal: null });
      expect(started.output()).toContain('SIGINT: finishing the calls in flight');
      expect(started.output()).not.toMatch(/again: stopping at once|npm error/);
    } finally {
      started.kill();
    }
  });
});
