import { START_CHUNK, startInChunks } from '../../workflows/steps/in-chunks';

describe('startInChunks', () => {
  it('starts at most a chunk at once, each chunk after the one before, and answers in the items’ order', async () => {
    const items = Array.from({ length: 2 * START_CHUNK + 7 }, (_, i) => i);
    let inFlight = 0;
    let most = 0;
    const batches: number[][] = [];
    const started = await startInChunks(items, async (i) => {
      if (i % START_CHUNK === 0) batches.push([]);
      batches.at(-1)!.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return i * 2;
    });
    expect(most).toBe(START_CHUNK);
    expect(batches.map((b) => b.length)).toEqual([START_CHUNK, START_CHUNK, 7]);
    expect(started).toEqual(items.map((i) => i * 2));
  });
});
