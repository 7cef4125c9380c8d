import type { DestroyContext, InstanceDescription, InstancePlugin, InstanceSpec } from '../plugins/spi.js';
import { PluginError, TendError, errorMessage } from '../errors.js';
import type { GroupContext } from './apply-context.js';
import { describe } from './apply-context.js';
import { makeInstanceSpec } from './make-instance-spec.js';

/** Wraps a plugin failure so the outcome says which step on which instance failed, keeping its code (a timeout stays a timeout). */
function stepFailed(what: string, err: unknown): TendError {
  const transient = err instanceof TendError && err.transient;
  const code = err instanceof PluginError ? err.code : 'PLUGIN_ERROR';
  return new TendError(code, `${what}: ${errorMessage(err)}`, { cause: err, transient });
}

/**
 * Creates one instance of the context's group (a pet when `logicalId` is set): spec, flavor
 * Prepare, Provision. Resolves to the new instance as flavors see it; rejects with a
 * PLUGIN_ERROR naming the failed step.
 */
export async function createInstance(ctx: GroupContext, logicalId: string | null): Promise<InstanceDescription> {
  const now = ctx.options.now ?? (() => new Date());
  const input = { logicalId, revision: ctx.options.revision, created: now() };
  if (logicalId === null && ctx.spec.allocation.logicalIds !== undefined) {
    const why = `group ${ctx.spec.id} has logical IDs and the plan names none; plan again`;
    throw new TendError('INTERNAL', `could not create an instance: ${why}`);
  }
  const forWhat = logicalId === null ? 'an instance' : `logical ID ${logicalId}`;
  let spec: InstanceSpec;
  try {
    spec = await makeInstanceSpec(ctx.flavor, ctx.spec, input);
  } catch (err) {
    throw stepFailed(`could not prepare ${forWhat}`, err);
  }
  try {
    const id = await ctx.instancePlugin.provision(spec);
    return { ID: id, LogicalID: spec.LogicalID, Tags: spec.Tags };
  } catch (err) {
    throw stepFailed(`could not provision ${forWhat}`, err);
  }
}

/**
 * Drains then destroys one observed instance of the group through the plugin that reported it.
 * Rejects, without destroying, when the instance was not observed or its drain fails: removing
 * an undrained instance could lose the work it holds.
 */
export async function removeInstance(ctx: GroupContext, id: string | undefined, context: DestroyContext): Promise<void> {
  if (id === undefined) {
    throw new TendError('INTERNAL', `a destroy or replace action of group ${ctx.spec.id} names no instance; plan again`);
  }
  const instance = ctx.observed.get(id);
  if (instance === undefined) {
    throw new TendError('INTERNAL', `could not destroy ${id}: it was not observed in group ${ctx.spec.id}; plan again`);
  }
  try {
    // A drain may be cut short by an interrupt (nothing is destroyed then); Provision and Destroy run to their answer.
    await ctx.flavor.drain(ctx.spec.flavor.properties, describe(instance), { signal: ctx.options.signal });
  } catch (err) {
    throw stepFailed(`could not drain ${id}`, err);
  }
  try {
    await destroyUnlessGone(ctx.registry.instance(instance.plugin), id, context);
  } catch (err) {
    throw stepFailed(`could not destroy ${id}`, err);
  }
}

/**
 * Destroys the instance, and counts one already gone (an earlier try that got no answer, or
 * someone else) as destroyed: what the destroy was for holds, so a retried rollout or prune goes on.
 */
export async function destroyUnlessGone(plugin: InstancePlugin, id: string, context: DestroyContext): Promise<void> {
  try {
    await plugin.destroy(id, context);
  } catch (err) {
    if (!(err instanceof TendError && err.code === 'INSTANCE_GONE')) throw err;
  }
}
