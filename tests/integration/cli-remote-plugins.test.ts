import { readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startKitProcess, type KitProcess } from '../helpers/kit-process.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { makeWorkdir, REPO_ROOT, runTend } from '../helpers/run-tend.js';

// End to end: the instance plugin is a separate process (the kit example, found in an InfraKit
// plugin folder as InfraKit finds plugins), the flavor a shell script run by exec.

const FLAVOR_SH = path.join(REPO_ROOT, 'examples/exec/flavor-tags.sh');

const SPEC = [
  'ID: web',
  'Properties:',
  '  Allocation: {Size: 3}',
  '  Instance:',
  '    Plugin: instance-kit',
  '    Properties: {Note: "served by the kit", Big: 12345678901234567890}',
  '  Flavor:',
  '    Plugin: flavor-sh',
  '    Properties: {Init: [echo hello], Tags: {tier: web}}',
  '',
].join('\n');

describe('tend with out-of-process plugins', () => {
  let work: ReturnType<typeof makeWorkdir>;
  let kit: KitProcess | undefined;

  beforeEach(() => {
    work = makeWorkdir();
  });

  afterEach(async () => {
    await kit?.kill();
    kit = undefined;
    work.cleanup();
  });

  const instances = (): string[] => readdirSync(path.join(work.dir, 'kit-instances')).filter((f) => !f.startsWith('.'));

  it.each(['socket', 'listen file'] as const)(
    'converges through an rpc plugin found by name in the plugin folder (%s) and an exec flavor, sees drift, heals it',
    async (found) => {
      const plugins = path.join(work.dir, 'infrakit-plugins');
      mkdirSync(plugins, { recursive: true });
      const dir = path.join(work.dir, 'kit-instances');
      if (found === 'socket') kit = await startKitProcess({ dir, socket: path.join(plugins, 'instance-kit') });
      else {
        kit = await startKitProcess({ dir, port: 0 });
        writeFileSync(path.join(plugins, 'instance-kit.listen'), `${kit.url}\n`);
      }
      work.write(
        'tend.config.yaml',
        `plugins:\n  instance-kit: {type: rpc, timeout: 5s}\n  flavor-sh: {type: exec, kind: flavor, command: [${JSON.stringify(FLAVOR_SH)}]}\n`,
      );
      work.write('specs/web.yaml', SPEC);
      const env = { INFRAKIT_PLUGINS_DIR: plugins };

      // The bundle, spawned: a process holding an rpc plugin's connections still ends by itself.
      const applied = await runTend(work.dir, ['apply'], { env });
      const clean = await runTendHere(work.dir, ['drift', '--json'], { env });
      rmSync(path.join(dir, instances()[0] as string));
      const drifted = await runTendHere(work.dir, ['drift', '--json'], { env });
      const healed = await runTendHere(work.dir, ['apply'], { env });
      const after = await runTendHere(work.dir, ['drift'], { env });

      expect([applied.code, applied.stderr]).toEqual([0, '']);
      expect(clean.code).toBe(0);
      expect(drifted.code).toBe(2);
      expect(JSON.parse(drifted.stdout)).toMatchObject({ groups: [{ id: 'web', drift: { missing: 1 } }] });
      expect(healed.code).toBe(0);
      expect(after.code).toBe(0);
      expect(instances()).toHaveLength(3);
    },
  );

  it('fails only the groups of a plugin folder entry that is not there, naming the plugin', async () => {
    work.write('tend.config.yaml', `plugins:\n  instance-kit: {type: rpc, dir: ./empty}\n  flavor-vanilla: {type: vanilla}\n`);
    work.write('specs/web.yaml', SPEC.replace('flavor-sh', 'flavor-vanilla'));
    mkdirSync(path.join(work.dir, 'empty'));

    const run = await runTendHere(work.dir, ['apply', '--json']);

    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ groups: [{ id: 'web', outcome: 'failed' }] });
    expect(run.stdout).toContain('instance-kit: Instance.DescribeInstances: Handshake.Implements: no socket');
  });
});
