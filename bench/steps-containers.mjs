// The container rows: tend's docker plugin beside docker-compose 1.29, both on one private Podman
// engine (tests/fixtures/container-engine.mjs): the first apply of 20 containers against
// `docker-compose up -d --scale app=20`, a no-op check of those 20 against a no-op `up -d`, and how
// long `tend watch` takes to heal a container removed by hand, from the engine's events, beside the
// engine's own time to remove a container and make and start another. Without
// podman, runc, busybox-static or docker-compose the rows are skipped, and the bench says why.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { engineMissing, startContainerEngine } from '../tests/fixtures/container-engine.mjs';
import { expectExit, StepError } from './checks.mjs';
import { alternate } from './steps.mjs';

export const CONTAINERS = 20;
/** Lives until stopped, and stops at once on SIGTERM: neither tool waits out a grace period. */
const COMMAND = ['/bin/sh', '-c', 'trap "exit 0" TERM; sleep 600 & wait'];

/** Why the container rows cannot run here, or null when they can. */
export function containersMissing() {
  const engine = engineMissing();
  if (engine !== null) return engine;
  const compose = spawnSync('docker-compose', ['version', '--short'], { encoding: 'utf8' });
  if (compose.status !== 0) return 'docker-compose is not installed (apt-get install docker-compose)';
  return null;
}

/**
 * Runs the container rows on `ctx` and returns their samples: `container apply` and `compose up`
 * (cycles, alternating, from no container), `container no-op check` and `compose no-op up`
 * (rounds), and `container heal by events`. The engine is stopped and its store reset on every path.
 */
export async function containerSteps(ctx) {
  const { config } = ctx;
  const engine = await startContainerEngine();
  const samples = { meta: {} };
  const record = (name, wallMs, rssKiB = null) => (samples[name] ??= []).push({ wallMs, rssKiB });
  try {
    const tendDir = path.join(ctx.work, 'containers-tend');
    const composeDir = path.join(ctx.work, 'containers-compose');
    writeWorkloads(tendDir, composeDir, engine);
    const env = { PATH: process.env.PATH, HOME: ctx.work, DOCKER_HOST: engine.host, COMPOSE_PROJECT_NAME: 'bench' };
    const running = async (label) => (await listContainers(engine.socket, label)).filter((c) => c.State === 'running');
    const clear = () => engine.podman(['rm', '--all', '--force', '--time', '0']);
    const expectRunning = async (step, label, expected) => {
      const found = (await running(label)).length;
      if (found !== expected)
        throw new StepError(step, `${found} running containers, expected ${expected}`, { code: null, stdout: '', stderr: '' });
    };

    const tendApply = async (i) => {
      clear();
      const result = await ctx.run(`container apply ${i}`, [ctx.cli, 'apply'], { cwd: tendDir });
      expectExit('container apply', result, 0);
      await expectRunning('container apply', 'tend.group=app', CONTAINERS);
      record('container apply', result.wallMs, result.rssKiB);
    };
    const composeUp = async (i) => {
      clear();
      const result = await compose(`compose up ${i}`, composeDir, env, ['up', '-d', '--scale', `app=${CONTAINERS}`], config.timeoutMs);
      await expectRunning('compose up', 'com.docker.compose.project=bench', CONTAINERS);
      record('compose up', result.wallMs);
    };
    await alternate(config.cycles, tendApply, composeUp);

    // Both sets side by side, as after a deploy: each tool checks its own 20.
    clear();
    expectExit('container apply', await ctx.run('container apply (for the checks)', [ctx.cli, 'apply'], { cwd: tendDir }), 0);
    await compose('compose up (for the checks)', composeDir, env, ['up', '-d', '--scale', `app=${CONTAINERS}`], config.timeoutMs);
    const tendCheck = async (i) => {
      const result = await ctx.run(`container no-op check ${i}`, [ctx.cli, 'drift'], { cwd: tendDir });
      expectExit('container no-op check', result, 0);
      record('container no-op check', result.wallMs, result.rssKiB);
    };
    const composeCheck = async (i) => {
      const result = await compose(
        `compose no-op up ${i}`,
        composeDir,
        env,
        ['up', '-d', '--scale', `app=${CONTAINERS}`],
        config.timeoutMs,
      );
      if (!/up-to-date/.test(result.stderr)) throw new StepError('compose no-op up', 'did not find its containers up to date', result);
      record('compose no-op up', result.wallMs);
    };
    await alternate(config.rounds, tendCheck, composeCheck);

    await healRows(ctx, engine, tendDir, record);
    // The least a heal must do, asked of the engine directly: remove a container, make and start its successor.
    const body = JSON.stringify({ Image: engine.image, Cmd: COMMAND, HostConfig: { NetworkMode: 'none' } });
    let victim = JSON.parse(await request(engine.socket, 'POST', '/v1.41/containers/create', body)).Id;
    await request(engine.socket, 'POST', `/v1.41/containers/${victim}/start`);
    for (let i = 0; i < config.rounds; i += 1) {
      const started = performance.now();
      await request(engine.socket, 'DELETE', `/v1.41/containers/${victim}?force=1`);
      victim = JSON.parse(await request(engine.socket, 'POST', '/v1.41/containers/create', body)).Id;
      await request(engine.socket, 'POST', `/v1.41/containers/${victim}/start`);
      record('engine replace', performance.now() - started);
    }
  } finally {
    // A failure to clean up is said, and never hides the failure of a step.
    await engine.stop().catch((err) => process.stderr.write(`bench: the container engine was not cleaned up: ${err.message}\n`));
  }
  return samples;
}

