import { statusesFor, type StatusPhrasing } from '../../src/report/github/commit-statuses.js';
import type { ResultView, RunView } from '../../src/report/github/run-view.js';
import { fit } from '../../src/report/github/status-words.js';
import type { AppliedGroup, Outcome } from '../../src/reconcile/applied-plan.js';
import type { GroupPlan, Plan } from '../../src/reconcile/types.js';
import { appliedPlanOf, groupPlan, groupSpec, planOf, withOutcome } from '../helpers/memory-plugins.js';

const SHA = 'c0ffee'.padEnd(40, '0');
const revision = { sha: SHA };

const inSync = (id: string, size: number): GroupPlan => groupPlan(groupSpec(id, { size }), [], { observed: size });
const missing = (id: string, size: number, n: number): GroupPlan =>
  groupPlan(
    groupSpec(id, { size }),
    Array.from({ length: n }, () => ({ op: 'create' as const, reason: 'missing' as const })),
    {
      observed: size - n,
      drift: { missing: n },
    },
  );
const stale = (id: string, n: number): GroupPlan =>
  groupPlan(
    groupSpec(id, { size: n }),
    Array.from({ length: n }, (_, i) => ({ op: 'replace' as const, instance: `${id}-${i}`, reason: 'stale' as const })),
    {
      observed: n,
      drift: { stale: n },
    },
  );
const ended = (g: GroupPlan, outcome: Outcome, message?: string): AppliedGroup =>
  withOutcome(g, outcome, message ? { code: 'X', message, transient: false } : null);
const summed = (plan: Plan): Plan => {
  const summary = { ...plan.summary, create: 0, replace: 0, destroy: 0 };
  for (const g of plan.groups) for (const a of g.actions) summary[a.op]++;
  return { ...plan, summary };
};
const finished = (result: ResultView): RunView => ({ kind: 'finished', result });
/** `context state: description` lines, as GitHub shows them. */
const said = (event: RunView, phrasing: StatusPhrasing, perGroupLimit = 50): string[] | null => {
  const batch = statusesFor(event, { context: 'tend', perGroupLimit, phrasing });
  return batch && batch.statuses.map((s) => `${s.context} ${s.state}: ${s.description}`);
};

const web2db1 = summed(planOf([missing('web', 3, 2), stale('db', 1)]));

