import { runError, type RunError } from '../errors.js';
import type { RunResult } from '../pipeline/results.js';

/**
 * What a run says about the watcher's health: null when it did its work (a stop by the watcher's
 * own shutdown included), else the first failure: the run's error, a blocked plan, or the first
 * group that failed or paused (or pruned orphan that failed).
 */
export function tickVerdict(result: RunResult): RunError | null {
  switch (result.kind) {
    case 'failed':
      return runError(result.error);
    case 'blocked':
      return { code: 'BLOCKED', message: `the plan was blocked: ${result.plan.blocked?.reason ?? 'a safety rule'}`, transient: false };
    case 'planned':
      return null;
    case 'applied': {
      if (result.stopped !== null) return result.stopped.code === 'INTERRUPTED' ? null : runError(result.stopped);
      for (const g of result.plan.groups) {
        if (g.outcome === 'failed' || g.outcome === 'paused') {
          return g.outcomeError ?? { code: 'PLUGIN_ERROR', message: `group ${g.id} ${g.outcome}`, transient: false };
        }
      }
      const orphan = result.plan.orphans.find((o) => o.outcomeError);
      return orphan?.outcomeError ?? null;
    }
  }
}
