import { inspect } from 'node:util';
import { gitEnv } from '../../../src/source/git/git-env.js';
import { parseRemote } from '../../../src/source/git/git-remote.js';

const https = parseRemote('https://example.com:8443/org/specs.git', '/');
const base = {
  PATH: '/usr/bin',
  HOME: '/home/u',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_DIR: '/elsewhere/.git',
  GIT_TRACE_CURL: '1',
  EDITOR: 'vi',
};

describe('the environment of git children', () => {
  it("sends a token only as an Authorization header scoped to the remote's origin, in the environment", () => {
    const { env, secrets } = gitEnv(https, { ...base, TEND_GIT_TOKEN: 'tok' });
    const basic = Buffer.from('x-access-token:tok').toString('base64');

    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.https://example.com:8443/.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
      GIT_TERMINAL_PROMPT: '0',
    });
    expect(env.TEND_GIT_TOKEN).toBeUndefined();
    expect(secrets).toEqual(expect.arrayContaining(['tok', basic]));
  });

  it('prefers credentials written in the URL, user name included, to TEND_GIT_TOKEN', () => {
    const { env } = gitEnv(parseRemote('https://bot:pw@example.com/specs.git', '/'), { ...base, TEND_GIT_TOKEN: 'tok' });

    expect(env.GIT_CONFIG_VALUE_0).toBe(`Authorization: Basic ${Buffer.from('bot:pw').toString('base64')}`);
  });

  it("passes the user's config choices through and drops every other GIT_* variable and program setting", () => {
    const { env, allowEnvironment, unsafe } = gitEnv(https, base);

    expect(Object.fromEntries(Object.entries(env))).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
    });
    expect(allowEnvironment.sort()).toEqual(['GIT_CONFIG_GLOBAL', 'GIT_TERMINAL_PROMPT']);
    expect(unsafe).toEqual({ allowUnsafeConfigPaths: true });
  });

  it('runs ssh with the key of TEND_GIT_SSH_KEY alone, never asking, and ssh as set up by the user otherwise', () => {
    const ssh = parseRemote('git@example.com:org/specs.git', '/');

    expect(gitEnv(ssh, { ...base, TEND_GIT_SSH_KEY: "/keys/it's" }).env.GIT_SSH_COMMAND).toBe(
      "ssh -i '/keys/it'\\''s' -o IdentitiesOnly=yes -o BatchMode=yes",
    );
    expect(gitEnv(ssh, base).env.GIT_SSH_COMMAND).toBe('ssh -o BatchMode=yes');
    expect(gitEnv(ssh, { ...base, GIT_SSH_COMMAND: 'ssh -F /etc/tend/ssh_config' }).env.GIT_SSH_COMMAND).toBe(
      'ssh -F /etc/tend/ssh_config',
    );
  });

  it('shows no value of the environment when it is inspected, as a debug log would', () => {
    const { env } = gitEnv(https, { ...base, TEND_GIT_TOKEN: 'tok' });

    expect(inspect({ env })).not.toContain('Basic');
    expect(inspect({ ...{ env: { ...env } } })).not.toContain('Basic');
    expect(Object.keys(env)).toContain('GIT_CONFIG_VALUE_0');
  });
});
