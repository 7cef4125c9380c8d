import type { Logger } from '../../log.js';
import type { DriftIssueApi } from './drift-issue-api.js';
import { githubError } from './github-errors.js';
import { octokitSession, type GithubClientSettings } from './octokit-client.js';

/** The DriftIssueApi over octokit (octokitSession: retries, the rate-limit gate, bounded requests, token or GitHub App auth). */
export function driftIssueClient(settings: GithubClientSettings, log: Logger): DriftIssueApi {
  const { ready, redact } = octokitSession(settings, log);
  const { owner, name: repo } = settings.repo;
  const fail = (err: unknown, what: string) => githubError(err, `${what} on ${owner}/${repo}`, settings.credential, redact);
  return {
    async listIssues(label, page, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request('GET /repos/{owner}/{repo}/issues', {
          owner,
          repo,
          labels: label,
          state: 'all',
          per_page: 100,
          page,
          request: { signal },
        });
        const issues = res.data
          .filter((i) => !i.pull_request)
          .map((i) => ({
            number: i.number,
            title: i.title,
            body: i.body ?? '',
            state: i.state === 'open' ? ('open' as const) : ('closed' as const),
          }));
        return { issues, next: /rel="next"/.test(res.headers.link ?? '') };
      } catch (err) {
        throw fail(err, `read the issues labelled ${label}`);
      }
    },
    async createIssue(title, body, label, signal) {
      try {
        const octokit = await ready();
        const res = await octokit.request('POST /repos/{owner}/{repo}/issues', {
          owner,
          repo,
          title,
          body,
          labels: [label],
          request: { signal },
        });
        return { number: res.data.number };
      } catch (err) {
        throw fail(err, `open the issue "${title}"`);
      }
    },
    async updateIssue(number, change, signal) {
      try {
        const octokit = await ready();
        const reason =
          change.state === 'closed'
            ? { state_reason: 'completed' as const }
            : change.state === 'open'
              ? { state_reason: 'reopened' as const }
              : {};
        await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
          owner,
          repo,
          issue_number: number,
          ...change,
          ...reason,
          request: { signal },
        });
      } catch (err) {
        throw fail(err, `update issue #${number}`);
      }
    },
    async comment(number, body, signal) {
      try {
        const octokit = await ready();
        await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          owner,
          repo,
          issue_number: number,
          body,
          request: { signal },
        });
      } catch (err) {
        throw fail(err, `comment on issue #${number}`);
      }
    },
  };
}
