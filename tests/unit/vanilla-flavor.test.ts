import { PluginError } from '../../src/errors.js';
import type { Allocation, FlavorIndex, InstanceSpec } from '../../src/plugins/spi.js';
import { VanillaFlavor } from '../../src/plugins/vanilla/vanilla-flavor.js';

const allocation: Allocation = { Size: 1, LogicalIDs: null };
const index: FlavorIndex = { Group: 'web', Sequence: 1 };

function spec(overrides: Partial<InstanceSpec> = {}): InstanceSpec {
  return {
    Properties: { Note: 'Instance properties version 1.0' },
    Tags: { 'tend.group': 'web', 'tend.config_sha': 'abc' },
    Init: '',
    LogicalID: null,
    Attachments: null,
    ...overrides,
  };
}

describe('VanillaFlavor.validate', () => {
  const flavor = new VanillaFlavor({ name: 'flavor-vanilla' });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', {}],
    [
      'InfraKit cattle',
      { Init: ['docker pull nginx:alpine'], Tags: { tier: 'web' }, Attachments: [{ ID: 'attachid', Type: 'attachtype' }] },
    ],
    ['empty Init (maas-vanilla)', { Init: [], Tags: { tier: 'web', project: 'infrakit' } }],
    ['the 2016 hello world Size', { Size: 1, Init: ['echo hi'] }],
    ['null fields', { Init: null, Tags: null, Attachments: null }],
    ['lower-case field names, as Go decodes them', { init: ['echo hi'], tags: { a: 'b' }, ATTACHMENTS: [] }],
  ])('accepts %s properties without a word', async (_case, properties) => {
    await expect(flavor.validate(properties, allocation)).resolves.toBeUndefined();
  });

  const EXPECTED = ['Init', 'Tags', 'Attachments', 'Size'];
  const unknown = (key: string) => ({ key, message: 'unknown key, ignored', expected: EXPECTED });

  it.each([
    ['a typo', { Inits: ['echo hi'], Tags: { a: 'b' } }, [unknown('Inits')]],
    [
      'kubernetes keys',
      { InitScriptTemplateURL: 'file:///worker-init.sh', KubeJoinIP: '192.168.2.200', KubeBindPort: 6443 },
      [unknown('InitScriptTemplateURL'), unknown('KubeJoinIP'), unknown('KubeBindPort')],
    ],
    ['zookeeper keys', { Type: 'member' }, [unknown('Type')]],
    ['combo keys', { Flavors: [{ Plugin: 'flavor-vanilla', Properties: { Init: ['vanilla one'] } }] }, [unknown('Flavors')]],
    ['a Size not spelled as the 2016 form spells it', { size: 1 }, [unknown('size')]],
    ['an empty unknown key', { Inits: null }, [unknown('Inits')]],
    [
      'a second spelling of a field, after the exact one',
      { init: ['b'], Init: ['a'] },
      [{ key: 'init', message: 'ignored, as "Init" is given too' }],
    ],
    ['two inexact spellings of a field', { tags: {}, TAGS: {} }, [{ key: 'TAGS', message: 'ignored, as "tags" is given too' }]],
    [
      'keys named like Object members, kept as any other key',
      JSON.parse('{"__proto__": 1, "constructor": 2, "toString": 3, "hasOwnProperty": 4, "Init": []}') as unknown,
      [unknown('__proto__'), unknown('constructor'), unknown('toString'), unknown('hasOwnProperty')],
    ],
  ])('accepts %s, warning about each key it ignores', async (_case, properties, warnings) => {
    await expect(flavor.validate(properties, allocation)).resolves.toEqual({ warnings });
  });

  it.each([
    ['a string', 'nope', 'properties: must be an object'],
    ['a list', [], 'properties: must be an object'],
    ['Init as a string', { Init: 'not-a-list' }, 'Init: must be a list of strings'],
    ['Init with a number', { Init: ['ok', 2] }, 'Init: must be a list of strings'],
    ['Tags as a list', { Tags: ['a'] }, 'Tags: must map names to strings'],
    ['a non-string tag', { Tags: { size: 3 } }, 'Tags: must map names to strings'],
    ['Attachments as an object', { Attachments: { ID: 'x' } }, 'Attachments: must be a list of {ID, Type}'],
    ['an attachment without Type', { Attachments: [{ ID: 'x' }] }, 'Attachments[0]: must be {ID, Type} with string values'],
  ])('rejects %s', async (_case, properties, message) => {
    await expect(flavor.validate(properties, allocation)).rejects.toThrow(`flavor-vanilla: validate: ${message}`);
  });

  it('names every bad field at once', async () => {
    const error = await flavor.validate({ Init: 'x', Tags: 1 }, allocation).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(PluginError);
    expect((error as PluginError).message).toBe(
      'flavor-vanilla: validate: Init: must be a list of strings; Tags: must map names to strings',
    );
  });
});

