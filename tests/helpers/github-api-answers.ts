import { createHash, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { CheckRunRecord, GithubReply, IssueRecord, PostedStatus, SeenRequest } from './github-api-types.js';

export const ROUTES = {
  list: 'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
  create: 'POST /repos/{owner}/{repo}/statuses/{sha}',
  installation: 'GET /repos/{owner}/{repo}/installation',
  token: 'POST /app/installations/{installation_id}/access_tokens',
  createCheck: 'POST /repos/{owner}/{repo}/check-runs',
  updateCheck: 'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  listIssues: 'GET /repos/{owner}/{repo}/issues',
  createIssue: 'POST /repos/{owner}/{repo}/issues',
  updateIssue: 'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  comment: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
};

/**
 * GitHub's refusals for a rate limit, as it sends them: a 429 or a 403 secondary limit with
 * `retry-after` (seconds), or a 403 of the primary limit with `x-ratelimit-remaining: 0` and
 * `x-ratelimit-reset` (seconds since the epoch).
 */
export const rateLimited = {
  tooMany: (retryAfter: number): GithubReply => ({
    status: 429,
    headers: { 'retry-after': String(retryAfter) },
    body: { message: 'Too Many Requests', documentation_url: 'https://docs.github.com/rest' },
  }),
  secondary: (retryAfter: number): GithubReply => ({
    status: 403,
    headers: { 'retry-after': String(retryAfter) },
    body: {
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
    },
  }),
  primary: (resetSeconds: number): GithubReply => ({
    status: 403,
    headers: { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds) },
    body: { message: 'API rate limit exceeded for installation.', documentation_url: 'https://docs.github.com/rest' },
  }),
};

/** What the stand-in keeps, as GitHub would: the tokens it takes, the App, and each commit's statuses. */
export interface GithubWorld {
  tokens: Set<string>;
  issuedTokens: string[];
  app: { id: number; publicKey: KeyObject; installationId: number } | undefined;
  statusLimit: number;
  url: () => string;
  list(repo: string, sha: string): PostedStatus[];
  add(repo: string, sha: string, status: Omit<PostedStatus, 'id'>): PostedStatus;
  /** The check runs of each repository (`owner/name`, lower-cased), oldest first. */
  checkRuns: Map<string, CheckRunRecord[]>;
  /** The issues of each repository (`owner/name`, lower-cased), by number. */
  issues: Map<string, IssueRecord[]>;
  nextId(): number;
}

interface CheckRunBody {
  name?: string;
  head_sha?: string;
  status?: string;
  conclusion?: string;
  details_url?: string;
  output?: { title?: string; summary?: string; annotations?: Array<Record<string, unknown>> };
}

