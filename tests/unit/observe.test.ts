import { TendError } from '../../src/errors.js';
import { RawJson } from '../../src/raw-json.js';
import type {
  Allocation,
  FlavorIndex,
  FlavorPlugin,
  Health,
  InstanceDescription,
  InstancePlugin,
  InstanceSpec,
  PluginRegistry,
  Tags,
} from '../../src/plugins/spi.js';
import { observe } from '../../src/reconcile/observe.js';
import { TAG_CONFIG_SHA, TAG_CREATED, TAG_GROUP, TAG_LOGICAL_ID } from '../../src/reconcile/tags.js';
import type { GroupSpec } from '../../src/group-spec/types.js';
import { SHA, cattle, pets } from '../helpers/plan-fixtures.js';

class FakeInstancePlugin implements InstancePlugin {
  readonly describeCalls: Array<[Tags, boolean | undefined]> = [];
  constructor(private readonly answer: InstanceDescription[] | Error) {}
  async describeInstances(tags: Tags, properties?: boolean): Promise<InstanceDescription[]> {
    this.describeCalls.push([tags, properties]);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
  validate = unused;
  provision = unused;
  destroy = unused;
  label = unused;
}

interface PrepareCall {
  properties: unknown;
  spec: InstanceSpec;
  allocation: Allocation;
  index: FlavorIndex;
}

class FakeFlavor implements FlavorPlugin {
  readonly prepareCalls: PrepareCall[] = [];
  readonly healthyCalls: InstanceDescription[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly health: (d: InstanceDescription) => Health | Error = () => 1,
    private readonly tags: Tags = {},
  ) {}
  async prepare(properties: unknown, spec: InstanceSpec, allocation: Allocation, index: FlavorIndex): Promise<InstanceSpec> {
    this.prepareCalls.push({ properties, spec, allocation, index });
    return { ...spec, Tags: { ...spec.Tags, ...this.tags }, Init: initFor(spec.LogicalID) };
  }
  async healthy(_properties: unknown, instance: InstanceDescription): Promise<Health> {
    this.healthyCalls.push(instance);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    this.inFlight--;
    const health = this.health(instance);
    if (health instanceof Error) throw health;
    return health;
  }
  validate = unused;
  drain = unused;
}

async function unused(): Promise<never> {
  throw new Error('not used by observe');
}

/** What the fake flavor puts in Init: depends on the logical ID, as a real flavor's may. */
function initFor(logicalId: string | null): string {
  return `start ${logicalId ?? 'cattle'}`;
}

function registry(instances: Record<string, InstancePlugin>, flavors: Record<string, FlavorPlugin>): PluginRegistry {
  const find = <T>(table: Record<string, T>, name: string): T => {
    const plugin = table[name.split('/')[0] ?? name];
    if (!plugin) throw new TendError('PLUGIN_NOT_CONFIGURED', `plugin "${name}" is not configured`);
    return plugin;
  };
  return {
    names: () => new Set([...Object.keys(instances), ...Object.keys(flavors)]),
    instance: (name) => find(instances, name),
    flavor: (name) => find(flavors, name),
    instancePlugins: () => Object.entries(instances),
  };
}

interface DescOptions {
  sha?: string;
  lid?: string;
  lidTag?: string;
  created?: string;
  properties?: unknown;
}

function desc(id: string, group: string | null, options: DescOptions = {}): InstanceDescription {
  const tags: Tags = { owner: 'someone' };
  if (group !== null) tags[TAG_GROUP] = group;
  if (group !== null) tags[TAG_CONFIG_SHA] = options.sha ?? SHA;
  if (options.lidTag !== undefined) tags[TAG_LOGICAL_ID] = options.lidTag;
  if (options.created !== undefined) tags[TAG_CREATED] = options.created;
  const description: InstanceDescription = { ID: id, LogicalID: options.lid ?? null, Tags: tags };
  if (options.properties !== undefined) description.Properties = options.properties;
  return description;
}

/** The spec an InfraKit plugin stores, as tend would have provisioned it for group `g`. */
function stored(overrides: Record<string, unknown> = {}, logicalId: string | null = null): Record<string, unknown> {
  const spec = { Properties: { Note: 'g' }, Tags: {}, Init: initFor(logicalId), LogicalID: logicalId, Attachments: null };
  return { ...spec, ...overrides };
}

/** One instance-file plugin answering `answer`, and flavor-vanilla. */
function fileRegistry(answer: InstanceDescription[], flavor: FlavorPlugin = new FakeFlavor()): PluginRegistry {
  return registry({ 'instance-file': new FakeInstancePlugin(answer) }, { 'flavor-vanilla': flavor });
}

function onPlugin(group: GroupSpec, plugin: string): GroupSpec {
  return { ...group, instance: { ...group.instance, plugin } };
}

const OPTIONS = { concurrency: 4 };

describe('observe: partition', () => {
  it('describes each instance plugin once, with properties, however many groups there are', async () => {
    const file = new FakeInstancePlugin([]);
    const kit = new FakeInstancePlugin([]);
    const groups = Array.from({ length: 20 }, (_, i) => cattle(`g${i}`, 1));

    const reg = registry({ 'instance-file': file, 'instance-kit': kit }, { 'flavor-vanilla': new FakeFlavor() });

    await observe(groups, reg, OPTIONS);

    expect(file.describeCalls).toEqual([[{}, true]]);
    expect(kit.describeCalls).toEqual([[{}, true]]);
  });

  it('sorts instances into their groups from every plugin, ignores untagged ones, and finds orphans', async () => {
    const file = new FakeInstancePlugin([
      desc('w1', 'web', { created: '2024-01-01T00:00:00Z' }),
      desc('mine', null),
      desc('o1', 'old'),
      desc('db1', 'db', { lidTag: 'a' }),
    ]);
    const kit = new FakeInstancePlugin([desc('w2', 'web', { sha: 'before-move' }), desc('o2', 'old'), desc('o3', 'older')]);
    const reg = registry({ 'instance-file': file, 'instance-kit': kit }, { 'flavor-vanilla': new FakeFlavor() });

    const result = await observe([cattle('web', 2), pets('db', ['a']), cattle('empty', 1)], reg, OPTIONS);

    expect(result.groups.get('web')?.instances).toEqual([
      {
        id: 'w1',
        plugin: 'instance-file',
        logicalId: null,
        tags: { owner: 'someone', [TAG_GROUP]: 'web', [TAG_CONFIG_SHA]: SHA, [TAG_CREATED]: '2024-01-01T00:00:00Z' },
        modified: false,
        health: 1,
        created: '2024-01-01T00:00:00Z',
      },
      {
        id: 'w2',
        plugin: 'instance-kit',
        logicalId: null,
        tags: { owner: 'someone', [TAG_GROUP]: 'web', [TAG_CONFIG_SHA]: 'before-move' },
        modified: false,
        health: 1,
        created: '',
      },
    ]);
    expect(result.groups.get('db')?.instances.map((i) => [i.id, i.logicalId])).toEqual([['db1', 'a']]);
    expect(result.groups.get('empty')).toEqual({ instances: [], error: null });
    expect(result.orphans.map((o) => [o.group, o.plugin, o.instances.map((i) => i.id)])).toEqual([
      ['old', 'instance-file', ['o1']],
      ['old', 'instance-kit', ['o2']],
      ['older', 'instance-kit', ['o3']],
    ]);
  });
});

describe('observe: modified', () => {
  it.each<[string, DescOptions, boolean]>([
    ['stored spec as provisioned', { properties: stored() }, false],
    ['properties changed out of band', { properties: stored({ Properties: { Note: 'edited' } }) }, true],
    ['Init changed out of band', { properties: stored({ Init: 'rm -rf /' }) }, true],
    ['stale instance (replaced anyway)', { sha: 'old', properties: stored({ Properties: { Note: 'edited' } }) }, false],
    ['properties in another shape', { properties: { Note: 'edited' } }, false],
    ['no properties reported', {}, false],
  ])('%s', async (_name, options, modified) => {
    const reg = fileRegistry([desc('i', 'g', options)]);

    const result = await observe([cattle('g', 1)], reg, OPTIONS);

    expect(result.groups.get('g')?.instances[0]?.modified).toBe(modified);
  });

  it.each<[string, Tags, boolean]>([
    ['every tag the flavor sets, as it sets it', { tier: 'web', 'tend.group': 'g', [TAG_CONFIG_SHA]: SHA }, false],
    ['a tag the flavor sets, edited by hand', { tier: 'db', 'tend.group': 'g', [TAG_CONFIG_SHA]: SHA }, true],
    ['a tag the flavor sets, removed by hand', { 'tend.group': 'g', [TAG_CONFIG_SHA]: SHA }, true],
    ['a tag the plugin added of its own', { tier: 'web', zone: 'eu-1', 'tend.group': 'g', [TAG_CONFIG_SHA]: SHA }, false],
  ])('tags: %s', async (_name, tags, modified) => {
    const flavor = new FakeFlavor(() => 1, { tier: 'web', 'tend.group': 'not-for-flavors' });
    const description = { ...desc('i', 'g', { properties: stored() }), Tags: tags };

    const result = await observe([cattle('g', 1)], fileRegistry([description], flavor), OPTIONS);

    expect(result.groups.get('g')?.instances[0]?.modified).toBe(modified);
  });

  it('judges tags for plugins that report no stored spec too', async () => {
    const flavor = new FakeFlavor(() => 1, { tier: 'web' });
    const description = { ...desc('i', 'g'), Tags: { tier: 'db', 'tend.group': 'g', [TAG_CONFIG_SHA]: SHA } };

    const result = await observe([cattle('g', 1)], fileRegistry([description], flavor), OPTIONS);

    expect(result.groups.get('g')?.instances[0]?.modified).toBe(true);
  });

  it('compares properties whatever their key order', async () => {
    const instance = { plugin: 'instance-file', properties: { a: 1, b: { c: 2, d: 3 } } };
    const group: GroupSpec = { ...cattle('g', 1), instance };
    const properties = stored({ Properties: { b: { d: 3, c: 2 }, a: 1 } });
    const reg = fileRegistry([desc('i', 'g', { properties })]);

    const result = await observe([group], reg, OPTIONS);

    expect(result.groups.get('g')?.instances[0]?.modified).toBe(false);
  });

  it('compares stored properties with the ones the flavor hands back, which a flavor may change', async () => {
    // A flavor whose tool rounds numbers (jq 1.6 reads every number as a double): instances are made from what it returns.
    class RoundingFlavor extends FakeFlavor {
      override async prepare(properties: unknown, spec: InstanceSpec, allocation: Allocation, index: FlavorIndex): Promise<InstanceSpec> {
        const prepared = await super.prepare(properties, spec, allocation, index);
        return { ...prepared, Properties: JSON.parse(JSON.stringify(prepared.Properties)) as unknown };
      }
    }
    const serial = '12345678901234567890';
    const group: GroupSpec = { ...cattle('g', 2), instance: { plugin: 'instance-file', properties: { n: new RawJson(serial) } } };
    const asMade = desc('i', 'g', { properties: stored({ Properties: { n: Number(serial) } }) });
    const edited = desc('j', 'g', { properties: stored({ Properties: { n: new RawJson(serial) } }) });

    const result = await observe([group], fileRegistry([asMade, edited], new RoundingFlavor()), OPTIONS);

    expect(result.groups.get('g')?.instances.map((i) => [i.id, i.modified])).toEqual([
      ['i', false],
      ['j', true],
    ]);
  });

  it('treats absent instance properties as null on both sides', async () => {
    const group: GroupSpec = { ...cattle('g', 1), instance: { plugin: 'instance-file', properties: undefined } };
    const reg = registry(
      { 'instance-file': new FakeInstancePlugin([desc('i', 'g', { properties: stored({ Properties: null }) })]) },
      { 'flavor-vanilla': new FakeFlavor() },
    );

    const result = await observe([group], reg, OPTIONS);

    expect(result.groups.get('g')?.instances[0]?.modified).toBe(false);
  });

  it('asks the flavor for the Init once per cattle group, as the executor would prepare it', async () => {
    const flavor = new FakeFlavor();
    const descriptions = ['a', 'b', 'c'].map((id) => desc(id, 'g', { properties: stored() }));
    const group = { ...cattle('g', 3), flavor: { plugin: 'flavor-vanilla', properties: { Init: ['x'] } } };

    await observe([group], fileRegistry(descriptions, flavor), OPTIONS);

    expect(flavor.prepareCalls).toEqual([
      {
        properties: { Init: ['x'] },
        spec: { Properties: { Note: 'g' }, Tags: {}, Init: '', LogicalID: null, Attachments: null },
        allocation: { Size: 3, LogicalIDs: null },
        index: { Group: 'g', Sequence: 3 },
      },
    ]);
  });

  it('asks the flavor once per logical ID for pets, never for logical IDs not in the spec', async () => {
    const flavor = new FakeFlavor();
    const descriptions = [
      desc('a1', 'g', { lid: 'a', properties: stored({}, 'a') }),
      desc('a2', 'g', { lid: 'a', properties: stored({ Init: 'other' }, 'a') }),
      desc('b1', 'g', { lidTag: 'b', properties: stored({}, 'b') }),
      desc('z1', 'g', { lid: 'z', properties: stored({ Init: 'other' }, 'z') }),
    ];

    const result = await observe([pets('g', ['a', 'b', 'c'])], fileRegistry(descriptions, flavor), OPTIONS);

    expect(flavor.prepareCalls.map((c) => c.spec.LogicalID).sort()).toEqual(['a', 'b']);
    expect(flavor.prepareCalls[0]).toMatchObject({
      allocation: { Size: 0, LogicalIDs: ['a', 'b', 'c'] },
      index: { Group: 'g', Sequence: 3 },
    });
    expect(result.groups.get('g')?.instances.map((i) => [i.id, i.modified])).toEqual([
      ['a1', false],
      ['a2', true],
      ['b1', false],
      ['z1', false],
    ]);
  });
});

describe('observe: health', () => {
  it('records the flavor health of each instance, passing descriptions without their stored spec', async () => {
    const flavor = new FakeFlavor((d) => (d.ID === 'sick' ? 2 : d.ID === 'new' ? 0 : 1));
    const descriptions = ['ok', 'sick', 'new'].map((id) => desc(id, 'g', { properties: stored() }));

    const result = await observe([cattle('g', 3)], fileRegistry(descriptions, flavor), OPTIONS);

    expect(result.groups.get('g')?.instances.map((i) => [i.id, i.health])).toEqual([
      ['ok', 1],
      ['sick', 2],
      ['new', 0],
    ]);
    expect(flavor.healthyCalls.every((d) => !('Properties' in d))).toBe(true);
  });

  it('keeps no more flavor calls in flight than the concurrency allows', async () => {
    const flavor = new FakeFlavor();
    const descriptions = Array.from({ length: 50 }, (_, i) => desc(`i${i}`, i % 2 ? 'g' : 'h'));

    await observe([cattle('g', 25), cattle('h', 25)], fileRegistry(descriptions, flavor), { concurrency: 3 });

    expect(flavor.healthyCalls).toHaveLength(50);
    expect(flavor.maxInFlight).toBe(3);
  });

  it('fails the group whose flavor cannot judge health, and only that group', async () => {
    const flavor = new FakeFlavor((d) => (d.ID === 'g2' ? new Error('flavor-vanilla: Healthy: timed out') : 1));
    const descriptions = [desc('g1', 'g'), desc('g2', 'g'), desc('h1', 'h')];

    const result = await observe([cattle('g', 2), cattle('h', 1)], fileRegistry(descriptions, flavor), OPTIONS);

    expect(result.groups.get('g')?.error?.message).toBe('flavor-vanilla: Healthy: timed out');
    expect(result.groups.get('h')).toMatchObject({ error: null, instances: [{ id: 'h1', health: 1 }] });
  });
});

describe('observe: failures stay with the groups they concern', () => {
  it('fails the groups of a plugin that cannot describe, and leaves out its orphans', async () => {
    const broken = new FakeInstancePlugin(new Error('connect ENOENT /run/kit.sock'));
    const file = new FakeInstancePlugin([desc('f1', 'fine'), desc('o1', 'old')]);
    const groups = [onPlugin(cattle('k', 1), 'instance-kit'), onPlugin(cattle('ks', 1), 'instance-kit/sub'), cattle('fine', 1)];
    const reg = registry({ 'instance-kit': broken, 'instance-file': file }, { 'flavor-vanilla': new FakeFlavor() });

    const result = await observe(groups, reg, OPTIONS);

    expect(result.groups.get('k')?.error?.message).toBe('connect ENOENT /run/kit.sock');
    expect(result.groups.get('ks')?.error?.message).toBe('connect ENOENT /run/kit.sock');
    expect(result.groups.get('fine')).toMatchObject({ error: null, instances: [{ id: 'f1' }] });
    expect(result.orphans.map((o) => [o.group, o.plugin])).toEqual([['old', 'instance-file']]);
  });

  it.each<[string, GroupSpec]>([
    ['its flavor is not configured', { ...cattle('g', 1), flavor: { plugin: 'flavor-swarm', properties: {} } }],
    ['its instance plugin is not configured', onPlugin(cattle('g', 1), 'instance-gone')],
  ])('fails a group when %s', async (_name, group) => {
    const reg = fileRegistry([desc('i', 'g'), desc('h1', 'h')]);

    const result = await observe([group, cattle('h', 1)], reg, OPTIONS);

    expect(result.groups.get('g')?.error?.message).toMatch(/is not configured/);
    expect(result.groups.get('h')?.error).toBeNull();
  });

  it('fails a group whose flavor cannot prepare the expected Init', async () => {
    const flavor = new FakeFlavor();
    flavor.prepare = async () => {
      throw new Error('flavor-vanilla: Prepare: bad Init');
    };
    const descriptions = [desc('a', 'g', { properties: stored() }), desc('b', 'g', { properties: stored() })];

    const result = await observe([cattle('g', 2)], fileRegistry(descriptions, flavor), OPTIONS);

    expect(result.groups.get('g')?.error?.message).toBe('flavor-vanilla: Prepare: bad Init');
  });
});
