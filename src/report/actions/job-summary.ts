import type { Problem } from '../../problem.js';
import type { AppliedOrphan, GroupOutcome } from '../../reconcile/applied-plan.js';
import type { GroupPlan, PlanAction } from '../../reconcile/types.js';
import { groupHasDrift } from '../../reconcile/plan-summary.js';
import type { FailureReason } from '../failure-json.js';
import { blockedLine, driftText, outcomeText, summaryLine, type Phrasing } from '../plan-text.js';
import { shownGroups, shownOrphans, type ShownPlan } from '../shown-plan.js';
import { fitSections, STEP_SUMMARY_LIMIT, type Section } from './fit-summary.js';
import { inline, row, tableHead } from './markdown.js';

/** What a run of the action ended with, as the job summary shows it. */
export type SummaryResult =
  | { kind: 'plan'; shown: ShownPlan; phrasing: Phrasing }
  | { kind: 'valid'; line: string }
  | { kind: 'failed'; error: FailureReason; problems: readonly Problem[] };

export interface SummaryInput {
  command: string;
  /** What was judged, in words (`specs at 9f1c2ab of …, pull request #7`); plain text. */
  about: string;
  result: SummaryResult;
  /** Where the whole result is when the summary cannot hold it (the plan file, the log); plain text. */
  whole: string;
  /** What `limit` is, in the note on what was left out: GitHub's 1 MiB step summary unless said. */
  fitting?: string;
}

/**
 * The job summary (GITHUB_STEP_SUMMARY) of one run, in Markdown: the one-line verdict, then one row
 * per group (desired, observed, drift, actions, outcome), the orphans, why a plan was blocked and
 * every action; for a failure, every problem at its place. At most `limit` bytes: rows that do not
 * fit are left out, with a note that says so.
 */
export function jobSummary(input: SummaryInput, limit = STEP_SUMMARY_LIMIT): string {
  const head = [`### tend ${inline(input.command)}`, '', inline(input.about), ''];
  return fitSections([{ head, rows: [], unit: 'lines' }, ...sections(input.result)], limit, input.whole, input.fitting);
}

function sections(result: SummaryResult): Section[] {
  if (result.kind === 'valid') return [{ head: [`**${inline(result.line)}**`], rows: [], unit: 'lines' }];
  if (result.kind === 'failed') {
    const verdict = [`**Failed** (\`${result.error.code}\`): ${inline(result.error.message)}`, ''];
    if (result.problems.length === 0) return [{ head: verdict, rows: [], unit: 'lines' }];
    const rows = result.problems.map((p) => row([`${p.file}:${p.line}:${p.column}`, p.code, p.path, p.message]));
    return [{ head: [...verdict, ...tableHead(['place', 'code', 'key', 'problem'])], rows, unit: 'problems' }];
  }
  const { shown, phrasing } = result;
  const { plan } = shown;
  const verdict = [`**${inline(summaryLine(shown, phrasing))}**`, ''];
  if (plan.blocked) verdict.push(`> ${inline(blockedLine(plan.blocked))}`, '');
  const groups: Section = {
    head: [...verdict, ...tableHead(['group', 'mode', 'desired', 'observed', 'drift', 'actions', 'outcome'])],
    rows: shownGroups(shown).map(([g, applied]) =>
      row([g.id, g.mode, String(g.desired.size), String(g.observed.instances), drift(g), tally(g.actions), outcome(g, applied)]),
    ),
    unit: 'groups',
  };
  const parts = [groups];
  if (plan.orphans.length > 0) {
    const orphanHead = [
      '',
      'Orphans (instances of groups no longer in the specs):',
      '',
      ...tableHead(['group', 'instances', 'action', 'outcome']),
    ];
    parts.push({ head: orphanHead, rows: shownOrphans(shown).map(orphanRow), unit: 'orphans' });
  }
  const actions = plan.groups.flatMap((g) => g.actions.map((a) => `- \`${g.id}\` ${actionLine(a)}`));
  if (actions.length > 0 && phrasing !== 'drift') {
    parts.push({
      head: ['', `<details><summary>Actions (${actions.length})</summary>`, ''],
      rows: actions,
      tail: ['', '</details>'],
      unit: 'actions',
    });
  }
  return parts;
}

function drift(g: GroupPlan): string {
  return g.error ? '?' : driftText(g.drift);
}

function tally(actions: readonly PlanAction[]): string {
  if (actions.length === 0) return '—';
  const n = (op: PlanAction['op']): number => actions.filter((a) => a.op === op).length;
  return `+${n('create')} ~${n('replace')} -${n('destroy')}`;
}

function outcome(g: GroupPlan, applied: GroupOutcome | null): string {
  const error = applied?.outcomeError ?? g.error;
  if (applied) return outcomeText(applied.outcome, error);
  if (error) return `error: ${error.message}`;
  if (g.mode === 'report' && groupHasDrift(g)) return 'drift (report mode: not changed)';
  if (g.actions.length > 0) return 'changes planned';
  return groupHasDrift(g) ? 'drift' : 'in sync';
}

function orphanRow(o: AppliedOrphan): string {
  const fate = o.outcome ? `${o.outcome}${o.outcomeError ? `: ${o.outcomeError.message}` : ''}` : '—';
  return row([o.group, String(o.instances), o.action, fate]);
}

function actionLine(a: PlanAction): string {
  const symbol = { create: '+', replace: '~', destroy: '-' }[a.op];
  const target =
    a.op === 'create'
      ? a.logicalId
        ? `logical ID ${a.logicalId}`
        : 'instance'
      : `${a.instance ?? ''}${a.logicalId ? ` (logical ID ${a.logicalId})` : ''}`;
  return `${symbol} ${a.op} ${inline(target)} (${a.reason})`;
}
