import { runError } from '../errors.js';
import type { Verdict } from '../outcome/verdict.js';
import type { ApplySettings, ChangePorts, LockPorts } from '../pipeline/ports.js';
import { planOnce, reconcileOnce } from '../pipeline/reconcile-once.js';
import type { ApplyResult } from '../pipeline/results.js';
import type { ValidateAndPlanOptions } from '../reconcile/validate-and-plan.js';
import type { Plan } from '../reconcile/types.js';
import type { Revision } from '../source/spec-source.js';
import type { HeadReader } from './head-reader.js';
import type { Head, WatchState } from './watch-state.js';
import type { WatchMetrics } from './watch-metrics.js';
import type { WatchReporters, WatchRun } from './watch-runs.js';
import type { BlockedDetail } from './watch-status.js';

export interface TickDeps {
  ports: LockPorts;
  /** Who hears each kind of run: a full tick, a heal of a few groups, a drift check. */
  reporters: WatchReporters;
  planning: ValidateAndPlanOptions;
  settings: ApplySettings;
  reader: HeadReader;
  state: WatchState;
  metrics: WatchMetrics;
}

/**
 * The steps of the watcher's ticks (docs/watcher.md: Watching a repository), each one run of the pipeline or
 * two, each telling the watcher's state how it ended. Only a revision that was applied is ever
 * enforced: a blocked or invalid head changes nothing, in ticks and heals alike. Never rejects for
 * expected failures.
 */
export class WatchTicks {
  /** The revision ticks and heals reconcile: the last one applied (or kept from before a restart). */
  #enforced: Revision | null = null;
  #restored = false;

  constructor(private readonly deps: TickDeps) {}

  /**
   * A full tick: has the source moved? If so, judge the new head and apply it when valid and not
   * blocked (it becomes the last good one; that run is the tick). Otherwise every group of the
   * enforced revision is reconciled. An unreachable source is looked at again with backoff
   * (`forced`, after a push, looks at once); the enforced revision keeps being enforced meanwhile.
   */
  async full(forced: boolean): Promise<Verdict | null> {
    await this.#restore();
    const moved = await this.#poll(forced);
    if (moved !== null) return moved;
    // Stopping: a look at the source that ended after the stop starts nothing new.
    if (this.#enforced === null || this.deps.ports.signal.aborted) return null;
    const result = await reconcileOnce(this.#ports('tick'), this.#accepted(), this.deps.settings, this.#enforced);
    return this.deps.state.ran('tick', result);
  }

  /** Reconciles only these groups of the enforced revision (an instance event named them); false when none is enforced yet. */
  async groups(ids: readonly string[]): Promise<Verdict | false> {
    const { settings, state } = this.deps;
    if (this.#enforced === null) return false;
    const planning = this.#accepted();
    const only = { ...planning, only: new Set(ids), policy: { ...planning.policy, prune: false } };
    return state.ran('heal', await reconcileOnce(this.#ports('heal'), only, settings, this.#enforced));
  }

  /** A full drift check of the enforced revision, reported and never corrected; null when there is nothing to check yet. */
  async drift(): Promise<Verdict | null> {
    await this.#restore();
    if (this.#enforced === null) return null;
    return this.deps.state.ran('drift', await planOnce(this.#ports('drift'), this.#accepted(), this.#enforced));
  }

  /** The ports of one kind of run: its own reporters. */
  #ports(run: WatchRun): ChangePorts {
    return { ...this.deps.ports, reporters: this.deps.reporters[run] };
  }

  /** How the enforced revision is judged: it was accepted, so a plugin failing now cannot make it invalid. */
  #accepted(): ValidateAndPlanOptions {
    return { ...this.deps.planning, accepted: true };
  }

  /** At start, before anything else: the last good commit kept in the state folder is enforced, as before the restart. */
  async #restore(): Promise<void> {
    if (this.#restored) return;
    this.#restored = true;
    const kept = this.deps.state.status.lastGood;
    if (kept === null || kept.sha === null) return;
    const revision = await this.deps.reader.readAt(kept.sha, kept.ref);
    if (revision === null) {
      this.deps.ports.log.warn(
        `the last good revision ${kept.sha.slice(0, 12)} cannot be read any more: nothing is enforced until a good commit comes`,
      );
      return;
    }
    this.#enforced = revision;
    this.deps.state.restored({ key: kept.sha, sha: kept.sha, ref: kept.ref });
    this.deps.ports.log.info(
      `enforcing the last good revision ${kept.sha.slice(0, 12)}, kept from before the restart (good since ${kept.at})`,
    );
  }

  /**
   * Looks at the source, unless backing off. A new head is judged and, when it was applied, that
   * run was the tick (its verdict is returned); refused, it is remembered with why, and the tick goes
   * on with the enforced revision (null is returned).
   */
  async #poll(forced: boolean): Promise<Verdict | null> {
    const { planning, settings, reader, state, metrics } = this.deps;
    if (!state.sourceDue(forced)) return null;
    const look = await reader.look();
    if (look.kind === 'failed') {
      metrics.pollFailures.inc({ code: look.error.code });
      state.sourceFailed(runError(look.error));
      return null;
    }
    state.sawHead(look.head);
    if (!state.headDue(look.head) || this.deps.ports.signal.aborted) return null;
    let revision: Revision;
    try {
      revision = await look.read();
    } catch (err) {
      const cause = runError(err, 'GIT_ERROR');
      state.refused(look.head, { why: 'waiting', code: cause.code, message: cause.message, place: null }, cause);
      return null;
    }
    if (this.deps.ports.signal.aborted) return null;
    // A new head is told as a tick, applied or not: its judgement belongs on its own SHA.
    const result = await reconcileOnce(this.#ports('tick'), planning, settings, revision);
    if (result.kind === 'applied') {
      this.#enforced = revision;
      state.applied(look.head);
      return state.ran('tick', result);
    }
    this.#refuse(look.head, result);
    return null;
  }

  /** Why a new head is not applied, as the state keeps it. */
  #refuse(head: Head, result: Exclude<ApplyResult, { kind: 'applied' }>): void {
    const { state } = this.deps;
    const verdict = state.ran('tick', result, null);
    const cause = verdict.cause ?? { code: 'INTERNAL', message: 'not applied', transient: true };
    if (result.kind === 'blocked') {
      const blocked = blockedDetail(result.plan);
      state.refused(head, { why: 'blocked', code: cause.code, message: cause.message, place: null, blocked }, cause);
      return;
    }
    const [first] = result.problems;
    const place = first ? { file: first.file, line: first.line, column: first.column } : null;
    const problem = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : null;
    const final = verdict.kind === 'invalid' && !cause.transient;
    state.refused(head, { why: final ? 'invalid' : 'waiting', code: cause.code, message: cause.message, place, problem }, cause);
  }
}

/** What a blocked plan would have destroyed, by group, beside the rule that refused it. */
function blockedDetail(plan: Plan): BlockedDetail | null {
  if (plan.blocked === null) return null;
  const destroys = [
    ...plan.groups.map((g) => ({ group: g.id, count: g.actions.filter((a) => a.op === 'destroy').length })),
    ...plan.orphans.filter((o) => o.action === 'destroy').map((o) => ({ group: o.group, count: o.instances })),
  ].filter((d) => d.count > 0);
  return { ...plan.blocked, destroys };
}
