import { readdirSync, readFileSync } from 'node:fs';

/** Every process this user can see, with its arguments as `ps` shows them to anyone (/proc/<pid>/cmdline). */
export function processes(): Array<{ pid: number; argv: string[] }> {
  const found: Array<{ pid: number; argv: string[] }> = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8')
        .split('\0')
        .filter((arg) => arg !== '');
      if (argv.length > 0) found.push({ pid: Number(name), argv });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return found;
}

/** A process's environment, as only its user (and root) may read it. */
export function environOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return '';
  }
}
