import { randomBytes } from 'node:crypto';
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The temp of `name` is `.${name}.${12 hex}.tmp`: 6 random bytes, so concurrent writers never share one. */
const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/** The file a temp of writeFileAtomic was for (`.web-1.0a1b2c3d4e5f.tmp` → `web-1`), or null for any other name. */
export function targetOfTemp(fileName: string): string | null {
  return TEMP_NAME.exec(fileName)?.[1] ?? null;
}

/**
 * Writes `dir/name` so that readers see the old file or the new one, never a half-written one:
 * the content goes to a dotfile temp in the same folder (same filesystem, so rename is atomic),
 * which is then renamed over the target. The temp is removed if anything fails. Synchronous: the
 * plugin gives the event loop its turns between files (time-slice.ts).
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
