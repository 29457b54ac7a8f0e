import { BenchContext } from '../../bench/harness/context';
import { openLoop, sustained } from '../../bench/harness/open-loop';
import type { Stack } from '../../bench/harness/stack';

// The harness must survive a bad moment: a failed request is an error of its step, failed set-up work is retried and counted.
const stack = { jwtSecret: 'x'.repeat(32), pids: () => new Map<string, number>() } as unknown as Stack;
const quietContext = () => new BenchContext(stack, true, () => undefined);

describe('bench harness', () => {
  it('counts a failed request as an error of its step instead of ending the run', async () => {
    const r = await openLoop(200, 0.1, async (i) => {
      if (i % 5 === 0) throw new Error('fetch failed');
    });
    expect(r.sent).toBe(20);
    expect(r.errors).toBe(4);
    expect(r.ok).toBe(16);
    expect(r.errorSamples[0]).toBe('fetch failed');
    expect(sustained(r)).toBe(false);
  });

  it('retries set-up work and counts each failure by purpose', async () => {
    const ctx = quietContext();
    let calls = 0;
    const value = await ctx.retrying('topping up', async () => {
      if (++calls < 3) throw new Error('ECONNRESET');
      return 'done';
    });
    expect(value).toBe('done');
    expect(ctx.setupErrors).toEqual({ 'topping up': 2 });
  });

  it('gives up after the last try with the last error', async () => {
    const ctx = quietContext();
    await expect(ctx.retrying('seeding', () => Promise.reject(new Error('down')), 2)).rejects.toThrow('down');
    expect(ctx.setupErrors).toEqual({ seeding: 2 });
  });

  it('lets a warm-up lose some requests but not all of them', async () => {
    const ctx = quietContext();
    let i = 0;
    await ctx.warmUp(4, async () => {
      if (i++ === 1) throw new Error('fetch failed');
    });
    expect(ctx.setupErrors).toEqual({ 'warm-up': 1 });
    await expect(ctx.warmUp(3, () => Promise.reject(new Error('down')))).rejects.toThrow('every warm-up request failed (3)');
  });
});
