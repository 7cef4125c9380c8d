import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginError } from '../../src/errors.js';
import { FileInstancePlugin } from '../../src/plugins/file/file-instance-plugin.js';
import type { InstancePlugin } from '../../src/plugins/spi.js';
import { instanceSpec } from '../helpers/instance-plugin-contract.js';
import { runTend } from '../helpers/run-tend.js';

const MIB = 1024 * 1024;
const SIZE_RULE = 'an instance file is at most 4 MiB (4194304 bytes)';
const RESTORE = 'tend leaves this file alone: restore the header, or move or delete the file';
const MOVE = 'tend leaves this file alone: move the file out of this folder, or delete it';

/** The change calls, each on an existing instance `id`. */
const changes: Record<'destroy' | 'label', (plugin: InstancePlugin, id: string) => Promise<void>> = {
  destroy: (plugin, id) => plugin.destroy(id, 'terminate'),
  label: (plugin, id) => plugin.label(id, { touched: 'yes' }),
};

describe('FileInstancePlugin touches only what tend made', () => {
  let root: string;
  let dir: string;
  let warnings: string[];
  let plugin: FileInstancePlugin;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tend-file-own-'));
    dir = join(root, 'instances');
    mkdirSync(dir);
    warnings = [];
    plugin = new FileInstancePlugin({ dir, name: 'instance-file', onWarning: (message) => warnings.push(message) });
  });

  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const fileOf = (name: string): string => readFileSync(join(dir, name), 'utf8');
  const provisionWeb = (overrides = {}): Promise<string> =>
    plugin.provision(instanceSpec({ 'tend.group': 'web', 'tend.config_sha': 'abc' }, overrides));
  const describedIds = async (): Promise<string[]> => (await plugin.describeInstances({}, true)).map((d) => d.ID);

  describe('files without tend’s line 1', () => {
    it.each([
      ['notes named like an instance of group backup', 'backup-20240115', 'notes\n'],
      ['a hand-made file named like an instance of group web', 'web-20240115', 'hand made\n'],
      ['an empty file', 'web-0a1b2c3d', ''],
      ['a script', 'web-deadbeef', '#!/bin/sh\necho hi\n'],
      [
        'a tend-like header under another comment',
        'web-12345678',
        '# tend notes\n# {"ID":"web-12345678","LogicalID":null,"Tags":{"tend.group":"web"},"Spec":{}}\n',
      ],
    ])('leaves %s undescribed and unmentioned', async (_case, name, text) => {
      writeFileSync(join(dir, name), text);
      const id = await provisionWeb();

      const ids = await describedIds();

      expect(ids).toEqual([id]);
      expect(warnings).toEqual([]);
      expect(fileOf(name)).toBe(text);
    });

    it.each(['destroy', 'label'] as const)('%s refuses a foreign file and leaves it in place', async (method) => {
      writeFileSync(join(dir, 'backup-20240115'), 'notes\n');

      const error = await changes[method](plugin, 'backup-20240115').catch((err: unknown) => err);

      expect(error).toBeInstanceOf(PluginError);
      expect((error as Error).message).toBe(
        `instance-file: ${method}: ${join(dir, 'backup-20240115')} is not a tend instance file (line 1 is not tend's); tend leaves it alone`,
      );
      expect(fileOf('backup-20240115')).toBe('notes\n');
    });

    it.each(['destroy', 'label'] as const)('%s refuses a symbolic link named like an instance, whatever it points to', async (method) => {
      const id = await provisionWeb();
      const outside = join(root, 'elsewhere');
      writeFileSync(outside, fileOf(id).replaceAll(id, 'web-5e11ed00'));
      symlinkSync(outside, join(dir, 'web-5e11ed00'));

      const ids = await describedIds();
      const call = changes[method](plugin, 'web-5e11ed00');

      expect(ids).toEqual([id]);
      await expect(call).rejects.toThrow(/is not a tend instance file/);
      expect(readdirSync(dir).sort()).toEqual([id, 'web-5e11ed00'].sort());
      expect(readFileSync(outside, 'utf8')).not.toContain('touched');
    });

    it('destroy refuses a FIFO named like an instance without opening it for reading', async () => {
      const fifo = join(dir, 'web-f1f0f1f0');
      execFileSync('mkfifo', [fifo]);
      // The writer's open succeeds only once a reader has the FIFO open, so it says whether destroy waited
      // for one; it also ends that wait, which would otherwise hang the suite.
      const writer = spawn('sh', ['-c', 'sleep 2; { echo reader-was-waiting; } 3>"$0"', fifo], { detached: true });
      let said = '';
      writer.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()));
      const closed = new Promise((resolve) => writer.on('close', resolve));

      const ids = await describedIds();
      const error = await plugin.destroy('web-f1f0f1f0', 'terminate').catch((err: unknown) => err);
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 500))]);
      if (writer.exitCode === null) process.kill(-writer.pid!, 'SIGTERM'); // sh and its sleep
      await closed;

      expect(said).toBe('');
      expect(ids).toEqual([]);
      expect((error as Error).message).toMatch(/is not a tend instance file/);
      expect(readdirSync(dir)).toEqual(['web-f1f0f1f0']);
    });
  });

  describe('damaged headers', () => {
    const firstLineOnly = (text: string): string => text.slice(0, text.indexOf('\n'));
    it.each([
      ['broken JSON', 'line 2 is not JSON', (text: string) => text.replace('\n# {', '\n# {{')],
      [
        'a non-string tag',
        'line 2 is JSON but not a tend header',
        (text: string) => text.replace('"tend.config_sha":"abc"', '"tend.config_sha":1'),
      ],
      ['no ID', 'line 2 is JSON but not a tend header', (text: string) => text.replace(/"ID":"[^"]*",/, '')],
      ['garbage on line 2', 'line 2 does not start with "# "', (text: string) => text.replace(/\n[^\n]*/, '\ngarbage')],
      ['line 1 alone', 'line 2 is missing', firstLineOnly],
    ])('warns about a header with %s, naming the file, and does not describe it', async (_case, damage, mangle) => {
      const id = await provisionWeb();
      const mangled = mangle(fileOf(id));
      writeFileSync(join(dir, id), mangled);

      const found = await plugin.describeInstances({});

      expect(found).toEqual([]);
      expect(warnings).toEqual([`${join(dir, id)}: damaged tend header (${damage}); ${RESTORE}`]);
      expect(fileOf(id)).toBe(mangled);
    });

    it('warns about a file it cannot read instead of failing describe', async () => {
      const id = await provisionWeb();
      writeFileSync(join(dir, 'web-0c0c0c0c'), 'secret\n', { mode: 0o000 });
      mkdirSync(join(root, 'specs'));
      writeFileSync(
        join(root, 'tend.config.yaml'),
        'plugins:\n  instance-file: {type: file, dir: instances}\n  flavor-vanilla: {type: vanilla}\n',
      );
      // Root reads every file, so the CLI is run as nobody when the tests run as root.
      chmodSync(root, 0o755);
      const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

      const run = await runTend(root, ['describe', '--json'], { user });

      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as Array<{ id: string }>).map((i) => i.id)).toEqual([id]);
      expect(run.stderr).toBe(
        `warning: ${join(dir, 'web-0c0c0c0c')}: cannot be read (EACCES), so tend cannot tell whether it is an instance; tend leaves this file alone: make it readable, or move it out of this folder\n`,
      );
    });

    it('does not claim a copy whose header is for another name (cp web-… web-….bak)', async () => {
      const id = await provisionWeb();
      copyFileSync(join(dir, id), join(dir, `${id}.bak`));

      const ids = await describedIds();

      expect(ids).toEqual([id]);
      expect(warnings).toEqual([
        `${join(dir, `${id}.bak`)}: damaged tend header (it is the header of instance ${id}, not of this file name: a copy?); ${MOVE}`,
      ]);
    });

    type Damage = (id: string, text: string) => { name: string; text: string };
    const brokenLine2: Damage = (id, text) => ({ name: id, text: text.replace('\n# {', '\n# {{') });
    const copied: Damage = (id, text) => ({ name: `${id}.bak`, text });
    it.each([
      ['destroy', 'a broken line 2', brokenLine2],
      ['label', 'a broken line 2', brokenLine2],
      ['destroy', 'a copy', copied],
      ['label', 'a copy', copied],
    ] as const)('%s refuses a file with %s and leaves it in place', async (method, _case, damage) => {
      const id = await provisionWeb();
      const { name, text } = damage(id, fileOf(id));
      writeFileSync(join(dir, name), text);

      const error = await changes[method](plugin, name).catch((err: unknown) => err);

      expect(error).toBeInstanceOf(PluginError);
      expect((error as Error).message).toContain(
        `instance-file: ${method}: instance ${name} is not changed: ${join(dir, name)}: damaged tend header (`,
      );
      expect(fileOf(name)).toBe(text);
    });

    it('destroy reads the file again: one replaced by hand since it was described is refused', async () => {
      const id = await provisionWeb();
      const [described] = await plugin.describeInstances({});
      writeFileSync(join(dir, id), 'my notes, saved over the instance\n');

      const call = plugin.destroy(described!.ID, 'terminate');

      await expect(call).rejects.toThrow(/is not a tend instance file/);
      expect(fileOf(id)).toBe('my notes, saved over the instance\n');
    });
  });

  describe('bounded reads', () => {
    it('ignores a 2 GB sparse file beside the instances', async () => {
      const id = await provisionWeb();
      writeFileSync(join(dir, 'database-dump'), '');
      truncateSync(join(dir, 'database-dump'), 2048 * MIB);

      const ids = await describedIds();

      expect(ids).toEqual([id]);
      expect(warnings).toEqual([]);
    });

    it('reports a 2 GB sparse file that starts with tend’s line 1 as too large, reading no further than the cap', async () => {
      const id = await provisionWeb();
      writeFileSync(join(dir, 'web-b16b16b1'), fileOf(id).replaceAll(id, 'web-b16b16b1'));
      truncateSync(join(dir, 'web-b16b16b1'), 2048 * MIB);

      const ids = await describedIds();
      const destroy = plugin.destroy('web-b16b16b1', 'terminate');

      expect(ids).toEqual([id]);
      expect(warnings).toEqual([
        `${join(dir, 'web-b16b16b1')}: damaged tend header (the file is ${2048 * MIB} bytes; ${SIZE_RULE}); ${MOVE}`,
      ]);
      await expect(destroy).rejects.toThrow(
        `is not changed: ${join(dir, 'web-b16b16b1')}: damaged tend header (the file is ${2048 * MIB} bytes;`,
      );
    });

    it('reads a large instance whole, and calls a tend-marked file over 4 MiB damaged', async () => {
      const large = await provisionWeb({ Init: 'x'.repeat(3 * MIB) });
      const tooLarge = await provisionWeb({ Init: 'echo small' });
      const grown = `${fileOf(tooLarge)}${'y'.repeat(4 * MIB)}`;
      writeFileSync(join(dir, tooLarge), grown);

      const found = await plugin.describeInstances({}, true);

      expect(found.map((d) => d.ID)).toEqual([large]);
      expect(found[0]?.Properties).toMatchObject({ Init: 'x'.repeat(3 * MIB) });
      expect(warnings).toEqual([`${join(dir, tooLarge)}: damaged tend header (the file is ${grown.length} bytes; ${SIZE_RULE}); ${MOVE}`]);
    });

    it.each([
      ['exactly 4 MiB is an instance', 0, true],
      ['one byte more is damaged', 1, false],
    ])('a tend file of %s', async (_case, extra, described) => {
      const id = await provisionWeb({ Init: 'echo padded' });
      const padded = fileOf(id).padEnd(4 * MIB + extra, '#');
      writeFileSync(join(dir, id), padded);

      const ids = await describedIds();

      expect(ids).toEqual(described ? [id] : []);
      expect(warnings).toHaveLength(described ? 0 : 1);
    });

    it('provision refuses to write an instance file it could not read back, and writes nothing', async () => {
      const call = provisionWeb({ Init: 'x'.repeat(4 * MIB) });

      await expect(call).rejects.toThrow(
        /^instance-file: provision: the new instance would be \d+ bytes; an instance file is at most 4 MiB/,
      );
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  describe('temp files of an interrupted apply', () => {
    const tendTemps = ['.web-0a1b2c3d.0123456789ab.tmp', '.instance-ffffffff.abcdef012345.tmp', '.my.group-1-00000000.000000000000.tmp'];
    const lookalikes = [
      '.web-0a1b2c3d.0123456789AB.tmp',
      '.web-0a1b2c3d.0123456789a.tmp',
      '.web-0a1b2c3d.0123456789abc.tmp',
      '.web-0a1b2c3d.0123456789ab.tmp~',
      '.web-0a1b2c3d.0123456789ab.temp',
      '..hidden.0123456789ab.tmp',
      '.a b.0123456789ab.tmp',
      '.notes.tmp',
      '.bashrc',
      'web-0a1b2c3d.0123456789ab.tmp',
    ];
    const leaveTemps = (): void => {
      for (const name of [...tendTemps, ...lookalikes]) writeFileSync(join(dir, name), 'half written');
      mkdirSync(join(dir, '.web-11111111.0123456789ab.tmp'));
    };
    const dotfiles = (): string[] =>
      readdirSync(dir)
        .filter((name) => name.includes('.'))
        .sort();

    it('describe never removes them: a plan may run beside an apply that is writing', async () => {
      leaveTemps();
      const before = dotfiles();

      await plugin.describeInstances({}, true);
      await plugin.describeInstances({});

      expect(dotfiles()).toEqual(before);
    });

    it.each(['provision', 'destroy', 'label'] as const)('the first %s removes tend’s temps and nothing else', async (method) => {
      const id = await new FileInstancePlugin({ dir }).provision(instanceSpec({ 'tend.group': 'web' }));
      leaveTemps();

      if (method === 'provision') await plugin.provision(instanceSpec({}));
      else await changes[method](plugin, id);

      expect(dotfiles()).toEqual([...lookalikes, '.web-11111111.0123456789ab.tmp'].sort());
      expect(warnings).toEqual([]);
    });

    it('sweeps once per process: a temp that appears after the first write is left to the next apply', async () => {
      await plugin.provision(instanceSpec({}));
      writeFileSync(join(dir, tendTemps[0]!), 'an apply killed later');

      await plugin.provision(instanceSpec({}));

      expect(dotfiles()).toEqual([tendTemps[0]]);
    });
  });
});
