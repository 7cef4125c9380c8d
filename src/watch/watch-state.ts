import { formatDuration } from '../duration.js';
import type { Logger } from '../log.js';
import { verdictOf, type Cause, type Verdict } from '../outcome/verdict.js';
import type { RunResult } from '../pipeline/results.js';
import type { GroupPlan } from '../reconcile/types.js';
import { FailedGroups, runEvents } from './run-events.js';
import { EventLog, type WatchEvent } from './watch-events.js';
import type { WatchRun } from './watch-runs.js';
import {
  emptyStatus,
  type CauseRecord,
  type CauseSlot,
  type GroupRecord,
  type HealthStatus,
  type Refusal,
  type RevisionMark,
  type RunRecord,
  type WatchStatus,
} from './watch-status.js';

/** Longest wait before a transient cause is tried again, in intervals: retries back off, but not for ever. */
export const MAX_BACKOFF_INTERVALS = 8;
/** Refused heads kept in the status, newest last. */
const KEPT_REFUSALS = 20;

export interface WatchStateOptions {
  intervalMs: number;
  log: Logger;
  now?: () => number;
  /** Told the whole status after every change (the state folder's status.json); absent: kept in memory only. */
  save?: (status: WatchStatus) => void;
  /** What a restart keeps: the last good revision, and the heads refused before. */
  restored?: Pick<WatchStatus, 'lastGood' | 'refusedBefore'> | null;
  /** Where the transitions' events go (kept in the state folder by the watcher); absent: a log in memory. */
  events?: EventLog;
}

/** A head as the source shows it: `key` tells two apart (a commit's SHA, or a folder's content). */
export interface Head {
  key: string;
  sha: string | null;
  ref: string | null;
}

/**
 * The watcher's one state (docs/watcher.md: Watching a repository): the head, the enforced and last good
 * revisions, the refused heads and why, the causes that stop its work with their backoff, and the
 * latest verdict of each kind of run. Every transition is a method; each change is saved, and each
 * distinct cause is logged once when it starts and once when it ends, never per tick.
 */
export class WatchState {
  readonly #status: WatchStatus = emptyStatus();
  readonly #now: () => number;
  readonly #started: number;
  #enforcedKey: string | null = null;
  #refusedKey: string | null = null;
  #headKey: string | null = null;
  readonly #failures = new Map<CauseSlot, number>();
  readonly #failedGroups = new FailedGroups();
  readonly #events: EventLog;

  constructor(private readonly options: WatchStateOptions) {
    this.#now = options.now ?? Date.now;
    this.#events = options.events ?? new EventLog({ now: this.#now });
    this.#started = this.#now();
    if (options.restored) {
      this.#status.lastGood = options.restored.lastGood;
      this.#status.refusedBefore = options.restored.refusedBefore.slice(-KEPT_REFUSALS);
    }
  }

  /** What the watcher knows now; read-only to everyone but this object. */
  get status(): Readonly<WatchStatus> {
    return this.#status;
  }

  /** The recent events, oldest first. */
  get events(): EventLog {
    return this.#events;
  }

  /** The head found to be enforced or refused last, by key: a head with this key is not judged again unless due. */
  get enforcedKey(): string | null {
    return this.#enforcedKey;
  }

  // --- the source and its head

  /** Whether the source is to be looked at now: always when forced (a push), else unless backing off from a failure. */
  sourceDue(forced: boolean): boolean {
    return forced || this.#due('source');
  }

