import { readFileSync } from 'node:fs';
import { defaultOf } from '../config/options.js';
import type { Logger } from '../log.js';
import { actionsRunUrl } from '../report/github/actions-run-url.js';

/** The workflow run the action is a step of, from the runner's environment and the event's payload. */
export interface GithubRun {
  /** `owner/name`, or null outside Actions. */
  repository: string | null;
  /** GITHUB_SHA: the commit checked out and judged (for a pull request, its merge commit). */
  sha: string | null;
  event: string | null;
  /** The commit the run reports on: a pull request's head, the pushed commit, else GITHUB_SHA. */
  commit: string | null;
  pullRequest: { number: number; headSha: string; fork: boolean } | null;
  /** The run's page, for a status's target_url; null outside Actions. */
  runUrl: string | null;
  apiUrl: string;
}

/**
 * Reads the run from GITHUB_* variables and the payload at GITHUB_EVENT_PATH (data from GitHub,
 * checked field by field, never trusted to have a shape). An unreadable payload is a warning:
 * the run goes on, reporting on GITHUB_SHA.
 */
export function readGithubRun(env: NodeJS.ProcessEnv, log: Logger): GithubRun {
  const sha = env.GITHUB_SHA || null;
  const event = env.GITHUB_EVENT_NAME || null;
  const payload = readPayload(env.GITHUB_EVENT_PATH, log);
  const pullRequest = event?.startsWith('pull_request') ? pullRequestOf(payload) : null;
  const pushed = event === 'push' ? text(field(payload, 'after')) : null;
  const repository = env.GITHUB_REPOSITORY || null;
  return {
    repository,
    sha,
    event,
    commit: pullRequest?.headSha ?? pushed ?? sha,
    pullRequest,
    runUrl: actionsRunUrl(env),
    apiUrl: env.GITHUB_API_URL || defaultOf('githubApiUrl'),
  };
}

function readPayload(file: string | undefined, log: Logger): unknown {
  if (!file) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (err) {
    log.warn(`cannot read the event payload at GITHUB_EVENT_PATH, so this run reports on GITHUB_SHA: ${(err as Error).message}`);
    return null;
  }
}

function pullRequestOf(payload: unknown): GithubRun['pullRequest'] {
  const pr = field(payload, 'pull_request');
  const number = field(pr, 'number');
  const headSha = text(field(field(pr, 'head'), 'sha'));
  if (typeof number !== 'number' || headSha === null) return null;
  const head = text(field(field(field(pr, 'head'), 'repo'), 'full_name'));
  const base = text(field(field(field(pr, 'base'), 'repo'), 'full_name'));
  // A fork's pull request runs with a read-only token: a head repository other than the base (or one deleted since).
  return { number, headSha, fork: head === null || head !== base };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
