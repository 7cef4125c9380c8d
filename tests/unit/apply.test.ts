import { apply } from '../../src/reconcile/apply.js';
import type { ApplyOptions } from '../../src/reconcile/apply.js';
import { TendError } from '../../src/errors.js';
import type { PluginRegistry } from '../../src/plugins/spi.js';
import type { AppliedGroup } from '../../src/reconcile/applied-plan.js';
import type { GroupPlan, ObservedInstance, PlanAction } from '../../src/reconcile/types.js';
import type { GroupSpec } from '../../src/group-spec/types.js';
import {
  MemoryFlavorPlugin,
  MemoryInstancePlugin,
  MemoryPluginRegistry,
  groupPlan,
  groupSpec,
  memoryWorld,
  observationOf,
  planOf,
} from '../helpers/memory-plugins.js';

const CREATED = new Date('2024-05-01T12:00:00.000Z');

function options(extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return { concurrency: 4, healthTimeoutMs: 40, healthPollMs: 2, revision: 'rev-1', now: () => CREATED, ...extra };
}

/** Applies a plan of one group in one memory world and returns that group's plan, outcome set. */
async function applyOne(
  registry: PluginRegistry,
  group: GroupPlan,
  spec: GroupSpec,
  observed: ObservedInstance[] = [],
  extra: Partial<ApplyOptions> = {},
): Promise<AppliedGroup | undefined> {
  const plan = await apply(planOf([group]), [spec], observationOf({ [spec.id]: observed }), registry, options(extra));
  return plan.groups[0];
}

const creates = (n: number): PlanAction[] => Array.from({ length: n }, () => ({ op: 'create', reason: 'missing' }));
const extra = (id: string): PlanAction => ({ op: 'destroy', instance: id, reason: 'extra' });

describe('apply: creating and destroying', () => {
  it('creates missing instances tagged by tend, shaped by the flavor', async () => {
    const { log, instances, flavor, registry } = memoryWorld();
    const spec = groupSpec('web', { size: 2 });

    const group = await applyOne(registry, groupPlan(spec, creates(2)), spec);

    expect(group).toMatchObject({ outcome: 'converged', outcomeError: null });
    expect(log).toEqual(['prepare web', 'prepare web', 'provision new-1', 'provision new-2']);
    expect(instances.instances.get('new-1')).toEqual({
      Properties: { Note: 'web' },
      Tags: {
        'tend.group': 'web',
        'tend.config_sha': 'sha-new',
        'tend.revision': 'rev-1',
        'tend.created': '2024-05-01T12:00:00.000Z',
        tier: 'test',
      },
      Init: 'echo hello',
      LogicalID: null,
      Attachments: null,
    });
    expect(flavor.prepared[0]).toMatchObject({ allocation: { Size: 2, LogicalIDs: null }, index: { Group: 'web', Sequence: 2 } });
  });

  it('drains then destroys extras, then creates, each through the right plugin', async () => {
    const log: string[] = [];
    const current = new MemoryInstancePlugin('instance-mem', log);
    const previous = new MemoryInstancePlugin('instance-old', log, { idPrefix: 'was-' });
    const flavor = new MemoryFlavorPlugin('flavor-mem', log);
    const registry = new MemoryPluginRegistry({ 'instance-mem': current, 'instance-old': previous }, { 'flavor-mem': flavor });
    const spec = groupSpec('db', { logicalIds: ['a', 'c'] });
    const observed = [...current.seed('db', 'sha-new', ['a']), ...previous.seed('db', 'sha-new', ['z'])];
    const actions: PlanAction[] = [extra('was-old-1'), { op: 'create', logicalId: 'c', reason: 'missing' }];

    const group = await applyOne(registry, groupPlan(spec, actions), spec, observed);

    expect(group?.outcome).toBe('converged');
    expect(log).toEqual(['drain was-old-1', 'destroy was-old-1 terminate', 'prepare db/c', 'provision new-1']);
    expect([...previous.instances.keys()]).toEqual([]);
    expect([...current.instances.keys()]).toEqual(['old-1', 'new-1']);
    expect(current.instances.get('new-1')).toMatchObject({ LogicalID: 'c', Tags: { 'tend.logical_id': 'c' } });
  });

  it('stops a group at its first failed destroy and creates nothing', async () => {
    const { log, instances, registry } = memoryWorld({ instance: { failDestroyFor: ['old-1'] } });
    const spec = groupSpec('web', { size: 1 });
    const observed = instances.seed('web', 'sha-old', 1);

    const group = await applyOne(registry, groupPlan(spec, [extra('old-1'), ...creates(1)]), spec, observed);

    expect(group).toMatchObject({
      outcome: 'failed',
      outcomeError: { message: 'stopped after destroying 0 of 1: could not destroy old-1: instance-mem: destroy: cannot destroy old-1' },
    });
    expect(log).toEqual(['drain old-1', 'destroy old-1 failed']);
  });

  it('starts no new create after a failed one and says how many were made', async () => {
    const { log, registry } = memoryWorld({ instance: { failProvisionOn: [1], delayMs: 5 } });
    const spec = groupSpec('web', { size: 10 });

    const group = await applyOne(registry, groupPlan(spec, creates(10)), spec);

    expect(group?.outcome).toBe('failed');
    expect(group?.outcomeError?.message).toBe(
      'stopped after creating 7 of 10: could not provision an instance: instance-mem: provision: quota exceeded',
    );
    expect(log.filter((call) => call.startsWith('provision'))).toHaveLength(8);
  });
});

