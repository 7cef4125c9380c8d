import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * The program simple-git runs for git: `setsid git` where util-linux's setsid and git are both on
 * the child's PATH, else git itself (a missing git is then said as such). In its own session, git and
 * what it starts (ssh, a remote helper) are out of tend's process group, so a terminal's Ctrl-C
 * (SIGINT to the foreground group) reaches tend only, which lets the call finish; tend's deadline
 * still ends git, by its id. A child that is not a group leader (as every child of tend is) is made a
 * session leader by setsid without a fork: git keeps the id simple-git knows it by.
 */
export function gitBinary(pathVariable: string | undefined): ['setsid', 'git'] | 'git' {
  const dirs = (pathVariable ?? '').split(path.delimiter).filter((dir) => dir !== '');
  return onPath(dirs, 'setsid') && onPath(dirs, 'git') ? ['setsid', 'git'] : 'git';
}

function onPath(dirs: string[], program: string): boolean {
  return dirs.some((dir) => {
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
