import path from 'node:path';
import { MODE_SYMLINK, type TreeEntry } from './tree-listing.js';

/** Where a symbolic link in a tree leads: a file's entry, a folder, or anywhere else (outside the spec path, nowhere). */
export type LinkTarget = TreeEntry | 'folder' | 'elsewhere';

/** The entries of a tree by path, and the folders they are in. */
export interface TreeIndex {
  byName: Map<string, TreeEntry>;
  folders: Set<string>;
}

export function indexTree(entries: readonly TreeEntry[]): TreeIndex {
  const folders = new Set<string>();
  for (const { name } of entries) for (let at = name.indexOf('/'); at > 0; at = name.indexOf('/', at + 1)) folders.add(name.slice(0, at));
  return { byName: new Map(entries.map((entry) => [entry.name, entry])), folders };
}

/** As many links in a row as Linux follows before it gives up (ELOOP). */
const MAX_HOPS = 40;

/**
 * Follows `link` within the tree, as the file system would, through links in a row. Only the spec path's
 * entries are known, so a link is followed only while it stays inside the spec path: what lies outside
 * is `elsewhere`, which is what the folder source's rule makes of it too.
 */
export function resolveLink(link: TreeEntry, tree: TreeIndex, prefix: string, texts: Map<string, Buffer>): LinkTarget {
  let current = link;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const text = texts.get(current.oid)?.toString('latin1');
    if (text === undefined || text.startsWith('/')) return 'elsewhere';
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(current.name), text)).replace(/\/+$/, '');
    if (target === '.') return prefix === '' ? 'folder' : 'elsewhere';
    if (prefix !== '' && `${target}/` === prefix) return 'folder';
    if (target === '..' || target.startsWith('../') || !target.startsWith(prefix)) return 'elsewhere';
    const entry = tree.byName.get(target);
    if (entry === undefined) return tree.folders.has(target) ? 'folder' : 'elsewhere';
    if (entry.mode !== MODE_SYMLINK) return entry.type === 'blob' ? entry : 'elsewhere';
    current = entry;
  }
  return 'elsewhere';
}
