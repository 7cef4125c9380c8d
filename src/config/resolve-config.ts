import path from 'node:path';
import { parseDuration } from '../duration.js';
import type { PluginConfig } from '../plugins/plugin-config.js';
import type { RawConfig } from './config-schema.js';
import type { RunnerConfig } from './runner-config.js';

/** A URL as written (`https://…`, `ssh://…`, `git@host:path`); a local path resolved from `base`. */
export function repoLocation(repo: string, base: string): string {
  return isRepoUrl(repo) ? repo : path.resolve(base, repo);
}

/** True for what git reads as a URL rather than a path: `scheme://…`, or scp-like `[user@]host:path` (no slash before the colon). */
export function isRepoUrl(repo: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/:]+:(?!\/\/)/.test(repo);
}

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
      repo: raw.source?.repo === undefined ? null : repoLocation(raw.source.repo, base),
      ref: raw.source?.ref ?? null,
      path: raw.source?.path ?? 'specs',
    },
    stateDir,
    plugins,
    reconcile: {
      intervalMs: parseDuration(r.interval ?? '30s') ?? 30_000,
      driftSchedule: r.driftSchedule ?? '*/15 * * * *',
      mode: r.mode ?? 'correct',
      prune: r.prune ?? false,
      maxDestroy: r.maxDestroy ?? 10,
      maxDestroyPercent: r.maxDestroyPercent ?? 50,
      maxGroupSize: r.maxGroupSize ?? 10_000,
      concurrency: r.concurrency ?? 8,
      healthTimeoutMs: parseDuration(r.healthTimeout ?? '2m') ?? 120_000,
    },
    github: { repo: raw.github?.repo ?? null, context: raw.github?.context ?? 'tend', perGroupLimit: raw.github?.perGroupLimit ?? 50 },
    webhook: { port: raw.webhook?.port ?? 9292 },
  };
}
