import { rmSync } from 'node:fs';
import path from 'node:path';
import { HELLO_WORLD } from '../helpers/spec-text.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir, runTend } from '../helpers/run-tend.js';

describe('tend on the InfraKit hello world', () => {
  let work: ReturnType<typeof makeWorkdir>;

  beforeEach(() => {
    work = makeWorkdir({ 'specs/garethr.json': HELLO_WORLD });
  });

  afterEach(() => work.cleanup());

  it('creates the instance, notices it deleted, recreates it, then reports no drift', async () => {
    const first = await runTend(work.dir, ['apply']);
    const files = instanceFiles(work.dir);

    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Apply complete: 1 converged (planned 1 create, 0 replacements, 0 destroys).');
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^garethr-[0-9a-f]{8}$/);

    rmSync(path.join(work.dir, '.tend/instances', files[0] as string));
    const drift = await runTend(work.dir, ['drift']);

    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('drift: 1 missing');

    const again = await runTend(work.dir, ['apply']);
    const clean = await runTend(work.dir, ['drift']);

    expect(again.code).toBe(0);
    expect(instanceFiles(work.dir)).toHaveLength(1);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('No drift: 1 group in sync.');
  });

  // The bundle, spawned, is the test above; the two below are about what tend says, in this process.
  it('tags the instance with its group, config hash, and the flavor tags', async () => {
    await runTendHere(work.dir, ['apply']);

    const described = await runTendHere(work.dir, ['describe', 'garethr', '--json']);
    const instances = JSON.parse(described.stdout) as Array<{ group: string; tags: Record<string, string> }>;

    expect(described.code).toBe(0);
    expect(instances).toHaveLength(1);
    expect(instances[0]?.tags).toMatchObject({ 'tend.group': 'garethr', tier: 'web', project: 'infrakit' });
    expect(instances[0]?.tags['tend.config_sha']).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });

  it('plans without changing anything, with the README: JSON output and Safety JSON shape', async () => {
    const planned = await runTendHere(work.dir, ['plan', '--json']);
    const plan = JSON.parse(planned.stdout) as Record<string, unknown>;

    expect(planned.code).toBe(2);
    expect(instanceFiles(work.dir)).toEqual([]);
    expect(Object.keys(plan)).toEqual(['revision', 'groups', 'orphans', 'summary', 'blocked']);
    expect(plan).toMatchObject({
      revision: null,
      groups: [
        {
          id: 'garethr',
          mode: 'correct',
          desired: { size: 1 },
          observed: { instances: 0 },
          drift: { missing: 1, extra: 0, stale: 0, modified: 0, unhealthy: 0 },
          actions: [{ op: 'create', reason: 'missing' }],
          error: null,
        },
      ],
      orphans: [],
      summary: { groups: 1, drifted: 1, create: 1, destroy: 0, replace: 0, errors: 0 },
      blocked: null,
    });
  });
});
