import type { Problem } from '../problem.js';
import { failureJson, type FailureReason } from '../report/failure-json.js';
import type { SummaryResult } from '../report/actions/job-summary.js';

/** What one run of the action ended with, ready to be published: outputs, the JSON, the job summary, the verdict. */
export interface ActionOutcome {
  result: SummaryResult;
  /** What `tend <command> --json` prints for the same run. */
  json: string;
  /** The result in words, as the CLI prints it, for the log. */
  text: string;
  drifted: boolean;
  changes: number;
  /** One line: the `summary` output. */
  line: string;
  /** Why the step fails (as the CLI's exit code 1 means it), or null when it succeeds. */
  failure: string | null;
  problems: readonly Problem[];
}

/** The outcome of a run that could not judge anything: every problem, and what went wrong. */
export function failedOutcome(error: FailureReason, problems: readonly Problem[]): ActionOutcome {
  return {
    result: { kind: 'failed', error, problems },
    json: failureJson(error, problems),
    text: '',
    drifted: false,
    changes: 0,
    line: `error: ${error.message}`,
    failure: error.message,
    problems,
  };
}
