import { createHash, randomBytes, verify, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { checkRequest } from './github-openapi.js';

/** An answer the stand-in gives instead of its own, or after a delay, or never (a hung API). */
export interface GithubReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  hang?: boolean;
}

/** A request as the stand-in saw it, with GitHub's name for its operation and what was wrong with it. */
export interface SeenRequest {
  method: string;
  path: string;
  /** `POST /repos/{owner}/{repo}/statuses/{sha}`: the route of GitHub's description it matched. */
  route: string | null;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** When it came, in ms since the stand-in started. */
  at: number;
  problems: string[];
  /** The status it was answered with; 0 while unanswered (or hung). */
  status: number;
}

/** A request a test expects, `times` times (default once; a range where retries depend on timing). */
export interface ExpectedRequest {
  route: string;
  times?: number | { min: number; max: number };
  /** Only requests this holds for. */
  when?: (req: SeenRequest) => boolean;
  /** The answer, instead of the stand-in's own (which keeps the statuses and serves App tokens). */
  reply?: GithubReply | ((req: SeenRequest) => GithubReply);
}

export interface PostedStatus {
  id: number;
  context: string;
  state: string;
  description: string | null;
  target_url: string | null;
}

export interface GithubApiOptions {
  /** Tokens it accepts (App installation tokens it issues are added). */
  tokens?: string[];
  /** A GitHub App: JWTs signed by its key are accepted for the App's own routes. */
  app?: { id: number; publicKey: KeyObject; installationId: number };
  /** Statuses GitHub keeps per commit and context (1000). */
  statusLimit?: number;
}

export interface GithubApi {
  /** The API root to give tend (`--github-api-url`). */
  url: string;
  expect(...expected: ExpectedRequest[]): void;
  requests: SeenRequest[];
  /** The statuses of a commit, newest first. */
  statuses(repo: string, sha: string): PostedStatus[];
  /** Puts statuses on a commit as if posted before, oldest first. */
  seed(repo: string, sha: string, statuses: Array<Pick<PostedStatus, 'context' | 'state' | 'description'>>): void;
  issuedTokens: string[];
  /** Throws, naming each, when a request was unexpected or broke GitHub's description, or an expected one never came. */
  verify(): void;
  stop(): Promise<void>;
}

const ROUTES = {
  list: 'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
  create: 'POST /repos/{owner}/{repo}/statuses/{sha}',
  installation: 'GET /repos/{owner}/{repo}/installation',
  token: 'POST /app/installations/{installation_id}/access_tokens',
};

/**
 * A stand-in for GitHub's REST API on 127.0.0.1 (a real node:http server): every request is checked
 * against GitHub's OpenAPI description (method and path, parameters, body), must be one the test
 * expects, and is answered as scripted or as GitHub would (commit statuses kept per commit, with
 * pages, ETags, the 1000 cap and auth; App installations and their tokens). Extend `defaults` for
 * more operations.
 */