/** GitHub's own answers, by route of its description: add operations here (check runs, …). */
export function githubAnswers(world: GithubWorld): Record<string, (req: SeenRequest) => GithubReply> {
  const { tokens, issuedTokens, list, add } = world;
  const options = { app: world.app, statusLimit: world.statusLimit };
  const authorized = (req: SeenRequest): boolean => {
    const [scheme, value] = String(req.headers.authorization ?? '').split(' ');
    return (scheme === 'token' || scheme === 'bearer') && value !== undefined && tokens.has(value);
  };
  const appAuthorized = (req: SeenRequest): boolean => {
    const [scheme, jwt] = String(req.headers.authorization ?? '').split(' ');
    return scheme === 'bearer' && jwt !== undefined && options.app !== undefined && validJwt(jwt, options.app);
  };
  const badCredentials: GithubReply = {
    status: 401,
    body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
  };

  return {
    [ROUTES.list]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '', ref = '' } = req.params;
      const all = list(`${owner}/${repo}`, ref);
      const perPage = Math.min(Number(req.query.get('per_page') ?? 30), 100);
      const page = Number(req.query.get('page') ?? 1);
      const body = all.slice((page - 1) * perPage, page * perPage).map((s) => statusJson(s, world.url(), owner, repo, ref));
      const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = (n: number, rel: string): string =>
        `<${world.url()}/repos/${owner}/${repo}/commits/${ref}/statuses?per_page=${perPage}&page=${n}>; rel="${rel}"`;
      const headers: Record<string, string> = { etag };
      if (page < last) headers.link = [link(page + 1, 'next'), link(last, 'last')].join(', ');
      if (req.headers['if-none-match'] === etag) return { status: 304, headers };
      return { status: 200, headers, body };
    },
    [ROUTES.create]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '', sha = '' } = req.params;
      const b = req.body as { state: string; context?: string; description?: string | null; target_url?: string | null };
      const context = b.context ?? 'default';
      const count = list(`${owner}/${repo}`, sha).filter((s) => s.context.toLowerCase() === context.toLowerCase()).length;
      if (count >= options.statusLimit) {
        const error = { resource: 'Status', code: 'custom', message: 'This SHA and context has reached the maximum number of statuses.' };
        return { status: 422, body: { message: 'Validation Failed', errors: [error], documentation_url: 'https://docs.github.com/rest' } };
      }
      const status = add(`${owner}/${repo}`, sha, {
        context,
        state: b.state,
        description: b.description ?? null,
        target_url: b.target_url ?? null,
      });
      return { status: 201, body: statusJson(status, world.url(), owner, repo, sha) };
    },
    [ROUTES.createCheck]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '' } = req.params;
      const b = req.body as CheckRunBody;
      const run: CheckRunRecord = {
        id: world.nextId(),
        name: b.name ?? '',
        head_sha: b.head_sha ?? '',
        // GitHub: a conclusion given makes the run completed.
        status: b.conclusion ? 'completed' : (b.status ?? 'queued'),
        conclusion: b.conclusion ?? null,
        details_url: b.details_url ?? null,
        output: { title: b.output?.title ?? null, summary: b.output?.summary ?? null, annotations: [...(b.output?.annotations ?? [])] },
      };
      const key = `${owner}/${repo}`.toLowerCase();
      world.checkRuns.set(key, [...(world.checkRuns.get(key) ?? []), run]);
      return { status: 201, body: checkRunJson(run, world.url(), owner, repo) };
    },
    [ROUTES.updateCheck]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '', check_run_id = '' } = req.params;
      const run = world.checkRuns.get(`${owner}/${repo}`.toLowerCase())?.find((r) => r.id === Number(check_run_id));
      if (!run) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      const b = req.body as CheckRunBody;
      if (b.conclusion) Object.assign(run, { conclusion: b.conclusion, status: 'completed' });
      if (b.output) {
        // GitHub appends each update's annotations to those the run holds; title and summary are replaced.
        run.output = {
          title: b.output.title ?? run.output.title,
          summary: b.output.summary ?? run.output.summary,
          annotations: [...run.output.annotations, ...(b.output.annotations ?? [])],
        };
      }
      return { status: 200, body: checkRunJson(run, world.url(), owner, repo) };
    },
    [ROUTES.listIssues]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '' } = req.params;
      const state = req.query.get('state') ?? 'open';
      const labels = (req.query.get('labels') ?? '').split(',').filter((l) => l !== '');
      // GitHub lists the newest first.
      const all = [...(world.issues.get(`${owner}/${repo}`.toLowerCase()) ?? [])]
        .reverse()
        .filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)));
      const perPage = Math.min(Number(req.query.get('per_page') ?? 30), 100);
      const page = Number(req.query.get('page') ?? 1);
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const headers: Record<string, string> = {};
      const link = (n: number, rel: string): string =>
        `<${world.url()}/repos/${owner}/${repo}/issues?per_page=${perPage}&page=${n}>; rel="${rel}"`;
      if (page < last) headers.link = [link(page + 1, 'next'), link(last, 'last')].join(', ');
      const body = all.slice((page - 1) * perPage, page * perPage).map((i) => issueJson(i, world.url(), owner, repo));
      return { status: 200, headers, body };
    },
    [ROUTES.createIssue]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '' } = req.params;
      const b = req.body as { title: string; body?: string; labels?: Array<string | { name?: string }> };
      const key = `${owner}/${repo}`.toLowerCase();
      const list = world.issues.get(key) ?? [];
      const issue: IssueRecord = {
        number: list.length + 1,
        title: b.title,
        body: b.body ?? '',
        state: 'open',
        state_reason: null,
        labels: (b.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
        comments: [],
      };
      world.issues.set(key, [...list, issue]);
      return { status: 201, body: issueJson(issue, world.url(), owner, repo) };
    },
    [ROUTES.updateIssue]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '', issue_number = '' } = req.params;
      const issue = world.issues.get(`${owner}/${repo}`.toLowerCase())?.find((i) => i.number === Number(issue_number));
      if (!issue) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      const b = req.body as { title?: string; body?: string; state?: 'open' | 'closed'; state_reason?: string };
      Object.assign(issue, {
        title: b.title ?? issue.title,
        body: b.body ?? issue.body,
        state: b.state ?? issue.state,
        state_reason: b.state ? (b.state_reason ?? null) : issue.state_reason,
      });
      return { status: 200, body: issueJson(issue, world.url(), owner, repo) };
    },
    [ROUTES.comment]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '', issue_number = '' } = req.params;
      const issue = world.issues.get(`${owner}/${repo}`.toLowerCase())?.find((i) => i.number === Number(issue_number));
      if (!issue) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
      issue.comments.push((req.body as { body: string }).body);
      const id = world.nextId();
      const at = '2024-01-01T00:00:00Z';
      return {
        status: 201,
        body: {
          id,
          node_id: `IC_${id}`,
          url: `${world.url()}/repos/${owner}/${repo}/issues/comments/${id}`,
          body: (req.body as { body: string }).body,
          created_at: at,
          updated_at: at,
        },
      };
    },
    [ROUTES.installation]: (req) => {
      if (!appAuthorized(req) || !options.app) return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
      return {
        status: 200,
        body: { id: options.app.installationId, app_id: options.app.id, target_type: 'Organization', permissions: { statuses: 'write' } },
      };
    },
    [ROUTES.token]: (req) => {
      if (!appAuthorized(req) || !options.app) return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
      if (Number(req.params.installation_id) !== options.app.installationId) return { status: 404, body: { message: 'Not Found' } };
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      tokens.add(token);
      issuedTokens.push(token);
      const expires = new Date(Date.now() + 3_600_000).toISOString();
      return { status: 201, body: { token, expires_at: expires, permissions: { statuses: 'write' }, repository_selection: 'selected' } };
    },
  };
}

