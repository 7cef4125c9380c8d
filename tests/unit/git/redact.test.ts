import { oneLine } from '../../../src/source/git/git-errors.js';
import { redact } from '../../../src/source/git/redact.js';

describe('redacting git output', () => {
  it.each([
    ['fatal: unable to access https://bot:tok@host/x.git/', 'fatal: unable to access https://host/x.git/'],
    ['see http://tok@host:8080/x', 'see http://host:8080/x'],
    ['ssh://git:pw@host/x', 'ssh://git@host/x'],
    ['ssh://git@host/x', 'ssh://git@host/x'],
    ['secret s3kr1t and eW91', 'secret *** and ***'],
  ])('shows %j as %j', (text, shown) => {
    expect(redact(text, ['s3kr1t', 'eW91'])).toBe(shown);
  });
});

describe("git's stderr in one line", () => {
  it('keeps the reasons, drops progress, boilerplate and control characters a server could send', () => {
    const stderr = [
      'remote: Enumerating objects: 3, done.',
      'fatal: unable to access \u001b[31mhttps://host/x.git/\u001b[0m: 502',
      'fatal: Could not read from remote repository.',
      '',
      'Please make sure you have the correct access rights',
      'and the repository exists.',
    ].join('\n');

    expect(oneLine(stderr)).toBe('unable to access [31mhttps://host/x.git/[0m: 502');
  });
});
