// `npm run bench`: tend's start-up, and tend at 10,000 and 100,000 file instances, against raw-Node
// floors measured in the same run.
// See bench/README.md for what is measured and how to read it. Exit 0 every target met, 1 a
// target missed, 2 a step did not do what it should (or the bench could not run).
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { expectExit, StepError } from './checks.mjs';
import { measure } from './measure.mjs';
import { formatTable, judge } from './report.mjs';
import { round } from './stats.mjs';
import { steps } from './steps.mjs';
import { gitSteps } from './steps-git.mjs';
import { largeSteps } from './steps-large.mjs';
import { containersMissing, containerSteps } from './steps-containers.mjs';
import { rpcSteps } from './steps-rpc.mjs';
import { watchSteps } from './steps-watch.mjs';
import { specCacheSteps } from './steps-spec-cache.mjs';
import { pageMissing, pageSteps } from './steps-page.mjs';
import { writeSpecs } from './workload.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.resolve(HERE, '../dist/tend.mjs');

const USAGE = `usage: npm run bench [-- --groups 1000 --size 10 --large-groups 1000 --large-size 100 --skip-large
                       --rounds 5 --cycles 3 --timeout 120 --watch-ticks 1000 --dir DIR --keep --only rpc|watch|containers|page]
  --groups, --size  the workload: groups × instances per group (at least 100 instances)
  --large-groups, --large-size
                    the large row's workload, planned only (default 1,000 × 100 = 100,000 instances)
  --skip-large      leave the large row out (it takes about half of the bench's time)
  --rounds          runs of each read-only step and of the read floor (the best is judged); the
                    start-up row runs 5× as often, as it is short and its target is close
  --cycles          runs of first apply + write floor, and of damage → drift → corrective apply
  --timeout         seconds any one child process may take before it is killed
  --watch-ticks     full watcher ticks run back to back for the RSS rows (default 1000, at least 200)
  --dir             where to work (default: /dev/shm when present, so that a noisy disk does not
                    decide the ratios; else the system temp folder); pass a folder to measure its disk
  --keep            leave the temporary working folder in place, for a look afterwards
  --only rpc        measure the RPC rows alone (plan and apply through the plugin kit)
  --only watch      measure the Git and watcher's rows alone (rows whose floor is measured elsewhere show no ratio)
  --only containers measure the container rows alone (tend's docker plugin beside docker-compose,
                    on a private Podman engine; skipped, with the reason, where it cannot run)
  --only page       measure the status page's row alone (its first render with --groups groups in
                    chromium, beside fetching its JSON; skipped, with the reason, without chromium)`;

const flags = parseFlags();
const instances = positive('groups') * positive('size');
const config = {
  version: JSON.parse(readFileSync(path.join(HERE, '../package.json'), 'utf8')).version,
  groups: positive('groups'),
  size: positive('size'),
  instances,
  damage: Math.floor(instances / 100),
  large:
    flags['skip-large'] || flags.only !== undefined
      ? null
      : { groups: positive('large-groups'), size: positive('large-size'), instances: positive('large-groups') * positive('large-size') },
  rounds: positive('rounds'),
  startupRuns: 5 * positive('rounds'),
  cycles: positive('cycles'),
  timeoutMs: positive('timeout') * 1000,
  watchTicks: positive('watch-ticks'),
};
if (config.damage < 1) fail('--groups × --size must be at least 100, so that 1 % of the instances is at least one');

