import type { Logger } from '../log.js';
import type { Reporter, RunEvent } from '../pipeline/reporter.js';
import type { RunResult } from '../pipeline/results.js';
import { problemFields, problemLine } from '../problem.js';
import { verdictOf } from '../outcome/verdict.js';
import { groupHasDrift } from '../reconcile/plan-summary.js';
import type { AppliedGroup } from '../reconcile/applied-plan.js';
import type { Plan } from '../reconcile/types.js';
import { blockedLine, driftText } from '../report/plan-text.js';
import { prunedText } from '../report/pruned-text.js';
import type { Revision } from '../source/spec-source.js';

/**
 * The watcher's console: one line per thing that happened, through the logger, so it is a plain line
 * on a terminal and a JSON line with `--log-format json` (with `revision`, `group`, `code` as keys).
 * A group that drifted or failed gets a line with its outcome; each run ends with a line saying what
 * it did. A quiet tick that finds everything in sync is said once, not again until something changes.
 */
export function watchReporter(log: Logger): Reporter {
  let quiet = '';
  const say = (line: string, fields: Record<string, unknown>): void => {
    quiet = '';
    log.info(line, fields);
  };
  return {
    report(event: RunEvent): void {
      if (event.kind === 'outcome') {
        const g = event.group;
        // A failure is a warning: the watcher's log says it once while it repeats tick after tick.
        if (g.error !== null || g.outcome === 'failed' || g.outcome === 'paused')
          log.warn(groupLine(g), { group: g.id, outcome: g.outcome });
        else if (g.actions.length > 0 || g.outcome !== 'converged' || groupHasDrift(g))
          say(groupLine(g), { group: g.id, outcome: g.outcome });
        return;
      }
      if (event.kind !== 'finished') return;
      const line = finishedLine(log, event.result);
      if (line === null) return;
      if (line.quiet) {
        if (line.text !== quiet) log.info(line.text, line.fields);
        quiet = line.text;
      } else say(line.text, line.fields);
    },
  };
}

interface Line {
  text: string;
  fields: Record<string, unknown>;
  /** Said once while it stays the same: nothing happened. */
  quiet: boolean;
}

function finishedLine(log: Logger, result: RunResult): Line | null {
  const revision = result.revision;
  const fields = { revision: revision?.sha ?? null };
  switch (result.kind) {
    case 'failed': {
      for (const p of result.problems) log.problem(problemLine(p), { ...problemFields(p) });
      const where = revision ? `${revision.label}: ` : '';
      log.error(`${where}${result.error.message}`, { ...fields, code: result.error.code });
      return null;
    }
    case 'blocked':
      log.error(`${named(result.revision)}: ${result.plan.blocked ? blockedLine(result.plan.blocked) : 'blocked'}`, {
        ...fields,
        code: 'BLOCKED',
      });
      return null;
    case 'planned': {
      const s = result.plan.summary;
      const text =
        s.drifted === 0 && result.plan.orphans.length === 0
          ? `drift check of ${named(result.revision)}: no drift, ${count(s.groups, 'group')} in sync`
          : `drift check of ${named(result.revision)}: ${s.drifted} of ${count(s.groups, 'group')} drifted${orphanText(result.plan)}`;
      return { text, fields: { ...fields, check: 'drift', drifted: s.drifted }, quiet: false };
    }
    case 'applied': {
      const { plan } = result;
      if (result.stopped !== null) return { text: `${named(revision)}: ${result.stopped.message}`, fields, quiet: false };
      const verdict = verdictOf(result);
      const reported = verdict.groups.filter((g) => g.condition === 'drifted').length;
      const quiet = !verdict.found.changes && verdict.judged;
      if (quiet && reported > 0) {
        // Report-mode groups are judged, never changed: their drift is a finding, not convergence.
        const text = `${named(revision)}: ${reported} of ${count(plan.summary.groups, 'group')} drifted in report mode, nothing changed`;
        return { text, fields: { ...fields, drifted: reported }, quiet: true };
      }
      if (quiet) {
        return { text: `converged: ${count(plan.summary.groups, 'group')} in sync with ${named(revision)}`, fields, quiet: true };
      }
      if (!verdict.found.changes) {
        const unknown = verdict.groups.filter((g) => g.condition === 'unknown').length;
        log.warn(`${named(revision)}: ${unknown} of ${count(plan.summary.groups, 'group')} could not be observed, nothing changed`, fields);
        return null;
      }
      const s = plan.summary;
      const done = plan.groups.filter((g) => g.outcome === 'converged').length;
      const pruned = prunedText(plan.orphans);
      const destroyed = `${s.destroy} destroyed${pruned === null ? '' : ` (${pruned})`}`;
      const text = `applied ${named(revision)}: ${s.create} created, ${s.replace} replaced, ${destroyed}; ${done} of ${count(s.groups, 'group')} converged`;
      return { text, fields: { ...fields, create: s.create, replace: s.replace, destroy: s.destroy }, quiet: false };
    }
  }
}

function groupLine(g: AppliedGroup): string {
  if (g.error) return `${g.id}: error: ${g.error.message} → ${g.outcome}`;
  const drift = groupHasDrift(g) ? driftText(g.drift) : 'in sync';
  const why = g.outcomeError && g.outcome !== 'converged' ? `: ${g.outcomeError.message}` : '';
  return `${g.id}: ${drift} → ${g.outcome}${why}`;
}

function named(revision: Revision | null): string {
  if (revision === null) return 'the specs';
  return revision.sha === null ? revision.label : `${revision.sha.slice(0, 12)}`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function orphanText(plan: Plan): string {
  const n = plan.orphans.reduce((sum, o) => sum + o.instances, 0);
  return n > 0 ? `, ${count(n, 'orphan instance')}` : '';
}
