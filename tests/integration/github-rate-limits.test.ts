import type { Logger } from '../../src/log.js';
import { openGithubCheckRun } from '../../src/report/github/open-github-check-run.js';
import { openGithubStatuses, type GithubStatusesOptions } from '../../src/report/github/open-github-statuses.js';
import { RateLimitGate } from '../../src/report/github/rate-limit-gate.js';
import type { RunView } from '../../src/report/github/run-view.js';
import { rateLimited } from '../helpers/github-api-answers.js';
import { groupPlan, groupSpec, planOf } from '../helpers/memory-plugins.js';
import { startGithubApi, type GithubApi, type SeenRequest } from '../helpers/start-github-api.js';
import { until } from '../helpers/until.js';

const TOKEN = 'ghp_rateLimitedToken0a1b2c3d';
const REPO = 'acme/fleet';
const LIST = 'GET /repos/{owner}/{repo}/commits/{ref}/statuses';
const CREATE = 'POST /repos/{owner}/{repo}/statuses/{sha}';
const A = 'a'.repeat(40);
/** One second of `retry-after`, scaled down so that the tests wait tenths of a second (TEND_GITHUB_RETRY_BASE). */
const UNIT = 100;

/** A drift check of one group `web` with one instance missing. */
const drifted: RunView = {
  kind: 'finished',
  result: {
    kind: 'planned',
    revision: { sha: A },
    plan: planOf([groupPlan(groupSpec('web', { size: 2 }), [], { observed: 1, drift: { missing: 1 } })]),
  },
};

describe('rate limits: no request before the time GitHub gave', () => {
  let api: GithubApi;
  let lines: Array<{ message: string; code: unknown }>;
  const log: Logger = {
    info: () => undefined,
    warn: (message, fields) => lines.push({ message, code: fields?.code }),
    error: (message, fields) => lines.push({ message, code: fields?.code }),
    problem: (message, fields) => lines.push({ message, code: fields?.code }),
  };
  const github = (reportTimeoutMs: number) => ({
    repo: { owner: 'acme', name: 'fleet' },
    apiUrl: api.url,
    credential: { kind: 'token' as const, token: TOKEN },
    userAgent: 'tend/test',
    timing: { requestTimeoutMs: 5000, retryBaseMs: UNIT, writeIntervalMs: 0 },
    reportTimeoutMs,
  });
  const open = (reportTimeoutMs: number, more: Partial<GithubStatusesOptions> = {}) =>
    openGithubStatuses({ ...github(reportTimeoutMs), context: 'tend', perGroupLimit: 50, targetUrl: null, ...more }, log);
  const of = (route: string): SeenRequest[] => api.requests.filter((r) => r.route === route);

  beforeEach(async () => {
    lines = [];
    api = await startGithubApi({ tokens: [TOKEN] });
  });

  afterEach(async () => {
    await api.stop();
    for (const line of lines) expect(line.message).not.toContain(TOKEN);
  });

  it.each([
    ['a 429 with retry-after', rateLimited.tooMany(3)],
    ['a 403 secondary limit with retry-after', rateLimited.secondary(3)],
  ])('%s: asked again only once the time given has passed, then posted', async (_name, reply) => {
    api.expect({ route: LIST }, { route: CREATE, reply }, { route: CREATE, times: 2 });

    await open(10_000).reporter('drift').report(drifted);

    const [refused, retried] = of(CREATE);
    expect(retried!.time).toBeGreaterThanOrEqual(refused!.answeredAt + 3 * UNIT);
    expect(api.statuses(REPO, A)).toHaveLength(2);
    expect(lines).toEqual([]);
    api.verify();
  });

  it('x-ratelimit-remaining: 0 on a success: the next request waits for x-ratelimit-reset', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 1;
    const exhausted = { status: 200, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, body: [] };
    api.expect({ route: LIST, reply: exhausted }, { route: CREATE, times: 2 });

    await open(10_000).reporter('drift').report(drifted);

    expect(of(CREATE).map((r) => r.time >= reset * 1000)).toEqual([true, true]);
    api.verify();
  });

  it('a limit beyond the report’s time: given up at once with one line saying when, and no report of the process asks before then', async () => {
    api.expect({ route: LIST, reply: rateLimited.tooMany(60) });
    const gate = new RateLimitGate(log, { unitMs: UNIT });
    const statuses = open(1000, { gate });
    const checkRun = openGithubCheckRun(
      {
        ...github(1000),
        gate,
        name: 'tend',
        sha: A,
        detailsUrl: null,
        phrasing: 'drift',
        command: 'drift',
        about: 'Specs',
        pathOf: (f) => f,
      },
      log,
    );

    await statuses.reporter('drift').report(drifted);
    await checkRun.report(drifted);
    await statuses.reporter('drift').report(drifted);

    // One request in all: neither reporter waited for the reset nor tried again before it.
    expect(api.requests).toHaveLength(1);
    expect(lines.map((l) => l.code)).toEqual(['GITHUB_RATE_LIMITED']);
    expect(lines[0]?.message).toMatch(
      /^GitHub reports: GitHub's rate limit: it takes requests again at \S+Z \(in [\d.]+s\); given up until then$/,
    );
    api.verify();
  });

  it('a watcher holds what a limit gave up and posts it once GitHub takes requests again, not before', async () => {
    api.expect({ route: LIST, reply: rateLimited.secondary(5) }, { route: LIST }, { route: CREATE, times: 2 });
    const statuses = open(200, { reportsAgain: true, gate: new RateLimitGate(log, { unitMs: UNIT }) });

    await statuses.reporter('drift').report(drifted);
    const refused = of(LIST)[0]!;
    await until(() => api.statuses(REPO, A).length === 2, 5000);

    expect(of(LIST)[1]!.time).toBeGreaterThanOrEqual(refused.answeredAt + 5 * UNIT);
    expect(lines.map((l) => l.code)).toEqual(['GITHUB_RATE_LIMITED']);
    statuses.close();
    api.verify();
  });
});