/** A commit status as GitHub's REST API gives it. */
function statusJson(s: PostedStatus, root: string, owner: string, repo: string, sha: string): Record<string, unknown> {
  const at = '2024-01-01T00:00:00Z';
  return {
    url: `${root}/repos/${owner}/${repo}/statuses/${sha}`,
    avatar_url: null,
    id: s.id,
    node_id: `SC_${s.id}`,
    state: s.state,
    description: s.description,
    target_url: s.target_url,
    context: s.context,
    created_at: at,
    updated_at: at,
    creator: null,
  };
}

/** An issue as GitHub's REST API gives it (the fields a client reads). */
function issueJson(i: IssueRecord, root: string, owner: string, repo: string): Record<string, unknown> {
  return {
    id: 5000 + i.number,
    node_id: `I_${i.number}`,
    url: `${root}/repos/${owner}/${repo}/issues/${i.number}`,
    html_url: `https://github.com/${owner}/${repo}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason,
    title: i.title,
    body: i.body,
    labels: i.labels.map((name, n) => ({ id: n + 1, name })),
    comments: i.comments.length,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
  };
}

/** A check run as GitHub's REST API gives it (the fields a client reads). */
function checkRunJson(run: CheckRunRecord, root: string, owner: string, repo: string): Record<string, unknown> {
  return {
    id: run.id,
    head_sha: run.head_sha,
    node_id: `CR_${run.id}`,
    external_id: null,
    url: `${root}/repos/${owner}/${repo}/check-runs/${run.id}`,
    html_url: `https://github.com/${owner}/${repo}/runs/${run.id}`,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: '2024-01-01T00:00:00Z',
    completed_at: run.status === 'completed' ? '2024-01-01T00:00:00Z' : null,
    output: { title: run.output.title, summary: run.output.summary, text: null, annotations_count: run.output.annotations.length },
    name: run.name,
    check_suite: { id: 1 },
    app: null,
    pull_requests: [],
  };
}

/** A GitHub App's JWT: RS256, signed by the App's key, issued by the App, not expired. */
function validJwt(jwt: string, app: { id: number; publicKey: KeyObject }): boolean {
  const [head, payload, signature] = jwt.split('.');
  if (!head || !payload || !signature) return false;
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
  if (header.alg !== 'RS256') return false;
  if (!verify('RSA-SHA256', Buffer.from(`${head}.${payload}`), app.publicKey, Buffer.from(signature, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown; exp?: number };
  return String(claims.iss) === String(app.id) && (claims.exp ?? 0) * 1000 > Date.now();
}
