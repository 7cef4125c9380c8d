import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { TendError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { GithubCredential } from './github-credential.js';
import { githubError, redactor } from './github-errors.js';
import { RateLimitGate } from './rate-limit-gate.js';

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

/** Where and as whom a GitHub client talks: what statuses, check runs and drift issues share. */
export interface GithubConnection {
  repo: { owner: string; name: string };
  /** The REST API's root: https://api.github.com, a GitHub Enterprise server's /api/v3, a local server. */
  apiUrl: string;
  credential: GithubCredential;
  userAgent: string;
  timing: GithubTiming;
  /** When GitHub takes requests again, shared by every client of the process; one of the session's own when not given. */
  gate?: RateLimitGate;
}

export interface GithubClientSettings extends GithubConnection {
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
export function octokitSession(given: GithubClientSettings, log: Logger): OctokitSession {
  const settings = { ...given, gate: given.gate ?? new RateLimitGate(log, { unitMs: given.timing.retryBaseMs }) };
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

type GatedSettings = GithubClientSettings & { gate: RateLimitGate };

async function connect(settings: GatedSettings, log: Logger, redact: (text: string) => string): Promise<Client> {
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

function make(settings: GatedSettings, log: Logger, redact: (text: string) => string, auth: object): Client {
  const { timing } = settings;
  const quiet = (): void => undefined;
  // Rate limits are waited out in gatedFetch, from the time GitHub gave: the plugins never retry them on their own clock.
  const never = (): boolean => false;
  const client = new Client({
    ...auth,
    baseUrl: settings.apiUrl.replace(/\/+$/, ''),
    userAgent: settings.userAgent,
    // Octokit's own warnings (deprecations, the App's clock skew) go to tend's log, never to stdout, and never with a secret.
    log: { debug: quiet, info: quiet, warn: (m: string) => log.warn(redact(m)), error: (m: string) => log.warn(redact(m)) },
    request: { fetch: gatedFetch(settings.gate, (ms) => settings.mayWait(ms), timing.requestTimeoutMs) },
    // 429 joins the answers never retried on a backoff: it is a rate limit, asked again only at the time GitHub gave.
    retry: { retryAfterBaseValue: timing.retryBaseMs, retries: 3, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      onRateLimit: never,
      onSecondaryRateLimit: never,
      retryAfterBaseValue: timing.retryBaseMs,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: timing.writeIntervalMs }),
      // Writes that notify people (an issue opened, a comment) are spaced three times as far, as octokit does by default.
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * timing.writeIntervalMs }),
    },
  });
  // Outermost: a request that ends refused for a rate limit is given up as one, saying until when GitHub takes none.
  client.hook.wrap('request', async (request, options) => {
    try {
      return await request(options);
    } catch (err) {
      if (!(err instanceof TendError) && settings.gate.closedUntil() !== null) throw settings.gate.refusal();
      throw err;
    }
  });
  return client;
}

/** A rate limit refused this often in a row is given up for this report. */
const LIMITED_ATTEMPTS = 3;

/**
 * fetch through the rate-limit gate, with a deadline per attempt. No request goes out before the
 * time GitHub gave (the gate waits when that fits the report, else refuses without asking); a
 * refusal for a rate limit is asked again at that time while it fits, else returned as it is. A
 * request that hangs is abandoned after `timeoutMs` (a TimeoutError, which the retry plugin
 * retries), as are the App's token requests, which carry no signal of their own; the caller's
 * signal still abandons it for good (an AbortError is not retried).
 */
function gatedFetch(gate: RateLimitGate, mayWait: (ms: number) => boolean, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      await gate.admit(mayWait, init?.signal);
      const deadline = AbortSignal.timeout(timeoutMs);
      const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
      const response = await fetch(input, { ...init, signal });
      const limited = await gate.note({ status: response.status, headers: response.headers, text: () => response.clone().text() });
      const wait = gate.waitLeft();
      if (!limited || attempt >= LIMITED_ATTEMPTS || wait === null || !mayWait(wait)) return response;
      await response.body?.cancel();
    }
  };
}
