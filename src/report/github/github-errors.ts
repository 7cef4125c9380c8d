import { TendError, errorMessage } from '../../errors.js';
import type { GithubCredential } from './github-credential.js';

interface RequestFailure {
  status?: number;
  name?: string;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

/** Replaces every secret of the credential in a text by `***`: what GitHub or a library says may quote it. */
export function redactor(credential: GithubCredential): (text: string) => string {
  const secrets = (credential.kind === 'token' ? [credential.token] : [credential.privateKey]).filter((s) => s.length >= 4);
  return (text) => secrets.reduce((t, s) => t.split(s).join('***'), text);
}

/**
 * What a failed GitHub request means for the reporter, as a TendError whose message says what tend
 * tried (`what`), what GitHub answered, and how to fix it where that is known (docs/github.md: Commit statuses).
 */
export function githubError(err: unknown, what: string, credential: GithubCredential, redact: (text: string) => string): TendError {
  if (err instanceof TendError) return err;
  const failure = err as RequestFailure;
  const said = redact(answer(failure));
  const who = credential.kind === 'token' ? 'GITHUB_TOKEN' : `GitHub App ${credential.appId}`;
  const status = typeof failure.status === 'number' ? failure.status : 0;
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError') {
    return new TendError('GITHUB_UNREACHABLE', `could not ${what}: GitHub did not answer in time`, { transient: true });
  }
  if (status === 401) return new TendError('GITHUB_AUTH', `GitHub refused the credential (${who}) trying to ${what}: ${said}`);
  if ((status === 403 || status === 429) && /rate limit/i.test(said)) {
    return new TendError('GITHUB_UNREACHABLE', `could not ${what}: ${said}`, { transient: true });
  }
  // A token that may read but not write (a fork's pull request, a job without the permission): refused for this, not for all.
  if (status === 403) return new TendError('GITHUB_FORBIDDEN', `the credential (${who}) may not ${what}: ${said}`);
  if (status === 404 && credential.kind === 'app' && what.includes('installation')) {
    return new TendError('GITHUB_AUTH', `could not ${what}: is the App installed there? (${said})`);
  }
  if (status === 404) return new TendError('GITHUB_REJECTED', `could not ${what}: not found, or the credential (${who}) cannot see it`);
  if (status === 422 && /maximum number of statuses/i.test(said)) return new TendError('GITHUB_LIMIT', `could not ${what}: ${said}`);
  if (status >= 400 && status < 500) return new TendError('GITHUB_REJECTED', `could not ${what}: ${status} ${said}`);
  if (status === 0 && credential.kind === 'app' && !(err instanceof Error && 'request' in err)) {
    // Not an HTTP answer at all: signing the App's token with its key failed.
    return new TendError('GITHUB_AUTH', `could not sign in as GitHub App ${credential.appId} to ${what}: ${said}`);
  }
  return new TendError('GITHUB_UNREACHABLE', `could not ${what}: ${status ? `${status} ` : ''}${said}`, { transient: true });
}

/** GitHub's own words (`Bad credentials`, each validation error's message), without the link to its documentation. */
function answer(failure: RequestFailure): string {
  const data = failure.response?.data as { message?: unknown; errors?: Array<{ message?: unknown }> } | undefined;
  if (data && typeof data.message === 'string') {
    const details = (data.errors ?? []).map((e) => e.message).filter((m): m is string => typeof m === 'string');
    return details.length > 0 ? `${data.message}: ${details.join('; ')}` : data.message;
  }
  return errorMessage(failure).replace(/ - https:\/\/docs\.github\.com\S*$/, '');
}
