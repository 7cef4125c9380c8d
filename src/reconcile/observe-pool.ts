/**
 * Calls `fn` on every item with at most `concurrency` calls in flight. Only that many promises
 * exist at once (workers pulling the next item), not one per item as a queueing limiter would
 * hold: observe() may judge tens of thousands of instances. `fn` should not reject; if it does,
 * the returned promise rejects with that error once it happens.
 */
export async function forEachBounded<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
