import path from 'node:path';
import { parseDuration } from '../duration.js';
import type { PluginConfig } from '../plugins/plugin-config.js';
import { DEFAULT_MAX_GROUP_SIZE } from '../spec/allocation.js';
import type { RawConfig } from './config-schema.js';
import type { RunnerConfig } from './runner-config.js';

/** The defaults of README: Runner config under what the file says, relative paths resolved from `base`. */
export function resolveConfig(raw: RawConfig, file: string | null, base: string): RunnerConfig {
  const stateDir = path.resolve(base, raw.stateDir ?? '.tend');
  const configured = raw.plugins ?? {
    'instance-file': { type: 'file', dir: path.join(stateDir, 'instances') },
    'flavor-vanilla': { type: 'vanilla' },
  };
  const plugins: Record<string, PluginConfig> = {};
  for (const [name, plugin] of Object.entries(configured)) {
    plugins[name] = plugin.type === 'file' ? { type: 'file', dir: path.resolve(base, plugin.dir) } : plugin;
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
    github: { repo: raw.github?.repo ?? null, context: raw.github?.context ?? 'tend', perGroupLimit: raw.github?.perGroupLimit ?? 50 },
    webhook: { port: raw.webhook?.port ?? null },
    metrics: { port: raw.metrics?.port ?? null },
  };
}