function parseFlags() {
  const text = { type: 'string' };
  try {
    const { values } = parseArgs({
      options: {
        groups: text,
        size: text,
        'large-groups': text,
        'large-size': text,
        'skip-large': { type: 'boolean' },
        rounds: text,
        cycles: text,
        timeout: text,
        'watch-ticks': text,
        dir: text,
        keep: { type: 'boolean' },
        only: text,
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const defaults = {
      groups: '1000',
      size: '10',
      'large-groups': '1000',
      'large-size': '100',
      rounds: '5',
      cycles: '3',
      timeout: '120',
      'watch-ticks': '1000',
    };
    return { ...defaults, 'skip-large': false, keep: false, ...values };
  } catch (err) {
    fail(`${err.message}\n${USAGE}`);
  }
}

function positive(name) {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a whole number ≥ 1, got ${flags[name]}`);
  return n;
}

function fail(message, code = 2) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(code);
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cpus: os.cpus().length,
  node: process.version,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  memoryMB: Math.round(os.totalmem() / 2 ** 20),
};

const work = mkdtempSync(path.join(flags.dir ?? ramFolder() ?? os.tmpdir(), 'tend-bench-'));

/** A RAM-backed folder, where 10,000 file creations cost the same every time (a virtual disk here took 0.5–6.5 s). */
function ramFolder() {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return statSync('/dev/shm').isDirectory() ? '/dev/shm' : null;
  } catch {
    return null;
  }
}
let running = null;
const cleanup = () => {
  if (!flags.keep) rmSync(work, { recursive: true, force: true, maxRetries: 3 });
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    const finish = () => {
      cleanup();
      fail(`interrupted by ${signal}`, 130);
    };
    // Removing the folder while the child still writes into it would race; wait for it to die.
    if (running && running.exitCode === null && running.signalCode === null) {
      running.once('close', finish);
      running.kill('SIGKILL');
    } else finish();
  });
}

/** Runs `node ...args` in the work folder (or `cwd`), measured; `label` is for progress and errors. */
function run(label, args, { cwd = work, timeoutMs = config.timeoutMs } = {}) {
  return measure(args, {
    cwd,
    timeoutMs,
    rssFile: path.join(work, 'rss.txt'),
    track: (child) => (running = child),
  }).then((result) => {
    process.stderr.write(
      `  ${label}: exit ${result.code ?? result.signal}, ${Math.round(result.wallMs)} ms, ${result.rssKiB === null ? '?' : Math.round(result.rssKiB / 1024)} MB\n`,
    );
    return result;
  });
}

const started = performance.now();
let exitCode = 2;
/** Why the container rows were left out, said beside the table; null when they ran. */
let containerSkip = null;
/** Why the status page's row was left out; null when it ran. */
let pageSkip = null;
try {
  statSync(CLI);
  writeSpecs(work, config.groups, config.size);
  const ctx = { run, cli: CLI, here: HERE, work, config, instancesDir: path.join(work, '.tend', 'instances') };
  const onlyRpc = flags.only === 'rpc';
  const onlyWatch = flags.only === 'watch';
  const onlyContainers = flags.only === 'containers';
  const onlyPage = flags.only === 'page';
  if (flags.only !== undefined && !onlyRpc && !onlyWatch && !onlyContainers && !onlyPage)
    fail(`--only takes rpc, watch, containers or page, got ${flags.only}`);
  const all = flags.only === undefined;
  const samples = all ? await steps(ctx) : { meta: {} };
  // The Git rows want the workload converged, and the watcher's rows watch the repository they serve.
  if (onlyWatch) expectExit('apply (untimed)', await run('apply (untimed)', [CLI, 'apply', '--specs', 'specs']), 0);
  if (all || onlyWatch) {
    Object.assign(samples, await gitSteps(ctx), { meta: samples.meta });
    const watched = await watchSteps(ctx);
    Object.assign(samples, watched, { meta: { ...samples.meta, ...watched.meta } });
    const cached = await specCacheSteps(ctx);
    Object.assign(samples, cached, { meta: { ...samples.meta, ...cached.meta } });
  }
  if (all || onlyRpc) Object.assign(samples, await rpcSteps(ctx), { meta: samples.meta });
  if (all || onlyContainers) {
    const missing = containersMissing();
    if (missing === null) Object.assign(samples, await containerSteps(ctx), { meta: samples.meta });
    else containerSkip = `container rows skipped: ${missing}`;
  }
  if (all || onlyPage) {
    const missing = pageMissing();
    if (missing === null) Object.assign(samples, await pageSteps(ctx), { meta: samples.meta });
    else pageSkip = `status page row skipped: ${missing}`;
  }
  if (config.large && all) {
    const large = await largeSteps(ctx);
    Object.assign(samples, large, { meta: { ...samples.meta, ...large.meta } });
  }
  const meanBytes = samples.meta.instanceBytes;
  const verdicts = judge(samples);
  const totalSeconds = round((performance.now() - started) / 1000);

  console.log(
    `tend bench: ${config.groups} groups × ${config.size} = ${config.instances} file instances; ${config.damage} deleted + ${config.damage} edited per cycle`,
  );
  console.log(
    `machine: ${machine.cpu} × ${machine.cpus}, ${machine.memoryMB} MB, ${machine.platform}, Node ${machine.node}; working in ${path.dirname(work)}`,
  );
  const { large } = config;
  console.log(
    large
      ? `large: ${large.groups} groups × ${large.size} = ${large.instances} file instances, converged by one untimed apply (${round(samples.meta.largeApplyMs / 1000)} s), then planned`
      : 'large: skipped (--skip-large)',
  );
  console.log(
    `runs: start-up and bare Node ${config.startupRuns}×, read-only steps and the read floors ${config.rounds}×, applies and the write floor ${config.cycles}×; best of each judged; ${totalSeconds} s in all\n`,
  );
  if (containerSkip !== null) console.log(`${containerSkip}\n`);
  if (pageSkip !== null) console.log(`${pageSkip}\n`);
  console.log(formatTable(verdicts));
  console.log('');
  for (const f of verdicts.failures) console.log(`FAILED ${f}`);
  console.log(verdicts.pass ? 'all targets met' : `${verdicts.failures.length} target(s) missed`);
  const report = {
    machine,
    workload: {
      groups: config.groups,
      size: config.size,
      instances: config.instances,
      deleted: config.damage,
      edited: config.damage,
      meanInstanceBytes: meanBytes,
      large: large && { ...large, firstApplyMs: round(samples.meta.largeApplyMs) },
    },
    runs: { startup: config.startupRuns, rounds: config.rounds, cycles: config.cycles, timeoutMs: config.timeoutMs },
    floors: verdicts.floors,
    steps: verdicts.steps,
    failures: verdicts.failures,
    pass: verdicts.pass,
    totalSeconds,
  };
  console.log('JSON:');
  console.log(JSON.stringify(report));
  exitCode = verdicts.pass ? 0 : 1;
} catch (err) {
  if (err?.code === 'ENOENT' && err.path === CLI)
    process.stderr.write(`bench: ${CLI} is missing: run \`npm run build\` (npm run bench does)\n`);
  else if (err instanceof StepError) process.stderr.write(`bench: step failed, figures withheld: ${err.message}\n`);
  else process.stderr.write(`bench: ${err?.stack ?? err}\n`);
} finally {
  cleanup();
  if (flags.keep) process.stderr.write(`bench: kept ${work}\n`);
}
process.exitCode = exitCode;
