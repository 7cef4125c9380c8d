import { PluginError } from '../../src/errors.js';
import type { Allocation, FlavorPlugin, InstancePlugin } from '../../src/plugins/spi.js';
import { VanillaFlavor } from '../../src/plugins/vanilla/vanilla-flavor.js';
import { checkSpecs, validateAndPlan } from '../../src/reconcile/validate-and-plan.js';
import { problemLine } from '../../src/problem.js';
import type { SpecFile } from '../../src/group-spec/types.js';
import { MemoryInstancePlugin, MemoryPluginRegistry, MemoryFlavorPlugin } from '../helpers/memory-plugins.js';
import { webYaml } from '../helpers/spec-fixtures.js';

const F = 'specs/web.yaml';
/** The runner's defaults for checking specs (`--concurrency` 8). */
const CHECK = { concurrency: 8 };

function revision(files: SpecFile[]) {
  return { sha: null, files, pathExists: true };
}

function registry() {
  const log: string[] = [];
  return new MemoryPluginRegistry(
    { 'instance-file': new MemoryInstancePlugin('instance-file', log) },
    { 'flavor-vanilla': new MemoryFlavorPlugin('flavor-vanilla', log) },
  );
}

describe('checkSpecs caps the size of a group', () => {
  const huge = [{ path: F, content: webYaml({ allocation: '{Size: 1000000000}' }) }];

  it('at 10,000 instances when the caller gives no limit', async () => {
    const result = await checkSpecs(revision(huge), registry(), CHECK);

    expect(!result.ok && result.problems.map(problemLine)).toEqual([
      expect.stringMatching(/^specs\/web\.yaml:3:22 {2}SPEC_VALUE {2}Properties\.Allocation\.Size: 1000000000 is over the limit of 10000 /),
    ]);
  });

  it('at the limit the caller gives', async () => {
    const files = [{ path: F, content: webYaml({ allocation: '{Size: 20000}' }) }];

    const raised = await checkSpecs(revision(files), registry(), { ...CHECK, maxGroupSize: 50_000 });
    const lowered = await checkSpecs(revision(files), registry(), { ...CHECK, maxGroupSize: 100 });

    expect(raised.ok).toBe(true);
    expect(!lowered.ok && lowered.problems.map((p) => p.message)).toEqual([expect.stringContaining('over the limit of 100 instances')]);
  });

  it('before judging a revision plans anything', async () => {
    const policy = { mode: 'correct' as const, prune: false, maxDestroy: 10, maxDestroyPercent: 50 };

    const judged = await validateAndPlan(revision(huge), registry(), { policy, concurrency: 1, shard: null });

    expect(judged.kind).toBe('invalid');
  });
});

/** Plugins that note each validate call and reject properties holding `bad`. */
function judgingPlugins() {
  const calls: string[] = [];
  /** Notes `instance NOTE` or `flavor NOTE`, and refuses a Note starting with `bad` as the named plugin would. */
  const judge = (kind: string, name: string, properties: unknown): void => {
    const note = (properties as { Note?: string } | null)?.Note ?? '-';
    calls.push(`${kind} ${note}`);
    if (note.startsWith('bad')) throw new PluginError(name, 'validate', `${note} is refused`);
  };
  const instance: Pick<InstancePlugin, 'validate'> = { validate: async (properties) => judge('instance', 'instance-file', properties) };
  const flavor: Pick<FlavorPlugin, 'validate'> = {
    validate: async (properties, allocation: Allocation) => {
      judge('flavor', 'flavor-vanilla', properties);
      calls.push(`  allocation ${JSON.stringify(allocation)}`);
    },
  };
  const registry = new MemoryPluginRegistry({ 'instance-file': instance as InstancePlugin }, { 'flavor-vanilla': flavor as FlavorPlugin });
  return { calls, registry };
}

const instanceNote = (note: string): string => `{Plugin: instance-file, Properties: {Note: ${note}}}`;
const flavorNote = (note: string): string => `{Plugin: flavor-vanilla, Properties: {Note: ${note}}}`;

