import type { DataSource } from 'typeorm';
import type { BenchContext } from '../harness/context';
import type { People } from '../harness/people';
import type { Nominations } from './nominations';
import { openLoop } from '../harness/open-loop';
import { stolen, topCpu } from '../harness/resources';

const CHUNK = 100_000;

/**
 * A campaign with `total` tasks spread over every committee and stage, about
 * one in ten still open (some overdue), written straight into PostgreSQL the
 * way a year of work would leave them.
 */
export async function seedTasks(ctx: BenchContext, ds: DataSource, people: People, total: number): Promise<string> {
  const admin = await ctx.token(people.adminId);
  const created = await ctx.expect([201], 'POST', '/campaigns', admin, { process: 'taian', year: 2026, title: '基准测试用评选活动' });
  const campaignId = created.id as string;
  const plan = created.plan as Array<{ stage: string; dueOn: string; dueAt: string }>;
  await ds.query(`UPDATE campaigns SET status = 'running' WHERE id = $1`, [campaignId]);
  for (const [seq, s] of plan.entries()) {
    await ds.query(`INSERT INTO campaign_stages (campaign_id, stage, seq, label, opens_on, due_on, due_at, status) VALUES ($1, $2, $3, $2, $4, $4, $5, 'open')`, [
      campaignId,
      s.stage,
      seq,
      s.dueOn,
      s.dueAt,
    ]);
  }
  const started = performance.now();
  for (let from = 0; from < total; from += CHUNK) {
    const n = Math.min(CHUNK, total - from);
    await ds.query(
      `WITH c AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(path ORDER BY code) AS paths, count(*)::int AS n
                    FROM organisations WHERE level IN ('grassroots_committee', 'city_managed_committee')),
            s AS (SELECT array_agg(stage ORDER BY seq) AS st, count(*)::int AS n FROM campaign_stages WHERE campaign_id = $1)
       INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, outcome,
                          due_at, created_at, completed_at, group_id, overdue, campaign_id, stage)
       SELECT gen_random_uuid(), 'bench-seed-' || g, 'evaluation_vote', '基准测试任务 ' || g, 'organisation', gen_random_uuid(),
              c.ids[1 + g % c.n], c.paths[1 + g % c.n], 'reviewer',
              CASE WHEN g % 10 = 0 THEN 'open' ELSE 'completed' END,
              CASE WHEN g % 10 = 0 THEN NULL ELSE 'approve' END,
              now() - make_interval(days => g % 365) + interval '10 days',
              now() - make_interval(days => g % 365, secs => g % 86400),
              CASE WHEN g % 10 = 0 THEN NULL ELSE now() - make_interval(days => g % 365) + interval '2 days' END,
              gen_random_uuid(), g % 10 = 0 AND g % 365 > 10, $1, s.st[1 + g % s.n]
         FROM c, s, generate_series($2::int, $3::int) AS g`,
      [campaignId, from + 1, from + n],
    );
    ctx.say(`  inbox: ${from + n} of ${total} tasks seeded (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  return campaignId;
}

/**
 * The inbox and the dashboard under load: a table of `total` tasks, while
 * nominations arrive at half the highest sustained submission rate.
 */
export async function inbox(ctx: BenchContext, ds: DataSource, people: People, nominations: Nominations): Promise<void> {
  const total = ctx.quick ? 100_000 : 1_000_000;
  ctx.say(`inbox: ${total} tasks seeded in bulk, reads while submissions run at half their maximum`);
  const seedStarted = performance.now();
  const campaignId = await seedTasks(ctx, ds, people, total);
  ctx.figure({ name: 'inbox', metric: 'tasks seeded', value: total, unit: 'tasks' });
  ctx.figure({ name: 'inbox', metric: 'bulk seed time', value: Math.round((performance.now() - seedStarted) / 100) / 10, unit: 's' });
  // Settled as autovacuum and the checkpointer leave a table that grew over a year: otherwise the reads would measure the
  // vacuum of a million rows loaded a moment ago and the checkpoint of their write-ahead log, both then under way.
  const settleStarted = performance.now();
  for (const table of ['tasks', 'campaign_task_counts', 'campaign_task_days', 'campaign_days']) await ds.query(`VACUUM (ANALYZE) ${table}`);
  await ds.query(`CHECKPOINT`);
  ctx.figure({ name: 'inbox', metric: 'vacuum and checkpoint after the load', value: Math.round((performance.now() - settleStarted) / 100) / 10, unit: 's' });

  const seconds = ctx.quick ? 20 : 60;
  const submitRate = Math.max(1, Math.floor((ctx.maxRates.submission ?? 10) / 2));
  const inboxRate = 20;
  const dashboardRate = 5;
  const head = await ctx.token(people.headId);
  const reviewers = await Promise.all(people.committees.map((c) => ctx.token(c.reviewerId)));
  const heads = await Promise.all(people.committees.filter((c) => c.headId).map((c) => ctx.token(c.headId!)));
  const loads = [
    { label: 'submissions at half max', rate: submitRate, send: (_i: number, mark: (name: string) => void) => nominations.submit(mark).then(() => undefined) },
    {
      label: 'GET /tasks',
      rate: inboxRate,
      send: async (i: number) => {
        const page = await ctx.expect([200], 'GET', '/tasks?limit=20', reviewers[i % reviewers.length]!);
        if (!Array.isArray(page.items)) throw new Error('inbox without items');
      },
    },
    {
      label: 'GET /campaigns/{id}/dashboard',
      rate: dashboardRate,
      send: async (i: number) => {
        // Every other read is the whole city's; the rest a county's own.
        const token = i % 2 === 0 || heads.length === 0 ? head : heads[i % heads.length]!;
        await ctx.expect([200], 'GET', `/campaigns/${campaignId}/dashboard`, token);
      },
    },
  ];
  // The same three loads first, unmeasured, as the other scenarios warm up: the API's code and every pooled connection's
  // caches are cold after the load, which a system serving these reads all day never is.
  const warm = await Promise.all(loads.map((l) => openLoop(l.rate, ctx.quick ? 5 : 15, l.send)));
  const warmErrors = warm.reduce((n, r) => n + r.errors, 0);
  if (warmErrors) ctx.setupErrors['inbox warm-up'] = warmErrors;
  const [, inboxStep, dashStep] = await Promise.all(loads.map((l) => ctx.step('inbox', l.label, l.rate, seconds, l.send)));
  for (const [what, step] of [
    ['task inbox', inboxStep],
    ['dashboard', dashStep],
  ] as const) {
    const l = step.record.latencyMs!;
    const top = topCpu(step.record.resources, 2);
    ctx.figure({ name: 'inbox', metric: `${what} p95`, value: l.p95!, unit: 'ms' });
    ctx.figure({ name: 'inbox', metric: `${what} p99`, value: l.p99!, unit: 'ms', limitedBy: `${top} of a core (all three loads together${stolen(step.record.resources)})` });
  }
}
