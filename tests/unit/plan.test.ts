import { hasChanges, hasDrift, plan } from '../../src/reconcile/plan.js';
import type { ObservedInstance, PlanAction } from '../../src/reconcile/types.js';
import { cattle, goods, input, inst, orphan, pets } from '../helpers/plan-fixtures.js';

const zero = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };

const create: PlanAction = { op: 'create', reason: 'missing' };
const destroy = (instance: string): PlanAction => ({ op: 'destroy', instance, reason: 'extra' });
const replace = (instance: string, reason: 'stale' | 'modified' | 'unhealthy'): PlanAction => ({
  op: 'replace',
  instance,
  reason,
});

describe('plan: cattle drift kinds', () => {
  it.each<[string, number, ObservedInstance[], PlanAction[], Partial<typeof zero>]>([
    ['converged', 2, [inst('a'), inst('b')], [], {}],
    ['missing', 2, [inst('a')], [create], { missing: 1 }],
    ['extra', 1, [inst('a', { created: '1' }), inst('b', { created: '2' })], [destroy('b')], { extra: 1 }],
    ['stale', 1, [inst('a', { sha: 'old' })], [replace('a', 'stale')], { stale: 1 }],
    ['modified', 1, [inst('a', { modified: true })], [replace('a', 'modified')], { modified: 1 }],
    ['unhealthy', 1, [inst('a', { health: 2 })], [replace('a', 'unhealthy')], { unhealthy: 1 }],
    ['health unknown is not drift', 1, [inst('a', { health: 0 })], [], {}],
    [
      'stale wins over modified and unhealthy',
      1,
      [inst('a', { sha: 'old', modified: true, health: 2 })],
      [replace('a', 'stale')],
      { stale: 1 },
    ],
    ['modified wins over unhealthy', 1, [inst('a', { modified: true, health: 2 })], [replace('a', 'modified')], { modified: 1 }],
  ])('%s', (_name, size, instances, actions, drift) => {
    const result = plan(input([cattle('g', size)], { g: instances }));

    expect(result.groups[0]?.actions).toEqual(actions);
    expect(result.groups[0]?.drift).toEqual({ ...zero, ...drift });
  });
});

describe('plan: cattle scaling', () => {
  it.each<[string, number, number, PlanAction[]]>([
    ['3 → 5 creates two', 3, 5, [create, create]],
    ['5 → 2 destroys the three newest', 5, 2, [destroy('i4'), destroy('i3'), destroy('i2')]],
    ['3 → 0 destroys all', 3, 0, [destroy('i2'), destroy('i1'), destroy('i0')]],
    ['0 → 0 does nothing', 0, 0, []],
  ])('%s', (_name, observed, size, actions) => {
    const result = plan(input([cattle('g', size)], { g: goods(observed) }));

    expect(result.groups[0]?.actions).toEqual(actions);
    expect(result.groups[0]?.desired.size).toBe(size);
    expect(result.groups[0]?.observed.instances).toBe(observed);
  });

  it('breaks creation-time ties by ID, newest (highest) first, and counts an unknown time as oldest', () => {
    const at = { created: 't' };
    const instances = [inst('b', at), inst('c', at), inst('z'), inst('a', at)];

    const result = plan(input([cattle('g', 1)], { g: instances }, { maxDestroyPercent: 100 }));

    expect(result.groups[0]?.actions.map((a) => a.instance)).toEqual(['c', 'b', 'a']);
  });

  it('gives the same plan whatever order the plugin listed instances in', () => {
    const instances = [...goods(4), inst('s1', { sha: 'x', created: '2024' }), inst('u', { health: 2 })];

    const one = plan(input([cattle('g', 3)], { g: instances }, { maxDestroyPercent: 100 }));
    const two = plan(input([cattle('g', 3)], { g: [...instances].reverse() }, { maxDestroyPercent: 100 }));

    expect(two).toEqual(one);
  });
});

describe('plan: extras are the bad instances first', () => {
  it.each<[string, number, ObservedInstance[], PlanAction[]]>([
    [
      'all bad ones go before any good one, stale then modified then unhealthy',
      2,
      [...goods(2), inst('u', { health: 2 }), inst('m', { modified: true }), inst('s', { sha: 'old' })],
      [
        { op: 'destroy', instance: 's', reason: 'extra' },
        { op: 'destroy', instance: 'm', reason: 'extra' },
        { op: 'destroy', instance: 'u', reason: 'extra' },
      ],
    ],
    [
      'bad ones beyond the extras are kept and replaced',
      3,
      [...goods(2), inst('u', { health: 2 }), inst('s', { sha: 'old' })],
      [
        { op: 'destroy', instance: 's', reason: 'extra' },
        { op: 'replace', instance: 'u', reason: 'unhealthy' },
      ],
    ],
    [
      'then the newest good ones',
      1,
      [...goods(3), inst('s', { sha: 'old' })],
      [
        { op: 'destroy', instance: 's', reason: 'extra' },
        { op: 'destroy', instance: 'i2', reason: 'extra' },
        { op: 'destroy', instance: 'i1', reason: 'extra' },
      ],
    ],
    [
      'destroys, then creates, then replacements, stale before unhealthy',
      4,
      [inst('u', { health: 2, created: '1' }), inst('s', { sha: 'old', created: '2' })],
      [
        { op: 'create', reason: 'missing' },
        { op: 'create', reason: 'missing' },
        { op: 'replace', instance: 's', reason: 'stale' },
        { op: 'replace', instance: 'u', reason: 'unhealthy' },
      ],
    ],
  ])('%s', (_name, size, instances, actions) => {
    const result = plan(input([cattle('g', size)], { g: instances }, { maxDestroyPercent: 100 }));

    expect(result.groups[0]?.actions).toEqual(actions);
  });
});

