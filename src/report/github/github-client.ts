import type { Logger } from '../../log.js';
import type { CommitStatus } from './commit-statuses.js';
import { githubError } from './github-errors.js';
import { octokitSession, type GithubClientSettings } from './octokit-client.js';
import type { StatusApi, StatusPage } from './status-api.js';

export type { GithubClientSettings, GithubTiming } from './octokit-client.js';

/** The StatusApi over octokit (octokitSession: retries, throttling, bounded requests, token or GitHub App auth). */
export function githubClient(settings: GithubClientSettings, log: Logger): StatusApi {
  const { ready, redact } = octokitSession(settings, log);
  const { owner, name: repo } = settings.repo;
  return {
    async listStatuses(sha, page, etag, signal): Promise<StatusPage> {
      try {
        const octokit = await ready();
        const res = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/statuses', {
          owner,
          repo,
          ref: sha,
          per_page: 100,
          page,
          headers: etag ? { 'if-none-match': etag } : {},
          request: { signal },
        });
        const statuses = res.data.map((s) => ({ id: s.id, context: s.context, state: s.state, description: s.description ?? null }));
        return { notModified: false, etag: res.headers.etag ?? null, statuses, next: /rel="next"/.test(res.headers.link ?? '') };
      } catch (err) {
        if ((err as { status?: unknown }).status === 304) return { notModified: true };
        throw githubError(err, `read the statuses of ${sha.slice(0, 12)} on ${owner}/${repo}`, settings.credential, redact);
      }
    },
    async createStatus(sha, status: CommitStatus, targetUrl, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request('POST /repos/{owner}/{repo}/statuses/{sha}', {
          owner,
          repo,
          sha,
          state: status.state,
          context: status.context,
          description: status.description,
          ...(targetUrl ? { target_url: targetUrl } : {}),
          request: { signal },
        });
        return { id: res.data.id };
      } catch (err) {
        throw githubError(err, `post a status on ${sha.slice(0, 12)} of ${owner}/${repo}`, settings.credential, redact);
      }
    },
  };
}
