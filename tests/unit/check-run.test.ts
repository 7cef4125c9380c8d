import { CHECK_SUMMARY_LIMIT, checkRunFor, type CheckConclusion } from '../../src/report/github/check-run.js';
import type { StatusPhrasing } from '../../src/report/github/commit-statuses.js';
import type { ResultView } from '../../src/report/github/run-view.js';
import type { GroupPlan, Plan } from '../../src/reconcile/types.js';
import { appliedPlanOf, groupPlan, groupSpec, planOf, withOutcome } from '../helpers/memory-plugins.js';

const revision = { sha: 'c0ffee'.padEnd(40, '0') };
const inSync = (id: string): GroupPlan => groupPlan(groupSpec(id, { size: 1 }), [], { observed: 1 });
const missing = (id: string, n = 1): GroupPlan =>
  groupPlan(
    groupSpec(id, { size: n }),
    Array.from({ length: n }, () => ({ op: 'create' as const, reason: 'missing' as const })),
    { observed: 0, drift: { missing: n } },
  );
const unobserved = (id: string): GroupPlan => ({ ...inSync(id), error: { code: 'PLUGIN_ERROR', message: 'refused', transient: true } });
const summed = <P extends Plan>(plan: P): P => {
  const summary = { ...plan.summary, create: 0, replace: 0, destroy: 0 };
  for (const g of plan.groups) for (const a of g.actions) summary[a.op]++;
  return { ...plan, summary };
};
const places = new Map([
  ['web', { file: '/work/repo/specs/web.yaml', line: 1, column: 1 }],
  ['db', { file: '/work/repo/specs/fleet.yaml', line: 16, column: 1 }],
]);
const options = (phrasing: StatusPhrasing) => ({
  phrasing,
  command: phrasing,
  about: 'Specs: specs/ at c0ffee',
  pathOf: (file: string) => file.replace('/work/repo/', ''),
});
const blocked = { reason: 'destroy budget', destroy: 12, budget: 5 };
const refused = (groups: GroupPlan[]) =>
  appliedPlanOf(
    groups.map((g) => withOutcome(g, 'blocked')),
    { blocked },
  );

