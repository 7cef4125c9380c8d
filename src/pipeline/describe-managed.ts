import { observe } from '../reconcile/observe.js';
import type { Observation, ObservedInstance } from '../reconcile/types.js';
import type { Tags } from '../plugins/spi.js';
import { inShard, type Shard } from '../spec/shard.js';
import type { ReadPorts } from './ports.js';

/** One instance tend manages, as `describe --json` prints it. */
export interface DescribedInstance {
  group: string;
  id: string;
  logicalId: string | null;
  plugin: string;
  tags: Tags;
}

export interface Described {
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
export function managedInstances(observation: Observation, group: string | undefined, shard: Shard | null): DescribedInstance[] {
  const shown = (o: { group: string; plugin: string }, i: ObservedInstance): DescribedInstance => ({
    group: o.group,
    id: i.id,
    logicalId: i.logicalId,
    plugin: o.plugin,
    tags: i.tags,
  });
  return observation.orphans
    .filter((o) => (group === undefined || o.group === group) && inShard(o.group, shard))
    .flatMap((o) => o.instances.map((i) => shown(o, i)))
    .sort((a, b) => compareText(a.group, b.group) || compareText(a.id, b.id));
}

/** `tend describe`'s listing: what the plugins hold, of one group or all, within the shard. */
export async function describeManaged(
  ports: ReadPorts,
  group: string | undefined,
  shard: Shard | null,
  concurrency: number,
): Promise<Described> {
  const observation = await observeManaged(ports, concurrency);
  return { instances: managedInstances(observation, group, shard), unreachable: observation.unreachable };
}

function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
