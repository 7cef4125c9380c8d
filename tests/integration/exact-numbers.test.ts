import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRegistry } from '../../src/plugins/registry.js';
import type { PluginRegistry } from '../../src/plugins/spi.js';
import { loadSpecs } from '../../src/group-spec/load-specs.js';
import type { GroupSpec } from '../../src/group-spec/types.js';
import { runTendHere } from '../helpers/run-cli-in-process.js';
import { instanceFiles, makeWorkdir } from '../helpers/run-tend.js';
import { implementsAnswer, rpcResult, startScriptedPlugin, type ScriptedPlugin } from '../helpers/scripted-plugin.js';
import { groupsOf } from '../helpers/spec-fixtures.js';

// Plugin properties are opaque to tend: their numbers reach every plugin, and tend's own records,
// with the digits the spec gave them, however many (a 64-bit ID, an account number) and with the
// zeros written (`1.50`), whether the spec is YAML or JSON.

const SERIAL = '12345678901234567890';
const NEXT_SERIAL = '12345678901234567891'; // the same double as SERIAL

const YAML_SPEC = [
  'ID: web',
  'Properties:',
  '  Allocation: {Size: 2}',
  '  Instance:',
  '    Plugin: PLUGIN',
  `    Properties: {serial: ${SERIAL}, price: 1.50, ratio: 1e3, list: [${SERIAL}, 2.50]}`,
  '  Flavor:',
  '    Plugin: flavor-vanilla',
  `    Properties: {Init: [echo hi], account: ${SERIAL}}`,
  '',
].join('\n');

const JSON_SPEC = `{
  "ID": "web",
  "Properties": {
    "Allocation": {"Size": 2},
    "Instance": {"Plugin": "PLUGIN", "Properties": {"serial": ${SERIAL}, "price": 1.50, "ratio": 1e3, "list": [${SERIAL}, 2.50]}},
    "Flavor": {"Plugin": "flavor-vanilla", "Properties": {"Init": ["echo hi"], "account": ${SERIAL}}}
  }
}
`;

/** The instance properties as every plugin must receive them, byte for byte. */
const SENT_PROPERTIES = `{"serial":${SERIAL},"price":1.50,"ratio":1e3,"list":[${SERIAL},2.50]}`;

const FORMATS = [
  ['YAML', 'specs/web.yaml', YAML_SPEC],
  ['JSON', 'specs/web.json', JSON_SPEC],
] as const;

function onlySpec(file: string, text: string, plugin: string): GroupSpec {
  const ctx = { instancePlugins: new Set([plugin]), flavorPlugins: new Set(['flavor-vanilla']) };
  const [group] = groupsOf(loadSpecs([{ path: file, content: text.replace('PLUGIN', plugin) }], ctx));
  if (!group) throw new Error('no group');
  return group;
}

