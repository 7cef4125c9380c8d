import { groupHasDrift } from '../reconcile/plan-summary.js';
import type { AppliedGroup, AppliedPlan } from '../reconcile/applied-plan.js';
import type { BudgetBlock, GroupPlan, Plan } from '../reconcile/types.js';

/** A failure as a verdict carries it: a stable code, words, and whether retrying later may help. */
export interface Cause {
  code: string;
  message: string;
  transient: boolean;
}

/**
 * What a run ended with, by its shape: the pipeline's results, and the report layer's view of
 * them, are both this without importing each other.
 */
export type VerdictInput =
  | { kind: 'valid' }
  | { kind: 'planned'; plan: Plan }
  | { kind: 'blocked'; plan: Plan }
  | { kind: 'applied'; plan: AppliedPlan; stopped: { code: string; message: string; transient?: boolean } | null }
  | { kind: 'failed'; error: { code: string; message: string; transient?: boolean }; problems: readonly unknown[] };

/**
 * How a run ended, in one word: `done` (nothing found, or all applied), `findings` (changes planned,
 * drift or orphans found: not a failure), `invalid` (specs or config that cannot be used),
 * `blocked` (a safety rule refused the plan), `failed` (it could not judge or do its work:
 * groups not observed, a plugin or Git failing), `interrupted` (a signal or a lost lock).
 */
export type VerdictKind = 'done' | 'findings' | 'invalid' | 'blocked' | 'failed' | 'interrupted';

/**
 * What a group came to: in sync; changes planned; drift left alone (report mode, or a drift check);
 * applied and converged; refused by a safety rule; unknown (its plugins could not be asked what
 * exists); failed (its plugin failed a change); paused (a rollout stopped at a failure); interrupted.
 */
export type GroupCondition = 'in-sync' | 'changes' | 'drifted' | 'converged' | 'blocked' | 'unknown' | 'failed' | 'paused' | 'interrupted';

export interface GroupVerdict {
  id: string;
  condition: GroupCondition;
  /** Why it is not in sync or converged, when something failed or refused; else null. */
  reason: Cause | null;
}

/**
 * The one verdict on a run (docs/commands.md: Exit codes), decided here and rendered by every consumer: the
 * exit code, the console, JSON, the watcher's log, health and metrics, commit statuses, the check
 * run, the job summary and the Action's failure.
 */
export interface Verdict {
  kind: VerdictKind;
  /** False when the run could not judge: specs unusable, the source unread, or a group whose plugins could not be asked. */
  judged: boolean;
  /** 0 done or nothing found; 1 an error, a refusal, or an apply that did not converge; 2 findings of a plan or drift check. */
  exitCode: 0 | 1 | 2;
  /** Everything is as the specs say, with nothing left to do or failed (an apply: every group converged, every prune done). */
  converged: boolean;
  found: {
    /** Applying would change something (any action, or an orphan to prune). */
    changes: boolean;
    /** Some group differs from its spec (report-mode drift included). */
    drift: boolean;
    /** Instances of groups no longer in the specs, kept or pruned. */
    orphans: boolean;
  };
  /** What stopped the run from doing all its work; null when nothing did (findings are not a cause). */
  cause: Cause | null;
  /** `stalled`: it waits for a new commit or config; `transient`: retrying later may succeed; null without a cause. */
  stop: 'stalled' | 'transient' | null;
  /** The safety rule that refused the plan, when one did. */
  blocked: BudgetBlock | null;
  groups: GroupVerdict[];
}

/** The verdict on a run's result. Pure. */
export function verdictOf(result: VerdictInput): Verdict {
  switch (result.kind) {
    case 'valid':
      return verdict('done', 0, true, NOTHING_FOUND, null, null, []);
    case 'failed': {
      const cause = { code: result.error.code, message: result.error.message, transient: result.error.transient ?? false };
      const kind = result.problems.length > 0 || INVALID_CODES.has(cause.code) ? 'invalid' : stopped(cause);
      return verdict(kind, 1, false, NOTHING_FOUND, cause, null, []);
    }
    case 'blocked': {
      const blocked = result.plan.blocked;
      const message = blocked ? `blocked by the ${blocked.reason}: would destroy ${blocked.destroy}, budget ${blocked.budget}` : 'blocked';
      const cause = { code: 'BLOCKED', message, transient: false };
      const groups = result.plan.groups.map((g) => blockedGroup(g, cause));
      return verdict('blocked', 1, false, foundIn(result.plan), cause, blocked, groups);
    }
    case 'planned':
      return plannedVerdict(result.plan);
    case 'applied':
      return appliedVerdict(result.plan, result.stopped);
  }
}

const NOTHING_FOUND = { changes: false, drift: false, orphans: false };

/** Codes of input that cannot be used as it is: waiting for a new commit or config will fix them, not time. */
const INVALID_CODES = new Set(['SPEC_INVALID', 'SPEC_PATH_MISSING', 'CONFIG_INVALID', 'SPECS_NOT_FOUND']);

