import { jest } from '@jest/globals';
import { chmodSync, existsSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { acquireApplyLock } from '../../src/compose/apply-lock.js';
import { failure } from '../helpers/thrown.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { makeWorkdir, startTend } from '../helpers/run-tend.js';
import { startWatch, type RunningWatch } from '../helpers/start-watch.js';
import { until } from '../helpers/until.js';

jest.setTimeout(60_000);

describe('a run refused by the apply lock says what is true', () => {
  let work: ReturnType<typeof makeWorkdir>;
  const watchers: RunningWatch[] = [];
  const stateDir = (): string => path.join(work.dir, '.tend');

  beforeEach(() => {
    work = makeWorkdir({ 'specs/web.yaml': cattleYaml('web', 1) });
  });

  afterEach(async () => {
    work.write('gate/go', '');
    await Promise.all(watchers.splice(0).map((w) => w.stop('SIGKILL')));
    work.cleanup();
  });

  it('names a running watcher, refuses at once rather than wait for it, and forgets it once it stops', async () => {
    const watcher = startWatch(work.dir, ['--specs', 'specs', '--interval', '10m', '--drift-schedule', 'off']);
    watchers.push(watcher);
    await watcher.waitFor(/watching:/);

    // A run that waited its minute for the lock would outlast the test's timeout.
    const refused = await runTendHere(work.dir, ['apply', '--lock-timeout', '1m']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `is locked by tend watch (pid ${watcher.pid}), which holds it for as long as it runs and applies the specs itself: stop it to run tend apply by hand`,
    );
    expect(refused.stderr).not.toContain('--lock-timeout');

    expect((await watcher.stop()).code).toBe(0);
    expect(existsSync(path.join(stateDir(), 'apply-lock-holder.json'))).toBe(false);
    expect((await runTendHere(work.dir, ['apply'])).code).toBe(0);
  });

  it('says when the lock of a killed apply expires', async () => {
    // An exec instance plugin that holds its first Provision until the test lets it go.
    const gate = path.join(work.dir, 'gate');
    work.write(
      'slow-plugin.sh',
      [
        '#!/bin/sh',
        'cat >/dev/null',
        'case "$1" in',
        // It outlives the apply killed below (a plugin has a process group of its own): it ends when let go, or when its folder is gone.
        `  Instance.Provision) : > '${gate}/arrived'; while [ ! -e '${gate}/go' ] && [ -d '${gate}' ]; do sleep 0.01; done; exit 1 ;;`,
        `  Instance.DescribeInstances) echo '{"Descriptions":[]}' ;;`,
        `  *) echo '{"OK":true}' ;;`,
        'esac',
        '',
      ].join('\n'),
    );
    chmodSync(path.join(work.dir, 'slow-plugin.sh'), 0o755);
    work.write('gate/.keep', '');
    work.write(
      'tend.config.yaml',
      `plugins:\n  instance-slow: {type: exec, command: [${JSON.stringify(path.join(work.dir, 'slow-plugin.sh'))}]}\n  flavor-vanilla: {type: vanilla}\n`,
    );
    work.write(
      'specs/web.yaml',
      'ID: web\nProperties:\n  Allocation: {Size: 1}\n  Instance: {Plugin: instance-slow, Properties: {}}\n  Flavor: {Plugin: flavor-vanilla, Properties: {}}\n',
    );
    const killed = startTend(work.dir, ['apply'], { detached: true, timeoutMs: 30_000 });
    await until(() => existsSync(path.join(gate, 'arrived')));
    process.kill(-(killed.child.pid as number), 'SIGKILL');
    await killed.done;

    const refused = await runTendHere(work.dir, ['apply']);
    work.write('gate/go', '');

    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `the lock of \\S+ was left by tend apply \\(pid ${killed.child.pid}\\), which is no longer running; it expires in ([1-9]|[12]\\d|30) s, and the next run then takes it over`,
      ),
    );
  });

  it('says a holder stopped refreshing the lock, and when it expires', async () => {
    const timing = { staleMs: 30_000, updateMs: 15_000 };
    const release = await acquireApplyLock(stateDir(), 0, () => undefined, { holder: 'tend watch', timing });
    try {
      const ago = (Date.now() - 25_000) / 1000;
      utimesSync(path.join(stateDir(), 'apply.lock'), ago, ago);

      const err = await failure(acquireApplyLock(stateDir(), 0, () => undefined, { holder: 'tend apply', timing }));

      expect(err.message).toMatch(
        new RegExp(
          `is held by tend watch \\(pid ${process.pid}\\), which stopped refreshing it 2[56] s ago \\(killed, or stuck\\); it expires in [45] s`,
        ),
      );
    } finally {
      await release();
    }
  });
});
