// `npm test`: the whole suite, as CI runs it. The type check with the linter (`npm run check`: one
// TypeScript program for both) and the format check start at once, beside the build of the CLI and
// the Action (the end-to-end tests run dist/tend.mjs and actions/tend/dist/); the tests start once
// the build is done. None needs another's result, and run side by side they keep both processors
// busy: the check alone is one process for about 50 s of processor time, which at a lower priority
// used to end alone after the tests, one processor idle.
// The checks' output is printed as each one ends; the exit code is non-zero if any step failed.
//
// The tests' scratch (repositories, instance folders, the container engine's store: whatever they
// make under os.tmpdir()) goes to a folder of its own in /dev/shm when that is a tmpfs with room and
// TMPDIR is not set: the suite creates tens of thousands of files, and there each costs a third of
// what it costs on a disk (the whole suite takes about a tenth less processor time). The folder is
// removed at the end.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { scripts } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const TMPFS_MAGIC = 0x01021994;
/** The least free room in /dev/shm for the tests' scratch to go there. */
const SCRATCH_ROOM = 2 * 1024 ** 3;

/** A new folder in /dev/shm for the tests' scratch, or null to leave os.tmpdir() as it is. */
function scratchInMemory() {
  if (process.env.TMPDIR) return null;
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.type !== TMPFS_MAGIC || shm.bavail * shm.bsize < SCRATCH_ROOM) return null;
    const scratch = mkdtempSync('/dev/shm/tend-test-');
    // As /tmp is: tests that run tend as another user make their folders in it.
    chmodSync(scratch, 0o1777);
    return scratch;
  } catch {
    return null;
  }
}

/**
 * Runs package.json's `script` as `npm run script` does (its command in a shell, with the project's
 * node_modules/.bin first on PATH) without starting npm again for each, its output passed through
 * (`live`) or gathered; resolves with its exit code and output.
 */
function run(script, live, env = process.env) {
  const bin = path.join(ROOT, 'node_modules/.bin');
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', scripts[script]], {
      cwd: ROOT,
      env: { ...env, PATH: `${bin}${path.delimiter}${env.PATH ?? ''}` },
      stdio: live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let said = '';
    child.stdout?.on('data', (d) => (said += d));
    child.stderr?.on('data', (d) => (said += d));
    child.on('close', (code, signal) => resolve({ script, code: code ?? (signal ? 1 : 0), said }));
  });
}

const checks = ['check', 'format:check'].map((script) =>
  run(script, false).then((result) => {
    const mark = result.code === 0 ? 'passed' : `failed (exit code ${result.code})`;
    process.stderr.write(`\n> npm run ${script}: ${mark}\n${result.said}`);
    return result;
  }),
);
let built = { script: 'build', code: 0 };
for (const script of ['build', 'bundle']) {
  built = await run(script, true);
  if (built.code !== 0) break;
}
const scratch = built.code === 0 ? scratchInMemory() : null;
const tests =
  built.code !== 0
    ? Promise.resolve(built)
    : run('test:all', true, scratch ? { ...process.env, TMPDIR: scratch } : process.env).finally(() => {
        if (scratch) rmSync(scratch, { recursive: true, force: true });
      });
const results = await Promise.all([tests, ...checks]);
const failed = results.filter((r) => r.code !== 0).map((r) => r.script);
if (failed.length > 0) {
  process.stderr.write(`\nnpm test: ${failed.join(', ')} failed\n`);
  process.exit(1);
}
