/**
 * How many files are read at once: enough to keep libuv's four threads busy and the event loop
 * free between reads, few enough that open descriptors and buffers stay bounded however large
 * the folder.
 */
export const FILE_READ_WIDTH = 32;

/**
 * `fn` of every item, in the items' order, with at most `width` calls in flight (only that many
 * promises exist, however many items). At the first rejection no new call starts; the calls in
 * flight finish, then it rejects with that first error.
 */
export async function mapBounded<T, R>(items: readonly T[], width: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === null) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results;
}
