import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PluginError } from '../../errors.js';
import type { RpcAddress } from '../plugin-config.js';
import type { HttpTarget } from './http-post.js';

/** InfraKit's plugin folder, as InfraKit looks for it: INFRAKIT_PLUGINS_DIR, else INFRAKIT_HOME/plugins, else ~/.infrakit/plugins. */
function infrakitPluginsDir(env: NodeJS.ProcessEnv): string {
  if (env.INFRAKIT_PLUGINS_DIR) return env.INFRAKIT_PLUGINS_DIR;
  if (env.INFRAKIT_HOME) return path.join(env.INFRAKIT_HOME, 'plugins');
  return path.join(env.HOME ?? os.homedir(), '.infrakit', 'plugins');
}

/**
 * The HTTP target of a plugin now. A folder is looked at again on every new connection, as
 * InfraKit does, so a plugin that comes up later, or again on another port, is found: the unix
 * socket named after the plugin, else `NAME.listen` holding its URL (`tcp://host:port`).
 */
export async function resolveAddress(name: string, address: RpcAddress, env: NodeJS.ProcessEnv, method = 'connect'): Promise<HttpTarget> {
  if ('socket' in address) return { socketPath: address.socket, path: '/' };
  if ('url' in address) return parseUrl(name, address.url, method);
  const socket = path.join(address.dir ?? infrakitPluginsDir(env), name);
  const found = await stat(socket).catch(() => null);
  if (found?.isSocket()) return { socketPath: socket, path: '/' };
  const listen = await readFile(`${socket}.listen`, 'utf8').catch(() => null);
  if (listen !== null) return parseUrl(name, listen.trim(), method);
  throw new PluginError(name, method, `no socket ${socket} nor ${socket}.listen in the plugin folder (is the plugin running?)`, {
    code: 'PLUGIN_UNREACHABLE',
    transient: true,
  });
}

/** `tcp://host:port`, `http://host:port/path` or `unix:///path/to/socket`. */
function parseUrl(name: string, text: string, method = 'connect'): HttpTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PluginError(name, method, `not a URL: ${JSON.stringify(text)}`, { code: 'PLUGIN_UNREACHABLE' });
  }
  if (url.protocol === 'unix:') return { socketPath: decodeURIComponent(url.pathname), path: '/' };
  if ((url.protocol === 'tcp:' || url.protocol === 'http:') && url.port !== '') {
    return {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port),
      path: url.protocol === 'http:' ? url.pathname || '/' : '/',
    };
  }
  throw new PluginError(name, method, `expected tcp://host:port, http://host:port/ or unix:///path, got ${JSON.stringify(text)}`, {
    code: 'PLUGIN_UNREACHABLE',
  });
}