describe('statusesFor: what a run says on its commit (README: Commit statuses)', () => {
  it.each<[string, RunView, StatusPhrasing, string[] | null]>([
    [
      'an apply about to change things: pending where work is',
      { kind: 'judged', revision, plan: summed(planOf([missing('web', 3, 2), inSync('db', 1)])) },
      'apply',
      ['tend pending: applying: +2 ~0 -0', 'tend/web pending: applying: +2 ~0 -0'],
    ],
    ['an apply with nothing to do: no pending at all', { kind: 'judged', revision, plan: planOf([inSync('web', 3)]) }, 'apply', null],
    [
      'an apply refused by the budget: no pending',
      { kind: 'judged', revision, plan: { ...web2db1, blocked: { reason: 'destroy budget', destroy: 12, budget: 5 } } },
      'apply',
      null,
    ],
    ['a plan or drift check judged: nothing until finished', { kind: 'judged', revision, plan: web2db1 }, 'drift', null],
    ['progress: nothing', { kind: 'progress', group: 'web', message: 'creating' }, 'apply', null],
    [
      'a converged judgement: success everywhere',
      finished({ kind: 'planned', revision, plan: planOf([inSync('web', 3), inSync('db', 1)]) }),
      'drift',
      ['tend/web success: converged: 3 instances', 'tend/db success: converged: 1 instance', 'tend success: converged: 4 instances'],
    ],
    [
      'drift: failure with the counts',
      finished({ kind: 'planned', revision, plan: web2db1 }),
      'drift',
      ['tend/web failure: drift: 2 missing', 'tend/db failure: drift: 1 stale', 'tend failure: drift: 2 missing, 1 stale'],
    ],
    [
      'a plan with changes: success with +create ~replace -destroy, as a pull request exists to change things',
      finished({ kind: 'planned', revision, plan: web2db1 }),
      'plan',
      ['tend/web success: plan: +2 ~0 -0', 'tend/db success: plan: +0 ~1 -0', 'tend success: plan: +2 ~1 -0'],
    ],
    [
      "a plan with nothing to change: success, in the plan's words",
      finished({ kind: 'planned', revision, plan: planOf([inSync('web', 3)]) }),
      'plan',
      ['tend/web success: plan: +0 ~0 -0', 'tend success: plan: +0 ~0 -0'],
    ],
    [
      'a plan a safety rule blocked: failure',
      finished({ kind: 'planned', revision, plan: { ...web2db1, blocked: { reason: 'destroy budget', destroy: 12, budget: 5 } } }),
      'plan',
      [
        'tend/web failure: blocked: would destroy 12, budget 5',
        'tend/db failure: blocked: would destroy 12, budget 5',
        'tend failure: blocked: would destroy 12, budget 5',
      ],
    ],
    [
      'orphans only: drift, never success',
      finished({
        kind: 'planned',
        revision,
        plan: planOf([inSync('web', 1)], { orphans: [{ group: 'old', instances: 2, action: 'keep' }] }),
      }),
      'drift',
      ['tend/web success: converged: 1 instance', 'tend failure: drift: 2 orphaned'],
    ],
    [
      'a group its plugin could not describe: error',
      finished({
        kind: 'planned',
        revision,
        plan: planOf([groupPlan(groupSpec('web'), [], { error: 'instance-file: describeInstances: EACCES' }), inSync('db', 1)]),
      }),
      'drift',
      [
        'tend/web error: error: instance-file: describeInstances: EACCES',
        'tend/db success: converged: 1 instance',
        'tend error: error: 1 of 2 groups could not be observed',
      ],
    ],
    [
      'an apply that converged',
      finished({ kind: 'applied', revision, plan: appliedPlanOf([ended(missing('web', 3, 2), 'converged')]), stopped: null }),
      'apply',
      ['tend/web success: converged: 3 instances', 'tend success: converged: 3 instances'],
    ],
    [
      'a paused rollout: failure, in its own words',
      finished({
        kind: 'applied',
        revision,
        plan: appliedPlanOf([
          ended(stale('web', 3), 'paused', 'paused after 1 of 3 replacements: instance-file: provision: ENOSPC'),
          ended(inSync('db', 1), 'converged'),
        ]),
        stopped: null,
      }),
      'apply',
      [
        'tend/web failure: paused after 1 of 3 replacements: instance-file: provision: ENOSPC',
        'tend/db success: converged: 1 instance',
        'tend failure: not converged: 1 paused, 1 converged',
      ],
    ],
    [
      'an interrupted apply: failure, even for the groups done',
      finished({
        kind: 'applied',
        revision,
        plan: appliedPlanOf([
          ended(missing('web', 3, 2), 'interrupted', 'interrupted after creating 1 of 2'),
          ended(inSync('db', 1), 'converged'),
        ]),
        stopped: { code: 'INTERRUPTED', message: 'SIGINT' },
      }),
      'apply',
      [
        'tend/web failure: interrupted after creating 1 of 2',
        'tend/db success: converged: 1 instance',
        'tend failure: interrupted: 1 interrupted, 1 converged',
      ],
    ],
    [
      'an apply whose prune failed: failure, though every group converged',
      finished({
        kind: 'applied',
        revision,
        plan: {
          ...appliedPlanOf([ended(inSync('db', 1), 'converged')]),
          orphans: [
            {
              group: 'old',
              instances: 2,
              action: 'destroy',
              outcome: 'failed',
              outcomeError: { code: 'X', message: 'no', transient: false },
            },
          ],
        },
        stopped: null,
      }),
      'apply',
      ['tend/db success: converged: 1 instance', 'tend failure: not converged: 1 converged, 1 prune unfinished'],
    ],
    [
      'report mode left drifted',
      finished({ kind: 'applied', revision, plan: appliedPlanOf([ended(missing('web', 3, 1), 'drifted')]), stopped: null }),
      'apply',
      ['tend/web failure: drift: 1 missing (report mode)', 'tend failure: not converged: 1 drifted'],
    ],
    [
      'a blocked apply: failure with the numbers where there was work',
      finished({
        kind: 'blocked',
        revision,
        plan: appliedPlanOf([ended(missing('web', 3, 2), 'blocked'), ended(inSync('db', 1), 'blocked')], {
          blocked: { reason: 'destroy budget', destroy: 12, budget: 5 },
        }),
      }),
      'apply',
      [
        'tend/web failure: blocked: would destroy 12, budget 5',
        'tend/db success: converged: 1 instance',
        'tend failure: blocked: would destroy 12, budget 5',
      ],
    ],
    [
      "a group's percentage limit: its name too",
      finished({
        kind: 'blocked',
        revision,
        plan: appliedPlanOf([ended(missing('web', 3, 1), 'blocked')], {
          blocked: { reason: 'destroy budget', destroy: 6, budget: 5, group: 'web' },
        }),
      }),
      'apply',
      ['tend/web failure: blocked: would destroy 6 in web, budget 5', 'tend failure: blocked: would destroy 6 in web, budget 5'],
    ],
    [
      'an invalid spec: error at its first problem, the aggregate only',
      finished({
        kind: 'failed',
        error: { code: 'SPEC_INVALID', message: '2 problems' },
        problems: [
          {
            file: 'specs/web.yaml',
            line: 7,
            column: 11,
            code: 'SPEC_TYPE',
            path: 'Properties.Allocation.Size',
            message: 'must be an integer ≥ 0',
          },
          { file: 'specs/web.yaml', line: 9, column: 3, code: 'SPEC_UNKNOWN_KEY', path: 'Properties.Updating.X', message: 'unknown key' },
        ],
        revision,
      }),
      'apply',
      ['tend error: invalid spec: specs/web.yaml:7 (2 problems)'],
    ],
    [
      'a commit read but not usable',
      finished({ kind: 'failed', error: { code: 'SPEC_PATH_MISSING', message: 'specs is not in the commit' }, problems: [], revision }),
      'drift',
      ['tend error: error: specs is not in the commit'],
    ],
    [
      'no revision read at all: nothing',
      finished({ kind: 'failed', error: { code: 'GIT_UNREACHABLE', message: 'down' }, problems: [], revision: null }),
      'drift',
      null,
    ],
  ])('%s', (_what, event, phrasing, expected) => {
    expect(said(event, phrasing)).toEqual(expected);
  });

  it('gives groups contexts of their own only while there are at most perGroupLimit of them', () => {
    const event = finished({ kind: 'planned', revision, plan: planOf([inSync('web', 3), inSync('db', 1)]) });

    expect(said(event, 'drift', 2)).toHaveLength(3);
    expect(said(event, 'drift', 1)).toEqual(['tend success: converged: 4 instances']);
    expect(said(event, 'drift', 0)).toEqual(['tend success: converged: 4 instances']);
  });

  it('passes on a missing SHA, so that the reporter can say there is no commit', () => {
    const batch = statusesFor(finished({ kind: 'planned', revision: { sha: null }, plan: planOf([inSync('web', 1)]) }), {
      context: 'tend',
      perGroupLimit: 50,
      phrasing: 'drift',
    });

    expect(batch?.sha).toBeNull();
  });

  it.each([
    ['short text, as it is', 'drift: 1 missing', 'drift: 1 missing'],
    ['140 characters, as they are', 'x'.repeat(140), 'x'.repeat(140)],
    ['141 characters, cut to 140 with an ellipsis', 'x'.repeat(141), `${'x'.repeat(139)}…`],
    ['never half a surrogate pair', `${'x'.repeat(138)}😀😀`, `${'x'.repeat(138)}…`],
    ['newlines and runs of spaces as one space', 'error:\n  line one\n\tline two', 'error: line one line two'],
  ])('fits a description to 140 characters: %s', (_what, text, expected) => {
    expect(fit(text)).toBe(expected);
    expect(fit(text).length).toBeLessThanOrEqual(140);
  });
});
