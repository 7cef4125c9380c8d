import { jest } from '@jest/globals';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { gitWatchWorld, type GitWatchWorld } from '../helpers/git-watch-world.js';
import { instanceFiles } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { until } from '../helpers/until.js';

jest.setTimeout(90_000);

describe('tend watch over git daemon', () => {
  let world: GitWatchWorld;
  let work: string;
  const folder = (): string => path.join(work, '.tend/instances');
  /** Each instance's note; `gone` for a file a rollout removed between the listing and the read. */
  const notes = (): string[] =>
    instanceFiles(work).map((f) => {
      let text: string;
      try {
        text = readFileSync(path.join(folder(), f), 'utf8');
      } catch {
        return 'gone';
      }
      return /"Note":"(v\d)"/.exec(text)?.[1] ?? '?';
    });
  const push = (spec: string): string => world.push({ 'specs/web.yaml': spec });
  /** The watcher in this process, a tick every 250 ms: exit codes and signals are watch-folder's and watch-ctrl-c's. */
  const watch = () => world.watchHere();

  beforeEach(async () => {
    world = await gitWatchWorld('tend-watch-', { 'specs/web.yaml': cattleYaml('web', 2) });
    work = world.work;
  });

  afterEach(() => world.close());

  it('applies each commit, rolls a property change, keeps the last good revision over an invalid one (also after a restart), and follows a force-push', async () => {
    const first = await watch();
    await until(() => instanceFiles(work).length === 2);

    push(cattleYaml('web', 3));
    await until(() => instanceFiles(work).length === 3);
    const good = push(cattleYaml('web', 3, { note: 'v2' }));
    await until(() => notes().join() === 'v2,v2,v2');

    const mark = first.stderr().length;
    const bad = push(`${cattleYaml('web', 5, { note: 'v3' })}\n  Broken: [\n`);
    await first.waitFor(
      new RegExp(`${bad.slice(0, 12)} is not applied \\(SPEC_INVALID\\); enforcing the last good revision ${good.slice(0, 12)}`),
      20_000,
      mark,
    );
    expect(first.stderr().slice(mark)).toMatch(/specs\/web\.yaml:\d+:\d+ +SPEC_/);
    rmSync(path.join(folder(), instanceFiles(work)[0] as string));
    await until(() => instanceFiles(work).length === 3);
    expect(notes()).toEqual(['v2', 'v2', 'v2']);
    expect(JSON.parse(readFileSync(path.join(work, '.tend/watch/status.json'), 'utf8'))).toMatchObject({
      head: { sha: bad },
      enforced: { sha: good },
      lastGood: { sha: good },
      refused: { sha: bad, why: 'invalid', code: 'SPEC_INVALID', place: { file: 'specs/web.yaml' } },
    });

    expect((await first.stop()).code).toBe(0);
    const second = await watch();
    await second.waitFor(/is not applied \(SPEC_INVALID\)/);
    // A restart says what it enforces once, and says it consistently.
    expect(second.stderr()).toContain(`enforcing the last good revision ${good.slice(0, 12)}, kept from before the restart`);
    expect(second.stderr()).not.toContain('enforcing nothing');
    rmSync(path.join(folder(), instanceFiles(work)[0] as string));
    await until(() => instanceFiles(work).length === 3);
    expect(notes()).toEqual(['v2', 'v2', 'v2']);

    push(cattleYaml('web', 4, { note: 'v2' }));
    await until(() => instanceFiles(work).length === 4);
    world.repo.git(['reset', '-q', '--hard', good]);
    world.repo.git(['push', '-q', '-f', 'origin', 'main']);
    await until(() => instanceFiles(work).length === 3);
    expect((await second.stop()).code).toBe(0);
  });

  it('lives through the Git server going away, keeps healing meanwhile, and converges once it is back', async () => {
    const w = await watch();
    await until(() => instanceFiles(work).length === 2);

    await world.daemon.stop();
    await w.waitFor(/GIT_UNREACHABLE|cannot reach/);
    rmSync(path.join(folder(), instanceFiles(work)[0] as string));
    await until(() => instanceFiles(work).length === 2);
    push(cattleYaml('web', 4));
    await world.restartDaemon();
    await until(() => instanceFiles(work).length === 4, 20_000);

    expect(w.stderr()).toMatch(/the source answers again/);
    expect(existsSync(path.join(work, '.tend/apply.lock'))).toBe(true);
    expect((await w.stop()).code).toBe(0);
    expect(existsSync(path.join(work, '.tend/apply.lock'))).toBe(false);
  });
});
