import { unpruned, type AppliedOrphan } from '../../src/reconcile/applied-plan.js';
import { summaryLine } from '../../src/report/plan-text.js';
import { prunedText } from '../../src/report/pruned-text.js';
import { appliedPlanOf, groupPlan, groupSpec, withOutcome } from '../helpers/memory-plugins.js';

const destroyed = (group: string): AppliedOrphan => ({ group, instances: 1, action: 'destroy', outcome: 'destroyed', outcomeError: null });

describe('prunedText', () => {
  it.each<[string, AppliedOrphan[], string | null]>([
    ['nothing pruned', [], null],
    ['orphans kept', [unpruned({ group: 'old', instances: 2, action: 'keep' })], null],
    ['one group', [destroyed('old')], 'pruned old'],
    ['three groups, each named', ['a', 'b', 'c'].map(destroyed), 'pruned a, b, c'],
    ['many groups, counted', ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(destroyed), 'pruned 7 groups: a, b, c, …'],
    [
      'only the groups whose prune went through',
      [destroyed('a'), { group: 'b', instances: 1, action: 'destroy', outcome: 'failed', outcomeError: null }],
      'pruned a',
    ],
  ])('%s', (_case, orphans, text) => {
    expect(prunedText(orphans)).toBe(text);
  });

  it("names the pruned groups in apply's summary line", () => {
    const plan = appliedPlanOf([withOutcome(groupPlan(groupSpec('web', { size: 1 }), []), 'converged')], {
      orphans: [destroyed('old'), destroyed('legacy')],
    });
    plan.summary = { groups: 1, drifted: 0, create: 0, destroy: 2, replace: 0, errors: 0 };

    expect(summaryLine({ kind: 'applied', plan }, 'apply')).toBe(
      'Apply complete: 1 converged; pruned old, legacy (planned 0 creates, 0 replacements, 2 destroys).',
    );
  });
});
