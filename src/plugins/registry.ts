import { TendError } from '../errors.js';
import { builtFlavor, builtInstance, type BuiltPlugin, type PluginHost } from './built-plugin.js';
import { execPlugin } from './exec/exec-plugin.js';
import { FileInstancePlugin } from './file/file-instance-plugin.js';
import type { PluginConfig } from './plugin-config.js';
import { rpcPlugin } from './rpc/rpc-plugin.js';
import { pluginBaseName, pluginSubtype, type FlavorPlugin, type InstancePlugin, type PluginKind, type PluginRegistry } from './spi.js';
import { VanillaFlavor } from './vanilla/vanilla-flavor.js';

export type { BuiltPlugin, PluginHost } from './built-plugin.js';

type PluginType = PluginConfig['type'];

/** One factory per config `type`; typed so that a new type in PluginConfig cannot lack one. May be async (an rpc handshake). */
export type PluginFactories = {
  [T in PluginType]: (name: string, config: Extract<PluginConfig, { type: T }>, host: PluginHost) => BuiltPlugin | Promise<BuiltPlugin>;
};

/** The transports tend carries: `file` instances, the `vanilla` flavor, `exec` programs, `rpc` (InfraKit's JSON-RPC) and `docker` containers. */
export function builtinPluginFactories(): PluginFactories {
  return {
    file: (name, config, host) =>
      builtInstance(new FileInstancePlugin({ dir: config.dir, name, onWarning: (message) => host.warn(message) })),
    vanilla: (name) => builtFlavor(new VanillaFlavor({ name })),
    exec: execPlugin,
    rpc: rpcPlugin,
    // Loaded only where configured: the Engine API's client is the largest library a plugin brings.
    docker: async (name, config, host) => (await import('./docker/docker-plugin.js')).dockerPlugin(name, config, host),
  };
}

/** A host in this process's environment and working directory, its warnings told to `warn` (by default, to no one). */
export function processHost(warn: (message: string) => void = () => undefined): PluginHost {
  return { warn, env: process.env, cwd: process.cwd() };
}

/**
 * Builds every configured plugin once (rpc plugins handshake, all at once) and looks them up by
 * the name a spec gives, bound to its `/sub-type`. Rejects with CONFIG_INVALID for an unknown
 * type; lookups throw PLUGIN_NOT_CONFIGURED for a name that is missing or names the other kind.
 */
export async function createRegistry(
  configs: Record<string, PluginConfig>,
  host: PluginHost = processHost(),
  factories: PluginFactories = builtinPluginFactories(),
): Promise<PluginRegistry> {
  const entries = await Promise.all(
    Object.entries(configs).map(
      async ([name, config]) => [name, { type: config.type, built: await build(name, config, host, factories) }] as const,
    ),
  );
  const built = new Map(entries);
  const bound = new Map<string, InstancePlugin | FlavorPlugin>();
  /** Known to be of this kind, or not known yet (a plugin that has not answered could be either). */
  const mayBe = (b: BuiltPlugin, kind: PluginKind): boolean => b[kind] !== undefined && (b.kinds()?.has(kind) ?? true);

  function lookup(spelled: string, wanted: PluginKind): InstancePlugin | FlavorPlugin {
    const name = pluginBaseName(spelled);
    const entry = built.get(name);
    if (entry === undefined) {
      const known = [...built].filter(([, e]) => mayBe(e.built, wanted)).map(([n]) => n);
      const listed = known.length > 0 ? `configured: ${known.join(', ')}` : `no ${kindWord(wanted)} is configured`;
      throw new TendError('PLUGIN_NOT_CONFIGURED', `${kindWord(wanted)} "${name}" is not configured (${listed})`);
    }
    if (!mayBe(entry.built, wanted)) {
      const article = wanted === 'instance' ? 'an' : 'a';
      const is = [...(entry.built.kinds() ?? [])].map(kindWord).join(' and ');
      throw new TendError('PLUGIN_NOT_CONFIGURED', `"${name}" is a ${entry.type} ${is}, not ${article} ${kindWord(wanted)}`);
    }
    const subtype = entry.built.subtypes ? pluginSubtype(spelled) : '';
    const key = `${wanted}\u0000${name}\u0000${subtype}`;
    let plugin = bound.get(key);
    if (plugin === undefined) {
      plugin = (entry.built[wanted] as (subtype: string) => InstancePlugin | FlavorPlugin)(subtype);
      bound.set(key, plugin);
    }
    return plugin;
  }

  /** The names to describe of one plugin: each sub-type a spec uses, else the plugin itself. */
  function describedNames(name: string, b: BuiltPlugin, used: readonly string[]): string[] {
    const mine = used.filter((u) => pluginBaseName(u) === name);
    if (!b.subtypes) return [name];
    const names = [...new Set(mine.map((u) => (pluginSubtype(u) === '' ? name : `${name}/${pluginSubtype(u)}`)))].sort();
    return names.length > 0 ? names : [name];
  }

  return {
    names: (kind) => new Set([...built].filter(([, e]) => mayBe(e.built, kind)).map(([n]) => n)),
    instance: (name) => lookup(name, 'instance') as InstancePlugin,
    flavor: (name) => lookup(name, 'flavor') as FlavorPlugin,
    instancePlugins: (used = []) => {
      const usedList = [...used];
      return [...built].flatMap(([name, e]) => {
        if (!mayBe(e.built, 'instance')) return [];
        // A plugin that has not answered is described only where a spec names it: it may well be a flavor.
        if (e.built.kinds() === null && !usedList.some((u) => pluginBaseName(u) === name)) return [];
        return describedNames(name, e.built, usedList).map((n) => [n, lookup(n, 'instance') as InstancePlugin] as const);
      });
    },
  };
}

async function build(name: string, config: PluginConfig, host: PluginHost, factories: PluginFactories): Promise<BuiltPlugin> {
  const type: string = config.type;
  if (!Object.hasOwn(factories, type)) {
    const known = Object.keys(factories).join(', ');
    throw new TendError('CONFIG_INVALID', `plugins.${name}: unknown type "${type}" (known types: ${known})`);
  }
  // The mapped type guarantees factories[config.type] accepts this config; TS cannot correlate the two.
  const factory = factories[config.type] as (name: string, config: PluginConfig, host: PluginHost) => BuiltPlugin | Promise<BuiltPlugin>;
  return factory(name, config, host);
}

function kindWord(kind: PluginKind): string {
  return kind === 'instance' ? 'instance plugin' : 'flavor';
}
