import { TendError } from '../errors.js';
import { FileInstancePlugin } from './file/file-instance-plugin.js';
import type { PluginConfig } from './plugin-config.js';
import { pluginBaseName, type FlavorPlugin, type InstancePlugin, type PluginRegistry } from './spi.js';
import { VanillaFlavor } from './vanilla/vanilla-flavor.js';

/** A plugin built from its config, tagged with the SPI it implements. */
export type BuiltPlugin = { kind: 'instance'; plugin: InstancePlugin } | { kind: 'flavor'; plugin: FlavorPlugin };

type PluginType = PluginConfig['type'];

/** What the runner lends every plugin it builds: where to say what the caller should know but need not stop for. */
export interface PluginHost {
  /** A warning for the user, e.g. a file in an instance folder that tend did not make; never fails the call. */
  warn(message: string): void;
}

/** One factory per config `type`; typed so that a new type in PluginConfig cannot lack one. */
export type PluginFactories = {
  [T in PluginType]: (name: string, config: Extract<PluginConfig, { type: T }>, host: PluginHost) => BuiltPlugin;
};

/** The transports tend carries: `file` instances and the `vanilla` flavor. */
export function builtinPluginFactories(): PluginFactories {
  return {
    file: (name, config, host) => ({
      kind: 'instance',
      plugin: new FileInstancePlugin({ dir: config.dir, name, onWarning: (message) => host.warn(message) }),
    }),
    vanilla: (name) => ({ kind: 'flavor', plugin: new VanillaFlavor({ name }) }),
  };
}

const QUIET: PluginHost = { warn: () => undefined };

/**
 * Builds every configured plugin once and looks them up by the name a spec gives, dropping any
 * `/sub-type` (built-ins have none). Throws CONFIG_INVALID for an unknown type; lookups throw
 * PLUGIN_NOT_CONFIGURED for a name that is missing or names the other kind of plugin.
 */
export function createRegistry(
  configs: Record<string, PluginConfig>,
  host: PluginHost = QUIET,
  factories: PluginFactories = builtinPluginFactories(),
): PluginRegistry {
  const built = new Map<string, { type: string; built: BuiltPlugin }>();
  for (const [name, config] of Object.entries(configs)) {
    built.set(name, { type: config.type, built: build(name, config, host, factories) });
  }

  function lookup(spelled: string, wanted: BuiltPlugin['kind']): BuiltPlugin['plugin'] {
    const name = pluginBaseName(spelled);
    const entry = built.get(name);
    if (entry === undefined) {
      const known = [...built].filter(([, e]) => e.built.kind === wanted).map(([n]) => n);
      const listed = known.length > 0 ? `configured: ${known.join(', ')}` : `no ${kindWord(wanted)} is configured`;
      throw new TendError('PLUGIN_NOT_CONFIGURED', `${kindWord(wanted)} "${name}" is not configured (${listed})`);
    }
    if (entry.built.kind !== wanted) {
      const article = wanted === 'instance' ? 'an' : 'a';
      throw new TendError(
        'PLUGIN_NOT_CONFIGURED',
        `"${name}" is a ${entry.type} ${kindWord(entry.built.kind)}, not ${article} ${kindWord(wanted)}`,
      );
    }
    return entry.built.plugin;
  }

  return {
    names: (kind) => new Set([...built].filter(([, e]) => e.built.kind === kind).map(([n]) => n)),
    instance: (name) => lookup(name, 'instance') as InstancePlugin,
    flavor: (name) => lookup(name, 'flavor') as FlavorPlugin,
    instancePlugins: () => [...built].flatMap(([name, e]) => (e.built.kind === 'instance' ? [[name, e.built.plugin] as const] : [])),
  };
}

function build(name: string, config: PluginConfig, host: PluginHost, factories: PluginFactories): BuiltPlugin {
  const type: string = config.type;
  if (!Object.hasOwn(factories, type)) {
    const known = Object.keys(factories).join(', ');
    throw new TendError('CONFIG_INVALID', `plugins.${name}: unknown type "${type}" (known types: ${known})`);
  }
  // The mapped type guarantees factories[config.type] accepts this config; TS cannot correlate the two.
  const factory = factories[config.type] as (name: string, config: PluginConfig, host: PluginHost) => BuiltPlugin;
  return factory(name, config, host);
}

function kindWord(kind: BuiltPlugin['kind']): string {
  return kind === 'instance' ? 'instance plugin' : 'flavor';
}
