import { TendError } from '../../src/errors.js';
import { verdictOf } from '../../src/outcome/verdict.js';
import { failed } from '../../src/pipeline/results.js';
import type { AppliedGroup, AppliedOrphan, AppliedPlan, Outcome } from '../../src/reconcile/applied-plan.js';
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
const ended = (outcome: Outcome, outcomeError: AppliedGroup['outcomeError'] = null, over: Partial<GroupPlan> = {}): AppliedGroup => ({
  ...group(over),
  outcome,
  outcomeError,
});
const appliedPlan = (groups: AppliedGroup[], orphans: AppliedOrphan[] = []): AppliedPlan => ({ ...plan(groups), groups, orphans });
const applied = (p: AppliedPlan, stopped: TendError | null = null) => ({ kind: 'applied' as const, revision, plan: p, stopped });
const creating = group({ drift: { ...none, missing: 1 }, actions: [{ op: 'create', reason: 'missing' }] });

const unreachable = { code: 'PLUGIN_UNREACHABLE', message: 'down', transient: true };
const refused = { code: 'PLUGIN_ERROR', message: 'no', transient: false };
const pruned = (outcome: 'destroyed' | 'failed' | 'interrupted', outcomeError: typeof refused | null = null) =>
  appliedPlan([ended('converged')], [{ group: 'old', instances: 2, action: 'destroy', outcome, outcomeError }]);
const blocked = { reason: 'destroy budget', destroy: 12, budget: 5 };

describe('the one verdict on a run', () => {
  it.each([
    ['a failure', failed(new TendError('SPEC_INVALID', 'bad')), 'invalid', 1, false, 'stalled', 'SPEC_INVALID', false],
    [
      'Git unreachable',
      failed(new TendError('GIT_UNREACHABLE', 'down', { transient: true })),
      'failed',
      1,
      false,
      'transient',
      'GIT_UNREACHABLE',
      false,
    ],
    [
      'specs a plugin refused for now',
      failed(new TendError('SPEC_INVALID', 'no', { transient: true })),
      'invalid',
      1,
      false,
      'transient',
      'SPEC_INVALID',
      false,
    ],
    ['valid specs', { kind: 'valid' as const, revision, groups: [] }, 'done', 0, true, null, null, true],
    ['a plan in sync', planned(plan([group()])), 'done', 0, true, null, null, true],
    ['a plan with changes', planned(plan([creating])), 'findings', 2, false, null, null, true],
    ['report-mode drift', planned(plan([group({ mode: 'report', drift: { ...none, stale: 1 } })])), 'findings', 2, false, null, null, true],
    [
      'kept orphans',
      planned(plan([group()], { orphans: [{ group: 'old', instances: 1, action: 'keep' }] })),
      'findings',
      2,
      false,
      null,
      null,
      true,
    ],
    ['a group not observed', planned(plan([group({ error: unreachable })])), 'failed', 1, false, 'transient', 'PLUGIN_UNREACHABLE', false],
    [
      'a blocked apply',
      { kind: 'blocked' as const, revision, plan: plan([creating], { blocked }) },
      'blocked',
      1,
      false,
      'stalled',
      'BLOCKED',
      true,
    ],
    ['an apply converged', applied(appliedPlan([ended('converged')])), 'done', 0, true, null, null, true],
    ['an apply that drifted (report mode)', applied(appliedPlan([ended('drifted')])), 'findings', 1, false, null, null, true],
    ['an apply whose group failed', applied(appliedPlan([ended('failed', refused)])), 'failed', 1, false, 'stalled', 'PLUGIN_ERROR', true],
    [
      'an apply whose group was not observed',
      applied(appliedPlan([ended('failed', unreachable, { error: unreachable })])),
      'failed',
      1,
      false,
      'transient',
      'PLUGIN_UNREACHABLE',
      false,
    ],
    [
      'an apply paused by a timeout',
      applied(appliedPlan([ended('paused', unreachable)])),
      'failed',
      1,
      false,
      'transient',
      'PLUGIN_UNREACHABLE',
      true,
    ],
    [
      'an apply interrupted',
      applied(appliedPlan([ended('converged')]), new TendError('INTERRUPTED', 'stopped', { transient: true })),
      'interrupted',
      1,
      false,
      'transient',
      'INTERRUPTED',
      true,
    ],
    [
      'an apply with a group interrupted',
      applied(appliedPlan([ended('interrupted')])),
      'interrupted',
      1,
      false,
      'transient',
      'INTERRUPTED',
      true,
    ],
    ['an apply whose prune finished', applied(pruned('destroyed')), 'done', 0, true, null, null, true],
    ['an apply whose prune failed', applied(pruned('failed', refused)), 'failed', 1, false, 'stalled', 'PLUGIN_ERROR', true],
    ['an apply whose prune was interrupted', applied(pruned('interrupted')), 'interrupted', 1, false, 'transient', 'INTERRUPTED', true],
  ] as const)('%s', (_, result, kind, exit, converged, stop, code, judged) => {
    const verdict = verdictOf(result);

    expect(verdict).toMatchObject({ kind, exitCode: exit, converged, stop, judged });
    expect(verdict.cause?.code ?? null).toBe(code);
  });

  it('says what a plan found, and what each group came to', () => {
    const verdict = verdictOf(
      planned(
        plan(
          [
            creating,
            group({ id: 'db', mode: 'report', drift: { ...none, stale: 1 } }),
            group({ id: 'cache' }),
            group({ id: 'kv', error: unreachable }),
          ],
          { orphans: [{ group: 'old', instances: 1, action: 'keep' }] },
        ),
      ),
    );

    expect(verdict.found).toEqual({ changes: true, drift: true, orphans: true });
    expect(verdict.groups.map((g) => [g.id, g.condition, g.reason?.code ?? null])).toEqual([
      ['web', 'changes', null],
      ['db', 'drifted', null],
      ['cache', 'in-sync', null],
      ['kv', 'unknown', 'PLUGIN_UNREACHABLE'],
    ]);
    expect(verdict.cause?.message).toBe('group kv could not be observed: down');
  });

  it('names the rule that refused a blocked plan, and the groups it refused', () => {
    const verdict = verdictOf({ kind: 'blocked', plan: plan([creating, group({ id: 'db' })], { blocked }) });

    expect(verdict.blocked).toEqual(blocked);
    expect(verdict.groups.map((g) => g.condition)).toEqual(['blocked', 'in-sync']);
    expect(verdict.judged).toBe(true);
    expect(verdict.cause?.message).toBe('blocked by the destroy budget: would destroy 12, budget 5');
  });
});
