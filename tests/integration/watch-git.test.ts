import { jest } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, makeTempDir, type GitRepo } from '../helpers/make-git-repo.js';
import { instanceFiles } from '../helpers/run-tend.js';
import { startGitDaemon, type GitDaemon } from '../helpers/start-git-daemon.js';
import { startWatch, type RunningWatch } from '../helpers/start-watch.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { until } from '../helpers/until.js';

jest.setTimeout(90_000);

describe('tend watch over git daemon', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let repo: GitRepo;
  let daemon: GitDaemon;
  let work: string;
  const watchers: RunningWatch[] = [];
  const folder = (): string => path.join(work, '.tend/instances');
  const notes = (): string[] =>
    instanceFiles(work).map((f) => /"Note":"(v\d)"/.exec(readFileSync(path.join(folder(), f), 'utf8'))?.[1] ?? '?');

  /** Commits the spec and pushes it to the served repository (forced: a rewritten branch is pushed too). */
  function push(spec: string): string {
    repo.write('specs/web.yaml', spec);
    const sha = repo.commit();
    repo.git(['push', '-q', '-f', 'origin', 'main']);
    return sha;
  }

  function watch(): RunningWatch {
    const w = startWatch(work, [
      '--repo',
      daemon.url('specs.git'),
      '--ref',
      'main',
      '--path',
      'specs',
      '--interval',
      '1s',
      '--drift-schedule',
      'off',
    ]);
    watchers.push(w);
    return w;
  }

  beforeEach(async () => {
    temp = makeTempDir('tend-watch-');
    work = path.join(temp.dir, 'work');
    repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 2) }, temp.dir);
    repo.bareClone(temp.dir, 'specs.git');
    repo.git(['remote', 'add', 'origin', path.join(temp.dir, 'specs.git')]);
    daemon = await startGitDaemon(temp.dir);
    mkdirSync(work);
  });

  afterEach(async () => {
    await Promise.all(watchers.splice(0).map((w) => w.stop('SIGKILL')));
    await daemon.stop();
    temp.cleanup();
  });

  it('applies each commit, rolls a property change, keeps the last good revision over an invalid one (also after a restart), and follows a force-push', async () => {
    const first = watch();
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

    const stopped = await first.stop('SIGTERM');
    expect(stopped.code).toBe(0);
    const second = watch();
    await second.waitFor(/is not applied \(SPEC_INVALID\)/);
    // A restart says what it enforces once, and says it consistently.
    expect(second.stderr()).toContain(`enforcing the last good revision ${good.slice(0, 12)}, kept from before the restart`);
    expect(second.stderr()).not.toContain('enforcing nothing');
    rmSync(path.join(folder(), instanceFiles(work)[0] as string));
    await until(() => instanceFiles(work).length === 3);
    expect(notes()).toEqual(['v2', 'v2', 'v2']);

    push(cattleYaml('web', 4, { note: 'v2' }));
    await until(() => instanceFiles(work).length === 4);
    repo.git(['reset', '-q', '--hard', good]);
    repo.git(['push', '-q', '-f', 'origin', 'main']);
    await until(() => instanceFiles(work).length === 3);
    expect((await second.stop('SIGTERM')).code).toBe(0);
  });

  it('lives through the Git server going away, keeps healing meanwhile, and converges once it is back', async () => {
    const w = watch();
    await until(() => instanceFiles(work).length === 2);

    const port = daemon.port;
    await daemon.stop();
    await w.waitFor(/GIT_UNREACHABLE|cannot reach/);
    rmSync(path.join(folder(), instanceFiles(work)[0] as string));
    await until(() => instanceFiles(work).length === 2);
    push(cattleYaml('web', 4));
    daemon = await startGitDaemon(temp.dir, port);
    await until(() => instanceFiles(work).length === 4, 20_000);

    expect(w.stderr()).toMatch(/the source answers again/);
    expect(existsSync(path.join(work, '.tend/apply.lock'))).toBe(true);
    expect((await w.stop('SIGTERM')).code).toBe(0);
    expect(existsSync(path.join(work, '.tend/apply.lock'))).toBe(false);
  });
});
