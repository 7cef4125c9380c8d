import type { Logger } from '../../src/log.js';
import type { GithubStatuses } from '../../src/report/github/github-statuses.js';
import { openGithubStatuses, type GithubStatusesOptions } from '../../src/report/github/open-github-statuses.js';
import type { RunView } from '../../src/report/github/run-view.js';
import { appliedPlanOf, groupPlan, groupSpec, planOf, withOutcome } from '../helpers/memory-plugins.js';
import { startGithubApi, type GithubApi } from '../helpers/start-github-api.js';
import { until } from '../helpers/until.js';

const TOKEN = 'ghp_inProcessToken7e6d5c4b';
const REPO = 'acme/fleet';
const LIST = 'GET /repos/{owner}/{repo}/commits/{ref}/statuses';
const CREATE = 'POST /repos/{owner}/{repo}/statuses/{sha}';
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

/** A judgement of one group `web` of 2 instances, in sync or with `missing` instances missing. */
function judged(sha: string, missing = 0): RunView {
  const plan = planOf([groupPlan(groupSpec('web', { size: 2 }), [], { observed: 2 - missing, drift: { missing } })]);
  return { kind: 'finished', result: { kind: 'planned', revision: { sha }, plan } };
}

describe('GithubStatuses: one process reporting many runs on many commits', () => {
  let api: GithubApi;
  let lines: Array<{ level: string; message: string; code: unknown }>;
  const log: Logger = {
    info: (message, fields) => lines.push({ level: 'info', message, code: fields?.code }),
    warn: (message, fields) => lines.push({ level: 'warn', message, code: fields?.code }),
    error: (message, fields) => lines.push({ level: 'error', message, code: fields?.code }),
    problem: (message, fields) => lines.push({ level: 'problem', message, code: fields?.code }),
  };
  const open = (
    timing: { requestTimeoutMs?: number; retryBaseMs?: number; reportTimeoutMs?: number } = {},
    more: Partial<GithubStatusesOptions> = {},
  ): GithubStatuses =>
    openGithubStatuses(
      {
        repo: { owner: 'acme', name: 'fleet' },
        apiUrl: api.url,
        credential: { kind: 'token', token: TOKEN },
        userAgent: 'tend/test',
        timing: { requestTimeoutMs: timing.requestTimeoutMs ?? 5000, retryBaseMs: timing.retryBaseMs ?? 5, writeIntervalMs: 0 },
        context: 'tend',
        perGroupLimit: 50,
        targetUrl: null,
        reportTimeoutMs: timing.reportTimeoutMs ?? 10_000,
        ...more,
      },
      log,
    );
  const creates = (): number => api.requests.filter((r) => r.route === CREATE).length;
  const codes = (): unknown[] => lines.map((l) => l.code);

  beforeEach(async () => {
    lines = [];
    api = await startGithubApi({ tokens: [TOKEN] });
  });

  afterEach(async () => {
    await api.stop();
    for (const line of lines) expect(line.message).not.toContain(TOKEN);
  });

  it('reads an unchanged listing with a conditional request, answered 304, and posts nothing', async () => {
    const statuses = open();
    api.expect({ route: LIST, times: 3 }, { route: CREATE, times: 2 });

    for (let i = 0; i < 3; i++) await statuses.reporter('drift').report(judged(A));

    const reads = api.requests.filter((r) => r.route === LIST);
    expect(reads.map((r) => r.status)).toEqual([200, 200, 304]);
    expect(reads[2]?.headers['if-none-match']).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(reads[0]?.headers['if-none-match']).toBeUndefined();
    expect(creates()).toBe(2);
    api.verify();
  });

  it('posts on the commit the driver names instead of the judged one, and nothing on the judged one', async () => {
    const statuses = open();
    api.expect({ route: LIST, when: (r) => r.params.ref === B }, { route: CREATE, times: 2, when: (r) => r.params.sha === B });

    await statuses.reporter('drift', B).report(judged(A));

    expect(api.statuses(REPO, B).map((s) => s.context)).toEqual(['tend', 'tend/web']);
    api.verify();
  });

  it.each([
    ['logs it once as GITHUB_FORBIDDEN', false],
    ['tells the driver, which expects it, and logs nothing', true],
  ])('a token that may not post statuses (403): stops posting and %s', async (_name, expected) => {
    const told: string[] = [];
    const forbidden = { status: 403, body: { message: 'Resource not accessible by integration' } };
    const statuses = open({}, expected ? { onForbidden: (e) => told.push(`${e.code}: ${e.message}`) } : {});
    api.expect({ route: LIST, reply: forbidden });

    for (let i = 0; i < 3; i++) await statuses.reporter('drift').report(judged(A, i));

    expect(codes()).toEqual(expected ? [] : ['GITHUB_FORBIDDEN']);
    expect(told).toEqual(expected ? [expect.stringMatching(/^GITHUB_FORBIDDEN: .*Resource not accessible by integration$/)] : []);
    api.verify();
  });

  it('finds its own statuses below 60 newer ones of other contexts', async () => {
    api.seed(REPO, A, [
      { context: 'tend/web', state: 'success', description: 'converged: 2 instances' },
      { context: 'tend', state: 'success', description: 'converged: 2 instances' },
      ...Array.from({ length: 60 }, (_, i) => ({ context: `ci/job-${i}`, state: 'success', description: 'passed' })),
    ]);
    api.expect({ route: LIST });

    await open().reporter('drift').report(judged(A));

    expect(creates()).toBe(0);
    api.verify();
  });

  it('reads page after page until it has seen every context it would post', async () => {
    api.seed(REPO, A, [
      { context: 'TEND/web', state: 'success', description: 'converged: 2 instances' },
      { context: 'tend', state: 'success', description: 'converged: 2 instances' },
      ...Array.from({ length: 250 }, (_, i) => ({ context: `ci/job-${i}`, state: 'success', description: 'passed' })),
    ]);
    api.expect({ route: LIST, times: 3 });

    await open().reporter('drift').report(judged(A));

    expect(api.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    expect(creates()).toBe(0);
    api.verify();
  });

  it('retries a 502 after a backoff, and posts', async () => {
    api.expect({ route: LIST }, { route: CREATE, reply: { status: 502, body: { message: 'Bad Gateway' } } }, { route: CREATE, times: 2 });

    await open({ retryBaseMs: 60 }).reporter('drift').report(judged(A));

    const [failed, retried] = api.requests.filter((r) => r.route === CREATE);
    expect((retried?.at ?? 0) - (failed?.at ?? 0)).toBeGreaterThanOrEqual(50);
    expect(api.statuses(REPO, A).map((s) => s.context)).toEqual(['tend', 'tend/web']);
    expect(lines).toEqual([]);
    api.verify();
  });

  it('waits out a secondary rate limit as long as retry-after says, then posts', async () => {
    const limited = { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' };
    api.expect(
      { route: LIST },
      { route: CREATE, reply: { status: 403, headers: { 'retry-after': '3' }, body: limited } },
      { route: CREATE, times: 2 },
    );

    await open({ retryBaseMs: 60 }).reporter('drift').report(judged(A));

    const [refused, retried] = api.requests.filter((r) => r.route === CREATE);
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(170);
    expect(api.statuses(REPO, A)).toHaveLength(2);
    expect(lines).toEqual([]);
    api.verify();
  });

  it('waits for the primary rate limit to reset when that fits the report, then posts', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': reset };
    api.expect(
      { route: LIST },
      { route: CREATE, reply: { status: 403, headers, body: { message: 'API rate limit exceeded' } } },
      { route: CREATE, times: 2 },
    );

    await open({ retryBaseMs: 60 }).reporter('drift').report(judged(A));

    const [refused, retried] = api.requests.filter((r) => r.route === CREATE);
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(50);
    expect(api.statuses(REPO, A)).toHaveLength(2);
    api.verify();
  });

  it('gives up at once on a rate limit that resets after the report must end, and says so', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 3600);
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': reset };
    api.expect({ route: LIST, reply: { status: 403, headers, body: { message: 'API rate limit exceeded for installation' } } });

    await open({ retryBaseMs: 1000 }, { reportsAgain: true }).reporter('drift').report(judged(A));

    expect(api.requests).toHaveLength(1);
    expect(codes()).toEqual(['GITHUB_RATE_LIMITED']);
    expect(lines[0]?.message).toContain(`it takes requests again at ${new Date(Number(reset) * 1000).toISOString().replace('.000Z', 'Z')}`);
    api.verify();
  });

  it('says a one-shot command gives up what it could not post, promising no next report', async () => {
    const reset = String(Math.ceil(Date.now() / 1000) + 3600);
    const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': reset };
    api.expect({ route: LIST, reply: { status: 403, headers, body: { message: 'API rate limit exceeded for installation' } } });

    await open({ retryBaseMs: 1000 }).reporter('drift').report(judged(A));

    expect(codes()).toEqual(['GITHUB_RATE_LIMITED']);
    expect(lines[0]?.message).toMatch(/given up/);
    expect(lines[0]?.message).not.toContain('next report');
    api.verify();
  });

  it('stops posting a context at GitHub’s cap of 1000, saying so once, and goes on with the others', async () => {
    api.seed(
      REPO,
      A,
      Array.from({ length: 1000 }, () => ({ context: 'tend', state: 'failure', description: 'drift: 1 missing' })),
    );
    // tend/web is on none of the 10 pages, so all are read; then both are on the first.
    api.expect({ route: LIST, times: 11 }, { route: CREATE, times: 3 });
    const statuses = open();

    await statuses.reporter('drift').report(judged(A));
    await statuses.reporter('drift').report(judged(A, 2));

    expect(api.requests.filter((r) => r.route === CREATE).map((r) => [(r.body as { context: string }).context, r.status])).toEqual([
      ['tend/web', 201],
      ['tend', 422],
      ['tend/web', 201],
    ]);
    expect(codes()).toEqual(['GITHUB_LIMIT']);
    api.verify();
  });

  it('gives up on a hung API in bounded time, says so once, and posts at the next report', async () => {
    let down = true;
    api.expect({ route: LIST, times: { min: 1, max: 4 }, when: () => down, reply: { status: 0, hang: true } });
    const statuses = open({ requestTimeoutMs: 150, reportTimeoutMs: 400 });

    await statuses.reporter('drift').report(judged(A));
    // The report gave up and aborted its requests: once their sockets are closed, none of them can still reach the stand-in.
    await until(() => api.connections() === 0, 5_000);
    const hung = api.requests.length;
    down = false;
    api.expect({ route: LIST }, { route: CREATE, times: 2 });
    await statuses.reporter('drift').report(judged(A));

    // Each hung request ends at its own timeout, and the report at its bound: a few requests, not retries without end.
    expect(hung).toBeGreaterThanOrEqual(1);
    expect(hung).toBeLessThanOrEqual(4);
    expect(codes()).toEqual(['GITHUB_UNREACHABLE']);
    expect(api.statuses(REPO, A)).toHaveLength(2);
    api.verify();
  });

  it('never holds up an apply: pending is queued and the run goes on while GitHub hangs', async () => {
    api.expect({ route: LIST, times: { min: 0, max: 4 }, reply: { status: 0, hang: true } });
    const plan = planOf([groupPlan(groupSpec('web', { size: 2 }), [{ op: 'create', reason: 'missing' }], { drift: { missing: 1 } })]);
    const statuses = open({ requestTimeoutMs: 100, reportTimeoutMs: 200 });

    await statuses.reporter('apply').report({ kind: 'judged', revision: { sha: A }, plan });

    // Returned before the hung request's 100 ms timeout, so before the report could give up and say so.
    expect(codes()).toEqual([]);
    statuses.close();
    api.verify();
  });

  it('posts pending once on a commit whose apply a watcher retries and keeps failing, so retries never pile up toward the cap', async () => {
    api.expect({ route: LIST, times: { min: 1, max: 12 } }, { route: CREATE, times: 4 });
    const statuses = open();
    const group = groupPlan(groupSpec('web', { size: 2 }), [{ op: 'create', reason: 'missing' }], { observed: 1, drift: { missing: 1 } });
    const failure = { code: 'PLUGIN_ERROR', message: 'instance-file: Provision: disk full', transient: false };
    const plan = planOf([group]);
    const finished: RunView = {
      kind: 'finished',
      result: {
        kind: 'applied',
        revision: { sha: A },
        plan: appliedPlanOf([withOutcome(group, 'failed', failure)]),
        stopped: null,
      },
    };

    for (let i = 0; i < 5; i++) {
      await statuses.reporter('apply').report({ kind: 'judged', revision: { sha: A }, plan });
      await statuses.reporter('apply').report(finished);
    }

    const states = api.statuses(REPO, A).map((s) => `${s.context} ${s.state}`);
    expect(states.filter((s) => s.endsWith('pending'))).toHaveLength(2);
    expect(states.filter((s) => s.endsWith('failure'))).toHaveLength(2);
    api.verify();
  });

  it('keeps each commit’s state apart across runs: an invalid commit gets error, the good one keeps its statuses', async () => {
    api.expect({ route: LIST, times: 7 }, { route: CREATE, times: 3 });
    const statuses = open();
    const invalid: RunView = {
      kind: 'finished',
      result: {
        kind: 'failed',
        error: { code: 'SPEC_INVALID', message: '1 problem in 1 spec file; nothing was changed.' },
        problems: [
          {
            file: 'specs/web.yaml',
            line: 7,
            column: 11,
            code: 'SPEC_TYPE',
            path: 'Properties.Allocation.Size',
            message: 'must be an integer ≥ 0',
          },
        ],
        revision: { sha: B },
      },
    };

    for (let i = 0; i < 5; i++) await statuses.reporter('apply').report(judged(A));
    await statuses.reporter('apply').report(invalid);
    await statuses.reporter('drift').report(judged(A));

    expect(api.statuses(REPO, B).map((s) => `${s.context} ${s.state}: ${s.description}`)).toEqual([
      'tend error: invalid spec: specs/web.yaml:7',
    ]);
    expect(api.statuses(REPO, A)).toHaveLength(2);
    api.verify();
  });

  it('lets a watcher’s two kinds of run word one state differently without flip-flopping, yet answers another poster', async () => {
    api.expect({ route: LIST, times: 7 }, { route: CREATE, times: 5 });
    const statuses = open();
    const group = { ...groupPlan(groupSpec('web', { size: 2 }), [], { observed: 1, drift: { missing: 1 } }), mode: 'report' as const };
    const tick: RunView = {
      kind: 'finished',
      result: { kind: 'applied', revision: { sha: A }, plan: appliedPlanOf([withOutcome(group, 'drifted')]), stopped: null },
    };
    const check = judged(A, 1);

    for (let i = 0; i < 3; i++) {
      await statuses.reporter('apply').report(tick);
      await statuses.reporter('drift').report(check);
    }
    api.seed(REPO, A, [{ context: 'tend/web', state: 'success', description: 'looks fine to me' }]);
    await statuses.reporter('apply').report(tick);

    expect(
      api
        .statuses(REPO, A)
        .map((s) => `${s.context} ${s.state}: ${s.description}`)
        .reverse(),
    ).toEqual([
      'tend/web failure: drift: 1 missing (report mode)',
      'tend failure: not converged: 1 drifted',
      'tend/web failure: drift: 1 missing',
      'tend failure: drift: 1 missing',
      'tend/web success: looks fine to me',
      'tend/web failure: drift: 1 missing (report mode)',
    ]);
    api.verify();
  });
});
