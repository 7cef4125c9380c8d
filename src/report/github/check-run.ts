import type { Position, Problem } from '../../problem.js';
import { groupHasDrift } from '../../reconcile/plan-summary.js';
import type { AppliedGroup } from '../../reconcile/applied-plan.js';
import type { GroupPlan } from '../../reconcile/types.js';
import { jobSummary, type SummaryResult } from '../actions/job-summary.js';
import { statusesFor, type StatusPhrasing } from './commit-statuses.js';
import type { ResultView } from './run-view.js';
import { blockedWords, driftWords, fit, outcomeWords, planWords } from './status-words.js';

/** GitHub's limit on a check run's summary, in characters; the summary is cut in bytes, which never count fewer. */
export const CHECK_SUMMARY_LIMIT = 65_535;
/** The longest annotation message kept: GitHub takes 64 KB, a reviewer reads a line or two. */
const MESSAGE_LIMIT = 4000;

export type CheckConclusion = 'success' | 'failure';

/** One annotation as GitHub's Checks API takes it: a line of a file of the repository, from its root. */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string;
}

/** A finished run as a check run shows it. */
export interface CheckRunReport {
  conclusion: CheckConclusion;
  title: string;
  summary: string;
  annotations: CheckAnnotation[];
}

export interface CheckRunOptions {
  phrasing: StatusPhrasing;
  /** The command and what was judged, in words: the summary's head, as the job summary has it. */
  command: string;
  about: string;
  /** A spec's path as GitHub places it, from the repository's root. */
  pathOf(file: string): string;
  /** The run's warnings (SPEC_PLUGIN_WARNING, …), each a `warning` annotation at its place. */
  warnings?: readonly Problem[];
}

/**
 * The check run of a finished run (docs/github.md: In GitHub Actions): concluded as its aggregate commit
 * status (a plan that could be made succeeds, changes or not; drift, a block, an error or an
 * unfinished apply fail); one annotation per drifted, blocked or failed group at the line its spec
 * starts (`places`), one per spec problem at its line; the job summary's table as the summary. Pure.
 */
export function checkRunFor(result: ResultView, places: ReadonlyMap<string, Position>, options: CheckRunOptions): CheckRunReport {
  const summaryResult: SummaryResult =
    result.kind === 'failed'
      ? { kind: 'failed', error: result.error, problems: result.problems }
      : { kind: 'plan', shown: result, phrasing: result.kind === 'blocked' ? 'plan' : options.phrasing };
  const whole = 'The whole result is in the log and the job summary of the run.';
  const fitting = "a check run's 65535 characters";
  const { conclusion, title } = aggregateOf(result, options.phrasing);
  return {
    conclusion,
    title,
    summary: jobSummary({ command: options.command, about: options.about, result: summaryResult, whole, fitting }, CHECK_SUMMARY_LIMIT),
    annotations: [
      ...(result.kind === 'failed' ? problemAnnotations(result.problems, 'failure', options) : groupAnnotations(result, places, options)),
      ...problemAnnotations(options.warnings ?? [], 'warning', options),
    ],
  };
}

/**
 * The aggregate status's state and words (`plan: +2 ~1 -0`, `invalid spec: specs/web.yaml:7`): the
 * check run concludes as the status says (`success` as `success`; `failure` and `error` as
 * `failure`), so the two never disagree.
 */
function aggregateOf(result: ResultView, phrasing: StatusPhrasing): { conclusion: CheckConclusion; title: string } {
  const aggregate = statusesFor({ kind: 'finished', result }, { context: 'tend', perGroupLimit: 0, phrasing })?.statuses.at(-1);
  if (!aggregate) return { conclusion: 'failure', title: fit(`error: ${result.kind === 'failed' ? result.error.message : 'unknown'}`) };
  return { conclusion: aggregate.state === 'success' ? 'success' : 'failure', title: aggregate.description };
}

function problemAnnotations(
  problems: readonly Problem[],
  level: CheckAnnotation['annotation_level'],
  options: CheckRunOptions,
): CheckAnnotation[] {
  return problems.map((p) => ({
    path: options.pathOf(p.file),
    start_line: lineOf(p),
    end_line: lineOf(p),
    start_column: p.column,
    end_column: p.column,
    annotation_level: level,
    message: cut(`${p.path ? `${p.path}: ` : ''}${p.message}`),
    title: p.code,
  }));
}

function groupAnnotations(
  result: Exclude<ResultView, { kind: 'failed' }>,
  places: ReadonlyMap<string, Position>,
  options: CheckRunOptions,
): CheckAnnotation[] {
  const out: CheckAnnotation[] = [];
  const verdicts: Array<[GroupPlan, Verdict]> =
    result.kind === 'applied'
      ? result.plan.groups.map((g) => [g, appliedVerdict(g)])
      : result.plan.groups.map((g) => [g, groupVerdict(g, result, options.phrasing)]);
  for (const [g, said] of verdicts) {
    const place = places.get(g.id);
    if (!place || !said) continue;
    const path = options.pathOf(place.file);
    out.push({
      path,
      start_line: lineOf(place),
      end_line: lineOf(place),
      annotation_level: said.level,
      message: cut(said.message),
      title: fit(`tend: group ${g.id}`),
    });
  }
  return out;
}

type Verdict = { level: CheckAnnotation['annotation_level']; message: string } | null;

/** What an applied group's annotation says, or null when there is nothing to mark: converged. */
function appliedVerdict(g: AppliedGroup): Verdict {
  if (g.error !== null) return unobserved(g.error);
  if (g.outcome === 'converged') return null;
  return { level: g.outcome === 'drifted' ? 'warning' : 'failure', message: outcomeWords(g) };
}

/** What a judged or refused group's annotation says, or null when there is nothing to mark: in sync. */
function groupVerdict(g: GroupPlan, result: Exclude<ResultView, { kind: 'failed' | 'applied' }>, phrasing: StatusPhrasing): Verdict {
  if (g.error !== null) return unobserved(g.error);
  const { plan } = result;
  const changes = g.actions.length > 0;
  if (!changes && !groupHasDrift(g)) return null;
  if ((result.kind === 'blocked' || phrasing === 'plan') && plan.blocked)
    return { level: 'failure', message: `${blockedWords(plan.blocked)}; ${driftWords(g.drift)}` };
  const planned = phrasing !== 'drift' && changes ? ` → ${planWords(counts(g))}` : '';
  return { level: 'warning', message: `${driftWords(g.drift)}${planned}` };
}

function unobserved(error: { message: string }): Verdict {
  return { level: 'failure', message: `could not be observed: ${error.message}` };
}

function counts(g: GroupPlan): { create: number; replace: number; destroy: number } {
  const c = { create: 0, replace: 0, destroy: 0 };
  for (const a of g.actions) c[a.op]++;
  return c;
}

/** GitHub refuses a whole request over one annotation before line 1: a place not known is the file's start. */
function lineOf(place: Position): number {
  return Math.max(1, place.line);
}

function cut(text: string): string {
  return text.length <= MESSAGE_LIMIT ? text : `${text.slice(0, MESSAGE_LIMIT - 1)}…`;
}
