import type { GroupSpec } from '../group-spec/types.js';
import type { FlavorPlugin, InstanceDescription, InstancePlugin, PluginRegistry } from '../plugins/spi.js';
import type { AppliedGroup } from './applied-plan.js';
import type { GroupPlan, ObservedInstance } from './types.js';

/** How apply runs; see apply() for each field's meaning. */
export interface ApplyOptions {
  /** Groups applied at once. */
  concurrency: number;
  /** How long a new instance may take to become healthy. */
  healthTimeoutMs: number;
  /** First poll delay; backs off ×2 up to 2000 ms. */
  healthPollMs: number;
  /** Tagged on new instances as tend.revision when not null. */
  revision: string | null;
  /** For the tend.created tag. */
  now?: () => Date;
  /** Called at each batch start and end, e.g. `replacing 3/10 (batch 2)`. */
  onProgress?: (group: string, message: string) => void;
  /** Called once per group as soon as its outcome is known, with the group's plan and outcome. */
  onOutcome?: (group: AppliedGroup) => void;
  /** Stops new work from starting when aborted; calls in flight finish. */
  signal?: AbortSignal;
}

/** Everything the steps of one group's apply need, resolved once. */
export interface GroupContext {
  plan: GroupPlan;
  spec: GroupSpec;
  /** The group's observed instances by ID, to find the plugin that owns each. */
  observed: ReadonlyMap<string, ObservedInstance>;
  registry: PluginRegistry;
  /** The plugin new instances are provisioned with (the spec's). */
  instancePlugin: InstancePlugin;
  flavor: FlavorPlugin;
  options: ApplyOptions;
  progress: (message: string) => void;
}

/** True when the caller asked to stop starting new work. */
export function aborted(ctx: GroupContext): boolean {
  return ctx.options.signal?.aborted === true;
}

/** The view of an instance that flavors' Healthy and Drain take. */
export function describe(instance: ObservedInstance): InstanceDescription {
  return { ID: instance.id, LogicalID: instance.logicalId, Tags: instance.tags };
}
