import type { FlavorPlugin, InstancePlugin, PluginKind } from './spi.js';

/** What the runner lends every plugin it builds. */
export interface PluginHost {
  /** A warning for the user, e.g. a file in an instance folder that tend did not make; never fails the call. */
  warn(message: string): void;
  /** The run's environment: where rpc plugins find INFRAKIT_*, docker DOCKER_HOST, exec programs PATH. */
  env: NodeJS.ProcessEnv;
  /** The run's working directory, where exec programs run. */
  cwd: string;
}

/** A plugin built from its config: the interfaces it implements, and the plugin bound to each sub-type. */
export interface BuiltPlugin {
  /** The interfaces it implements; null while unknown (an rpc plugin that has not answered its handshake yet). */
  kinds(): ReadonlySet<PluginKind> | null;
  /** True when the part after `/` reaches the plugin (`"Type"` on the wire); to the built-ins `x/y` is `x`. */
  subtypes: boolean;
  /** The instance plugin bound to a sub-type ("" for none). */
  instance?: (subtype: string) => InstancePlugin;
  /** The flavor bound to a sub-type ("" for none). */
  flavor?: (subtype: string) => FlavorPlugin;
}

/** A built-in instance plugin, which has no sub-types. */
export function builtInstance(plugin: InstancePlugin): BuiltPlugin {
  const kinds = new Set<PluginKind>(['instance']);
  return { kinds: () => kinds, subtypes: false, instance: () => plugin };
}

/** A built-in flavor, which has no sub-types. */
export function builtFlavor(plugin: FlavorPlugin): BuiltPlugin {
  const kinds = new Set<PluginKind>(['flavor']);
  return { kinds: () => kinds, subtypes: false, flavor: () => plugin };
}
