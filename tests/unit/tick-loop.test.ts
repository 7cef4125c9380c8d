import { TickLoop, type LoopWork } from '../../src/watch/tick-loop.js';
import { until } from '../helpers/until.js';

/** A loop's work that records each run and, while `hold` is set, does not finish until it is released. */
function recordingWork() {
  const runs: string[] = [];
  let running = 0;
  let overlapped = false;
  let release: (() => void) | null = null;
  let hold = false;
  const step = async (name: string): Promise<void> => {
    running += 1;
    overlapped ||= running > 1;
    runs.push(name);
    if (hold) await new Promise<void>((resolve) => (release = resolve));
    running -= 1;
  };
  const work: LoopWork = {
    full: (forced) => step(forced ? 'full (asked)' : 'full'),
    groups: async (ids) => {
      await step(`groups ${[...ids].sort().join(',')}`);
      return true;
    },
    drift: () => step('drift'),
  };
  return {
    work,
    runs,
    overlapped: () => overlapped,
    hold: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
  };
}

describe('the tick loop', () => {
  it('runs a full tick at once, then one per interval, never two at a time', async () => {
    const w = recordingWork();
    const stop = new AbortController();
    const loop = new TickLoop(30, w.work, stop.signal);

    const running = loop.run();
    await until(() => w.runs.length >= 3, 2000);
    stop.abort();
    await running;

    expect(w.runs.slice(0, 3)).toEqual(['full', 'full', 'full']);
    expect(w.overlapped()).toBe(false);
  });

  it('gathers what is asked while a tick runs into the next run: one full tick covers the groups asked for', async () => {
    const w = recordingWork();
    const stop = new AbortController();
    const loop = new TickLoop(60_000, w.work, stop.signal);
    w.hold();
    const running = loop.run();
    await until(() => w.runs.length === 1);

    loop.requestGroups(['web']);
    loop.requestFull();
    loop.requestFull();
    loop.requestGroups(['db']);
    w.release();
    await until(() => w.runs.length === 2);
    loop.requestGroups(['web']);
    loop.requestGroups(['db', 'web']);
    await until(() => w.runs.length === 3);
    stop.abort();
    await running;

    expect(w.runs).toEqual(['full', 'full (asked)', 'groups db,web']);
  });

  it('skips a drift check asked for while one waits or runs, and runs it after the first full tick', async () => {
    const w = recordingWork();
    const stop = new AbortController();
    const loop = new TickLoop(60_000, w.work, stop.signal);

    const first = loop.requestDrift();
    const second = loop.requestDrift();
    const running = loop.run();
    await until(() => w.runs.length === 2);
    const third = loop.requestDrift();
    await until(() => w.runs.length === 3);
    stop.abort();
    await running;

    expect([first, second, third]).toEqual([true, false, true]);
    expect(w.runs).toEqual(['full', 'drift', 'drift']);
  });

  it('ends once the tick in flight ends when stopped', async () => {
    const w = recordingWork();
    const stop = new AbortController();
    const loop = new TickLoop(10, w.work, stop.signal);
    w.hold();
    const running = loop.run();
    await until(() => w.runs.length === 1);

    stop.abort();
    let ended = false;
    void running.then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(ended).toBe(false);
    w.release();
    await running;

    expect(w.runs).toEqual(['full']);
  });
});
