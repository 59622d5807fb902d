/**
 * Bounded concurrency for file work: a service of 40,000 files read all at once runs out of
 * file descriptors (EMFILE) long before it runs out of anything else.
 *
 * Before: `await Promise.all(files.map(read))`
 * After:  `await forEachConcurrently(files, 64, read)`
 */

/** How many files are read or written at once. */
export const FILE_CONCURRENCY = 64;

/** Runs `task` over `items` with at most `limit` in flight; stops starting new ones after a failure, and rethrows it once all have settled. */
export async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await task(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  // Every worker settles before we return, so a caller's cleanup never races a task.
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
}

/** `items.map(task)` with at most `limit` in flight, results in order. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  await forEachConcurrently(items, limit, async (item, i) => {
    out[i] = await task(item);
  });
  return out;
}
