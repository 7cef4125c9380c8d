import { isSpecName, MAX_SPEC_BYTES, tooLarge } from '../spec-files.js';
import type { SpecFile } from '../../group-spec/types.js';
import { indexTree, resolveLink, type LinkTarget } from './resolve-link.js';
import { shownName } from './shown-name.js';
import { MODE_SUBMODULE, MODE_SYMLINK, type TreeEntry } from './tree-listing.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const NOT_UTF8 = 'is not UTF-8 (shown here with \\x escapes)';

/** What the spec path is in a commit: missing, not a folder, or a folder and the spec files under it. */
export type TreeSpecs = { kind: 'missing' } | { kind: 'not-a-folder'; what: string } | { kind: 'folder'; files: SpecFile[] };

/** Reads objects by id, all in one go; an id it cannot find is left out. */
export type ReadBlobs = (oids: string[]) => Promise<Map<string, Buffer>>;

/** A spec file found in the tree, before its blob is read. */
type Planned = { shown: string; problem: string } | { shown: string; target: TreeEntry };

/**
 * The spec files under `root` ('' for the whole repository) among `entries` (`ls-tree -r` of that path),
 * by the folder source's rules: hidden names skipped, symbolic links followed only to a file inside the
 * spec path, a file over MAX_SPEC_BYTES or not UTF-8 unreadable, and a submodule reported, not skipped.
 */
export async function treeSpecs(entries: TreeEntry[], root: string, readBlobs: ReadBlobs): Promise<TreeSpecs> {
  const rootKey = Buffer.from(root, 'utf8').toString('latin1');
  if (entries.length === 0) return { kind: 'missing' };
  const exact = entries.find((entry) => entry.name === rootKey);
  if (exact)
    return {
      kind: 'not-a-folder',
      what: exact.mode === MODE_SYMLINK ? 'a symbolic link' : exact.mode === MODE_SUBMODULE ? 'a submodule' : 'a file',
    };
  const prefix = rootKey === '' ? '' : `${rootKey}/`;
  const visible = entries.filter((entry) => !`/${entry.name.slice(prefix.length)}`.includes('/.'));
  const links = entries.filter((entry) => entry.mode === MODE_SYMLINK && entry.size <= 4096);
  const linkTexts = links.length > 0 ? await readBlobs(links.map((link) => link.oid)) : new Map<string, Buffer>();
  const tree = links.length > 0 ? indexTree(entries) : undefined;
  const planned = plan(visible, prefix, (link) => (tree ? resolveLink(link, tree, prefix, linkTexts) : 'elsewhere'));
  const wanted = [...new Set(planned.flatMap((p) => ('target' in p && p.target.size <= MAX_SPEC_BYTES ? [p.target.oid] : [])))];
  const blobs = wanted.length > 0 ? await readBlobs(wanted) : new Map<string, Buffer>();
  const files = planned.map((p) => ({ path: p.shown, ...('target' in p ? content(p.target, blobs) : unreadable(p.problem)) }));
  return { kind: 'folder', files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

function plan(visible: TreeEntry[], prefix: string, follow: (link: TreeEntry) => LinkTarget): Planned[] {
  const planned: Planned[] = [];
  const badFolders = new Set<string>();
  for (const entry of visible) {
    const { text, utf8: isText } = shownName(entry.name);
    const spec = isSpecName(entry.name);
    if (!isText) {
      const problem = notUtf8(entry.name, prefix, spec);
      if (problem && !badFolders.has(problem.shown)) planned.push(problem);
      if (problem?.folder) badFolders.add(problem.shown);
    } else if (entry.mode === MODE_SUBMODULE) {
      planned.push({ shown: text, problem: 'a submodule, which tend does not read: keep the specs in this repository' });
    } else if (entry.mode === MODE_SYMLINK) {
      const target = follow(entry);
      if (target === 'folder') planned.push({ shown: text, problem: 'a symbolic link to a folder, which tend does not follow' });
      else if (!spec) continue;
      else if (target === 'elsewhere')
        planned.push({ shown: text, problem: 'a symbolic link to something other than a file inside the spec folder' });
      else planned.push({ shown: text, target });
    } else if (spec && entry.type === 'blob') planned.push({ shown: text, target: entry });
  }
  return planned;
}

/** A name that is not UTF-8: its first such folder, which may hold specs, or the file itself when it is a spec. */
function notUtf8(name: string, prefix: string, spec: boolean): (Planned & { folder?: boolean }) | undefined {
  const parts = name.slice(prefix.length).split('/');
  const bad = parts.findIndex((part) => !shownName(part).utf8);
  if (bad < parts.length - 1) {
    const shown = shownName(prefix + parts.slice(0, bad + 1).join('/')).text;
    return { shown, folder: true, problem: `this folder's name ${NOT_UTF8}, so tend cannot read the specs it may hold: rename it` };
  }
  return spec ? { shown: shownName(name).text, problem: `its name ${NOT_UTF8}: rename it` } : undefined;
}

function content(entry: TreeEntry, blobs: Map<string, Buffer>): Omit<SpecFile, 'path'> {
  if (entry.size > MAX_SPEC_BYTES) return unreadable(tooLarge(entry.size));
  const bytes = blobs.get(entry.oid);
  if (bytes === undefined) return unreadable(`its blob ${entry.oid} is missing from the Git cache`);
  try {
    return { content: utf8.decode(bytes), blob: entry.oid };
  } catch {
    return unreadable('not UTF-8 text');
  }
}

function unreadable(reason: string): Omit<SpecFile, 'path'> {
  return { content: '', unreadable: reason };
}
