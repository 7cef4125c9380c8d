// Runs one whole Node process and measures it from the outside: wall time from spawn to close,
// and the peak RSS the child itself reported through rss-probe.mjs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROBE = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), 'rss-probe.mjs')).href;

/**
 * Spawns `node --import rss-probe.mjs ...args` in `cwd` and resolves with
 * `{code, signal, wallMs, rssKiB, stdout, stderr, timedOut}`; never rejects for a failing child
 * (the caller judges the exit code). A child still running after `timeoutMs` is killed with
 * SIGKILL and reported `timedOut`. `rssKiB` is null when the child died before its exit handler.
 * `track` receives the child while it runs, so an interrupted bench can kill it.
 */
export function measure(args, { cwd, timeoutMs = 120_000, rssFile, track = () => {} }) {
  rmSync(rssFile, { force: true });
  const env = { ...process.env, BENCH_RSS_FILE: rssFile };
  // A debugging flag left in the shell would skew every child the same way the bench cannot see.
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PROBE, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', (e) => {
      clearTimeout(timer);
      track(null);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      track(null);
      resolve({
        code,
        signal,
        timedOut,
        wallMs,
        rssKiB: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : null,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}
