import type { AppliedOrphan, AppliedPlan, GroupOutcome, Outcome } from '../reconcile/applied-plan.js';
import type { BudgetBlock, DriftCounts, GroupPlan, Plan, PlanAction } from '../reconcile/types.js';
import { verdictOf } from '../outcome/verdict.js';
import { groupHasDrift } from '../reconcile/plan-summary.js';
import { prunedText } from './pruned-text.js';
import { shownGroups, shownOrphans, type ShownPlan } from './shown-plan.js';

export type Phrasing = 'plan' | 'drift' | 'apply';

const SYMBOL: Record<PlanAction['op'], string> = { create: '+', replace: '~', destroy: '-' };

/** Renders a plan (or an applied plan) for people, as `tend plan`, `tend drift` and `tend apply` print it. */
export function planText(shown: ShownPlan, phrasing: Phrasing): string {
  const { plan } = shown;
  const lines: string[] = [];
  // A loop, not push(...list): a group of 100,000 actions would overflow the argument limit.
  for (const [g, applied] of shownGroups(shown)) for (const line of groupLines(g, applied, phrasing)) lines.push(line);
  if (plan.groups.length === 0) lines.push('No groups in the specs.');
  if (plan.orphans.length > 0) {
    lines.push('', 'Orphans (instances of groups no longer in the specs):');
    for (const o of shownOrphans(shown))
      lines.push(`  ${o.group}: ${o.instances} instance${o.instances === 1 ? '' : 's'}, ${orphanFate(o)}`);
  }
  lines.push('', summaryLine(shown, phrasing));
  if (plan.blocked) lines.push(blockedLine(plan.blocked));
  return lines.join('\n');
}

function groupLines(g: GroupPlan, applied: GroupOutcome | null, phrasing: Phrasing): string[] {
  const head = `${g.id}${g.mode === 'report' ? ' (report mode)' : ''}`;
  if (g.error) return [`${head}  error: ${g.error.message}${applied ? `  → ${applied.outcome}` : ''}`];
  const counts = `desired ${g.desired.size}, observed ${g.observed.instances}`;
  const state = groupHasDrift(g) ? `drift: ${driftText(g.drift)}` : 'in sync';
  const lines = [`${head}  ${counts}  ${state}${applied ? `  → ${outcomeText(applied.outcome, applied.outcomeError)}` : ''}`];
  if (phrasing !== 'drift') {
    for (const a of g.actions) lines.push(`  ${SYMBOL[a.op]} ${a.op} ${actionTarget(a)} (${a.reason})`);
    if (g.mode === 'report' && groupHasDrift(g)) lines.push('  report mode: detected, not changed');
  }
  return lines;
}

function orphanFate(o: AppliedOrphan): string {
  if (o.action === 'keep') return 'kept (pass --prune to destroy them)';
  if (o.outcome === null) return 'to destroy (--prune)';
  if (o.outcome === 'destroyed') return 'destroyed (--prune)';
  return `prune ${o.outcome}${o.outcomeError ? `: ${o.outcomeError.message}` : ''}`;
}

/** An outcome with the error behind it, said once: `paused after 2 of 5 replacements: …` names its outcome already. */
export function outcomeText(outcome: string, error: { message: string } | null | undefined): string {
  if (!error) return outcome;
  return error.message.startsWith(outcome) ? error.message : `${outcome}: ${error.message}`;
}

function actionTarget(a: PlanAction): string {
  const pet = a.logicalId ? `logical ID ${a.logicalId}` : '';
  if (a.op === 'create') return pet || 'instance';
  return pet ? `${a.instance} (${pet})` : String(a.instance);
}

/** `2 missing, 1 stale`: the non-zero drift counts in the documented order. */
export function driftText(drift: DriftCounts): string {
  const parts = (['missing', 'extra', 'stale', 'modified', 'unhealthy'] as const)
    .filter((k) => drift[k] > 0)
    .map((k) => `${drift[k]} ${k}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** The last line of the text form: `Plan: 2 to create, …`, `Drift: 1 of 3 groups drifted.`, `Apply complete: …`. */
export function summaryLine(shown: ShownPlan, phrasing: Phrasing): string {
  const { plan } = shown;
  const s = plan.summary;
  const errors = s.errors > 0 ? `, ${s.errors} group${s.errors === 1 ? '' : 's'} in error` : '';
  if (phrasing === 'drift') {
    const orphans = plan.orphans.reduce((n, o) => n + o.instances, 0);
    const orphanText = orphans > 0 ? `, ${orphans} orphan instance${orphans === 1 ? '' : 's'}` : '';
    if (s.drifted === 0 && orphans === 0) return `No drift: ${s.groups} group${s.groups === 1 ? '' : 's'} in sync${errors}.`;
    return `Drift: ${s.drifted} of ${s.groups} group${s.groups === 1 ? '' : 's'} drifted${orphanText}${errors}.`;
  }
  const counts = `${s.create} to create, ${s.replace} to replace, ${s.destroy} to destroy`;
  if (phrasing === 'plan' || shown.kind === 'planned') return `Plan: ${counts}${errors}.`;
  return appliedLine(shown.plan);
}

/** `Apply complete: 2 converged; pruned old (planned …).`, or incomplete, or interrupted. */
function appliedLine(plan: AppliedPlan): string {
  const s = plan.summary;
  const tally = (o: Outcome): number => plan.groups.filter((g) => g.outcome === o).length;
  const outcomes = OUTCOMES.filter((o) => tally(o) > 0).map((o) => `${tally(o)} ${o}`);
  const done = verdictOf({ kind: 'applied', plan, stopped: null }).converged;
  const pruned = prunedText(plan.orphans);
  const said = `${outcomes.join(', ') || 'no groups'}${pruned === null ? '' : `; ${pruned}`}`;
  if (tally('interrupted') > 0 || plan.orphans.some((o) => o.outcome === 'interrupted')) {
    return `Apply interrupted: ${said} (planned ${plannedText(s)}); apply again to finish.`;
  }
  return `Apply ${done ? 'complete' : 'incomplete'}: ${said} (planned ${plannedText(s)}).`;
}

const OUTCOMES: readonly Outcome[] = ['converged', 'drifted', 'paused', 'failed', 'interrupted', 'blocked'];

function plannedText(s: Plan['summary']): string {
  return `${s.create} create${s.create === 1 ? '' : 's'}, ${s.replace} replacement${s.replace === 1 ? '' : 's'}, ${s.destroy} destroy${s.destroy === 1 ? '' : 's'}`;
}

/** `Blocked: would destroy 12 instances, budget 5 …`: why nothing was changed and by how much. */
export function blockedLine(b: BudgetBlock): string {
  const scope = b.group ? ` in group ${b.group}` : b.managed !== undefined ? `, pruning included, of the ${b.managed} tend manages` : '';
  const flag = b.group || b.managed !== undefined ? '--max-destroy-percent' : '--max-destroy';
  return `Blocked by the ${b.reason}: would destroy ${b.destroy} instance${b.destroy === 1 ? '' : 's'}${scope}, budget ${b.budget} (raise ${flag} to allow it). Nothing was changed.`;
}
