import type { RunnerConfig } from '../config/runner-config.js';
import { composeRun } from '../compose/compose-run.js';
import { defaultMs, defaultOf } from '../config/options.js';
import { createLogger, type Logger } from '../log.js';
import type { ApplySettings, ReadPorts } from '../pipeline/ports.js';
import type { ValidateAndPlanOptions } from '../reconcile/validate-and-plan.js';
import type { GlobalFlags, PipelineFlags, ReportFlags } from './options.js';
import type { CliIo } from './io.js';

/** Everything a command needs, composed once from the config file, the flags and the environment. */
export interface CommandContext {
  io: CliIo;
  config: RunnerConfig;
  ports: ReadPorts;
  log: Logger;
  planning: ValidateAndPlanOptions;
  apply: ApplySettings;
  /** `--json`: results, and failures too, as JSON on stdout. */
  json: boolean;
  lockTimeoutMs: number;
  /** Where runs are reported beside the console (cli/reporters.ts reads them, and the config's `github` keys). */
  report: ReportFlags;
}

export async function createContext(io: CliIo, globals: GlobalFlags, flags: PipelineFlags): Promise<CommandContext> {
  const log = await createLogger(globals.logFormat ?? defaultOf('logFormat'), io.err);
  const setup = await composeRun(io, log, { configFile: globals.config, shard: globals.shard, overrides: flags });
  const report: ReportFlags = { report: flags.report, githubApiUrl: flags.githubApiUrl, statusUrl: flags.statusUrl };
  return { io, ...setup, log, json: flags.json ?? false, lockTimeoutMs: flags.lockTimeout ?? defaultMs('lockTimeout'), report };
}
