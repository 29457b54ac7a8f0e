/**
 * Children started for every unit of a large tree go out a chunk at a time:
 * a chunk's starts share one workflow task, and no workflow task carries
 * hundreds of starts (the server's answer to one that does outgrows what the
 * client accepts, and the task retries for ever).
 */
export const START_CHUNK = 25;

/** `start` for each item, START_CHUNK at once, a chunk after the one before has started; the results in the items' order. */
export async function startInChunks<T, R>(items: readonly T[], start: (item: T) => Promise<R>): Promise<R[]> {
  const started: R[] = [];
  for (let i = 0; i < items.length; i += START_CHUNK) started.push(...(await Promise.all(items.slice(i, i + START_CHUNK).map(start))));
  return started;
}
