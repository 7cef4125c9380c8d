import { formatDuration, parseDuration } from '../../src/duration.js';

describe('durations', () => {
  it.each([
    ['500ms', 500],
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['45', 45_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'soon', '-1s', '5d', '1e3s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it.each([
    [50, '50ms'],
    [30_000, '30s'],
    [1500, '1.5s'],
    [120_000, '2m'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
