import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { acquireApplyLock } from '../../src/run/apply-lock.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { instanceFiles, makeWorkdir, runTend } from '../helpers/run-tend.js';

describe('tend safety rules', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 1), 'specs/old.yaml': cattleYaml('old', 2) });
  });

  afterEach(() => work.cleanup());

  it('lists orphans, keeps them unless --prune, and prunes them when asked', async () => {
    await runTend(work.dir, ['apply']);
    rmSync(path.join(work.dir, 'specs/old.yaml'));

    const plan = await runTend(work.dir, ['plan']);
    const kept = await runTend(work.dir, ['apply']);

    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('old: 2 instances, kept (pass --prune to destroy them)');
    expect(kept.code).toBe(0);
    expect(instanceFiles(work.dir)).toHaveLength(3);

    const pruned = await runTend(work.dir, ['apply', '--prune']);

    expect(pruned.code).toBe(0);
    expect(instanceFiles(work.dir)).toHaveLength(1);
  });

  it('refuses a missing spec folder for every command, changing and pruning nothing', async () => {
    await runTend(work.dir, ['apply']);
    rmSync(path.join(work.dir, 'specs'), { recursive: true });

    // One after the other: apply and destroy take the lock, and two at once would refuse each other.
    const runs = [];
    for (const args of [['validate'], ['plan'], ['drift'], ['apply', '--prune'], ['destroy', 'old', '--force']]) {
      runs.push(await runTend(work.dir, args));
    }
    const typo = await runTend(work.dir, ['apply', '--prune', '--specs', 'typo-dir', '--json']);

    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/spec folder specs does not exist/);
    }
    expect(typo.code).toBe(1);
    expect(JSON.parse(typo.stdout)).toMatchObject({ error: { code: 'SPEC_PATH_MISSING' }, problems: [] });
    expect(instanceFiles(work.dir)).toHaveLength(3);
  });

  it('takes an empty spec folder as valid, with a warning, and never prunes from it', async () => {
    await runTend(work.dir, ['apply']);
    rmSync(path.join(work.dir, 'specs'), { recursive: true });
    mkdirSync(path.join(work.dir, 'specs'));

    const validated = await runTend(work.dir, ['validate']);
    const applied = await runTend(work.dir, ['apply', '--prune']);

    expect(validated.code).toBe(0);
    expect(validated.stderr).toContain('warning: specs holds no groups');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('nothing is pruned');
    expect(instanceFiles(work.dir)).toHaveLength(3);
  });

  it('describe marks the instances of groups no longer in the specs as orphans', async () => {
    await runTend(work.dir, ['apply']);
    rmSync(path.join(work.dir, 'specs/old.yaml'));

    const text = await runTend(work.dir, ['describe']);
    const json = await runTend(work.dir, ['describe', '--json']);
    const marks = (JSON.parse(json.stdout) as Array<{ group: string; orphan: boolean }>).map((i) => [i.group, i.orphan]);

    expect(text.stdout.split('\n')[0]).toMatch(/IN SPECS/);
    expect(text.stdout).toMatch(/^old .* orphan /m);
    expect(marks).toEqual([
      ['old', true],
      ['old', true],
      ['web', false],
    ]);
  });

  it('refuses a second apply on the same state folder while one holds the lock', async () => {
    const release = await acquireApplyLock(path.join(work.dir, '.tend'), 0, () => undefined);
    try {
      const second = await runTend(work.dir, ['apply']);

      expect(second.code).toBe(1);
      expect(second.stderr).toContain('another tend apply is running');
      expect(instanceFiles(work.dir)).toEqual([]);
    } finally {
      await release();
    }

    const after = await runTend(work.dir, ['apply']);

    expect(after.code).toBe(0);
  });

  it('destroys a group only within the budget unless forced', async () => {
    await runTend(work.dir, ['apply']);

    const refused = await runTend(work.dir, ['destroy', 'old']);
    const forced = await runTend(work.dir, ['destroy', 'old', '--force']);
    const described = await runTend(work.dir, ['describe']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('would destroy 2 instances in group old');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Destroyed 2 of 2 instances of group old.');
    expect(described.stdout).toMatch(/^web\s+web-[0-9a-f]{8}\s/m);
    expect(described.stdout).not.toMatch(/^old\s/m);
  });
});
