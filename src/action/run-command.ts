import type { RunSetup } from '../compose/compose-run.js';
import type { Reporter } from '../pipeline/reporter.js';
import { planOnce, reconcileOnce } from '../pipeline/reconcile-once.js';
import { validateSpecs } from '../pipeline/read-and-plan.js';
import type { RunResult } from '../pipeline/results.js';
import { verdictOf } from '../outcome/verdict.js';
import { planJson } from '../report/plan-json.js';
import { blockedLine, planText, summaryLine, type Phrasing } from '../report/plan-text.js';
import { validJson, validLine } from '../report/validate-result.js';
import { stateFolderLock } from '../compose/apply-lock.js';
import type { ActionCommand } from './inputs.js';
import { failedOutcome, type ActionOutcome } from './outcome.js';

/**
 * Runs one command of the pipeline, as the CLI's command of the same name does, and says what it
 * ended with. The step fails where the CLI exits 1: an error, groups that could not be observed, an
 * apply blocked or not converged; a plan with changes, or drift found, is a finding, not a failure.
 */
export async function runCommand(
  command: ActionCommand,
  setup: RunSetup,
  reporters: readonly Reporter[],
  signal: AbortSignal,
): Promise<ActionOutcome> {
  if (command === 'validate') {
    const result = await validateSpecs(setup.ports, setup.planning);
    if (result.kind === 'failed') return failedOutcome(result.error, result.problems);
    const { revision, groups } = result;
    const files = revision.files.length;
    const line = validLine(revision.label, groups.length, files);
    const json = validJson(
      revision.sha,
      files,
      groups.map((g) => g.id),
    );
    return { result: { kind: 'valid', line }, json, text: line, drifted: false, changes: 0, line, failure: null, problems: [] };
  }
  const ports = { ...setup.ports, reporters };
  if (command === 'apply') {
    const lock = stateFolderLock(setup.config.stateDir, 0, { holder: 'the tend Action' });
    return fromResult(await reconcileOnce({ ...ports, lock, signal }, setup.planning, setup.apply), 'apply');
  }
  return fromResult(await planOnce(ports, setup.planning), command);
}

function fromResult(result: RunResult, phrasing: Phrasing): ActionOutcome {
  if (result.kind === 'failed') return failedOutcome(result.error, result.problems);
  const { plan } = result;
  const verdict = verdictOf(result);
  const said = result.kind === 'blocked' ? 'plan' : phrasing;
  const line = plan.blocked ? blockedLine(plan.blocked) : summaryLine(result, said);
  return {
    result: { kind: 'plan', shown: result, phrasing: said },
    json: planJson(result),
    text: planText(result, said),
    drifted: verdict.found.drift || verdict.found.orphans,
    changes: plan.summary.create + plan.summary.replace + plan.summary.destroy,
    line,
    failure: verdict.exitCode === 1 ? failureOf(result, line) : null,
    problems: [],
  };
}

/** Why the step fails, in one line: the verdict itself, what stopped the apply, or the groups that could not be observed. */
function failureOf(result: Exclude<RunResult, { kind: 'failed' }>, line: string): string {
  if (result.kind === 'applied' && result.stopped) return result.stopped.message;
  if (result.kind !== 'planned') return line;
  const errors = result.plan.summary.errors;
  return `${errors} group${errors === 1 ? '' : 's'} could not be observed, so nothing is known of ${errors === 1 ? 'it' : 'them'}: see the log`;
}