describe('checkRunFor: a finished run as its check run', () => {
  it.each<[string, ResultView, StatusPhrasing, CheckConclusion, string[]]>([
    ['a plan with nothing to do', { kind: 'planned', revision, plan: planOf([inSync('web')]) }, 'plan', 'success', []],
    [
      'a plan with changes: a plan that could be made succeeds, the changes marked on the group',
      { kind: 'planned', revision, plan: summed(planOf([missing('web', 2), inSync('db')])) },
      'plan',
      'success',
      ['specs/web.yaml:1 warning drift: 2 missing → plan: +2 ~0 -0'],
    ],
    [
      'drift found: fails, as its status does, with the drift only',
      { kind: 'planned', revision, plan: summed(planOf([inSync('web'), missing('db')])) },
      'drift',
      'failure',
      ['specs/fleet.yaml:16 warning drift: 1 missing'],
    ],
    [
      'a group not observed fails',
      { kind: 'planned', revision, plan: planOf([unobserved('web')]) },
      'drift',
      'failure',
      ['specs/web.yaml:1 failure could not be observed: refused'],
    ],
    [
      'a plan a safety rule blocked fails',
      { kind: 'blocked', revision, plan: summed(refused([missing('web'), inSync('db')])) },
      'plan',
      'failure',
      ['specs/web.yaml:1 failure blocked: would destroy 12, budget 5; drift: 1 missing'],
    ],
    [
      'a blocked plan fails on every group it would change',
      { kind: 'blocked', revision, plan: summed(refused([missing('web'), inSync('db')])) },
      'apply',
      'failure',
      ['specs/web.yaml:1 failure blocked: would destroy 12, budget 5; drift: 1 missing'],
    ],
    [
      'an apply converged',
      { kind: 'applied', revision, plan: appliedPlanOf([withOutcome(inSync('web'), 'converged')]), stopped: null },
      'apply',
      'success',
      [],
    ],
    [
      'an apply whose prune failed: never success for work not done',
      {
        kind: 'applied',
        revision,
        plan: appliedPlanOf([withOutcome(inSync('web'), 'converged')], {
          orphans: [
            {
              group: 'old',
              instances: 2,
              action: 'destroy',
              outcome: 'failed',
              outcomeError: { code: 'PLUGIN_ERROR', message: 'no', transient: false },
            },
          ],
        }),
        stopped: null,
      },
      'apply',
      'failure',
      [],
    ],
    [
      'an apply stopped: never success for work not done',
      {
        kind: 'applied',
        revision,
        plan: appliedPlanOf([withOutcome(inSync('web'), 'converged'), withOutcome(missing('db'), 'interrupted')]),
        stopped: { code: 'INTERRUPTED', message: 'SIGTERM' },
      },
      'apply',
      'failure',
      ['specs/fleet.yaml:16 failure interrupted'],
    ],
  ])('%s', (_name, result, phrasing, conclusion, marks) => {
    const report = checkRunFor(result, places, options(phrasing));

    expect(report.conclusion).toBe(conclusion);
    expect(report.annotations.map((a) => `${a.path}:${a.start_line} ${a.annotation_level} ${a.message}`)).toEqual(marks);
  });

  it('an invalid spec fails, with each problem at its file, line and column', () => {
    const problem = {
      file: 'specs/web.yaml',
      line: 4,
      column: 11,
      code: 'SPEC_TYPE',
      path: 'Properties.Allocation.Size',
      message: 'must be an integer',
    };
    const result: ResultView = { kind: 'failed', error: { code: 'SPEC_INVALID', message: '1 problem' }, problems: [problem], revision };

    const report = checkRunFor(result, new Map(), options('plan'));

    expect(report).toMatchObject({ conclusion: 'failure', title: 'invalid spec: specs/web.yaml:4' });
    expect(report.annotations).toEqual([
      {
        path: 'specs/web.yaml',
        start_line: 4,
        end_line: 4,
        start_column: 11,
        end_column: 11,
        annotation_level: 'failure',
        message: 'Properties.Allocation.Size: must be an integer',
        title: 'SPEC_TYPE',
      },
    ]);
  });

  it('shows each warning of the run as a warning annotation at its place, beside the groups', () => {
    const warning = {
      file: '/work/repo/specs/web.yaml',
      line: 6,
      column: 5,
      code: 'SPEC_PLUGIN_WARNING',
      path: 'Properties.Instance.Properties',
      message: 'instance-cloud: region is deprecated',
    };

    const report = checkRunFor({ kind: 'planned', revision, plan: summed(planOf([missing('web', 2)])) }, places, {
      ...options('plan'),
      warnings: [warning],
    });

    expect(report.conclusion).toBe('success');
    expect(
      report.annotations.map((a) => `${a.path}:${a.start_line}:${a.start_column} ${a.annotation_level} ${a.title} ${a.message}`),
    ).toEqual([
      'specs/web.yaml:1:undefined warning tend: group web drift: 2 missing → plan: +2 ~0 -0',
      'specs/web.yaml:6:5 warning SPEC_PLUGIN_WARNING Properties.Instance.Properties: instance-cloud: region is deprecated',
    ]);
  });

  it("keeps the summary within GitHub's 65535 characters however many groups there are", () => {
    const groups = Array.from({ length: 3000 }, (_, i) => missing(`group-with-a-long-name-${i}`, 3));

    const report = checkRunFor({ kind: 'planned', revision, plan: summed(planOf(groups)) }, new Map(), options('plan'));

    expect(report.summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_LIMIT);
    expect(report.summary.length).toBeGreaterThan(CHECK_SUMMARY_LIMIT - 2048);
    expect(report.summary).toMatch(/> \*\*Truncated\*\* to fit a check run's 65535 characters: \d+ groups/);
  });
});
