import type { GroupSpec } from '../group-spec/types.js';
import type { Allocation, FlavorIndex, FlavorPlugin, InstanceSpec, Tags } from '../plugins/spi.js';
import { TAG_CONFIG_SHA, TAG_CREATED, TAG_GROUP, TAG_LOGICAL_ID, TAG_REVISION } from './tags.js';

/** What varies between two instances of one group: everything else comes from the spec. */
export interface InstanceSpecInput {
  logicalId: string | null;
  revision: string | null;
  created: Date;
}

/** The tags tend owns on an instance (docs/commands.md: Drift); absent keys are not set at all. */
function tendTags(group: GroupSpec, input: InstanceSpecInput): Tags {
  const tags: Tags = { [TAG_GROUP]: group.id, [TAG_CONFIG_SHA]: group.configSha };
  if (input.logicalId !== null) tags[TAG_LOGICAL_ID] = input.logicalId;
  if (input.revision !== null) tags[TAG_REVISION] = input.revision;
  tags[TAG_CREATED] = input.created.toISOString();
  return tags;
}

/** The spec handed to the flavor before it adds Init, Tags and Attachments (as InfraKit's group plugin sent it). */
export function baseInstanceSpec(group: GroupSpec, input: InstanceSpecInput): InstanceSpec {
  return {
    Properties: group.instance.properties ?? null,
    Tags: tendTags(group, input),
    Init: '',
    LogicalID: input.logicalId,
    Attachments: null,
  };
}

/** InfraKit's allocation for a group: Size 0 for pets, LogicalIDs null for cattle. */
export function flavorAllocation(group: Pick<GroupSpec, 'allocation'>): Allocation {
  return { Size: group.allocation.size ?? 0, LogicalIDs: group.allocation.logicalIds ?? null };
}

/** InfraKit sends the group's target size as `Sequence` (so do InfraKit's own Flavor.Prepare calls), not a per-instance counter. */
export function flavorIndex(group: GroupSpec): FlavorIndex {
  return { Group: group.id, Sequence: group.allocation.size ?? group.allocation.logicalIds.length };
}

/**
 * Lays tend's tags back over what a flavor returned: the flavor may add tags but never drop or
 * change a `tend.*` one, nor add one tend did not set, because observation and the planner trust
 * them. A pet keeps its logical ID whatever the flavor says, as two instances cannot share one.
 */
export function reassertTendTags(prepared: InstanceSpec, base: InstanceSpec): InstanceSpec {
  // Built from entries, not by assignment, so that a tag named `__proto__` stays a tag.
  const flavors = Object.entries(prepared.Tags ?? {}).filter(([key]) => !key.startsWith('tend.'));
  const tags: Tags = Object.fromEntries([...flavors, ...Object.entries(base.Tags)]);
  const logicalId = base.LogicalID ?? prepared.LogicalID ?? null;
  return { ...prepared, Tags: tags, LogicalID: logicalId };
}

/**
 * Builds the instance spec for one new instance of `group`: base spec, shaped by the flavor's
 * Prepare, with tend's tags re-asserted. The one place instance specs are made. Rejects with the
 * flavor's error when Prepare fails.
 */
export async function makeInstanceSpec(flavor: FlavorPlugin, group: GroupSpec, input: InstanceSpecInput): Promise<InstanceSpec> {
  const base = baseInstanceSpec(group, input);
  const prepared = await flavor.prepare(group.flavor.properties, base, flavorAllocation(group), flavorIndex(group));
  return reassertTendTags(prepared, base);
}
