import { apply } from '../reconcile/apply.js';
import type { ValidateAndPlanOptions } from '../reconcile/validate-and-plan.js';
import { unpruned, type AppliedPlan } from '../reconcile/applied-plan.js';
import type { Plan } from '../reconcile/types.js';
import type { GroupSpec } from '../group-spec/types.js';
import type { Revision } from '../source/spec-source.js';
import { readAndPlan } from './read-and-plan.js';
import type { ApplySettings, ChangePorts, RunPorts } from './ports.js';
import { fanOut, type GroupPlaces, type JudgedFrom } from './reporter.js';
import type { ApplyResult, Planned, ReadAndPlanResult } from './results.js';
import { underLock } from './under-lock.js';

/**
 * One judgement of the specs, for any driver (`tend plan`, `tend drift`, a scheduled drift check):
 * read the revision (or take the one given), validate it, ask the plugins what exists and plan the
 * difference; nothing is changed. Reporters hear `judged` and `finished`.
 */
export async function planOnce(ports: RunPorts, planning: ValidateAndPlanOptions, revision?: Revision): Promise<ReadAndPlanResult> {
  const say = fanOut(ports.reporters, ports.log);
  const result = await readAndPlan(ports, planning, revision);
  if (result.kind === 'planned')
    await say({ kind: 'judged', revision: result.revision, plan: result.plan, places: placesOf(result.groups), seen: seenOf(result) });
  await say({ kind: 'finished', result });
  return result;
}

/**
 * One reconciliation, for any driver (docs/commands.md: Safety): take the lock, judge the revision under it
 * (read now, or the one given), refuse a blocked plan before any change, then apply. The driver's
 * signal, or the lock being lost, stops new work from starting; calls in flight finish and every
 * group not finished says `interrupted`. The lock is released on every path. Reporters hear the
 * plan, each group's progress and outcome, and the result. Never rejects for expected failures.
 */
export async function reconcileOnce(
  ports: ChangePorts,
  planning: ValidateAndPlanOptions,
  settings: ApplySettings,
  revision?: Revision,
): Promise<ApplyResult> {
  const say = fanOut(ports.reporters, ports.log);
  const result = await underLock(ports, async (stop): Promise<ApplyResult> => {
    const judged = await readAndPlan(ports, planning, revision);
    if (judged.kind === 'failed') return judged;
    const { plan } = judged;
    await say({ kind: 'judged', revision: judged.revision, plan, places: placesOf(judged.groups), seen: seenOf(judged) });
    if (plan.blocked) return { kind: 'blocked', revision: judged.revision, plan: withBlockedOutcomes(plan) };
    const applied = await apply(plan, judged.groups, judged.observation, ports.registry, {
      ...settings,
      revision: judged.revision.sha,
      onProgress: (group, message) => void say({ kind: 'progress', group, message }),
      onOutcome: (group) => void say({ kind: 'outcome', group }),
      signal: stop.signal,
    });
    return { kind: 'applied', revision: judged.revision, plan: applied, stopped: stop.reason() };
  });
  await say({ kind: 'finished', result });
  return result;
}

/** A refused plan's groups: `blocked`, or `failed` for those that could not even be observed; its orphans not pruned. */
function withBlockedOutcomes(plan: Plan): AppliedPlan {
  const groups = plan.groups.map((g) =>
    g.error === null
      ? { ...g, outcome: 'blocked' as const, outcomeError: null }
      : { ...g, outcome: 'failed' as const, outcomeError: g.error },
  );
  return { ...plan, groups, orphans: plan.orphans.map(unpruned) };
}

/** Where each judged group's spec starts: every spec carries its place from when it was read. */
function placesOf(groups: readonly GroupSpec[]): GroupPlaces {
  return new Map(groups.map((g) => [g.id, g.pos.group]));
}

function seenOf(planned: Planned): JudgedFrom {
  return { specs: planned.groups, observation: planned.observation };
}
