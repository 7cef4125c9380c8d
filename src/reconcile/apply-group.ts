import type { GroupSpec } from '../group-spec/types.js';
import type { PluginRegistry } from '../plugins/spi.js';
import { explained, interruption, runError, type RunError } from '../errors.js';
import type { ApplyOptions, GroupContext } from './apply-context.js';
import { aborted } from './apply-context.js';
import { INSTANCE_CALL_WIDTH, runBounded } from './bounded.js';
import { createInstance, removeInstance } from './apply-instance-ops.js';
import { groupHasDrift } from './plan-summary.js';
import { rollingUpdate } from './rolling-update.js';
import type { GroupOutcome } from './applied-plan.js';
import type { GroupPlan, ObservedGroup, PlanAction } from './types.js';

/** Says what was done before a stop along with why it stopped, so a partial apply is never hidden. */
function stoppedAfter(done: string[], why: RunError): RunError {
  return done.length === 0 ? why : explained(why, `stopped after ${done.join(' and ')}`);
}

/**
 * Applies one group's actions: destroys (extras), then creates (missing), then the rolling
 * replacement. Failed or unobserved groups become `failed`, report-mode groups `drifted` or
 * `converged`, untouched. A failed destroy or create stops the group (`failed`); a rollout stopped
 * by a failure leaves it `paused`; an abort, before or during any step, `interrupted`. Never
 * rejects for plugin failures.
 */
export async function applyGroup(
  plan: GroupPlan,
  spec: GroupSpec | undefined,
  observed: ObservedGroup | undefined,
  registry: PluginRegistry,
  options: ApplyOptions,
): Promise<GroupOutcome> {
  if (plan.error !== null) return { outcome: 'failed', outcomeError: plan.error };
  if (plan.mode === 'report') {
    return { outcome: groupHasDrift(plan) ? 'drifted' : 'converged', outcomeError: null };
  }
  if (plan.actions.length === 0) return { outcome: 'converged', outcomeError: null };
  if (spec === undefined) {
    const message = `group ${plan.id} has actions but no spec in this revision`;
    return { outcome: 'failed', outcomeError: { code: 'INTERNAL', message, transient: false } };
  }
  if (options.signal?.aborted) return { outcome: 'interrupted', outcomeError: interruption('interrupted before any change') };

  let ctx: GroupContext;
  try {
    ctx = {
      plan,
      spec,
      observed: new Map((observed?.instances ?? []).map((instance) => [instance.id, instance])),
      registry,
      instancePlugin: registry.instance(spec.instance.plugin),
      flavor: registry.flavor(spec.flavor.plugin),
      options,
      progress: (message) => options.onProgress?.(plan.id, message),
    };
  } catch (err) {
    return { outcome: 'failed', outcomeError: runError(err) };
  }
  return correctGroup(ctx);
}

/** The three steps of a correct-mode group, each only once the one before fully succeeded. */
async function correctGroup(ctx: GroupContext): Promise<GroupOutcome> {
  const of = (op: PlanAction['op']): PlanAction[] => ctx.plan.actions.filter((action) => action.op === op);
  const done: string[] = [];
  const destroy = (action: PlanAction): Promise<void> => removeInstance(ctx, action.instance, 'terminate');
  const create = async (action: PlanAction): Promise<void> => void (await createInstance(ctx, action.logicalId ?? null));
  const stopped =
    (await plainStep(ctx, ['destroying', 'destroyed'], of('destroy'), destroy, done)) ??
    (await plainStep(ctx, ['creating', 'created'], of('create'), create, done));
  if (stopped) return stopped;

  const replaces = of('replace');
  if (replaces.length > 0) {
    const rollout = await rollingUpdate(ctx, replaces);
    const progress = `after ${rollout.done} of ${rollout.total} replacements`;
    if (rollout.error?.code === 'INTERRUPTED') return { outcome: 'interrupted', outcomeError: interruption(`interrupted ${progress}`) };
    if (rollout.error !== null) return { outcome: 'paused', outcomeError: explained(rollout.error, `paused ${progress}`) };
  }
  return { outcome: 'converged', outcomeError: null };
}

/**
 * Destroys or creates, a few calls at a time, noting in `done` how far it got; the group's result
 * when it stopped short, null when every call succeeded.
 */
async function plainStep(
  ctx: GroupContext,
  [doing, did]: [string, string],
  actions: PlanAction[],
  call: (action: PlanAction) => Promise<void>,
  done: string[],
): Promise<GroupOutcome | null> {
  if (actions.length === 0) return null;
  ctx.progress(`${doing} ${actions.length}`);
  const run = await runBounded(actions, call, {
    width: INSTANCE_CALL_WIDTH,
    stop: () => aborted(ctx),
    onCount: (count) => ctx.progress(`${did} ${count}/${actions.length}`),
  });
  done.push(`${doing} ${run.done} of ${actions.length}`);
  return run.error !== null || run.stopped ? halted(run.error, done) : null;
}

/** A destroy or create step that did not finish: failed on a plugin error, interrupted on an abort. */
function halted(error: RunError | null, done: string[]): GroupOutcome {
  return error === null
    ? { outcome: 'interrupted', outcomeError: stoppedAfter(done, interruption('interrupted')) }
    : { outcome: 'failed', outcomeError: stoppedAfter(done, error) };
}