function plannedVerdict(plan: Plan): Verdict {
  const found = foundIn(plan);
  const groups = plan.groups.map(plannedGroup);
  const cause = unobserved(plan);
  if (cause !== null) return verdict(stopped(cause), 1, false, found, cause, null, groups);
  const findings = found.changes || found.drift || found.orphans;
  // A plan that a safety rule would refuse is still a plan: the apply of it is what is blocked.
  return verdict(findings ? 'findings' : 'done', findings ? 2 : 0, !findings, found, null, plan.blocked, groups);
}

function appliedVerdict(plan: AppliedPlan, stop: { code: string; message: string; transient?: boolean } | null): Verdict {
  const found = foundIn(plan);
  const groups = plan.groups.map(appliedGroup);
  const prunesDone = plan.orphans.every((o) => o.outcome === null || o.outcome === 'destroyed');
  const converged = stop === null && prunesDone && groups.every((g) => g.condition === 'converged');
  const interrupted =
    stop !== null || groups.some((g) => g.condition === 'interrupted') || plan.orphans.some((o) => o.outcome === 'interrupted');
  if (interrupted) {
    const cause = stop
      ? { code: stop.code, message: stop.message, transient: stop.transient ?? true }
      : { code: 'INTERRUPTED', message: 'the apply was stopped before it finished', transient: true };
    return verdict('interrupted', 1, false, found, cause, null, groups);
  }
  const cause = firstFailure(plan, groups);
  if (cause !== null) return verdict(stopped(cause), 1, false, found, cause, null, groups);
  // Report-mode drift is a finding the apply leaves alone: not converged, yet nothing failed.
  return verdict(converged ? 'done' : 'findings', converged ? 0 : 1, converged, found, null, null, groups);
}

function verdict(
  kind: VerdictKind,
  exitCode: Verdict['exitCode'],
  converged: boolean,
  found: Verdict['found'],
  cause: Cause | null,
  blocked: BudgetBlock | null,
  groups: GroupVerdict[],
): Verdict {
  const stop = cause === null ? null : cause.transient ? 'transient' : 'stalled';
  const judged = kind !== 'invalid' && !(kind === 'failed' && groups.length === 0) && groups.every((g) => g.condition !== 'unknown');
  return { kind, judged, exitCode, converged, found, cause, stop, blocked, groups };
}

/** A cause that stopped a run: a refusal waits for new input, anything else failed (for now, if transient). */
function stopped(cause: Cause): VerdictKind {
  return cause.code === 'INTERRUPTED' ? 'interrupted' : 'failed';
}

function foundIn(plan: Plan): Verdict['found'] {
  return {
    changes: plan.groups.some((g) => g.actions.length > 0) || plan.orphans.some((o) => o.action === 'destroy'),
    drift: plan.groups.some(groupHasDrift),
    orphans: plan.orphans.length > 0,
  };
}

/** The first group that could not be observed, as the run's cause: nothing is known of it. */
function unobserved(plan: Plan): Cause | null {
  const failed = plan.groups.filter((g) => g.error !== null);
  const [first] = failed;
  if (first?.error == null) return null;
  const of = failed.length === 1 ? `group ${first.id}` : `${failed.length} of ${plan.groups.length} groups (first ${first.id})`;
  return { ...first.error, message: `${of} could not be observed: ${first.error.message}` };
}

/** What stopped an apply's work: the first group failed or paused, else the first prune that failed. */
function firstFailure(plan: AppliedPlan, groups: readonly GroupVerdict[]): Cause | null {
  const group = groups.find(
    (g) => g.condition === 'unknown' || g.condition === 'failed' || g.condition === 'paused' || g.condition === 'blocked',
  );
  if (group) return group.reason ?? { code: 'PLUGIN_ERROR', message: `group ${group.id} ${group.condition}`, transient: false };
  const orphan = plan.orphans.find((o) => o.outcome !== null && o.outcome !== 'destroyed');
  if (orphan === undefined) return null;
  return orphan.outcomeError ?? { code: 'PLUGIN_ERROR', message: `the prune of ${orphan.group} ${orphan.outcome}`, transient: false };
}

function plannedGroup(g: GroupPlan): GroupVerdict {
  if (g.error !== null) return { id: g.id, condition: 'unknown', reason: g.error };
  if (g.actions.length > 0) return { id: g.id, condition: 'changes', reason: null };
  return { id: g.id, condition: groupHasDrift(g) ? 'drifted' : 'in-sync', reason: null };
}

function blockedGroup(g: GroupPlan, cause: Cause): GroupVerdict {
  if (g.error !== null) return { id: g.id, condition: 'unknown', reason: g.error };
  if (g.actions.length > 0 || groupHasDrift(g)) return { id: g.id, condition: 'blocked', reason: cause };
  return { id: g.id, condition: 'in-sync', reason: null };
}

function appliedGroup(g: AppliedGroup): GroupVerdict {
  if (g.error !== null) return { id: g.id, condition: 'unknown', reason: g.error };
  const { outcome } = g;
  const reason = outcome === 'converged' || outcome === 'drifted' ? null : g.outcomeError;
  return { id: g.id, condition: outcome, reason };
}
