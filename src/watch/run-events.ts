import { groupHasDrift } from '../reconcile/plan-summary.js';
import type { DriftCounts, GroupPlan, PlanAction } from '../reconcile/types.js';
import type { RunResult } from '../pipeline/results.js';
import type { WatchEvent } from './watch-events.js';
import type { WatchRun } from './watch-runs.js';

type NewEvent = Omit<WatchEvent, 'at'>;

/**
 * The events of one run, as a person reads them: each group a tick or heal changed (what it did,
 * and how it ended), and a drift check's findings. A group whose change failed is told by
 * `FailedGroups`, so that a failure repeating every tick is told once.
 */
export function runEvents(kind: WatchRun, result: RunResult): NewEvent[] {
  if (kind === 'drift') return driftEvents(result);
  if (result.kind !== 'applied') return [];
  const revision = result.revision.sha ?? undefined;
  return result.plan.groups
    .filter((g) => g.actions.length > 0 && g.outcome === 'converged')
    .map((g) => {
      const done = actionWords(g.actions);
      if (kind === 'heal')
        return { kind: 'healed', group: g.id, revision, message: `${g.id}: healed after an instance event: ${done}; converged` };
      const rolling = g.actions.some((a) => a.op === 'replace');
      return {
        kind: rolling ? 'replaced' : 'corrected',
        group: g.id,
        revision,
        message: `${g.id}: ${done}${rolling ? ', rolling' : ''}; converged`,
      };
    });
}

/** Groups whose change failed, with the words last told: a failure repeating every tick is told once, again only when its words change. */
export class FailedGroups {
  readonly #told = new Map<string, string>();

  /** The events of the groups of this run whose change failed or paused, not told before in these words. */
  tell(kind: WatchRun, result: RunResult): NewEvent[] {
    if (kind === 'drift' || result.kind !== 'applied') return [];
    const events: NewEvent[] = [];
    const revision = result.revision.sha ?? undefined;
    for (const g of result.plan.groups) {
      if (g.outcome !== 'failed' && g.outcome !== 'paused') {
        this.#told.delete(g.id);
        continue;
      }
      const why = g.outcomeError?.message ?? g.error?.message ?? 'its plugin failed';
      const message = `${g.id}: ${g.outcome === 'paused' ? 'rollout paused' : 'not converged'}: ${why}; retried every tick`;
      if (this.#told.get(g.id) === message) continue;
      this.#told.set(g.id, message);
      events.push({ kind: 'group-failed', group: g.id, revision, message });
    }
    return events;
  }
}

function driftEvents(result: RunResult): NewEvent[] {
  if (result.kind === 'failed') {
    return [{ kind: 'drift-check', message: `drift check could not judge: ${result.error.code}: ${result.error.message}` }];
  }
  const revision = result.revision.sha ?? undefined;
  const drifted = result.plan.groups.filter(groupHasDrift);
  const orphans = result.plan.orphans.length;
  const orphanWords = orphans === 0 ? '' : `; ${orphans} group${orphans === 1 ? '' : 's'} of orphans no longer in the specs`;
  if (drifted.length === 0) {
    return [{ kind: 'drift-check', revision, message: `drift check: no drift in ${result.plan.groups.length} groups${orphanWords}` }];
  }
  const shown = drifted.slice(0, 5).map((g) => `${g.id} (${driftWords(g.drift)})`);
  const more = drifted.length > 5 ? `, and ${drifted.length - 5} more` : '';
  return [
    {
      kind: 'drift-check',
      revision,
      ...(drifted.length === 1 ? { group: (drifted[0] as GroupPlan).id } : {}),
      message: `drift check: ${drifted.length} of ${result.plan.groups.length} groups drifted: ${shown.join(', ')}${more}${orphanWords}`,
    },
  ];
}

/** `2 missing, 1 stale`: the drift counts above zero. */
export function driftWords(drift: DriftCounts): string {
  return Object.entries(drift)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

/** `created 1 (missing), replaced 2 (stale)`: what a group's actions did, by operation and reason. */
function actionWords(actions: readonly PlanAction[]): string {
  const counts = new Map<string, number>();
  for (const a of actions) counts.set(`${a.op}|${a.reason}`, (counts.get(`${a.op}|${a.reason}`) ?? 0) + 1);
  const past: Record<PlanAction['op'], string> = { create: 'created', destroy: 'destroyed', replace: 'replaced' };
  return [...counts]
    .map(([key, n]) => {
      const [op, reason] = key.split('|') as [PlanAction['op'], string];
      return `${past[op]} ${n} (${reason})`;
    })
    .join(', ');
}
