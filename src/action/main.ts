import { existsSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { composeRun } from '../compose/compose-run.js';
import type { SourceChoice } from '../compose/choose-source.js';
import { stopOnSignals } from '../compose/stop-on-signals.js';
import { ProblemsError } from '../errors.js';
import type { Problem } from '../problem.js';
import { failureReason } from '../report/failure-json.js';
import { actionLog, keepingWarnings } from './action-log.js';
import { readGithubRun, type GithubRun } from './github-run.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { failedOutcome } from './outcome.js';
import { publish } from './publish.js';
import { actionReporters } from './reporters.js';
import { runCommand } from './run-command.js';

/**
 * The action's run: reads the inputs, composes the same pipeline as the CLI, runs the command and
 * publishes what it ended with. The one place an error is caught: it becomes annotations, the
 * outputs, the job summary and a failed step.
 */
export async function run(): Promise<void> {
  const env = process.env;
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());
  const warnings: Problem[] = [];
  const log = keepingWarnings(actionLog(workspace), warnings);
  const stop = stopOnSignals(log);
  let at = { command: 'run', about: 'The run could not start.', workspace, env };
  try {
    const inputs = readInputs((name) => core.getInput(name));
    if (inputs.githubToken) core.setSecret(inputs.githubToken);
    const github = readGithubRun(env, log);
    const source = sourceOf(inputs, github, workspace);
    at = { ...at, command: inputs.command };
    // The git children get the runner's environment without the inputs: the token is for GitHub's API, not for git.
    const gitEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('INPUT_')));
    const setup = await composeRun({ cwd: workspace, env: gitEnv }, log, {
      configFile: inputs.config,
      shard: inputs.shard,
      // Every input of an option with a config key wins over the config (src/config/options.ts); `specs` is the source's.
      overrides: { ...inputs, specs: undefined, ...source },
    });
    at = { ...at, about: about(inputs, github, source.repo ? (source.path ?? setup.config.source.path) : null) };
    const statusContext = setup.config.github.context;
    const reporters = await actionReporters({
      inputs,
      run: github,
      statusContext,
      perGroupLimit: setup.config.github.perGroupLimit,
      driftIssues: { enabled: setup.config.github.driftIssues, limit: setup.config.github.driftIssueLimit },
      about: at.about,
      workspace,
      env,
      log,
      warnings: () => warnings,
      notice: (message) => core.notice(message),
    });
    await publish(await runCommand(inputs.command, setup, reporters, stop.signal), at);
  } catch (err) {
    const reason = failureReason(err);
    await publish(failedOutcome(reason, err instanceof ProblemsError ? err.problems : []), at);
  } finally {
    stop.dispose();
  }
}

/**
 * The specs of the commit the workflow runs for (GITHUB_SHA), read from the checkout's Git history
 * rather than its work tree, which an earlier step may have changed; a workspace that is not a Git
 * checkout is read as a folder.
 */
function sourceOf(inputs: ActionInputs, github: GithubRun, workspace: string): SourceChoice {
  if (github.sha !== null && existsSync(path.join(workspace, '.git'))) return { repo: '.', ref: github.sha, path: inputs.specs };
  return { specs: inputs.specs };
}

/** What the run judged, in words: the spec path at the commit (or the folder), the event, the shard. */
function about(inputs: ActionInputs, github: GithubRun, inCommit: string | null): string {
  const where =
    inCommit !== null
      ? `${inCommit}/ at ${github.sha?.slice(0, 12)}`
      : `${inputs.specs ?? 'the spec folder'} (a folder, not a Git checkout)`;
  const pr = github.pullRequest;
  const event = pr
    ? `pull request #${pr.number} (head ${pr.headSha.slice(0, 12)})`
    : github.event === 'push'
      ? `push of ${github.commit?.slice(0, 12)}`
      : github.event;
  const shard = inputs.shard ? `shard ${inputs.shard.index}/${inputs.shard.count}` : null;
  return ['Specs: ' + where, event, shard].filter((part) => part).join(' · ');
}
