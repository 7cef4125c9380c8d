import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Which command holds the apply lock, as its refusals name it. */
export type LockHolderKind = 'tend apply' | 'tend destroy' | 'tend watch' | 'the tend Action';

/** Who holds the apply lock: written beside it by the holder, removed when it lets go. */
export interface LockHolder {
  kind: LockHolderKind;
  pid: number;
}

const FILE = 'apply-lock-holder.json';
const KINDS: readonly string[] = ['tend apply', 'tend destroy', 'tend watch', 'the tend Action'] satisfies LockHolderKind[];

/**
 * Says who holds the lock of `stateDir` (this process, as `kind`), so that a run it refuses can say
 * why: a watcher holds it for its whole life, and a process killed left it behind. A holder that
 * does not say (`kind` undefined) still clears what a killed one left. Returns the removal, to call
 * before the lock is released; it leaves what another holder wrote since. A state folder that cannot
 * be written to is no reason to fail: the refusals then say less.
 */
export function sayHolder(stateDir: string, kind: LockHolderKind | undefined): () => void {
  const file = path.join(stateDir, FILE);
  try {
    if (kind === undefined) rmSync(file, { force: true });
    else writeFileSync(file, `${JSON.stringify({ kind, pid: process.pid } satisfies LockHolder)}\n`);
  } catch {
    return () => undefined;
  }
  return () => {
    if (kind !== undefined && readHolder(stateDir)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/** Who said it holds the lock of `stateDir`; null when nobody did, or what is there is not ours. */
export function readHolder(stateDir: string): LockHolder | null {
  try {
    const value = JSON.parse(readFileSync(path.join(stateDir, FILE), 'utf8')) as Partial<LockHolder>;
    if (typeof value.kind === 'string' && KINDS.includes(value.kind) && Number.isSafeInteger(value.pid) && (value.pid as number) > 0)
      return { kind: value.kind, pid: value.pid as number };
  } catch {
    // None, or unreadable: the refusal says less.
  }
  return null;
}

/** Whether process `pid` runs on this machine (one of another user's counts too). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** How long ago the lock at `lockfilePath` was last refreshed; null when it is gone. */
export function lockAgeMs(lockfilePath: string, now = Date.now()): number | null {
  try {
    return Math.max(0, now - statSync(lockfilePath).mtimeMs);
  } catch {
    return null;
  }
}
