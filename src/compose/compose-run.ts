import { loadConfig } from '../config/load-config.js';
import type { ConfigOverrides } from '../config/option-shapes.js';
import type { RunnerConfig } from '../config/runner-config.js';
import { withOverrides } from '../config/with-overrides.js';
import type { Logger } from '../log.js';
import type { ApplySettings, ReadPorts } from '../pipeline/ports.js';
import { createRegistry } from '../plugins/registry.js';
import type { ValidateAndPlanOptions } from '../reconcile/validate-and-plan.js';
import type { Shard } from '../group-spec/shard.js';
import { chooseSource, type SourceChoice, type Where } from './choose-source.js';
import { storedSpecCache } from './stored-spec-cache.js';

/** What every driver runs the pipeline with, composed from the config file, what the driver was told and the environment. */
export interface RunSetup {
  config: RunnerConfig;
  ports: ReadPorts;
  planning: ValidateAndPlanOptions;
  apply: ApplySettings;
}

/**
 * Reads the runner config (`configFile`, else `tend.config.yaml` in `where.cwd` if present), lets the
 * driver's values win over it, and builds the source and the plugins from the result. Throws
 * CONFIG_INVALID (every problem listed) or USAGE (a source named twice).
 */
export async function composeRun(
  where: Where,
  log: Logger,
  told: { configFile?: string; shard?: Shard | null; overrides: ConfigOverrides & SourceChoice },
): Promise<RunSetup> {
  const config = withOverrides(await loadConfig(told.configFile, where.cwd), told.overrides);
  const r = config.reconcile;
  return {
    config,
    ports: {
      source: await chooseSource(where, config, told.overrides),
      registry: await createRegistry(config.plugins, { warn: (message) => log.warn(message), env: where.env, cwd: where.cwd }),
      log,
    },
    planning: {
      policy: { maxDestroy: r.maxDestroy, maxDestroyPercent: r.maxDestroyPercent, prune: r.prune, mode: r.mode },
      concurrency: r.concurrency,
      shard: told.shard ?? null,
      maxGroupSize: r.maxGroupSize,
      // Spec files are parsed once per content, across runs too: a run reads again only what changed.
      cache: storedSpecCache(config.stateDir),
    },
    apply: { concurrency: r.concurrency, healthTimeoutMs: r.healthTimeoutMs, healthPollMs: 100 },
  };
}
