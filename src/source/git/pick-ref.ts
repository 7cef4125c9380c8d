import type { ResolvedRef } from '../spec-source.js';

/** A full commit SHA: read as given, with no round trip (ref is then null). */
export const FULL_SHA = /^[0-9a-f]{40}$/i;

/** What `git ls-remote` answered: ref name → object id, and HEAD's symbolic target when asked with --symref. */
export interface RemoteRefs {
  ids: Map<string, string>;
  head?: string;
}

export function parseLsRemote(output: string): RemoteRefs {
  const ids = new Map<string, string>();
  let head: string | undefined;
  for (const line of output.split('\n')) {
    const [left, name] = line.split('\t');
    if (left === undefined || name === undefined) continue;
    if (left.startsWith('ref: ')) {
      if (name === 'HEAD') head = left.slice('ref: '.length);
    } else ids.set(name, left);
  }
  return { ids, head };
}

/** The patterns that ask ls-remote for `ref` and, for an annotated tag, the commit it points to. */
export function lsRemotePatterns(ref: string): string[] {
  return [ref, `${ref}^{}`];
}

/**
 * Where `ref` points among `refs`, or undefined. A short name is looked up as `git rev-parse` would
 * (refs/<name>, then tags, then branches), so a name that is both a tag and a branch means the same here as
 * in git; an annotated tag is peeled to its commit.
 */
export function pickRef(refs: RemoteRefs, ref: string): ResolvedRef | undefined {
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/${ref}`, `refs/tags/${ref}`, `refs/heads/${ref}`, `refs/remotes/${ref}`];
  for (const name of candidates) {
    const id = refs.ids.get(`${name}^{}`) ?? refs.ids.get(name);
    if (id !== undefined) return { sha: id, ref: name };
  }
  return undefined;
}

/** The default branch: HEAD's target and commit. A server that does not say where HEAD points gives `HEAD`. */
export function pickHead(refs: RemoteRefs): ResolvedRef | undefined {
  const sha = refs.ids.get('HEAD');
  return sha === undefined ? undefined : { sha, ref: refs.head ?? 'HEAD' };
}

/** A ref name git could hold (`git check-ref-format`'s main rules); anything else is a typo, not a ref. */
export function isRefName(ref: string): boolean {
  return ref !== '' && !/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|^[-/.]|[/.]$|\.lock$|\/\./.test(ref) && ref !== '@';
}
