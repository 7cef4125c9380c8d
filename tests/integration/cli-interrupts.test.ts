import { jest } from '@jest/globals';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { servePlugins, type PluginServer } from '../../src/plugins/kit/index.js';
import { INSTANCE_CALL_WIDTH } from '../../src/reconcile/bounded.js';
import { CallGate } from '../helpers/call-gate.js';
import { MemoryInstancePlugin } from '../helpers/memory-plugins.js';
import { cattleYaml } from '../helpers/spec-text.js';
import { until } from '../helpers/until.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { makeWorkdir, startTend, type TendRun } from '../helpers/run-tend.js';

// Up to three runs of the CLI per test, each a process of its own.
jest.setTimeout(60_000);

const LIFT = ['--max-destroy', '100000', '--max-destroy-percent', '100'];
/** At most this many calls of a group are in flight at once: a group larger than that cannot finish while its calls are held. */
const IN_FLIGHT = INSTANCE_CALL_WIDTH;
const SIZE = IN_FLIGHT + 1;

/** A group on the memory plugin that the test serves over the wire, whose provisions and destroys it holds at will. */
const memoryYaml = (id: string, size: number, options: { note?: string } = {}): string =>
  cattleYaml(id, size, options).replace('Plugin: instance-file', 'Plugin: instance-memory');

describe('tend stopped by a signal', () => {
  let work: ReturnType<typeof makeWorkdir>;
  let gate: CallGate;
  let plugin: MemoryInstancePlugin;
  let server: PluginServer;
  const ids = (): string[] => [...plugin.instances.keys()];
  const lockLeft = (): boolean => existsSync(path.join(work.dir, '.tend/apply.lock'));

  /**
   * Starts `tend args` with the plugin's calls held, sends `signal` once `count` of them are in
   * flight, lets them go once tend has said it stops, and returns the run.
   */
  async function interrupt(args: string[], count: number, signal: NodeJS.Signals = 'SIGINT'): Promise<TendRun> {
    gate.hold();
    const { child, done } = startTend(work.dir, args, { timeoutMs: 60_000 });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await gate.held(count);
    child.kill(signal);
    await until(() => stderr.includes(`${signal}: finishing the calls in flight`));
    gate.open();
    return done;
  }

  beforeEach(async () => {
    work = makeWorkdir();
    gate = new CallGate();
    plugin = new MemoryInstancePlugin('instance-memory', [], { gate });
    server = await servePlugins({ name: 'instance-memory', instance: plugin, socket: path.join(work.dir, 'memory.sock') });
    work.write('tend.config.yaml', 'plugins:\n  instance-memory: {type: rpc, socket: ./memory.sock}\n  flavor-vanilla: {type: vanilla}\n');
  });

  afterEach(async () => {
    gate.open();
    await server.close();
    work.cleanup();
  });

  it('stops creating on Ctrl-C, says so, releases the lock, and leaves the rest to the next apply', async () => {
    work.write('specs/web.yaml', memoryYaml('web', SIZE));

    const stopped = await interrupt(['apply', '--json'], IN_FLIGHT);
    const made = ids().length;

    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('SIGINT: finishing the calls in flight');
    expect(JSON.parse(stopped.stdout)).toMatchObject({ groups: [{ id: 'web', outcome: 'interrupted' }] });
    expect(made).toBe(IN_FLIGHT);
    expect(lockLeft()).toBe(false);

    const resumed = await runTendHere(work.dir, ['apply']);

    expect(resumed.code).toBe(0);
    expect(ids()).toHaveLength(SIZE);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('stops a rolling replacement on %s between batches, never saying converged', async (signal) => {
    work.write('specs/web.yaml', memoryYaml('web', 3));
    await runTendHere(work.dir, ['apply']);
    const before = new Set(ids());
    work.write('specs/web.yaml', memoryYaml('web', 3, { note: 'v2' }));

    const stopped = await interrupt(['apply'], 1, signal);
    const replaced = ids().filter((id) => !before.has(id)).length;

    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/web .*→ interrupted after 1 of 3 replacements/);
    expect(stopped.stdout).toContain('Apply interrupted: 1 interrupted');
    expect(stopped.stdout).not.toContain('converged');
    expect(replaced).toBe(1);
    expect(ids()).toHaveLength(3);
    expect(lockLeft()).toBe(false);

    const resumed = await runTendHere(work.dir, ['apply']);

    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain('planned 0 creates, 2 replacements');
  });

  it('stops destroying extras on Ctrl-C', async () => {
    work.write('specs/web.yaml', memoryYaml('web', SIZE));
    await runTendHere(work.dir, ['apply']);
    work.write('specs/web.yaml', memoryYaml('web', 0));

    const stopped = await interrupt(['apply', ...LIFT], IN_FLIGHT);

    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain(`→ interrupted: stopped after destroying ${IN_FLIGHT} of ${SIZE}: interrupted`);
    expect(ids()).toHaveLength(SIZE - IN_FLIGHT);
    expect(lockLeft()).toBe(false);
  });

  it('stops a prune on Ctrl-C and says which orphans were left', async () => {
    work.write('specs/old.yaml', memoryYaml('old', SIZE));
    work.write('specs/web.yaml', memoryYaml('web', 1));
    await runTendHere(work.dir, ['apply']);
    work.write('specs/old.yaml', '');

    const stopped = await interrupt(['apply', '--prune', '--json', ...LIFT], IN_FLIGHT);

    expect(stopped.code).toBe(1);
    const { orphans } = JSON.parse(stopped.stdout) as { orphans: Array<Record<string, unknown>> };
    expect(orphans).toMatchObject([{ group: 'old', action: 'destroy', outcome: 'interrupted' }]);
    expect(orphans[0]?.error).toMatch(`interrupted after destroying ${IN_FLIGHT} of ${SIZE}`);
    expect(ids()).toHaveLength(SIZE + 1 - IN_FLIGHT);
    expect(lockLeft()).toBe(false);
  });

  it('stops `tend destroy GROUP` on SIGTERM and counts what is left', async () => {
    work.write('specs/old.yaml', memoryYaml('old', SIZE));
    await runTendHere(work.dir, ['apply']);

    const stopped = await interrupt(['destroy', 'old', '--force'], IN_FLIGHT, 'SIGTERM');

    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain(`Destroyed ${IN_FLIGHT} of ${SIZE} instances of group old (interrupted).`);
    expect(ids()).toHaveLength(SIZE - IN_FLIGHT);
    expect(lockLeft()).toBe(false);
  });
});
