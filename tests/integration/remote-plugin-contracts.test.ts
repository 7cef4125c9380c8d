import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRegistry } from '../../src/plugins/registry.js';
import type { PluginConfig } from '../../src/plugins/plugin-config.js';
import type { PluginRegistry } from '../../src/plugins/spi.js';
import { describeFlavorPluginContract } from '../helpers/flavor-plugin-contract.js';
import { describeInstancePluginContract } from '../helpers/instance-plugin-contract.js';
import { startKitProcess, type KitProcess } from '../helpers/kit-process.js';
import { REPO_ROOT } from '../helpers/run-tend.js';

// The same contracts the built-ins meet, through each transport: the file plugin served by the kit
// example in its own process (over a unix socket and over TCP), and shell scripts run by exec.

function emptied(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) rmSync(path.join(dir, name), { recursive: true, force: true });
}

function kitWorld(transport: 'socket' | 'tcp') {
  const world = { dir: '', kit: undefined as KitProcess | undefined, registry: undefined as PluginRegistry | undefined };
  beforeAll(async () => {
    world.dir = mkdtempSync(path.join(os.tmpdir(), `tend-kit-${transport}-`));
    const instances = path.join(world.dir, 'instances');
    const socket = path.join(world.dir, 'instance-kit.sock');
    world.kit = await startKitProcess({ dir: instances, flavor: true, ...(transport === 'socket' ? { socket } : { port: 0 }) });
    const address = transport === 'socket' ? { socket } : { url: world.kit.url };
    world.registry = await createRegistry({ 'instance-kit': { type: 'rpc', address, timeoutMs: 5000 } });
  });
  afterAll(async () => {
    await world.kit?.kill();
    rmSync(world.dir, { recursive: true, force: true });
  });
  const fresh = async () => {
    emptied(path.join(world.dir, 'instances'));
    return world.registry as PluginRegistry;
  };
  return fresh;
}

for (const transport of ['socket', 'tcp'] as const) {
  const fresh = kitWorld(transport);
  describeInstancePluginContract(`file plugin served by the kit, rpc over ${transport}`, async () => ({
    plugin: (await fresh()).instance('instance-kit'),
    cleanup: async () => undefined,
  }));
  describeFlavorPluginContract(`vanilla served by the kit beside it, rpc over ${transport}`, async () => ({
    plugin: (await fresh()).flavor('instance-kit'),
    cleanup: async () => undefined,
  }));
}

function execRegistry(dir: string): Promise<PluginRegistry> {
  const configs: Record<string, PluginConfig> = {
    'instance-sh': {
      type: 'exec',
      kind: 'instance',
      command: [path.join(REPO_ROOT, 'examples/exec/instance-files.sh')],
      timeoutMs: 10_000,
      env: { INSTANCE_DIR: dir },
      shell: false,
    },
    'flavor-sh': {
      type: 'exec',
      kind: 'flavor',
      command: [path.join(REPO_ROOT, 'examples/exec/flavor-tags.sh')],
      timeoutMs: 10_000,
      env: {},
      shell: false,
    },
  };
  return createRegistry(configs);
}

describeInstancePluginContract('shell script, exec', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tend-exec-'));
  return { plugin: (await execRegistry(dir)).instance('instance-sh'), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});

describeFlavorPluginContract('shell script, exec', async () => ({
  plugin: (await execRegistry('/nonexistent')).flavor('flavor-sh'),
  cleanup: async () => undefined,
}));
