import { apply } from '../../src/reconcile/apply.js';
import type { ApplyOptions } from '../../src/reconcile/apply.js';
import type { PlanAction } from '../../src/reconcile/types.js';
import type { GroupSpecShape, MemoryWorldKnobs } from '../helpers/memory-plugins.js';
import { groupPlan, groupSpec, memoryWorld, observationOf, planOf } from '../helpers/memory-plugins.js';

/** Replaces `members` stale instances of group `web` (cattle when a number, pets when logical IDs). */
async function rollout(members: number | string[], shape: GroupSpecShape, knobs: MemoryWorldKnobs = {}, extra: Partial<ApplyOptions> = {}) {
  const world = memoryWorld(knobs);
  const spec = groupSpec('web', typeof members === 'number' ? { ...shape, size: members } : { ...shape, logicalIds: members });
  const observed = world.instances.seed('web', 'sha-old', members);
  const actions: PlanAction[] = observed.map((old) => ({
    op: 'replace',
    instance: old.id,
    reason: 'stale',
    ...(old.logicalId === null ? {} : { logicalId: old.logicalId }),
  }));
  const options: ApplyOptions = { concurrency: 1, healthTimeoutMs: 30, healthPollMs: 2, revision: null, ...extra };

  const plan = planOf([groupPlan(spec, actions, { observed: observed.length })]);

  const applied = await apply(plan, [spec], observationOf({ web: observed }), world.registry, options);

  const calls = world.log.filter((call, i) => call !== world.log[i - 1] && !call.startsWith('prepare'));
  const live = world.instances.liveHistory.get('web') ?? [];
  return { ...world, group: applied.groups[0], calls, live };
}

const replaceOld = (id: string): string[] => [`drain ${id}`, `destroy ${id} rolling_update`];
const createNew = (id: string): string[] => [`provision ${id}`, `healthy ${id}`];

describe('rolling update: call order', () => {
  it('with MaxUnavailable 1, MaxSurge 0 destroys one, creates its successor, waits, then goes on', async () => {
    const { group, calls } = await rollout(2, { maxUnavailable: 1, maxSurge: 0 });

    expect(group).toMatchObject({ outcome: 'converged', outcomeError: null });
    expect(calls).toEqual([...replaceOld('old-1'), ...createNew('new-1'), ...replaceOld('old-2'), ...createNew('new-2')]);
  });

  it('with MaxUnavailable 2 replaces in pairs', async () => {
    const { calls } = await rollout(4, { maxUnavailable: 2, maxSurge: 0 });

    expect(calls).toEqual([
      ...replaceOld('old-1'),
      ...replaceOld('old-2'),
      'provision new-1',
      'provision new-2',
      'healthy new-1',
      'healthy new-2',
      ...replaceOld('old-3'),
      ...replaceOld('old-4'),
      'provision new-3',
      'provision new-4',
      'healthy new-3',
      'healthy new-4',
    ]);
  });

  it('with MaxUnavailable 0, MaxSurge 1 creates and waits before each destroy', async () => {
    const { calls } = await rollout(2, { maxUnavailable: 0, maxSurge: 1 });

    expect(calls).toEqual([...createNew('new-1'), ...replaceOld('old-1'), ...createNew('new-2'), ...replaceOld('old-2')]);
  });

  it('with MaxUnavailable 1, MaxSurge 1 surges one, destroys two, then fills in', async () => {
    const { calls } = await rollout(3, { maxUnavailable: 1, maxSurge: 1 });

    expect(calls).toEqual([
      ...createNew('new-1'),
      ...replaceOld('old-1'),
      ...replaceOld('old-2'),
      ...createNew('new-2'),
      ...createNew('new-3'),
      ...replaceOld('old-3'),
    ]);
  });

  it('keeps polling an instance whose health is unknown until it is healthy', async () => {
    const { group, log } = await rollout(1, {}, { flavor: { unknownPolls: 2 } });

    expect(group?.outcome).toBe('converged');
    expect(log.filter((call) => call === 'healthy new-1')).toHaveLength(3);
  });
});

