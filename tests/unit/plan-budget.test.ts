import { plan } from '../../src/reconcile/plan.js';
import type { BudgetBlock, PlanInput } from '../../src/reconcile/types.js';
import { cattle, goods, input, inst, orphan } from '../helpers/plan-fixtures.js';

describe('plan: destroy budget', () => {
  it.each<[string, PlanInput, BudgetBlock | null]>([
    ['exactly at the absolute limit passes', input([cattle('g', 8)], { g: goods(10) }, { maxDestroy: 2 }), null],
    [
      'one over the absolute limit blocks',
      input([cattle('g', 7)], { g: goods(10) }, { maxDestroy: 2 }),
      { reason: 'destroy budget', destroy: 3, budget: 2 },
    ],
    [
      'the absolute limit adds up every group',
      input([cattle('g', 3), cattle('h', 3)], { g: goods(5), h: goods(5, 'h') }, { maxDestroy: 3 }),
      { reason: 'destroy budget', destroy: 4, budget: 3 },
    ],
    ['exactly at the percentage passes', input([cattle('g', 2)], { g: goods(4) }), null],
    [
      'one over the percentage blocks, naming the group',
      input([cattle('g', 1)], { g: goods(4) }),
      { reason: 'destroy budget', group: 'g', destroy: 3, budget: 2 },
    ],
    [
      'the percentage budget rounds down',
      input([cattle('g', 1)], { g: goods(3) }),
      { reason: 'destroy budget', group: 'g', destroy: 2, budget: 1 },
    ],
    ['scale to zero within the budget passes', input([cattle('g', 0)], { g: goods(3) }, { maxDestroyPercent: 100 }), null],
    [
      'scale to zero over the default percentage blocks',
      input([cattle('g', 0)], { g: goods(3) }),
      { reason: 'destroy budget', group: 'g', destroy: 3, budget: 1 },
    ],
    [
      'the absolute limit is reported before a group',
      input([cattle('g', 0)], { g: goods(4) }, { maxDestroy: 3 }),
      { reason: 'destroy budget', destroy: 4, budget: 3 },
    ],
    [
      'the first group over its percentage is reported',
      input([cattle('a', 4), cattle('b', 0), cattle('c', 0)], { a: goods(4), b: goods(2, 'b'), c: goods(3, 'c') }),
      { reason: 'destroy budget', group: 'b', destroy: 2, budget: 1 },
    ],
    [
      'replacements never count',
      input([cattle('g', 5)], { g: Array.from({ length: 5 }, (_, i) => inst(`s${i}`, { sha: 'old' })) }, { maxDestroy: 0 }),
      null,
    ],
    ['extras of report-mode groups never count', input([cattle('g', 0, 'report')], { g: goods(5) }, { maxDestroy: 0 }), null],
    ['policy report mode never counts', input([cattle('g', 0)], { g: goods(5) }, { maxDestroy: 0, mode: 'report' }), null],
    [
      'pruned orphans count against the absolute limit',
      input([], {}, { prune: true, maxDestroy: 4 }, [orphan('old', 3), orphan('old', 2, 'instance-kit')]),
      { reason: 'destroy budget', destroy: 5, budget: 4 },
    ],
    [
      'pruned orphans add up with group extras',
      input([cattle('g', 4)], { g: goods(5) }, { prune: true, maxDestroy: 3 }, [orphan('old', 3)]),
      { reason: 'destroy budget', destroy: 4, budget: 3 },
    ],
    [
      'a prune within the percentage of every managed instance passes',
      input([cattle('g', 4)], { g: goods(4) }, { prune: true }, [orphan('old', 4)]),
      null,
    ],
    [
      'a prune over the percentage of every managed instance blocks (a half-copied spec folder)',
      input(
        [cattle('g', 1)],
        { g: goods(1) },
        { prune: true },
        ['a', 'b', 'c', 'd', 'e', 'f', 'h'].map((id) => orphan(id, 1)),
      ),
      { reason: 'destroy budget', destroy: 7, budget: 4, managed: 8 },
    ],
    [
      'pruning everything tend manages blocks at the default percentage',
      input([], {}, { prune: true }, [orphan('old', 3)]),
      { reason: 'destroy budget', destroy: 3, budget: 1, managed: 3 },
    ],
    [
      'pruning everything passes at 100 percent',
      input([], {}, { prune: true, maxDestroyPercent: 100 }, [orphan('old', 5), orphan('older', 5)]),
      null,
    ],
    [
      'instances of report-mode groups are managed too',
      input([cattle('r', 3, 'report')], { r: goods(3) }, { prune: true }, [orphan('old', 3)]),
      null,
    ],
    [
      "a group's extras add up with the prune",
      input([cattle('g', 2)], { g: goods(4) }, { prune: true }, [orphan('old', 2)]),
      { reason: 'destroy budget', destroy: 4, budget: 3, managed: 6 },
    ],
    [
      "a group over its own percentage is reported before the prune's",
      input([cattle('g', 0)], { g: goods(2) }, { prune: true }, [orphan('old', 2)]),
      { reason: 'destroy budget', group: 'g', destroy: 2, budget: 1 },
    ],
    ['kept orphans never count, even at 0 percent', input([], {}, { prune: false, maxDestroyPercent: 0 }, [orphan('old', 5)]), null],
    ['kept orphans never count', input([], {}, { prune: false, maxDestroy: 0 }, [orphan('old', 5)]), null],
  ])('%s', (_name, planInput, blocked) => {
    const result = plan(planInput);

    expect(result.blocked).toEqual(blocked);
  });

  it('still lists every group, its drift and its actions when blocked', () => {
    const result = plan(input([cattle('g', 0), cattle('h', 2)], { g: goods(4), h: goods(1, 'h') }, { maxDestroy: 1 }));

    expect(result.blocked).toEqual({ reason: 'destroy budget', destroy: 4, budget: 1 });
    expect(result.groups.map((g) => [g.id, g.actions.length, g.drift.extra + g.drift.missing])).toEqual([
      ['g', 4, 4],
      ['h', 1, 1],
    ]);
    expect(result.summary).toMatchObject({ destroy: 4, create: 1 });
  });
});

describe('plan: orphans', () => {
  it.each([
    ['kept unless prune is on', false, true, 'correct', 'keep'],
    ['destroyed when prune is on', true, true, 'correct', 'destroy'],
    ['kept when the revision does not allow pruning', true, false, 'correct', 'keep'],
    ['kept in report mode, which changes nothing', true, true, 'report', 'keep'],
  ] as const)('are %s', (_name, prune, pruneAllowed, mode, action) => {
    const result = plan(input([], {}, { prune, pruneAllowed, mode }, [orphan('old', 2)]));

    expect(result.orphans).toEqual([{ group: 'old', instances: 2, action }]);
    expect(result.summary.destroy).toBe(action === 'destroy' ? 2 : 0);
  });

  it('merges a group reported by several plugins and sorts by group', () => {
    const orphans = [orphan('zeta', 1), orphan('alpha', 2, 'instance-kit'), orphan('alpha', 3), orphan('Beta', 1)];

    const result = plan(input([], {}, {}, orphans));

    expect(result.orphans).toEqual([
      { group: 'Beta', instances: 1, action: 'keep' },
      { group: 'alpha', instances: 5, action: 'keep' },
      { group: 'zeta', instances: 1, action: 'keep' },
    ]);
  });
});
