import { FailureLog } from '../../src/run/failure-log.js';
import { Health } from '../../src/run/health.js';
import { recordingLogger } from '../helpers/pipeline-world.js';

const GIT_DOWN = { code: 'GIT_UNREACHABLE', message: 'cannot reach the server', transient: true };
const INVALID = { code: 'SPEC_INVALID', message: '2 problems in 1 spec file', transient: false };

describe('the watcher health', () => {
  let now = 0;
  const health = (): Health => new Health(1000, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it.each([
    ['starting, within three intervals', [], 2000, true, 'starting'],
    ['starting for longer', [], 3500, false, 'has not ended'],
    ['after a good tick', [null], 0, true, null],
    ['failing transiently for under three intervals', [GIT_DOWN, GIT_DOWN], 2500, true, 'retrying: GIT_UNREACHABLE'],
    ['failing transiently for longer', [GIT_DOWN], 3500, false, 'GIT_UNREACHABLE: cannot reach'],
    ['stalled on an invalid commit', [INVALID], 0, false, 'SPEC_INVALID: 2 problems'],
    ['recovered', [GIT_DOWN, null], 10_000, true, null],
  ] as const)('%s', (_name, ticks, later, ok, reason) => {
    const h = health();
    for (const tick of ticks) h.record(tick);

    now += later;
    const status = h.status();

    expect(status.ok).toBe(ok);
    if (reason === null) expect(status.reason).toBeNull();
    else expect(status.reason).toContain(reason);
  });
});

describe('a repeated failure in the log', () => {
  it('is said once per distinct cause, then how often it came back, then that it is over', () => {
    const lines: string[] = [];
    const failures = new FailureLog(recordingLogger(lines));

    for (let i = 0; i < 4; i += 1) failures.failed('GIT_UNREACHABLE x', 'cannot reach x');
    failures.failed('GIT_AUTH x', 'credentials refused');
    failures.recovered('the source answers');
    failures.recovered('the source answers');

    expect(lines).toEqual([
      'error: cannot reach x',
      'warn: the failure above happened 3 more times',
      'error: credentials refused',
      'info: the source answers again',
    ]);
  });
});
