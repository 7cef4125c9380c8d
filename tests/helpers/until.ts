/**
 * Polls `predicate` until it holds: every 2 ms at first, then less often, at most 10 ms apart (a
 * test that waits seconds for a tick need not read a folder 500 times a second); rejects after
 * `timeoutMs` (saying `context()`, a watcher's log say), so that a test never hangs.
 */
export async function until(predicate: () => boolean, timeoutMs = 20_000, context?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 2; !predicate(); pause = Math.min(pause * 1.25, 10)) {
    if (Date.now() > deadline) throw new Error(`condition not met in time${context ? `; so far:\n${context()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/** As `until`, for a predicate that has to ask something first (an HTTP endpoint): polled every 20 ms. */
export async function untilAnswered(predicate: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
