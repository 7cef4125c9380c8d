import { cattleYaml } from '../helpers/spec-text.js';
import { makeWorkdir } from '../helpers/run-tend.js';
import { runCliHere } from '../helpers/run-cli-in-process.js';

describe('flag values are parsed strictly', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeAll(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 1) });
  });

  afterAll(() => work.cleanup());

  it.each([
    ['--max-destroy', ''],
    ['--max-destroy', ' '],
    ['--max-destroy', '0x10'],
    ['--max-destroy', '1.5'],
    ['--max-destroy', '-1'],
    ['--max-destroy', '1e3'],
    ['--max-destroy', ' 7'],
    ['--max-destroy', '99999999999999999999'],
    ['--max-destroy-percent', ''],
    ['--max-destroy-percent', '0x10'],
    ['--max-destroy-percent', '101'],
    ['--max-destroy-percent', '1e2'],
    ['--max-destroy-percent', '-5'],
    ['--concurrency', '0'],
    ['--concurrency', ''],
    ['--concurrency', '2.0'],
    ['--max-group-size', '0'],
    ['--max-group-size', '1_000'],
    ['--health-timeout', ''],
    ['--health-timeout', ' 30s'],
    ['--health-timeout', '-1s'],
    ['--health-timeout', '0x10'],
    ['--health-timeout', '5d'],
    ['--health-timeout', '1000h'],
    ['--lock-timeout', 'soon'],
    ['--shard', ' 1/2'],
    ['--shard', '0/2'],
    ['--shard', '3/2'],
    ['--shard', '1/0'],
    ['--shard', '1/2/3'],
  ])('refuses %s %j, naming the flag and what it takes', async (flag, value) => {
    const run = await runCliHere(work.dir, ['apply', flag, value]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`option '${flag} <`);
    expect(run.stderr).toMatch(/expected (a whole number|a percentage|a duration|K\/N)/);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['--max-destroy', '0'],
    ['--max-destroy', '12'],
    ['--max-destroy-percent', '12.5'],
    ['--concurrency', '3'],
    ['--health-timeout', '1.5s'],
    ['--health-timeout', '45'],
    ['--lock-timeout', '500ms'],
    ['--shard', '1/1'],
  ])('takes %s %j', async (flag, value) => {
    // Report mode judges and changes nothing, so every apply flag can be tried on one folder.
    const run = await runCliHere(work.dir, ['apply', '--mode', 'report', flag, value]);

    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('report mode: detected, not changed');
  });

  it('refuses hexadecimal and octal numbers in the runner config, with every other problem at once', async () => {
    work.write('bad.yaml', 'reconcile:\n  maxDestroy: 0x10\n  concurrency: 0o7\n  mode: fix\n  healthTimeout: " 2m"\n');

    const run = await runCliHere(work.dir, ['plan', '--config', 'bad.yaml']);

    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l.includes('CONFIG_INVALID'))).toEqual([
      'bad.yaml:2:15  CONFIG_INVALID  reconcile.maxDestroy: write numbers in decimal (0x10 reads as 16)',
      'bad.yaml:3:16  CONFIG_INVALID  reconcile.concurrency: write numbers in decimal (0o7 reads as 7)',
      'bad.yaml:4:9  CONFIG_INVALID  reconcile.mode: must be one of: correct, report',
      'bad.yaml:5:18  CONFIG_INVALID  reconcile.healthTimeout: must be a duration such as 30s, 2m or 500ms (a number alone is seconds)',
    ]);
  });
});
