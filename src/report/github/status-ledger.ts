import type { ListedStatus } from './status-api.js';

/** A page of a commit's statuses as last read, kept to ask again with its ETag. */
export interface CachedPage {
  etag: string | null;
  statuses: ListedStatus[];
  next: boolean;
}

/** What this process knows of one commit: the statuses it posted, the contexts GitHub holds no more of, the pages it read. */
export interface CommitMemory {
  /** By context, lower-cased as GitHub compares them. */
  posted: Map<string, ListedStatus>;
  capped: Set<string>;
  pages: Map<number, CachedPage>;
  /**
   * What each kind of run (by phrasing) last judged on each context, as `state description`: a
   * watcher's ticks and drift checks word one state differently, and neither repeats itself over
   * the other's words (docs/github.md: Commit statuses: the watcher).
   */
  judged: Map<string, Map<string, string>>;
  /**
   * The `pending` words this process posted, by context: a watcher that retries a failing apply
   * every tick would otherwise post `pending` then `failure` again and again, up to GitHub's cap of
   * 1000 per commit and context. The same pending is posted once per commit; the outcome still shows.
   */
  pending: Map<string, string>;
}

/**
 * The reporter's memory of the commits it reported on, for the life of the process (a watcher
 * runs for weeks): the most recent `maxCommits` commits, least recently used forgotten first; a
 * forgotten commit is read from GitHub again, so forgetting costs requests, never duplicates.
 */
export class StatusLedger {
  private readonly commits = new Map<string, CommitMemory>();

  constructor(private readonly maxCommits = 64) {}

  /** The memory of `sha`, made empty when new; marks it the most recently used. */
  commit(sha: string): CommitMemory {
    let memory = this.commits.get(sha);
    if (memory) this.commits.delete(sha);
    else memory = { posted: new Map(), capped: new Set(), pages: new Map(), judged: new Map(), pending: new Map() };
    this.commits.set(sha, memory);
    for (const oldest of this.commits.keys()) {
      if (this.commits.size <= this.maxCommits) break;
      this.commits.delete(oldest);
    }
    return memory;
  }
}

/** A context as GitHub compares it: without regard to case. */
export function contextKey(context: string): string {
  return context.toLowerCase();
}

/** The later of two statuses of one context (ids grow with time), either possibly unknown. */
export function latest(a: ListedStatus | undefined, b: ListedStatus | undefined): ListedStatus | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.id > a.id ? b : a;
}
