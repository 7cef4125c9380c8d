import { TendError } from '../../src/errors.js';
import { FileInstancePlugin } from '../../src/plugins/file/file-instance-plugin.js';
import type { PluginConfig } from '../../src/plugins/plugin-config.js';
import { builtinPluginFactories, createRegistry } from '../../src/plugins/registry.js';
import { VanillaFlavor } from '../../src/plugins/vanilla/vanilla-flavor.js';
import type { PluginRegistry } from '../../src/plugins/spi.js';

// Built-ins do no I/O until called, so a folder that does not exist is fine here.
const configs: Record<string, PluginConfig> = {
  'instance-file': { type: 'file', dir: '/nonexistent/tend/instances' },
  'instance-other': { type: 'file', dir: '/nonexistent/tend/other' },
  'flavor-vanilla': { type: 'vanilla' },
};

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('createRegistry', () => {
  let registry: PluginRegistry;

  beforeAll(async () => {
    registry = await createRegistry(configs);
  });

  it('names every configured plugin', () => {
    expect([...registry.names('instance')].sort()).toEqual(['instance-file', 'instance-other']);
    expect([...registry.names('flavor')]).toEqual(['flavor-vanilla']);
  });

  it.each(['instance-file', 'instance-file/json'])('resolves the instance plugin %s, sub-type ignored', (name) => {
    expect(registry.instance(name)).toBeInstanceOf(FileInstancePlugin);
  });

  it.each(['flavor-vanilla', 'flavor-vanilla/manager'])('resolves the flavor %s, sub-type ignored', (name) => {
    expect(registry.flavor(name)).toBeInstanceOf(VanillaFlavor);
  });

  it('builds each plugin once', () => {
    expect(registry.instance('instance-file')).toBe(registry.instance('instance-file/x'));
    expect(registry.flavor('flavor-vanilla')).toBe(registry.flavor('flavor-vanilla'));
  });

  it('lists the instance plugins only, by name', () => {
    const listed = registry.instancePlugins();

    expect(listed.map(([name]) => name)).toEqual(['instance-file', 'instance-other']);
    expect(listed[0]?.[1]).toBe(registry.instance('instance-file'));
  });

  it.each([
    [
      'a flavor name as an instance plugin',
      () => registry.instance('flavor-vanilla'),
      '"flavor-vanilla" is a vanilla flavor, not an instance plugin',
    ],
    [
      'an instance plugin as a flavor',
      () => registry.flavor('instance-file/json'),
      '"instance-file" is a file instance plugin, not a flavor',
    ],
    ['an unknown flavor', () => registry.flavor('flavor-swarm'), 'flavor "flavor-swarm" is not configured (configured: flavor-vanilla)'],
    [
      'an unknown instance plugin',
      () => registry.instance('instance-aws/x'),
      'instance plugin "instance-aws" is not configured (configured: instance-file, instance-other)',
    ],
  ])('refuses %s with PLUGIN_NOT_CONFIGURED', (_case, lookup, message) => {
    const error = thrown(lookup);

    expect(error).toBeInstanceOf(TendError);
    expect(error).toMatchObject({ code: 'PLUGIN_NOT_CONFIGURED', message });
  });

  it('says when no plugin of the asked kind is configured', async () => {
    const onlyFlavors = await createRegistry({ 'flavor-vanilla': { type: 'vanilla' } });

    expect(thrown(() => onlyFlavors.instance('instance-file'))).toMatchObject({
      message: 'instance plugin "instance-file" is not configured (no instance plugin is configured)',
    });
  });

  it('passes the configured name to the plugin, so its errors name it', async () => {
    await expect(registry.instance('instance-other').destroy('../x', 'terminate')).rejects.toThrow(
      /^instance-other: destroy: invalid instance ID/,
    );
  });

  it('builds through the given factories, so a new transport needs no rewrite', async () => {
    const made: string[] = [];
    const factories = builtinPluginFactories();
    const builtinVanilla = factories.vanilla;
    factories.vanilla = (name, config, host) => {
      made.push(name);
      return builtinVanilla(name, config, host);
    };

    await createRegistry(configs, undefined, factories);

    expect(made).toEqual(['flavor-vanilla']);
  });

  it('rejects a plugin type it has no factory for', async () => {
    const bad = { 'instance-cloud': { type: 'grpc' } } as unknown as Record<string, PluginConfig>;

    await expect(createRegistry(bad)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: 'plugins.instance-cloud: unknown type "grpc" (known types: file, vanilla, exec, rpc, docker)',
    });
  });

  it('lists a plugin with sub-types once per sub-type the specs use, and bare when none uses it', async () => {
    const made: string[] = [];
    const factories = builtinPluginFactories();
    factories.file = (name) => ({
      kinds: () => new Set(['instance'] as const),
      subtypes: true,
      instance: (type) => {
        made.push(`${name}:${type}`);
        return new FileInstancePlugin({ dir: '/nonexistent', name });
      },
    });
    const typed = await createRegistry(configs, undefined, factories);

    const listed = typed.instancePlugins(['instance-file/json', 'instance-file/yaml', 'instance-file/json']).map(([name]) => name);

    expect(listed).toEqual(['instance-file/json', 'instance-file/yaml', 'instance-other']);
    expect(made).toEqual(['instance-file:json', 'instance-file:yaml', 'instance-other:']);
    expect(typed.instance('instance-file/json')).toBe(typed.instance('instance-file/json'));
    expect(typed.instance('instance-file/json')).not.toBe(typed.instance('instance-file'));
  });
});
