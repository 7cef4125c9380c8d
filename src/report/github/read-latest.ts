import type { StatusApi } from './status-api.js';
import type { ListedStatus } from './status-api.js';
import { contextKey, type CachedPage, type CommitMemory } from './status-ledger.js';

/** A commit holds at most 1000 statuses per context; past this many pages the rest is taken as unknown (and posted). */
const MAX_PAGES = 100;

/**
 * The latest status GitHub holds on `sha` for each of `contexts` (docs/github.md: Commit statuses):
 * reads the listing newest first, page after page, only as far as needed to see every context (all
 * pages when one is absent), each page asked with its cached ETag. A first page not modified means
 * nothing was posted since it was read, so the cached pages after it are used without asking.
 */
export async function readLatest(
  api: StatusApi,
  memory: CommitMemory,
  sha: string,
  contexts: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, ListedStatus>> {
  const wanted = new Set(contexts.map(contextKey));
  const found = new Map<string, ListedStatus>();
  let unchanged = false;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const cached = memory.pages.get(page);
    const listing: CachedPage = unchanged && cached ? cached : await readPage(api, memory, sha, page, cached, signal);
    if (page === 1) unchanged = listing === cached;
    for (const s of listing.statuses) {
      const key = contextKey(s.context);
      if (!found.has(key)) found.set(key, s);
    }
    if (!listing.next || [...wanted].every((k) => found.has(k))) break;
  }
  return found;
}

async function readPage(
  api: StatusApi,
  memory: CommitMemory,
  sha: string,
  page: number,
  cached: CachedPage | undefined,
  signal: AbortSignal,
): Promise<CachedPage> {
  const answer = await api.listStatuses(sha, page, cached?.etag ?? null, signal);
  if (answer.notModified) return cached ?? { etag: null, statuses: [], next: false };
  const fresh: CachedPage = { etag: answer.etag, statuses: answer.statuses, next: answer.next };
  memory.pages.set(page, fresh);
  return fresh;
}
