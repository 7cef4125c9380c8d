import type { WatchRun } from './watch-runs.js';
import type { GroupRecord, RunRecord, WatchStatus } from './watch-status.js';

/** A group as last judged, with the kind of run that judged it and when. */
export interface CurrentGroup extends GroupRecord {
  run: WatchRun;
  at: string;
}

/**
 * The groups as last judged: those of the newest full run (a tick or a drift check of the enforced
 * revision), each replaced by a newer heal's word on it. A group that left the specs is in neither.
 */
export function currentGroups(status: Readonly<WatchStatus>): CurrentGroup[] {
  const { tick, drift, heal } = status.runs;
  const full = (
    [
      ['tick', tick],
      ['drift', drift],
    ] as Array<[WatchRun, RunRecord | undefined]>
  )
    .filter((r): r is [WatchRun, RunRecord] => r[1] !== undefined && r[1].groups.length > 0)
    .sort((a, b) => (a[1].at < b[1].at ? 1 : -1))[0];
  if (full === undefined) return [];
  const [kind, record] = full;
  const healed = heal !== undefined && heal.at > record.at ? new Map(heal.groups.map((g) => [g.id, g])) : new Map<string, GroupRecord>();
  return record.groups.map((g) => {
    const newer = healed.get(g.id);
    return newer === undefined ? { ...g, run: kind, at: record.at } : { ...newer, run: 'heal', at: (heal as RunRecord).at };
  });
}