export async function startGithubApi(options: GithubApiOptions = {}): Promise<GithubApi> {
  const started = Date.now();
  const tokens = new Set(options.tokens ?? []);
  const issuedTokens: string[] = [];
  const store = new Map<string, PostedStatus[]>();
  const expectations: Array<{ spec: ExpectedRequest; seen: number }> = [];
  const requests: SeenRequest[] = [];
  const problems: string[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let nextId = 1000;
  let url = '';

  const key = (repo: string, sha: string): string => `${repo.toLowerCase()}@${sha}`;
  const list = (repo: string, sha: string): PostedStatus[] => store.get(key(repo, sha)) ?? [];
  const add = (repo: string, sha: string, s: Omit<PostedStatus, 'id'>): PostedStatus => {
    const status = { id: nextId++, ...s };
    store.set(key(repo, sha), [status, ...list(repo, sha)]);
    return status;
  };

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

  /** GitHub's own answers. */
  const defaults: Record<string, (req: SeenRequest) => GithubReply> = {
    [ROUTES.list]: (req) => {
      if (!authorized(req)) return badCredentials;
      const { owner = '', repo = '', ref = '' } = req.params;
      const all = list(`${owner}/${repo}`, ref);
      const perPage = Math.min(Number(req.query.get('per_page') ?? 30), 100);
      const page = Number(req.query.get('page') ?? 1);
      const body = all.slice((page - 1) * perPage, page * perPage).map((s) => statusJson(s, url, owner, repo, ref));
      const etag = `W/"${createHash('sha1').update(JSON.stringify(body)).digest('hex')}"`;
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = (n: number, rel: string): string =>
        `<${url}/repos/${owner}/${repo}/commits/${ref}/statuses?per_page=${perPage}&page=${n}>; rel="${rel}"`;
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
      if (count >= (options.statusLimit ?? 1000)) {
        const error = { resource: 'Status', code: 'custom', message: 'This SHA and context has reached the maximum number of statuses.' };
        return { status: 422, body: { message: 'Validation Failed', errors: [error], documentation_url: 'https://docs.github.com/rest' } };
      }
      const status = add(`${owner}/${repo}`, sha, {
        context,
        state: b.state,
        description: b.description ?? null,
        target_url: b.target_url ?? null,
      });
      return { status: 201, body: statusJson(status, url, owner, repo, sha) };
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

  function answer(req: SeenRequest): GithubReply {
    if (req.problems.length > 0) {
      problems.push(`${req.method} ${req.path}: ${req.problems.join('; ')}`);
      return { status: 400, body: { message: `the stand-in found this request invalid: ${req.problems.join('; ')}` } };
    }
    const found = expectations.find((e) => e.spec.route === req.route && e.seen < most(e.spec) && (e.spec.when?.(req) ?? true));
    if (!found) {
      problems.push(`unexpected request ${req.method} ${req.path}${req.query.size ? `?${req.query.toString()}` : ''}`);
      return { status: 400, body: { message: 'the stand-in did not expect this request' } };
    }
    found.seen++;
    const { reply } = found.spec;
    if (reply) return typeof reply === 'function' ? reply(req) : reply;
    const own = req.route ? defaults[req.route] : undefined;
    if (!own) {
      problems.push(`no answer scripted for ${req.route}`);
      return { status: 501, body: { message: 'not implemented by the stand-in' } };
    }
    return own(req);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      const bodyProblems: string[] = [];
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          bodyProblems.push('body: not JSON');
        }
      }
      const checked = checkRequest(req.method ?? 'GET', parsed, body);
      const seen: SeenRequest = {
        method: req.method ?? 'GET',
        path: parsed.pathname,
        route: checked.route,
        params: checked.params,
        query: parsed.searchParams,
        headers: req.headers,
        body,
        at: Date.now() - started,
        problems: [...bodyProblems, ...checked.problems],
        status: 0,
      };
      requests.push(seen);
      const reply = answer(seen);
      if (reply.hang) return;
      const send = (): void => {
        seen.status = reply.status;
        const headers = { ...(reply.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...reply.headers };
        res.writeHead(reply.status, headers).end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
      };
      if (!reply.delayMs) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, reply.delayMs);
      timers.add(timer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;

  return {
    url,
    requests,
    issuedTokens,
    expect: (...expected) => expectations.push(...expected.map((spec) => ({ spec, seen: 0 }))),
    statuses: list,
    seed(repo, sha, statuses) {
      for (const s of statuses) add(repo, sha, { ...s, target_url: null });
    },
    verify() {
      const missing = expectations
        .filter((e) => e.seen < least(e.spec))
        .map((e) => `expected ${e.spec.route} ${describeTimes(e.spec)}, got it ${e.seen} time${e.seen === 1 ? '' : 's'}`);
      const all = [...problems, ...missing];
      if (all.length > 0) throw new Error(`GitHub stand-in:\n  ${all.join('\n  ')}`);
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function most(e: ExpectedRequest): number {
  return typeof e.times === 'object' ? e.times.max : (e.times ?? 1);
}

function least(e: ExpectedRequest): number {
  return typeof e.times === 'object' ? e.times.min : (e.times ?? 1);
}

function describeTimes(e: ExpectedRequest): string {
  return typeof e.times === 'object' ? `${e.times.min} to ${e.times.max} times` : `${e.times ?? 1} time(s)`;
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
