import { parseDuration } from '../../duration.js';
import { TendError } from '../../errors.js';
import type { GithubTiming } from './octokit-client.js';

/** How long GitHub may take, as every driver reads it from its environment (docs/github.md: Commit statuses, the tuning variables). */
export interface GithubTimingEnv {
  timing: GithubTiming;
  /** How long one report may wait for GitHub beyond the spacing of its posts. */
  reportTimeoutMs: number;
}

/**
 * `TEND_GITHUB_TIMEOUT` (each request, 10s), `TEND_GITHUB_RETRY_BASE` (1s), `TEND_GITHUB_WRITE_INTERVAL`
 * (1s) and `TEND_GITHUB_REPORT_TIMEOUT` (30s), each a duration; one that is not is a USAGE error naming it.
 */
export function githubTimingFromEnv(env: NodeJS.ProcessEnv): GithubTimingEnv {
  return {
    timing: {
      requestTimeoutMs: envDuration(env, 'TEND_GITHUB_TIMEOUT', 10_000),
      retryBaseMs: envDuration(env, 'TEND_GITHUB_RETRY_BASE', 1000),
      writeIntervalMs: envDuration(env, 'TEND_GITHUB_WRITE_INTERVAL', 1000),
    },
    reportTimeoutMs: envDuration(env, 'TEND_GITHUB_REPORT_TIMEOUT', 30_000),
  };
}

function envDuration(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const ms = parseDuration(text);
  if (ms === null) throw new TendError('USAGE', `${name}: expected a duration such as 30s, 2m or 500ms (got "${text}")`);
  return ms;
}