describe('rolling update: bounds', () => {
  it.each([
    [5, 1, 0],
    [5, 2, 0],
    [5, 0, 1],
    [5, 1, 1],
    [7, 2, 3],
    [4, 3, 1],
    [3, 5, 5],
  ])('with %i instances, MaxUnavailable %i, MaxSurge %i never has more missing or extra', async (size, u, s) => {
    const { group, live, instances } = await rollout(size, { maxUnavailable: u, maxSurge: s });

    expect(group?.outcome).toBe('converged');
    expect(Math.min(...live)).toBeGreaterThanOrEqual(size - u);
    expect(Math.max(...live)).toBeLessThanOrEqual(size + s);
    expect(instances.observed('web').map((instance) => instance.tags['tend.config_sha'])).toEqual(Array(size).fill('sha-new'));
  });

  it('gives pets their logical IDs back and never surges', async () => {
    const { group, calls, live, instances } = await rollout(['a', 'b', 'c'], { maxUnavailable: 1, maxSurge: 2 });

    expect(group?.outcome).toBe('converged');
    expect(Math.max(...live)).toBe(3);
    expect(calls).toEqual([
      ...replaceOld('old-1'),
      ...createNew('new-1'),
      ...replaceOld('old-2'),
      ...createNew('new-2'),
      ...replaceOld('old-3'),
      ...createNew('new-3'),
    ]);
    expect(instances.observed('web').map((pet) => [pet.id, pet.logicalId, pet.tags['tend.logical_id']])).toEqual([
      ['new-1', 'a', 'a'],
      ['new-2', 'b', 'b'],
      ['new-3', 'c', 'c'],
    ]);
  });

  it.each<[number | string[], GroupSpecShape, string]>([
    [
      ['a', 'b'],
      { maxUnavailable: 0, maxSurge: 1 },
      'pets never surge (two instances cannot share a logical ID): set Updating.MaxUnavailable to 1 or more',
    ],
    [2, { maxUnavailable: 0, maxSurge: 0 }, 'Updating.MaxUnavailable and Updating.MaxSurge are both 0: set one of them to 1 or more'],
  ])('pauses at once when %j with %j cannot make progress', async (members, shape, why) => {
    const { group, log } = await rollout(members, shape);

    expect(group).toMatchObject({ outcome: 'paused', outcomeError: { message: `paused after 0 of 2 replacements: ${why}` } });
    expect(log).toEqual([]);
  });
});

describe('rolling update: stopping', () => {
  it('pauses on a health timeout and leaves the rest untouched', async () => {
    const { group, calls, instances } = await rollout(3, { maxUnavailable: 1 }, { flavor: { unhealthy: ['new-2'] } });

    expect(group).toMatchObject({
      outcome: 'paused',
      outcomeError: { message: 'paused after 1 of 3 replacements: instance new-2 not healthy after 30ms (last: unhealthy)' },
    });
    expect(calls).toEqual([...replaceOld('old-1'), ...createNew('new-1'), ...replaceOld('old-2'), ...createNew('new-2')]);
    expect(instances.observed('web').map((instance) => instance.id)).toEqual(['old-3', 'new-1', 'new-2']);
  });

  it('pauses on a failed provision mid-rollout', async () => {
    const { group, calls } = await rollout(3, { maxUnavailable: 1 }, { instance: { failProvisionOn: [2] } });

    expect(group).toMatchObject({
      outcome: 'paused',
      outcomeError: {
        message: 'paused after 1 of 3 replacements: could not provision an instance: instance-mem: provision: quota exceeded',
      },
    });
    expect(calls).toEqual([...replaceOld('old-1'), ...createNew('new-1'), ...replaceOld('old-2'), 'provision failed']);
  });

  it('pauses on a failed destroy before creating a successor', async () => {
    const { group, calls } = await rollout(2, { maxUnavailable: 0, maxSurge: 1 }, { instance: { failDestroyFor: ['old-2'] } });

    expect(group?.outcomeError?.message).toBe(
      'paused after 1 of 2 replacements: could not destroy old-2: instance-mem: destroy: cannot destroy old-2',
    );
    expect(calls).toEqual([...createNew('new-1'), ...replaceOld('old-1'), ...createNew('new-2'), 'drain old-2', 'destroy old-2 failed']);
  });

  it('stops between batches when aborted, and reports progress per batch', async () => {
    const controller = new AbortController();
    const messages: string[] = [];
    const onProgress = (_group: string, message: string): void => {
      messages.push(message);
      if (message === 'replaced 1/3') controller.abort();
    };

    const { group, calls } = await rollout(3, { maxUnavailable: 1 }, {}, { signal: controller.signal, onProgress });

    expect(group).toMatchObject({ outcome: 'interrupted', outcomeError: { message: 'interrupted after 1 of 3 replacements' } });
    expect(calls).toEqual([...replaceOld('old-1'), ...createNew('new-1')]);
    expect(messages).toEqual(['replacing 1/3 (batch 1)', 'replaced 1/3', 'interrupted after 1 of 3 replacements']);
  });
});
