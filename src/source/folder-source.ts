import { Buffer, isUtf8 } from 'node:buffer';
import { readFile as readFileCallback, type Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { TendError, errorMessage } from '../errors.js';
import type { SpecFile } from '../group-spec/types.js';
import { FILE_READ_WIDTH, mapBounded } from '../map-bounded.js';
import { escapeName, isSpecName, MAX_SPEC_BYTES, tooLarge } from './spec-files.js';
import type { Revision, SpecSource } from './spec-source.js';

// The callback form, promisified: fs/promises' readFile goes through a FileHandle, slower over a thousand files.
const readFile = promisify(readFileCallback);
const utf8 = new TextDecoder('utf-8', { fatal: true });
const DOT = 0x2e;

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
    const kind = await kindOf(root);
    if (kind === 'file') throw new TendError('SPECS_NOT_FOUND', `${label} is a file: the spec path names the folder the specs are in`);
    if (kind !== 'directory') return { sha: null, ref: null, files: [], pathExists: false, label };
    const realRoot = await realpath(root);
    const listed = await listSpecFiles(root);
    const files = await mapBounded(listed, FILE_READ_WIDTH, async (entry) => ({
      ...(await readSpecFile(entry, realRoot)),
      path: this.shown(entry.file),
    }));
    return { sha: null, ref: null, files, pathExists: true, label };
  }

  private shown(file: string): string {
    const relative = path.relative(this.cwd, file);
    return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
  }
}

async function kindOf(target: string): Promise<'directory' | 'file' | 'missing'> {
  try {
    return (await stat(target)).isDirectory() ? 'directory' : 'file';
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

/**
 * Spec files under `root`, in a stable (sorted) order; folders that cannot be listed are listed as
 * problems. Names are listed as bytes: a name that is not UTF-8 would otherwise be decoded into U+FFFD
 * and then not be found, so it is listed as a problem under its name shown escaped.
 */
async function listSpecFiles(root: string): Promise<Listed[]> {
  const found: Listed[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let entries: Array<Dirent<Buffer>>;
    try {
      entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      found.push({ file: dir, problem: `cannot list this folder: ${errorMessage(err)}` });
      continue;
    }
    for (const entry of entries) {
      if (entry.name[0] === DOT) continue;
      if (!isUtf8(entry.name)) {
        const problem = await notUtf8(dir, entry);
        if (problem) found.push(problem);
        continue;
      }
      const name = entry.name.toString('utf8');
      const full = path.join(dir, name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isSymbolicLink() && (await pointsToFolder(full)))
        found.push({ file: full, problem: 'a symbolic link to a folder, which tend does not follow' });
      else if (!isSpecName(name)) continue;
      else if (entry.isFile()) found.push({ file: full });
      else if (entry.isSymbolicLink()) found.push({ file: full, symlink: true });
    }
  }
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * An entry whose name is not UTF-8, as a problem when it is or may hold a spec file, which tend could
 * neither open by a decoded name nor show as it is. Other files are skipped, as any file that is not a spec is.
 */
async function notUtf8(dir: string, entry: Dirent<Buffer>): Promise<Listed | undefined> {
  const file = path.join(dir, escapeName(entry.name));
  const raw = Buffer.concat([Buffer.from(dir + path.sep), entry.name]);
  const shown = 'is not UTF-8 (shown here with \\x escapes)';
  if (entry.isDirectory()) return { file, problem: `this folder's name ${shown}, so tend cannot read the specs it may hold: rename it` };
  if (entry.isSymbolicLink() && (await pointsToFolder(raw))) {
    return { file, problem: `a symbolic link to a folder, which tend does not follow, and its name ${shown}` };
  }
  // The extension is ASCII, so it reads the same whatever the rest of the name is.
  return isSpecName(entry.name.toString('latin1')) ? { file, problem: `its name ${shown}: rename it` } : undefined;
}

/** A linked folder could hold specs; skipping it silently would orphan their groups, so it is reported instead. */
async function pointsToFolder(link: string | Buffer): Promise<boolean> {
  try {
    return (await stat(link)).isDirectory();
  } catch {
    return false;
  }
}

async function readSpecFile(entry: Listed, realRoot: string): Promise<Omit<SpecFile, 'path'>> {
  if (entry.problem) return unreadable(entry.problem);
  try {
    if (entry.symlink) {
      const target = await realpath(entry.file);
      const inside = target.startsWith(realRoot + path.sep);
      if (!inside || !(await stat(target)).isFile())
        return unreadable('a symbolic link to something other than a file inside the spec folder');
    }
    const { size } = await stat(entry.file);
    if (size > MAX_SPEC_BYTES) return unreadable(tooLarge(size));
    return { content: decode(await readFile(entry.file)) };
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
