import path from 'node:path';
import { parseDuration } from '../duration.js';
import { DEFAULT_PLUGIN_TIMEOUT_MS, DEFAULT_STOP_TIMEOUT_MS, type PluginConfig } from '../plugins/plugin-config.js';
import { DEFAULT_MAX_GROUP_SIZE } from '../group-spec/allocation.js';
import type { RawConfig, RawPluginConfig } from './config-schema.js';
import type { RunnerConfig } from './runner-config.js';

/** The defaults of README: Runner config under what the file says, relative paths resolved from `base`. */
export function resolveConfig(raw: RawConfig, file: string | null, base: string): RunnerConfig {
  const stateDir = path.resolve(base, raw.stateDir ?? '.tend');
  const configured: Record<string, RawPluginConfig> = raw.plugins ?? {
    'instance-file': { type: 'file', dir: path.join(stateDir, 'instances') },
    'flavor-vanilla': { type: 'vanilla' },
  };
  const plugins: Record<string, PluginConfig> = {};
  for (const [name, plugin] of Object.entries(configured)) {
    plugins[name] = resolvePlugin(plugin, base);
  }
  const r = raw.reconcile ?? {};
  return {
    file,
    source: {
      repo: raw.source?.repo ?? null,
      ref: raw.source?.ref ?? null,
      path: raw.source?.path ?? 'specs',
    },
    stateDir,
    plugins,
    reconcile: {
      intervalMs: parseDuration(r.interval ?? '30s') ?? 30_000,
      driftSchedule: r.driftSchedule ?? '*/15 * * * *',
      timezone: r.timezone ?? null,
      mode: r.mode ?? 'correct',
      prune: r.prune ?? false,
      maxDestroy: r.maxDestroy ?? 10,
      maxDestroyPercent: r.maxDestroyPercent ?? 50,
      maxGroupSize: r.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE,
      concurrency: r.concurrency ?? 8,
      healthTimeoutMs: parseDuration(r.healthTimeout ?? '2m') ?? 120_000,
    },
    github: {
      repo: raw.github?.repo ?? null,
      context: raw.github?.context ?? 'tend',
      perGroupLimit: raw.github?.perGroupLimit ?? 50,
      driftIssues: raw.github?.driftIssues ?? false,
      driftIssueLimit: raw.github?.driftIssueLimit ?? 20,
    },
    webhook: { port: raw.webhook?.port ?? null },
    metrics: { port: raw.metrics?.port ?? null },
  };
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
