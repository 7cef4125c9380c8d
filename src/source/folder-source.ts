import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SpecFile } from '../spec/types.js';
import type { Revision, SpecSource } from './spec-source.js';

const SPEC_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/** Specs read from a folder on disk, searched recursively; hidden entries and symlinks are skipped. */
export class FolderSource implements SpecSource {
  constructor(
    private readonly dir: string,
    private readonly cwd: string = process.cwd(),
  ) {}

  async read(): Promise<Revision> {
    const root = path.resolve(this.cwd, this.dir);
    const label = this.shown(root);
    if (!isDirectory(root)) return { sha: null, files: [], pathExists: false, label };
    const files: SpecFile[] = listSpecFiles(root).map((file) => ({
      path: this.shown(file),
      content: readFileSync(file, 'utf8'),
    }));
    return { sha: null, files, pathExists: true, label };
  }

  private shown(file: string): string {
    const relative = path.relative(this.cwd, file);
    return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Spec files under `root`, in a stable (sorted) order. */
function listSpecFiles(root: string): string[] {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && SPEC_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) found.push(full);
    }
  }
  return found.sort();
}
