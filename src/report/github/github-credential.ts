import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TendError, errorMessage } from '../../errors.js';

/** How tend signs in to GitHub: a token (`GITHUB_TOKEN`), or a GitHub App by its id and private key, at an installation. */
export type GithubCredential =
  { kind: 'token'; token: string } | { kind: 'app'; appId: string; privateKey: string; installationId: number | null };

/**
 * The credential the environment names (docs/github.md: Commit statuses): a GitHub App when
 * `TEND_GITHUB_APP_ID` is set (its key from `TEND_GITHUB_APP_PRIVATE_KEY`, or the file named by
 * `TEND_GITHUB_APP_PRIVATE_KEY_FILE`, read from `cwd`; its installation from
 * `TEND_GITHUB_APP_INSTALLATION_ID`, else found from the repository), else `GITHUB_TOKEN`. Throws
 * GITHUB_AUTH, naming what to set, when none is usable; never says a secret.
 */
export function credentialFromEnv(env: NodeJS.ProcessEnv, cwd: string): GithubCredential {
  const appId = env.TEND_GITHUB_APP_ID?.trim();
  if (appId) return { kind: 'app', appId, privateKey: privateKey(env, cwd), installationId: installationId(env) };
  const token = env.GITHUB_TOKEN?.trim();
  if (token) return { kind: 'token', token };
  throw new TendError(
    'GITHUB_AUTH',
    'no GitHub credential: set GITHUB_TOKEN, or TEND_GITHUB_APP_ID with TEND_GITHUB_APP_PRIVATE_KEY or TEND_GITHUB_APP_PRIVATE_KEY_FILE',
  );
}

function privateKey(env: NodeJS.ProcessEnv, cwd: string): string {
  const file = env.TEND_GITHUB_APP_PRIVATE_KEY_FILE?.trim();
  const text = env.TEND_GITHUB_APP_PRIVATE_KEY?.trim() || (file ? readKeyFile(path.resolve(cwd, file)) : '');
  if (!text) {
    throw new TendError(
      'GITHUB_AUTH',
      'TEND_GITHUB_APP_ID is set but no private key: set TEND_GITHUB_APP_PRIVATE_KEY or TEND_GITHUB_APP_PRIVATE_KEY_FILE',
    );
  }
  // A key kept in a one-line variable often has its newlines written as \n.
  return text.includes('\n') ? text : text.replaceAll('\\n', '\n');
}

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? errorMessage(err);
    throw new TendError('GITHUB_AUTH', `TEND_GITHUB_APP_PRIVATE_KEY_FILE ${file} cannot be read (${code})`, { cause: err });
  }
}

function installationId(env: NodeJS.ProcessEnv): number | null {
  const text = env.TEND_GITHUB_APP_INSTALLATION_ID?.trim();
  if (!text) return null;
  const id = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new TendError('GITHUB_AUTH', `TEND_GITHUB_APP_INSTALLATION_ID must be a whole number, such as 4242 (got "${text}")`);
  }
  return id;
}
