// The Git rows: the 1,000-group workload's specs committed to a repository that `git daemon`
// serves on 127.0.0.1, then (1) a no-op plan reading them from that repository against the same
// plan reading them from the folder, and (2) "has the ref moved?" against a bare `git ls-remote`.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { bundleEntry } from './bundle-entry.mjs';
import { expectDrift, expectExit, expectSummary, planOf, StepError } from './checks.mjs';
import { alternate, BUDGET } from './steps.mjs';

/** Git with no user or system config, and a fixed author: the bench's commits and servers are the same everywhere. */
export const GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_SYSTEM: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@tend.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@tend.invalid',
};

/**
 * Runs the Git rows on `ctx` (after steps(): the workload is converged) and returns the samples:
 * `git plan` and `folder plan` (whole processes), `moved check` and `git ls-remote` (in one
 * process, no RSS). The daemon is stopped on every path.
 */
export async function gitSteps(ctx) {
  const { config } = ctx;
  const served = path.join(ctx.work, 'served');
  const repo = path.join(served, 'fleet');
  mkdirSync(repo, { recursive: true });
  const git = (args) =>
    execFileSync('git', args, { cwd: repo, env: { PATH: process.env.PATH, HOME: ctx.work, ...GIT_ENV }, stdio: 'pipe' });
  git(['init', '-q', '-b', 'main']);
  cpSync(path.join(ctx.work, 'specs'), path.join(repo, 'specs'), { recursive: true });
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'specs']);

  const daemon = await startDaemon(served);
  const url = `git://127.0.0.1:${daemon.port}/fleet`;
  const samples = { meta: {} };
  const record = (name, result) => (samples[name] ??= []).push({ wallMs: result.wallMs, rssKiB: result.rssKiB });
  const tend = (label, ...args) => ctx.run(label, [ctx.cli, ...args]);
  const expectNoop = (step, result) => {
    expectExit(step, result, 0);
    const plan = planOf(step, result);
    expectDrift(step, result, plan, {});
    expectSummary(step, result, plan, { groups: config.groups, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 });
    return plan;
  };
  try {
    // The first read fetches the commit into the mirror; every later one finds it there.
    const first = await tend('git plan (untimed, fills the mirror)', 'plan', '--repo', url, '--path', 'specs', '--json', ...BUDGET);
    if (expectNoop('git plan', first).revision === null) throw new StepError('git plan', 'no revision in the plan JSON', first);
    const folderPlan = async (i) => {
      const result = await tend(`folder plan ${i}`, 'plan', '--specs', 'specs', '--json', ...BUDGET);
      expectNoop('folder plan', result);
      record('folder plan', result);
    };
    const gitPlan = async (i) => {
      const result = await tend(`git plan ${i}`, 'plan', '--repo', url, '--path', 'specs', '--json', ...BUDGET);
      expectNoop('git plan', result);
      record('git plan', result);
    };
    await alternate(config.rounds, folderPlan, gitPlan);

    const bundle = path.join(ctx.here, 'out', 'git-source.mjs');
    await bundleEntry(path.join(ctx.here, '../src/source/git/git-source.ts'), bundle);
    const args = [
      path.join(ctx.here, 'moved-check.mjs'),
      bundle,
      url,
      'main',
      path.join(ctx.work, '.tend', 'git'),
      String(4 * config.rounds),
    ];
    const checked = await ctx.run('moved check and git ls-remote', args);
    expectExit('moved check', checked, 0);
    const { resolveMs, lsRemoteMs } = JSON.parse(checked.stdout);
    for (const wallMs of resolveMs) record('moved check', { wallMs, rssKiB: null });
    for (const wallMs of lsRemoteMs) record('git ls-remote', { wallMs, rssKiB: null });
  } finally {
    await daemon.stop();
  }
  return samples;
}

/** `git daemon` serving `base` read-only on a free 127.0.0.1 port, in its own process group; resolves once it accepts connections. */
export async function startDaemon(base) {
  const port = await new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
    probe.on('error', reject);
  });
  const args = ['daemon', '--export-all', `--base-path=${base}`, '--reuseaddr', '--listen=127.0.0.1', `--port=${port}`, base];
  const child = spawn('git', args, { env: { PATH: process.env.PATH, ...GIT_ENV }, stdio: 'ignore', detached: true });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
      socket.on('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGKILL');
      throw new StepError('git daemon', 'did not accept connections within 10 s', { code: null, stdout: '', stderr: '' });
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    port,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}
