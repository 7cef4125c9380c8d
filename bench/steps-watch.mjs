// The watcher's rows, on the 1,000-group workload converged (after steps() and gitSteps(), whose
// repository `served/fleet` is served again here by a git daemon on 127.0.0.1):
//   in one process (bench/watch-probe.mjs): the idle tick's "has the ref moved?" beside a bare
//   `git ls-remote`, a full reconcile tick beside the read floor, healing by a 1 s poll, and RSS over
//   `--watch-ticks` ticks;
//   with the real CLI (`tend watch`): commit-to-converged by webhook for a one-group change, and
//   healing by the file plugin's events.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:net';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleEntry } from './bundle-entry.mjs';
import { expectExit, StepError } from './checks.mjs';
import { healTime } from './heal-time.mjs';
import { GIT_ENV, startDaemon } from './steps-git.mjs';
import { groupSpecYaml } from './workload.mjs';

const SECRET = 'bench webhook secret';

/** Runs the watcher's rows and returns their samples (name → [{wallMs, rssKiB}]) and `meta.watchRss`. */
export async function watchSteps(ctx) {
  const { config } = ctx;
  const repo = path.join(ctx.work, 'served', 'fleet');
  const daemon = await startDaemon(path.join(ctx.work, 'served'));
  const url = `git://127.0.0.1:${daemon.port}/fleet`;
  const samples = { meta: {} };
  const record = (name, wallMs, rssKiB = null) => (samples[name] ??= []).push({ wallMs, rssKiB });
  try {
    const bundle = path.join(ctx.here, 'out', 'watch.mjs');
    await bundleEntry(path.join(ctx.here, 'watch-entry.mjs'), bundle);
    const probe = await ctx.run(
      'watch probe (idle, ticks, poll heal, RSS)',
      ['--expose-gc', path.join(ctx.here, 'watch-probe.mjs'), bundle, url, ctx.work, String(config.rounds), String(config.watchTicks)],
      { timeoutMs: config.timeoutMs + config.watchTicks * 1000 },
    );
    expectExit('watch probe', probe, 0);
    const found = JSON.parse(probe.stdout);
    for (const ms of found.idleMs) record('idle tick', ms);
    for (const ms of found.lsRemoteMs) record('watch ls-remote', ms);
    for (const ms of found.tickMs) record('reconcile tick', ms);
    for (const ms of found.pollHealMs) record('heal by 1 s poll', ms);
    // The RSS a watcher settles at after its ticks (the probe's own peak, while it judged and healed, is in the JSON as meta).
    record('watcher RSS after the ticks', probe.wallMs, found.rssMB.at(-1) * 1024);
    samples.meta.watchProbePeakRssMB = Math.round((probe.rssKiB ?? 0) / 1024);
    if (found.rssMB.length < 2) throw new StepError('watch probe', 'RSS needs --watch-ticks of at least 200', probe);
    record('heap MB, ticks 101-200', found.heapMB[1]);
    record('heap MB, last ticks', found.heapMB.at(-1));
    samples.meta.watchRssMB = found.rssMB.map((mb) => Math.round(mb));
    samples.meta.watchHeapMB = found.heapMB.map((mb) => Math.round(mb * 10) / 10);
    process.stderr.write(
      `  every 100 ticks, RSS (MB): ${samples.meta.watchRssMB.join(' ')}; heap in use (MB): ${samples.meta.watchHeapMB.join(' ')}\n`,
    );

    await cliRows(ctx, { url, repo, record });
    await hungGithubRows(ctx, { url, repo, record });
  } finally {
    await daemon.stop();
  }
  return samples;
}

/**
 * Heals by events while the watcher reports to a GitHub API that accepts connections and never
 * answers: the reports wait in their queue, the heals do not.
 */
async function hungGithubRows(ctx, { url, repo, record }) {
  const sockets = new Set();
  const hung = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => hung.listen(0, '127.0.0.1', resolve));
  const api = `http://127.0.0.1:${hung.address().port}`;
  try {
    await cliRows(ctx, {
      url,
      repo,
      record,
      github: { args: ['--report', 'github', '--github-repo', 'acme/fleet', '--github-api-url', api], token: 'ghs_bench' },
    });
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => hung.close(resolve));
  }
}

/**
 * `tend watch` itself: a push announced by webhook until its one-group change is applied, and
 * deleted instances healed by events; with `github`, only the heals, reported to that API.
 */
async function cliRows(ctx, { url, repo, record, github = null }) {
  const { config } = ctx;
  const args = ['watch', '--repo', url, '--ref', 'main', '--path', 'specs', '--interval', '10m', '--drift-schedule', 'off'];
  const reporting = github === null ? [] : github.args;
  const child = spawn(process.execPath, [ctx.cli, ...args, '--webhook-port', '0', '--listen', '127.0.0.1', ...reporting], {
    cwd: ctx.work,
    env: {
      PATH: process.env.PATH,
      HOME: ctx.work,
      TEND_WEBHOOK_SECRET: SECRET,
      ...(github === null ? {} : { GITHUB_TOKEN: github.token }),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d.toString()));
  const exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  const saw = (pattern, from, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const look = () => {
        if (pattern.test(stderr.slice(from))) resolve();
        else if (Date.now() > deadline || child.exitCode !== null)
          reject(new StepError('tend watch', `no ${pattern}`, { code: child.exitCode, stdout: '', stderr }));
        else setTimeout(look, 1);
      };
      look();
    });
  const git = (gitArgs) =>
    execFileSync('git', gitArgs, { cwd: repo, env: { PATH: process.env.PATH, HOME: ctx.work, ...GIT_ENV }, encoding: 'utf8' }).trim();
  try {
    await saw(/converged: \d+ groups in sync/, 0, config.timeoutMs);
    const port = Number(/webhook: POST http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr)[1]);
    for (let i = 0; i < (github === null ? config.rounds : 0); i += 1) {
      writeFileSync(path.join(repo, 'specs', 'g0001.yaml'), groupSpecYaml('g0001', i % 2 === 0 ? config.size + 1 : config.size));
      const from = stderr.length;
      const started = performance.now();
      git(['commit', '-q', '-am', `g0001 round ${i}`]);
      const sha = git(['rev-parse', 'HEAD']);
      const body = JSON.stringify({ ref: 'refs/heads/main', after: sha });
      const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
      const answer = await fetch(`http://127.0.0.1:${port}/hooks/github`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': signature },
        body,
      });
      if (answer.status !== 202) throw new StepError('webhook', `answered ${answer.status}`, { code: null, stdout: '', stderr });
      await saw(new RegExp(`applied ${sha.slice(0, 12)}: .*1000 of 1000 groups converged`), from);
      record('commit to converged (webhook)', performance.now() - started);
    }
    const instances = path.join(ctx.work, '.tend', 'instances');
    const names = readdirSync(instances)
      .filter((n) => !n.startsWith('.'))
      .sort();
    for (let i = 0; i < config.rounds * 4; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const healed = await healTime(instances, names[(i * 331 + 7) % names.length]);
      record(github === null ? 'heal by events' : 'heal by events, GitHub hanging', healed);
    }
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new StepError('tend watch', `ended with ${code} on SIGTERM, expected 0`, { code, stdout: '', stderr });
  }
}
