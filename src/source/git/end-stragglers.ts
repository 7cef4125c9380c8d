import { readdirSync, readFileSync } from 'node:fs';

/** The variable that marks every process of one git call, its children included: they inherit it. */
export const CALL_MARK = 'TEND_GIT_CALL';

/**
 * Ends what is left of one git call stopped at its deadline. simple-git stops git itself, but git does
 * not end the ssh it runs (nor always its remote helper), so an ssh waiting on a silent server would
 * outlive tend's deadline by minutes. They are found by the mark in their environment, which only this
 * user can read, and ended by their ids. Where there is no /proc, there is nothing to do but wait.
 */
export function endStragglers(mark: string): void {
  const wanted = `${CALL_MARK}=${mark}`;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(wanted)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Not ours to read, or already gone.
    }
  }
}