describe('plan: report mode', () => {
  const instances = [...goods(3), inst('s', { sha: 'old' })];

  it.each([
    ['the group is in report mode', 'report' as const, 'correct' as const],
    ['the policy forces report mode', 'correct' as const, 'report' as const],
  ])('counts drift but plans no action when %s', (_name, groupMode, policyMode) => {
    const result = plan(input([cattle('g', 2, groupMode)], { g: instances }, { mode: policyMode }));

    expect(result.groups[0]).toMatchObject({ mode: 'report', actions: [], drift: { ...zero, extra: 2 } });
    expect(result.summary).toMatchObject({ drifted: 1, create: 0, destroy: 0, replace: 0 });
    expect(hasDrift(result)).toBe(true);
    expect(hasChanges(result)).toBe(false);
  });
});

describe('plan: a group that could not be observed', () => {
  it('carries the error, no drift and no action, and counts in summary.errors', () => {
    const result = plan(input([cattle('g', 2), cattle('h', 1)], { g: { error: 'instance-file: boom' }, h: [] }));

    expect(result.groups[0]).toEqual({
      id: 'g',
      mode: 'correct',
      desired: { size: 2, configSha: 'sha-now' },
      observed: { instances: 0 },
      drift: zero,
      actions: [],
      error: { code: 'PLUGIN_ERROR', message: 'instance-file: boom', transient: true },
    });
    expect(result.groups[1]?.actions).toEqual([{ op: 'create', reason: 'missing' }]);
    expect(result.summary).toEqual({ groups: 2, drifted: 1, create: 1, destroy: 0, replace: 0, errors: 1 });
  });
});

describe('plan: the JSON contract (README: JSON output and Safety)', () => {
  it('prints groups, orphans, summary and blocked with the documented keys and nesting', () => {
    const observed = { web: [...goods(2), inst('web-7f3a', { sha: 'old' })] };
    const planInput = input([cattle('web', 3)], observed, {}, [orphan('old', 2)]);

    const json = JSON.parse(JSON.stringify(plan(planInput))) as unknown;

    expect(json).toEqual({
      revision: 'rev1',
      groups: [
        {
          id: 'web',
          mode: 'correct',
          desired: { size: 3, configSha: 'sha-now' },
          observed: { instances: 3 },
          drift: { missing: 0, extra: 0, stale: 1, modified: 0, unhealthy: 0 },
          actions: [{ op: 'replace', instance: 'web-7f3a', reason: 'stale' }],
          error: null,
        },
      ],
      orphans: [{ group: 'old', instances: 2, action: 'keep' }],
      summary: { groups: 1, drifted: 1, create: 0, destroy: 0, replace: 1, errors: 0 },
      blocked: null,
    });
    expect(Object.keys(json as object)).toEqual(['revision', 'groups', 'orphans', 'summary', 'blocked']);
  });
  it('holds no outcome: how a group or a prune ended is what apply returns, never part of a plan', () => {
    const result = plan(input([cattle('web', 1)], { web: [inst('a')] }, {}, [orphan('old', 1)]));

    // @ts-expect-error a plan's group has no outcome (apply's AppliedGroup has)
    expect(result.groups[0]?.outcome).toBeUndefined();
    // @ts-expect-error a plan's orphan has no prune outcome (apply's AppliedOrphan has)
    expect(result.orphans[0]?.outcome).toBeUndefined();
  });
});

describe('plan: summary', () => {
  it('counts desired groups, drifted groups and actions, pruned orphans as destroys', () => {
    const planInput = input(
      [cattle('ok', 1), cattle('up', 3), pets('db', ['a', 'b']), cattle('watch', 0, 'report')],
      {
        ok: [inst('o')],
        up: [inst('u1', { sha: 'old' })],
        db: [inst('d1', { logicalId: 'a', health: 2 }), inst('d2', { logicalId: 'zz' })],
        watch: [inst('w')],
      },
      { prune: true, maxDestroyPercent: 100 },
      [orphan('gone', 2)],
    );

    const result = plan(planInput);

    expect(result.summary).toEqual({ groups: 4, drifted: 3, create: 3, destroy: 3, replace: 2, errors: 0 });
  });
});

describe('hasChanges and hasDrift', () => {
  it.each([
    ['converged, no orphans', [inst('a')], [], false, false, false],
    ['an action', [], [], false, true, true],
    ['a kept orphan', [inst('a')], [orphan('old', 1)], false, false, true],
    ['an orphan to prune', [inst('a')], [orphan('old', 1)], true, true, true],
  ])('%s', (_name, instances, orphans, prune, changes, drift) => {
    const result = plan(input([cattle('g', 1)], { g: instances }, { prune }, orphans));

    expect(hasChanges(result)).toBe(changes);
    expect(hasDrift(result)).toBe(drift);
  });
});
