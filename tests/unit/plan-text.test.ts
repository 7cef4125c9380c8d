import { blockedLine, planText } from '../../src/report/plan-text.js';
import type { PlanAction } from '../../src/reconcile/types.js';
import { appliedPlanOf, groupPlan, groupSpec, planOf, withOutcome } from '../helpers/memory-plugins.js';

describe('planText', () => {
  it('shows each action under its group and a Terraform-like summary', () => {
    const plan = planOf([
      groupPlan(
        groupSpec('web', { size: 3 }),
        [
          { op: 'create', reason: 'missing' },
          { op: 'replace', instance: 'web-1', reason: 'stale' },
        ],
        {
          observed: 2,
          drift: { missing: 1, stale: 1 },
        },
      ),
    ]);
    plan.summary = { groups: 1, drifted: 1, create: 1, destroy: 0, replace: 1, errors: 0 };

    expect(planText({ kind: 'planned', plan }, 'plan').split('\n')).toEqual([
      'web  desired 3, observed 2  drift: 1 missing, 1 stale',
      '  + create instance (missing)',
      '  ~ replace web-1 (stale)',
      '',
      'Plan: 1 to create, 1 to replace, 0 to destroy.',
    ]);
  });

  it('never calls a group it could not observe "in sync"', () => {
    const plan = appliedPlanOf([
      withOutcome(groupPlan(groupSpec('web', { size: 3 }), [], { error: 'file: describeInstances: EACCES' }), 'failed'),
    ]);

    expect(planText({ kind: 'applied', plan }, 'apply')).toContain('web  error: file: describeInstances: EACCES  → failed');
    expect(planText({ kind: 'applied', plan }, 'apply')).not.toContain('in sync');
  });

  it('does not repeat an outcome its message already names', () => {
    const paused = withOutcome(groupPlan(groupSpec('web', { size: 3 }), []), 'paused', {
      code: 'PLUGIN_ERROR',
      message: 'paused after 1 of 3 replacements: x',
      transient: false,
    });

    expect(planText({ kind: 'applied', plan: appliedPlanOf([paused]) }, 'apply')).toContain('→ paused after 1 of 3 replacements: x');
  });

  it('renders a group of 200,000 actions', () => {
    const actions: PlanAction[] = Array.from({ length: 200_000 }, () => ({ op: 'create', reason: 'missing' }));

    const plan = planOf([groupPlan(groupSpec('big', { size: 200_000 }), actions)]);

    expect(planText({ kind: 'planned', plan }, 'plan').split('\n')).toHaveLength(200_003);
  });

  it('says by how much a blocked plan is over its budget, and which flag raises it', () => {
    expect(blockedLine({ reason: 'destroy budget', destroy: 12, budget: 10 })).toBe(
      'Blocked by the destroy budget: would destroy 12 instances, budget 10 (raise --max-destroy to allow it). Nothing was changed.',
    );
    expect(blockedLine({ reason: 'destroy budget', destroy: 3, budget: 2, group: 'web' })).toContain(
      'would destroy 3 instances in group web, budget 2 (raise --max-destroy-percent',
    );
    expect(blockedLine({ reason: 'destroy budget', destroy: 7, budget: 4, managed: 8 })).toContain(
      'would destroy 7 instances, pruning included, of the 8 tend manages, budget 4 (raise --max-destroy-percent',
    );
  });
});
