import { TendError, errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { DriftCheck, DriftedGroup } from './drift-check.js';
import type { DriftIssueApi, ListedIssue } from './drift-issue-api.js';
import {
  DRIFT_LABEL,
  endedComment,
  groupBody,
  groupTitle,
  readMarker,
  summaryBody,
  summaryTitle,
  type IssueMarker,
} from './drift-issue-text.js';

/** Past this many pages of labelled issues the rest is not read. */
const MAX_PAGES = 50;

export interface DriftIssuesSettings {
  /** The status context (`tend`, `tend/prod`): issues of another context on the same repository are another runner's. */
  context: string;
  /** Groups that get an issue of their own at once; the rest share one summary issue. */
  limit: number;
  /** The shard (`1/3`) these runs judge, whose groups beyond the limit share one summary issue of their own; none for all groups. */
  scope?: string;
  /** How long one sync may take in all. */
  reportTimeoutMs: number;
  /** Told, once, when the token may not write issues (GITHUB_FORBIDDEN: no `issues: write`); else that is a warning. */
  onForbidden?: (error: TendError) => void;
}

interface Known {
  issue: ListedIssue;
  marker: IssueMarker;
}

/**
 * Drift as tracked issues (docs/github.md: Drift issues): one issue per drifted group, labelled
 * `tend-drift`, found again by its label and the marker in its body (so a restart or another
 * runner never opens a second), updated in place while the drift lasts, commented on and closed
 * when it ends, reopened when it returns; beyond `limit` groups, one summary issue lists the rest.
 * Syncs one run at a time; a failure is logged once and never the run's.
 */
export class DriftIssues {
  private queue: Promise<void> = Promise.resolve();
  private refused = false;
  private readonly said = new Set<string>();
  private deadline = 0;
  /** The groups (null: the summary) whose issue is open, as last read and written; null until read. */
  private open: Set<string | null> | null = null;

  constructor(
    private readonly settings: DriftIssuesSettings,
    private readonly api: DriftIssueApi,
    private readonly log: Logger,
  ) {}

  /** Whether a wait of `ms` (a retry, a rate limit) still ends before the sync's time is up. */
  mayWait(ms: number): boolean {
    return Date.now() + ms < this.deadline;
  }

  /** Brings the issues in line with what one run found; resolves once done or given up. Never rejects. */
  sync(check: DriftCheck): Promise<void> {
    this.queue = this.queue.then(() => this.syncNow(check));
    return this.queue;
  }

  private async syncNow(check: DriftCheck): Promise<void> {
    if (this.refused) return;
    // A watcher's ticks come every half minute: with no drift and no issue open, there is nothing to ask GitHub.
    if (check.drifted.length === 0 && this.open?.size === 0) return;
    this.deadline = Date.now() + this.settings.reportTimeoutMs;
    const signal = AbortSignal.timeout(this.settings.reportTimeoutMs);
    try {
      const known = await this.read(signal);
      this.open = null;
      const open = new Set([...known].filter(([, k]) => k.issue.state === 'open').map(([group]) => group));
      const own = this.ownIssues(check, known);
      for (const group of own) {
        await this.upsert(known.get(group.id), group, check, signal);
        open.add(group.id);
      }
      const overflow = check.drifted.filter((g) => !own.includes(g));
      await this.summary(known.get(null), overflow, check, signal);
      if (overflow.length > 0) open.add(null);
      else open.delete(null);
      for (const id of check.inSync) {
        await this.end(known.get(id), check, check.applied.includes(id), signal);
        open.delete(id);
      }
      this.open = open;
      for (const key of this.said) if (key.startsWith('failure ')) this.said.delete(key);
    } catch (err) {
      this.failed(err, signal);
    }
  }

  /**
   * Every drift issue of this context, by group (null: the summary): the oldest open one where there
   * is one, else the newest. A second open one (two runners that checked the group at the same
   * instant) is closed as a duplicate of the first.
   */
  private async read(signal: AbortSignal): Promise<Map<string | null, Known>> {
    const found = new Map<string | null, Known>();
    const duplicates: Known[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const listing = await this.api.listIssues(DRIFT_LABEL, page, signal);
      for (const issue of listing.issues) {
        const marker = readMarker(issue.body);
        if (marker === null || marker.context !== this.settings.context) continue;
        if (marker.group === null && marker.scope !== this.settings.scope) continue;
        const held = found.get(marker.group);
        const other = { issue, marker };
        if (held && issue.state === 'open' && held.issue.state === 'open') duplicates.push(preferred(issue, held.issue) ? held : other);
        if (!held || preferred(issue, held.issue)) found.set(marker.group, other);
      }
      if (!listing.next) break;
    }
    for (const dup of duplicates) {
      const kept = found.get(dup.marker.group)?.issue.number;
      await this.api.comment(dup.issue.number, `A duplicate of #${kept}, which tracks this drift: closing.`, signal);
      await this.api.updateIssue(dup.issue.number, { state: 'closed' }, signal);
    }
    return found;
  }

  /** The drifted groups that get an issue of their own: those that have an open one first, then by ID, up to the limit. */
  private ownIssues(check: DriftCheck, known: Map<string | null, Known>): DriftedGroup[] {
    const open = (g: DriftedGroup): boolean => known.get(g.id)?.issue.state === 'open';
    const ordered = [...check.drifted].sort((a, b) => Number(open(b)) - Number(open(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return ordered.slice(0, this.settings.limit);
  }

  private async upsert(known: Known | undefined, group: DriftedGroup, check: DriftCheck, signal: AbortSignal): Promise<void> {
    const { context } = this.settings;
    const open = known?.issue.state === 'open';
    const since = open ? known.marker.since : check.at.toISOString();
    const body = groupBody({ context, group: group.id, since }, group, check.revision);
    const title = groupTitle(context, group.id);
    if (!known) {
      await this.api.createIssue(title, body, DRIFT_LABEL, signal);
      return;
    }
    if (open && known.issue.body === body && known.issue.title === title) return;
    await this.api.updateIssue(known.issue.number, { title, body, ...(open ? {} : { state: 'open' as const }) }, signal);
  }

  private async summary(known: Known | undefined, overflow: DriftedGroup[], check: DriftCheck, signal: AbortSignal): Promise<void> {
    const { context, limit } = this.settings;
    if (overflow.length === 0) return this.end(known, check, false, signal);
    const open = known?.issue.state === 'open';
    const since = open ? known.marker.since : check.at.toISOString();
    const { scope } = this.settings;
    const body = summaryBody({ context, group: null, since, ...(scope ? { scope } : {}) }, overflow, check.revision, limit);
    const title = summaryTitle(context, overflow.length, scope);
    if (!known) {
      await this.api.createIssue(title, body, DRIFT_LABEL, signal);
      return;
    }
    if (open && known.issue.body === body && known.issue.title === title) return;
    await this.api.updateIssue(known.issue.number, { title, body, ...(open ? {} : { state: 'open' as const }) }, signal);
  }

  /** An open issue whose drift is gone: one comment saying how it ended, then closed. */
  private async end(known: Known | undefined, check: DriftCheck, applied: boolean, signal: AbortSignal): Promise<void> {
    if (known?.issue.state !== 'open') return;
    await this.api.comment(known.issue.number, endedComment(applied, check.revision, check.at), signal);
    await this.api.updateIssue(known.issue.number, { state: 'closed' }, signal);
  }

  private failed(err: unknown, signal: AbortSignal): void {
    const error = signal.aborted
      ? new TendError('GITHUB_UNREACHABLE', 'GitHub did not answer in time', { transient: true })
      : err instanceof TendError
        ? err
        : new TendError('GITHUB_UNREACHABLE', errorMessage(err), { transient: true });
    // The rate-limit gate said it in the one line every report of the process shares.
    if (error.code === 'GITHUB_RATE_LIMITED') return;
    if (error.code === 'GITHUB_AUTH' || error.code === 'GITHUB_FORBIDDEN') {
      this.refused = true;
      if (error.code === 'GITHUB_FORBIDDEN' && this.settings.onForbidden) return this.settings.onForbidden(error);
      this.log.warn(`GitHub drift issues: ${error.message}; no drift issue is written (the token needs issues: write)`, {
        code: error.code,
      });
      return;
    }
    const key = `failure ${error.code} ${error.message}`;
    if (this.said.has(key)) return;
    this.said.add(key);
    this.log.warn(`GitHub drift issues: ${error.message}${error.transient ? '; tried again at the next check' : ''}`, { code: error.code });
  }
}

/** Of two issues of one group, the open one; of two open ones the older, of two closed ones the newer. */
function preferred(a: ListedIssue, b: ListedIssue): boolean {
  if (a.state !== b.state) return a.state === 'open';
  return a.state === 'open' ? a.number < b.number : a.number > b.number;
}
