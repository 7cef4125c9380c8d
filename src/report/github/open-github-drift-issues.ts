import type { Logger } from '../../log.js';
import { driftIssueClient } from './drift-issue-client.js';
import { DriftIssues, type DriftIssuesSettings } from './drift-issues.js';
import type { GithubConnection } from './octokit-client.js';

export interface GithubDriftIssuesOptions extends GithubConnection, DriftIssuesSettings {}

/** Drift issues written through octokit (docs/github.md: Drift issues); one per process. Makes no request yet. */
export function openGithubDriftIssues(options: GithubDriftIssuesOptions, log: Logger): DriftIssues {
  const { repo, apiUrl, credential, userAgent, timing, gate, ...settings } = options;
  const api = driftIssueClient({ repo, apiUrl, credential, userAgent, timing, gate, mayWait: (ms) => issues.mayWait(ms) }, log);
  const issues: DriftIssues = new DriftIssues(settings, api, log);
  return issues;
}
