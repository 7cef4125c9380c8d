import type { PluginKind } from './spi.js';

/** How the runner config describes one plugin (README: Runner config); paths are already absolute here. */
export type PluginConfig = FilePluginConfig | VanillaPluginConfig | ExecPluginConfig | RpcPluginConfig;

/** The default of a plugin's `timeout` (README: Runner config). */
export const DEFAULT_PLUGIN_TIMEOUT_MS = 30_000;

export interface FilePluginConfig {
  type: 'file';
  /** Absolute folder that holds one file per instance. */
  dir: string;
}

export interface VanillaPluginConfig {
  type: 'vanilla';
}

/** A program run per call (README: InfraKit users and plugins). */
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
