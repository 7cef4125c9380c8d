import type { CommitStatus } from './commit-statuses.js';

/** A status as GitHub lists it: its id (ids grow with time), context, state and words. */
export interface ListedStatus {
  id: number;
  context: string;
  state: string;
  description: string | null;
}

/** One page of a commit's statuses, newest first, with the ETag to ask again with; or word that the page is unchanged. */
export type StatusPage = { notModified: true } | { notModified: false; etag: string | null; statuses: ListedStatus[]; next: boolean };

/**
 * The commit-status calls of GitHub's REST API that the reporter makes. Failures reject with a
 * TendError: GITHUB_AUTH (the credential is missing or refused),
 * GITHUB_FORBIDDEN (the credential may not do this: a 403 that is no rate limit), GITHUB_LIMIT
 * (the commit holds as many statuses of this context as GitHub keeps), GITHUB_REJECTED (any other
 * refusal) or GITHUB_UNREACHABLE (transient: timeouts, 5xx and rate limits after retries).
 */
export interface StatusApi {
  /** Page `page` (from 1) of the statuses of `sha`, 100 a page; with `etag`, `notModified` when the page has not changed. Safe to retry. */
  listStatuses(sha: string, page: number, etag: string | null, signal: AbortSignal): Promise<StatusPage>;
  /** Posts one status on `sha`; resolves with its id. Retrying may post it twice. */
  createStatus(sha: string, status: CommitStatus, targetUrl: string | null, signal: AbortSignal): Promise<{ id: number }>;
}
