import { parseRemote } from '../../../src/source/git/git-remote.js';
import { thrown } from '../../helpers/thrown.js';

describe('repository URLs', () => {
  it.each([
    ['repo', 'local', '/work/repo'],
    ['../repo', 'local', '/repo'],
    ['/srv/specs.git', 'local', '/srv/specs.git'],
    ['./my:repo', 'local', '/work/my:repo'],
    ['file:///srv/specs.git', 'local', '/srv/specs.git'],
    ['git://example.com/specs.git', 'git', 'git://example.com/specs.git'],
    ['https://example.com/org/specs.git', 'http', 'https://example.com/org/specs.git'],
    ['ssh://git@example.com:2222/org/specs.git', 'ssh', 'ssh://git@example.com:2222/org/specs.git'],
    ['git@example.com:org/specs.git', 'ssh', 'git@example.com:org/specs.git'],
    ['example.com:org/specs.git', 'ssh', 'example.com:org/specs.git'],
  ])('reads %s as a %s repository, given to git as %s', (given, kind, url) => {
    const remote = parseRemote(given, '/work');

    expect([remote.kind, remote.url]).toEqual([kind, url]);
  });

  it('takes userinfo out of an HTTPS URL before git or a message sees it, and keeps it as the credentials', () => {
    const remote = parseRemote('https://bot:s3cr%40t@Example.COM:443/org/specs.git', '/work');

    expect(remote).toMatchObject({
      url: 'https://example.com/org/specs.git',
      shown: 'https://example.com/org/specs.git',
      origin: 'https://example.com/',
      username: 'bot',
      password: 's3cr@t',
    });
  });

  it('keeps the user name of an ssh URL, which picks the account and is no secret, and drops a password', () => {
    expect(parseRemote('ssh://git:pw@example.com/specs.git', '/work').shown).toBe('ssh://git@example.com/specs.git');
  });

  it('names one mirror for the spellings of one repository', () => {
    const keys = ['https://tok@EXAMPLE.com:443/org/specs.git/', 'https://example.com/org/specs.git'].map((u) => parseRemote(u, '/').key);
    const local = ['/srv/specs', 'file:///srv/specs', '../srv/specs'].map((u) => parseRemote(u, '/work').key);

    expect(new Set(keys).size).toBe(1);
    expect(new Set(local).size).toBe(1);
  });

  it.each(['', '-uhack', '--upload-pack=touch /tmp/x', 'ext::sh -c touch% /tmp/pwned', 'fd::17', 'ftp://example.com/specs.git'])(
    'refuses %j, saying which forms it reads',
    (given) => {
      const err = thrown(() => parseRemote(given, '/work'));

      expect([err.code, err.message]).toEqual(['GIT_ERROR', expect.stringContaining('give a local path, or a file://')]);
    },
  );

  it('does not repeat a token written in a URL it refuses', () => {
    expect(thrown(() => parseRemote('ftp://user:hunter2@example.com/x', '/')).message).toMatch(/^"ftp:\/\/\*\*\*@example.com\/x" is not/);
  });
});
