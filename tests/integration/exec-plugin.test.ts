import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRegistry } from '../../src/plugins/registry.js';
import type { ExecPluginConfig } from '../../src/plugins/plugin-config.js';
import { processes } from '../helpers/processes.js';
import { until } from '../helpers/until.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tend-exec-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An exec instance plugin whose program is this shell text. */
async function execPlugin(script: string, config: Partial<ExecPluginConfig> = {}) {
  const file = path.join(dir, 'plugin.sh');
  writeFileSync(file, `#!/bin/sh\n${script}\n`);
  chmodSync(file, 0o755);
  const registry = await createRegistry({
    'instance-sh': { type: 'exec', kind: 'instance', command: [file], timeoutMs: 5000, env: {}, shell: false, ...config },
  });
  return registry.instance('instance-sh');
}

describe('exec plugins', () => {
  it('get the method as last argument and the params on stdin, and answer on stdout', async () => {
    const plugin = await execPlugin(`cat > "${dir}/stdin.json"; echo "$@" > "${dir}/args"; echo '{"Type":"","ID":"i-7"}'`);

    const id = await plugin.provision({ Properties: { a: 1 }, Tags: { b: '2', a: '1' }, Init: '', LogicalID: null, Attachments: null });

    expect(id).toBe('i-7');
    expect(readFileSync(path.join(dir, 'args'), 'utf8')).toBe('Instance.Provision\n');
    expect(readFileSync(path.join(dir, 'stdin.json'), 'utf8')).toBe(
      '{"Type":"","Spec":{"Properties":{"a":1},"Tags":{"a":"1","b":"2"},"Init":"","LogicalID":null,"Attachments":null}}',
    );
  });

  it('fail with their stderr as the message on a non-zero exit, naming plugin and method', async () => {
    const plugin = await execPlugin(`echo 'no capacity left' >&2; exit 1`);

    await expect(plugin.describeInstances({})).rejects.toMatchObject({
      code: 'PLUGIN_ERROR',
      transient: false,
      message: 'instance-sh: Instance.DescribeInstances: no capacity left',
    });
  });

  it('give no verdict with exit 75 (EX_TEMPFAIL): a transient failure, tried again later', async () => {
    const plugin = await execPlugin(`echo 'cloud API 503' >&2; exit 75`);

    await expect(plugin.validate({})).rejects.toMatchObject({
      code: 'PLUGIN_UNAVAILABLE',
      transient: true,
      message: 'instance-sh: Instance.Validate: cloud API 503',
    });
  });

  it('are killed with everything they started at their timeout', async () => {
    const marker = `${Math.floor(Math.random() * 1e6) + 100}.5`;
    const plugin = await execPlugin(`sleep ${marker} & wait`, { timeoutMs: 300 });
    const sleeping = () => processes().some((p) => p.argv[0] === 'sleep' && p.argv[1] === marker);

    await expect(plugin.describeInstances({})).rejects.toMatchObject({
      code: 'PLUGIN_TIMEOUT',
      transient: true,
      message: 'instance-sh: Instance.DescribeInstances: no answer within 300ms',
    });

    await until(() => !sleeping(), 3000);
  });

  it('see only PATH and their configured environment', async () => {
    process.env.TEND_TEST_SECRET = 'do-not-pass';
    const plugin = await execPlugin(`env > "${dir}/env"; echo '{}'`, { env: { ZONE: 'eu-1' } });

    await plugin.validate({});
    delete process.env.TEND_TEST_SECRET;

    const names = readFileSync(path.join(dir, 'env'), 'utf8')
      .split('\n')
      .map((line) => line.split('=')[0])
      .filter((n) => n !== '');
    expect(names.filter((n) => n !== 'PWD' && n !== 'SHLVL' && n !== '_').sort()).toEqual(['PATH', 'ZONE']);
  });

  it('run without a shell unless asked: words are not split or expanded', async () => {
    const file = path.join(dir, 'args.sh');
    writeFileSync(file, `#!/bin/sh\nprintf '%s|' "$@" > "${dir}/args"; echo '{}'\n`);
    chmodSync(file, 0o755);
    const registry = await createRegistry({
      plain: { type: 'exec', kind: 'instance', command: [file, 'two words', '$HOME'], timeoutMs: 5000, env: {}, shell: false },
      shelled: { type: 'exec', kind: 'instance', command: [file, '$ZONE'], timeoutMs: 5000, env: { ZONE: 'eu-1' }, shell: true },
    });

    await registry.instance('plain').validate({});
    const plain = readFileSync(path.join(dir, 'args'), 'utf8');
    await registry.instance('shelled').validate({});
    const shelled = readFileSync(path.join(dir, 'args'), 'utf8');

    expect(plain).toBe('two words|$HOME|Instance.Validate|');
    expect(shelled).toBe('eu-1|Instance.Validate|');
  });

  it('answering something that is not JSON is a protocol error', async () => {
    const plugin = await execPlugin(`echo 'ok!'`);

    await expect(plugin.describeInstances({})).rejects.toMatchObject({
      code: 'PLUGIN_PROTOCOL',
      message: 'instance-sh: Instance.DescribeInstances: printed something that is not JSON: "ok!\\n"',
    });
  });

  it('is not run when it does not exist, saying so', async () => {
    const registry = await createRegistry({
      missing: { type: 'exec', kind: 'instance', command: [path.join(dir, 'nope')], timeoutMs: 1000, env: {}, shell: false },
    });

    await expect(registry.instance('missing').validate({})).rejects.toThrow(/^missing: Instance\.Validate: cannot run ".*nope": ENOENT$/);
  });
});
