import path from 'node:path';
import { planOnce } from '../../src/pipeline/reconcile-once.js';
import { createRegistry } from '../../src/plugins/registry.js';
import { createSpecCache } from '../../src/group-spec/spec-cache.js';
import { gitSource } from '../helpers/git-source-world.js';
import { makeGitRepo, makeTempDir } from '../helpers/make-git-repo.js';
import { PLANNING, recordingLogger } from '../helpers/pipeline-world.js';
import { cattleYaml } from '../helpers/spec-text.js';

describe('specs read commit after commit from a repository', () => {
  it('parses again only the spec file a new commit changed', async () => {
    const home = makeTempDir();
    const repo = makeGitRepo(
      { 'specs/a.yaml': cattleYaml('a', 1), 'specs/b.yaml': cattleYaml('b', 1), 'specs/c.yaml': cattleYaml('c', 1) },
      home.dir,
    );
    try {
      const cache = createSpecCache();
      const registry = await createRegistry({
        'instance-file': { type: 'file', dir: path.join(home.dir, 'instances') },
        'flavor-vanilla': { type: 'vanilla' },
      });
      const ports = { source: gitSource(home.dir, { url: repo.dir }), registry, log: recordingLogger([]), reporters: [] };

      const first = await planOnce(ports, { ...PLANNING, cache });
      repo.write('specs/b.yaml', cattleYaml('b', 4));
      const second = repo.commit('b grows');
      const after = await planOnce(ports, { ...PLANNING, cache });

      expect(first.kind).toBe('planned');
      expect(after).toMatchObject({ kind: 'planned', revision: { sha: second } });
      expect(after.kind === 'planned' && after.plan.groups.map((g) => [g.id, g.desired.size])).toEqual([
        ['a', 1],
        ['b', 4],
        ['c', 1],
      ]);
      expect(cache).toMatchObject({ misses: 4, hits: 2 });
    } finally {
      home.cleanup();
    }
  });
});
