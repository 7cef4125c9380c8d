import type http from 'node:http';

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
  /** When it came, in ms since the epoch (to compare with a time GitHub gave: `x-ratelimit-reset`, `retry-after`). */
  time: number;
  /** When it was answered, in ms since the epoch; 0 while unanswered. */
  answeredAt: number;
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

/** A check run as the stand-in keeps it: what was created, with every annotation added since, in order. */
export interface CheckRunRecord {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  output: { title: string | null; summary: string | null; annotations: Array<Record<string, unknown>> };
}

/** An issue as the stand-in keeps it, with its comments, oldest first. */
export interface IssueRecord {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  comments: string[];
}
