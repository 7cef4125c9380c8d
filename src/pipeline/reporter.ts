import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Position } from '../problem.js';
import type { GroupSpec } from '../group-spec/types.js';
import type { AppliedGroup } from '../reconcile/applied-plan.js';
import type { Observation, Plan } from '../reconcile/types.js';
import type { Revision } from '../source/spec-source.js';
import type { RunResult } from './results.js';

/**
 * What a run tells its reporters, in order: the revision it judged and the plan made of it, the
 * progress of each group it applies, each group's outcome as it is reached, and the result when it
 * is over (every run ends with `finished`, whatever happened before).
 */
export type RunEvent =
  | { kind: 'judged'; revision: Revision; plan: Plan; places: GroupPlaces; seen?: JudgedFrom }
  | { kind: 'progress'; group: string; message: string }
  | { kind: 'outcome'; group: AppliedGroup }
  | { kind: 'finished'; result: RunResult };

/** The specs a plan was made of and what the plugins described: for a reporter that shows each group's instances (the status page). */
export interface JudgedFrom {
  specs: readonly GroupSpec[];
  observation: Observation;
}

/** Where each judged group's spec starts, by group ID: for a reporter that points at it (a check run's annotation). */
export type GroupPlaces = ReadonlyMap<string, Position>;

/** Where a run's events go: the console, JSON on stdout, commit statuses, a job summary. */
export interface Reporter {
  /** Takes one event; may be slow (a remote API), but never decides anything: a failure is logged and the run goes on. */
  report(event: RunEvent): void | Promise<void>;
}

/**
 * Every reporter gets every event, in the order they were told, one event after the other even when
 * a reporter is slow; the promise returned settles once that event (and all before it) is delivered.
 * A reporter that throws is logged, never allowed to stop the run or the other reporters.
 */
export function fanOut(reporters: readonly Reporter[], log: Logger): (event: RunEvent) => Promise<void> {
  let delivered: Promise<void> = Promise.resolve();
  const deliver = async (event: RunEvent): Promise<void> => {
    for (const reporter of reporters) {
      try {
        await reporter.report(event);
      } catch (err) {
        log.error(`a reporter failed on ${event.kind}: ${errorMessage(err)}`, { code: 'REPORTER_FAILED' });
      }
    }
  };
  return (event) => {
    delivered = delivered.then(() => deliver(event));
    return delivered;
  };
}
