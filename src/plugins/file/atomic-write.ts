import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs';
import { promisify } from 'node:util';

// The callback forms, promisified: fs/promises' writeFile goes through a FileHandle, slower by far over thousands of files.
const writeNew = promisify(writeFile);
const renameFile = promisify(rename);
const unlinkFile = promisify(unlink);
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
 * which is then renamed over the target. The temp is removed if anything fails.
 */
export async function writeFileAtomic(dir: string, name: string, content: string): Promise<void> {
  const temp = join(dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeNew(temp, content, { flag: 'wx' });
    await renameFile(temp, join(dir, name));
  } catch (err) {
    await removeQuietly(temp);
    throw err;
  }
}

async function removeQuietly(path: string): Promise<void> {
  try {
    await unlinkFile(path);
  } catch {
    // The temp was never created, or is already gone: nothing to clean.
  }
}
