import type { PluginKind } from './spi.js';

/** How the runner config describes one plugin (docs/operations.md: Runner config); paths are already absolute here. */
export type PluginConfig = FilePluginConfig | VanillaPluginConfig | ExecPluginConfig | RpcPluginConfig | DockerPluginConfig;

/** The default of a plugin's `timeout` (docs/operations.md: Runner config). */
export const DEFAULT_PLUGIN_TIMEOUT_MS = 30_000;

export interface FilePluginConfig {
  type: 'file';
  /** Absolute folder that holds one file per instance. */
  dir: string;
}

export interface VanillaPluginConfig {
  type: 'vanilla';
}

/** A program run per call (docs/plugins.md: InfraKit users and plugins). */
export interface ExecPluginConfig {
  type: 'exec';
  /** The interface the program implements: exec has no handshake. */
  kind: PluginKind;
  /** The program (absolute, or a name looked up in PATH) and its first arguments; the method name comes last. */
  command: string[];
  timeoutMs: number;
  /** Its environment beside PATH; nothing else of tend's environment is passed on. */
  env: Record<string, string>;
  /** Run through /bin/sh; off unless asked for. */
  shell: boolean;
}

/** Where a JSON-RPC plugin listens: a unix socket, a URL, or found by its name in a plugin folder (null: InfraKit's). */
export type RpcAddress = { socket: string } | { url: string } | { dir: string | null };

/** An InfraKit-compatible JSON-RPC plugin; its kinds come from its handshake. */
export interface RpcPluginConfig {
  type: 'rpc';
  address: RpcAddress;
  timeoutMs: number;
}

/** The default grace a container gets between its stop signal and a kill, unless its own `StopTimeout` says otherwise. */
export const DEFAULT_STOP_TIMEOUT_MS = 10_000;

/** Registry credentials for pulls, as the Engine API's X-Registry-Auth takes them. */
export interface RegistryCredentials {
  username: string;
  password: string;
  /** The registry they are for (e.g. `registry.example.com:5000`); absent: whatever registry an image names. */
  serveraddress?: string;
}

/** Containers through a Docker Engine API (Docker Engine, Podman's compatible service); docs/plugins.md: Containers. */
export interface DockerPluginConfig {
  type: 'docker';
  /** `unix:///path` or `tcp://host:port`; null: DOCKER_HOST, else unix:///var/run/docker.sock. */
  host: string | null;
  /** The grace of a stop for containers that set no `StopTimeout`. */
  stopTimeoutMs: number;
  timeoutMs: number;
  credentials: RegistryCredentials[];
}
