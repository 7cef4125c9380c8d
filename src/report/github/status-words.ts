import type { AppliedGroup, AppliedPlan } from '../../reconcile/applied-plan.js';
import type { BudgetBlock, DriftCounts } from '../../reconcile/types.js';
import type { Problem } from '../../problem.js';
import { outcomeText } from '../plan-text.js';

/** GitHub keeps at most this many characters of a status description. */
const DESCRIPTION_LIMIT = 140;

const KINDS = ['missing', 'extra', 'stale', 'modified', 'unhealthy'] as const;

/** `converged: 3 instances` */
export function convergedWords(instances: number): string {
  return `converged: ${instances} instance${instances === 1 ? '' : 's'}`;
}

/** `drift: 2 missing, 1 stale` (and `, 3 orphaned` for orphan instances). */
export function driftWords(drift: DriftCounts, orphaned = 0): string {
  const parts = KINDS.filter((k) => drift[k] > 0).map((k) => `${drift[k]} ${k}`);
  if (orphaned > 0) parts.push(`${orphaned} orphaned`);
  return `drift: ${parts.join(', ') || 'none'}`;
}

/** `plan: +2 ~1 -0`: creates, replacements, destroys. */
export function planWords(counts: { create: number; replace: number; destroy: number }, verb = 'plan'): string {
  return `${verb}: +${counts.create} ~${counts.replace} -${counts.destroy}`;
}

/** `blocked: would destroy 12, budget 5` (`… 6 in web, budget 5` for a group's percentage limit, `… 7 of 8, budget 4` for a prune's). */
export function blockedWords(b: BudgetBlock): string {
  const scope = b.group ? ` in ${b.group}` : b.managed !== undefined ? ` of ${b.managed}` : '';
  return `blocked: would destroy ${b.destroy}${scope}, budget ${b.budget}`;
}

/** `invalid spec: specs/web.yaml:7`, at the first problem, with how many more there are. */
export function invalidWords(problems: readonly Problem[]): string {
  const [first] = problems;
  if (first === undefined) return 'invalid spec';
  const more = problems.length > 1 ? ` (${problems.length} problems)` : '';
  return `invalid spec: ${first.file}:${first.line}${more}`;
}

/** A group's apply outcome other than converged, as apply says it: `paused after 0 of 3 replacements: …`. */
export function outcomeWords(g: AppliedGroup): string {
  if (g.outcome === 'drifted') return `${driftWords(g.drift)} (report mode)`;
  return outcomeText(g.outcome, g.outcomeError);
}

/** `not converged: 1 converged, 1 paused` or `interrupted: …`, the tally of an apply that did not finish its work. */
export function unfinishedWords(plan: AppliedPlan, interrupted: boolean): string {
  const tally = new Map<string, number>();
  for (const g of plan.groups) tally.set(g.outcome, (tally.get(g.outcome) ?? 0) + 1);
  const parts = [...tally].map(([outcome, n]) => `${n} ${outcome}`);
  const prunes = plan.orphans.filter((o) => o.outcome !== null && o.outcome !== 'destroyed').length;
  if (prunes > 0) parts.push(`${prunes} prune${prunes === 1 ? '' : 's'} unfinished`);
  return `${interrupted ? 'interrupted' : 'not converged'}: ${parts.join(', ') || 'no groups'}`;
}

/** The description as GitHub shows it: at most 140 characters, cut at a whole character with an ellipsis. */
export function fit(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  if (text.length <= DESCRIPTION_LIMIT) return text;
  // Whole code points only, so that a cut never leaves half a surrogate pair; counted in UTF-16 units, as the limit is.
  let cut = '';
  for (const char of text) {
    if (cut.length + char.length > DESCRIPTION_LIMIT - 1) break;
    cut += char;
  }
  return `${cut}…`;
}
