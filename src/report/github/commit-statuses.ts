import { verdictOf, type GroupVerdict, type Verdict } from '../../outcome/verdict.js';
import { hasChanges } from '../../reconcile/plan-summary.js';
import type { AppliedGroup } from '../../reconcile/applied-plan.js';
import type { GroupPlan, Plan } from '../../reconcile/types.js';
import type { ResultView, RunView } from './run-view.js';
import { blockedWords, convergedWords, driftWords, fit, invalidWords, outcomeWords, planWords, unfinishedWords } from './status-words.js';

export type StatusState = 'pending' | 'success' | 'failure' | 'error';

/** One commit status to post (docs/github.md: Commit statuses): where it shows, its state and its words (≤ 140 characters). */
export interface CommitStatus {
  context: string;
  state: StatusState;
  description: string;
}

/** What to post on one commit; `sha` null when the run's specs came from a plain folder, so there is no commit. */
export interface StatusBatch {
  sha: string | null;
  statuses: CommitStatus[];
}

/** How a run is told on the commit: `plan` and `drift` for judgements, `apply` for runs that change things. */
export type StatusPhrasing = 'plan' | 'drift' | 'apply';

export interface StatusOptions {
  /** The aggregate context, and the prefix of each group's (`tend`, `tend/prod`). */
  context: string;
  /** Groups get contexts of their own only while the revision has at most this many. */
  perGroupLimit: number;
  phrasing: StatusPhrasing;
}

/**
 * The statuses a run's event calls for (docs/github.md: Commit statuses), or null when it calls for none:
 * `pending` on what an apply is about to change, once judged; the final state of every context once
 * finished. Never `success` for work not done. Pure.
 */
export function statusesFor(event: RunView, options: StatusOptions): StatusBatch | null {
  if (event.kind === 'judged') {
    if (options.phrasing !== 'apply' || event.plan.blocked !== null || !hasChanges(event.plan)) return null;
    return { sha: event.revision.sha, statuses: pendingStatuses(event.plan, options) };
  }
  if (event.kind !== 'finished') return null;
  const { result } = event;
  if (result.kind === 'failed') {
    if (result.revision === null) return null;
    const description = result.problems.length > 0 ? invalidWords(result.problems) : `error: ${result.error.message}`;
    return { sha: result.revision.sha, statuses: [status(options.context, 'error', description)] };
  }
  return { sha: result.revision.sha, statuses: finalStatuses(result, options) };
}

function pendingStatuses(plan: Plan, options: StatusOptions): CommitStatus[] {
  const groups = perGroup(plan.groups, options)
    .filter((g) => g.actions.length > 0)
    .map((g) => status(groupContext(options, g), 'pending', planWords(counts(g), 'applying')));
  return [status(options.context, 'pending', planWords(plan.summary, 'applying')), ...groups];
}

function finalStatuses(result: Exclude<ResultView, { kind: 'failed' }>, options: StatusOptions): CommitStatus[] {
  const verdict = verdictOf(result);
  const conditions = new Map(verdict.groups.map((g) => [g.id, g]));
  const said = (g: GroupPlan, applied: AppliedGroup | null): CommitStatus => ({
    context: groupContext(options, g),
    ...groupStatus(g, applied, conditions.get(g.id), result, options.phrasing),
  });
  const groups =
    result.kind === 'applied'
      ? perGroup(result.plan.groups, options).map((g) => said(g, g))
      : perGroup(result.plan.groups, options).map((g) => said(g, null));
  return [...groups, status(options.context, ...aggregate(result, verdict, options.phrasing))];
}

type Said = [state: StatusState, description: string];

/** The aggregate context's state and words, as the run's verdict has it. */
function aggregate(result: Exclude<ResultView, { kind: 'failed' }>, verdict: Verdict, phrasing: StatusPhrasing): Said {
  const { plan } = result;
  if (!verdict.judged) {
    const unobserved = verdict.groups.filter((g) => g.condition === 'unknown').length;
    return ['error', `error: ${unobserved} of ${plan.groups.length} groups could not be observed`];
  }
  const instances = plan.groups.reduce((n, g) => n + g.desired.size, 0);
  if (verdict.blocked && (result.kind === 'blocked' || phrasing === 'plan')) return ['failure', blockedWords(verdict.blocked)];
  if (result.kind === 'applied') {
    if (verdict.converged) return ['success', convergedWords(instances)];
    return ['failure', unfinishedWords(result.plan, verdict.kind === 'interrupted')];
  }
  const orphaned = plan.orphans.reduce((n, o) => n + o.instances, 0);
  // A pull request exists to change things: a plan that could be made is a successful plan, changes or not.
  if (phrasing === 'plan') return ['success', planWords(plan.summary)];
  if (verdict.found.drift || verdict.found.orphans) return ['failure', driftWords(sumDrift(plan.groups), orphaned)];
  return ['success', convergedWords(instances)];
}

/** A group's context, as its condition in the verdict has it; `applied` is the group as apply left it, null when the run applied nothing. */
function groupStatus(
  g: GroupPlan,
  applied: AppliedGroup | null,
  condition: GroupVerdict | undefined,
  result: Exclude<ResultView, { kind: 'failed' }>,
  phrasing: StatusPhrasing,
): { state: StatusState; description: string } {
  const said = condition?.condition ?? 'unknown';
  if (said === 'unknown') return verdict('error', `error: ${g.error?.message ?? 'not observed'}`);
  if (phrasing === 'plan' && result.kind === 'planned') {
    const { blocked } = result.plan;
    if (blocked === null) return verdict('success', planWords(counts(g)));
    // In a plan a safety rule refuses, the groups it would change are refused; the others are as they are.
    if (said === 'changes' || said === 'drifted') return verdict('failure', blockedWords(blocked));
    return verdict('success', convergedWords(g.desired.size));
  }
  switch (said) {
    case 'in-sync':
    case 'converged':
      return verdict('success', convergedWords(g.desired.size));
    case 'blocked':
      return verdict('failure', result.plan.blocked ? blockedWords(result.plan.blocked) : 'blocked');
    case 'changes':
      return verdict('failure', phrasing === 'plan' ? planWords(counts(g)) : driftWords(g.drift));
    case 'drifted':
      return verdict('failure', applied ? outcomeWords(applied) : driftWords(g.drift));
    default:
      // Failed, paused and interrupted: outcomes of an apply.
      return verdict('failure', applied ? outcomeWords(applied) : said);
  }
}

function verdict(state: StatusState, description: string): { state: StatusState; description: string } {
  return { state, description: fit(description) };
}

function status(context: string, state: StatusState, description: string): CommitStatus {
  return { context, state, description: fit(description) };
}

function perGroup<G extends GroupPlan>(groups: readonly G[], options: StatusOptions): readonly G[] {
  return groups.length <= options.perGroupLimit ? groups : [];
}

function groupContext(options: StatusOptions, g: GroupPlan): string {
  return `${options.context}/${g.id}`;
}

function counts(g: GroupPlan): { create: number; replace: number; destroy: number } {
  const c = { create: 0, replace: 0, destroy: 0 };
  for (const a of g.actions) c[a.op]++;
  return c;
}

function sumDrift(groups: readonly GroupPlan[]): GroupPlan['drift'] {
  const sum = { missing: 0, extra: 0, stale: 0, modified: 0, unhealthy: 0 };
  for (const g of groups) for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += g.drift[k];
  return sum;
}
