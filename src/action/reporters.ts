import type { TendError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Problem } from '../problem.js';
import type { Reporter } from '../pipeline/reporter.js';
import type { StatusPhrasing } from '../report/github/commit-statuses.js';
import { githubTimingFromEnv } from '../report/github/github-timing-env.js';
import { RateLimitGate } from '../report/github/rate-limit-gate.js';
import type { GithubDriftIssuesOptions } from '../report/github/open-github-drift-issues.js';
import { VERSION } from '../version.js';
import { inRepository } from './action-log.js';
import type { GithubRun } from './github-run.js';
import type { ActionInputs } from './inputs.js';

/** What a reporter of the action may be built from: what it was asked, the run it is a step of, where to log. */
type GithubDriftIssuesSession = Omit<GithubDriftIssuesOptions, 'context' | 'limit' | 'onForbidden'>;

export interface ReporterContext {
  inputs: ActionInputs;
  run: GithubRun;
  /** The status context prefix: the runner config's `github.context`, the `status-context` input laid over it. */
  statusContext: string;
  /** The runner config's `github.perGroupLimit`: groups get contexts of their own up to this many. */
  perGroupLimit: number;
  /** The runner config's `github.driftIssues` (the `drift-issues` input laid over it) and `github.driftIssueLimit`. */
  driftIssues: { enabled: boolean; limit: number };
  /** What the run judges, in words, as the job summary says it. */
  about: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** The run's warnings at their places so far: the check run shows them as annotations. */
  warnings: () => readonly Problem[];
  notice(message: string): void;
}

/**
 * The reporters a run of the action tells its events to, beyond the log and the job summary (which
 * the entry writes from the result): with `report: github`, commit statuses as the CLI posts them
 * and the check run `tend`, both on the commit the run reports on (a pull request's head, the
 * pushed commit). A fork's pull request (a read-only token) gets neither, said in one notice; so is
 * a token that may not post one of them (a 403), and the run goes on.
 */
export async function actionReporters(ctx: ReporterContext): Promise<Reporter[]> {
  const { inputs, run } = ctx;
  if (inputs.report !== 'github' || inputs.command === 'validate') return [];
  if (run.pullRequest?.fork) {
    ctx.notice(
      `report: github: pull request #${run.pullRequest.number} comes from a fork, whose token may not write to this repository, so no commit status or check run is posted; the job summary has the result`,
    );
    return [];
  }
  const [owner = '', name = ''] = (run.repository ?? '').split('/');
  if (!owner || !name || run.commit === null || !inputs.githubToken) {
    const missing = !inputs.githubToken ? 'the github-token input is empty' : 'GITHUB_REPOSITORY or GITHUB_SHA is not set';
    ctx.notice(`report: github: ${missing}, so no commit status or check run is posted; the job summary has the result`);
    return [];
  }
  const phrasing: StatusPhrasing = inputs.command;
  const { timing, reportTimeoutMs } = githubTimingFromEnv(ctx.env);
  const github = {
    repo: { owner, name },
    apiUrl: run.apiUrl,
    credential: { kind: 'token' as const, token: inputs.githubToken },
    userAgent: `tend/${VERSION} (GitHub Action)`,
    timing,
    reportTimeoutMs,
    // One for the run: a rate limit met by one report holds back the others' requests too.
    gate: new RateLimitGate(ctx.log, { unitMs: timing.retryBaseMs }),
  };
  const forbidden = (what: string, permission: string) => (error: TendError) =>
    ctx.notice(`report: github: ${error.message}; no ${what} is posted (the job needs \`permissions: ${permission}: write\`)`);
  // Loaded only when asked for: octokit is most of what a run would otherwise load.
  const [{ openGithubStatuses }, { openGithubCheckRun }] = await Promise.all([
    import('../report/github/open-github-statuses.js'),
    import('../report/github/open-github-check-run.js'),
  ]);
  const statuses = openGithubStatuses(
    {
      ...github,
      context: ctx.statusContext,
      perGroupLimit: ctx.perGroupLimit,
      targetUrl: run.runUrl,
      onForbidden: forbidden('commit status', 'statuses'),
    },
    ctx.log,
  );
  const checkRun = openGithubCheckRun(
    {
      ...github,
      // Shards of one matrix each judge their own groups: one check run each, none replacing another's.
      name: inputs.shard ? `${ctx.statusContext} (shard ${inputs.shard.index}/${inputs.shard.count})` : ctx.statusContext,
      sha: run.commit,
      detailsUrl: run.runUrl,
      phrasing,
      command: inputs.command,
      about: ctx.about,
      pathOf: (file) => inRepository(file, ctx.workspace),
      warnings: ctx.warnings,
      onForbidden: forbidden('check run', 'checks'),
    },
    ctx.log,
  );
  const issues = inputs.command === 'plan' || !ctx.driftIssues.enabled ? [] : [await driftIssues(ctx, github)];
  return [statuses.reporter(phrasing, run.commit), checkRun, ...issues];
}

/** Drift issues for a drift check (kept) or an apply (closed where it brought groups in sync), with the run's GitHub session. */
async function driftIssues(ctx: ReporterContext, github: GithubDriftIssuesSession): Promise<Reporter> {
  const [{ openGithubDriftIssues }, { driftIssueReporter }] = await Promise.all([
    import('../report/github/open-github-drift-issues.js'),
    import('../report/github/drift-issue-reporter.js'),
  ]);
  const issues = openGithubDriftIssues(
    {
      ...github,
      context: ctx.statusContext,
      limit: ctx.driftIssues.limit,
      ...(ctx.inputs.shard ? { scope: `${ctx.inputs.shard.index}/${ctx.inputs.shard.count}` } : {}),
      onForbidden: (error) =>
        ctx.notice(`report: github: ${error.message}; no drift issue is written (the job needs \`permissions: issues: write\`)`),
    },
    ctx.log,
  );
  return driftIssueReporter(issues, ctx.inputs.command === 'drift' ? 'check' : 'apply', (file) => inRepository(file, ctx.workspace));
}
