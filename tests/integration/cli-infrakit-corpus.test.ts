import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { REPO_ROOT, instanceFiles, makeWorkdir } from '../helpers/run-tend.js';

const CORPUS = path.join(REPO_ROOT, 'tests/fixtures/infrakit');

/** InfraKit's example plugin names, mapped onto tend's built-ins. */
const CONFIG = `plugins:
  instance-file: {type: file, dir: .tend/instances}
  instance-maas: {type: file, dir: .tend/maas}
  instance-terraform: {type: file, dir: .tend/terraform}
  instance-vagrant: {type: file, dir: .tend/vagrant}
  flavor-vanilla: {type: vanilla}
  flavor-kubernetes: {type: vanilla}
  flavor-zookeeper: {type: vanilla}
  flavor-combo: {type: vanilla}
`;

const EXPECTED: Record<string, { id: string; size: number }> = {
  'cattle.json': { id: 'cattle', size: 5 },
  'cattle2.json': { id: 'cattle', size: 10 },
  'combo-example.json': { id: 'combo', size: 1 },
  'kubernetes-groups-worker.json': { id: 'kubernetes-workers', size: 3 },
  'maas-vanilla.json': { id: 'cattle', size: 2 },
  'terraform-aws-two-tier-group.json': { id: 'terraform_demo', size: 3 },
  'zookeeper-vagrant-zk.json': { id: 'zk', size: 3 },
};

describe("InfraKit's own example specs", () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = makeWorkdir({ 'tend.config.yaml': CONFIG });
  });

  afterEach(() => work.cleanup());

  const useSpec = (file: string): void => {
    rmSync(path.join(work.dir, 'specs'), { recursive: true, force: true });
    mkdirSync(path.join(work.dir, 'specs'));
    copyFileSync(path.join(CORPUS, file), path.join(work.dir, 'specs', file));
  };

  it('covers every file of the corpus', () => {
    expect(
      readdirSync(CORPUS)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('reads %s as InfraKit did', async (file, { id, size }) => {
    useSpec(file);

    const validated = await runTendHere(work.dir, ['validate']);
    const planned = await runTendHere(work.dir, ['plan', '--json']);
    const plan = JSON.parse(planned.stdout) as { groups: Array<{ id: string; desired: { size: number }; drift: { missing: number } }> };

    expect(validated.code).toBe(0);
    expect(plan.groups).toHaveLength(1);
    expect(plan.groups[0]).toMatchObject({ id, desired: { size }, drift: { missing: size } });
  });

  it('converges cattle.json → cattle2.json as a rolling update plus a scale-up', async () => {
    useSpec('cattle.json');
    await runTendHere(work.dir, ['apply']);
    const v1 = instanceFiles(work.dir);
    useSpec('cattle2.json');

    const planned = JSON.parse((await runTendHere(work.dir, ['plan', '--json'])).stdout) as {
      groups: Array<{ drift: Record<string, number> }>;
    };
    const applied = await runTendHere(work.dir, ['apply']);
    const drift = await runTendHere(work.dir, ['drift']);
    const v2 = instanceFiles(work.dir);

    expect(v1).toHaveLength(5);
    expect(planned.groups[0]?.drift).toMatchObject({ missing: 5, stale: 5, extra: 0 });
    expect(applied.code).toBe(0);
    expect(v2).toHaveLength(10);
    expect(v2.filter((f) => v1.includes(f))).toEqual([]);
    expect(drift.code).toBe(0);
  });
});
