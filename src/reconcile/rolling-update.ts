import { interruption, runError, type RunError } from '../errors.js';
import { aborted, type GroupContext } from './apply-context.js';
import { createInstance, removeInstance } from './apply-instance-ops.js';
import type { PlanAction } from './types.js';
import { waitHealthy } from './wait-healthy.js';

export interface RolloutResult {
  /** Replacements finished: old instance gone and its successor healthy. */
  done: number;
  total: number;
  /** What stopped the rollout (code INTERRUPTED for an abort); null when every replacement was done. */
  error: RunError | null;
}

const INTERRUPTED = interruption('interrupted');

/** Why a rollout with this policy could never make progress, or null when it can. */
function stuckPolicy(pets: boolean, width: number): RunError | null {
  if (width >= 1) return null;
  const message = pets
    ? 'pets never surge (two instances cannot share a logical ID): set Updating.MaxUnavailable to 1 or more'
    : 'Updating.MaxUnavailable and Updating.MaxSurge are both 0: set one of them to 1 or more';
  return { code: 'SPEC_INVALID', message, transient: false };
}

/** A health check that did not pass in time is worth another try later; a plugin's refusal is as the plugin says. */
function unhealthy(message: string): RunError {
  return { code: 'UNHEALTHY', message, transient: true };
}

/**
 * Replaces the instances of `actions` (replace actions of one group, in plan order) in
 * health-gated batches (docs/commands.md: JSON output and Safety). Cattle: batches of MaxUnavailable + MaxSurge; each batch
 * creates its surge first and waits for it to be healthy, drains and destroys its old instances
 * (`rolling_update`), then creates and awaits the rest. So at most MaxUnavailable instances are
 * ever missing and at most MaxSurge extra. Pets never surge: batches of MaxUnavailable, old
 * destroyed before its successor takes the same logical ID. Stops at the first failure, health
 * timeout or abort, leaving the rest untouched; an abort is looked at before each plugin call, so
 * it is heard mid-rollout. Never rejects.
 */
export async function rollingUpdate(ctx: GroupContext, actions: readonly PlanAction[]): Promise<RolloutResult> {
  const total = actions.length;
  const pets = ctx.spec.allocation.logicalIds !== undefined;
  const unavailable = ctx.spec.updating.maxUnavailable;
  const surgeLimit = pets ? 0 : ctx.spec.updating.maxSurge;
  const width = unavailable + surgeLimit;
  const stuck = total > 0 ? stuckPolicy(pets, width) : null;
  if (stuck !== null) return { done: 0, total, error: stuck };

  let destroyed = 0;
  let healthy = 0;
  const result = (error: RunError | null): RolloutResult => ({ done: Math.min(destroyed, healthy), total, error });

  /** Creates instances and waits for each to be healthy; `stoppable` work is not started once aborted. */
  const createHealthy = async (logicalIds: ReadonlyArray<string | null>, stoppable: boolean): Promise<RunError | null> => {
    const created = [];
    for (const logicalId of logicalIds) {
      if (aborted(ctx) && stoppable) return INTERRUPTED;
      created.push(await createInstance(ctx, logicalId));
    }
    for (const instance of created) {
      const health = await waitHealthy(ctx.flavor, ctx.spec.flavor.properties, instance, {
        timeoutMs: ctx.options.healthTimeoutMs,
        pollMs: ctx.options.healthPollMs,
        signal: ctx.options.signal,
      });
      if (!health.ok) return health.reason === 'aborted' ? INTERRUPTED : unhealthy(health.message);
      healthy++;
    }
    return null;
  };

  /** Takes down a batch's old instances until an abort or a failure; returns those taken down and why it stopped early. */
  const takeDown = async (olds: readonly PlanAction[]): Promise<{ gone: PlanAction[]; error: RunError | null }> => {
    const gone: PlanAction[] = [];
    for (const old of olds) {
      if (aborted(ctx)) return { gone, error: INTERRUPTED };
      try {
        await removeInstance(ctx, old.instance, 'rolling_update');
      } catch (err) {
        return { gone, error: runError(err) };
      }
      destroyed++;
      gone.push(old);
    }
    return { gone, error: null };
  };

  try {
    for (let start = 0, batch = 1; start < total; start += width, batch++) {
      if (aborted(ctx)) return result(INTERRUPTED);
      const olds = actions.slice(start, start + width);
      const surge = Math.min(surgeLimit, olds.length);
      ctx.progress(`replacing ${start + olds.length}/${total} (batch ${batch})`);

      const surgeError = await createHealthy(
        Array.from({ length: surge }, () => null),
        true,
      );
      if (surgeError !== null) return result(surgeError);
      const down = await takeDown(olds);
      // Whatever stopped the batch, each instance taken down gets its successor: stopping between the
      // two would leave the group short of what the spec asks for.
      const successors = down.gone.slice(surge).map((old) => (pets ? successorLogicalId(ctx, old) : null));
      const restError = await createHealthy(successors, false);
      if (down.error !== null) return result(down.error);
      if (restError !== null) return result(restError);

      ctx.progress(`replaced ${Math.min(destroyed, healthy)}/${total}`);
    }
    return result(null);
  } catch (err) {
    return result(runError(err));
  }
}

/** The logical ID a pet's successor takes: the plan's, else the one the old instance had. */
function successorLogicalId(ctx: GroupContext, old: PlanAction): string | null {
  return old.logicalId ?? ctx.observed.get(old.instance ?? '')?.logicalId ?? null;
}
