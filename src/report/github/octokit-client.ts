import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import type { Logger } from '../../log.js';
import type { GithubCredential } from './github-credential.js';
import { githubError, redactor } from './github-errors.js';

// Octokit's own order (the `octokit` package): retry inside, throttling outside it.
const Client = Octokit.plugin(retry, throttling);
export type Client = InstanceType<typeof Client>;

/** How long GitHub may take: each request, the backoff unit of retries, and the spacing of posts GitHub asks for. */
export interface GithubTiming {
  requestTimeoutMs: number;
  /** One unit of backoff: retries wait 1, 4 and 9 units, a `retry-after: N` N units (1 s on GitHub). */
  retryBaseMs: number;
  /** GitHub asks for a second between two writes of one client. */
  writeIntervalMs: number;
}

export interface GithubClientSettings {
  repo: { owner: string; name: string };
  apiUrl: string;
  credential: GithubCredential;
  userAgent: string;
  timing: GithubTiming;
  /** Whether a retry `afterMs` from now still fits the time left for the report going on. */
  mayWait(afterMs: number): boolean;
}

/** A client signed in as the settings say, made at the first call; and the redaction of its secrets from any text. */
export interface OctokitSession {
  /** The client; signing in as an App finds its installation once, and a failure is tried again at the next call. */
  ready: () => Promise<Client>;
  redact: (text: string) => string;
}

/** Octokit with its retry and throttling plugins, a bounded time for every request, and token or GitHub App auth. */
export function octokitSession(settings: GithubClientSettings, log: Logger): OctokitSession {
  const redact = redactor(settings.credential);
  let client: Promise<Client> | null = null;
  return {
    redact,
    ready: () => {
      client ??= connect(settings, log, redact).catch((err: unknown) => {
        client = null;
        throw err;
      });
      return client;
    },
  };
}

async function connect(settings: GithubClientSettings, log: Logger, redact: (text: string) => string): Promise<Client> {
  const { credential } = settings;
  if (credential.kind === 'token') return make(settings, log, redact, { auth: credential.token });
  const app = { appId: credential.appId, privateKey: credential.privateKey };
  let installationId = credential.installationId;
  if (installationId === null) {
    const asApp = make(settings, log, redact, { authStrategy: createAppAuth, auth: app });
    try {
      const res = await asApp.request('GET /repos/{owner}/{repo}/installation', { owner: settings.repo.owner, repo: settings.repo.name });
      installationId = res.data.id;
    } catch (err) {
      throw githubError(err, `find the GitHub App's installation on ${settings.repo.owner}/${settings.repo.name}`, credential, redact);
    }
  }
  return make(settings, log, redact, { authStrategy: createAppAuth, auth: { ...app, installationId } });
}

function make(settings: GithubClientSettings, log: Logger, redact: (text: string) => string, auth: object): Client {
  const { timing } = settings;
  const quiet = (): void => undefined;
  const retryable = (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number): boolean =>
    retryCount < 2 && settings.mayWait(retryAfter * timing.retryBaseMs);
  return new Client({
    ...auth,
    baseUrl: settings.apiUrl.replace(/\/+$/, ''),
    userAgent: settings.userAgent,
    // Octokit's own warnings (deprecations, the App's clock skew) go to tend's log, never to stdout, and never with a secret.
    log: { debug: quiet, info: quiet, warn: (m: string) => log.warn(redact(m)), error: (m: string) => log.warn(redact(m)) },
    request: { fetch: boundedFetch(timing.requestTimeoutMs) },
    retry: { retryAfterBaseValue: timing.retryBaseMs, retries: 3 },
    throttle: {
      onRateLimit: retryable,
      onSecondaryRateLimit: retryable,
      retryAfterBaseValue: timing.retryBaseMs,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: timing.writeIntervalMs }),
    },
  });
}

/**
 * fetch with a deadline per attempt: a request that hangs is abandoned after `timeoutMs` (a
 * TimeoutError, which the retry plugin retries), as are the App's token requests, which carry no
 * signal of their own; the caller's signal still abandons it for good (an AbortError is not retried).
 */
function boundedFetch(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    return fetch(input, { ...init, signal });
  };
}
