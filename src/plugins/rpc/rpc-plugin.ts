import { errorMessage } from '../../errors.js';
import type { BuiltPlugin, PluginHost } from '../built-plugin.js';
import type { RpcPluginConfig } from '../plugin-config.js';
import type { PluginKind } from '../spi.js';
import { RemoteFlavorPlugin } from '../wire/remote-flavor.js';
import { RemoteInstancePlugin } from '../wire/remote-instance.js';
import { RpcClient } from './rpc-client.js';

/**
 * A JSON-RPC plugin, its kinds learnt from its handshake (one plugin may be both an instance
 * plugin and a flavor). A plugin that does not answer yet is still built, with kinds unknown: its
 * calls handshake again, so it is picked up once it is up, and until then fail naming it.
 */
export async function rpcPlugin(name: string, config: RpcPluginConfig, host: PluginHost): Promise<BuiltPlugin> {
  const client = new RpcClient({
    name,
    address: config.address,
    timeoutMs: config.timeoutMs,
    env: host.env,
  });
  let kinds: ReadonlySet<PluginKind> | null = null;
  const learn = (): void => {
    client.kinds().then(
      (found) => (kinds = found),
      () => undefined,
    );
  };
  try {
    kinds = await client.kinds();
  } catch (err) {
    host.warn(`plugin ${name}: no handshake yet (${errorMessage(err)}); calls to it will try again`);
  }
  return {
    kinds: () => {
      if (kinds === null) learn();
      return kinds;
    },
    subtypes: true,
    instance: (type) => new RemoteInstancePlugin(client, type),
    flavor: (type) => new RemoteFlavorPlugin(client, type),
  };
}
