import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { servePlugins } from '../../src/plugins/kit/index.js';
import { CallGate } from '../helpers/call-gate.js';
import { runCliHere } from '../helpers/run-cli-in-process.js';
import { MemoryFlavorPlugin } from '../helpers/memory-plugins.js';
import { instanceFiles, makeWorkdir } from '../helpers/run-tend.js';
import { startWatch, type RunningWatch } from '../helpers/start-watch.js';
import { watchHere } from '../helpers/watch-here.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { until } from '../helpers/until.js';

describe('tend watch on a folder of specs', () => {
  let work: ReturnType<typeof makeWorkdir>;
  const watchers: RunningWatch[] = [];
  const folder = (): string => path.join(work.dir, '.tend/instances');
  /** `tend watch --specs specs ARGS` in a process of its own: for its signals and exit code. */
  const watch = (...args: string[]): RunningWatch => {
    const w = startWatch(work.dir, ['--specs', 'specs', ...args]);
    watchers.push(w);
    return w;
  };
  /** The watcher in this process, where the process is not what is tested. */
  const here = async (flags: Parameters<typeof watchHere>[1]['flags']): Promise<RunningWatch> => {
    const w = await watchHere(work.dir, { flags: { specs: 'specs', ...flags } });
    watchers.push(w);
    return w;
  };

  beforeEach(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 3) });
  });

  afterEach(async () => {
    await Promise.all(watchers.splice(0).map((w) => w.stop('SIGKILL')));
    work.cleanup();
  });

  it('heals an instance deleted or edited by hand at once, without waiting for the interval', async () => {
    const w = await here({ interval: 600_000, driftSchedule: 'off' });
    await w.waitFor(/applied .*1 of 1 group converged/);
    const [first, second] = instanceFiles(work.dir) as [string, string];

    rmSync(path.join(folder(), first));
    await until(() => instanceFiles(work.dir).length === 3 && !instanceFiles(work.dir).includes(first), 5000, w.stderr);
    appendFileSync(path.join(folder(), second), 'rm -rf /srv/cache\n');
    await until(() => instanceFiles(work.dir).length === 3 && !instanceFiles(work.dir).includes(second), 5000, w.stderr);

    await w.waitFor(/web: 1 modified → converged/, 5000);
    expect(w.stderr()).toMatch(/web: 1 missing → converged/);
  });

  it('applies a folder edited in place, and keeps enforcing the last good specs while they are invalid', async () => {
    const w = await here({ interval: 1000, driftSchedule: 'off' });
    await w.waitFor(/applied .*1 of 1 group converged/);

    work.write('specs/web.yaml', cattleYaml('web', 4));
    await until(() => instanceFiles(work.dir).length === 4);
    work.write('specs/web.yaml', 'ID: web\nProperties: [\n');
    await w.waitFor(/the specs are not applied \(SPEC_INVALID\); enforcing the last good specs until the specs are fixed/);
    rmSync(path.join(folder(), instanceFiles(work.dir)[0] as string));
    await until(() => instanceFiles(work.dir).length === 4, 5000);

    expect(w.stderr()).toMatch(/specs\/web\.yaml:\d+:\d+ +SPEC_/);
  });

  it('ends with exit 0 on SIGTERM in the middle of a rolling replacement, with no half-written instance, and a restart finishes it', async () => {
    // The flavor, served by the test, holds the health check of a replacement: SIGTERM comes while it is in flight.
    const gate = new CallGate();
    let before = new Set<string>();
    const gated = new (class extends MemoryFlavorPlugin {
      override async healthy(...args: Parameters<MemoryFlavorPlugin['healthy']>) {
        if (!before.has(args[1].ID)) await gate.pass();
        return super.healthy(...args);
      }
    })('flavor-gated', []);
    const flavor = await servePlugins({ name: 'flavor-gated', flavor: gated, socket: path.join(work.dir, 'flavor.sock') });
    try {
      work.write(
        'tend.config.yaml',
        'plugins:\n  instance-file: {type: file, dir: .tend/instances}\n  flavor-gated: {type: rpc, socket: ./flavor.sock}\n',
      );
      const spec = (note: string): string => cattleYaml('web', 3, { note }).replace('Plugin: flavor-vanilla', 'Plugin: flavor-gated');
      work.write('specs/web.yaml', spec('v1'));
      expect((await runCliHere(work.dir, ['apply'], { PATH: process.env.PATH, HOME: work.dir })).code).toBe(0);
      before = new Set(instanceFiles(work.dir));
      work.write('specs/web.yaml', spec('v2'));

      gate.hold();
      const w = watch('--interval', '1s', '--drift-schedule', 'off');
      await gate.held(1);
      const replaced = instanceFiles(work.dir).filter((f) => !before.has(f));
      const stopping = w.stop('SIGTERM');
      await w.waitFor(/SIGTERM: finishing the calls in flight/);
      gate.open();
      const stopped = await stopping;

      expect(replaced).toHaveLength(1);
      expect(stopped.code).toBe(0);
      expect(readdirSync(folder()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(instanceFiles(work.dir)).toHaveLength(3);
      expect(instanceFiles(work.dir).filter((f) => before.has(f))).toHaveLength(2);
      expect(existsSync(path.join(work.dir, '.tend/apply.lock'))).toBe(false);

      const again = watch('--interval', '1s', '--drift-schedule', 'off');
      await again.waitFor(/converged: 1 group in sync/);
      expect((await again.stop('SIGINT')).code).toBe(0);
      const notes = instanceFiles(work.dir).map((f) => readFileSync(path.join(folder(), f), 'utf8').includes('"Note":"v2"'));
      expect(notes).toEqual([true, true, true]);
    } finally {
      gate.open();
      await flavor.close();
    }
  });

  it('runs the scheduled drift check on a seconds-level schedule, and reports it as JSON lines', async () => {
    const w = await here({ interval: 600_000, driftSchedule: '* * * * * *', logFormat: 'json' });
    await w.waitFor(/"check":"drift"/, 5000);
    const lines = w
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string; check?: string; drifted?: number });

    const check = parsed.find((l) => l.check === 'drift');
    expect(check).toMatchObject({ drifted: 0 });
    expect(check?.msg).toMatch(/^drift check of specs: no drift, 1 group in sync/);
    const kept = JSON.parse(readFileSync(path.join(work.dir, '.tend/watch/last-drift-check.json'), 'utf8')) as { at: string };
    expect(Date.now() - Date.parse(kept.at)).toBeLessThan(10_000);
  });

  it('runs once at start a drift check missed while it was down, and none when nothing was missed', async () => {
    const kept = path.join(work.dir, '.tend/watch/last-drift-check.json');
    work.write('.tend/watch/last-drift-check.json', JSON.stringify({ at: new Date(Date.now() - 2 * 86_400_000).toISOString() }));
    const missed = watch('--interval', '10m', '--drift-schedule', '0 3 * * *', '--timezone', 'UTC');
    await missed.waitFor(/drift check of specs/, 5000);
    expect(missed.stderr()).toContain('a scheduled drift check was missed while tend was not watching');
    expect((await missed.stop()).code).toBe(0);

    writeFileSync(kept, JSON.stringify({ at: new Date().toISOString() }));
    const fresh = watch('--interval', '10m', '--drift-schedule', '0 3 * * *', '--timezone', 'UTC');
    await fresh.waitFor(/converged: 1 group in sync/, 5000);
    expect((await fresh.stop()).code).toBe(0);
    expect(fresh.stderr()).not.toContain('drift check of');
  });

  it('takes its settings from the runner config: the interval, the schedule and its time zone, the metrics port', async () => {
    work.write(
      'tend.config.yaml',
      'reconcile: {interval: 1s, driftSchedule: "*/2 * * * * *", timezone: Europe/Paris}\nmetrics: {port: 0}\n',
    );
    const w = startWatch(work.dir, ['--listen', '127.0.0.1']);
    watchers.push(w);

    await w.waitFor(/drift check of specs/, 10_000);
    const health = await fetch(`http://127.0.0.1:${w.port('health and metrics')}/healthz`);

    expect(w.stderr()).toContain('a tick every 1s, drift checks at "*/2 * * * * *"');
    expect(health.status).toBe(200);
  });

  it('refuses an interval under a second and a schedule cron cannot read', async () => {
    // Refused before anything is started: no process of its own is needed.
    const short = await runCliHere(work.dir, ['watch', '--interval', '500ms']);
    const bad = await runCliHere(work.dir, ['watch', '--drift-schedule', 'every day']);

    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 1s');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('drift schedule "every day" cannot be read');
  });
});
