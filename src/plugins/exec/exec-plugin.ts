import type { ExecPluginConfig } from '../plugin-config.js';
import type { BuiltPlugin, PluginHost } from '../built-plugin.js';
import { RemoteFlavorPlugin } from '../wire/remote-flavor.js';
import { RemoteInstancePlugin } from '../wire/remote-instance.js';
import { ExecCaller } from './exec-caller.js';

/** An exec plugin of the kind its config names (exec has no handshake), each sub-type its `"Type"`. */
export function execPlugin(name: string, config: ExecPluginConfig, host: PluginHost): BuiltPlugin {
  const caller = new ExecCaller({
    name,
    command: config.command,
    timeoutMs: config.timeoutMs,
    env: config.env,
    shell: config.shell,
    path: host.env.PATH,
    cwd: host.cwd,
  });
  const kinds = new Set([config.kind]);
  return config.kind === 'instance'
    ? { kinds: () => kinds, subtypes: true, instance: (type) => new RemoteInstancePlugin(caller, type) }
    : { kinds: () => kinds, subtypes: true, flavor: (type) => new RemoteFlavorPlugin(caller, type) };
}
