import type { GitRemote } from './git-remote.js';

/** What a git child is run with: its whole environment, and what simple-git must be told to let through. */
export interface GitEnv {
  env: Record<string, string>;
  /** The GIT_* variables set on purpose; simple-git strips or refuses every other. */
  allowEnvironment: string[];
  /** simple-git's guards that these variables trip, each lifted for exactly the variable that needs it. */
  unsafe: { allowUnsafeConfigPaths?: true; allowUnsafeConfigEnvCount?: true; allowUnsafeSshCommand?: true };
  /** Values that must never be shown: the token, and the header made from it. */
  secrets: string[];
}

/**
 * The user's own git setup that is honoured: which config files to read (tests and CI point these at
 * /dev/null), an ssh command and TLS trust. Every other GIT_* variable of the caller is dropped: one set
 * by a hook (GIT_DIR, GIT_INDEX_FILE) would point git elsewhere, GIT_TRACE_* would log headers, and
 * GIT_ASKPASS would prompt.
 */
const PASSED_THROUGH = [
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_SSH_VARIANT',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
];
/** Not GIT_*, yet guarded by simple-git (it names programs to run); git never needs them to read a repository. */
const DROPPED = new Set(['EDITOR', 'VISUAL', 'PAGER', 'PREFIX', 'SSH_ASKPASS']);

/** The environment of every git child for `remote`, built from the caller's environment `base` (which also holds TEND_GIT_*). */
export function gitEnv(remote: GitRemote, base: NodeJS.ProcessEnv): GitEnv {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    const upper = name.toUpperCase();
    if (value === undefined || upper.startsWith('TEND_GIT_') || DROPPED.has(upper)) continue;
    if (!upper.startsWith('GIT_') || PASSED_THROUGH.includes(upper)) env[name] = value;
  }
  // Never wait for a prompt nobody will answer: fail, and say which credentials to give.
  env.GIT_TERMINAL_PROMPT = '0';
  const secrets: string[] = [];
  if (remote.kind === 'http') secrets.push(...httpCredentials(remote, base, env));
  if (remote.kind === 'ssh') sshCommand(base, env);
  return { env: hidden(env), ...guards(env), secrets };
}

/**
 * A token goes to git only in its environment, as config scoped to the remote's origin (GIT_CONFIG_COUNT):
 * never in arguments, which `ps` shows to every user, nor in a file.
 */
function httpCredentials(remote: GitRemote, base: NodeJS.ProcessEnv, env: Record<string, string>): string[] {
  const secret = remote.password ?? nonEmpty(base.TEND_GIT_TOKEN);
  const user = remote.username ?? 'x-access-token';
  if (secret === undefined && remote.username === undefined) return [];
  const origin = remote.origin as string;
  if (secret === undefined) {
    // A user name alone is no secret: the credential helper is asked for that account's password.
    setConfig(env, [[`credential.${origin}.username`, user]]);
    return [];
  }
  const basic = Buffer.from(`${user}:${secret}`).toString('base64');
  setConfig(env, [[`http.${origin}.extraHeader`, `Authorization: Basic ${basic}`]]);
  return [secret, basic, encodeURIComponent(secret)];
}

function sshCommand(base: NodeJS.ProcessEnv, env: Record<string, string>): void {
  const key = nonEmpty(base.TEND_GIT_SSH_KEY);
  if (key !== undefined) env.GIT_SSH_COMMAND = `ssh -i ${shellQuote(key)} -o IdentitiesOnly=yes -o BatchMode=yes`;
  // Without a key of its own, ssh runs as the user set it up (~/.ssh/config, the agent), but never asks.
  else if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
}

function setConfig(env: Record<string, string>, pairs: Array<[string, string]>): void {
  env.GIT_CONFIG_COUNT = String(pairs.length);
  pairs.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
}

function guards(env: Record<string, string>): Pick<GitEnv, 'allowEnvironment' | 'unsafe'> {
  const allowEnvironment = Object.keys(env).filter((name) => name.toUpperCase().startsWith('GIT_'));
  const has = (...names: string[]): boolean => allowEnvironment.some((name) => names.includes(name.toUpperCase()));
  const unsafe: GitEnv['unsafe'] = {};
  if (has('GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM')) unsafe.allowUnsafeConfigPaths = true;
  if (has('GIT_CONFIG_COUNT')) unsafe.allowUnsafeConfigEnvCount = true;
  if (has('GIT_SSH_COMMAND', 'GIT_SSH')) unsafe.allowUnsafeSshCommand = true;
  return { allowEnvironment, unsafe };
}

/**
 * The environment, shown by util.inspect as a placeholder: simple-git's debug log (DEBUG=simple-git*)
 * prints each child's spawn options, and this one holds the token. The symbol survives simple-git's
 * object spreads; spawn reads string keys only.
 */
function hidden(env: Record<string, string>): Record<string, string> {
  return Object.defineProperty(env, Symbol.for('nodejs.util.inspect.custom'), {
    enumerable: true,
    value: () => '[environment not shown: it may hold credentials]',
  });
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
