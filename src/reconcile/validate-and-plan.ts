import { compareProblems } from '../problem.js';
import { loadSpecs } from '../group-spec/load-specs.js';
import type { SpecCache } from '../group-spec/spec-cache.js';
import { inShard, type Shard } from '../group-spec/shard.js';
import type { GroupSpec, SpecFile, SpecLoadResult, SpecProblem } from '../group-spec/types.js';
import type { PluginRegistry } from '../plugins/spi.js';
import { observe } from './observe.js';
import { plan } from './plan.js';
import { validateWithPlugins } from './validate-with-plugins.js';
import type { Observation, Plan, PlanPolicy } from './types.js';

/** One revision of the specs, wherever it came from. */
export interface RevisionInput {
  sha: string | null;
  files: SpecFile[];
  pathExists: boolean;
}

export type ValidatedPlan =
  | { kind: 'invalid'; problems: SpecProblem[]; warnings: SpecProblem[] }
  | { kind: 'planned'; plan: Plan; groups: GroupSpec[]; observation: Observation; warnings: SpecProblem[] };

/** What checking specs needs from the runner config beyond the plugins. */
export interface CheckOptions {
  /** `reconcile.maxGroupSize`: the most instances one group may ask for; 10,000 when absent. */
  maxGroupSize?: number;
  /** Spec files already read, by content (spec-cache.ts), kept by a driver between revisions and between runs. */
  cache?: SpecCache;
  /** Most plugin calls in flight at once (`--concurrency`). */
  concurrency: number;
  /**
   * The revision was accepted before (a watcher's enforced revision): a plugin that refuses it now
   * is failing, not judging, so its refusal is a warning and the revision stays valid; tend's own
   * problems still make it invalid.
   */
  accepted?: boolean;
}

export interface ValidateAndPlanOptions extends CheckOptions {
  policy: Omit<PlanPolicy, 'pruneAllowed'>;
  shard: Shard | null;
  /**
   * Only these groups, when set (a watcher healing the group an instance event named): a partial
   * run, so it reports no orphans and never prunes. The plugins are still observed once each.
   */
  only?: ReadonlySet<string> | null;
}

/**
 * The shared front half of every driver: read and validate the revision's specs, ask the plugins
 * what exists, and plan the difference. A revision with any invalid spec is invalid as a
 * whole, so none of its groups is applied.
 */
export async function validateAndPlan(
  revision: RevisionInput,
  registry: PluginRegistry,
  options: ValidateAndPlanOptions,
): Promise<ValidatedPlan> {
  const loaded = await checkSpecs(revision, registry, options);
  if (!loaded.ok) return { kind: 'invalid', problems: loaded.problems, warnings: loaded.warnings };

  const only = options.only ?? null;
  const groups = loaded.groups.filter((g) => inShard(g.id, options.shard) && (only === null || only.has(g.id)));
  const observed = await observe(groups, registry, { concurrency: options.concurrency });
  // Instances of groups in other shards belong to other runners, not to nobody; a partial run judges no orphans at all.
  const orphans = only === null ? observed.orphans.filter((o) => inShard(o.group, options.shard)) : [];
  const observation = { ...observed, orphans };
  const pruneAllowed = only === null && revision.pathExists && loaded.groups.length > 0;
  const result = plan({ revision: revision.sha, groups, observation, policy: { ...options.policy, pruneAllowed } });
  return { kind: 'planned', plan: result, groups, observation, warnings: loaded.warnings };
}

/**
 * Reads and validates a revision's specs, the plugins' own checks included, all at once: each plugin
 * checks every well-formed block even when other parts of the revision have problems. Never observes
 * or changes anything.
 */
export async function checkSpecs(revision: RevisionInput, registry: PluginRegistry, options: CheckOptions): Promise<SpecLoadResult> {
  const { blocks, ...loaded } = loadSpecs(
    revision.files,
    { instancePlugins: registry.names('instance'), flavorPlugins: registry.names('flavor'), maxGroupSize: options.maxGroupSize },
    options.cache,
  );
  const found = await validateWithPlugins(blocks, registry, options.concurrency);
  const refusals = options.accepted ? found.problems.map(asWarning) : [];
  // Sorting is stable: at one place, the reader's problem or warning comes before the plugin's.
  const warnings = [...loaded.warnings, ...found.warnings, ...refusals].sort(compareProblems);
  if (loaded.ok && (found.problems.length === 0 || options.accepted)) return { ...loaded, warnings };
  const problems = [...(loaded.ok ? [] : loaded.problems), ...found.problems].sort(compareProblems);
  return { ok: false, problems, warnings };
}

function asWarning(problem: SpecProblem): SpecProblem {
  return { ...problem, code: 'SPEC_PLUGIN_WARNING', message: `refused what it accepted before, kept as it was: ${problem.message}` };
}
