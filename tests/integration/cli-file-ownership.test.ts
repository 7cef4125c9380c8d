import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cattleYaml } from '../helpers/spec-text.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir } from '../helpers/run-tend.js';

const PETS = [
  'ID: zk',
  'Properties:',
  '  Allocation:',
  '    LogicalIDs: [zk-1, zk-2]',
  '  Instance:',
  '    Plugin: instance-file',
  '    Properties: {Note: v1}',
  '  Flavor:',
  '    Plugin: flavor-vanilla',
  '    Properties:',
  '      Init: [echo hello]',
  '',
].join('\n');

describe('tend leaves files in the instance folder that it did not make', () => {
  let work: ReturnType<typeof makeWorkdir>;

  afterEach(() => work.cleanup());

  const instancePath = (name: string): string => path.join(work.dir, '.tend/instances', name);
  const read = (name: string): string => readFileSync(instancePath(name), 'utf8');

  it.each([
    ['apply --prune', ['apply', '--prune'], 0],
    ['destroy backup --force (nothing to destroy)', ['destroy', 'backup', '--force'], 0],
  ])('keeps notes named backup-20240115 through %s', async (_case, args, code) => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 1), '.tend/instances/backup-20240115': 'notes\n' });
    await runTendHere(work.dir, ['apply']);

    const plan = await runTendHere(work.dir, ['plan', '--prune']);
    const run = await runTendHere(work.dir, args);

    expect(plan.code).toBe(0);
    expect(run.code).toBe(code);
    expect(run.stdout).not.toContain('backup-20240115');
    expect(run.stderr).not.toContain('warning');
    expect(read('backup-20240115')).toBe('notes\n');
  });

  it('does not count a hand-made cattle-20240115 as an extra instance of group cattle', async () => {
    work = makeWorkdir({ 'specs/cattle.yaml': cattleYaml('cattle', 2) });
    await runTendHere(work.dir, ['apply']);
    work.write('.tend/instances/cattle-20240115', 'hand made\n');

    const plan = await runTendHere(work.dir, ['plan']);
    const applied = await runTendHere(work.dir, ['apply']);

    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('cattle  desired 2, observed 2  in sync');
    expect(applied.code).toBe(0);
    expect(read('cattle-20240115')).toBe('hand made\n');
    expect(instanceFiles(work.dir)).toHaveLength(3);
  });

  it('reports a damaged pet header, makes a new instance for it and leaves the damaged file alone', async () => {
    work = makeWorkdir({ 'specs/zk.yaml': PETS });
    await runTendHere(work.dir, ['apply']);
    const damaged = instanceFiles(work.dir).find((name) => read(name).includes('"LogicalID":"zk-1"'))!;
    const text = read(damaged).replace('\n# {', '\n# {{');
    writeFileSync(instancePath(damaged), text);

    const drift = await runTendHere(work.dir, ['drift']);
    const applied = await runTendHere(work.dir, ['apply']);
    const after = await runTendHere(work.dir, ['drift']);

    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('zk  desired 2, observed 1  drift: 1 missing\n');
    expect(drift.stderr).toContain(
      `warning: ${instancePath(damaged)}: damaged tend header (line 2 is not JSON); tend leaves this file alone: restore the header, or move or delete the file`,
    );
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('+ create logical ID zk-1 (missing)');
    expect(after.code).toBe(0);
    expect(read(damaged)).toBe(text);
    expect(instanceFiles(work.dir)).toHaveLength(3);
  });

  it('removes the temp file of a killed apply on the next apply that writes, never on plan', async () => {
    const temp = '.web-0a1b2c3d.0123456789ab.tmp';
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 1), [`.tend/instances/${temp}`]: 'half written' });
    const temps = (): string[] => readdirSync(path.join(work.dir, '.tend/instances')).filter((name) => name.startsWith('.'));

    await runTendHere(work.dir, ['plan']);
    const afterPlan = temps();
    const applied = await runTendHere(work.dir, ['apply']);

    expect(afterPlan).toEqual([temp]);
    expect(applied.code).toBe(0);
    expect(temps()).toEqual([]);
  });
});
