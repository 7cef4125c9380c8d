import { plan } from '../../src/reconcile/plan.js';
import type { ObservedInstance, PlanAction } from '../../src/reconcile/types.js';
import { input, inst, pets } from '../helpers/plan-fixtures.js';

describe('plan: pets', () => {
  it.each<[string, string[], ObservedInstance[], PlanAction[]]>([
    ['converged', ['a', 'b'], [inst('x', { logicalId: 'a' }), inst('y', { logicalId: 'b' })], []],
    [
      'a logical ID without an instance is created for that ID',
      ['a', 'b', 'c'],
      [inst('y', { logicalId: 'b' })],
      [
        { op: 'create', logicalId: 'a', reason: 'missing' },
        { op: 'create', logicalId: 'c', reason: 'missing' },
      ],
    ],
    ['the logical ID may come from the tag when the plugin reports none', ['a'], [inst('x', { lidTag: 'a' })], []],
    [
      'of duplicates the oldest is kept',
      ['a'],
      [inst('new', { logicalId: 'a', created: '2' }), inst('old', { logicalId: 'a', created: '1' })],
      [{ op: 'destroy', instance: 'new', reason: 'extra' }],
    ],
    [
      'of duplicates a good one is kept before an older bad one',
      ['a'],
      [inst('old', { logicalId: 'a', created: '1', sha: 'x' }), inst('new', { logicalId: 'a', created: '2' })],
      [{ op: 'destroy', instance: 'old', reason: 'extra' }],
    ],
    [
      'of bad duplicates the oldest is kept and replaced',
      ['a'],
      [inst('new', { logicalId: 'a', created: '2', health: 2 }), inst('old', { logicalId: 'a', created: '1', sha: 'x' })],
      [
        { op: 'destroy', instance: 'new', reason: 'extra' },
        { op: 'replace', instance: 'old', logicalId: 'a', reason: 'stale' },
      ],
    ],
    [
      'a kept bad instance is replaced for its logical ID',
      ['a', 'b'],
      [inst('x', { logicalId: 'a', modified: true }), inst('y', { logicalId: 'b', health: 2 })],
      [
        { op: 'replace', instance: 'x', logicalId: 'a', reason: 'modified' },
        { op: 'replace', instance: 'y', logicalId: 'b', reason: 'unhealthy' },
      ],
    ],
    [
      'instances of logical IDs not in the spec, or of none, are destroyed',
      ['a'],
      [inst('x', { logicalId: 'a' }), inst('gone', { logicalId: 'z', created: '1' }), inst('anon', { created: '2' })],
      [
        { op: 'destroy', instance: 'gone', reason: 'extra' },
        { op: 'destroy', instance: 'anon', reason: 'extra' },
      ],
    ],
    [
      'destroys, then creates, then replacements',
      ['a', 'b'],
      [inst('x', { logicalId: 'a', sha: 'x' }), inst('z', { logicalId: 'z' })],
      [
        { op: 'destroy', instance: 'z', reason: 'extra' },
        { op: 'create', logicalId: 'b', reason: 'missing' },
        { op: 'replace', instance: 'x', logicalId: 'a', reason: 'stale' },
      ],
    ],
  ])('%s', (_name, logicalIds, instances, actions) => {
    const result = plan(input([pets('db', logicalIds)], { db: instances }, { maxDestroyPercent: 100 }));

    expect(result.groups[0]?.actions).toEqual(actions);
    expect(result.groups[0]?.desired.size).toBe(logicalIds.length);
  });

  it('counts each action under its drift kind', () => {
    const instances = [
      inst('dup1', { logicalId: 'a', created: '1' }),
      inst('dup2', { logicalId: 'a', created: '2' }),
      inst('s', { logicalId: 'b', sha: 'x' }),
      inst('m', { logicalId: 'c', modified: true }),
      inst('u', { logicalId: 'd', health: 2 }),
    ];

    const result = plan(input([pets('db', ['a', 'b', 'c', 'd', 'e'])], { db: instances }));

    expect(result.groups[0]?.drift).toEqual({ missing: 1, extra: 1, stale: 1, modified: 1, unhealthy: 1 });
  });
});
