import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileInstancePlugin } from '../../src/plugins/file/file-instance-plugin.js';
import type { InstanceChange } from '../../src/plugins/spi.js';
import { until } from '../helpers/until.js';

const SPEC = {
  Properties: { Note: 'v1' },
  Tags: { 'tend.group': 'web', tier: 'front' },
  Init: 'echo hi',
  LogicalID: null,
  Attachments: null,
};

describe('the file plugin watching its folder', () => {
  let dir: string;
  let plugin: FileInstancePlugin;
  let told: InstanceChange[][];
  let stop: () => void;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tend-watch-files-'));
    plugin = new FileInstancePlugin({ dir, watchDebounceMs: 10 });
    told = [];
    stop = plugin.watch((changes) => told.push([...changes]));
  });

  afterEach(() => {
    stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Waits long enough for any event of what was just done to have been told (many debounce windows). */
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

  it('does not tell of the changes it makes itself', async () => {
    const id = await plugin.provision(SPEC);
    await plugin.label(id, { extra: 'yes' });
    await plugin.destroy(id, 'terminate');
    await settle();

    expect(told).toEqual([]);
  });

  it('tells of a file deleted by hand with the tags it last described, and of one edited with the tags in it', async () => {
    const [gone, edited] = [await plugin.provision(SPEC), await plugin.provision(SPEC)];
    await plugin.describeInstances({});
    await settle();

    rmSync(path.join(dir, gone));
    await until(() => told.length > 0, 5000);
    appendFileSync(path.join(dir, edited), 'one more line\n');
    await until(() => told.length > 1, 5000);

    expect(told[0]).toEqual([{ id: gone, tags: expect.objectContaining({ 'tend.group': 'web', tier: 'front' }) as unknown }]);
    expect(told[1]).toEqual([{ id: edited, tags: expect.objectContaining({ 'tend.group': 'web' }) as unknown }]);
  });

  it('gathers a burst into one call, ignores temp files, and tells a foreign file with no tags', async () => {
    const ids = [await plugin.provision(SPEC), await plugin.provision(SPEC), await plugin.provision(SPEC)];
    await settle();

    for (const id of ids) rmSync(path.join(dir, id));
    writeFileSync(path.join(dir, '.web-1.0a1b2c3d4e5f.tmp'), 'half');
    writeFileSync(path.join(dir, 'notes'), 'not an instance');
    await until(() => told.flat().length >= 4, 5000);

    expect(told).toHaveLength(1);
    expect(told[0]?.map((c) => c.id).sort()).toEqual([...ids, 'notes'].sort());
    expect(told[0]?.find((c) => c.id === 'notes')?.tags).toEqual({});
  });

  it.each([
    ['while it watches', true],
    ['once it no longer watches', false],
  ])('describes again a file edited by hand after describes that could reuse what they read, %s', async (_when, watching) => {
    const id = await plugin.provision(SPEC);
    await plugin.describeInstances({}, true);
    await plugin.describeInstances({}, true);
    if (!watching) stop();

    appendFileSync(path.join(dir, id), 'edited by hand\n');
    if (watching) await until(() => told.length > 0, 5000);
    const [described] = await plugin.describeInstances({}, true);

    expect((described?.Properties as { Init: string }).Init).toContain('edited by hand');
  });

  it('tells nothing once stopped', async () => {
    const id = await plugin.provision(SPEC);
    stop();

    rmSync(path.join(dir, id));
    await settle();

    expect(told).toEqual([]);
  });
});
