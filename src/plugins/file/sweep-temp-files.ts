import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { targetOfTemp } from './atomic-write.js';
import { isInstanceId } from './instance-id.js';

/**
 * Removes the temps that writeFileAtomic leaves when its process is killed between write and
 * rename, and nothing else: only `.<instance ID>.<12 hex>.tmp`. Only a process that holds the apply
 * lock may call it, since another one's write in progress looks just like a leftover. A missing
 * folder has nothing to remove.
 */
export async function sweepTempFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const name of names) {
    const target = targetOfTemp(name);
    if (target === null || !isInstanceId(target)) continue;
    try {
      await unlink(join(dir, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
