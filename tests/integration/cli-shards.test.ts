import { inShard } from '../../src/group-spec/shard.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir } from '../helpers/run-tend.js';

const GROUPS = ['a', 'b', 'c', 'd', 'e', 'f'];
const SHARD = { index: 1, count: 2 };
const mine = GROUPS.filter((g) => inShard(g, SHARD));
const theirs = GROUPS.filter((g) => !inShard(g, SHARD));

describe('--shard means the same for every command', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeAll(async () => {
    work = makeWorkdir(Object.fromEntries(GROUPS.map((id) => [`specs/${id}.yaml`, cattleYaml(id, 1)])));
    await runTendHere(work.dir, ['apply']);
  });

  afterAll(() => work.cleanup());

  it('splits the groups between the shards, each shard holding some', () => {
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
  });

  it('describe lists only the groups of its shard', async () => {
    const run = await runTendHere(work.dir, ['describe', '--shard', '1/2', '--json']);
    const listed = (JSON.parse(run.stdout) as Array<{ group: string }>).map((i) => i.group);

    expect(run.code).toBe(0);
    expect(listed).toEqual(mine);
  });

  it('destroy refuses a group of another shard, and says which shard holds it, destroying nothing', async () => {
    const other = theirs[0] as string;

    const run = await runTendHere(work.dir, ['destroy', other, '--force', '--shard', '1/2']);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`group ${other} is not in shard 1/2`);
    expect(instanceFiles(work.dir)).toHaveLength(GROUPS.length);
  });

  it('destroy takes a group of its own shard', async () => {
    const own = mine[0] as string;

    const run = await runTendHere(work.dir, ['destroy', own, '--force', '--shard', '1/2']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Destroyed 1 of 1 instances of group ${own}.`);
    expect(instanceFiles(work.dir)).toHaveLength(GROUPS.length - 1);
  });
});
