import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { createLogger, type Logger } from '../log.js';
import { createRegistry } from '../plugins/registry.js';
import type { PluginRegistry } from '../plugins/spi.js';
import { FolderSource } from '../source/folder-source.js';
import type { SpecSource } from '../source/spec-source.js';
import type { JudgeOptions } from '../reconcile/judge-revision.js';
import type { GlobalFlags, PipelineFlags } from './options.js';
import type { CliIo } from './io.js';

/** Everything a command needs, composed once from the config file, the flags and the environment. */
export interface CommandContext {
  io: CliIo;
  config: RunnerConfig;
  registry: PluginRegistry;
  source: SpecSource;
  log: Logger;
  judge: JudgeOptions;
}

export async function createContext(io: CliIo, globals: GlobalFlags, flags: PipelineFlags): Promise<CommandContext> {
  const log = await createLogger(globals.logFormat, io.err);
  const loaded = await loadConfig(globals.config, io.cwd);
  const config = withFlags(loaded, flags);
  const base = config.file ? path.dirname(config.file) : io.cwd;
  const specsDir = flags.specs ? path.resolve(io.cwd, flags.specs) : path.resolve(base, config.source.repo, config.source.path);
  const r = config.reconcile;
  return {
    io,
    config,
    registry: createRegistry(config.plugins, { warn: (message) => log.warn(message) }),
    source: new FolderSource(specsDir, io.cwd),
    log,
    judge: {
      policy: { maxDestroy: r.maxDestroy, maxDestroyPercent: r.maxDestroyPercent, prune: r.prune, mode: r.mode },
      concurrency: r.concurrency,
      shard: globals.shard ?? null,
    },
  };
}

/** Flags win over the config file, which wins over the defaults. */
function withFlags(config: RunnerConfig, flags: PipelineFlags): RunnerConfig {
  const r = config.reconcile;
  return {
    ...config,
    reconcile: {
      ...r,
      maxDestroy: flags.maxDestroy ?? r.maxDestroy,
      maxDestroyPercent: flags.maxDestroyPercent ?? r.maxDestroyPercent,
      prune: flags.prune ?? r.prune,
      concurrency: flags.concurrency ?? r.concurrency,
      mode: flags.mode ?? r.mode,
      healthTimeoutMs: flags.healthTimeout ?? r.healthTimeoutMs,
    },
  };
}