describe('apply: tend tags', () => {
  it.each([
    ['rewrites them', { overrideTags: { 'tend.group': 'evil', 'tend.config_sha': 'x', 'tend.revision': 'y', extra: 'kept' } }],
    ['drops them', { dropTags: true }],
    ['adds one tend did not set', { overrideTags: { 'tend.logical_id': 'fake', extra: 'kept' } }],
  ])('keeps them when the flavor %s', async (_what, flavorKnobs) => {
    const { instances, registry } = memoryWorld({ flavor: flavorKnobs });
    const spec = groupSpec('web', { size: 1 });

    await applyOne(registry, groupPlan(spec, creates(1)), spec);

    const tags = instances.instances.get('new-1')?.Tags ?? {};
    expect(Object.entries(tags).filter(([key]) => key.startsWith('tend.'))).toEqual([
      ['tend.group', 'web'],
      ['tend.config_sha', 'sha-new'],
      ['tend.revision', 'rev-1'],
      ['tend.created', '2024-05-01T12:00:00.000Z'],
    ]);
    expect(tags.tier).toBe('test');
  });

  it('leaves tend.revision out when there is no revision', async () => {
    const { instances, registry } = memoryWorld();
    const spec = groupSpec('web', { size: 1 });

    await applyOne(registry, groupPlan(spec, creates(1)), spec, [], { revision: null });

    expect(instances.instances.get('new-1')?.Tags).not.toHaveProperty('tend.revision');
  });
});

describe('apply: groups', () => {
  it('touches nothing and throws BLOCKED for a blocked plan', async () => {
    const { log, registry } = memoryWorld();
    const spec = groupSpec('web');
    const plan = planOf([groupPlan(spec, creates(3))], { blocked: { reason: 'destroy budget', destroy: 12, budget: 5 } });

    const result = apply(plan, [spec], observationOf({ web: [] }), registry, options());

    await expect(result).rejects.toThrow(TendError);
    await expect(result).rejects.toMatchObject({ code: 'BLOCKED' });
    expect(log).toEqual([]);
  });

  it.each([
    [{ stale: 2 }, 'drifted'],
    [{}, 'converged'],
  ])('leaves a report-mode group with drift %j untouched and %s', async (drift, outcome) => {
    const { log, registry } = memoryWorld();
    const spec = groupSpec('web', { mode: 'report' });

    const group = await applyOne(registry, groupPlan(spec, creates(1), { drift }), spec);

    expect(group).toMatchObject({ outcome, outcomeError: null });
    expect(log).toEqual([]);
  });

  it('fails a group that could not be observed without calling anything', async () => {
    const { log, registry } = memoryWorld();
    const spec = groupSpec('web');

    const unobserved = groupPlan(spec, creates(3), { error: 'instance-mem: describe: timed out' });

    const group = await applyOne(registry, unobserved, spec);

    expect(group).toMatchObject({ outcome: 'failed', outcomeError: { message: 'instance-mem: describe: timed out' } });
    expect(log).toEqual([]);
  });

  it('applies the other groups when one fails', async () => {
    const { instances, registry } = memoryWorld();
    const broken = groupSpec('broken', { size: 1, instancePlugin: 'instance-gone' });
    const fine = groupSpec('fine', { size: 2 });
    const plan = planOf([groupPlan(broken, creates(1)), groupPlan(fine, creates(2))]);

    const observation = observationOf({ broken: [], fine: [] });

    const result = await apply(plan, [broken, fine], observation, registry, options({ concurrency: 1 }));

    expect(result.groups.map((group) => [group.id, group.outcome])).toEqual([
      ['broken', 'failed'],
      ['fine', 'converged'],
    ]);
    expect(result.groups[0]?.outcomeError?.message).toBe('instance plugin "instance-gone" is not configured');
    expect(instances.count('fine')).toBe(2);
  });

  it.each([1, 2, 5])('runs at most %i groups at once', async (concurrency) => {
    const { instances, registry } = memoryWorld({ instance: { delayMs: 15 } });
    const specs = ['a', 'b', 'c', 'd', 'e'].map((id) => groupSpec(id, { size: 1 }));
    const plan = planOf(specs.map((spec) => groupPlan(spec, creates(1))));

    const observation = observationOf(Object.fromEntries(specs.map((spec) => [spec.id, []])));

    const result = await apply(plan, specs, observation, registry, options({ concurrency }));

    expect(instances.maxInFlight).toBe(concurrency);
    expect(result.groups.every((group) => group.outcome === 'converged')).toBe(true);
  });

  it('reports progress per group, ending with the outcome', async () => {
    const { registry } = memoryWorld();
    const spec = groupSpec('web', { size: 3 });
    const messages: string[] = [];

    const onProgress = (group: string, message: string): number => messages.push(`${group}: ${message}`);

    await applyOne(registry, groupPlan(spec, creates(3)), spec, [], { onProgress });

    expect(messages).toEqual(['web: creating 3', 'web: created 1/3', 'web: created 2/3', 'web: created 3/3', 'web: converged']);
  });

  it('starts nothing once aborted and says so', async () => {
    const { log, registry } = memoryWorld();
    const spec = groupSpec('web');
    const controller = new AbortController();
    controller.abort();

    const group = await applyOne(registry, groupPlan(spec, creates(3)), spec, [], { signal: controller.signal });

    expect(group).toMatchObject({ outcome: 'interrupted', outcomeError: { message: 'interrupted before any change' } });
    expect(log).toEqual([]);
  });
});