/** The same 20 containers twice: a tend group with a runner config, and a compose file. */
function writeWorkloads(tendDir, composeDir, engine) {
  mkdirSync(path.join(tendDir, 'specs'), { recursive: true });
  writeFileSync(
    path.join(tendDir, 'tend.config.yaml'),
    `plugins:\n  instance-docker: {type: docker, host: ${JSON.stringify(engine.host)}, stopTimeout: 1s}\n  flavor-vanilla: {type: vanilla}\n`,
  );
  writeFileSync(
    path.join(tendDir, 'specs', 'app.yaml'),
    [
      'ID: app',
      'Properties:',
      `  Allocation: {Size: ${CONTAINERS}}`,
      '  Instance:',
      '    Plugin: instance-docker',
      '    Properties:',
      `      Config: {Image: ${JSON.stringify(engine.image)}, Cmd: ${JSON.stringify(COMMAND)}, StopTimeout: 1}`,
      '      HostConfig: {NetworkMode: none}',
      '  Flavor: {Plugin: flavor-vanilla}',
      '',
    ].join('\n'),
  );
  mkdirSync(composeDir, { recursive: true });
  writeFileSync(
    path.join(composeDir, 'docker-compose.yml'),
    [
      "version: '3.7'",
      'services:',
      '  app:',
      `    image: ${JSON.stringify(engine.image)}`,
      `    command: ${JSON.stringify(COMMAND)}`,
      '    network_mode: none',
      '    stop_grace_period: 1s',
      '',
    ].join('\n'),
  );
}

/** `docker-compose ARGS` in `cwd`, timed from spawn to exit; a failure is a StepError with its output. */
function compose(label, cwd, env, args, timeoutMs) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('docker-compose', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      process.stderr.write(`  ${label}: exit ${code}, ${Math.round(wallMs)} ms\n`);
      if (code !== 0) reject(new StepError(label, `docker-compose ${args.join(' ')} exited with ${code}`, { code, stdout, stderr }));
      else resolve({ code, wallMs, stdout, stderr });
    });
  });
}

/** `tend watch` at a 30 s interval: a container removed by hand, until its group has 20 running again. */
async function healRows(ctx, engine, tendDir, record) {
  const child = spawn(process.execPath, [ctx.cli, 'watch', '--interval', '30s', '--drift-schedule', 'off'], {
    cwd: tendDir,
    env: { PATH: process.env.PATH, HOME: ctx.work },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d.toString()));
  const exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
  try {
    const deadline = Date.now() + ctx.config.timeoutMs;
    while (!/converged: 1 group in sync/.test(stderr)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new StepError('tend watch', 'did not converge', { code: child.exitCode, stdout: '', stderr });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    for (let i = 0; i < ctx.config.rounds; i += 1) {
      const before = (await listContainers(engine.socket, 'tend.group=app')).filter((c) => c.State === 'running');
      const victim = before[i % before.length].Id;
      const started = performance.now();
      await request(engine.socket, 'DELETE', `/v1.41/containers/${victim}?force=1`);
      for (;;) {
        const now = await listContainers(engine.socket, 'tend.group=app');
        if (now.filter((c) => c.State === 'running' && c.Id !== victim).length === CONTAINERS && !now.some((c) => c.Id === victim)) break;
        if (performance.now() - started > 30_000)
          throw new StepError('container heal by events', 'not healed within 30 s', { code: null, stdout: '', stderr });
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      record('container heal by events', performance.now() - started);
    }
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) throw new StepError('tend watch', `ended with ${code} on SIGTERM, expected 0`, { code, stdout: '', stderr });
  }
}

async function listContainers(socket, label) {
  const filters = encodeURIComponent(JSON.stringify({ label: [label] }));
  return JSON.parse(await request(socket, 'GET', `/v1.41/containers/json?all=1&filters=${filters}`));
}

function request(socket, method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json' };
    const req = http.request({ socketPath: socket, method, path: urlPath, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => (res.statusCode < 300 ? resolve(body) : reject(new Error(`${method} ${urlPath}: ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
