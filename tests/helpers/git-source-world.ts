import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GitSource, type GitSourceOptions } from '../../src/source/git/git-source.js';
import { sourceEnv } from './make-git-repo.js';

/** A GitSource whose cache and HOME are under `home`, hermetic, with these options on top. */
export function gitSource(home: string, options: Partial<GitSourceOptions> & { url: string }): GitSource {
  return new GitSource({ ref: null, path: 'specs', cacheDir: path.join(home, 'git'), env: sourceEnv(home), timeoutMs: 10_000, ...options });
}

/** Every file under `dir`, with its bytes: what a test greps for a secret. */
export function allFiles(dir: string): Array<{ file: string; bytes: Buffer }> {
  const out: Array<{ file: string; bytes: Buffer }> = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) out.push(...allFiles(file));
    else if (stat?.isFile()) out.push({ file, bytes: readFileSync(file) });
  }
  return out;
}

/** The mirror folders in a cache: one per repository read. */
export function mirrors(cacheDir: string): string[] {
  return readdirSync(cacheDir).filter((name) => !name.startsWith('.'));
}