describe('checkSpecs asks the plugins about every well-formed block, whatever else is wrong', () => {
  it('reports the plugins’ rejections beside the reader’s problems, in other files and in the same group, sorted', async () => {
    const { registry } = judgingPlugins();
    const files = [
      { path: 'specs/a.yaml', content: webYaml({ id: 'a', instance: instanceNote('bad-a'), extra: '  Mode: fix' }) },
      { path: 'specs/b.yaml', content: webYaml({ id: 'b', flavor: flavorNote('bad-b') }) },
      { path: 'specs/c.yaml', content: 'ID: [' },
    ];

    const result = await checkSpecs(revision(files), registry, CHECK);

    expect(!result.ok && result.problems.map(problemLine)).toEqual([
      'specs/a.yaml:4:49  SPEC_PLUGIN_REJECTED  Properties.Instance.Properties: instance-file: validate: bad-a is refused',
      'specs/a.yaml:6:9  SPEC_VALUE  Properties.Mode: must be "correct" or "report"',
      'specs/b.yaml:5:48  SPEC_PLUGIN_REJECTED  Properties.Flavor.Properties: flavor-vanilla: validate: bad-b is refused',
      expect.stringMatching(/^specs\/c\.yaml:1:6 {2}SPEC_SYNTAX /),
    ]);
  });

  it('asks the flavor only when the allocation could be read, and the instance plugin only about a well-formed Instance', async () => {
    const { calls, registry } = judgingPlugins();
    const files = [
      {
        path: 'specs/a.yaml',
        content: webYaml({ id: 'a', allocation: '{Size: -1}', instance: instanceNote('a'), flavor: flavorNote('a') }),
      },
      {
        path: 'specs/b.yaml',
        content: webYaml({ id: 'b', instance: '{Plugin: instance-file, Properties: {Note: b}, Extra: 1}', flavor: flavorNote('b') }),
      },
      { path: 'specs/c.yaml', content: webYaml({ id: 'c', instance: '{Plugin: instance-swarm}', flavor: flavorNote('c') }) },
    ];

    const result = await checkSpecs(revision(files), registry, CHECK);

    expect(result.ok).toBe(false);
    expect(calls).toEqual([
      'instance a',
      'flavor b',
      '  allocation {"Size":3,"LogicalIDs":null}',
      'flavor c',
      '  allocation {"Size":3,"LogicalIDs":null}',
    ]);
  });

  it('gives the flavor the allocation of pets, and of the 2016 form, in a group with other problems', async () => {
    const { calls, registry } = judgingPlugins();
    const files = [
      { path: 'specs/a.yaml', content: webYaml({ id: 'a b', allocation: '{LogicalIDs: [x, y]}', flavor: flavorNote('a') }) },
      {
        path: 'specs/b.yaml',
        content: webYaml({ id: 'b', allocation: null, flavor: '{Plugin: flavor-vanilla, Properties: {Size: 2, Note: b}}', extra: 'X: 1' }),
      },
    ];

    const result = await checkSpecs(revision(files), registry, CHECK);

    expect(result.ok).toBe(false);
    expect(calls.filter((c) => !c.startsWith('instance'))).toEqual([
      'flavor a',
      '  allocation {"Size":0,"LogicalIDs":["x","y"]}',
      'flavor b',
      '  allocation {"Size":2,"LogicalIDs":null}',
    ]);
  });

  it('places a rejection of a group at its exact position', async () => {
    const { registry } = judgingPlugins();
    const files = [{ path: F, content: `# the web tier\n\n${webYaml({ flavor: flavorNote('bad') })}` }];

    const result = await checkSpecs(revision(files), registry, CHECK);

    expect(!result.ok && result.problems.map(problemLine)).toEqual([
      'specs/web.yaml:7:48  SPEC_PLUGIN_REJECTED  Properties.Flavor.Properties: flavor-vanilla: validate: bad is refused',
    ]);
  });

  it('leaves out the plugins of a file whose own problems were cut short', async () => {
    const { calls, registry } = judgingPlugins();
    const many = Array.from({ length: 60 }, (_, i) => `  Extra${i}: 1`).join('\n');
    const files = [
      { path: 'specs/a.yaml', content: webYaml({ id: 'a', instance: instanceNote('bad'), extra: many }) },
      { path: 'specs/b.yaml', content: webYaml({ id: 'b', instance: instanceNote('bad'), extra: '  Extra: 1' }) },
    ];

    const result = await checkSpecs(revision(files), registry, CHECK);
    const problems = result.ok ? [] : result.problems;

    expect(calls).toEqual(['instance bad', 'flavor -', '  allocation {"Size":3,"LogicalIDs":null}']);
    expect(problems.filter((p) => p.file === 'specs/a.yaml').at(-1)?.message).toBe('… and 10 more problems in this file');
    expect(problems.filter((p) => p.code === 'SPEC_PLUGIN_REJECTED').map((p) => p.file)).toEqual(['specs/b.yaml']);
  });
});

