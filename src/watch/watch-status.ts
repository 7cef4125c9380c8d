import type { Cause, GroupCondition, VerdictKind } from '../outcome/verdict.js';
import type { DriftCounts } from '../reconcile/types.js';
import type { WatchRun } from './watch-runs.js';

/**
 * What the watcher knows, as `<state>/watch/status.json` holds it (docs/watcher.md: Watching a repository).
 * Written atomically on every change; `/healthz`, `/metrics`, the log and the commit statuses read
 * the object it is written from. Times are ISO 8601.
 */
export interface WatchStatus {
  version: 1;
  /** The newest commit found on the watched ref (a folder: its specs, with `sha` null). */
  head: RevisionMark | null;
  /** The revision every tick and heal reconciles: the last good one. */
  enforced: RevisionMark | null;
  /** The newest revision that was valid, not blocked, and applied (`at`: when it was). */
  lastGood: RevisionMark | null;
  /** Why the head is not enforced, while it is not. */
  refused: Refusal | null;
  /** Heads refused before, newest last (at most 20). */
  refusedBefore: Refusal[];
  /** What stops the watcher from doing its work now, by where it happened; absent when nothing does. */
  causes: Partial<Record<CauseSlot, CauseRecord>>;
  /** How the latest run of each kind ended. */
  runs: Partial<Record<WatchRun, RunRecord>>;
  nextTick: string | null;
  nextDriftCheck: string | null;
}

export interface RevisionMark {
  sha: string | null;
  ref: string | null;
  at: string;
}

/**
 * Why a head is not enforced: `invalid` (tend's own spec problems: final for that commit),
 * `blocked` (a safety rule refused its plan: until the branch moves or the budget is raised), or
 * `waiting` (a plugin refused it, or it could not be read: judged again with backoff).
 */
export interface Refusal {
  sha: string | null;
  why: 'invalid' | 'blocked' | 'waiting';
  code: string;
  message: string;
  /** The first spec problem, for `invalid` and `waiting` on a plugin's refusal. */
  place: { file: string; line: number; column: number } | null;
  /** The first spec problem's words (`Properties.Allocation.Size: must be an integer ≥ 0`), with place. */
  problem?: string | null;
  /** For `blocked`: the safety rule that refused it, and what its plan would have destroyed, by group. */
  blocked?: BlockedDetail | null;
  at: string;
}

/** A safety rule's refusal: the budget, and the destroys that passed it (orphans by their group's name). */
export interface BlockedDetail {
  reason: string;
  destroy: number;
  budget: number;
  group?: string;
  destroys: Array<{ group: string; count: number }>;
}

/** Where a cause was met: looking at the source, judging the head, or in a kind of run. */
export type CauseSlot = 'source' | 'head' | WatchRun;

/** A cause the watcher is living with: since when, how many ticks it lasted, and when it is tried again (transient only). */
export interface CauseRecord extends Cause {
  stop: 'stalled' | 'transient';
  since: string;
  ticks: number;
  retryAt: string | null;
}

/** The latest run of a kind, as its verdict had it, with each group as it came out. */
export interface RunRecord {
  at: string;
  revision: string | null;
  kind: VerdictKind;
  exitCode: number;
  converged: boolean;
  cause: Cause | null;
  groups: GroupRecord[];
}

export interface GroupRecord {
  id: string;
  mode: string;
  desired: number;
  observed: number;
  drift: DriftCounts;
  condition: GroupCondition;
  reason: string | null;
}

export function emptyStatus(): WatchStatus {
  return {
    version: 1,
    head: null,
    enforced: null,
    lastGood: null,
    refused: null,
    refusedBefore: [],
    causes: {},
    runs: {},
    nextTick: null,
    nextDriftCheck: null,
  };
}

/** A status read back from the state folder: only what a restart keeps (the last good revision and the refused heads). */
export function restoredStatus(value: unknown): Pick<WatchStatus, 'lastGood' | 'refusedBefore'> | null {
  const v = value as Partial<WatchStatus> | null;
  if (typeof v !== 'object' || v === null || v.version !== 1) return null;
  const lastGood = isMark(v.lastGood) && v.lastGood.sha !== null && /^[0-9a-f]{40}$/.test(v.lastGood.sha) ? v.lastGood : null;
  const refusedBefore = Array.isArray(v.refusedBefore) ? v.refusedBefore.filter(isRefusal) : [];
  return { lastGood, refusedBefore };
}

function isMark(value: unknown): value is RevisionMark {
  const v = value as Partial<RevisionMark> | null;
  return typeof v === 'object' && v !== null && (v.sha === null || typeof v.sha === 'string') && typeof v.at === 'string';
}

function isRefusal(value: unknown): value is Refusal {
  const v = value as Partial<Refusal> | null;
  return typeof v === 'object' && v !== null && typeof v.why === 'string' && typeof v.message === 'string' && typeof v.at === 'string';
}

/** What /healthz says: whether the watcher is doing its work, and why not (or what it is tolerating). */
export interface HealthStatus {
  ok: boolean;
  /** Why not, or what is being tolerated (a transient failure not yet three intervals old); null when all is well. */
  reason: string | null;
}
