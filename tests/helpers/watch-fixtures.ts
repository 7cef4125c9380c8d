import type { AppliedGroup } from '../../src/reconcile/applied-plan.js';
import type { GroupPlan } from '../../src/reconcile/types.js';
import type { Revision } from '../../src/source/spec-source.js';
import type { Head } from '../../src/watch/watch-state.js';

/** Two heads of a watched branch, and the revision read at the first. */
export const A: Head = { key: 'a'.repeat(40), sha: 'a'.repeat(40), ref: 'main' };
export const B: Head = { key: 'b'.repeat(40), sha: 'b'.repeat(40), ref: 'main' };
export const revision: Revision = { sha: A.sha, ref: 'main', files: [], pathExists: true, label: 'specs' };
export const none = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };

/** Group `web` of 2 instances as apply leaves it: converged unless `over` says otherwise. */
export const appliedGroup = (over: Partial<AppliedGroup> = {}): AppliedGroup => ({
  id: 'web',
  mode: 'correct',
  desired: { size: 2, configSha: 'x' },
  observed: { instances: 2 },
  drift: none,
  actions: [],
  error: null,
  outcome: 'converged',
  outcomeError: null,
  ...over,
});

/** A plan of revision A holding these groups, planned or applied, blocked by nothing. */
export const planOfA = <G extends GroupPlan>(groups: G[]) => ({
  revision: A.sha,
  groups,
  orphans: [],
  summary: { groups: groups.length, drifted: 0, create: 0, destroy: 0, replace: 0, errors: 0 },
  blocked: null,
});
