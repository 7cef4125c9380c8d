import { apply } from '../reconcile/apply.js';
import type { JudgeOptions } from '../reconcile/judge-revision.js';
import type { Plan } from '../reconcile/types.js';
import { judgeSpecs } from './judge-specs.js';
import type { ApplySettings, ChangePorts } from './ports.js';
import type { ApplyResult } from './results.js';
import { underLock } from './under-lock.js';

/**
 * The whole apply of README: Safety, for any driver: take the lock, judge the revision under it,
 * refuse a blocked plan before any change, then apply. A stop of the driver's signal, or the lock
 * being lost, stops new work from starting; calls in flight finish and every group not finished
 * says `interrupted`. The lock is released on every path. Never rejects for expected failures.
 */
export async function applyRevision(ports: ChangePorts, judge: JudgeOptions, settings: ApplySettings): Promise<ApplyResult> {
  return underLock(ports, async (stop): Promise<ApplyResult> => {
    const judged = await judgeSpecs(ports, judge);
    if (judged.kind === 'failed') return judged;
    const { revision, plan } = judged;
    if (plan.blocked) return { kind: 'blocked', revision, plan: withBlockedOutcomes(plan) };
    const applied = await apply(plan, judged.groups, judged.observation, ports.registry, {
      ...settings,
      revision: revision.sha,
      onProgress: ports.onProgress,
      signal: stop.signal,
    });
    return { kind: 'applied', revision, plan: applied, stopped: stop.reason() };
  });
}

/** A refused plan's groups: `blocked`, or `failed` for those that could not even be observed. */
function withBlockedOutcomes(plan: Plan): Plan {
  const groups = plan.groups.map((g) =>
    g.error === null
      ? { ...g, outcome: 'blocked' as const, outcomeError: null }
      : { ...g, outcome: 'failed' as const, outcomeError: g.error },
  );
  return { ...plan, groups };
}
