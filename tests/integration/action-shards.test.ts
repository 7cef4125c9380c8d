import { readFileSync } from 'node:fs';
import path from 'node:path';
import { git, makeGitRepo, makeTempDir } from '../helpers/make-git-repo.js';
import { runAction } from '../helpers/run-action.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { inShard } from '../../src/group-spec/shard.js';

const GROUPS = ['api', 'cache', 'db', 'edge', 'queue', 'search', 'web', 'worker'];
const COUNT = 3;

describe('the action sharded over a matrix', () => {
  let temp: ReturnType<typeof makeTempDir>;

  beforeAll(() => {
    temp = makeTempDir('tend-action-shards-');
  });

  afterAll(() => temp.cleanup());

  it('N shard runs together check every group exactly once, each only its own', async () => {
    const repo = makeGitRepo(Object.fromEntries(GROUPS.map((id) => [`specs/${id}.yaml`, cattleYaml(id, 1)])), temp.dir);
    const sha = repo.head();
    const shards = Array.from({ length: COUNT }, (_, i) => i + 1);
    // Each job of a matrix runs on its own runner, in its own checkout.
    const checkouts = shards.map((k) => {
      git(temp.dir, ['clone', '-q', repo.dir, `shard-${k}`]);
      return path.join(temp.dir, `shard-${k}`);
    });

    const runs = await Promise.all(
      shards.map((k) =>
        runAction(
          checkouts[k - 1] as string,
          { command: 'drift', shard: `${k}/${COUNT}`, report: 'none' },
          { runnerDir: temp.dir, sha, event: { name: 'schedule', payload: { schedule: '23 */4 * * *' } } },
        ),
      ),
    );

    const checked = runs.map((run) =>
      (JSON.parse(readFileSync(run.outputs.plan as string, 'utf8')) as { groups: Array<{ id: string }> }).groups.map((g) => g.id),
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
    expect(checked.flat().sort()).toEqual(GROUPS);
    shards.forEach((k, i) => {
      expect(checked[i]).toEqual(GROUPS.filter((id) => inShard(id, { index: k, count: COUNT })));
      expect(runs[i]?.summary).toContain(`· shard ${k}/${COUNT}`);
    });
    expect(checked.every((ids) => ids.length > 0)).toBe(true);
  });
});
