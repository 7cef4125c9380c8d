import { observe } from '../reconcile/observe.js';
import type { Observation, ObservedInstance } from '../reconcile/types.js';
import type { Tags } from '../plugins/spi.js';
import type { CheckOptions } from '../reconcile/validate-and-plan.js';
import { inShard, type Shard } from '../group-spec/shard.js';
import { validateSpecs } from './read-and-plan.js';
import type { ReadPorts } from './ports.js';

/** One instance tend manages, as `describe --json` prints it. */
export interface DescribedInstance {
  group: string;
  id: string;
  logicalId: string | null;
  plugin: string;
  tags: Tags;
  /** True when its group is not in the specs (prune would destroy it); null when the specs could not be read. */
  orphan: boolean | null;
}

export interface ManagedInstances {
  instances: DescribedInstance[];
  /** Instance plugins that could not be asked, with why: what they hold is not listed. */
  unreachable: Observation['unreachable'];
}

/**
 * Every instance tend manages (tagged `tend.group`), from every configured instance plugin: observed
 * against no desired group, so that all of them come back grouped (as orphans).
 */
export async function observeManaged(ports: ReadPorts, concurrency: number): Promise<Observation> {
  return observe([], ports.registry, { concurrency });
}

/** The instances of `observation`, of one group or all, within the shard, sorted by group then ID. */
export function managedInstances(
  observation: Observation,
  group: string | undefined,
  shard: Shard | null,
  wanted: ReadonlySet<string> | null = null,
): DescribedInstance[] {
  const shown = (o: { group: string; plugin: string }, i: ObservedInstance): DescribedInstance => ({
    group: o.group,
    id: i.id,
    logicalId: i.logicalId,
    plugin: o.plugin,
    tags: i.tags,
    orphan: wanted === null ? null : !wanted.has(o.group),
  });
  return observation.orphans
    .filter((o) => (group === undefined || o.group === group) && inShard(o.group, shard))
    .flatMap((o) => o.instances.map((i) => shown(o, i)))
    .sort((a, b) => compareText(a.group, b.group) || compareText(a.id, b.id));
}

/**
 * `tend describe`'s listing: what the plugins hold, of one group or all, within the shard, each
 * instance marked as an orphan or not by the groups of the specs' current revision. Specs that
 * cannot be read or judged leave the marks unknown, with a warning: listing never depends on them.
 */
export async function describeManaged(
  ports: ReadPorts,
  filter: { group: string | undefined; shard: Shard | null },
  options: CheckOptions,
): Promise<ManagedInstances> {
  // The specs' own warnings are validate's and plan's to give; here only their group IDs matter.
  const quiet = { ...ports, log: { ...ports.log, warn: () => undefined } };
  const [observation, specs] = await Promise.all([observeManaged(ports, options.concurrency), validateSpecs(quiet, options)]);
  if (specs.kind === 'failed')
    ports.log.warn(`cannot tell which instances are orphans: ${specs.error.message}`, { code: specs.error.code });
  const wanted = specs.kind === 'valid' ? new Set(specs.groups.map((g) => g.id)) : null;
  return {
    instances: managedInstances(observation, filter.group, filter.shard, wanted),
    unreachable: observation.unreachable,
  };
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
