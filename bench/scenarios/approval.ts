import type { DataSource } from 'typeorm';
import type { BenchContext } from '../harness/context';
import type { People } from '../harness/people';
import type { Nominations } from './nominations';
import { topCpu } from '../harness/resources';

interface OpenReview {
  taskId: string;
  nominationId: string;
  reviewerId: string;
  submitterId: string;
}

/** Open review tasks left by the submissions, topped up (a few at a time) when there are too few. */
async function openReviews(ctx: BenchContext, ds: DataSource, people: People, nominations: Nominations, needed: number): Promise<OpenReview[]> {
  const have = async (): Promise<number> => Number((await ds.query(`SELECT count(*) AS n FROM tasks WHERE kind = 'nomination_review' AND status = 'open'`))[0].n);
  let missing = needed - (await have());
  if (missing > 0) ctx.say(`  approval: submitting ${missing} more nominations first`);
  let failed = 0;
  while (missing > 0) {
    const batch = Math.min(missing, 8);
    // A failed submission is counted and made up for by the next batch; only a run that cannot submit at all stops here.
    const results = await Promise.allSettled(Array.from({ length: batch }, () => ctx.retrying('approval: topping up reviews', () => nominations.submit())));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    failed += batch - ok;
    if (failed > Math.max(20, needed / 10)) throw new Error(`approval: ${failed} top-up submissions failed`);
    missing -= ok;
  }
  const reviewerOf = new Map(people.committees.map((c) => [c.id, c.reviewerId]));
  const submitterOf = new Map(people.branches.map((b) => [b.id, b.submitterId]));
  const rows: Array<{ task: string; nomination: string; org: string; branch: string }> = await ds.query(
    `SELECT t.id AS task, t.subject_id AS nomination, t.organisation_id AS org, n.branch_id AS branch
       FROM tasks t JOIN nominations n ON n.id = t.subject_id
      WHERE t.kind = 'nomination_review' AND t.status = 'open' ORDER BY t.created_at LIMIT $1`,
    [needed],
  );
  return rows.map((r) => ({ taskId: r.task, nominationId: r.nomination, reviewerId: reviewerOf.get(r.org)!, submitterId: submitterOf.get(r.branch)! }));
}

/**
 * A reviewer approves over HTTP and the submitter sees the outcome (in the
 * nomination review the approval is the last step, so what the next person
 * sees is the approved nomination). p50/p95/p99 at 5, 20 and 50 a second.
 */
export async function approval(ctx: BenchContext, ds: DataSource, people: People, nominations: Nominations): Promise<void> {
  ctx.say('approval: POST /tasks/{id}/decision → the outcome visible to the submitter');
  const seconds = ctx.quick ? 10 : 30;
  const rates = [5, 20, 50];
  const reviews = await openReviews(ctx, ds, people, nominations, rates.reduce((a, r) => a + r * seconds, 0));
  let next = 0;
  for (const rate of rates) {
    const { record } = await ctx.step('approval', 'fixed', rate, seconds, async (_i, mark) => {
      const r = reviews[next++];
      if (!r) throw new Error('ran out of open review tasks');
      await ctx.expect([200], 'POST', `/tasks/${r.taskId}/decision`, await ctx.token(r.reviewerId), { decision: 'approve', opinion: '同意推荐' });
      mark('answered');
      const seen = await ctx.expect([200], 'GET', `/nominations/${r.nominationId}`, await ctx.token(r.submitterId));
      if (seen.status !== 'approved') throw new Error(`nomination ${r.nominationId} is ${String(seen.status)} after approval`);
    });
    const l = record.latencyMs!;
    const top = topCpu(record.resources, 2);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      ctx.figure({ name: 'approval', metric: `${p} at ${rate}/s`, value: l[p]!, unit: 'ms', ...(p === 'p99' ? { limitedBy: `${top} of a core${record.sustained ? '' : '; NOT sustained'}` } : {}) });
    }
  }
}
