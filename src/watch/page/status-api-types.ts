// The JSON the watcher serves to scripts and to its status page (docs/status-page.md). Types only:
// the browser's code (src/web/) imports them, and nothing else of the server's side.
import type { WatchEvent } from '../watch-events.js';

/** `GET /api/v1/status`: what the watcher knows now, in one object. */
export interface ApiStatus {
  verdict: ApiVerdict;
  /** The newest commit found on the watched ref (a folder's specs: `sha` null). */
  head: ApiRevision | null;
  /** The revision every tick and heal reconciles. */
  enforced: ApiRevision | null;
  /** The newest revision that was valid, not blocked, and applied. */
  lastGood: ApiRevision | null;
  /** The head's refusal by a safety rule, while the head is refused for it. */
  blocked: ApiBlocked | null;
  /** Why the head is not enforced, while it is not: invalid (with its place), blocked, or waiting on a plugin. */
  refused: ApiRefusal | null;
  groups: ApiGroup[];
  nextTick: string | null;
  nextDriftCheck: string | null;
  /** The repository's web page, when the source is on GitHub (`https://github.com/owner/name`); else null. */
  repository: string | null;
}

export interface ApiRevision {
  sha: string | null;
  ref: string | null;
  at: string;
}

/**
 * The whole watcher in one word: `converged` (the head is enforced, nothing stops the watcher, every
 * group converged or in sync), `starting` (no run has ended yet), or `not-converged`, with the words
 * that say why, and what /healthz says.
 */
export interface ApiVerdict {
  converged: boolean;
  state: 'converged' | 'not-converged' | 'starting';
  summary: string;
  healthy: boolean;
  health: string | null;
  /** What stops the watcher's work now, where it was met, since when, and when it is tried again. */
  causes: ApiCause[];
}

export interface ApiCause {
  where: 'source' | 'head' | 'tick' | 'heal' | 'drift';
  code: string;
  message: string;
  stop: 'stalled' | 'transient';
  since: string;
  retryAt: string | null;
}

export interface ApiBlocked {
  sha: string | null;
  reason: string;
  destroy: number;
  budget: number;
  group?: string;
  /** What the refused plan would have destroyed, by group. */
  destroys: Array<{ group: string; count: number }>;
}

export interface ApiRefusal {
  sha: string | null;
  why: 'invalid' | 'blocked' | 'waiting';
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  /** The first spec problem at that place, in words (`Properties.Allocation.Size: must be an integer ≥ 0`). */
  problem: string | null;
  at: string;
}

export type ApiDrift = Record<'missing' | 'extra' | 'stale' | 'modified' | 'unhealthy', number>;

/** A group as its latest run left it: a converged group shows no drift, and as many instances as desired. */
export interface ApiGroup {
  id: string;
  mode: string;
  /** Its instance plugin, as the spec names it; null before a run judged its spec. */
  plugin: string | null;
  desired: number;
  observed: number;
  drift: ApiDrift;
  /** in-sync, changes, drifted, converged, blocked, unknown, failed, paused or interrupted. */
  outcome: string;
  reason: string | null;
  file: string | null;
  line: number | null;
  /** The kind of run that last judged it (tick, heal, drift), and when it ended. */
  run: 'tick' | 'heal' | 'drift';
  at: string;
}

/** `GET /api/v1/groups/<id>`: a group and its instances as the last observation saw them. */
export interface ApiGroupDetail {
  group: ApiGroup;
  /** When its instances were observed; null when no run has observed them. */
  observedAt: string | null;
  /** When a run changed the group's instances after that observation (the next tick observes them again); else null. */
  changedAt: string | null;
  instances: ApiInstance[];
}

export interface ApiInstance {
  id: string;
  logicalId: string | null;
  configSha: string | null;
  created: string | null;
  health: 'healthy' | 'unhealthy' | 'unknown';
  /** Its properties differ from the spec's (changed out of band). */
  modified: boolean;
  plugin: string;
}

/** `GET /api/v1/events?since=`: the recent events, oldest first. */
export interface ApiEvents {
  events: WatchEvent[];
}

export type { WatchEvent };
