import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TendError } from '../../errors.js';
import { batchRequest, parseBatch } from './cat-file-batch.js';
import { localObjects } from './local-objects.js';
import type { GitRemote } from './git-remote.js';
import type { GitRunner } from './git-runner.js';

/**
 * tend's bare copy of one remote repository, `<cacheDir>/<hash of the remote's key>`: the only
 * repository tend ever runs git in. It holds objects and refs only (no remote, URL or credentials in its
 * config), and no hooks. Of a repository on this machine it holds nothing: that repository's object
 * folder is its alternate (`objects/info/alternates`), read in place by the git that runs here.
 */
export class Mirror {
  readonly dir: string;

  constructor(
    private readonly cacheDir: string,
    readonly remote: GitRemote,
    private readonly git: GitRunner,
  ) {
    this.dir = path.join(cacheDir, createHash('sha256').update(remote.key).digest('hex').slice(0, 32));
  }

  /** Creates the mirror once. It is made under another name and renamed, so that tend processes racing here all end with one whole mirror. */
  async ensure(signal: AbortSignal): Promise<void> {
    if (existsSync(path.join(this.dir, 'HEAD'))) return;
    let fresh: string;
    try {
      mkdirSync(this.cacheDir, { recursive: true });
      fresh = mkdtempSync(path.join(this.cacheDir, '.new-'));
    } catch (err) {
      // The message read as a field: an fs error may come from another realm (as under jest), where instanceof fails.
      throw new TendError(
        'GIT_ERROR',
        `cannot make the Git cache in ${this.cacheDir}: ${String((err as Error | undefined)?.message ?? err)}: check that tend may write its state folder`,
      );
    }
    try {
      await this.git.run(fresh, ['init', '--bare', fresh], signal);
      rmSync(path.join(fresh, 'hooks'), { recursive: true, force: true });
      // For whoever looks into the cache: which repository this is (git's own file for that, and no secret).
      writeFileSync(path.join(fresh, 'description'), `${this.remote.shown}\n`);
      // A repository on this machine lends its objects: nothing is copied, and a commit is read where it is.
      const lent = this.remote.localPath === undefined ? null : localObjects(this.remote.localPath);
      if (lent !== null) writeFileSync(path.join(fresh, 'objects/info/alternates'), `${lent}\n`);
      renameSync(fresh, this.dir);
    } catch (err) {
      rmSync(fresh, { recursive: true, force: true });
      if (!existsSync(path.join(this.dir, 'HEAD'))) throw err;
    }
  }

  /** Runs git in the mirror. */
  run(args: string[], signal: AbortSignal, input?: string): Promise<Buffer> {
    return this.git.run(this.dir, args, signal, input);
  }

  /** `ls-tree -r -l -z` of the commit, at `root` ('' for all of it): no checkout, no work tree. */
  listTree(sha: string, root: string, signal: AbortSignal): Promise<Buffer> {
    // './' keeps a path that starts with ':' from being read as pathspec magic.
    return this.run(['ls-tree', '-r', '-l', '-z', '--full-tree', `${sha}^{commit}`, ...(root === '' ? [] : ['--', `./${root}`])], signal);
  }

  /** The contents of these objects, from one `cat-file --batch`; `--buffer`, as nobody reads its answers one by one (a fifth faster for 1,000 files). */
  async readBlobs(oids: string[], signal: AbortSignal): Promise<Map<string, Buffer>> {
    return parseBatch(await this.run(['cat-file', '--batch', '--buffer'], signal, batchRequest(oids)));
  }

  async hasCommit(sha: string, signal: AbortSignal): Promise<boolean> {
    const out = await this.run(['cat-file', '--batch-check'], signal, `${sha}^{commit}\n`);
    return !out.toString('latin1').includes(' missing');
  }

  /** Whether the mirror reads a local repository's objects in place (git's alternates) rather than fetching them. */
  get borrows(): boolean {
    return existsSync(path.join(this.dir, 'objects/info/alternates'));
  }

  /**
   * Whether the mirror holds no object at all, as made by `ensure` and never fetched into: then no
   * commit is in it, and asking git would start a process to hear so. False when unsure.
   */
  get empty(): boolean {
    if (this.borrows) return false;
    const objects = path.join(this.dir, 'objects');
    try {
      const kept = readdirSync(objects).filter((name) => name !== 'info' && name !== 'pack');
      return kept.length === 0 && readdirSync(path.join(objects, 'pack')).length === 0;
    } catch {
      return false;
    }
  }

  /** Whether the mirror holds only part of the history (after shallow fetches). */
  get shallow(): boolean {
    return existsSync(path.join(this.dir, 'shallow'));
  }
}
