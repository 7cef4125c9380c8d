import { hasChanges, hasDrift, isConverged } from '../reconcile/plan-summary.js';
import type { ValidateResult } from './judge-specs.js';
import type { RunResult } from './results.js';

/**
 * What a result means, for every driver (README: Exit codes): 0 done, or nothing found; 1 an error,
 * groups that could not be observed, an apply blocked, stopped or not converged; 2 a plan's
 * changes or drift found (orphans included), which are findings, not failures.
 */
export function exitCode(result: RunResult | ValidateResult): 0 | 1 | 2 {
  switch (result.kind) {
    case 'failed':
    case 'blocked':
      return 1;
    case 'valid':
      return 0;
    case 'applied':
      return isConverged(result.plan) && result.stopped === null ? 0 : 1;
    case 'planned':
      if (result.plan.summary.errors > 0) return 1;
      // Report-mode drift and kept orphans change nothing, yet both are findings.
      return hasChanges(result.plan) || hasDrift(result.plan) ? 2 : 0;
  }
}
