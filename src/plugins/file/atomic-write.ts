import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `dir/name` so that readers see the old file or the new one, never a half-written one:
 * the content goes to a dotfile temp in the same folder (same filesystem, so rename is atomic),
 * which is then renamed over the target. The temp is removed if anything fails. Synchronous on
 * purpose: a sync loop over thousands of files is several times faster than fs.promises.
 */
export function writeFileAtomic(dir: string, name: string, content: string): void {
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, join(dir, name));
  } catch (err) {
    removeQuietly(temp);
    throw err;
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // The temp was never created, or is already gone: nothing to clean.
  }
}