describe.each(FORMATS)('numbers in a %s spec', (_format, file, text) => {
  it('reach an exec plugin, a child process, as written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tend-exact-exec-'));
    try {
      const script = path.join(dir, 'plugin.sh');
      writeFileSync(script, `#!/bin/sh\ncat > "${dir}/$1.json"\necho '{"Type":"","ID":"i-1"}'\n`);
      chmodSync(script, 0o755);
      const registry = await createRegistry({
        'instance-sh': { type: 'exec', kind: 'instance', command: [script], timeoutMs: 5000, env: {}, shell: false },
      });
      const group = onlySpec(file, text, 'instance-sh');
      const plugin = registry.instance('instance-sh');

      await plugin.validate(group.instance.properties);
      await plugin.provision({ Properties: group.instance.properties, Tags: {}, Init: '', LogicalID: null, Attachments: null });

      expect(readFileSync(path.join(dir, 'Instance.Validate.json'), 'utf8')).toBe(`{"Type":"","Properties":${SENT_PROPERTIES}}`);
      expect(readFileSync(path.join(dir, 'Instance.Provision.json'), 'utf8')).toBe(
        `{"Type":"","Spec":{"Properties":${SENT_PROPERTIES},"Tags":{},"Init":"","LogicalID":null,"Attachments":null}}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('reach an rpc plugin over a unix socket as written', () => {
    let plugin: ScriptedPlugin;
    let registry: PluginRegistry;

    afterEach(async () => {
      await plugin.close();
    });

    it('in Instance.Validate, Instance.Provision and Flavor.Validate', async () => {
      plugin = await startScriptedPlugin((method) =>
        method === 'Handshake.Implements'
          ? implementsAnswer('Instance/0.6.0', 'Flavor/0.1.0')
          : rpcResult(method === 'Instance.Provision' ? '{"Type":"","ID":"i-1"}' : '{"Type":"","OK":true}'),
      );
      registry = await createRegistry({ 'instance-rpc': { type: 'rpc', address: { socket: plugin.socket }, timeoutMs: 2000 } });
      const group = onlySpec(file, text, 'instance-rpc');

      await registry.instance('instance-rpc').validate(group.instance.properties);
      await registry
        .instance('instance-rpc')
        .provision({ Properties: group.instance.properties, Tags: {}, Init: '', LogicalID: null, Attachments: null });
      await registry.flavor('instance-rpc').validate(group.flavor.properties, { Size: 2, LogicalIDs: null });

      const bodies = plugin.requests.slice(1).map((body) => body.replace(/,"id":\d+\}$/, '}'));
      expect(bodies).toEqual([
        `{"jsonrpc":"2.0","method":"Instance.Validate","params":{"Type":"","Properties":${SENT_PROPERTIES}}}`,
        `{"jsonrpc":"2.0","method":"Instance.Provision","params":{"Type":"","Spec":{"Properties":${SENT_PROPERTIES},"Tags":{},"Init":"","LogicalID":null,"Attachments":null}}}`,
        `{"jsonrpc":"2.0","method":"Flavor.Validate","params":{"Type":"","Properties":{"Init":["echo hi"],"account":${SERIAL}},"Allocation":{"Size":2,"LogicalIDs":null}}}`,
      ]);
    });
  });

  describe('through the built-in file plugin', () => {
    let work: ReturnType<typeof makeWorkdir>;

    beforeEach(() => {
      work = makeWorkdir();
    });

    afterEach(() => work.cleanup());

    const header = (name: string): string => readFileSync(path.join(work.dir, '.tend/instances', name), 'utf8').split('\n')[1] ?? '';

    it('are stored as written, converge without drift, and an edit a double cannot see is drift', async () => {
      work.write(file, text.replace('PLUGIN', 'instance-file'));

      const applied = await runTendHere(work.dir, ['apply']);
      const names = instanceFiles(work.dir);
      const headers = names.map(header);
      const clean = await runTendHere(work.dir, ['drift', '--json']);
      // The next run reads the spec from the cache the last one kept in the state folder.
      const kept = readFileSync(path.join(work.dir, '.tend', 'spec-cache.json'), 'utf8');
      const edited = names[0] as string;
      const target = path.join(work.dir, '.tend/instances', edited);
      writeFileSync(target, readFileSync(target, 'utf8').replace(`"serial":${SERIAL}`, `"serial":${NEXT_SERIAL}`));
      const drifted = await runTendHere(work.dir, ['drift', '--json']);

      expect(applied.code).toBe(0);
      expect(names).toHaveLength(2);
      for (const stored of headers) expect(stored).toContain(`"Spec":{"Properties":${SENT_PROPERTIES},`);
      expect(clean.code).toBe(0);
      expect(kept).toContain(`"serial":${SERIAL},"price":1.50`);
      expect(drifted.code).toBe(2);
      const groups = (JSON.parse(drifted.stdout) as { groups: Array<{ drift: Record<string, number>; actions: unknown[] }> }).groups;
      expect(groups[0]?.drift).toMatchObject({ modified: 1, stale: 0, missing: 0 });
      expect(groups[0]?.actions).toEqual([{ op: 'replace', instance: edited, reason: 'modified' }]);
    });
  });
});