describe('apply: prune', () => {
  it('destroys orphans marked destroy without draining, and keeps the others', async () => {
    const { log, instances, registry } = memoryWorld();
    const gone = instances.seed('gone', 'sha-x', 2);
    const kept = instances.seed('kept', 'sha-x', 1);
    const orphans = [
      { group: 'gone', plugin: 'instance-mem', instances: gone },
      { group: 'kept', plugin: 'instance-mem', instances: kept },
    ];
    const plan = planOf([], {
      orphans: [
        { group: 'gone', instances: 2, action: 'destroy' },
        { group: 'kept', instances: 1, action: 'keep' },
      ],
    });

    const result = await apply(plan, [], observationOf({}, orphans), registry, options());

    expect(result.orphans).toEqual([
      { group: 'gone', instances: 2, action: 'destroy', outcome: 'destroyed', outcomeError: null },
      { group: 'kept', instances: 1, action: 'keep', outcome: null, outcomeError: null },
    ]);
    expect(log).toEqual(['destroy old-1 terminate', 'destroy old-2 terminate']);
    expect(instances.count('kept')).toBe(1);
  });

  it('returns and reports a failed prune, and prunes the other orphan groups', async () => {
    const { log, instances, registry } = memoryWorld({ instance: { failDestroyFor: ['old-1'] } });
    const orphans = [
      { group: 'first', plugin: 'instance-mem', instances: instances.seed('first', 'sha-x', 1) },
      { group: 'second', plugin: 'instance-mem', instances: instances.seed('second', 'sha-x', 1) },
    ];
    const plan = planOf([], {
      orphans: [
        { group: 'first', instances: 1, action: 'destroy' },
        { group: 'second', instances: 1, action: 'destroy' },
      ],
    });
    const messages: string[] = [];
    const onProgress = (group: string, message: string): number => messages.push(`${group}: ${message}`);

    const result = await apply(plan, [], observationOf({}, orphans), registry, options({ onProgress }));

    const why = 'instance-mem: stopped after destroying 0 of 1: instance-mem: destroy: cannot destroy old-1';
    expect(result.orphans).toEqual([
      {
        group: 'first',
        instances: 1,
        action: 'destroy',
        outcome: 'failed',
        outcomeError: { code: 'PLUGIN_ERROR', message: why, transient: false },
      },
      { group: 'second', instances: 1, action: 'destroy', outcome: 'destroyed', outcomeError: null },
    ]);
    expect(messages).toContain(`first: prune failed: ${why}`);
    expect(log).toEqual(['destroy old-1 failed', 'destroy old-2 terminate']);
  });
});
