import { TendError } from '../../src/errors.js';
import { exitCode } from '../../src/pipeline/exit-code.js';
import { failed } from '../../src/pipeline/results.js';
import type { GroupPlan, Plan } from '../../src/reconcile/types.js';
import type { Revision } from '../../src/source/spec-source.js';

const revision: Revision = { sha: null, ref: null, files: [], pathExists: true, label: 'specs' };
const none = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };
const group = (over: Partial<GroupPlan> = {}): GroupPlan => ({
  id: 'web',
  mode: 'correct',
  desired: { size: 1, configSha: 'x' },
  observed: { instances: 1 },
  drift: none,
  actions: [],
  error: null,
  ...over,
});
const plan = (groups: GroupPlan[], over: Partial<Plan> = {}): Plan => ({
  revision: null,
  groups,
  orphans: [],
  summary: { groups: groups.length, drifted: 0, create: 0, destroy: 0, replace: 0, errors: groups.filter((g) => g.error).length },
  blocked: null,
  ...over,
});
const planned = (p: Plan) => ({
  kind: 'planned' as const,
  revision,
  plan: p,
  groups: [],
  observation: { groups: new Map(), orphans: [], unreachable: [] },
});
const applied = (p: Plan, stopped: TendError | null = null) => ({ kind: 'applied' as const, revision, plan: p, stopped });
const creating = group({ drift: { ...none, missing: 1 }, actions: [{ op: 'create', reason: 'missing' }] });

describe('what a result means as an exit code', () => {
  it.each([
    ['a failure', failed(new TendError('SPEC_INVALID', 'bad')), 1],
    ['valid specs', { kind: 'valid' as const, revision, groups: [] }, 0],
    ['a plan in sync', planned(plan([group()])), 0],
    ['a plan with changes', planned(plan([creating])), 2],
    ['report-mode drift', planned(plan([group({ mode: 'report', drift: { ...none, stale: 1 } })])), 2],
    ['kept orphans', planned(plan([group()], { orphans: [{ group: 'old', instances: 1, action: 'keep' }] })), 2],
    ['a group not observed', planned(plan([group({ error: { code: 'PLUGIN_ERROR', message: 'down', transient: true } })])), 1],
    ['a blocked apply', { kind: 'blocked' as const, revision, plan: plan([group()]) }, 1],
    ['an apply converged', applied(plan([group({ outcome: 'converged' })])), 0],
    ['an apply that drifted', applied(plan([group({ outcome: 'drifted' })])), 1],
    ['an apply interrupted', applied(plan([group({ outcome: 'converged' })]), new TendError('INTERRUPTED', 'stopped')), 1],
  ])('%s: %i', (_, result, code) => {
    expect(exitCode(result)).toBe(code);
  });
});
