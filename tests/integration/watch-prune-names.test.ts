import { rmSync } from 'node:fs';
import path from 'node:path';
import { cattleYaml } from '../helpers/spec-text.js';
import { instanceFiles, makeWorkdir } from '../helpers/run-tend.js';
import type { RunningWatch } from '../helpers/start-watch.js';
import { watchHere } from '../helpers/watch-here.js';
import { until } from '../helpers/until.js';

describe('tend watch --prune', () => {
  let work: ReturnType<typeof makeWorkdir>;
  let watcher: RunningWatch | undefined;

  beforeEach(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 1), 'specs/old.yaml': cattleYaml('old', 1) });
  });

  afterEach(async () => {
    await watcher?.stop();
    work.cleanup();
  });

  it('names the groups it pruned', async () => {
    watcher = await watchHere(work.dir, { flags: { specs: 'specs', prune: true, driftSchedule: 'off' }, intervalMs: 250 });
    await until(() => instanceFiles(work.dir).length === 2);

    rmSync(path.join(work.dir, 'specs/old.yaml'));

    await watcher.waitFor(/applied specs: 0 created, 0 replaced, 1 destroyed \(pruned old\); 1 of 1 group converged/);
    expect(instanceFiles(work.dir)).toHaveLength(1);
  });
});
