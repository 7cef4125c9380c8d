import { runError, type RunError } from '../errors.js';
import { pluginBaseName, type FlavorPlugin, type InstanceDescription, type PluginRegistry } from '../plugins/spi.js';
import type { GroupSpec } from '../group-spec/types.js';
import { isModified } from './observe-modified.js';
import { partitionByGroup, type PluginAnswer, type Member } from './observe-partition.js';
import { runBounded } from './bounded.js';
import { expectedShape, type PreparedShape } from './observe-prepare.js';
import type { Observation, ObservedGroup } from './types.js';

export interface ObserveOptions {
  /** Most flavor calls (`Healthy`, `Prepare`) in flight at once. */
  concurrency: number;
}

/** A desired group while it is being observed; `error` is the first failure met. */
interface GroupState {
  group: GroupSpec;
  members: Member[];
  error: RunError | null;
  flavor: FlavorPlugin | null;
  /** What the flavor gives a new instance, by logical ID (null for cattle); null for a pet the spec does not list. */
  shapes: Map<string | null, PreparedShape | null>;
}

/**
 * Asks every configured instance plugin once for everything it holds (one call per plugin, not
 * per group), sorts what is tend's into desired groups and orphans, and classifies each instance of a
 * desired group: `modified` against its tags and stored spec, `health` from its flavor. A failure is
 * confined to the groups it concerns: a plugin that cannot describe fails the groups that use it
 * (its orphans are left out as unknown), a flavor that cannot be found or answer fails its group.
 */
export async function observe(groups: GroupSpec[], registry: PluginRegistry, options: ObserveOptions): Promise<Observation> {
  const { described, failures } = await describeAll(registry, groups);
  const { members, orphans } = partitionByGroup(described, new Set(groups.map((g) => g.id)));
  const states = groups.map((group) => startGroup(group, registry, failures, members.get(group.id) ?? []));

  // The flavor is asked what a new instance gets once per group (per logical ID for pets), not per instance.
  await runBounded(states, (state) => learnShapes(state), { width: options.concurrency, stop: () => false });
  const work = states.flatMap((state) => (state.error === null ? state.members.map((member) => ({ state, member })) : []));
  await runBounded(work, ({ state, member }) => classifyInstance(state, member), { width: options.concurrency, stop: () => false });

  const observed = new Map<string, ObservedGroup>(
    states.map((s) => [s.group.id, { instances: s.members.map((m) => m.instance), error: s.error }]),
  );
  return { groups: observed, orphans, unreachable: [...failures].map(([plugin, error]) => ({ plugin, error })) };
}

interface DescribeResults {
  described: PluginAnswer[];
  /** Why each plugin that failed could not describe, by its name. */
  failures: Map<string, RunError>;
}

async function describeAll(registry: PluginRegistry, groups: readonly GroupSpec[]): Promise<DescribeResults> {
  // Each sub-type a spec names is its own plugin to describe (`"Type"` on the wire), and its instances keep that name.
  const plugins = registry.instancePlugins(groups.map((g) => g.instance.plugin));
  const results = await Promise.allSettled(plugins.map(([, plugin]) => plugin.describeInstances({}, true)));
  const described: PluginAnswer[] = [];
  const failures = new Map<string, RunError>();
  results.forEach((result, i) => {
    const plugin = (plugins[i] as (typeof plugins)[number])[0];
    if (result.status === 'fulfilled') described.push({ plugin, descriptions: result.value });
    else failures.set(plugin, runError(result.reason));
  });
  return { described, failures };
}

function startGroup(group: GroupSpec, registry: PluginRegistry, failures: ReadonlyMap<string, RunError>, members: Member[]): GroupState {
  const state: GroupState = { group, members, error: null, flavor: null, shapes: new Map() };
  state.error = failures.get(group.instance.plugin) ?? failures.get(pluginBaseName(group.instance.plugin)) ?? null;
  if (state.error !== null) return state;
  try {
    registry.instance(group.instance.plugin);
    state.flavor = registry.flavor(group.flavor.plugin);
  } catch (err) {
    state.error = runError(err);
  }
  return state;
}

/** Asks the flavor for the shape of each logical ID the group's instances have (one for cattle). */
async function learnShapes(state: GroupState): Promise<void> {
  if (state.error !== null || state.flavor === null || state.members.length === 0) return;
  const shapeFor = expectedShape(state.group, state.flavor);
  const pets = state.group.allocation.logicalIds !== undefined;
  try {
    for (const { instance } of state.members) {
      const key = pets ? instance.logicalId : null;
      if (!state.shapes.has(key)) state.shapes.set(key, await shapeFor(key));
    }
  } catch (err) {
    state.error ??= runError(err);
  }
}

async function classifyInstance(state: GroupState, { instance, description }: Member): Promise<void> {
  if (state.error !== null || state.flavor === null) return;
  const pets = state.group.allocation.logicalIds !== undefined;
  try {
    instance.modified = isModified(state.group, instance, description, state.shapes.get(pets ? instance.logicalId : null) ?? null);
    // An instance its own plugin knows to be down (a container that exited) is unhealthy, whatever its flavor can tell.
    instance.health =
      description.Health === 2 ? 2 : await state.flavor.healthy(state.group.flavor.properties, withoutProperties(description));
  } catch (err) {
    state.error ??= runError(err);
  }
}

/** `Healthy` gets the description InfraKit gave it: without the stored spec, which may be large. */
function withoutProperties({ ID, LogicalID, Tags }: InstanceDescription): InstanceDescription {
  return { ID, LogicalID, Tags };
}
