// The watcher's in-process rows, on a converged workload read from a commit over git daemon:
//   idle      "has the ref moved?" of a tick whose ref did not move (HeadReader.look() and the state's answer),
//             beside a bare `git ls-remote` of the same ref, alternating;
//   tick      a full reconcile tick (poll, judge every group, observe every instance, apply nothing);
//   poll heal one instance file deleted at a random moment, until a 1 s tick loop (no events) made
//             its successor;
//   memory    the process's RSS and heap in use (after a full collection) every 100 ticks, over
//             TICKS full ticks back to back.
// Prints one JSON line {idleMs, lsRemoteMs, tickMs, pollHealMs, rssMB, heapMB}. Exit 2 when a tick fails.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { healTime } from './heal-time.mjs';

const [bundle, url, work, roundsText, ticksText] = process.argv.slice(2);
if (!ticksText) throw new Error('usage: node watch-probe.mjs BUNDLE URL WORK ROUNDS TICKS');
const rounds = Number(roundsText);
const { GitSource, createRegistry, createSpecCache, HeadReader, TickLoop, WatchMetrics, WatchState, WatchTicks } = await import(bundle);

const instances = path.join(work, '.tend', 'instances');
const source = new GitSource({ url, ref: 'main', path: 'specs', cacheDir: path.join(work, '.tend', 'git'), env: process.env });
const registry = await createRegistry({ 'instance-file': { type: 'file', dir: instances }, 'flavor-vanilla': { type: 'vanilla' } });
const quiet = () => undefined;
// The watcher's own stop is never pulled: the poll-heal loop below has a stop of its own, so that
// the ticks after it (the memory rows) are whole ticks, not runs cut short by a signal.
const stop = new AbortController();
const loopStop = new AbortController();
const ports = {
  source,
  registry,
  log: { info: quiet, warn: quiet, error: quiet, problem: quiet },
  reporters: [],
  lock: { acquire: async () => async () => undefined },
  signal: stop.signal,
};
const planning = {
  policy: { maxDestroy: 100_000, maxDestroyPercent: 100, prune: false, mode: 'correct' },
  concurrency: 8,
  shard: null,
  cache: createSpecCache(),
};
const reader = new HeadReader(source);
const state = new WatchState({ intervalMs: 1000, log: ports.log });
const ticks = new WatchTicks({
  ports,
  reporters: { tick: [], heal: [], drift: [] },
  planning,
  settings: { concurrency: 8, healthTimeoutMs: 120_000, healthPollMs: 100 },
  reader,
  state,
  metrics: new WatchMetrics(state),
});
const tick = async () => {
  const verdict = await ticks.full(false);
  if (verdict === null || verdict.cause !== null) {
    const cause = verdict?.cause ?? { code: 'NOTHING_ENFORCED', message: 'no revision enforced' };
    process.stderr.write(`a tick failed: ${cause.code}: ${cause.message}\n`);
    process.exit(2);
  }
};
const timed = async (list, fn) => {
  const started = performance.now();
  await fn();
  list.push(performance.now() - started);
};

await tick(); // reads the commit and judges it once: the watcher's start, not a tick it repeats
const run = promisify(execFile);
const idleMs = [];
const lsRemoteMs = [];
for (let i = 0; i < 4 * rounds; i += 1) {
  await timed(idleMs, async () => {
    const look = await reader.look();
    if (look.kind !== 'head' || state.headDue(look.head)) throw new Error('the ref moved during the idle rows');
  });
  await timed(lsRemoteMs, () => run('git', ['ls-remote', '--', url, 'refs/heads/main'], { env: process.env }));
}
const tickMs = [];
for (let i = 0; i < rounds; i += 1) await timed(tickMs, tick);

// Healing by polling alone: a 1 s loop and no plugin watch, a file deleted at a random moment of the interval.
const loop = new TickLoop(
  1000,
  { full: async () => void (await tick()), groups: async () => true, drift: async () => undefined },
  loopStop.signal,
);
const looping = loop.run();
const pollHealMs = [];
const names = readdirSync(instances)
  .filter((n) => !n.startsWith('.'))
  .sort();
for (let i = 0; i < 4 * rounds; i += 1) {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000));
  pollHealMs.push(await healTime(instances, names[(i * 997) % names.length]));
}
loopStop.abort();
await looping;

const rssMB = [];
const heapMB = [];
const total = Number(ticksText);
for (let i = 1; i <= total; i += 1) {
  await tick();
  if (i % 100 === 0) {
    // After a full collection (the bench starts the probe with --expose-gc), the heap in use is what the ticks kept.
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    rssMB.push(rss / 2 ** 20);
    heapMB.push(heapUsed / 2 ** 20);
  }
}
process.stdout.write(`${JSON.stringify({ idleMs, lsRemoteMs, tickMs, pollHealMs, rssMB, heapMB })}\n`);
