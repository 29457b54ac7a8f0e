import { Client } from '@temporalio/client';
import { nominationWorkflowId } from '../../libs/contracts/src';
import { type BenchContext, limiter } from '../harness/context';
import { timeline } from '../harness/timeline';
import { sustained } from '../harness/open-loop';
import type { Nominations } from './nominations';

/**
 * Nominations over HTTP: POST → the nomination workflow → its first review
 * task readable by the reviewer. The highest rate with p99 under 250 ms and
 * nothing left behind; and that rate over the baseline's.
 */
export async function submission(ctx: BenchContext, nominations: Nominations): Promise<void> {
  ctx.say('submission: POST /nominations → first task in the reviewer’s inbox');
  await ctx.warmUp(20, () => nominations.submit());
  const rates = ctx.quick ? [5, 10, 15, 20, 30, 40] : [5, 10, 15, 20, 25, 30, 35, 40, 50, 60, 70];
  const found = await ctx.findMaxRate(
    'submission',
    rates,
    ctx.quick ? 10 : 30,
    async (_i, mark) => {
      await nominations.submit(mark);
    },
    (r) => sustained(r) && r.latency.pct(99) < 250,
  );
  ctx.maxRates.submission = found.rate;
  ctx.figure({ name: 'submission', metric: 'max sustained rate (p99 < 250 ms)', value: found.rate, unit: 'nominations/s', limitedBy: limiter(found) });
  if (found.held) {
    ctx.figure({ name: 'submission', metric: 'p99 at max', value: found.held.latencyMs!.p99!, unit: 'ms' });
    ctx.figure({ name: 'submission', metric: 'p50 at max', value: found.held.latencyMs!.p50!, unit: 'ms' });
  }
  // One submission on a quiet system, and where its time went inside Temporal.
  const t0 = performance.now();
  const one = await nominations.submit();
  const total = Math.round(performance.now() - t0);
  const events = await timeline(new Client({ connection: ctx.stack.connection }), nominationWorkflowId(one.nominationId));
  ctx.timelines.push({ what: `one quiet submission, ${total} ms over HTTP`, events });
  ctx.say(`  one quiet submission: ${total} ms; history: ${events.map(([t, e]) => `${t} ${e}`).join(', ')}`);
  const base = ctx.maxRates.baseline;
  if (base) ctx.ratios.submissionVsBaseline = Math.round((found.rate / base) * 1000) / 1000;
}
