import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TendError } from '../../errors.js';

/** A repository URL as tend uses it: what git is given, what users are shown, and the secret that came with it. */
export interface GitRemote {
  kind: 'local' | 'http' | 'ssh' | 'git';
  /** What git is given: userinfo stripped from HTTP(S) URLs, a local path made absolute (git runs in the mirror). */
  url: string;
  /** For messages and labels: no password or token, ever. */
  shown: string;
  /** The same repository always gives the same key, whatever the spelling: it names the mirror. */
  key: string;
  /** `https://host:port/`, the scope that HTTP credentials are sent to (HTTP(S) only). */
  origin?: string;
  /** The userinfo an HTTP(S) URL carried, decoded: a token written into the URL. */
  username?: string;
  password?: string;
  /** A local repository's folder (local paths and file:// URLs). */
  localPath?: string;
}

const SCP_LIKE = /^(?:([^@/]+)@)?(\[[^\]]+\]|[^:/]+):(.*)$/;

/** Reads a repository URL: a local path (relative to `cwd`), file://, git://, http(s)://, ssh:// or scp-like `user@host:path`. */
export function parseRemote(raw: string, cwd: string): GitRemote {
  const given = raw.trim();
  // `<helper>::<address>` runs git-remote-<helper> (ext:: runs any command): never a spec repository.
  if (given === '' || given.startsWith('-') || /^[a-z0-9+.-]+::/i.test(given)) throw badUrl(raw);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(given)?.[1]?.toLowerCase();
  if (scheme === undefined) return SCP_LIKE.test(given) && !given.startsWith('.') ? scpLike(given) : local(path.resolve(cwd, given), given);
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw badUrl(raw);
  }
  switch (scheme) {
    case 'file':
      return local(fileURLToPath(url), given);
    case 'http':
    case 'https':
      return http(url);
    case 'ssh':
    case 'git':
      return hosted(url, scheme);
    default:
      throw badUrl(raw);
  }
}

function local(folder: string, given: string): GitRemote {
  const shown = given.startsWith('file:') ? given : folder;
  return { kind: 'local', url: folder, shown, key: `file://${folder}`, localPath: folder };
}

function http(url: URL): GitRemote {
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  url.hash = '';
  const plain = url.href;
  const key = `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`;
  return { kind: 'http', url: plain, shown: plain, key, origin: `${url.protocol}//${url.host}/`, username, password };
}

/** ssh:// and git:// keep a user name, which is not a secret and picks the account; a password is dropped. */
function hosted(url: URL, scheme: 'ssh' | 'git'): GitRemote {
  url.password = '';
  url.hash = '';
  const plain = url.href;
  return { kind: scheme, url: plain, shown: plain, key: plain.replace(/\/+$/, '') };
}

function scpLike(given: string): GitRemote {
  const [, user, host, rest] = SCP_LIKE.exec(given) as RegExpExecArray;
  const plain = `${user === undefined ? '' : `${user}@`}${host}:${rest}`;
  return {
    kind: 'ssh',
    url: plain,
    shown: plain,
    key: `scp:${user ?? ''}@${(host as string).toLowerCase()}:${(rest as string).replace(/\/+$/, '')}`,
  };
}

function badUrl(raw: string): TendError {
  const shown = JSON.stringify(raw.replace(/\/\/[^/@\s]*@/, '//***@'));
  return new TendError(
    'GIT_ERROR',
    `${shown} is not a repository tend can read: give a local path, or a file://, git://, http(s)://, ssh:// or user@host:path URL`,
  );
}
