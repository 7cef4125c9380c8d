/** One entry of `git ls-tree -r -l -z`: a file, a symbolic link or a submodule, with its full path in the repository. */
export interface TreeEntry {
  mode: string;
  type: 'blob' | 'commit' | 'tree';
  oid: string;
  /** Bytes; -1 for a submodule. */
  size: number;
  /** The path as git stores it: bytes, kept as a latin1 string so that any name maps to one string and back. */
  name: string;
}

export const MODE_SYMLINK = '120000';
export const MODE_SUBMODULE = '160000';

/** Parses `<mode> SP <type> SP <oid> SP+ <size> TAB <path> NUL` records. */
export function parseLsTree(output: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let start = 0;
  while (start < output.length) {
    let end = output.indexOf(0, start);
    if (end < 0) end = output.length;
    const tab = output.indexOf(0x09, start);
    if (tab > start && tab < end) {
      const [mode = '', type = '', oid = '', size = '-'] = output.toString('latin1', start, tab).split(/ +/);
      entries.push({
        mode,
        type: type as TreeEntry['type'],
        oid,
        size: size === '-' ? -1 : Number(size),
        name: output.toString('latin1', tab + 1, end),
      });
    }
    start = end + 1;
  }
  return entries;
}
