import type { Logger } from '../log.js';
import type { Reporter } from '../pipeline/reporter.js';
import type { GithubRun } from './github-run.js';
import type { ActionInputs } from './inputs.js';

/** What a reporter of the action may be built from: what it was asked, the run it is a step of, where to log. */
export interface ReporterContext {
  inputs: ActionInputs;
  run: GithubRun;
  /** The status context prefix: the `status-context` input, else the runner config's `github.context`. */
  statusContext: string;
  log: Logger;
  notice(message: string): void;
}

/**
 * The reporters a run of the action tells its events to, beyond the log and the job summary (which
 * the entry writes from the result): the one place commit statuses and check runs join the run.
 */
export function actionReporters(ctx: ReporterContext): Reporter[] {
  const reporters: Reporter[] = [];
  if (ctx.inputs.report === 'github') {
    ctx.notice(
      'report: github: commit statuses are not available in this build of tend, so none are posted; the job summary has the result',
    );
  }
  return reporters;
}
