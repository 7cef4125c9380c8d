import { lockedMessage, type LockSeen } from '../../src/compose/locked-message.js';

const seen = (over: Partial<LockSeen>): LockSeen => ({
  stateDir: '.tend',
  requester: 'tend apply',
  waitedMs: 0,
  holder: null,
  running: null,
  ageMs: 2000,
  timing: { staleMs: 30_000, updateMs: 15_000 },
  ...over,
});

describe('lockedMessage', () => {
  it.each<[string, Partial<LockSeen>, string]>([
    [
      'another run that does not say who it is',
      {},
      '.tend is locked by another tend run; wait for it to finish, or pass --lock-timeout (e.g. 5m) to wait for it',
    ],
    [
      'another apply, waited for',
      { holder: { kind: 'tend apply', pid: 42 }, running: true, waitedMs: 5000 },
      '.tend is locked by tend apply (pid 42) (waited 5s); wait for it to finish, or pass a longer --lock-timeout (e.g. 5m) to wait for it',
    ],
    [
      'a watcher, which never lets go: no --lock-timeout advice',
      { holder: { kind: 'tend watch', pid: 7 }, running: true, waitedMs: 60_000 },
      '.tend is locked by tend watch (pid 7), which holds it for as long as it runs and applies the specs itself: stop it to run tend apply by hand',
    ],
    [
      'a destroy refused by a watcher names itself',
      { holder: { kind: 'tend watch', pid: 7 }, running: true, requester: 'tend destroy' },
      '.tend is locked by tend watch (pid 7), which holds it for as long as it runs and applies the specs itself: stop it to run tend destroy by hand',
    ],
    [
      'a killed holder: when its lock expires',
      { holder: { kind: 'tend apply', pid: 42 }, running: false, ageMs: 4200 },
      'the lock of .tend was left by tend apply (pid 42), which is no longer running; it expires in 26 s, and the next run then takes it over',
    ],
    [
      'a killed watcher is no watcher any more',
      { holder: { kind: 'tend watch', pid: 7 }, running: false, ageMs: 0 },
      'the lock of .tend was left by tend watch (pid 7), which is no longer running; it expires in 30 s, and the next run then takes it over',
    ],
    [
      'a holder that stopped refreshing (elsewhere, or stuck)',
      { holder: { kind: 'tend watch', pid: 7 }, running: true, ageMs: 23_000 },
      'the lock of .tend is held by tend watch (pid 7), which stopped refreshing it 23 s ago (killed, or stuck); it expires in 7 s, and the next run then takes it over',
    ],
    [
      'an unknown holder that stopped refreshing',
      { ageMs: 29_999 },
      'the lock of .tend is held by another tend run, which stopped refreshing it 29 s ago (killed, or stuck); it expires in 1 s, and the next run then takes it over',
    ],
    [
      'a refresh only a little late is no stop',
      { holder: { kind: 'tend apply', pid: 42 }, running: true, ageMs: 22_000 },
      '.tend is locked by tend apply (pid 42); wait for it to finish, or pass --lock-timeout (e.g. 5m) to wait for it',
    ],
    [
      'a killed holder whose lock is gone since',
      { holder: { kind: 'tend apply', pid: 42 }, running: false, ageMs: null },
      'the lock of .tend was left by tend apply (pid 42), which is no longer running; it is gone now: run again',
    ],
  ])('%s', (_case, over, message) => {
    expect(lockedMessage(seen(over))).toBe(message);
  });
});
