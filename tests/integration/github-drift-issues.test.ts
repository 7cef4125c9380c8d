import type { Logger } from '../../src/log.js';
import type { DriftCheck } from '../../src/report/github/drift-check.js';
import { openGithubDriftIssues } from '../../src/report/github/open-github-drift-issues.js';
import { startGithubApi, type GithubApi } from '../helpers/start-github-api.js';

const TOKEN = 'ghp_driftIssuesInProcess1f2e3d';
const REPO = 'acme/fleet';
const LIST_ISSUES = 'GET /repos/{owner}/{repo}/issues';
const CREATE_ISSUE = 'POST /repos/{owner}/{repo}/issues';
const UPDATE_ISSUE = 'PATCH /repos/{owner}/{repo}/issues/{issue_number}';
const COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const sha = 'c0ffee'.padEnd(40, '0');

const drifted: DriftCheck = {
  revision: sha,
  at: new Date('2026-12-06T15:00:00Z'),
  drifted: [
    {
      id: 'web',
      drift: { missing: 1, extra: 0, stale: 0, modified: 0, unhealthy: 0 },
      instances: [],
      missing: 1,
      place: { file: 'specs/web.yaml', line: 1 },
    },
  ],
  inSync: [],
  applied: [],
};

describe('drift issues from two runners at once', () => {
  let api: GithubApi;
  const lines: string[] = [];
  const log: Logger = {
    info: () => undefined,
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
    problem: (m) => lines.push(m),
  };
  const runner = () =>
    openGithubDriftIssues(
      {
        repo: { owner: 'acme', name: 'fleet' },
        apiUrl: api.url,
        credential: { kind: 'token', token: TOKEN },
        userAgent: 'tend/test',
        timing: { requestTimeoutMs: 5000, retryBaseMs: 5, writeIntervalMs: 0 },
        context: 'tend',
        limit: 20,
        reportTimeoutMs: 10_000,
      },
      log,
    );

  beforeEach(async () => {
    lines.length = 0;
    api = await startGithubApi({ tokens: [TOKEN] });
  });

  afterEach(async () => {
    await api.stop();
  });

  it('two that each opened one at the same instant: the next check closes the newer as a duplicate, leaving one open', async () => {
    // Both lists answered late, so that each runner reads "no issue yet" before either opens one.
    api.expect(
      { route: LIST_ISSUES, times: 2, reply: { status: 200, body: [], delayMs: 150 } },
      { route: CREATE_ISSUE, times: 2 },
      { route: LIST_ISSUES },
      { route: COMMENT },
      { route: UPDATE_ISSUE },
    );
    const [a, b] = [runner(), runner()];

    await Promise.all([a.sync(drifted), b.sync(drifted)]);
    await a.sync(drifted);

    api.verify();
    expect(api.issues(REPO).map((i) => `#${i.number} ${i.state}`)).toEqual(['#1 open', '#2 closed']);
    expect(api.issues(REPO)[1]?.comments).toEqual(['A duplicate of #1, which tracks this drift: closing.']);
    expect(lines).toEqual([]);
  });
});
