import Docker from 'dockerode';
import { builtInstance, type BuiltPlugin, type PluginHost } from '../built-plugin.js';
import type { DockerPluginConfig } from '../plugin-config.js';
import { DockerInstancePlugin } from './docker-instance-plugin.js';
import { engineHost } from './engine-host.js';

/** The Engine API version tend speaks: 1.41 is Docker 20.10's, and Podman's compatible service answers it too. */
const ENGINE_API_VERSION = 'v1.41';

/** A `docker` plugin of the runner config: the engine at its host (else DOCKER_HOST, else Docker's socket). */
export function dockerPlugin(name: string, config: DockerPluginConfig, host: PluginHost): BuiltPlugin {
  const engine = engineHost(config.host, host.env);
  const docker = new Docker({ ...engine.options, version: ENGINE_API_VERSION });
  const plugin = new DockerInstancePlugin({
    name,
    docker,
    host: engine.text,
    timeoutMs: config.timeoutMs,
    stopTimeoutMs: config.stopTimeoutMs,
    credentials: config.credentials,
    warn: (message) => host.warn(message),
    // A long pull says how it goes, where a person is watching.
    ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`${line}\n`) } : {}),
  });
  return builtInstance(plugin);
}
