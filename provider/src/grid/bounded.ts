// Work over many nodes at once, bounded: a resource that spans 50 nodes (a network) would
// otherwise wait for each node in turn. After the first failure no new item starts, and the
// call returns only once every started item has settled, so the caller knows everything that
// was made before it rolls back.

/**
 * Runs `fn` on each item, at most `limit` at a time. Resolves with the first error thrown (or
 * undefined when all succeeded), once nothing is in flight any more.
 */
export async function eachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<Error | undefined> {
  let next = 0;
  let failure: Error | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const item = items[next++];
      try {
        await fn(item);
      } catch (err) {
        failure ??= err as Error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return failure;
}
