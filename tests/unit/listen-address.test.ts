import { isListenAddress } from '../../src/watch/listen-address.js';

describe('isListenAddress', () => {
  it.each(['0.0.0.0', '127.0.0.1', '::', '::1', 'fe80::1', 'localhost', 'tend-1.internal', 'a.b.example'])('takes %j', (value) => {
    expect(isListenAddress(value)).toBe(true);
  });

  it.each([
    '999.1.1.1',
    '1.2.3',
    '256.0.0.1',
    '',
    ' ',
    '127.0.0.1 ',
    '-bad.example',
    'bad-.example',
    'a..b',
    'under_score',
    '[::1]',
    'x'.repeat(64),
  ])('refuses %j', (value) => {
    expect(isListenAddress(value)).toBe(false);
  });
});
