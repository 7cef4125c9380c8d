import { defaultOf } from '../config/options.js';
import { TendError } from '../errors.js';
import type { Reporter } from '../pipeline/reporter.js';
import { actionsRunUrl } from '../report/github/actions-run-url.js';
import type { StatusPhrasing } from '../report/github/commit-statuses.js';
import { credentialFromEnv } from '../report/github/github-credential.js';
import { githubTimingFromEnv } from '../report/github/github-timing-env.js';
import type { DriftIssues } from '../report/github/drift-issues.js';
import type { GithubCredential } from '../report/github/github-credential.js';
import type { GithubStatuses } from '../report/github/github-statuses.js';
import type { GithubTiming } from '../report/github/octokit-client.js';
import { RateLimitGate } from '../report/github/rate-limit-gate.js';
import { consoleReporter } from './console-reporter.js';
import type { CommandContext } from './context.js';
import { isGithubRepo, isHttpUrl } from './flag-values.js';
import { VERSION } from './version.js';

/**
 * The reporters of a one-shot command's run (plan, drift, apply): the console always, then commit
 * statuses with `--report github`. The watcher opens its statuses once (openGithubStatuses) and
 * lists its reporters in watch-command.ts.
 */
export async function commandReporters(ctx: CommandContext, phrasing: StatusPhrasing): Promise<Reporter[]> {
  const session = githubSession(ctx);
  const onConsole = consoleReporter(ctx.io, ctx.log, { json: ctx.json, phrasing });
  if (session === null) return [onConsole];
  const statuses = await openGithubStatuses(ctx, session);
  const issues = phrasing === 'plan' ? null : await openDriftIssues(ctx, session);
  const { driftIssueReporter } = await import('../report/github/drift-issue-reporter.js');
  const tracked = issues ? [driftIssueReporter(issues, phrasing === 'drift' ? 'check' : 'apply')] : [];
  return [onConsole, statuses.reporter(phrasing), ...tracked];
}

/**
 * Drift issues through `session` when `--drift-issues` or the config's `github.driftIssues` asks
 * for them (docs/github.md: Drift issues), else null.
 */
export async function openDriftIssues(ctx: CommandContext, session: GithubSession): Promise<DriftIssues | null> {
  if (!ctx.config.github.driftIssues) return null;
  const { openGithubDriftIssues } = await import('../report/github/open-github-drift-issues.js');
  return openGithubDriftIssues(
    {
      ...session,
      context: ctx.config.github.context,
      limit: ctx.config.github.driftIssueLimit,
      ...(ctx.planning.shard ? { scope: `${ctx.planning.shard.index}/${ctx.planning.shard.count}` } : {}),
    },
    ctx.log,
  );
}

/** What every GitHub client of a command shares: where, as whom, how long it may take, and one rate-limit gate. */
export interface GithubSession {
  repo: { owner: string; name: string };
  apiUrl: string;
  credential: GithubCredential;
  userAgent: string;
  timing: GithubTiming;
  reportTimeoutMs: number;
  gate: RateLimitGate;
}

/**
 * GitHub as the flags, the config's `github` keys and the environment ask (docs/github.md: Commit
 * statuses), or null when not asked for, or when no credential is usable: that is said in one line
 * (GITHUB_AUTH) and the run goes on. A repository that cannot be told is a usage error. `reportsAgain`
 * for a driver that reports again (the watcher): what could not be posted then waits for its next report.
 */
export function githubSession(ctx: CommandContext): GithubSession | null {
  const { report } = ctx;
  if (!report.report?.includes('github')) return null;
  const { env } = ctx.io;
  const repo = ctx.config.github.repo ?? env.GITHUB_REPOSITORY;
  if (!repo) {
    throw new TendError(
      'USAGE',
      '--report github needs the repository of the commits: --github-repo owner/name, github.repo in the config, or GITHUB_REPOSITORY',
    );
  }
  if (!isGithubRepo(repo)) throw new TendError('USAGE', `GITHUB_REPOSITORY: expected owner/name, such as acme/fleet (got "${repo}")`);
  const apiUrl = report.githubApiUrl ?? env.GITHUB_API_URL ?? defaultOf('githubApiUrl');
  if (!isHttpUrl(apiUrl)) throw new TendError('USAGE', `GITHUB_API_URL: expected an http:// or https:// URL (got "${apiUrl}")`);
  const { timing, reportTimeoutMs } = githubTimingFromEnv(env);
  let credential;
  try {
    credential = credentialFromEnv(env, ctx.io.cwd);
  } catch (err) {
    if (!(err instanceof TendError)) throw err;
    ctx.log.error(`--report github: ${err.message}; no status is posted`, { code: err.code });
    return null;
  }
  const [owner = '', name = ''] = repo.split('/');
  const gate = new RateLimitGate(ctx.log, { unitMs: timing.retryBaseMs });
  return { repo: { owner, name }, apiUrl, credential, userAgent: `tend/${VERSION}`, timing, reportTimeoutMs, gate };
}

/**
 * Commit statuses through `session` (githubSession); `reportsAgain` for the watcher, which posts
 * what was not posted at its next report, and what a rate limit held back once GitHub takes requests again.
 */
export async function openGithubStatuses(ctx: CommandContext, session: GithubSession, reportsAgain = false): Promise<GithubStatuses> {
  const { report } = ctx;
  const { env } = ctx.io;
  // Loaded only when asked for: octokit is most of what a run would otherwise load.
  const { openGithubStatuses: open } = await import('../report/github/open-github-statuses.js');
  return open(
    {
      ...session,
      context: ctx.config.github.context,
      perGroupLimit: ctx.config.github.perGroupLimit,
      // Outside Actions, a run's variables may be left over from elsewhere: no link then.
      targetUrl: report.statusUrl ?? (env.GITHUB_ACTIONS === 'true' ? actionsRunUrl(env) : null),
      reportsAgain,
    },
    ctx.log,
  );
}