  /** The source could not be looked at: transient causes back off, up to MAX_BACKOFF_INTERVALS intervals. */
  sourceFailed(cause: Cause): void {
    const enforcing = `enforcing ${this.#enforcedName()}`;
    this.#set(
      'source',
      cause,
      cause.transient ? `${cause.message}; retrying with backoff, ${enforcing}` : `${cause.message}; ${enforcing}`,
    );
  }

  /** The source answered with its head. */
  sawHead(head: Head): void {
    this.#clear('source', 'the source answers again');
    if (head.key === this.#headKey) return;
    this.#headKey = head.key;
    this.#status.head = this.#mark(head);
    this.#save();
  }

  /** Whether this head is to be judged now: it is not the enforced one, not refused for good, and not waiting for its retry. */
  headDue(head: Head): boolean {
    if (head.key === this.#enforcedKey) return false;
    if (head.key !== this.#refusedKey) return true;
    return this.#status.refused?.why === 'waiting' && this.#due('head');
  }

  /** The enforced revision at start: the last good one kept in the state folder (its key is its SHA). */
  restored(head: Head): void {
    this.#enforcedKey = head.key;
    this.#status.enforced = this.#status.lastGood ?? this.#mark(head);
    this.#save();
  }

  /** The head was valid, not blocked, and applied: it is enforced from now on, and is the last good one. */
  applied(head: Head): void {
    this.#enforcedKey = head.key;
    this.#refusedKey = null;
    this.#status.enforced = this.#mark(head);
    if (head.sha !== null) this.#status.lastGood = this.#status.enforced;
    this.#status.refused = null;
    this.#failures.delete('head');
    this.#clear('head', `${name(head)} is enforced`);
    this.#event({
      kind: 'applied',
      ...(head.sha === null ? {} : { revision: head.sha }),
      message: `${head.sha === null ? 'the specs were' : `${name(head)} was`} applied: enforced from now on`,
    });
    this.#save();
  }

  /**
   * The head is not applied: `invalid` and `blocked` until the source moves on (or a restart with
   * another budget), `waiting` tried again with backoff. The enforced revision stays.
   */
  refused(head: Head, refusal: Omit<Refusal, 'sha' | 'at'>, cause: Cause): void {
    const record: Refusal = { ...refusal, sha: head.sha, at: new Date(this.#now()).toISOString() };
    const told = head.key === this.#refusedKey && this.#status.refused?.why === refusal.why;
    if (head.key !== this.#refusedKey) {
      this.#failures.delete('head');
      this.#status.refusedBefore = [...this.#status.refusedBefore, record].slice(-KEPT_REFUSALS);
    }
    this.#refusedKey = head.key;
    this.#status.refused = record;
    const enforcing = `enforcing ${this.#enforcedName()}`;
    const subject = head.sha === null ? 'the specs are' : `${name(head)} is`;
    const fixed = head.sha === null ? 'the specs are fixed' : 'a newer commit fixes it';
    const moved = head.sha === null ? 'the specs change' : 'the branch moves';
    const words: Record<Refusal['why'], string> = {
      invalid: `${subject} not applied (${cause.code}); ${enforcing} until ${fixed}`,
      blocked: `${subject} not applied: ${cause.message}; nothing was changed, ${enforcing} until ${moved} or the budget is raised`,
      waiting: `${subject} not applied yet (${cause.code}: ${cause.message}); judged again with backoff, ${enforcing}`,
    };
    this.#set('head', { ...cause, transient: refusal.why === 'waiting' }, words[refusal.why]);
    if (told) return;
    const at = refusal.place === null ? '' : ` at ${refusal.place.file}:${refusal.place.line}`;
    const what =
      refusal.why === 'invalid' ? `${cause.code}${at}: ${refusal.problem ?? cause.message.replace(/\.$/, '')}` : words[refusal.why];
    const message = refusal.why === 'invalid' ? `${subject} refused: ${what}; ${enforcing} until ${fixed}` : what;
    this.#event({ kind: 'refused', ...(head.sha === null ? {} : { revision: head.sha }), message });
  }

  // --- runs

  /**
   * How a run ended: its verdict and each group, as the status and health show them. Its cause
   * goes to its kind's slot, unless `slot` is null (the run of a new head that was refused: the
   * refusal is the head's cause, not the ticks').
   */
  ran(kind: WatchRun, result: RunResult, slot: WatchRun | null = kind): Verdict {
    const verdict = verdictOf(result);
    const record: RunRecord = {
      at: new Date(this.#now()).toISOString(),
      revision: result.revision?.sha ?? null,
      kind: verdict.kind,
      exitCode: verdict.exitCode,
      converged: verdict.converged,
      cause: verdict.cause,
      groups: result.kind === 'failed' ? [] : groupRecords(result.plan.groups, verdict),
    };
    this.#status.runs[kind] = record;
    for (const event of [...runEvents(kind, result), ...this.#failedGroups.tell(kind, result)]) this.#event(event);
    const cause = verdict.cause !== null && verdict.cause.code !== 'INTERRUPTED' ? verdict.cause : null;
    if (slot !== null && cause === null) this.#clear(slot, AGAIN[slot]);
    else if (slot !== null && cause !== null) this.#set(slot, cause, `${RUN_NAME[slot]} failed: ${cause.message}`);
    // A full tick reconciles every group: a heal's failure is over once a tick has done better.
    if (slot === 'tick' && cause === null) this.#clear('heal', AGAIN.heal);
    this.#save();
    return verdict;
  }

  /** When the next tick and the next scheduled drift check are due (epoch ms), as the status shows them. */
  scheduled(nextTick: number | null, nextDriftCheck: number | null): void {
    this.#status.nextTick = nextTick === null ? null : new Date(nextTick).toISOString();
    this.#status.nextDriftCheck = nextDriftCheck === null ? null : new Date(nextDriftCheck).toISOString();
    this.#save();
  }

  /**
   * /healthz: good while nothing stops the watcher, or only a transient cause under three intervals
   * old; bad with the reason otherwise (a stalled cause at once). Before the first tick ends, good
   * for three intervals. Drift checks report their findings elsewhere and never make it unhealthy.
   */
  health(): HealthStatus {
    const grace = 3 * this.options.intervalMs;
    const now = this.#now();
    if (this.#status.runs.tick === undefined && Object.keys(this.#status.causes).length === 0) {
      const ok = now - this.#started <= grace;
      return { ok, reason: ok ? 'starting: the first tick has not ended yet' : 'the first tick has not ended in three intervals' };
    }
    const causes = HEALTH_SLOTS.map((slot) => this.#status.causes[slot]).filter((c): c is CauseRecord => c !== undefined);
    const failing = causes.find((c) => c.stop === 'stalled' || now - Date.parse(c.since) > grace);
    if (failing) return { ok: false, reason: `${failing.code}: ${failing.message}` };
    const [retrying] = causes;
    return retrying ? { ok: true, reason: `retrying: ${retrying.code}: ${retrying.message}` } : { ok: true, reason: null };
  }

  #event(event: Omit<WatchEvent, 'at'>): void {
    this.#events.add(event);
  }

  #due(slot: CauseSlot): boolean {
    const retryAt = this.#status.causes[slot]?.retryAt;
    return retryAt == null || this.#now() >= Date.parse(retryAt);
  }

  /** A cause in a slot: logged when it starts (or changes), counted while it repeats. */
  #set(slot: CauseSlot, cause: Cause, words: string): void {
    const now = this.#now();
    const failures = (this.#failures.get(slot) ?? 0) + 1;
    this.#failures.set(slot, failures);
    const backoff = Math.min(2 ** (failures - 1), MAX_BACKOFF_INTERVALS) * this.options.intervalMs;
    const retryAt = cause.transient ? new Date(now + backoff).toISOString() : null;
    const current = this.#status.causes[slot];
    const stop = cause.transient ? 'transient' : 'stalled';
    if (current !== undefined && current.code === cause.code && current.message === cause.message) {
      this.#status.causes[slot] = { ...current, ticks: current.ticks + 1, retryAt };
    } else {
      this.#status.causes[slot] = { ...cause, stop, since: new Date(now).toISOString(), ticks: 1, retryAt };
      this.options.log.error(words, { code: cause.code });
      // A refused head is told by its own event.
      if (slot !== 'head') this.#event({ kind: 'failure', message: words });
    }
    this.#save();
  }

  /** The slot's cause is over: says so once, with how long it lasted and how many times it was met. */
  #clear(slot: CauseSlot, words: string): void {
    this.#failures.delete(slot);
    const current = this.#status.causes[slot];
    if (current === undefined) return;
    delete this.#status.causes[slot];
    const lasted = formatDuration(Math.max(0, this.#now() - Date.parse(current.since)));
    const times = `${current.ticks} time${current.ticks === 1 ? '' : 's'}`;
    const over = `${words}: ${current.code} is over after ${lasted} (met ${times})`;
    this.options.log.info(over, { code: current.code });
    if (slot !== 'head') this.#event({ kind: 'recovered', message: over });
    this.#save();
  }

  #mark(head: Head): RevisionMark {
    return { sha: head.sha, ref: head.ref, at: new Date(this.#now()).toISOString() };
  }

  #enforcedName(): string {
    const enforced = this.#status.enforced;
    if (enforced === null) return this.#status.head?.sha === null ? 'nothing (no good specs yet)' : 'nothing (no good revision yet)';
    return enforced.sha === null ? 'the last good specs' : `the last good revision ${enforced.sha.slice(0, 12)}`;
  }

  #save(): void {
    this.options.save?.(this.#status);
  }
}

/** The slots whose causes make the watcher unhealthy, the ones most telling first. */
const HEALTH_SLOTS: readonly CauseSlot[] = ['head', 'source', 'tick', 'heal'];

const RUN_NAME: Record<WatchRun, string> = { tick: 'tick', heal: 'heal', drift: 'drift check' };
const AGAIN: Record<WatchRun, string> = {
  tick: 'the ticks succeed again',
  heal: 'heals succeed again',
  drift: 'drift checks succeed again',
};

function name(head: Head): string {
  return head.sha === null ? 'the specs' : head.sha.slice(0, 12);
}

function groupRecords(groups: readonly GroupPlan[], verdict: Verdict): GroupRecord[] {
  const conditions = new Map(verdict.groups.map((g) => [g.id, g]));
  return groups.map((g) => {
    const judged = conditions.get(g.id);
    return {
      id: g.id,
      mode: g.mode,
      desired: g.desired.size,
      observed: g.observed.instances,
      drift: g.drift,
      condition: judged?.condition ?? 'unknown',
      reason: judged?.reason?.message ?? null,
    };
  });
}
