import path from 'node:path';
import type { RunnerConfig } from '../config/runner-config.js';
import { TendError } from '../errors.js';
import { FolderSource } from '../source/folder-source.js';
import type { SpecSource } from '../source/spec-source.js';

/** Where a driver runs: its working directory, and the environment its Git processes get (credentials come from there). */
export interface Where {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Where the specs are, as a driver was told (the CLI's flags, the action's inputs); unset values fall back to the config. */
export interface SourceChoice {
  specs?: string;
  repo?: string;
  ref?: string;
  path?: string;
}

/**
 * Where this run reads its specs: `--specs DIR` (or, with no repository anywhere, `source.path`)
 * is a plain folder; `--repo` (or `source.repo`) a Git repository at `--ref` / `source.ref`, in its
 * folder `--path` / `source.path`. Flags win over the config file. Giving both a folder and a
 * repository is a usage error, since either would silently win.
 */
export async function chooseSource(io: Where, config: RunnerConfig, flags: SourceChoice): Promise<SpecSource> {
  if (flags.specs !== undefined && flags.repo !== undefined) {
    throw new TendError('USAGE', '--specs names a folder and --repo a repository: give one of them');
  }
  // A relative local path is read from where it was written: the working directory for a flag, the config file's folder for the config.
  const base = config.file ? path.dirname(config.file) : io.cwd;
  const fromConfig = flags.specs === undefined && config.source.repo !== null ? { url: config.source.repo, cwd: base } : null;
  const repo = flags.repo !== undefined ? { url: flags.repo, cwd: io.cwd } : fromConfig;
  if (repo === null) {
    if (flags.ref !== undefined || flags.path !== undefined) {
      throw new TendError(
        'USAGE',
        '--ref and --path say where to look in a repository: give --repo (or source.repo) too, or use --specs DIR',
      );
    }
    const dir = flags.specs !== undefined ? path.resolve(io.cwd, flags.specs) : path.resolve(base, config.source.path);
    return new FolderSource(dir, io.cwd);
  }
  // Loaded only for a repository: a plain folder, the common case, starts faster without it.
  const { GitSource } = await import('../source/git/git-source.js');
  return new GitSource({
    url: repo.url,
    ref: flags.ref ?? config.source.ref,
    path: flags.path ?? config.source.path,
    cacheDir: path.join(config.stateDir, 'git'),
    env: io.env,
    cwd: repo.cwd,
  });
}
