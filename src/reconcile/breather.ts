/** How long synchronous work may hold the event loop before a run lets timers and signals in. */
const BREATHE_EVERY_MS = 20;

/** Asked between two plugin calls: a pause to await when the run has held the event loop long enough, else undefined. */
export type Breather = () => Promise<void> | undefined;

/**
 * Plugins may do their work synchronously (the built-in file plugin does, for speed), and their
 * promises resolve as microtasks, so a run of thousands of calls would hold the event loop to the
 * end: the apply lock's heartbeat would not beat and Ctrl-C would not be heard. The breather
 * returns a pause every 20 ms of busy time, the same one to every caller until it is over (one
 * worker pausing alone would leave the others running), and undefined in between so that the
 * common path costs nothing. One breather serves a whole apply, so every step shares the clock.
 */
export function createBreather(): Breather {
  let last = performance.now();
  let pause: Promise<void> | undefined;
  return () => {
    if (pause) return pause;
    if (performance.now() - last < BREATHE_EVERY_MS) return undefined;
    pause = new Promise((resolve) =>
      setImmediate(() => {
        pause = undefined;
        last = performance.now();
        resolve();
      }),
    );
    return pause;
  };
}
