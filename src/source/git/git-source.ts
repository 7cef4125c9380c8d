import path from 'node:path';
import { TendError } from '../../errors.js';
import type { CommitSource, ResolvedRef, Revision } from '../spec-source.js';
import { fetchCommit } from './fetch-commit.js';
import { gitEnv } from './git-env.js';
import { toTendError, type FailureContext } from './git-errors.js';
import { parseRemote } from './git-remote.js';
import { GitFailure, GitRunner } from './git-runner.js';
import { Mirror } from './mirror.js';
import { FULL_SHA, isRefName, lsRemotePatterns, parseLsRemote, pickHead, pickRef } from './pick-ref.js';
import { specRoot } from './spec-root.js';
import { parseLsTree } from './tree-listing.js';
import { treeSpecs } from './tree-specs.js';

export interface GitSourceOptions {
  /** A local path (relative to `cwd`), or a file://, git://, http(s)://, ssh:// or scp-like `user@host:path` URL. */
  url: string;
  /** A branch, a tag, a full ref name or a full 40-hex commit SHA; null (or 'HEAD') for the remote's default branch. */
  ref: string | null;
  /** The spec folder inside the repository ('.' for the whole repository): the runner config's `source.path`. */
  path: string;
  /** Where the mirrors live, a folder under the runner's state folder (`<stateDir>/git`); relative to `cwd`. */
  cacheDir: string;
  /** The environment git runs with and TEND_GIT_TOKEN / TEND_GIT_SSH_KEY are read from (process.env in the CLI). */
  env: NodeJS.ProcessEnv;
  /** The most one resolve() or readAt() may take, every git call included; 30 s by default. */
  timeoutMs?: number;
  /** What a relative local path or cacheDir is relative to; the working directory by default. */
  cwd?: string;
}

/** What git says when the mirror does not hold the commit (yet). */
const MISSING_OBJECT = /not a valid object name|not a tree object|bad object|could not get object|unable to read|is a \w+, not a commit/i;

/**
 * Specs read at an exact commit of a Git repository: the commit is fetched (shallow) into tend's bare
 * mirror under `cacheDir` (a repository on this machine lends the mirror its objects instead), and the
 * spec files are read from its tree, never checked out, so uncommitted edits in a local repository are
 * not seen. Every failure is a TendError with a GIT_* code (or SPECS_NOT_FOUND), one line, and no
 * credentials in it.
 */
export class GitSource implements CommitSource {
  readonly #ref: string | null;
  readonly #root: string;
  readonly #timeoutMs: number;
  readonly #mirror: Mirror;
  readonly #context: FailureContext;

  constructor(options: GitSourceOptions) {
    const cwd = options.cwd ?? process.cwd();
    const remote = parseRemote(options.url, cwd);
    const env = gitEnv(remote, options.env);
    this.#ref = options.ref === 'HEAD' ? null : options.ref;
    this.#root = specRoot(options.path);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#mirror = new Mirror(path.resolve(cwd, options.cacheDir), remote, new GitRunner(env));
    this.#context = { remote, secrets: env.secrets, timeoutMs: this.#timeoutMs };
  }

  /** The repository as messages name it: no password or token. */
  get shown(): string {
    return this.#context.remote.shown;
  }

  async read(): Promise<Revision> {
    return this.readAt(await this.resolve());
  }

  async resolve(): Promise<ResolvedRef> {
    const ref = this.#ref;
    if (ref !== null && FULL_SHA.test(ref)) return { sha: ref.toLowerCase(), ref: null };
    if (ref !== null && !isRefName(ref)) throw this.#refNotFound(`"${ref}" is not a valid ref name`);
    return this.#guarded(async (signal) => {
      await this.#mirror.ensure(signal);
      const url = this.#context.remote.url;
      const args = ref === null ? ['ls-remote', '--symref', '--', url, 'HEAD'] : ['ls-remote', '--', url, ...lsRemotePatterns(ref)];
      const refs = parseLsRemote((await this.#mirror.run(args, signal)).toString('utf8'));
      const found = ref === null ? pickHead(refs) : pickRef(refs, ref);
      if (found) return found;
      throw ref === null
        ? this.#refNotFound('it has no default branch (HEAD points nowhere: is it empty?)', 'push a commit, or name a branch or tag')
        : this.#refNotFound(`it has no branch or tag "${ref}"`);
    });
  }

  async readAt(resolved: ResolvedRef): Promise<Revision> {
    return this.#guarded(async (signal) => {
      await this.#mirror.ensure(signal);
      const listing = await this.#listTree(resolved, signal);
      const specs = await treeSpecs(parseLsTree(listing), this.#root, (oids) => this.#mirror.readBlobs(oids, signal));
      const label = `${this.#root === '' ? '.' : this.#root} at ${resolved.sha.slice(0, 7)} of ${this.shown}`;
      if (specs.kind === 'not-a-folder') {
        throw new TendError('SPECS_NOT_FOUND', `${label} is ${specs.what}: the spec path names the folder the specs are in`);
      }
      const files = specs.kind === 'folder' ? specs.files : [];
      return { sha: resolved.sha, ref: resolved.ref, files, pathExists: specs.kind === 'folder', label };
    });
  }

  /**
   * The commit's tree at the spec path, fetching the commit first only when the mirror does not have it
   * (a new mirror has nothing). A mirror that borrows a local repository's objects never fetches: what
   * that repository does not hold, a fetch from it would not bring.
   */
  async #listTree(resolved: ResolvedRef, signal: AbortSignal): Promise<Buffer> {
    if (!this.#mirror.empty) {
      try {
        return await this.#mirror.listTree(resolved.sha, this.#root, signal);
      } catch (err) {
        if (!isMissingObject(err)) throw err;
        if (this.#mirror.borrows) throw this.#refNotFound(`${resolved.sha} is not a commit in it`);
      }
    }
    await fetchCommit(this.#mirror, resolved, signal);
    try {
      return await this.#mirror.listTree(resolved.sha, this.#root, signal);
    } catch (err) {
      if (isMissingObject(err)) throw this.#refNotFound(`${resolved.sha} is not a commit in it`);
      throw err;
    }
  }

  /** Runs `work` against one deadline, and maps whatever it throws to a TendError. */
  async #guarded<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await work(AbortSignal.timeout(this.#timeoutMs));
    } catch (err) {
      throw toTendError(err, this.#context);
    }
  }

  #refNotFound(why: string, fix = 'give a branch, a tag, a full ref name (refs/...) or a full 40-hex commit SHA'): TendError {
    return new TendError('GIT_REF_NOT_FOUND', `${this.shown}: ${why}: ${fix}`);
  }
}

function isMissingObject(err: unknown): boolean {
  return err instanceof GitFailure && err.reason === 'exit' && MISSING_OBJECT.test(err.message);
}
