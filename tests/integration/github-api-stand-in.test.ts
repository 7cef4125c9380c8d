import { startGithubApi, type GithubApi } from '../helpers/start-github-api.js';

const TOKEN = 'ghp_standInToken1a2b3c';

/** The stand-in is a test of every client: it must refuse what GitHub's description refuses, and miss nothing. */
describe('the GitHub stand-in', () => {
  let api: GithubApi;
  const call = (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${api.url}${path}`, {
      method,
      headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeEach(async () => {
    api = await startGithubApi({ tokens: [TOKEN] });
  });

  afterEach(() => api.stop());

  it('accepts a request as GitHub describes it, and keeps what was posted', async () => {
    api.expect({ route: 'POST /repos/{owner}/{repo}/statuses/{sha}' });

    const res = await call('POST', '/repos/acme/fleet/statuses/abc123', { state: 'success', context: 'tend', description: 'ok' });

    expect(res.status).toBe(201);
    expect(api.statuses('acme/fleet', 'abc123')).toMatchObject([{ context: 'tend', state: 'success' }]);
    expect(() => api.verify()).not.toThrow();
  });

  it.each([
    ['a state GitHub does not know', 'POST', '/repos/acme/fleet/statuses/abc', { state: 'done', context: 'tend' }, /body: .*state/],
    ['a body without its required state', 'POST', '/repos/acme/fleet/statuses/abc', { context: 'tend' }, /required property 'state'/],
    ['a query parameter of the wrong type', 'GET', '/repos/acme/fleet/commits/abc/statuses?per_page=many', undefined, /per_page/],
    ['a query parameter GitHub does not take', 'GET', '/repos/acme/fleet/commits/abc/statuses?limit=5', undefined, /additional properties/],
    ['a path that is no operation', 'GET', '/repos/acme/fleet/statusez', undefined, /no operation/],
  ])('fails the test on %s', async (_what, method, path, body, problem) => {
    api.expect({ route: 'POST /repos/{owner}/{repo}/statuses/{sha}', times: { min: 0, max: 1 } });
    api.expect({ route: 'GET /repos/{owner}/{repo}/commits/{ref}/statuses', times: { min: 0, max: 1 } });

    const res = await call(method, path, body);

    expect(res.status).toBe(400);
    expect(() => api.verify()).toThrow(problem);
  });

  it('keeps a check run and appends the annotations of each update to it, as GitHub does', async () => {
    const mark = (line: number) => ({
      path: 'specs/web.yaml',
      start_line: line,
      end_line: line,
      annotation_level: 'warning',
      message: 'drift',
    });
    api.expect({ route: 'POST /repos/{owner}/{repo}/check-runs' }, { route: 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}' });

    const created = await call('POST', '/repos/acme/fleet/check-runs', {
      name: 'tend',
      head_sha: 'abc123',
      conclusion: 'neutral',
      output: { title: 'drift', summary: 'two', annotations: [mark(1)] },
    });
    const { id } = (await created.json()) as { id: number };
    const updated = await call('PATCH', `/repos/acme/fleet/check-runs/${id}`, {
      output: { title: 'drift', summary: 'two', annotations: [mark(7)] },
    });

    expect([created.status, updated.status]).toEqual([201, 200]);
    expect(api.checkRuns('acme/fleet')).toMatchObject([
      { name: 'tend', head_sha: 'abc123', status: 'completed', conclusion: 'neutral', output: { annotations: [mark(1), mark(7)] } },
    ]);
    expect(() => api.verify()).not.toThrow();
  });

  it.each([
    [
      '51 annotations in one request',
      { annotations: Array(51).fill({ path: 'a', start_line: 1, end_line: 1, annotation_level: 'notice', message: 'm' }) },
      /annotations/,
    ],
    ['a summary past 65535 characters', { summary: 'x'.repeat(65_536) }, /summary/],
    [
      'an annotation level GitHub does not know',
      { annotations: [{ path: 'a', start_line: 1, end_line: 1, annotation_level: 'error', message: 'm' }] },
      /annotation_level/,
    ],
  ])('fails the test on a check run with %s', async (_what, output, problem) => {
    api.expect({ route: 'POST /repos/{owner}/{repo}/check-runs', times: { min: 0, max: 1 } });

    const res = await call('POST', '/repos/acme/fleet/check-runs', {
      name: 'tend',
      head_sha: 'abc',
      output: { title: 't', summary: 's', ...output },
    });

    expect(res.status).toBe(400);
    expect(() => api.verify()).toThrow(problem);
  });

  it('fails the test on a request it did not expect, and on an expected one that never came', async () => {
    api.expect({ route: 'GET /repos/{owner}/{repo}/installation' });

    await call('GET', '/repos/acme/fleet/commits/abc/statuses');

    expect(() => api.verify()).toThrow(
      /unexpected request GET \/repos\/acme\/fleet\/commits\/abc\/statuses[\s\S]*expected GET \/repos\/\{owner\}\/\{repo\}\/installation/,
    );
  });

  it('refuses a token it does not know, as GitHub does', async () => {
    api.expect({ route: 'GET /repos/{owner}/{repo}/commits/{ref}/statuses' });

    const res = await fetch(`${api.url}/repos/acme/fleet/commits/abc/statuses`, { headers: { authorization: 'token nope' } });

    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Bad credentials' });
  });
});
