import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, type GitRepo } from '../helpers/make-git-repo.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir, type TendRun } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { startGitDaemon, type GitDaemon } from '../helpers/start-git-daemon.js';
import { startGitHttp, type GitHttpServer } from '../helpers/start-git-http.js';

const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' };
const TOKEN = 'tok-3f9a1c77e2b04d5e';

interface PlanJson {
  revision: string | null;
  groups: Array<{ id: string; desired: { size: number }; actions: unknown[] }>;
}

describe('tend reading its specs from a Git repository', () => {
  let work: ReturnType<typeof makeWorkdir>;
  let repo: GitRepo & { cleanup: () => void };
  let first: string;
  let daemon: GitDaemon;
  let served: string;

  const tend = (args: string[], env: Record<string, string> = {}): Promise<TendRun> =>
    runTendHere(work.dir, args, { env: { ...GIT_ENV, ...env } });
  const plan = (run: TendRun): PlanJson => JSON.parse(run.stdout) as PlanJson;
  /** The tend.revision tag of every instance file, from its header. */
  const revisions = (): string[] =>
    instanceFiles(work.dir).map((f) => {
      const header = readFileSync(path.join(work.dir, '.tend/instances', f), 'utf8').split('\n')[1] ?? '';
      return (JSON.parse(header.slice(2)) as { Tags: Record<string, string> }).Tags['tend.revision'] ?? '';
    });

  beforeEach(async () => {
    work = makeWorkdir();
    repo = makeGitRepo({ 'deploy/web.yaml': cattleYaml('web', 2) }, work.dir);
    first = repo.head();
    repo.tag('v1');
    served = path.basename(repo.bareClone(work.dir, 'fleet.git'));
    daemon = await startGitDaemon(work.dir);
  });

  afterEach(async () => {
    await daemon.stop();
    work.cleanup();
  });

  it('applies the specs at the branch the remote points to, and names that commit everywhere', async () => {
    const applied = await tend(['apply', '--repo', daemon.url(served), '--path', 'deploy', '--json']);
    const text = await tend(['plan', '--repo', daemon.url(served), '--path', 'deploy']);

    expect(applied.code).toBe(0);
    expect(plan(applied).revision).toBe(first);
    expect(revisions()).toEqual([first, first]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe(
      `Revision ${first.slice(0, 12)} (main): deploy at ${first.slice(0, 7)} of ${daemon.url(served)}`,
    );
  });

  it('follows the branch to a new commit, while a tag or a SHA keeps reading the commit it names', async () => {
    repo.write('deploy/web.yaml', cattleYaml('web', 3));
    const second = repo.commit('three');
    repo.git(['push', '-q', path.join(work.dir, served), 'main']);

    const branch = await tend(['plan', '--repo', daemon.url(served), '--ref', 'main', '--path', 'deploy', '--json']);
    const tag = await tend(['plan', '--repo', daemon.url(served), '--ref', 'v1', '--path', 'deploy', '--json']);
    const sha = await tend(['plan', '--repo', daemon.url(served), '--ref', first, '--path', 'deploy', '--json']);

    expect([plan(branch).revision, plan(branch).groups[0]?.desired.size]).toEqual([second, 3]);
    expect([plan(tag).revision, plan(tag).groups[0]?.desired.size]).toEqual([first, 2]);
    expect([plan(sha).revision, plan(sha).groups[0]?.desired.size]).toEqual([first, 2]);
  });

  it('reads what is committed in a local repository, never its working tree', async () => {
    repo.write('deploy/web.yaml', cattleYaml('web', 9));
    repo.write('deploy/extra.yaml', cattleYaml('extra', 1));

    const run = await tend(['plan', '--repo', repo.dir, '--path', 'deploy', '--json']);

    expect(plan(run).groups.map((g) => [g.id, g.desired.size])).toEqual([['web', 2]]);
  });

  it('takes the repository from the runner config, paths relative to the config file', async () => {
    work.write('conf/tend.config.yaml', `source: {repo: ../${path.basename(repo.dir)}, ref: v1, path: deploy}\n`);

    const run = await tend(['plan', '--config', 'conf/tend.config.yaml', '--json']);

    expect(run.code).toBe(2);
    expect(plan(run).revision).toBe(first);
  });

  it.each([
    [['--ref', 'nope'], 'GIT_REF_NOT_FOUND'],
    [['--path', 'nope'], 'SPEC_PATH_MISSING'],
  ])('fails %j with %s, one line, changing nothing', async (extra, code) => {
    const run = await tend(['apply', '--repo', daemon.url(served), '--path', 'deploy', ...extra, '--json']);

    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { error: { code: string } }).error.code).toBe(code);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(instanceFiles(work.dir)).toEqual([]);
  });

  describe('over HTTPS-style auth', () => {
    let server: GitHttpServer;

    beforeEach(async () => {
      server = await startGitHttp(work.dir, { auth: { user: 'x-access-token', password: TOKEN } });
    });

    afterEach(async () => {
      await server.stop();
    });

    it('uses TEND_GIT_TOKEN and never shows it, in output or in the cache', async () => {
      const run = await tend(['apply', '--repo', server.url(served), '--path', 'deploy', '--json'], { TEND_GIT_TOKEN: TOKEN });
      const bad = await tend(['plan', '--repo', server.url(served), '--path', 'deploy', '--json'], { TEND_GIT_TOKEN: 'wrong' });
      const inUrl = await tend([
        'plan',
        '--repo',
        server.url(served).replace('http://', `http://x-access-token:${TOKEN}@`),
        '--path',
        'deploy',
      ]);

      expect(run.code).toBe(0);
      expect(plan(run).revision).toBe(first);
      expect(bad.code).toBe(1);
      expect((JSON.parse(bad.stdout) as { error: { code: string } }).error.code).toBe('GIT_AUTH');
      expect(inUrl.code).toBe(0);
      for (const output of [run, bad, inUrl].flatMap((r) => [r.stdout, r.stderr])) expect(output).not.toContain(TOKEN);
      const cache = path.join(work.dir, '.tend/git');
      const files = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      for (const file of files) expect(readFileSync(path.join(file.parentPath, file.name)).includes(TOKEN)).toBe(false);
    });
  });
});
