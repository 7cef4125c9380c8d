import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { TendError, errorMessage } from '../errors.js';
import type { SpecFile } from '../spec/types.js';
import type { Revision, SpecSource } from './spec-source.js';

const SPEC_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
/** Group specs are small; a larger file is a mistake (or an attack), not a spec. */
export const MAX_SPEC_BYTES = 256 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Specs read from a folder on disk, searched recursively. Hidden entries are skipped; a symbolic
 * link is followed only to a file inside the folder (a link to a folder is reported, not followed). A file that cannot be read is reported in the
 * revision (which makes it invalid) rather than skipped: a spec that silently disappears would turn
 * its group's instances into orphans.
 */
export class FolderSource implements SpecSource {
  constructor(
    private readonly dir: string,
    private readonly cwd: string = process.cwd(),
  ) {}

  async read(): Promise<Revision> {
    const root = path.resolve(this.cwd, this.dir);
    const label = this.shown(root);
    const kind = kindOf(root);
    if (kind === 'file') throw new TendError('SPECS_NOT_FOUND', `${label} is a file: the spec path names the folder the specs are in`);
    if (kind !== 'directory') return { sha: null, files: [], pathExists: false, label };
    const realRoot = realpathSync(root);
    const files = listSpecFiles(root).map((entry) => ({ ...readSpecFile(entry, realRoot), path: this.shown(entry.file) }));
    return { sha: null, files, pathExists: true, label };
  }

  private shown(file: string): string {
    const relative = path.relative(this.cwd, file);
    return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
  }
}

function kindOf(target: string): 'directory' | 'file' | 'missing' {
  try {
    return statSync(target).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

interface Listed {
  file: string;
  /** Set when the entry could not be listed or is not a plain file. */
  problem?: string;
  symlink?: boolean;
}

/** Spec files under `root`, in a stable (sorted) order; folders that cannot be listed are listed as problems. */
function listSpecFiles(root: string): Listed[] {
  const found: Listed[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      found.push({ file: dir, problem: `cannot list this folder: ${errorMessage(err)}` });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isSymbolicLink() && pointsToFolder(full))
        found.push({ file: full, problem: 'a symbolic link to a folder, which tend does not follow' });
      else if (!SPEC_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
      else if (entry.isFile()) found.push({ file: full });
      else if (entry.isSymbolicLink()) found.push({ file: full, symlink: true });
    }
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A linked folder could hold specs; skipping it silently would orphan their groups, so it is reported instead. */
function pointsToFolder(link: string): boolean {
  try {
    return statSync(link).isDirectory();
  } catch {
    return false;
  }
}

function readSpecFile(entry: Listed, realRoot: string): Omit<SpecFile, 'path'> {
  if (entry.problem) return unreadable(entry.problem);
  try {
    if (entry.symlink) {
      const target = realpathSync(entry.file);
      const inside = target.startsWith(realRoot + path.sep);
      if (!inside || !statSync(target).isFile()) return unreadable('a symbolic link to something other than a file inside the spec folder');
    }
    const { size } = statSync(entry.file);
    if (size > MAX_SPEC_BYTES) return unreadable(`${size} bytes, over the ${MAX_SPEC_BYTES}-byte limit for a spec file`);
    return { content: decode(readFileSync(entry.file)) };
  } catch (err) {
    return unreadable(errorMessage(err));
  }
}

function decode(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new Error('not UTF-8 text');
  }
}

function unreadable(reason: string): Omit<SpecFile, 'path'> {
  return { content: '', unreadable: reason };
}
