import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { type BenchContext, limiter } from '../harness/context';
import { sustained } from '../harness/open-loop';
import { highestWithinBound, rateLadder } from '../harness/rate-ladder';
import { BASELINE_TASK_QUEUE } from '../harness/stack';
import { timeline } from '../harness/timeline';

/**
 * Bare Temporal on the same server: start a trivial workflow, signal it, let
 * it run one activity. The highest rate whose start p95 stays under 150 ms
 * with everything finished (no growing backlog).
 */
export async function baseline(ctx: BenchContext): Promise<void> {
  ctx.say('baseline: bare Temporal start + signal + activity');
  const client = new Client({ connection: ctx.stack.connection });
  const run = randomUUID().slice(0, 8);
  const warm = async () => {
    const h = await client.workflow.start('baselineWorkflow', { taskQueue: BASELINE_TASK_QUEUE, workflowId: `baseline-${run}-warm-${randomUUID()}` });
    await h.signal('go');
    await h.result();
  };
  await ctx.warmUp(20, warm);
  // Then a burst of concurrent ones, which lands on every history shard: on a fresh cluster the second history node is still taking
  // over its shards, and the first timed step would otherwise measure that hand-over.
  await ctx.warmUp(4, () => Promise.all(Array.from({ length: 32 }, warm)));
  // From 5/s: a setup whose first step already breaks still gets a figure (a cluster sharing two cores with its PostgreSQL).
  const rates = rateLadder(ctx.quick, 5);
  const found = await ctx.findMaxRate(
    'baseline',
    rates,
    ctx.quick ? 10 : 30,
    async (i, mark) => {
      const handle = await client.workflow.start('baselineWorkflow', { taskQueue: BASELINE_TASK_QUEUE, workflowId: `baseline-${run}-${i}` });
      mark('start');
      await handle.signal('go');
      mark('signal');
      await handle.result();
    },
    (r) => sustained(r) && r.marks.get('start')!.pct(95) < 150,
  );
  ctx.maxRates.baseline = found.rate;
  // The submissions' headline bound too (start → completed p99 under 250 ms), so their ratio can be read like for like.
  ctx.maxRates.baselineWithinBound = highestWithinBound(ctx.steps.filter((st) => st.scenario === 'baseline' && st.label === 'ramp'));
  // Where one workflow's time goes on a quiet system: an illustration, so a failure here is counted, not the end of the scenario.
  let attempt = 0;
  await ctx
    .retrying('baseline: one quiet workflow', async () => {
      const quiet = await client.workflow.start('baselineWorkflow', { taskQueue: BASELINE_TASK_QUEUE, workflowId: `baseline-${run}-quiet-${attempt++}` });
      const t0 = performance.now();
      await quiet.signal('go');
      await quiet.result();
      const total = Math.round(performance.now() - t0);
      const events = await timeline(client, quiet.workflowId);
      ctx.timelines.push({ what: `one quiet baseline workflow, signal → result ${total} ms`, events });
      ctx.say(`  one quiet baseline workflow: signal → result ${total} ms; history: ${events.map(([t, e]) => `${t} ${e}`).join(', ')}`);
    })
    .catch(() => undefined);
  const held = found.held?.marksMs;
  ctx.figure({ name: 'baseline', metric: 'max sustained start+signal rate', value: found.rate, unit: 'workflows/s', limitedBy: limiter(found) });
  if (held) {
    ctx.figure({ name: 'baseline', metric: 'start p95 at max', value: held.start!.p95!, unit: 'ms' });
    ctx.figure({ name: 'baseline', metric: 'start→completed p99 at max', value: found.held!.latencyMs!.p99!, unit: 'ms' });
  }
  ctx.figure({ name: 'baseline', metric: 'max rate with start→completed p99 < 250 ms', value: ctx.maxRates.baselineWithinBound, unit: 'workflows/s' });
}
