import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { allFiles, gitSource } from '../helpers/git-source-world.js';
import { failure } from '../helpers/thrown.js';
import { makeGitRepo, makeTempDir, sourceEnv, type GitRepo } from '../helpers/make-git-repo.js';
import { environOf, processes } from '../helpers/processes.js';
import { startGitHttp, type GitHttpServer } from '../helpers/start-git-http.js';
import { until } from '../helpers/until.js';

const TOKEN = 'tok-Zq81xv-s3cr3t';
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');

/** Specs over HTTP from `git http-backend`, with HTTP Basic auth: the token travels to git in its environment only. */
describe('GitSource over http://', () => {
  let repo: GitRepo & { cleanup: () => void };
  let served: { dir: string; cleanup: () => void };
  let home: { dir: string; cleanup: () => void };
  const servers: GitHttpServer[] = [];

  const serve = async (options: Parameters<typeof startGitHttp>[1] = {}) => {
    const server = await startGitHttp(served.dir, options);
    servers.push(server);
    return server;
  };
  const withToken = (token = TOKEN) => sourceEnv(home.dir, { TEND_GIT_TOKEN: token });

  beforeAll(() => {
    repo = makeGitRepo({ 'specs/web.yaml': 'ID: web\n' });
    repo.write('specs/db.yaml', 'ID: db\n');
    repo.commit('db');
    served = makeTempDir('tend-served-');
    repo.bareClone(served.dir, 'specs.git');
  });

  afterAll(() => {
    repo.cleanup();
    served.cleanup();
  });

  beforeEach(() => (home = makeTempDir()));

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    home.cleanup();
  });

  it('finds the ref with one ls-remote and no fetch, then fetches once, and never again while the ref stays', async () => {
    const server = await serve();
    const source = gitSource(home.dir, { url: server.url('specs.git'), ref: 'main' });

    const resolved = await source.resolve();
    const afterResolve = server.requests.length;
    await source.readAt(resolved);
    await source.read();
    await source.read();

    expect(afterResolve).toBe(2); // protocol v2: the advertisement, then ls-refs
    expect(server.requests.slice(0, 2).every((r) => !r.fetch)).toBe(true);
    expect(server.fetches()).toBe(1);
  });

  it('reads the commit it resolved even when the ref has moved on since', async () => {
    const server = await serve();
    const moving = repo.bareClone(served.dir, 'moving.git');
    const source = gitSource(home.dir, { url: server.url('moving.git'), ref: 'main' });
    const resolved = await source.resolve();
    const work = makeGitRepo({}, home.dir);
    work.git(['pull', '-q', moving, 'main']);
    work.write('specs/web.yaml', 'ID: moved\n');
    work.commit('moved');
    work.git(['push', '-q', moving, 'HEAD:main']);

    const revision = await source.readAt(resolved);

    expect([revision.sha, revision.files.find((f) => f.path === 'specs/web.yaml')?.content]).toEqual([resolved.sha, 'ID: web\n']);
    expect((await source.resolve()).sha).not.toBe(resolved.sha);
  });

  it('sends TEND_GIT_TOKEN as HTTP Basic auth', async () => {
    const server = await serve({ auth: { user: 'x-access-token', password: TOKEN } });

    const revision = await gitSource(home.dir, { url: server.url('specs.git'), ref: 'main', env: withToken() }).read();

    expect(revision.files).toHaveLength(2);
    expect(server.requests.every((r) => r.allowed)).toBe(true);
  });

  it("asks the user's own credential helper, from their git config, when tend is given no token", async () => {
    const server = await serve({ auth: { user: 'x-access-token', password: TOKEN } });
    const config = path.join(home.dir, 'gitconfig');
    writeFileSync(config, `[credential]\n\thelper = "!f() { echo username=x-access-token; echo password=${TOKEN}; }; f"\n`);

    const revision = await gitSource(home.dir, {
      url: server.url('specs.git'),
      ref: 'main',
      env: sourceEnv(home.dir, { GIT_CONFIG_GLOBAL: config }),
    }).read();

    expect(revision.files).toHaveLength(2);
    expect(server.requests.some((r) => !r.allowed)).toBe(true); // git asks the helper only once told to authenticate
  });

  it('takes a token written in the URL, and shows the URL without it', async () => {
    const server = await serve({ auth: { user: 'bot', password: TOKEN } });
    const url = server.url('specs.git').replace('http://', `http://bot:${TOKEN}@`);

    const revision = await gitSource(home.dir, { url, ref: 'main' }).read();

    expect(revision.label).toBe(`specs at ${revision.sha?.slice(0, 7)} of ${server.url('specs.git')}`);
  });

  it.each([
    ['no token', undefined],
    ['a bad token', 'not-the-token'],
  ])('says credentials were refused, and how to give them, when given %s', async (_what, token) => {
    const server = await serve({ auth: { user: 'x-access-token', password: TOKEN } });
    const env = token === undefined ? sourceEnv(home.dir) : withToken(token);

    const err = await failure(gitSource(home.dir, { url: server.url('specs.git'), ref: 'main', env }).resolve());

    expect([err.code, err.transient]).toEqual(['GIT_AUTH', false]);
    expect(err.message).toMatch(
      new RegExp(
        `^${server.url('specs.git')} refused access: .*: set TEND_GIT_TOKEN to a token that may read the repository, or give your git credential helper one$`,
      ),
    );
    expect(err.message).not.toContain('not-the-token');
  });

  it('never puts the token in an argument, a file of the cache or a message, while it reaches git through its environment', async () => {
    // The fetch is held until the processes that make it have been seen: git fetch and its remote helper.
    let release = (): void => {};
    const fetchesHeld = new Promise<void>((resolve) => (release = resolve));
    const server = await serve({ auth: { user: 'x-access-token', password: TOKEN }, fetchesHeld });
    const source = gitSource(home.dir, { url: server.url('specs.git'), ref: 'main', env: withToken() });
    // By process and command line: a child caught between its fork and its exec shows its parent's.
    const seen = new Map<string, { argv: string[]; environ: string }>();
    const gits = (): Array<{ argv: string[]; environ: string }> => [...seen.values()].filter((p) => /git/.test(p.argv[0] ?? ''));

    const reading = source.read();
    await until(() => {
      for (const p of processes()) {
        const key = `${p.pid} ${p.argv.join(' ')}`;
        if (!seen.has(key) && p.argv.some((arg) => arg.includes('127.0.0.1'))) seen.set(key, { argv: p.argv, environ: environOf(p.pid) });
      }
      return gits().some((p) => p.argv.includes('fetch')) && gits().some((p) => p.argv.includes('remote-http'));
    }).finally(release);
    await reading;
    const badToken = await failure(gitSource(home.dir, { url: server.url('specs.git'), ref: 'main', env: withToken(`${TOKEN}x`) }).read());

    for (const p of gits()) expect(p.argv.join(' ')).not.toMatch(new RegExp(`${TOKEN}|${BASIC}`));
    expect(gits().some((p) => p.environ.includes(`Authorization: Basic ${BASIC}`))).toBe(true);
    const cached = allFiles(path.join(home.dir, 'git'));
    expect(cached.length).toBeGreaterThan(5);
    expect(cached.filter(({ bytes }) => bytes.includes(TOKEN) || bytes.includes(BASIC)).map(({ file }) => file)).toEqual([]);
    expect(JSON.stringify([badToken.message, String(badToken.cause)])).not.toContain(TOKEN);
  });
});
