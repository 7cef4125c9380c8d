import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { acquireApplyLock } from '../../src/compose/apply-lock.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir, type TendRun } from '../helpers/run-tend.js';

interface FailureJson {
  error: { code: string; message: string };
  problems: Array<{ file: string; line: number; column: number; code: string; path: string; message: string }>;
}

/** The one JSON object a failed `--json` command printed, checked to be nothing else. */
function failureOf(run: TendRun): FailureJson {
  const parsed = JSON.parse(run.stdout) as FailureJson;
  expect(Object.keys(parsed)).toEqual(['error', 'problems']);
  expect(Object.keys(parsed.error)).toEqual(['code', 'message']);
  return parsed;
}

describe('--json always prints JSON', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 2) });
  });

  afterEach(() => work.cleanup());

  it.each(['validate', 'plan', 'drift', 'apply'])(
    '%s --json on invalid specs: the problems, each at its place, exit 1',
    async (command) => {
      work.write('specs/bad.yaml', 'ID: bad\nProperties:\n  Allocation: {Size: -1}\n');

      const run = await runTendHere(work.dir, [command, '--json']);

      expect(run.code).toBe(1);
      expect(failureOf(run)).toEqual({
        error: { code: 'SPEC_INVALID', message: '3 problems in 1 spec file; nothing was changed.' },
        problems: [
          { file: 'specs/bad.yaml', line: 2, column: 1, code: 'SPEC_REQUIRED', path: 'Properties.Instance', message: 'is required' },
          { file: 'specs/bad.yaml', line: 2, column: 1, code: 'SPEC_REQUIRED', path: 'Properties.Flavor', message: 'is required' },
          {
            file: 'specs/bad.yaml',
            line: 3,
            column: 22,
            code: 'SPEC_VALUE',
            path: 'Properties.Allocation.Size',
            message: 'must be an integer ≥ 0',
          },
        ],
      });
      expect(instanceFiles(work.dir)).toEqual([]);
    },
  );

  it.each(['validate', 'plan', 'drift', 'apply', 'describe'])(
    '%s --json on a broken runner config: its problems, structured',
    async (command) => {
      work.write('tend.config.yaml', 'reconcile:\n  mode: fix\n');

      const run = await runTendHere(work.dir, [command, '--json']);

      expect(run.code).toBe(1);
      expect(failureOf(run)).toMatchObject({
        error: { code: 'CONFIG_INVALID' },
        problems: [
          {
            file: 'tend.config.yaml',
            line: 2,
            column: 9,
            code: 'CONFIG_INVALID',
            path: 'reconcile.mode',
            message: 'must be one of: correct, report',
          },
        ],
      });
    },
  );

  it.each([
    [['plan', '--json', '--specs', 'typo-dir'], 'SPEC_PATH_MISSING'],
    [['apply', '--json', '--max-destroy', ''], 'USAGE'],
    [['drift', '--json', '--no-such-flag'], 'USAGE'],
    [['describe', '--json', '--config', 'missing.yaml'], 'CONFIG_INVALID'],
  ])('%j prints {"error": {"code": %j}} and exits 1', async (args, code) => {
    const run = await runTendHere(work.dir, args);

    expect(run.code).toBe(1);
    expect(failureOf(run)).toMatchObject({ error: { code }, problems: [] });
  });

  it('apply --json refused by the lock says LOCKED', async () => {
    const release = await acquireApplyLock(path.join(work.dir, '.tend'), 0, () => undefined);
    let run: TendRun;
    try {
      run = await runTendHere(work.dir, ['apply', '--json']);
    } finally {
      await release();
    }

    expect(run.code).toBe(1);
    expect(failureOf(run).error.code).toBe('LOCKED');
  });

  it('describe --json with an instance plugin that cannot be asked says PLUGIN_ERROR, not []', async () => {
    writeFileSync(path.join(work.dir, 'not-a-folder'), '');
    work.write('tend.config.yaml', 'plugins:\n  instance-file: {type: file, dir: not-a-folder}\n  flavor-vanilla: {type: vanilla}\n');

    const run = await runTendHere(work.dir, ['describe', '--json']);

    expect(run.code).toBe(1);
    const { error } = failureOf(run);
    expect(error.code).toBe('PLUGIN_ERROR');
    expect(error.message).toContain('not every instance could be listed');
  });

  it('a blocked apply --json gives each group the outcome blocked, and changes nothing', async () => {
    await runTendHere(work.dir, ['apply']);
    work.write('specs/web.yaml', cattleYaml('web', 0));
    work.write('specs/db.yaml', cattleYaml('db', 1));

    const run = await runTendHere(work.dir, ['apply', '--json', '--max-destroy', '1']);
    const plan = JSON.parse(run.stdout) as { groups: Array<{ id: string; outcome: string }>; blocked: unknown };

    expect(run.code).toBe(1);
    expect(plan.blocked).toEqual({ reason: 'destroy budget', destroy: 2, budget: 1 });
    expect(plan.groups.map((g) => [g.id, g.outcome])).toEqual([
      ['db', 'blocked'],
      ['web', 'blocked'],
    ]);
    expect(instanceFiles(work.dir)).toHaveLength(2);
  });
});
