import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gitSource, mirrors } from '../helpers/git-source-world.js';
import { failure } from '../helpers/thrown.js';
import { makeGitRepo, makeTempDir, sourceEnv } from '../helpers/make-git-repo.js';
import { processes } from '../helpers/processes.js';
import { startGitDaemon } from '../helpers/start-git-daemon.js';
import { startGitHttp } from '../helpers/start-git-http.js';
import { until } from '../helpers/until.js';

/** Every way reading a repository fails is a TendError with a stable code and one line that says what to fix. */
describe('GitSource failures', () => {
  let home: { dir: string; cleanup: () => void };

  beforeEach(() => (home = makeTempDir()));
  const servers: Array<{ stop: () => Promise<void> }> = [];

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    home.cleanup();
  });

  it.each([
    ['a folder without a repository', true, 'a folder that holds no Git repository'],
    ['no folder at all', false, 'no such folder'],
  ])('names a local path that is not a repository: %s', async (_what, exists, why) => {
    const folder = path.join(home.dir, 'not-a-repo');
    if (exists) mkdirSync(folder);

    const err = await failure(gitSource(home.dir, { url: folder, ref: 'main' }).read());

    expect([err.code, err.message, err.transient]).toEqual([
      'GIT_NOT_A_REPO',
      `${folder} is not a Git repository (${why}): check the repository path`,
      false,
    ]);
  });

  it('reads a relative local path, and keeps a relative cache, from the working directory it is given', async () => {
    const repo = makeGitRepo({ 'specs/web.yaml': 'ID: web\n' }, home.dir);
    const cacheDir = path.relative(path.dirname(repo.dir), path.join(home.dir, 'state/git'));

    const revision = await gitSource(home.dir, { url: path.basename(repo.dir), cwd: path.dirname(repo.dir), cacheDir }).read();

    expect(revision.files.map((f) => f.path)).toEqual(['specs/web.yaml']);
    expect(mirrors(path.join(home.dir, 'state/git'))).toHaveLength(1);
  });

  it('says git is missing when it cannot be run', async () => {
    const env = { ...sourceEnv(home.dir), PATH: path.join(home.dir, 'no-bin') };

    const err = await failure(gitSource(home.dir, { url: 'git://127.0.0.1:1/specs.git', ref: 'main', env }).resolve());

    expect([err.code, err.message]).toEqual([
      'GIT_ERROR',
      'git init on git://127.0.0.1:1/specs.git failed: git is not installed, or not on PATH: install git',
    ]);
  });

  it('says an empty repository has no default branch to read', async () => {
    const repo = makeGitRepo({}, home.dir);

    const err = await failure(gitSource(home.dir, { url: repo.dir }).resolve());

    expect([err.code, err.message]).toEqual([
      'GIT_REF_NOT_FOUND',
      `${repo.dir}: it has no default branch (HEAD points nowhere: is it empty?): push a commit, or name a branch or tag`,
    ]);
  });

  it('says the cache cannot be made, and where', async () => {
    const repo = makeGitRepo({ 'specs/web.yaml': 'ID: web\n' }, home.dir);
    writeFileSync(path.join(home.dir, 'state'), 'a file where the state folder should be');

    const err = await failure(gitSource(home.dir, { url: repo.dir, cacheDir: path.join(home.dir, 'state/git') }).read());

    expect([err.code, err.message]).toEqual([
      'GIT_ERROR',
      expect.stringMatching(/^cannot make the Git cache in .*\/state\/git: ENOTDIR: .*: check that tend may write its state folder$/),
    ]);
  });

  it.each([
    ['git://', (port: number) => `git://127.0.0.1:${port}/specs.git`],
    ['http://', (port: number) => `http://127.0.0.1:${port}/specs.git`],
    ['ssh://', (port: number) => `ssh://git@127.0.0.1:${port}/specs.git`],
  ])('says a %s server that refuses connections cannot be reached, and that this may pass', async (_scheme, url) => {
    // The discard port: nothing listens on it here (the action's tests use it as GitHub's address for the same reason).
    const closed = 9;

    const err = await failure(gitSource(home.dir, { url: url(closed), ref: 'main' }).resolve());

    expect([err.code, err.transient]).toEqual(['GIT_UNREACHABLE', true]);
    expect(err.message).toMatch(
      new RegExp(
        `^cannot reach ${url(closed)}: .*(connection refused|couldn't connect).*: check the URL's host and port, and the network$`,
        'i',
      ),
    );
    expect(err.message).not.toContain('\n');
  });

  it.each([
    ['git://', 'git'],
    ['http://', 'http'],
  ])('says a %s URL that names no repository names none', async (_scheme, kind) => {
    const served = makeTempDir('tend-served-', home.dir);
    const server = kind === 'git' ? await startGitDaemon(served.dir) : await startGitHttp(served.dir);
    servers.push(server);

    const err = await failure(gitSource(home.dir, { url: server.url('nope.git'), ref: 'main' }).resolve());

    expect(err.code).toBe('GIT_NOT_A_REPO');
    expect(err.message).toMatch(new RegExp(`^${server.url('nope.git')} names no repository tend can read: .*: check the URL$`));
  });

  it('stops git at the deadline, ssh and all, runs ssh with TEND_GIT_SSH_KEY alone and never lets it ask', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const key = path.join(home.dir, 'deploy key');
    const env = sourceEnv(home.dir, { TEND_GIT_SSH_KEY: key });
    const source = gitSource(home.dir, { url: `ssh://git@127.0.0.1:${port}/specs.git`, ref: 'main', env, timeoutMs: 1500 });
    const ours = () => processes().filter((p) => p.argv.some((arg) => arg.includes(String(port))));

    try {
      const pending = failure(source.resolve());
      await until(() => ours().some((p) => p.argv[0] === 'ssh'), 5000);
      const ssh = ours().find((p) => p.argv[0] === 'ssh');
      const err = await pending;

      expect(ssh?.argv.slice(0, 6)).toEqual(['ssh', '-i', key, '-o', 'IdentitiesOnly=yes', '-o']);
      expect(ssh?.argv).toContain('BatchMode=yes');
      expect([err.code, err.transient]).toEqual(['GIT_UNREACHABLE', true]);
      expect(err.message).toBe(
        `git ls-remote on ssh://git@127.0.0.1:${port}/specs.git took longer than 1.5s and was stopped: check the network, or allow more time`,
      );
      await until(() => ours().length === 0, 2000);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
