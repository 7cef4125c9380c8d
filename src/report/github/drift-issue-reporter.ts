import type { Position } from '../../problem.js';
import { groupHasDrift } from '../../reconcile/plan-summary.js';
import type { GroupPlan } from '../../reconcile/types.js';
import type { DriftCheck, DriftedGroup } from './drift-check.js';
import type { ResultView, RunView } from './run-view.js';

/** Where drift issues take what a run found (DriftIssues.sync). */
export interface DriftIssueSink {
  sync(check: DriftCheck): Promise<void>;
}

/**
 * A run's events as drift issues take them (a pipeline Reporter: its events are RunViews by
 * shape): a drift check (`check`) says which groups drifted and which are in sync; an apply
 * (`apply`) which groups it brought in sync, and which report-mode groups stay drifted. `pathOf`
 * places a spec file from the repository's root.
 */
export function driftIssueReporter(
  sink: DriftIssueSink,
  kind: 'check' | 'apply',
  pathOf: (file: string) => string = (file) => file,
  now: () => Date = () => new Date(),
): { report(event: RunView): Promise<void> } {
  let places: ReadonlyMap<string, Position> = new Map();
  return {
    async report(event) {
      if (event.kind === 'judged') places = event.places ?? new Map();
      if (event.kind !== 'finished') return;
      const check = driftCheckOf(event.result, kind, places, pathOf, now());
      if (check !== null) await sink.sync(check);
    },
  };
}

/** What a finished run found of drift, or null when it judged nothing it can tell (a failure, a block, specs from a folder). */
export function driftCheckOf(
  result: ResultView,
  kind: 'check' | 'apply',
  places: ReadonlyMap<string, Position>,
  pathOf: (file: string) => string,
  at: Date,
): DriftCheck | null {
  if (result.kind === 'failed' || result.kind === 'blocked' || result.revision.sha === null) return null;
  if ((kind === 'check') !== (result.kind === 'planned')) return null;
  const judged = result.plan.groups.filter((g) => g.error === null);
  const outcomes = new Map(result.kind === 'applied' ? result.plan.groups.map((g) => [g.id, g.outcome]) : []);
  const drifted = (g: GroupPlan): boolean => (kind === 'check' ? groupHasDrift(g) : outcomes.get(g.id) === 'drifted');
  const inSync = (g: GroupPlan): boolean => (kind === 'check' ? !groupHasDrift(g) : outcomes.get(g.id) === 'converged');
  const place = (g: GroupPlan): DriftedGroup['place'] => {
    const p = places.get(g.id);
    return p ? { file: pathOf(p.file), line: Math.max(1, p.line) } : null;
  };
  return {
    revision: result.revision.sha,
    at,
    drifted: judged.filter(drifted).map((g) => ({
      id: g.id,
      drift: g.drift,
      instances: g.actions.flatMap((a) => (a.instance ? [{ id: a.instance, reason: a.reason }] : [])),
      missing: g.drift.missing,
      place: place(g),
    })),
    inSync: judged.filter(inSync).map((g) => g.id),
    applied: kind === 'apply' ? judged.filter((g) => inSync(g) && (g.actions.length > 0 || groupHasDrift(g))).map((g) => g.id) : [],
  };
}
