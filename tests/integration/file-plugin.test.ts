import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginError } from '../../src/errors.js';
import { FileInstancePlugin } from '../../src/plugins/file/file-instance-plugin.js';
import { describeInstancePluginContract, instanceSpec } from '../helpers/instance-plugin-contract.js';

describeInstancePluginContract('file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tend-file-contract-'));
  return { plugin: new FileInstancePlugin({ dir }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describe('FileInstancePlugin', () => {
  let root: string;
  let dir: string;
  let plugin: FileInstancePlugin;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tend-file-'));
    dir = join(root, 'instances');
    plugin = new FileInstancePlugin({ dir, name: 'instance-file' });
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const fileOf = (id: string): string => readFileSync(join(dir, id), 'utf8');

  it('writes a readable file: comment, one-line JSON header, then Init as the body', async () => {
    const spec = instanceSpec({ 'tend.group': 'web' }, { Init: 'apt-get update\nstart nginx', LogicalID: 'a' });

    const id = await plugin.provision(spec);

    const [comment, header, ...body] = fileOf(id).split('\n');
    expect(id).toMatch(/^web-[0-9a-f]{8}$/);
    expect(comment).toBe(`# tend instance ${id}; edits below show up as drift`);
    expect(JSON.parse(header!.slice(2))).toEqual({
      ID: id,
      LogicalID: 'a',
      Tags: { 'tend.group': 'web' },
      Spec: { Properties: { Note: 'contract' }, Tags: { 'tend.group': 'web' }, LogicalID: 'a', Attachments: null },
    });
    expect(body).toEqual(['apt-get update', 'start nginx', '']);
  });

  it.each([
    ['empty', '', ''],
    ['one line', 'echo hi', 'echo hi\n'],
    ['ending in a newline', 'echo hi\n', 'echo hi\n\n'],
  ])('round-trips an Init that is %s', async (_case, init, body) => {
    const id = await plugin.provision(instanceSpec({}, { Init: init }));

    const [found] = await plugin.describeInstances({}, true);

    expect(fileOf(id).split('\n').slice(2).join('\n')).toBe(body);
    expect(found?.Properties).toMatchObject({ Init: init });
  });

  it('names instances "instance-…" when there is no group tag', async () => {
    expect(await plugin.provision(instanceSpec({}))).toMatch(/^instance-[0-9a-f]{8}$/);
  });

  it('shows a hand edit of the body as the described Init', async () => {
    const id = await plugin.provision(instanceSpec({ g: 'x' }, { Init: 'echo original' }));
    writeFileSync(join(dir, id), fileOf(id).replace('echo original', 'echo tampered'));

    const [found] = await plugin.describeInstances({}, true);

    expect(found?.Properties).toMatchObject({ Init: 'echo tampered' });
  });

  it('label changes the current tags only: the stored spec and the body stay as provisioned', async () => {
    const id = await plugin.provision(instanceSpec({ g: 'x' }, { Init: 'echo hi' }));

    await plugin.label(id, { g: 'y' });
    const [found] = await plugin.describeInstances({ g: 'y' }, true);

    expect(found?.Tags).toEqual({ g: 'y' });
    expect(found?.Properties).toMatchObject({ Tags: { g: 'x' }, Init: 'echo hi' });
  });

  it('lists in ID order and skips dotfiles, temp files, odd names and folders', async () => {
    const ids = await Promise.all(['b', 'a', 'c'].map((g) => plugin.provision(instanceSpec({ 'tend.group': g }))));
    writeFileSync(join(dir, '.a-00000000.1234.tmp'), 'half');
    writeFileSync(join(dir, 'notes~'), 'scratch');
    mkdirSync(join(dir, 'sub-folder'));

    const found = await plugin.describeInstances({});

    expect(found.map((d) => d.ID)).toEqual([...ids].sort());
  });

  it('leaves no temp files after provisioning and labelling', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => plugin.provision(instanceSpec({ g: 'x' }))));
    await Promise.all(ids.map((id) => plugin.label(id, { h: 'y' })));

    expect(readdirSync(dir).sort()).toEqual([...ids].sort());
  });

  it('picks another ID when the random one is taken', async () => {
    const suffixes = ['aaaaaaaa', 'aaaaaaaa', 'bbbbbbbb'];
    const forced = new FileInstancePlugin({ dir, randomSuffix: () => suffixes.shift() ?? 'cccccccc' });

    const ids = [await forced.provision(instanceSpec({})), await forced.provision(instanceSpec({}))];

    expect(ids).toEqual(['instance-aaaaaaaa', 'instance-bbbbbbbb']);
  });

  it('never gives two provisions made at once the same ID, even when their random suffixes collide', async () => {
    const suffixes = ['aaaaaaaa', 'aaaaaaaa', 'bbbbbbbb'];
    const forced = new FileInstancePlugin({ dir, randomSuffix: () => suffixes.shift() ?? 'cccccccc' });

    const ids = await Promise.all([forced.provision(instanceSpec({})), forced.provision(instanceSpec({}))]);

    expect([...ids].sort()).toEqual(['instance-aaaaaaaa', 'instance-bbbbbbbb']);
    expect(readdirSync(dir).sort()).toEqual(['instance-aaaaaaaa', 'instance-bbbbbbbb']);
  });

  it('lets the event loop turn between the files it provisions and describes', async () => {
    const plugin = new FileInstancePlugin({ dir, sliceMs: 0 });
    let turns = 0;
    let counting = true;
    const count = (): void => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);

    await Promise.all(Array.from({ length: 300 }, () => plugin.provision(instanceSpec({ 'tend.group': 'web' }))));
    const afterProvisions = turns;
    const described = await Promise.all([plugin.describeInstances({}), plugin.describeInstances({})]);
    counting = false;

    expect(afterProvisions).toBeGreaterThanOrEqual(300);
    expect(turns - afterProvisions).toBeGreaterThanOrEqual(300);
    expect(described.map((d) => d.length)).toEqual([300, 300]);
  });

  it('describes a missing folder as no instances, and creates it on the first provision', async () => {
    const nested = new FileInstancePlugin({ dir: join(dir, 'deep', 'er') });

    const before = await nested.describeInstances({});
    const id = await nested.provision(instanceSpec({}));

    expect(before).toEqual([]);
    expect(readdirSync(join(dir, 'deep', 'er'))).toEqual([id]);
  });

  it('describes the files it keeps between describes exactly as it read them, each instance its own', async () => {
    const long = `start ${'x'.repeat(300)}`;
    const specs = [
      instanceSpec({ 'tend.group': 'web', tier: 'frontend' }, { Init: 'echo one' }),
      instanceSpec({ 'tend.group': 'web', tier: 'frontend' }, { Init: 'echo one' }),
      instanceSpec({ 'tend.group': 'web', tier: 'frontier' }, { Init: 'echo two', LogicalID: 'b' }),
      instanceSpec({ 'tend.group': 'web', tier: 'back' }, { Init: long, Properties: { Note: 'contract two' } }),
    ];
    for (const spec of specs) await plugin.provision(spec);
    const fresh = await new FileInstancePlugin({ dir }).describeInstances({}, true);

    const described = [];
    for (let i = 0; i < 3; i++) described.push(await plugin.describeInstances({}, true));

    expect(fresh).toHaveLength(4);
    expect(new Set(fresh.map((d) => d.ID)).size).toBe(4);
    for (const each of described) expect(each).toEqual(fresh);
  });

  it('wraps fs errors as PluginError with the plugin name and method', async () => {
    writeFileSync(join(root, 'a-file'), '');
    const broken = new FileInstancePlugin({ dir: join(root, 'a-file'), name: 'instance-file' });

    const error = await broken.describeInstances({}).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(PluginError);
    expect(error).toMatchObject({ plugin: 'instance-file', method: 'describeInstances', code: 'PLUGIN_ERROR' });
    expect((error as PluginError).cause).toMatchObject({ code: 'ENOTDIR' });
  });

  it.each(['destroy', 'label'] as const)('%s of a missing instance says so', async (method) => {
    const call = method === 'destroy' ? plugin.destroy('web-12345678', 'terminate') : plugin.label('web-12345678', {});

    await expect(call).rejects.toThrow(`instance-file: ${method}: instance web-12345678 not found`);
  });

  it.each([null, undefined, {}, { Note: 'x' }])('validate accepts %p', async (properties) => {
    await expect(plugin.validate(properties)).resolves.toBeUndefined();
  });

  it.each([
    ['str', 'a string'],
    [[1], 'a list'],
    [3, 'a number'],
    [true, 'a boolean'],
  ])('validate rejects %p', async (properties, got) => {
    await expect(plugin.validate(properties)).rejects.toThrow(`instance properties must be an object, got ${got}`);
  });

  describe('confinement to its folder', () => {
    const badIds = ['../x', '../instances-x', 'a/b', '/etc/passwd', '.', '..', '', '.hidden', 'a\\b', 'a\0b', 'x'.repeat(129)];
    const outside = (): string[] => readdirSync(root).filter((name) => name !== 'instances');

    beforeEach(async () => {
      await plugin.provision(instanceSpec({ g: 'x' }));
      writeFileSync(join(root, 'x'), 'outside');
    });

    const named = (values: string[]): Array<[string, string]> => values.map((value) => [JSON.stringify(value).slice(0, 20), value]);

    it.each(named(badIds))('destroy and label refuse the ID %s and touch nothing', async (_name, id) => {
      await expect(plugin.destroy(id, 'terminate')).rejects.toThrow(/invalid instance ID/);
      await expect(plugin.label(id, { a: 'b' })).rejects.toThrow(/invalid instance ID/);

      expect(outside()).toEqual(['x']);
      expect(readFileSync(join(root, 'x'), 'utf8')).toBe('outside');
    });

    it.each(named(['../../evil', '/abs/path', 'a/b', '..', '.hidden', 'x'.repeat(300), 'sp ace\n']))(
      'provision keeps a group tag %s inside the folder',
      async (_name, group) => {
        const id = await plugin.provision(
          instanceSpec({ 'tend.group': group, 'path/tag': '../../x' }, { Properties: { path: '/etc/passwd' } }),
        );

        expect(id).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/);
        expect(readdirSync(dir)).toContain(id);
        expect(outside()).toEqual(['x']);
      },
    );

    it('lists instances whose tags hold slashes like any other', async () => {
      const id = await plugin.provision(instanceSpec({ 'a/b': '../c' }));

      expect((await plugin.describeInstances({ 'a/b': '../c' })).map((d) => d.ID)).toEqual([id]);
    });
  });
});
