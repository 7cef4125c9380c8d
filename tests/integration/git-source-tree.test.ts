import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FolderSource } from '../../src/source/folder-source.js';
import { gitSource, mirrors } from '../helpers/git-source-world.js';
import { startGitDaemon } from '../helpers/start-git-daemon.js';
import { failure, thrown } from '../helpers/thrown.js';
import { makeGitRepo, makeTempDir, sourceEnv, type GitRepo } from '../helpers/make-git-repo.js';

const shape = (files: Array<{ path: string; content: string; unreadable?: string }>) => files.map((f) => [f.path, f.content, f.unreadable]);
const OUTSIDE = 'a symbolic link to something other than a file inside the spec folder';

/** The spec files of a commit read from its tree, by the folder source's rules, from a local repository. */
describe('GitSource reading a commit tree', () => {
  let repo: GitRepo & { cleanup: () => void };
  let home: { dir: string; cleanup: () => void };

  beforeEach(() => {
    repo = makeGitRepo();
    home = makeTempDir();
  });

  afterEach(() => {
    repo.cleanup();
    home.cleanup();
  });

  const read = (options: { path?: string; ref?: string } = {}) => gitSource(home.dir, { url: repo.dir, ...options }).read();

  /** A bare copy of the repository served by git daemon, as a remote one is (fetched into the mirror); `close` stops it and removes the copy. */
  const served = async (): Promise<{ url: string; close: () => Promise<void> }> => {
    const server = makeTempDir();
    repo.bareClone(server.dir, 'specs.git');
    const daemon = await startGitDaemon(server.dir);
    return {
      url: daemon.url('specs.git'),
      close: async () => {
        await daemon.stop();
        server.cleanup();
      },
    };
  };

  it('reads what the folder source reads from the same files checked out: hidden, other, linked, too large and not UTF-8 alike', async () => {
    repo.write('specs/web.yaml', 'ID: web\n');
    repo.write('specs/team/db.yml', 'ID: db\n');
    repo.write('specs/api.JSON', '{"ID": "api"}');
    repo.write('specs/.hidden.yaml', 'ID: hidden\n');
    repo.write('specs/.drafts/x.yaml', 'ID: x\n');
    repo.write('specs/notes.txt', 'not a spec');
    repo.write('specs/.shared/base.txt', 'ID: base\n');
    repo.write('README.yaml', 'ID: outside\n');
    repo.link('specs/same.yaml', 'web.yaml');
    repo.link('specs/chain.yaml', 'same.yaml');
    repo.link('specs/team/up.yaml', '../web.yaml');
    repo.link('specs/base.yaml', '.shared/base.txt');
    repo.link('specs/out.yaml', '../README.yaml');
    repo.link('specs/abs.yaml', '/etc/hostname');
    repo.link('specs/folder', 'team');
    repo.write('specs/big.yaml', `# ${'x'.repeat(256 * 1024)}\n`);
    repo.write('specs/latin1.yaml', Buffer.from([0x49, 0x44, 0x3a, 0x20, 0xe9, 0x0a]));
    writeFileSync(Buffer.from([...Buffer.from(`${repo.dir}/specs/caf`), 0xe9, ...Buffer.from('.yaml')]), 'ID: cafe\n');
    mkdirSync(Buffer.from([...Buffer.from(`${repo.dir}/specs/t`), 0xff]));
    writeFileSync(Buffer.from([...Buffer.from(`${repo.dir}/specs/t`), 0xff, ...Buffer.from('/a.yaml')]), 'ID: a\n');
    repo.commit();

    const fromTree = await read();
    const fromDisk = await new FolderSource('specs', repo.dir).read();

    expect(shape(fromTree.files)).toEqual(shape(fromDisk.files));
    expect(shape(fromTree.files)).toEqual([
      ['specs/abs.yaml', '', OUTSIDE],
      ['specs/api.JSON', '{"ID": "api"}', undefined],
      ['specs/base.yaml', 'ID: base\n', undefined],
      ['specs/big.yaml', '', '262147 bytes, over the 262144-byte limit for a spec file'],
      ['specs/caf\\xe9.yaml', '', 'its name is not UTF-8 (shown here with \\x escapes): rename it'],
      ['specs/chain.yaml', 'ID: web\n', undefined],
      ['specs/folder', '', 'a symbolic link to a folder, which tend does not follow'],
      ['specs/latin1.yaml', '', 'not UTF-8 text'],
      ['specs/out.yaml', '', OUTSIDE],
      ['specs/same.yaml', 'ID: web\n', undefined],
      [
        'specs/t\\xff',
        '',
        "this folder's name is not UTF-8 (shown here with \\x escapes), so tend cannot read the specs it may hold: rename it",
      ],
      ['specs/team/db.yml', 'ID: db\n', undefined],
      ['specs/team/up.yaml', 'ID: web\n', undefined],
      ['specs/web.yaml', 'ID: web\n', undefined],
    ]);
  });

  it('gives a link the blob id of the file it leads to, and no id to a file it could not read', async () => {
    repo.write('specs/web.yaml', 'ID: web\n');
    repo.link('specs/same.yaml', 'web.yaml');
    repo.link('specs/gone.yaml', 'nowhere.yaml');
    repo.commit();

    const { files } = await read();

    expect(files.map((f) => [f.path, f.blob, f.unreadable])).toEqual([
      ['specs/gone.yaml', undefined, OUTSIDE],
      ['specs/same.yaml', repo.git(['rev-parse', 'HEAD:specs/web.yaml']), undefined],
      ['specs/web.yaml', repo.git(['rev-parse', 'HEAD:specs/web.yaml']), undefined],
    ]);
  });

  it('reads the commit, not the work tree: uncommitted edits, new files and deletions are not seen', async () => {
    repo.write('specs/web.yaml', 'ID: web\n');
    repo.write('specs/db.yaml', 'ID: db\n');
    const sha = repo.commit();
    repo.write('specs/web.yaml', 'ID: edited\n');
    repo.write('specs/new.yaml', 'ID: new\n');
    repo.remove('specs/db.yaml');
    repo.git(['add', 'specs/new.yaml']);

    const revision = await read({ ref: 'main' });

    expect(revision.sha).toBe(sha);
    expect(shape(revision.files)).toEqual([
      ['specs/db.yaml', 'ID: db\n', undefined],
      ['specs/web.yaml', 'ID: web\n', undefined],
    ]);
  });

  it('reports a submodule under the spec path, which may hold specs, rather than skipping it', async () => {
    repo.write('specs/web.yaml', 'ID: web\n');
    const sha = repo.commit();
    repo.git(['update-index', '--add', '--cacheinfo', `160000,${sha},specs/vendored`]);
    repo.git(['commit', '-q', '-m', 'submodule']);

    const { files } = await read();

    expect(shape(files)).toEqual([
      ['specs/vendored', '', 'a submodule, which tend does not read: keep the specs in this repository'],
      ['specs/web.yaml', 'ID: web\n', undefined],
    ]);
  });

  it('says a spec path the commit does not have is missing, so that nothing is pruned', async () => {
    repo.write('deploy/web.yaml', 'ID: web\n');
    repo.commit();

    const revision = await read();

    expect([revision.pathExists, revision.files]).toEqual([false, []]);
    expect(revision.label).toMatch(/^specs at [0-9a-f]{7} of \//);
  });

  it.each([
    ['deploy/prod', 'deploy/prod/web.yaml'],
    ['./deploy/prod/', 'deploy/prod/web.yaml'],
    ['.', 'deploy/prod/web.yaml'],
    [':odd', ':odd/web.yaml'],
  ])('reads the spec path %j, naming files by their path in the repository', async (specPath, file) => {
    repo.write(file, 'ID: web\n');
    repo.write('.github/ci.yaml', 'not: a spec\n');
    repo.commit();

    const { files } = await read({ path: specPath });

    expect(files.map((f) => f.path)).toEqual([file]);
  });

  it.each([
    ['a file', (r: GitRepo) => r.write('specs', 'ID: web\n')],
    ['a symbolic link', (r: GitRepo) => (r.write('deploy/web.yaml', 'ID: web\n'), r.link('specs', 'deploy'))],
  ])('refuses a spec path that is %s in the commit, as the folder source does', async (what, make) => {
    make(repo);
    repo.commit();

    const err = await failure(read());

    expect(err.code).toBe('SPECS_NOT_FOUND');
    expect(err.message).toMatch(
      new RegExp(`^specs at [0-9a-f]{7} of ${repo.dir} is ${what}: the spec path names the folder the specs are in$`),
    );
  });

  it('refuses a spec path outside the repository', () => {
    const err = thrown(() => gitSource(home.dir, { url: repo.dir, path: '../elsewhere' }));

    expect([err.code, err.message]).toEqual([
      'SPECS_NOT_FOUND',
      'spec path "../elsewhere" is outside the repository: give a folder inside it, such as specs',
    ]);
  });

  it("runs none of the spec repository's hooks or fsmonitor, nor hooks from the user's config, reading it in place or fetching it into its mirror", async () => {
    repo.write('specs/web.yaml', 'ID: web\n');
    repo.commit();
    const marker = path.join(home.dir, 'ran');
    const hooks = path.join(home.dir, 'hooks');
    const hook = `#!/bin/sh\necho "$0" >> '${marker}'\n`;
    mkdirSync(hooks);
    for (const name of ['reference-transaction', 'post-checkout', 'pre-auto-gc', 'post-index-change']) {
      writeFileSync(path.join(hooks, name), hook, { mode: 0o755 });
      writeFileSync(path.join(repo.dir, '.git/hooks', name), hook, { mode: 0o755 });
    }
    repo.git(['config', 'core.fsmonitor', `echo fsmonitor >> '${marker}'`]);
    repo.git(['config', 'core.hooksPath', hooks]);
    const config = path.join(home.dir, 'gitconfig');
    writeFileSync(config, `[core]\n\thooksPath = ${hooks}\n\tfsmonitor = echo fsmonitor >> '${marker}'\n`);
    const env = sourceEnv(home.dir, { GIT_CONFIG_GLOBAL: config });
    // Served, it is fetched: the user's config is the one that could name hooks then.
    const server = await served();

    try {
      for (const url of [repo.dir, server.url]) {
        const revision = await gitSource(home.dir, { url, env }).read();

        expect(revision.files.map((f) => f.path)).toEqual(['specs/web.yaml']);
      }
    } finally {
      await server.close();
    }
    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe('');
  });

  /** git as the source finds it on PATH, logging its subcommand before it runs; `said()` is the log so far, `forget()` empties it. */
  const loggedGit = (): { env: NodeJS.ProcessEnv; said: () => string[]; forget: () => void } => {
    const bin = path.join(home.dir, 'bin');
    mkdirSync(bin);
    const calls = path.join(home.dir, 'calls');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const shim = `#!/bin/sh\nfor a; do case "$a" in -c|core.*) ;; *) echo "$a" >> '${calls}'; break;; esac; done\nexec '${real}' "$@"\n`;
    writeFileSync(path.join(bin, 'git'), shim, { mode: 0o755 });
    return {
      env: sourceEnv(home.dir, { PATH: `${bin}:${process.env.PATH}` }),
      said: () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []),
      forget: () => rmSync(calls, { force: true }),
    };
  };

  it('starts one git per step: a new cache fetches a served repository without asking first, and a commit it holds is not fetched again', async () => {
    repo.write('specs/web.yaml', 'ID: web\n');
    repo.commit();
    const server = await served();
    try {
      const git = loggedGit();

      await gitSource(home.dir, { url: server.url, env: git.env }).read();
      const first = git.said();
      git.forget();
      await gitSource(home.dir, { url: server.url, env: git.env }).read();

      expect(first).toEqual(['init', 'ls-remote', 'fetch', 'ls-tree', 'cat-file']);
      expect(git.said()).toEqual(['ls-remote', 'ls-tree', 'cat-file']);
    } finally {
      await server.close();
    }
  });

  it('reads a repository on this machine where it is: its objects are lent to the cache, never fetched or copied', async () => {
    repo.write('specs/web.yaml', 'ID: web\n');
    repo.commit();
    const git = loggedGit();

    const revision = await gitSource(home.dir, { url: repo.dir, env: git.env }).read();
    const first = git.said();
    git.forget();
    await gitSource(home.dir, { url: repo.dir, env: git.env }).read();

    expect(revision.files.map((f) => [f.path, f.content])).toEqual([['specs/web.yaml', 'ID: web\n']]);
    expect(first).toEqual(['init', 'ls-remote', 'ls-tree', 'cat-file']);
    expect(git.said()).toEqual(['ls-remote', 'ls-tree', 'cat-file']);
    const [mirror] = mirrors(path.join(home.dir, 'git'));
    const objects = path.join(home.dir, 'git', mirror ?? '', 'objects');
    expect(readFileSync(path.join(objects, 'info/alternates'), 'utf8')).toBe(`${path.join(repo.dir, '.git/objects')}\n`);
    expect(readdirSync(objects).sort()).toEqual(['info', 'pack']);
    expect(readdirSync(path.join(objects, 'pack'))).toEqual([]);

    // A commit the repository does not hold: no fetch from it would bring it.
    const missing = await failure(gitSource(home.dir, { url: repo.dir, ref: '0123456789abcdef0123456789abcdef01234567' }).read());
    expect([missing.code, missing.message]).toEqual([
      'GIT_REF_NOT_FOUND',
      `${repo.dir}: 0123456789abcdef0123456789abcdef01234567 is not a commit in it: give a branch, a tag, a full ref name (refs/...) or a full 40-hex commit SHA`,
    ]);
    expect(readdirSync(objects).sort()).toEqual(['info', 'pack']);
  });

  it('lends the objects of a bare repository and of a linked work tree alike', async () => {
    repo.write('specs/web.yaml', 'ID: web\n');
    repo.commit();
    const bare = repo.bareClone(home.dir, 'bare.git');
    const linked = path.join(home.dir, 'linked');
    repo.git(['worktree', 'add', '-q', '--detach', linked]);

    for (const [url, lent] of [
      [bare, path.join(bare, 'objects')],
      [linked, path.join(repo.dir, '.git/objects')],
    ] as const) {
      const cache = path.join(home.dir, `cache-${path.basename(url)}`);
      const revision = await gitSource(home.dir, { url, cacheDir: cache }).read();

      expect(revision.files.map((f) => f.path)).toEqual(['specs/web.yaml']);
      const [mirror] = mirrors(cache);
      expect(readFileSync(path.join(cache, mirror ?? '', 'objects/info/alternates'), 'utf8')).toBe(`${lent}\n`);
    }
  });

  it('reads a thousand files with one ls-tree and one cat-file', async () => {
    for (let i = 0; i < 1000; i += 1) repo.write(`specs/g${String(i).padStart(4, '0')}.yaml`, `ID: g${i}\n`);
    repo.commit();

    const { files } = await read();

    expect(files).toHaveLength(1000);
    expect(files[999]).toMatchObject({ path: 'specs/g0999.yaml', content: 'ID: g999\n' });
    expect(path.basename(files[0]?.path ?? '')).toBe('g0000.yaml');
  });
});
