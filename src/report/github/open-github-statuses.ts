import type { Logger } from '../../log.js';
import { githubClient } from './github-client.js';
import type { GithubConnection } from './octokit-client.js';
import { GithubStatuses, type GithubStatusesSettings } from './github-statuses.js';
import { RateLimitGate } from './rate-limit-gate.js';

export interface GithubStatusesOptions extends GithubConnection, Omit<GithubStatusesSettings, 'writeIntervalMs'> {}

/** Commit statuses posted through octokit (docs/github.md: Commit statuses); one per process, its reporters for every run. Makes no request yet. */
export function openGithubStatuses(options: GithubStatusesOptions, log: Logger): GithubStatuses {
  const { repo, apiUrl, credential, userAgent, timing, ...rest } = options;
  const gate = options.gate ?? new RateLimitGate(log, { unitMs: timing.retryBaseMs });
  const api = githubClient({ repo, apiUrl, credential, userAgent, timing, gate, mayWait: (ms) => statuses.mayWait(ms) }, log);
  const statuses: GithubStatuses = new GithubStatuses({ ...rest, gate, writeIntervalMs: timing.writeIntervalMs }, api, log);
  return statuses;
}
