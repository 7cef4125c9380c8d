import path from 'node:path';
import { parseDuration } from '../duration.js';
import { DEFAULT_PLUGIN_TIMEOUT_MS, DEFAULT_STOP_TIMEOUT_MS, type PluginConfig } from '../plugins/plugin-config.js';
import type { RawConfig, RawPluginConfig } from './config-schema.js';
import { resolvedName } from './option-shapes.js';
import { defaultOf, options } from './options.js';
import type { RunnerConfig } from './runner-config.js';

/** The defaults of the options table under what the file says, relative paths resolved from `base`. */
export function resolveConfig(raw: RawConfig, file: string | null, base: string): RunnerConfig {
  const stateDir = path.resolve(base, raw.stateDir ?? defaultOf('stateDir'));
  const configured: Record<string, RawPluginConfig> = raw.plugins ?? {
    'instance-file': { type: 'file', dir: path.join(stateDir, 'instances') },
    'flavor-vanilla': { type: 'vanilla' },
  };
  const plugins: Record<string, PluginConfig> = {};
  for (const [name, plugin] of Object.entries(configured)) {
    plugins[name] = resolvePlugin(plugin, base);
  }
  return { file, ...resolveSections(raw), stateDir, plugins };
}

/** Each key of a section (`reconcile.maxDestroy`) as written, else its default, else null; durations in milliseconds. */
function resolveSections(raw: RawConfig): Omit<RunnerConfig, 'file' | 'stateDir' | 'plugins'> {
  const written = raw as Record<string, Record<string, unknown> | undefined>;
  const sections: Record<string, Record<string, unknown>> = {};
  for (const option of options) {
    if (!('key' in option)) continue;
    const [section = '', key] = option.key.split('.');
    if (key === undefined) continue;
    const value = written[section]?.[key] ?? ('default' in option ? option.default : null);
    const resolved = option.value.kind === 'duration' && value !== null ? parseDuration(value as string | number) : value;
    (sections[section] ??= {})[resolvedName(option.value.kind, key)] = resolved;
  }
  // The table's types say the same (option-shapes.ts); the schema checked what the file wrote.
  return sections as unknown as Omit<RunnerConfig, 'file' | 'stateDir' | 'plugins'>;
}

/** One plugin with its paths made absolute and its timeout in milliseconds (default 30 s). */
function resolvePlugin(plugin: RawPluginConfig, base: string): PluginConfig {
  switch (plugin.type) {
    case 'file':
      return { type: 'file', dir: path.resolve(base, plugin.dir) };
    case 'vanilla':
      return plugin;
    case 'exec':
      return {
        type: 'exec',
        kind: plugin.kind ?? 'instance',
        // A program named by a relative path is found from the config file's folder, like every other path.
        command: [resolveProgram(plugin.command[0] ?? '', base, plugin.shell === true), ...plugin.command.slice(1)],
        timeoutMs: timeoutOf(plugin.timeout),
        env: plugin.env ?? {},
        shell: plugin.shell ?? false,
      };
    case 'rpc': {
      const address =
        plugin.socket !== undefined
          ? { socket: path.resolve(base, plugin.socket) }
          : plugin.url !== undefined
            ? { url: plugin.url }
            : { dir: plugin.dir === undefined ? null : path.resolve(base, plugin.dir) };
      return { type: 'rpc', address, timeoutMs: timeoutOf(plugin.timeout) };
    }
    case 'docker': {
      // A relative socket path is read from the config file's folder, like every other path.
      const host = plugin.host?.startsWith('unix://') ? `unix://${path.resolve(base, plugin.host.slice(7))}` : (plugin.host ?? null);
      const stop = plugin.stopTimeout === undefined ? null : parseDuration(plugin.stopTimeout);
      return {
        type: 'docker',
        host,
        stopTimeoutMs: stop ?? DEFAULT_STOP_TIMEOUT_MS,
        timeoutMs: timeoutOf(plugin.timeout),
        credentials: plugin.credentials ?? [],
      };
    }
  }
}

function timeoutOf(timeout: string | number | undefined): number {
  return (timeout === undefined ? null : parseDuration(timeout)) ?? DEFAULT_PLUGIN_TIMEOUT_MS;
}

/** `./plugins/cloud.sh` from the config's folder; a bare name (`python3`) is left to PATH, and a shell line as written. */
function resolveProgram(program: string, base: string, shell: boolean): string {
  return !shell && program.includes('/') ? path.resolve(base, program) : program;
}
