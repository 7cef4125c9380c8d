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
