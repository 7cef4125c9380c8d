import { jest } from '@jest/globals';
import type { FlavorPlugin, Health, InstanceDescription } from '../../src/plugins/spi.js';
import { nextPollDelay, waitHealthy } from '../../src/reconcile/wait-healthy.js';

const instance: InstanceDescription = { ID: 'i-1', LogicalID: null, Tags: {} };

/** A flavor whose Healthy runs `answer` for each poll (counting from 1) and records when it was asked. */
function flavorAnswering(answer: (poll: number) => Promise<Health>) {
  const times: number[] = [];
  const flavor: FlavorPlugin = {
    validate: async () => {},
    prepare: async (_properties, spec) => spec,
    drain: async () => {},
    healthy: async () => {
      times.push(Date.now());
      return answer(times.length);
    },
  };
  return { flavor, times };
}

describe('waitHealthy', () => {
  // The clock is the test's: polls and deadlines are exact, whatever else the machine does.
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers at once for an instance that is already healthy', async () => {
    const { flavor, times } = flavorAnswering(async () => 1);

    const result = await waitHealthy(flavor, {}, instance, { timeoutMs: 1000, pollMs: 500 });

    expect(result).toEqual({ ok: true });
    expect(times).toHaveLength(1);
  });

  it('backs off between polls of a booting instance', async () => {
    const { flavor, times } = flavorAnswering(async (poll) => (poll < 4 ? 0 : 1));

    const waiting = waitHealthy(flavor, {}, instance, { timeoutMs: 1000, pollMs: 10 });
    await jest.runAllTimersAsync();
    const result = await waiting;

    const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
    expect(result).toEqual({ ok: true });
    expect(gaps).toEqual([10, 20, 40]);
  });

  it.each<[string, (poll: number) => Promise<Health>, string]>([
    ['unhealthy', async () => 2, 'unhealthy'],
    ['unknown', async () => 0, 'unknown'],
    ['failing', async () => Promise.reject(new Error('socket closed')), 'error: socket closed'],
    ['silent', () => new Promise<Health>(() => {}), 'no answer in time'],
  ])('gives up on a %s instance at the timeout', async (_kind, answer, last) => {
    const { flavor } = flavorAnswering(answer);
    const started = Date.now();

    const waiting = waitHealthy(flavor, {}, instance, { timeoutMs: 25, pollMs: 5 });
    await jest.runAllTimersAsync();
    const result = await waiting;

    expect(result).toEqual({ ok: false, reason: 'timeout', message: `instance i-1 not healthy after 25ms (last: ${last})` });
    expect(Date.now() - started).toBe(25);
  });

  it('stops waiting when aborted', async () => {
    const { flavor } = flavorAnswering(async () => 0);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    const started = Date.now();

    const waiting = waitHealthy(flavor, {}, instance, { timeoutMs: 10_000, pollMs: 5_000, signal: controller.signal });
    await jest.runAllTimersAsync();
    const result = await waiting;

    expect(result).toMatchObject({ ok: false, reason: 'aborted' });
    // At the abort, not at the next poll (5 s) or the deadline (10 s).
    expect(Date.now() - started).toBe(10);
  });
});

describe('nextPollDelay', () => {
  it.each([
    [2, 2, 4],
    [1500, 1000, 2000],
    [2000, 10, 2000],
    [3000, 3000, 3000],
  ])('after %i ms (first %i ms) waits %i ms', (current, first, expected) => {
    expect(nextPollDelay(current, first)).toBe(expected);
  });
});