describe('checkSpecs shows what the plugins note about properties they accept as warnings', () => {
  const vanilla = () =>
    new MemoryPluginRegistry(
      { 'instance-file': new MemoryInstancePlugin('instance-file', []) },
      { 'flavor-vanilla': new VanillaFlavor({ name: 'flavor-vanilla' }) },
    );

  it('at the key vanilla does not know, with a suggestion, without failing the load', async () => {
    const content = `# the web tier\n${webYaml({ flavor: '{Plugin: flavor-vanilla, Properties: {Inits: [echo hi], KubeJoinIP: 10.0.0.1}}' })}`;

    const result = await checkSpecs(revision([{ path: F, content }]), vanilla(), CHECK);

    expect(result.ok).toBe(true);
    expect(result.warnings.map(problemLine)).toEqual([
      `${F}:6:49  SPEC_PLUGIN_WARNING  Properties.Flavor.Properties.Inits: flavor-vanilla: unknown key, ignored; did you mean "Init"?`,
      `${F}:6:67  SPEC_PLUGIN_WARNING  Properties.Flavor.Properties.KubeJoinIP: flavor-vanilla: unknown key, ignored; expected Init, Tags, Attachments, Size`,
    ]);
  });

  it('beside the problems of an invalid revision, sorted with the reader’s warnings', async () => {
    const files = [
      {
        path: 'specs/a.yaml',
        content: webYaml({ id: 'a', flavor: '{Plugin: flavor-vanilla, Properties: {Tgas: {}}}', extra: '  Mode: fix' }),
      },
      { path: 'specs/b.yaml', content: '' },
    ];

    const result = await checkSpecs(revision(files), vanilla(), CHECK);

    expect(result.ok).toBe(false);
    expect(result.warnings.map((w) => `${w.file}:${w.line}:${w.column} ${w.code} ${w.path}`)).toEqual([
      'specs/a.yaml:5:49 SPEC_PLUGIN_WARNING Properties.Flavor.Properties.Tgas',
      'specs/b.yaml:1:1 SPEC_EMPTY_FILE ',
    ]);
  });

  it.each([
    ['a note about the properties as a whole', { warnings: [{ message: 'deprecated' }] }, '4:49', 'Properties.Instance.Properties'],
    [
      'a note about a key they do not hold',
      { warnings: [{ key: 'Other', message: 'deprecated' }] },
      '4:49',
      'Properties.Instance.Properties',
    ],
    ['a note about a key they hold', { warnings: [{ key: 'Note', message: 'deprecated' }] }, '4:50', 'Properties.Instance.Properties.Note'],
  ])('placing %s', async (_what, notes, at, path) => {
    const instance = { validate: async () => notes } as unknown as InstancePlugin;
    const registry = new MemoryPluginRegistry({ 'instance-file': instance }, { 'flavor-vanilla': new VanillaFlavor() });

    const result = await checkSpecs(revision([{ path: F, content: webYaml() }]), registry, CHECK);

    expect(result.warnings.map(problemLine)).toEqual([`${F}:${at}  SPEC_PLUGIN_WARNING  ${path}: instance-file: deprecated`]);
  });

  it.each([
    ['nothing', undefined],
    ['no warnings', {}],
    ['warnings that are not a list', { warnings: 'careful' }],
    ['warnings without a message', { warnings: [null, 3, { key: 'Note' }] }],
  ])('ignoring notes that say %s', async (_what, notes) => {
    const instance = { validate: async () => notes } as unknown as InstancePlugin;
    const registry = new MemoryPluginRegistry({ 'instance-file': instance }, { 'flavor-vanilla': new VanillaFlavor() });

    const result = await checkSpecs(revision([{ path: F, content: webYaml() }]), registry, CHECK);

    expect(result).toMatchObject({ ok: true, warnings: [] });
  });
});
