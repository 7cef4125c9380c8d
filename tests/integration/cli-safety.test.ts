import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { acquireApplyLock } from '../../src/compose/apply-lock.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir } from '../helpers/run-tend.js';

describe('tend safety rules', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 1), 'specs/old.yaml': cattleYaml('old', 2) });
  });

  afterEach(() => work.cleanup());

  it('lists orphans, keeps them unless --prune, and prunes them when asked', async () => {
    // Half of what tend manages: as much as the default percentage lets a prune destroy.
    work.write('specs/web.yaml', cattleYaml('web', 2));
    await runTendHere(work.dir, ['apply']);
    rmSync(path.join(work.dir, 'specs/old.yaml'));

    const plan = await runTendHere(work.dir, ['plan']);
    const kept = await runTendHere(work.dir, ['apply']);

    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain('old: 2 instances, kept (pass --prune to destroy them)');
    expect(kept.code).toBe(0);
    expect(instanceFiles(work.dir)).toHaveLength(4);

    const pruned = await runTendHere(work.dir, ['apply', '--prune']);

    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain('Apply complete: 1 converged; pruned old (planned');
    expect(instanceFiles(work.dir)).toHaveLength(2);
  });

  it('never prunes most of a fleet: a spec folder caught half-copied is blocked by the percentage', async () => {
    const groups = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    rmSync(path.join(work.dir, 'specs'), { recursive: true });
    for (const id of groups) work.write(`specs/${id}.yaml`, cattleYaml(id, 1));
    await runTendHere(work.dir, ['apply']);
    const before = instanceFiles(work.dir);
    for (const id of groups.slice(1)) rmSync(path.join(work.dir, `specs/${id}.yaml`));

    const blocked = await runTendHere(work.dir, ['apply', '--prune']);
    const json = await runTendHere(work.dir, ['apply', '--prune', '--json']);

    expect(before).toHaveLength(8);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain(
      'Blocked by the destroy budget: would destroy 7 instances, pruning included, of the 8 tend manages, budget 4 (raise --max-destroy-percent to allow it). Nothing was changed.',
    );
    expect(JSON.parse(json.stdout)).toMatchObject({ blocked: { reason: 'destroy budget', destroy: 7, budget: 4, managed: 8 } });
    expect(instanceFiles(work.dir)).toEqual(before);

    const allowed = await runTendHere(work.dir, ['apply', '--prune', '--max-destroy-percent', '100']);

    expect(allowed.code).toBe(0);
    expect(instanceFiles(work.dir)).toHaveLength(1);
  });

  it('refuses a missing spec folder for every command, changing and pruning nothing', async () => {
    await runTendHere(work.dir, ['apply']);
    rmSync(path.join(work.dir, 'specs'), { recursive: true });

    // One after the other: apply and destroy take the lock, and two at once would refuse each other.
    const runs = [];
    for (const args of [['validate'], ['plan'], ['drift'], ['apply', '--prune'], ['destroy', 'old', '--force']]) {
      runs.push(await runTendHere(work.dir, args));
    }
    const typo = await runTendHere(work.dir, ['apply', '--prune', '--specs', 'typo-dir', '--json']);

    for (const run of runs) {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/spec folder specs does not exist/);
    }
    expect(typo.code).toBe(1);
    expect(JSON.parse(typo.stdout)).toMatchObject({ error: { code: 'SPEC_PATH_MISSING' }, problems: [] });
    expect(instanceFiles(work.dir)).toHaveLength(3);
  });

  it('takes an empty spec folder as valid, with a warning, and never prunes from it', async () => {
    await runTendHere(work.dir, ['apply']);
    rmSync(path.join(work.dir, 'specs'), { recursive: true });
    mkdirSync(path.join(work.dir, 'specs'));

    const validated = await runTendHere(work.dir, ['validate']);
    const applied = await runTendHere(work.dir, ['apply', '--prune']);

    expect(validated.code).toBe(0);
    expect(validated.stderr).toContain('warning: specs holds no groups');
    expect(applied.code).toBe(0);
    expect(applied.stderr).toContain('nothing is pruned');
    expect(instanceFiles(work.dir)).toHaveLength(3);
  });

  it('describe marks the instances of groups no longer in the specs as orphans', async () => {
    await runTendHere(work.dir, ['apply']);
    rmSync(path.join(work.dir, 'specs/old.yaml'));

    const text = await runTendHere(work.dir, ['describe']);
    const json = await runTendHere(work.dir, ['describe', '--json']);
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
      const second = await runTendHere(work.dir, ['apply']);

      expect(second.code).toBe(1);
      expect(second.stderr).toContain('is locked by another tend run');
      expect(instanceFiles(work.dir)).toEqual([]);
    } finally {
      await release();
    }

    const after = await runTendHere(work.dir, ['apply']);

    expect(after.code).toBe(0);
  });

  it('destroys a group only within the budget unless forced', async () => {
    await runTendHere(work.dir, ['apply']);

    const refused = await runTendHere(work.dir, ['destroy', 'old']);
    const forced = await runTendHere(work.dir, ['destroy', 'old', '--force']);
    const described = await runTendHere(work.dir, ['describe']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('would destroy 2 instances in group old');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Destroyed 2 of 2 instances of group old.');
    expect(described.stdout).toMatch(/^web\s+web-[0-9a-f]{8}\s/m);
    expect(described.stdout).not.toMatch(/^old\s/m);
  });
});
