import { TendError } from '../../errors.js';
import type { ResolvedRef } from '../spec-source.js';
import { GitFailure } from './git-runner.js';
import type { Mirror } from './mirror.js';
import { isRefName } from './pick-ref.js';

/** Every fetch: only what is asked for, no submodules, and nothing left running or written beside the objects and the ref. */
const QUIET = ['--no-tags', '--no-recurse-submodules', '--no-auto-maintenance', '--no-write-fetch-head'];
/** A server that will not hand out a commit by its SHA (protocol v0 without allowAnySHA1InWant), or does not have it. */
const REFUSED = /unadvertised object|not our ref|couldn't find remote ref|no such remote ref|does not allow request|not valid|bad object/i;

/**
 * Brings the commit into the mirror: first that one commit alone (`--depth=1`, by its SHA, kept at its
 * ref so that it outlives a gc); when the server will not give a commit by SHA, every branch and tag
 * (with their history), and then the commit must be among them.
 */
export async function fetchCommit(mirror: Mirror, resolved: ResolvedRef, signal: AbortSignal): Promise<void> {
  const url = mirror.remote.url;
  // The ref may be the server's word (HEAD's target): kept under its name only when git could hold that name.
  const keep = resolved.ref?.startsWith('refs/') && isRefName(resolved.ref) ? resolved.ref : 'refs/tend/pinned';
  try {
    await mirror.run(['fetch', '--depth=1', ...QUIET, '--', url, `+${resolved.sha}:${keep}`], signal);
    return;
  } catch (err) {
    if (!(err instanceof GitFailure && err.reason === 'exit' && REFUSED.test(err.message))) throw err;
  }
  const deepen = mirror.shallow ? ['--unshallow'] : [];
  await mirror.run(['fetch', ...deepen, ...QUIET, '--', url, '+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*'], signal);
  if (!(await mirror.hasCommit(resolved.sha, signal))) {
    throw new TendError(
      'GIT_REF_NOT_FOUND',
      `commit ${resolved.sha} is not on any branch or tag of ${mirror.remote.shown}: push it, or give a commit that is`,
    );
  }
}
