import type { FlavorPlugin, InstanceSpec } from '../plugins/spi.js';
import type { GroupSpec } from '../spec/types.js';
// Same allocation and index as the executor passes, or every instance would look modified.
import { flavorAllocation, flavorIndex } from './make-instance-spec.js';

/**
 * The instance spec handed to `Prepare` to learn a group's Init. Tags are left out: tend's differ
 * per instance (creation time) and the Init is asked for once per group, not per instance.
 */
export function unpreparedSpec(group: GroupSpec, logicalId: string | null): InstanceSpec {
  return { Properties: group.instance.properties ?? null, Tags: {}, Init: '', LogicalID: logicalId, Attachments: null };
}

/**
 * The Init a flavor gives a new instance with this logical ID (ignored for cattle); null for a
 * pet whose logical ID is not in the spec, since no such instance would be made.
 */
export type ExpectedInit = (logicalId: string | null) => Promise<string | null>;

/**
 * The Init the group's flavor would give a new instance, asked of the flavor at most once per
 * logical ID (once per group for cattle), never per instance: `Prepare` may be a remote call.
 * A rejection is cached too, and reaches every caller.
 */
export function expectedInit(group: GroupSpec, flavor: FlavorPlugin): ExpectedInit {
  const pets = group.allocation.logicalIds === undefined ? null : new Set(group.allocation.logicalIds);
  const cache = new Map<string | null, Promise<string>>();
  return async (logicalId) => {
    const key = pets === null ? null : logicalId;
    if (pets !== null && (key === null || !pets.has(key))) return null;
    let init = cache.get(key);
    if (!init) {
      init = flavor
        .prepare(group.flavor.properties, unpreparedSpec(group, key), flavorAllocation(group), flavorIndex(group))
        .then((spec) => spec.Init ?? '');
      cache.set(key, init);
    }
    return init;
  };
}
