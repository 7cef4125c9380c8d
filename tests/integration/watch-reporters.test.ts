import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, RunEvent } from '../../src/pipeline/reporter.js';
import { createRegistry } from '../../src/plugins/registry.js';
import { stateFolderLock } from '../../src/compose/apply-lock.js';
import { runWatcher } from '../../src/watch/run-watcher.js';
import type { WatchReporters, WatchRun } from '../../src/watch/watch-runs.js';
import { GitSource } from '../../src/source/git/git-source.js';
import { makeGitRepo, makeTempDir, sourceEnv, type GitRepo } from '../helpers/make-git-repo.js';
import { PLANNING, recordingLogger, SETTINGS } from '../helpers/pipeline-world.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { until } from '../helpers/until.js';

describe("the watcher's reporters", () => {
  let temp: ReturnType<typeof makeTempDir>;
  let repo: GitRepo;
  const events: RunEvent[] = [];
  /** Which kind of run's reporters heard each event, beside it. */
  const heardBy: WatchRun[] = [];
  const recorder = (run: WatchRun): Reporter => ({
    report: (event) => {
      events.push(event);
      heardBy.push(run);
    },
  });
  const byKind: WatchReporters = { tick: [recorder('tick')], heal: [recorder('heal')], drift: [recorder('drift')] };
  const kindOf = (result: RunEvent): WatchRun | undefined => heardBy[events.indexOf(result)];
  const finished = (): Array<Extract<RunEvent, { kind: 'finished' }>> =>
    events.filter((e): e is Extract<RunEvent, { kind: 'finished' }> => e.kind === 'finished');

  /** The watcher's ports on `repo`'s main branch, its Git cache and instances in `stateDir`, its log lines into `lines`. */
  const portsOf = async (stateDir: string, lines: string[]) => ({
    source: new GitSource({ url: repo.dir, ref: 'main', path: 'specs', cacheDir: path.join(stateDir, 'git'), env: sourceEnv(temp.dir) }),
    registry: await createRegistry({
      'instance-file': { type: 'file', dir: path.join(stateDir, 'instances') },
      'flavor-vanilla': { type: 'vanilla' },
    }),
    log: recordingLogger(lines),
  });

  beforeEach(() => {
    temp = makeTempDir('tend-watch-reporters-');
    repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 2) }, temp.dir);
    events.length = 0;
    heardBy.length = 0;
  });

  afterEach(() => temp.cleanup());

  it('hear every run, each kind by its own reporters: an invalid commit as a failed tick on that very commit, each tick on the enforced one, and the drift checks', async () => {
    const stateDir = path.join(temp.dir, 'state');
    const stop = new AbortController();
    const lines: string[] = [];
    const watching = runWatcher({
      ports: await portsOf(stateDir, lines),
      reporters: () => byKind,
      lock: stateFolderLock(stateDir, 0),
      planning: PLANNING,
      settings: SETTINGS,
      intervalMs: 50,
      stateDir,
      drift: { expression: '* * * * * *', timezone: 'UTC' },
      http: { host: '127.0.0.1', webhookPort: null, metricsPort: null, secret: null },
      signal: stop.signal,
    });
    const good = repo.commit('good');
    await until(() => finished().some((e) => e.result.kind === 'applied' && e.result.revision.sha === good), 10_000);

    repo.write('specs/web.yaml', 'ID: web\nProperties: [\n');
    const bad = repo.commit('bad');
    await until(() => finished().some((e) => e.result.kind === 'failed' && e.result.revision?.sha === bad), 10_000);
    const after = events.length;
    await until(
      () =>
        finished()
          .slice(after)
          .some((e) => e.result.kind === 'applied'),
      10_000,
    );
    await until(() => finished().some((e) => e.result.kind === 'planned'), 10_000);
    stop.abort();

    expect(await watching).toBe(0);
    const failure = finished().find((e) => e.result.kind === 'failed')?.result;
    expect(failure).toMatchObject({ kind: 'failed', error: { code: 'SPEC_INVALID' }, revision: { sha: bad } });
    const laterTicks = finished()
      .slice(after)
      .filter((e) => e.result.kind === 'applied');
    expect(laterTicks.every((e) => e.result.revision?.sha === good)).toBe(true);
    const check = finished().find((e) => e.result.kind === 'planned');
    expect(check?.result.revision?.sha).toBe(good);
    expect(finished().map((e) => `${e.result.kind} ${kindOf(e) ?? '?'}`)).toEqual(
      expect.arrayContaining(['failed tick', 'applied tick', 'planned drift']),
    );
    expect(finished().every((e) => (e.result.kind === 'planned') === (kindOf(e) === 'drift'))).toBe(true);
    expect(events.filter((e) => e.kind === 'judged').length).toBeGreaterThan(2);
  });

  it('stops, with exit 1, when it loses the lock it holds for its life', async () => {
    const stateDir = path.join(temp.dir, 'state');
    const lines: string[] = [];
    const watching = runWatcher({
      ports: await portsOf(stateDir, lines),
      reporters: () => byKind,
      // Proper-lockfile refreshes at most once a second; a lock whose folder is removed is lost at the next refresh.
      lock: stateFolderLock(stateDir, 0, { timing: { staleMs: 2000, updateMs: 1000 } }),
      planning: PLANNING,
      settings: SETTINGS,
      intervalMs: 60_000,
      stateDir,
      drift: null,
      http: { host: '127.0.0.1', webhookPort: null, metricsPort: null, secret: null },
      signal: new AbortController().signal,
    });
    await until(() => finished().length > 0, 10_000);

    rmSync(path.join(stateDir, 'apply.lock'), { recursive: true, force: true });

    expect(await watching).toBe(1);
    expect(lines.some((l) => l.startsWith('error: lost the lock of'))).toBe(true);
  });
});