describe('VanillaFlavor.prepare', () => {
  const flavor = new VanillaFlavor();

  it.each([
    ['the flavor lines alone when the spec has none', '', ['a', 'b'], 'a\nb'],
    ['the spec first, then the flavor lines', 'base', ['a', 'b'], 'base\na\nb'],
    ['the spec alone when the flavor has none', 'base', [], 'base'],
    ['nothing from nothing', '', [], ''],
    ['empty flavor lines kept, as InfraKit did', '', ['a', '', 'b'], 'a\n\nb'],
  ])('joins Init: %s', async (_case, specInit, lines, expected) => {
    const prepared = await flavor.prepare({ Init: lines }, spec({ Init: specInit }), allocation, index);

    expect(prepared.Init).toBe(expected);
  });

  it("merges tags: the flavor wins, except over the spec's tend.* tags", async () => {
    const properties = { Tags: { tier: 'web', owner: 'flavor', 'tend.group': 'hijack', 'tend.extra': 'x' } };

    const prepared = await flavor.prepare(properties, spec({ Tags: { 'tend.group': 'web', owner: 'spec' } }), allocation, index);

    expect(prepared.Tags).toEqual({ 'tend.group': 'web', owner: 'flavor', tier: 'web', 'tend.extra': 'x' });
  });

  it('appends attachments, and gives null when there are none', async () => {
    const withSome = await flavor.prepare(
      { Attachments: [{ ID: 'vol-2', Type: 'ebs' }] },
      spec({ Attachments: [{ ID: 'vol-1', Type: 'ebs' }] }),
      allocation,
      index,
    );
    const withNone = await flavor.prepare({}, spec({ Attachments: [] }), allocation, index);

    expect(withSome.Attachments).toEqual([
      { ID: 'vol-1', Type: 'ebs' },
      { ID: 'vol-2', Type: 'ebs' },
    ]);
    expect(withNone.Attachments).toBeNull();
  });

  it('prepares the InfraKit-measured garethr example exactly', async () => {
    const properties = {
      Size: 1,
      Init: ['docker pull nginx:alpine', 'docker run -d -p 80:80 nginx-alpine'],
      Tags: { tier: 'web', project: 'infrakit' },
    };

    const prepared = await flavor.prepare(properties, spec(), allocation, index);

    expect(prepared).toEqual({
      Properties: { Note: 'Instance properties version 1.0' },
      Tags: { 'tend.config_sha': 'abc', 'tend.group': 'web', project: 'infrakit', tier: 'web' },
      Init: 'docker pull nginx:alpine\ndocker run -d -p 80:80 nginx-alpine',
      LogicalID: null,
      Attachments: null,
    });
  });

  it('keeps the LogicalID and never changes its inputs', async () => {
    const input = spec({ LogicalID: 'zk-1', Attachments: [{ ID: 'a', Type: 't' }] });
    const properties = { Init: ['x'], Tags: { a: 'b' }, Attachments: [{ ID: 'b', Type: 't' }] };
    const before = structuredClone({ input, properties });

    const prepared = await flavor.prepare(properties, input, allocation, index);

    expect(prepared.LogicalID).toBe('zk-1');
    expect({ input, properties }).toEqual(before);
    expect(prepared.Tags).not.toBe(input.Tags);
    expect(prepared.Attachments).not.toBe(input.Attachments);
  });

  it('rejects bad properties like validate does', async () => {
    await expect(flavor.prepare({ Init: 'x' }, spec(), allocation, index)).rejects.toThrow(
      'vanilla: prepare: Init: must be a list of strings',
    );
  });
});

describe('VanillaFlavor health and drain', () => {
  const flavor = new VanillaFlavor();
  const instance = { ID: 'web-1', LogicalID: null, Tags: {} };

  it('reports every instance healthy', async () => {
    expect(await flavor.healthy({}, instance)).toBe(1);
  });

  it('drains by doing nothing', async () => {
    await expect(flavor.drain({}, instance)).resolves.toBeUndefined();
  });
});
