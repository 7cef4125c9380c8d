import type { ApiDrift, ApiGroup } from '../watch/page/status-api-types.js';

export const DRIFT_KINDS: ReadonlyArray<keyof ApiDrift> = ['missing', 'extra', 'stale', 'modified', 'unhealthy'];

/** A commit as people read it: its first 12 hex digits; a folder of specs has none. */
export function shortSha(sha: string | null): string {
  return sha === null ? 'the specs folder' : sha.slice(0, 12);
}

/** A time in the reader's own clock, with how far it is from now. */
export function when(iso: string | null, now = Date.now()): string {
  if (iso === null) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const seconds = Math.round((t - now) / 1000);
  const span = Math.abs(seconds);
  const amount = span < 90 ? `${span} s` : span < 5400 ? `${Math.round(span / 60)} min` : `${Math.round(span / 3600)} h`;
  const clock = new Date(t).toLocaleTimeString();
  if (span < 1) return `${clock} (now)`;
  return `${clock} (${seconds > 0 ? `in ${amount}` : `${amount} ago`})`;
}

/** How long ago, in a few characters: `4 s ago`, `3 min ago`. */
export function ago(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  return seconds < 5400 ? `${Math.round(seconds / 60)} min ago` : `${Math.round(seconds / 3600)} h ago`;
}

/** Whether a group needs a person's look: anything but converged or in sync, or any drift left. */
export function needsAttention(g: ApiGroup): boolean {
  return !(g.outcome === 'converged' || g.outcome === 'in-sync') || DRIFT_KINDS.some((k) => g.drift[k] > 0);
}

/** Groups needing attention first, then by ID. */
export function attentionFirst(groups: readonly ApiGroup[]): ApiGroup[] {
  const keyed = groups.map((g) => ({ g, attention: needsAttention(g) ? 0 : 1 }));
  keyed.sort((a, b) => a.attention - b.attention || (a.g.id < b.g.id ? -1 : a.g.id > b.g.id ? 1 : 0));
  return keyed.map((k) => k.g);
}

/** The text a filter matches a group by: its ID, plugin, spec file, mode and outcome. */
export function searchText(g: ApiGroup): string {
  return `${g.id} ${g.plugin ?? ''} ${g.file ?? ''} ${g.mode} ${g.outcome}`.toLowerCase();
}
