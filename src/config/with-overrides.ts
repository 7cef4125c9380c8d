import { resolvedName, type ConfigOverrides } from './option-shapes.js';
import { options } from './options.js';
import type { RunnerConfig } from './runner-config.js';

/**
 * The config with what a driver was told laid over it (the CLI's flags, the Action's inputs, by
 * option name): they win over the file, which wins over the defaults. Options marked `overrides:
 * false` are read where they are used instead.
 */
export function withOverrides(config: RunnerConfig, told: ConfigOverrides): RunnerConfig {
  const given = told as Record<string, unknown>;
  const next: Record<string, unknown> = { ...config };
  for (const option of options) {
    if (!('key' in option) || ('overrides' in option && option.overrides === false)) continue;
    const value = given[option.name];
    const [section = '', key] = option.key.split('.');
    // Keys at the top (stateDir, plugins) take no flag: a path there is resolved from the config file's folder.
    if (value === undefined || key === undefined) continue;
    next[section] = { ...(next[section] as object), [resolvedName(option.value.kind, key)]: value };
  }
  return next as unknown as RunnerConfig;
}
