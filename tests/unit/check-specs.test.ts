import { checkSpecs, judgeRevision } from '../../src/reconcile/judge-revision.js';
import { formatProblem } from '../../src/spec/load-specs.js';
import type { SpecFile } from '../../src/spec/types.js';
import { MemoryInstancePlugin, MemoryPluginRegistry, MemoryFlavorPlugin } from '../helpers/memory-plugins.js';
import { webYaml } from '../helpers/spec-fixtures.js';

const F = 'specs/web.yaml';

function revision(files: SpecFile[]) {
  return { sha: null, files, pathExists: true };
}

function registry() {
  const log: string[] = [];
  return new MemoryPluginRegistry(
    { 'instance-file': new MemoryInstancePlugin('instance-file', log) },
    { 'flavor-vanilla': new MemoryFlavorPlugin('flavor-vanilla', log) },
  );
}

describe('checkSpecs caps the size of a group', () => {
  const huge = [{ path: F, content: webYaml({ allocation: '{Size: 1000000000}' }) }];

  it('at 10,000 instances when the caller gives no limit', async () => {
    const result = await checkSpecs(revision(huge), registry());

    expect(!result.ok && result.problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^specs\/web\.yaml:3:22 {2}SPEC_VALUE {2}Properties\.Allocation\.Size: 1000000000 is over the limit of 10000 /),
    ]);
  });

  it('at the limit the caller gives', async () => {
    const files = [{ path: F, content: webYaml({ allocation: '{Size: 20000}' }) }];

    const raised = await checkSpecs(revision(files), registry(), { maxGroupSize: 50_000 });
    const lowered = await checkSpecs(revision(files), registry(), { maxGroupSize: 100 });

    expect(raised.ok).toBe(true);
    expect(!lowered.ok && lowered.problems.map((p) => p.message)).toEqual([expect.stringContaining('over the limit of 100 instances')]);
  });

  it('before judging a revision plans anything', async () => {
    const policy = { mode: 'correct' as const, prune: false, maxDestroy: 10, maxDestroyPercent: 50 };

    const judged = await judgeRevision(revision(huge), registry(), { policy, concurrency: 1, shard: null });

    expect(judged.kind).toBe('invalid');
  });
});
