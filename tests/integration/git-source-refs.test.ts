import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { git, makeGitRepo, makeTempDir, sourceEnv, type GitRepo } from '../helpers/make-git-repo.js';
import { allFiles, gitSource, mirrors } from '../helpers/git-source-world.js';
import { failure } from '../helpers/thrown.js';
import { startGitDaemon, type GitDaemon } from '../helpers/start-git-daemon.js';

/**
 * Specs read at a ref of a repository served by `git daemon` on 127.0.0.1: branches, tags, SHAs and
 * the default branch, each found by one ls-remote and read from the commit's tree.
 */
describe('GitSource at a ref, over git://', () => {
  let repo: GitRepo & { cleanup: () => void };
  let served: { dir: string; cleanup: () => void };
  let home: { dir: string; cleanup: () => void };
  let daemon: GitDaemon;
  let first: string;
  let second: string;
  let middle: string;
  let bare: string;

  beforeAll(async () => {
    repo = makeGitRepo({ 'specs/web.yaml': 'ID: web\n', 'specs/db.yaml': 'ID: db\n' });
    first = repo.head();
    repo.tag('v1', { annotated: true });
    repo.tag('light');
    repo.write('README.md', 'no ref points at this commit\n');
    middle = repo.commit('middle');
    repo.write('specs/web.yaml', 'ID: web\n# two\n');
    second = repo.commit('second');
    repo.git(['branch', 'old', first]);
    served = makeTempDir('tend-served-');
    bare = repo.bareClone(served.dir, 'specs.git');
    daemon = await startGitDaemon(served.dir);
  });

  afterAll(async () => {
    await daemon.stop();
    repo.cleanup();
    served.cleanup();
  });

  beforeEach(() => (home = makeTempDir()));
  afterEach(() => home.cleanup());

  const at = (ref: string | null) => gitSource(home.dir, { url: daemon.url('specs.git'), ref });

  it.each([
    ['a branch', 'main', () => second, 'refs/heads/main'],
    ['another branch', 'old', () => first, 'refs/heads/old'],
    ['a full ref name', 'refs/heads/old', () => first, 'refs/heads/old'],
    ['an annotated tag, peeled to its commit', 'v1', () => first, 'refs/tags/v1'],
    ['a lightweight tag', 'light', () => first, 'refs/tags/light'],
    ['the default branch', null, () => second, 'refs/heads/main'],
  ])('reads %s (%s)', async (_what, ref, sha, name) => {
    const revision = await at(ref).read();

    expect([revision.sha, revision.ref]).toEqual([sha(), name]);
    expect(revision.files.map((f) => [f.path, f.content])).toEqual([
      ['specs/db.yaml', 'ID: db\n'],
      ['specs/web.yaml', sha() === first ? 'ID: web\n' : 'ID: web\n# two\n'],
    ]);
    expect(revision.label).toBe(`specs at ${sha().slice(0, 7)} of ${daemon.url('specs.git')}`);
  });

  it.each([
    ['its path', () => bare],
    ['a file:// URL', () => `file://${bare}`],
  ])('reads a bare repository on this machine by %s', async (_how, url) => {
    const revision = await gitSource(home.dir, { url: url(), ref: 'v1' }).read();

    expect([revision.sha, revision.ref, revision.label]).toEqual([first, 'refs/tags/v1', `specs at ${first.slice(0, 7)} of ${url()}`]);
  });

  it('reads a full SHA (an older commit of main), with no ls-remote for it', async () => {
    const source = at(first.toUpperCase());

    const resolved = await source.resolve();
    const revision = await source.readAt(resolved);

    expect(resolved).toEqual({ sha: first, ref: null });
    expect(revision.files.find((f) => f.path === 'specs/web.yaml')?.content).toBe('ID: web\n');
  });

  it('falls back to fetching branches and tags when the server will not give a commit by its SHA (protocol v0)', async () => {
    const config = path.join(home.dir, 'gitconfig');
    writeFileSync(config, '[protocol]\n\tversion = 0\n');
    const env = sourceEnv(home.dir, { GIT_CONFIG_GLOBAL: config });
    const source = gitSource(home.dir, { url: daemon.url('specs.git'), ref: middle, env });

    const revision = await source.read();

    const mirror = path.join(home.dir, 'git', mirrors(path.join(home.dir, 'git'))[0] as string);
    expect([revision.sha, revision.files.map((f) => f.content)]).toEqual([middle, ['ID: db\n', 'ID: web\n']]);
    expect(git(mirror, ['for-each-ref', '--format=%(refname)']).split('\n')).toEqual(
      expect.arrayContaining(['refs/heads/main', 'refs/heads/old', 'refs/tags/v1']),
    );
  });

  it('gives each file the blob id git gives it, so that a commit changing one file changes only its id', async () => {
    const old = await at('old').read();
    const now = await at('main').read();

    const blobs = (files: typeof now.files) => files.map((f) => [f.path, f.blob]);
    expect(blobs(old.files)).toEqual([
      ['specs/db.yaml', git(bare, ['rev-parse', `${first}:specs/db.yaml`])],
      ['specs/web.yaml', git(bare, ['rev-parse', `${first}:specs/web.yaml`])],
    ]);
    expect(now.files[0]?.blob).toBe(old.files[0]?.blob);
    expect(now.files[1]?.blob).not.toBe(old.files[1]?.blob);
  });

  it('fetches nothing when the commit is in its mirror already: the mirror is left as it was', async () => {
    const source = at('main');
    await source.read();
    const cache = path.join(home.dir, 'git');
    const before = allFiles(cache).map(({ file, bytes }) => [file, bytes.length]);

    const again = await source.read();
    const other = await gitSource(home.dir, { url: daemon.url('specs.git'), ref: second }).read();

    expect(allFiles(cache).map(({ file, bytes }) => [file, bytes.length])).toEqual(before);
    expect([again.sha, other.sha]).toEqual([second, second]);
    expect(mirrors(cache)).toHaveLength(1);
  });

  it('fetches only what a moved ref added, and reads the new commit', async () => {
    const local = makeGitRepo({ 'specs/a.yaml': 'ID: a\n' }, home.dir);
    const source = gitSource(home.dir, { url: local.dir, ref: 'main' });
    await source.read();
    local.write('specs/b.yaml', 'ID: b\n');
    const moved = local.commit('b');

    const revision = await source.read();

    expect([revision.sha, revision.files.map((f) => f.path)]).toEqual([moved, ['specs/a.yaml', 'specs/b.yaml']]);
  });

  it('says which ref is unknown, and what a ref may be', async () => {
    const err = await failure(at('mian').resolve());

    expect(err.code).toBe('GIT_REF_NOT_FOUND');
    expect(err.message).toBe(
      `${daemon.url('specs.git')}: it has no branch or tag "mian": give a branch, a tag, a full ref name (refs/...) or a full 40-hex commit SHA`,
    );
  });

  it('refuses a ref name git could not hold without asking the server', async () => {
    const err = await failure(gitSource(home.dir, { url: 'git://127.0.0.1:1/x.git', ref: 'main~1' }).resolve());

    expect([err.code, err.message]).toEqual(['GIT_REF_NOT_FOUND', expect.stringContaining('"main~1" is not a valid ref name')]);
  });

  it('says a SHA is in no branch or tag of the repository', async () => {
    const err = await failure(at('0123456789abcdef0123456789abcdef01234567').read());

    expect(err.code).toBe('GIT_REF_NOT_FOUND');
    expect(err.message).toContain('commit 0123456789abcdef0123456789abcdef01234567 is not on any branch or tag of git://127.0.0.1:');
  });
});
