import type { Logger } from '../../src/log.js';
import { RateLimitGate } from '../../src/report/github/rate-limit-gate.js';

const T0 = Date.parse('2026-12-06T15:00:00Z');
const answer = (status: number, headers: Record<string, string>, body = '') => ({
  status,
  headers: new Headers(headers),
  text: () => Promise.resolve(body),
});

describe('RateLimitGate: when GitHub takes requests again', () => {
  let now: number;
  let lines: Array<{ message: string; code: unknown }>;
  const log: Logger = {
    info: () => undefined,
    warn: (message, fields) => lines.push({ message, code: fields?.code }),
    error: () => undefined,
    problem: () => undefined,
  };
  const gate = () => new RateLimitGate(log, { unitMs: 1000, now: () => now });

  beforeEach(() => {
    now = T0;
    lines = [];
  });

  it.each([
    ['a 429 with retry-after in seconds', answer(429, { 'retry-after': '60' }), true, T0 + 60_000],
    [
      'a 403 secondary limit with retry-after as an HTTP date',
      answer(403, { 'retry-after': 'Sun, 06 Dec 2026 15:02:00 GMT' }, '{"message":"secondary rate limit"}'),
      true,
      T0 + 120_000,
    ],
    [
      'a 403 secondary limit naming no time: a minute',
      answer(403, {}, '{"message":"You have exceeded a secondary rate limit."}'),
      true,
      T0 + 60_000,
    ],
    [
      'a 403 of the primary limit: its reset',
      answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 + 90) }),
      true,
      T0 + 90_000,
    ],
    [
      'a success that spent the last request: closed until the reset, yet no refusal',
      answer(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(T0 / 1000 + 30) }),
      false,
      T0 + 30_000,
    ],
    [
      'a 403 for a missing permission: no limit at all',
      answer(403, {}, '{"message":"Resource not accessible by integration"}'),
      false,
      null,
    ],
    [
      'a success with requests left',
      answer(200, { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(T0 / 1000 + 30) }),
      false,
      null,
    ],
  ])('%s', async (_name, response, limited, until) => {
    const g = gate();

    expect(await g.note(response)).toBe(limited);
    expect(g.closedUntil()).toBe(until);
  });

  it('refuses at once when the wait does not fit, saying when in one line for all refusals of that limit; opens when the time comes', async () => {
    const g = gate();
    await g.note(answer(429, { 'retry-after': '60' }));

    await expect(g.admit(() => false)).rejects.toMatchObject({ code: 'GITHUB_RATE_LIMITED', transient: true });
    await expect(g.admit(() => false)).rejects.toMatchObject({ code: 'GITHUB_RATE_LIMITED' });
    now = T0 + 60_000;
    await g.admit(() => false);

    expect(lines).toEqual([
      {
        message: "GitHub reports: GitHub's rate limit: it takes requests again at 2026-12-06T15:01:00Z (in 1m); given up until then",
        code: 'GITHUB_RATE_LIMITED',
      },
    ]);
  });

  it('keeps the later of two times it was given', async () => {
    const g = gate();

    await g.note(answer(429, { 'retry-after': '60' }));
    await g.note(answer(429, { 'retry-after': '5' }));

    expect(g.closedUntil()).toBe(T0 + 60_000);
  });
});
