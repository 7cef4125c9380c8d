import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { jobSummary } from '../report/actions/job-summary.js';
import { annotateProblem, logData } from './action-log.js';
import type { ActionOutcome } from './outcome.js';

/**
 * Makes the outcome visible where GitHub shows it: the result in the log, every problem as an
 * annotation at its line, the outputs, the JSON in a file under RUNNER_TEMP (the `plan` output),
 * the job summary; then fails the step when the outcome says so.
 */
export async function publish(
  outcome: ActionOutcome,
  at: { command: string; about: string; workspace: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  if (outcome.text) logData(outcome.text);
  for (const p of outcome.problems) annotateProblem(p, at.workspace);
  const folder = mkdtempSync(path.join(at.env.RUNNER_TEMP || os.tmpdir(), 'tend-'));
  const file = path.join(folder, `${at.command}.json`);
  writeFileSync(file, `${outcome.json}\n`);
  core.setOutput('drifted', outcome.drifted);
  core.setOutput('changes', outcome.changes);
  core.setOutput('plan', file);
  core.setOutput('summary', outcome.line);
  if (at.env.GITHUB_STEP_SUMMARY) {
    const whole = `The whole result is in the log, and as JSON in the file named by the plan output.`;
    await core.summary.addRaw(jobSummary({ command: at.command, about: at.about, result: outcome.result, whole })).write();
  }
  if (outcome.failure !== null) core.setFailed(outcome.failure);
}
