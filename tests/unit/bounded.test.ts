import { runBounded } from '../../src/reconcile/bounded.js';

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));
const items = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('runBounded', () => {
  it('runs every item, never more than width at once, and counts about ten times', async () => {
    let inFlight = 0;
    let peak = 0;
    const counts: number[] = [];

    const run = await runBounded(
      items(100),
      async () => {
        peak = Math.max(peak, ++inFlight);
        await tick();
        inFlight--;
      },
      { width: 3, stop: () => false, onCount: (done) => counts.push(done) },
    );

    expect(run).toEqual({ done: 100, error: null, stopped: false });
    expect(peak).toBe(3);
    expect(counts).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('starts nothing after the first failure and lets calls in flight finish', async () => {
    const started: number[] = [];

    const run = await runBounded(
      items(10),
      async (item) => {
        started.push(item);
        await tick();
        if (item === 2) throw new Error(`item ${item} broke`);
      },
      { width: 2, stop: () => false },
    );

    expect(run).toEqual({ done: 2, error: { code: 'PLUGIN_ERROR', message: 'item 2 broke', transient: false }, stopped: false });
    expect(started).toEqual([1, 2, 3]);
  });

  it('stops starting items once asked to', async () => {
    const started: number[] = [];

    const run = await runBounded(items(10), async (item) => void started.push(item), { width: 1, stop: () => started.length >= 4 });

    expect(run).toEqual({ done: 4, error: null, stopped: true });
    expect(started).toEqual([1, 2, 3, 4]);
  });
});
