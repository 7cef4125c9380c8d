import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Git as the tests run it: no user or system config, a fixed author and clock, so that runs are alike everywhere. */
export const HERMETIC_GIT_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_SYSTEM: '/dev/null',
  GIT_AUTHOR_NAME: 'Tend Test',
  GIT_AUTHOR_EMAIL: 'test@tend.invalid',
  GIT_COMMITTER_NAME: 'Tend Test',
  GIT_COMMITTER_EMAIL: 'test@tend.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
};

/** The environment a GitSource under test gets: the caller's PATH and a scratch HOME, with no user or system git config. */
export function sourceEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null', ...extra };
}

/** Git's environment in `cwd`: hermetic (the caller's GIT_* variables left out), with `extra` on top. */
function gitEnv(cwd: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: cwd, ...HERMETIC_GIT_ENV, ...extra };
}

/** Runs git in `cwd` hermetically; returns its stdout, trimmed. */
export function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, env: gitEnv(cwd), input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

export interface GitRepo {
  dir: string;
  /** Writes a file of the work tree (not committed): text or bytes. */
  write(file: string, content: string | Buffer): void;
  link(file: string, target: string): void;
  remove(file: string): void;
  /** Commits everything in the work tree; returns the new commit's SHA. */
  commit(message?: string): string;
  /** The SHA HEAD is at, read from the repository's files (no git process), as `git rev-parse HEAD` says it. */
  head(): string;
  tag(name: string, options?: { annotated?: boolean }): void;
  git(args: string[], input?: string): string;
  /** A bare clone of this repository at `<into>/<name>`, as a server would hold it. */
  bareClone(into: string, name: string): string;
}

/**
 * A real repository in a new folder under `under` (the temp folder; a test's own folder, removed with
 * it even when the test fails), on branch main, with these files committed (when any are given).
 */
export function makeGitRepo(files: Record<string, string | Buffer> = {}, under = os.tmpdir()): GitRepo & { cleanup: () => void } {
  const dir = mkdtempSync(path.join(under, 'tend-repo-'));
  // With files, the repository is made by the same process as their first commit.
  let made = Object.keys(files).length === 0;
  if (made) git(dir, ['init', '-q', '-b', 'main']);
  let ticks = 0;
  const repo: GitRepo & { cleanup: () => void } = {
    dir,
    write(file, content) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    },
    link(file, target) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      symlinkSync(target, path.join(dir, file));
    },
    remove(file) {
      unlinkSync(path.join(dir, file));
    },
    commit(message = 'change') {
      ticks += 1;
      // Each commit a second later, so that two commits of the same tree still differ.
      const at = `2024-01-01T00:00:${String(ticks).padStart(2, '0')}Z`;
      // One process started from this (large) one rather than three: the shell starts the gits. No
      // `git maintenance run --auto` after the commit (a process more each time, for repositories this small).
      const script = `${made ? '' : 'git init -q -b main && '}git add -A && git -c maintenance.auto=false commit -q --allow-empty -m "$1"`;
      made = true;
      execFileSync('sh', ['-c', script, 'sh', message], { cwd: dir, env: gitEnv(dir, { GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at }) });
      return repo.head();
    },
    head() {
      const at = readFileSync(path.join(dir, '.git/HEAD'), 'utf8').trim();
      if (!at.startsWith('ref: ')) return at;
      const ref = path.join(dir, '.git', at.slice('ref: '.length));
      // A packed ref (none here: nothing packs) is left to git.
      return existsSync(ref) ? readFileSync(ref, 'utf8').trim() : git(dir, ['rev-parse', 'HEAD']);
    },
    tag(name, options = {}) {
      git(dir, options.annotated ? ['tag', '-a', name, '-m', name] : ['tag', name]);
    },
    git: (args, input) => git(dir, args, input),
    bareClone(into, name) {
      const target = path.join(into, name);
      git(into, ['clone', '-q', '--bare', dir, target]);
      return target;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [file, content] of Object.entries(files)) repo.write(file, content);
  if (Object.keys(files).length > 0) repo.commit('first');
  return repo;
}

/** A temp folder (under `under`) for a test's cache and HOME; remove it with `cleanup`. */
export function makeTempDir(prefix = 'tend-git-', under = os.tmpdir()): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(under, prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
