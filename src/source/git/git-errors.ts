import { existsSync } from 'node:fs';
import { TendError, errorMessage, type ErrorCode } from '../../errors.js';
import type { GitRemote } from './git-remote.js';
import { GitFailure } from './git-runner.js';
import { redact } from './redact.js';

/** What a failed git call was about, for a message that says what to fix. */
export interface FailureContext {
  remote: GitRemote;
  secrets: readonly string[];
  timeoutMs: number;
}

const AUTH =
  /authentication failed|could not read (username|password)|terminal prompts disabled|permission denied \((publickey|password|keyboard)|returned error: 40[13]|\b40[13]\b.*(unauthori[sz]ed|forbidden)|invalid credentials|access denied(?! or repository not exported)/i;
const HOST_KEY = /host key verification failed|remote host identification has changed/i;
const NOT_A_REPO =
  /does not appear to be a git repository|not a git repository|repository '.*' not found|repository not found|access denied or repository not exported|returned error: 404|no such (file or directory|repository)/i;
const UNREACHABLE =
  /could not resolve host|could not resolve hostname|name or service not known|temporary failure in name resolution|connection refused|connection timed out|connection reset|timed out|network is unreachable|no route to host|unable to connect|failed to connect|couldn't connect|the remote end hung up|early eof|rpc failed|returned error: 5\d\d|kex_exchange_identification|connection closed by/i;
const BUSY = /cannot lock ref|unable to create '.*\.lock'|index\.lock|shallow\.lock/i;

/** Maps any failure of a git call to tend's error: a stable code, one line naming what to fix, nothing secret. */
export function toTendError(err: unknown, context: FailureContext): TendError {
  if (err instanceof TendError) return err;
  if (!(err instanceof GitFailure)) return failed('GIT_ERROR', `${context.remote.shown}: ${redact(errorMessage(err), context.secrets)}`);
  const { remote } = context;
  const text = oneLine(redact(err.message, context.secrets));
  const cause = new Error(redact(err.message, context.secrets));
  if (err.reason === 'timeout') {
    const seconds = context.timeoutMs / 1000;
    return new TendError(
      'GIT_UNREACHABLE',
      `git ${err.command} on ${remote.shown} took longer than ${seconds}s and was stopped: check the network, or allow more time`,
      {
        cause,
        transient: true,
      },
    );
  }
  if (err.reason === 'refused') return gitError(context, err.command, text, cause);
  if (/spawn git ENOENT|spawn .*git ENOENT/.test(text))
    return gitError(context, err.command, 'git is not installed, or not on PATH: install git', cause);
  if (HOST_KEY.test(text)) {
    return failed('GIT_AUTH', `${remote.shown}: ${text}: add the server's host key to ~/.ssh/known_hosts`, cause);
  }
  if (AUTH.test(text)) return failed('GIT_AUTH', `${remote.shown} refused access: ${text}: ${credentialHint(remote)}`, cause);
  if (NOT_A_REPO.test(text) || (remote.kind === 'local' && !existsSync(remote.localPath as string))) return notARepo(remote, text, cause);
  if (UNREACHABLE.test(text)) {
    return new TendError('GIT_UNREACHABLE', `cannot reach ${remote.shown}: ${text}: check the URL's host and port, and the network`, {
      cause,
      transient: true,
    });
  }
  if (BUSY.test(text)) return new TendError('GIT_ERROR', `${err.command}: the Git cache is busy: ${text}`, { cause, transient: true });
  return gitError(context, err.command, text, cause);
}

function credentialHint(remote: GitRemote): string {
  if (remote.kind === 'ssh') return 'set TEND_GIT_SSH_KEY to a key file the server accepts, or add one to your ssh agent or ~/.ssh/config';
  if (remote.kind === 'http') return 'set TEND_GIT_TOKEN to a token that may read the repository, or give your git credential helper one';
  return 'check that this user may read the repository';
}

function notARepo(remote: GitRemote, text: string, cause: Error): TendError {
  if (remote.kind === 'local') {
    const folder = remote.localPath as string;
    const why = existsSync(folder) ? 'a folder that holds no Git repository' : 'no such folder';
    return failed('GIT_NOT_A_REPO', `${folder} is not a Git repository (${why}): check the repository path`, cause);
  }
  return failed('GIT_NOT_A_REPO', `${remote.shown} names no repository tend can read: ${text}: check the URL`, cause);
}

function gitError(context: FailureContext, command: string, text: string, cause?: Error): TendError {
  return failed('GIT_ERROR', `git ${command} on ${context.remote.shown} failed: ${text}`, cause);
}

function failed(code: ErrorCode, message: string, cause?: Error): TendError {
  return new TendError(code, message, { cause });
}

/** Progress, hints, and the boilerplate git adds after every ssh failure whatever its cause. */
const NOISE =
  /^(hint:|from |remote: (enumerating|counting|compressing|total)|\* \[|could not read from remote repository|please make sure you have the correct access rights|and the repository exists)/i;

/**
 * Git's stderr as one line: progress and hints left out, `fatal:` prefixes dropped, and control
 * characters too, since a server's `remote:` lines could otherwise drive the user's terminal.
 */
export function oneLine(stderr: string): string {
  const lines = stderr
    .replace(/[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]/g, '')
    .split(/[\r\n]+/)
    .map((line) => line.replace(/^\[\d+\]\s*/, '').trim())
    .map((line) => line.replace(/^(fatal|error|warning):\s*/i, ''))
    .filter((line) => line !== '' && !NOISE.test(line));
  const text = [...new Set(lines)].join('; ');
  return text.length > 300 ? `${text.slice(0, 297)}...` : text === '' ? 'no reason given' : text;
}
