import type { FlavorPlugin, InstanceSpec, Tags } from '../plugins/spi.js';
import type { GroupSpec } from '../group-spec/types.js';
// Same allocation and index as the executor passes, or every instance would look modified.
import { flavorAllocation, flavorIndex } from './make-instance-spec.js';

/**
 * The instance spec handed to `Prepare` to learn what a new instance of the group gets. tend's own
 * tags are left out: they differ per instance (creation time), and the flavor is asked once per
 * group, not per instance.
 */
function unpreparedSpec(group: GroupSpec, logicalId: string | null): InstanceSpec {
  return { Properties: group.instance.properties ?? null, Tags: {}, Init: '', LogicalID: logicalId, Attachments: null };
}

/** What the group's flavor gives a new instance now: its properties and Init, and the tags it sets (tend's own excluded). */
export interface PreparedShape {
  /**
   * The instance properties as the flavor hands them back: the spec's, unless the flavor changed
   * them (a flavor may add to them, or a tool it runs may round a number), so that an instance made
   * from them is not taken as modified.
   */
  properties: unknown;
  init: string;
  /** The flavor's tags as entries, since each instance of the group is checked against them. */
  tags: ReadonlyArray<readonly [string, string]>;
}

/**
 * What a flavor gives a new instance with this logical ID (ignored for cattle); null for a pet
 * whose logical ID is not in the spec, since no such instance would be made.
 */
export type ExpectedShape = (logicalId: string | null) => Promise<PreparedShape | null>;

/**
 * The shape the group's flavor would give a new instance, asked of the flavor at most once per
 * logical ID (once per group for cattle), never per instance: `Prepare` may be a remote call.
 * A rejection is cached too, and reaches every caller.
 */
export function expectedShape(group: GroupSpec, flavor: FlavorPlugin): ExpectedShape {
  const pets = group.allocation.logicalIds === undefined ? null : new Set(group.allocation.logicalIds);
  const cache = new Map<string | null, Promise<PreparedShape>>();
  return async (logicalId) => {
    const key = pets === null ? null : logicalId;
    if (pets !== null && (key === null || !pets.has(key))) return null;
    let shape = cache.get(key);
    if (!shape) {
      shape = flavor
        .prepare(group.flavor.properties, unpreparedSpec(group, key), flavorAllocation(group), flavorIndex(group))
        .then((spec) => ({ properties: spec.Properties ?? null, init: spec.Init ?? '', tags: flavorTags(spec.Tags) }));
      cache.set(key, shape);
    }
    return shape;
  };
}

/** The tags a flavor sets, without any `tend.*` one: those are tend's, and re-asserted over the flavor's. */
function flavorTags(tags: Tags | null | undefined): PreparedShape['tags'] {
  return Object.entries(tags ?? {}).filter(([key]) => !key.startsWith('tend.'));
}
