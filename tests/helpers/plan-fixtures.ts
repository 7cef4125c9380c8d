import type { GroupMode, GroupSpec } from '../../src/group-spec/types.js';
import type { Health } from '../../src/plugins/spi.js';
import type { ObservedGroup, ObservedInstance, ObservedOrphan, PlanInput, PlanPolicy } from '../../src/reconcile/types.js';
import { TAG_CONFIG_SHA, TAG_GROUP, TAG_LOGICAL_ID } from '../../src/reconcile/tags.js';

export const SHA = 'sha-now';
const POS = { file: 'specs/g.yaml', line: 1, column: 1 };

/** A cattle group of `size` on instance-file/flavor-vanilla. */
export function cattle(id: string, size: number, mode: GroupMode = 'correct'): GroupSpec {
  return group(id, { size }, mode);
}

/** A pets group with these logical IDs. */
export function pets(id: string, logicalIds: string[], mode: GroupMode = 'correct'): GroupSpec {
  return group(id, { logicalIds }, mode);
}

function group(id: string, allocation: GroupSpec['allocation'], mode: GroupMode): GroupSpec {
  return {
    id,
    allocation,
    instance: { plugin: 'instance-file', properties: { Note: id } },
    flavor: { plugin: 'flavor-vanilla', properties: {} },
    updating: { maxUnavailable: 1, maxSurge: 0 },
    mode,
    configSha: SHA,
    pos: { group: POS, instanceProperties: POS, flavorProperties: POS },
  };
}

export interface InstanceOptions {
  created?: string;
  sha?: string;
  modified?: boolean;
  health?: Health;
  logicalId?: string | null;
  lidTag?: string;
}

/** A good instance of the current config unless told otherwise. */
export function inst(id: string, options: InstanceOptions = {}): ObservedInstance {
  const tags: Record<string, string> = { [TAG_GROUP]: 'g', [TAG_CONFIG_SHA]: options.sha ?? SHA };
  if (options.lidTag !== undefined) tags[TAG_LOGICAL_ID] = options.lidTag;
  return {
    id,
    plugin: 'instance-file',
    logicalId: options.logicalId ?? null,
    tags,
    modified: options.modified ?? false,
    health: options.health ?? 1,
    created: options.created ?? '',
  };
}

/** An orphan entry of `count` instances. */
export function orphan(group: string, count: number, plugin = 'instance-file'): ObservedOrphan {
  return { group, plugin, instances: Array.from({ length: count }, (_, i) => inst(`${group}-${plugin}-${i}`)) };
}

export const POLICY: PlanPolicy = { maxDestroy: 10, maxDestroyPercent: 50, prune: false, pruneAllowed: true, mode: 'correct' };

/** A plan input; `observed` maps group IDs to instances, or to an error message. */
export function input(
  groups: GroupSpec[],
  observed: Record<string, ObservedInstance[] | { error: string }> = {},
  policy: Partial<PlanPolicy> = {},
  orphans: ObservedOrphan[] = [],
): PlanInput {
  const map = new Map<string, ObservedGroup>();
  for (const [id, value] of Object.entries(observed)) {
    const error = Array.isArray(value) ? null : { code: 'PLUGIN_ERROR', message: value.error, transient: true };
    map.set(id, { instances: Array.isArray(value) ? value : [], error });
  }
  return { revision: 'rev1', groups, observation: { groups: map, orphans, unreachable: [] }, policy: { ...POLICY, ...policy } };
}

/** `n` good instances named `${prefix}0..`, created a minute apart in that order. */
export function goods(n: number, prefix = 'i'): ObservedInstance[] {
  return Array.from({ length: n }, (_, i) => inst(`${prefix}${i}`, { created: `2024-01-01T00:0${i}:00.000Z` }));
}
