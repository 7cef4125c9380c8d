import type { KeyObject } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { githubAnswers } from './github-api-answers.js';
import type { CheckRunRecord, ExpectedRequest, GithubReply, IssueRecord, PostedStatus, SeenRequest } from './github-api-types.js';
import { checkRequest } from './github-openapi.js';

export type { CheckRunRecord, ExpectedRequest, GithubReply, IssueRecord, PostedStatus, SeenRequest } from './github-api-types.js';

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
  /** Connections open to the stand-in now: 0 once every client socket, hung ones included, has closed. */
  connections(): number;
  /** The statuses of a commit, newest first. */
  statuses(repo: string, sha: string): PostedStatus[];
  /** Puts statuses on a commit as if posted before, oldest first. */
  seed(repo: string, sha: string, statuses: Array<Pick<PostedStatus, 'context' | 'state' | 'description'>>): void;
  /** The issues of a repository (`owner/name`), oldest first, each with its comments. */
  issues(repo: string): IssueRecord[];
  /** The check runs created on a repository (`owner/name`), oldest first, each with every annotation added to it. */
  checkRuns(repo: string): CheckRunRecord[];
  issuedTokens: string[];
  /** Throws, naming each, when a request was unexpected or broke GitHub's description, or an expected one never came. */
  verify(): void;
  stop(): Promise<void>;
}

/**
 * A stand-in for GitHub's REST API on 127.0.0.1 (a real node:http server): every request is checked
 * against GitHub's OpenAPI description (method and path, parameters, body), must be one the test
 * expects, and is answered as scripted or as GitHub would (commit statuses kept per commit, with
 * pages, ETags, the 1000 cap and auth; check runs and their annotations; issues, their labels and comments; App installations and their tokens). Add operations to
 * githubAnswers (github-api-answers.ts).
 */
export async function startGithubApi(options: GithubApiOptions = {}): Promise<GithubApi> {
  const started = Date.now();
  const tokens = new Set(options.tokens ?? []);
  const issuedTokens: string[] = [];
  const store = new Map<string, PostedStatus[]>();
  const checkRuns = new Map<string, CheckRunRecord[]>();
  const issues = new Map<string, IssueRecord[]>();
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

  const defaults = githubAnswers({
    tokens,
    issuedTokens,
    app: options.app,
    statusLimit: options.statusLimit ?? 1000,
    url: () => url,
    list,
    add,
    checkRuns,
    issues,
    nextId: () => nextId++,
  });

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
        time: Date.now(),
        answeredAt: 0,
        problems: [...bodyProblems, ...checked.problems],
        status: 0,
      };
      requests.push(seen);
      const reply = answer(seen);
      if (reply.hang) return;
      const send = (): void => {
        seen.status = reply.status;
        seen.answeredAt = Date.now();
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
    connections: () => sockets.size,
    issuedTokens,
    expect: (...expected) => expectations.push(...expected.map((spec) => ({ spec, seen: 0 }))),
    statuses: list,
    checkRuns: (repo) => checkRuns.get(repo.toLowerCase()) ?? [],
    issues: (repo) => issues.get(repo.toLowerCase()) ?? [],
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
