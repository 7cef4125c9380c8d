import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The object folder of the repository in a local folder, found by reading its files (git is never run
 * there): `<folder>/objects` of a bare repository, `<folder>/.git/objects` of one with a work tree, or
 * the common folder's objects of a linked work tree (`.git` a file naming its git folder). Null when
 * the folder holds none of these, or a path git could not read back from an alternates file.
 */
export function localObjects(folder: string): string | null {
  const found = isFile(path.join(folder, 'HEAD')) ? objectsOf(folder) : gitFolder(path.join(folder, '.git'));
  // An alternates file holds one path per line; a path starting with a quote is read as C-quoted.
  return found !== null && !/[\n\r]/.test(found) && !found.startsWith('"') ? found : null;
}

/** The objects of the git folder at `dotGit`: a folder, or a file saying `gitdir: <path>` (a linked work tree, a submodule). */
function gitFolder(dotGit: string): string | null {
  if (isFolder(dotGit)) return objectsOf(dotGit);
  if (!isFile(dotGit)) return null;
  const named = /^gitdir: (.+)$/m.exec(read(dotGit) ?? '')?.[1]?.trim();
  if (named === undefined) return null;
  const gitDir = path.resolve(path.dirname(dotGit), named);
  // A linked work tree keeps its objects in the common folder that `commondir` names.
  const common = read(path.join(gitDir, 'commondir'))?.trim();
  return objectsOf(common === undefined || common === '' ? gitDir : path.resolve(gitDir, common));
}

function objectsOf(gitDir: string): string | null {
  const objects = path.join(gitDir, 'objects');
  return isFolder(objects) ? objects : null;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function isFile(file: string): boolean {
  return kind(file) === 'file';
}

function isFolder(dir: string): boolean {
  return kind(dir) === 'folder';
}

function kind(at: string): 'file' | 'folder' | null {
  try {
    const stat = statSync(at);
    return stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : null;
  } catch {
    return null;
  }
}
