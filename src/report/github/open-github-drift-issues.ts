import type { Logger } from '../../log.js';
import { driftIssueClient } from './drift-issue-client.js';
import { DriftIssues, type DriftIssuesSettings } from './drift-issues.js';
import type { GithubCredential } from './github-credential.js';
import type { GithubTiming } from './octokit-client.js';
import type { RateLimitGate } from './rate-limit-gate.js';

export interface GithubDriftIssuesOptions extends DriftIssuesSettings {
  repo: { owner: string; name: string };
  apiUrl: string;
  credential: GithubCredential;
  userAgent: string;
  timing: GithubTiming;
  /** The process's rate-limit gate, shared with its other GitHub clients. */
  gate?: RateLimitGate;
}

/** Drift issues written through octokit (README: Drift issues); one per process. Makes no request yet. */
export function openGithubDriftIssues(options: GithubDriftIssuesOptions, log: Logger): DriftIssues {
  const { repo, apiUrl, credential, userAgent, timing, gate, ...settings } = options;
  const api = driftIssueClient({ repo, apiUrl, credential, userAgent, timing, gate, mayWait: (ms) => issues.mayWait(ms) }, log);
  const issues: DriftIssues = new DriftIssues(settings, api, log);
  return issues;
}
