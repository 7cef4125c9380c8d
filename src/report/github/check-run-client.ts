import type { Logger } from '../../log.js';
import type { CheckRunApi } from './check-run-api.js';
import { githubError } from './github-errors.js';
import { octokitSession, type GithubClientSettings } from './octokit-client.js';

/** The CheckRunApi over octokit (octokitSession: retries, throttling, bounded requests, token or GitHub App auth). */
export function checkRunClient(settings: GithubClientSettings, log: Logger): CheckRunApi {
  const { ready, redact } = octokitSession(settings, log);
  const { owner, name: repo } = settings.repo;
  return {
    async createCheckRun(run, output, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
          owner,
          repo,
          name: run.name,
          head_sha: run.sha,
          status: 'completed',
          conclusion: run.conclusion,
          ...(run.detailsUrl ? { details_url: run.detailsUrl } : {}),
          output,
          request: { signal },
        });
        // Check run ids fit a JavaScript number (GitHub's description allows a bigint for the future).
        return { id: Number(res.data.id) };
      } catch (err) {
        throw githubError(
          err,
          `create the check run ${run.name} on ${run.sha.slice(0, 12)} of ${owner}/${repo}`,
          settings.credential,
          redact,
        );
      }
    },
    async updateCheckRun(id, output, signal) {
      try {
        const octokit = await ready();
        await octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
          owner,
          repo,
          check_run_id: id,
          output,
          request: { signal },
        });
      } catch (err) {
        throw githubError(err, `add annotations to check run ${id} of ${owner}/${repo}`, settings.credential, redact);
      }
    },
  };
}
