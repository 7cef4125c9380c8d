import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cattleYaml } from '../helpers/spec-text.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir, runTend, type TendRun } from '../helpers/run-tend.js';

describe('tend under pressure', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = makeWorkdir();
  });

  afterEach(() => work.cleanup());

  it('never interleaves two applies started together: the second waits, then finds nothing to do', async () => {
    // Enough instances that one apply lasts seconds, far longer than the two processes' start-ups differ.
    work.write('specs/web.yaml', cattleYaml('web', 600));

    const [first, second] = await Promise.all([
      runTend(work.dir, ['apply', '--lock-timeout', '60s'], { timeoutMs: 60_000 }),
      runTend(work.dir, ['apply', '--lock-timeout', '60s'], { timeoutMs: 60_000 }),
    ]);

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(instanceFiles(work.dir)).toHaveLength(600);
    expect([first.stdout, second.stdout].filter((out) => out.includes('planned 600 creates'))).toHaveLength(1);
  });

  it("splits groups between shards, and one shard never takes the other's instances for orphans", async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) work.write(`specs/${id}.yaml`, cattleYaml(id, 1));

    const first = await runTendHere(work.dir, ['apply', '--shard', '1/2', '--json']);
    const second = await runTendHere(work.dir, ['apply', '--shard', '2/2', '--json']);
    const again = await runTendHere(work.dir, ['plan', '--shard', '1/2', '--json']);
    const ids = (run: TendRun): string[] => (JSON.parse(run.stdout) as { groups: Array<{ id: string }> }).groups.map((g) => g.id);

    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect([...ids(first), ...ids(second)].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(ids(first).length).toBeGreaterThan(0);
    expect(ids(second).length).toBeGreaterThan(0);
    expect(instanceFiles(work.dir)).toHaveLength(6);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ orphans: [] });
  });

  it('keeps orphans in report mode even with --prune, and says why', async () => {
    work.write('specs/a.yaml', cattleYaml('a', 1));
    work.write('specs/b.yaml', cattleYaml('b', 1));
    await runTendHere(work.dir, ['apply']);
    work.write('specs/b.yaml', '');

    const run = await runTendHere(work.dir, ['apply', '--mode', 'report', '--prune']);

    expect(run.stderr).toContain('--prune is ignored in report mode');
    expect(instanceFiles(work.dir)).toHaveLength(2);
  });

  it('lets flags override the config file', async () => {
    work.write('tend.config.yaml', 'reconcile: {maxDestroy: 1, maxDestroyPercent: 100}\n');
    work.write('specs/a.yaml', cattleYaml('a', 3));
    await runTendHere(work.dir, ['apply']);
    work.write('specs/a.yaml', cattleYaml('a', 0));

    const refused = await runTendHere(work.dir, ['apply']);
    const allowed = await runTendHere(work.dir, ['apply', '--max-destroy', '3']);

    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('would destroy 3 instances, budget 1');
    expect(allowed.code).toBe(0);
    expect(instanceFiles(work.dir)).toEqual([]);
  });

  it('destroys a group no longer in the specs within the absolute budget alone', async () => {
    work.write('specs/a.yaml', cattleYaml('a', 1));
    work.write('specs/old.yaml', cattleYaml('old', 3));
    await runTendHere(work.dir, ['apply']);
    work.write('specs/old.yaml', '');

    const run = await runTendHere(work.dir, ['destroy', 'old']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Destroyed 3 of 3 instances of group old.');
    expect(instanceFiles(work.dir)).toHaveLength(1);
  });

  it('writes problems as JSON lines with their fields under --log-format json', async () => {
    work.write('specs/a.yaml', cattleYaml('a', 1).replace('Size: 1', 'Size: -1'));

    const run = await runTendHere(work.dir, ['--log-format', 'json', 'validate']);
    const first = JSON.parse(run.stderr.split('\n')[0] ?? '') as Record<string, unknown>;

    expect(run.code).toBe(1);
    expect(first).toMatchObject({ level: 50, file: 'specs/a.yaml', line: 4, column: 11, path: 'Properties.Allocation.Size' });
  });

  it.each([
    [
      'a file that is not UTF-8',
      (dir: string) => writeFileSync(path.join(dir, 'specs/bad.yaml'), Buffer.from([0x49, 0x44, 0x3a, 0x20, 0xe9, 0x0a])),
      'not UTF-8 text',
    ],
    [
      'a file over the size limit',
      (dir: string) => writeFileSync(path.join(dir, 'specs/big.yaml'), `# ${'x'.repeat(2 * 1024 * 1024)}\n`),
      'over the 262144-byte limit',
    ],
    [
      'a symbolic link out of the spec folder',
      (dir: string) => symlinkSync('/etc/hostname', path.join(dir, 'specs/link.yaml')),
      'symbolic link',
    ],
    [
      'a symbolic link to a folder',
      (dir: string) => {
        mkdirSync(path.join(dir, 'more'));
        symlinkSync(path.join(dir, 'more'), path.join(dir, 'specs/team'));
      },
      'a symbolic link to a folder, which tend does not follow',
    ],
  ])('refuses a revision holding %s, naming the file, and changes nothing', async (_what, breakIt, reason) => {
    work.write('specs/a.yaml', cattleYaml('a', 1));
    breakIt(work.dir);

    const run = await runTendHere(work.dir, ['apply']);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^specs\/\w+(\.yaml)?:1:1 {2}SPEC_FILE {2}cannot read this file: /m);
    expect(run.stderr).toContain(reason);
    expect(instanceFiles(work.dir)).toEqual([]);
  });

  it('refuses two file plugins on one folder, even when a symbolic link hides it', async () => {
    mkdirSync(path.join(work.dir, 'vms'));
    symlinkSync(path.join(work.dir, 'vms'), path.join(work.dir, 'alias'));
    work.write(
      'tend.config.yaml',
      'plugins:\n  instance-file: {type: file, dir: vms}\n  instance-other: {type: file, dir: alias}\n  flavor-vanilla: {type: vanilla}\n',
    );

    const run = await runTendHere(work.dir, ['plan']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plugins.instance-other.dir: the same folder as plugins.instance-file.dir');
  });

  it('keeps the percentage limit on destroy when the specs cannot be judged', async () => {
    work.write('specs/a.yaml', cattleYaml('a', 3));
    await runTendHere(work.dir, ['apply']);
    work.write('specs/broken.yaml', 'ID: [');

    const run = await runTendHere(work.dir, ['destroy', 'a']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the specs are invalid');
    expect(run.stderr).toContain('would destroy 3 instances in group a');
    expect(instanceFiles(work.dir)).toHaveLength(3);
  });

  it('refuses a config that gives two file plugins one folder', async () => {
    work.write(
      'tend.config.yaml',
      'plugins:\n  instance-file: {type: file, dir: vms}\n  instance-other: {type: file, dir: ./vms/}\n  flavor-vanilla: {type: vanilla}\n',
    );

    const run = await runTendHere(work.dir, ['plan']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'tend.config.yaml:3:37  CONFIG_INVALID  plugins.instance-other.dir: the same folder as plugins.instance-file.dir',
    );
  });
});
