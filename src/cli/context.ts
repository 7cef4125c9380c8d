import { loadConfig } from '../config/load-config.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { createLogger, type Logger } from '../log.js';
import type { ApplySettings, ReadPorts } from '../pipeline/ports.js';
import type { JudgeOptions } from '../reconcile/judge-revision.js';
import { createRegistry } from '../plugins/registry.js';
import type { GlobalFlags, PipelineFlags } from './options.js';
import type { CliIo } from './io.js';
import { chooseSource } from './spec-source.js';

/** Everything a command needs, composed once from the config file, the flags and the environment. */
export interface CommandContext {
  io: CliIo;
  config: RunnerConfig;
  ports: ReadPorts;
  log: Logger;
  judge: JudgeOptions;
  apply: ApplySettings;
  /** `--json`: results, and failures too, as JSON on stdout. */
  json: boolean;
  lockTimeoutMs: number;
}

export async function createContext(io: CliIo, globals: GlobalFlags, flags: PipelineFlags): Promise<CommandContext> {
  const log = await createLogger(globals.logFormat, io.err);
  const config = withFlags(await loadConfig(globals.config, io.cwd), flags);
  const r = config.reconcile;
  return {
    io,
    config,
    log,
    ports: {
      source: await chooseSource(io, config, flags),
      registry: await createRegistry(config.plugins, { warn: (message) => log.warn(message) }),
      log,
    },
    judge: {
      policy: { maxDestroy: r.maxDestroy, maxDestroyPercent: r.maxDestroyPercent, prune: r.prune, mode: r.mode },
      concurrency: r.concurrency,
      shard: globals.shard ?? null,
      maxGroupSize: r.maxGroupSize,
    },
    apply: { concurrency: r.concurrency, healthTimeoutMs: r.healthTimeoutMs, healthPollMs: 100 },
    json: flags.json ?? false,
    lockTimeoutMs: flags.lockTimeout ?? 0,
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
      maxGroupSize: flags.maxGroupSize ?? r.maxGroupSize,
      prune: flags.prune ?? r.prune,
      concurrency: flags.concurrency ?? r.concurrency,
      mode: flags.mode ?? r.mode,
      healthTimeoutMs: flags.healthTimeout ?? r.healthTimeoutMs,
    },
  };
}
