import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { until } from '../helpers/until.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { makeWorkdir, REPO_ROOT, startTend } from '../helpers/run-tend.js';

const FAULTY = path.join(REPO_ROOT, 'tests/fixtures/plugins/faulty-plugin.mjs');

describe('Ctrl-C during a call to an rpc plugin', () => {
  let work: ReturnType<typeof makeWorkdir>;
  let plugin: ChildProcess | undefined;

  beforeEach(() => {
    work = makeWorkdir();
  });

  afterEach(() => {
    plugin?.kill('SIGKILL');
    work.cleanup();
  });

  it('cancels the drain in flight of a rolling replacement instead of waiting for its 60 s timeout', async () => {
    const socket = path.join(work.dir, 'flavor.sock');
    plugin = spawn(process.execPath, [FAULTY, socket, 'hang', 'Flavor.Drain'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let said = '';
    plugin.stdout?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    await until(() => said.includes('listening'));
    work.write(
      'tend.config.yaml',
      'plugins:\n  instance-file: {type: file, dir: .tend/instances}\n  flavor-slow: {type: rpc, socket: ./flavor.sock, timeout: 60s}\n',
    );
    const spec = (note: string): string =>
      `ID: web\nProperties:\n  Allocation: {Size: 1}\n  Instance: {Plugin: instance-file, Properties: {Note: ${note}}}\n  Flavor: {Plugin: flavor-slow, Properties: {}}\n`;
    work.write('specs/web.yaml', spec('v1'));
    expect((await runTendHere(work.dir, ['apply'])).code).toBe(0);
    work.write('specs/web.yaml', spec('v2'));
    const { child, done } = startTend(work.dir, ['apply', '--json'], { timeoutMs: 30_000 });

    await until(() => said.includes('got Flavor.Drain'));
    child.kill('SIGINT');
    const stopped = await done;

    // Ended by itself: a run waiting out the drain's 60 s timeout would be killed at 30 s, without a code.
    expect(stopped.code).toBe(1);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ groups: [{ id: 'web', outcome: 'interrupted' }] });
  });
});
