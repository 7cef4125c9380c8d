import { jest } from '@jest/globals';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeGitRepo, makeTempDir } from '../helpers/make-git-repo.js';
import { instanceFiles } from '../helpers/run-tend.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { startWatch, type RunningWatch } from '../helpers/start-watch.js';
import { until } from '../helpers/until.js';

jest.setTimeout(60_000);

/**
 * An ssh stand-in that serves the repository from this machine. While the file `hold` exists, the next
 * call says it `arrived` and waits for `go`: a git child of tend is then in flight for as long as the
 * test wants, with no timing involved.
 */
const FAKE_SSH = `#!/bin/sh
for command; do :; done
if [ -e "$GATE_DIR/hold" ]; then
  rm -f "$GATE_DIR/hold"
  : > "$GATE_DIR/arrived"
  while [ ! -e "$GATE_DIR/go" ]; do sleep 0.01; done
fi
exec sh -c "$command"
`;

describe('tend watch in a terminal', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let gate: string;
  let watcher: RunningWatch | undefined;

  beforeEach(() => {
    temp = makeTempDir('tend-ctrl-c-');
    gate = path.join(temp.dir, 'gate');
    mkdirSync(gate);
  });

  afterEach(async () => {
    writeFileSync(path.join(gate, 'go'), '');
    if (watcher !== undefined) {
      try {
        process.kill(-watcher.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await watcher.done;
    }
    temp.cleanup();
  });

  it('Ctrl-C reaches tend only: the git call in flight finishes, and tend stops cleanly', async () => {
    const repo = makeGitRepo({ 'specs/web.yaml': cattleYaml('web', 2) }, temp.dir);
    const served = repo.bareClone(temp.dir, 'specs.git');
    const ssh = path.join(temp.dir, 'fake-ssh');
    writeFileSync(ssh, FAKE_SSH);
    chmodSync(ssh, 0o755);
    const work = path.join(temp.dir, 'work');
    mkdirSync(work);
    watcher = startWatch(
      work,
      ['--repo', `ssh://tend-test${served}`, '--ref', 'main', '--path', 'specs', '--interval', '1s', '--drift-schedule', 'off'],
      { detached: true, env: { GIT_SSH_COMMAND: ssh, GIT_SSH_VARIANT: 'simple', GATE_DIR: gate } },
    );
    await until(() => instanceFiles(work).length === 2);
    writeFileSync(path.join(gate, 'hold'), '');
    await until(() => existsSync(path.join(gate, 'arrived')));

    // What a terminal does on Ctrl-C: SIGINT to every process of the foreground job.
    process.kill(-watcher.pid, 'SIGINT');
    await watcher.waitFor(/SIGINT: finishing the calls in flight/);
    writeFileSync(path.join(gate, 'go'), '');
    const ended = await watcher.done;

    expect(ended.code).toBe(0);
    expect(ended.stderr).not.toMatch(/git exited with null|error:/);
    expect(instanceFiles(work)).toHaveLength(2);
  });
});
