import type { Logger } from '../../log.js';
import { checkRunClient } from './check-run-client.js';
import { GithubCheckRun, type GithubCheckRunSettings } from './github-check-run.js';
import type { GithubConnection } from './octokit-client.js';

export interface GithubCheckRunOptions extends GithubConnection, Omit<GithubCheckRunSettings, 'writeIntervalMs'> {}

/** A run's check run posted through octokit (docs/github.md: In GitHub Actions): a reporter for that one run. Makes no request yet. */
export function openGithubCheckRun(options: GithubCheckRunOptions, log: Logger): GithubCheckRun {
  const { repo, apiUrl, credential, userAgent, timing, gate, ...rest } = options;
  const api = checkRunClient({ repo, apiUrl, credential, userAgent, timing, gate, mayWait: (ms) => checkRun.mayWait(ms) }, log);
  const checkRun: GithubCheckRun = new GithubCheckRun({ ...rest, writeIntervalMs: timing.writeIntervalMs }, api, log);
  return checkRun;
}
