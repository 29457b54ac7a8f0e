import { RED_FLAG_STAGE_LABELS } from '../../../libs/processes/src/taian/plan';
import { OrganisationEntity } from '../../../libs/persistence/src';
import { ensureCalendarYear, sampleForm } from '../../support/fixtures';
import { type TestSystem, useSystem } from '../../support/system';
import { eventually } from '../../support/workflow-harness';

/**
 * Starting and steering a red-flag campaign over HTTP on the real stack (dev
 * server, compiled worker, PostgreSQL): who may, what a refusal says, and that
 * a refusal writes nothing. The whole year runs in test/workflow/taian/red-flag-campaign.spec.ts.
 */
describe('red-flag campaign control end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let campaignId: string;
  const chinese = /[\u4e00-\u9fa5]/;
  const auditCount = async () => Number((await sys.db.dataSource.query(`SELECT count(*) AS n FROM audit_log`))[0].n);
  const unchanged = async (request: () => Promise<unknown>) => {
    const before = await auditCount();
    const [campaign] = await sys.db.dataSource.query(`SELECT status, updated_at FROM campaigns WHERE id = $1`, [campaignId]);
    await request();
    expect(await auditCount()).toBe(before);
    expect((await sys.db.dataSource.query(`SELECT status, updated_at FROM campaigns WHERE id = $1`, [campaignId]))[0]).toEqual(campaign);
  };

  beforeAll(async () => {
    sys = system.sys();
    await ensureCalendarYear(sys.db.dataSource, 2027);
    const created = await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year: 2027, parameters: { quota: 3 } }).expect(201);
    campaignId = created.body.id;
  });

  it('only the organisation department administrator starts it; others are refused and nothing changes', async () => {
    await unchanged(async () => {
      expect((await sys.http.post(`/campaigns/${campaignId}/start`).set(await auth('head')).expect(403)).body.message).toMatch(chinese);
      await sys.http.post(`/campaigns/${campaignId}/start`).set(await auth('tsq.reviewer')).expect(403);
      await sys.http.post(`/campaigns/${campaignId}/start`).set(await auth('tsq-cyjd-b01.secretary')).expect(403);
      expect((await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'pause', reason: '尚未启动' }).expect(409)).body.message).toContain('尚未启动');
    });
    await sys.http.post(`/campaigns/${campaignId}/start`).set(await auth('admin')).expect(200);
    // "第一季度，各市管党委组织基层党委推荐申报": started in November, the campaign waits for the window to open on 1 January.
    const stages = await eventually(
      () => sys.db.dataSource.query(`SELECT stage, status, opens_on::text AS "opensOn" FROM campaign_stages WHERE campaign_id = $1 ORDER BY seq`, [campaignId]),
      (rows: Array<{ status: string }>) => rows.length === 7,
    );
    expect(stages[0]).toEqual({ stage: 'application', status: 'pending', opensOn: '2027-01-01' });
    expect((await sys.http.get(`/campaigns/${campaignId}`).set(await auth('tsq.head')).expect(200)).body.status).toBe('running');
    const dashboard = (await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth('head')).expect(200)).body;
    expect(dashboard.stages[0]).toMatchObject({ stage: 'application', opensOn: '2027-01-01', status: 'pending' });
  });

  it('a branch applying before the window opens is refused with the opening day, and nothing is stored', async () => {
    const branch = await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq-cyjd-b02' });
    const count = async () => Number((await sys.db.dataSource.query(`SELECT count(*) AS n FROM nominations WHERE branch_id = $1`, [branch.id]))[0].n);
    const res = await sys.http.post('/nominations').set(await auth('tsq-cyjd-b02.secretary')).send({ branchId: branch.id, campaignYear: 2027, form: sampleForm() }).expect(422);
    expect(res.body).toMatchObject({ code: 'APPLICATION_NOT_OPEN' });
    expect(res.body.message).toContain('2027年1月1日');
    expect(await count()).toBe(0);
    // A nomination of an earlier year, joined to this campaign as a year of work would leave it, for the dashboards below.
    const earlier = await sys.http.post('/nominations').set(await auth('tsq-cyjd-b02.secretary')).send({ branchId: branch.id, campaignYear: 2026, form: sampleForm() }).expect(201);
    await sys.db.dataSource.query(`UPDATE nominations SET campaign_id = $2 WHERE id = $1`, [earlier.body.id, campaignId]);
  });

  it('pause, resume and extend need a reason and the administrator; each is audited', async () => {
    await unchanged(async () => {
      expect((await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'pause' }).expect(400)).body.message).toMatch(chinese);
      await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'pause', reason: '   ' }).expect(400);
      await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'stop', reason: '无' }).expect(400);
      await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('head')).send({ action: 'pause', reason: '部长要求' }).expect(403);
      await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('tsq.reviewer')).send({ action: 'pause', reason: '越权' }).expect(403);
      const past = await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'extend', reason: '补报', stage: 'application', dueAt: '2020-01-01T00:00:00Z' }).expect(422);
      expect(past.body.message).toContain('晚于当前时间');
      await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'resume', reason: '未暂停' }).expect(422);
    });
    const paused = await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'pause', reason: '等待上级通知' }).expect(200);
    expect(paused.body.status).toBe('paused');
    expect((await sys.http.get(`/campaigns/${campaignId}`).set(await auth('head')).expect(200)).body.status).toBe('paused');
    await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'resume', reason: '已接通知，继续进行' }).expect(200);

    const tsq = await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq' });
    await sys.http
      .post(`/campaigns/${campaignId}/control`)
      .set(await auth('admin'))
      .send({ action: 'extend', reason: '泰山区因防汛延后申报', stage: 'application', dueAt: '2027-03-25T15:59:59Z', organisationId: tsq.id })
      .expect(200);
    const [ext] = await sys.db.dataSource.query(`SELECT reason, organisation_id FROM campaign_extensions WHERE campaign_id = $1`, [campaignId]);
    expect(ext).toEqual({ reason: '泰山区因防汛延后申报', organisation_id: tsq.id });
    const actions = (await sys.db.dataSource.query(`SELECT action, opinion FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [campaignId])) as Array<{ action: string; opinion: string }>;
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['campaign.pause', 'campaign.resume', 'campaign.extend']));
    expect(actions.find((a) => a.action === 'campaign.pause')?.opinion).toBe('等待上级通知');
    // The audit screen names the stage and the organisation, not their codes.
    const audit = (await sys.http.get(`/audit?subjectId=${campaignId}`).set(await auth('admin')).expect(200)).body as { items: Array<{ action: string; changes: Array<{ field: string; after: string | null }> }> };
    const extension = Object.fromEntries(audit.items.find((i) => i.action === 'campaign.extend')!.changes.map((c) => [c.field, c.after]));
    expect(extension).toMatchObject({ stage: RED_FLAG_STAGE_LABELS.application, organisationId: tsq.name });
  });

  it('the dashboard counts tasks by stage and lists late work by holder, earliest first and a few each', async () => {
    const ds = sys.db.dataSource;
    const [stage] = await ds.query(`SELECT stage FROM campaign_stages WHERE campaign_id = $1 ORDER BY seq LIMIT 1`, [campaignId]);
    const committee = await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq-cyjd' });
    const other = await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: 'dyq' });
    // Eight late tasks at one committee, two due tomorrow at another, three done: as a year of work leaves them.
    const add = (org: OrganisationEntity, n: number, status: string, overdue: boolean, due: string) =>
      ds.query(
        `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, overdue, due_at, campaign_id, stage)
         SELECT gen_random_uuid(), 'dashboard-test', 'evaluation_vote', '看板测试任务 ' || g, 'organisation', gen_random_uuid(), $1, $2, 'reviewer', $3, $4,
                now() + $5::interval - make_interval(days => g), $6, $7
           FROM generate_series(1, $8::int) g`,
        [org.id, org.path, status, overdue, due, campaignId, stage.stage, n],
      );
    await add(committee, 8, 'open', true, '0 days');
    await add(other, 2, 'open', false, '2 days');
    await add(committee, 3, 'completed', false, '0 days');
    // Done yesterday: an update of existing tasks, which the progress chart's day counts follow.
    await ds.query(`UPDATE tasks SET completed_at = now() - interval '1 day' WHERE workflow_id = 'dashboard-test' AND status = 'completed'`);

    const city = (await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth('head')).expect(200)).body;
    const [counted] = await ds.query(
      `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'open' AND overdue)::int AS overdue
         FROM tasks WHERE campaign_id = $1 AND stage = $2`,
      [campaignId, stage.stage],
    );
    expect(city.stages.find((s: { stage: string }) => s.stage === stage.stage)).toMatchObject(counted);
    expect(counted.overdue).toBe(8);
    const late = city.overdue.find((g: { organisationId: string }) => g.organisationId === committee.id);
    expect(late.count).toBe(8);
    expect(late.tasks).toHaveLength(5);
    expect(late.tasks.map((t: { dueAt: string }) => t.dueAt)).toEqual([...late.tasks.map((t: { dueAt: string }) => t.dueAt)].sort());
    expect(late.tasks[0].title).toBe('看板测试任务 8');
    expect(city.dueSoon.find((g: { organisationId: string }) => g.organisationId === other.id)).toMatchObject({ count: 2, organisationName: other.name });

    // The tree one level at a time: each unit's whole subtree counted, and a unit's own dashboard one level down.
    const tsq = await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq' });
    type Unit = { organisationId: string; open: number; overdue: number; dueSoon: number; hasUnits: boolean };
    const unit = (units: Unit[], id: string) => units.find((u) => u.organisationId === id);
    expect(unit(city.units, tsq.id)).toMatchObject({ overdue: 8, hasUnits: true });
    expect(unit(city.units, tsq.id)!.open).toBeGreaterThanOrEqual(8);
    expect(unit(city.units, other.id)).toMatchObject({ overdue: 0, dueSoon: 2 });
    expect(unit(city.units, committee.id)).toBeUndefined();
    const inTsq = (await sys.http.get(`/campaigns/${campaignId}/dashboard?organisationId=${tsq.id}`).set(await auth('head')).expect(200)).body;
    expect(unit(inTsq.units, committee.id)).toMatchObject({ overdue: 8, dueSoon: 0 });
    // Progress by day: every task of the campaign counted on the day it was given.
    const given = (await ds.query(`SELECT count(*)::int AS n FROM tasks WHERE campaign_id = $1`, [campaignId]))[0].n;
    expect(city.progress.reduce((n: number, d: { created: number }) => n + d.created, 0)).toBe(given);
    // …and every task done on the day it was completed: the chart agrees with the tasks themselves, for the city and for a county.
    const byDay = (under: string) =>
      ds.query(
        `WITH mine AS (SELECT created_at, completed_at, status FROM tasks WHERE campaign_id = $1 AND organisation_path LIKE $2),
              e AS (SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, 1 AS c, 0 AS d FROM mine
                    UNION ALL SELECT (completed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 1 FROM mine WHERE status = 'completed' AND completed_at IS NOT NULL)
         SELECT day::text AS day, sum(c)::int AS created, sum(d)::int AS completed FROM e GROUP BY day ORDER BY day`,
        [campaignId, under],
      );
    expect(city.progress).toEqual(await byDay('%'));
    expect(inTsq.progress).toEqual(await byDay(`${tsq.path}%`));
    expect(city.progress.some((d: { completed: number }) => d.completed >= 3)).toBe(true);
    expect(inTsq.overdue.map((g: { organisationId: string }) => g.organisationId)).toEqual([committee.id]);

    // A head of another subtree sees neither the committee's late work nor its counts.
    const dyq = (await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth('dyq.head')).expect(200)).body;
    expect(dyq.overdue).toEqual([]);
    expect(dyq.stages.find((s: { stage: string }) => s.stage === stage.stage).overdue).toBe(0);
    expect(dyq.dueSoon.map((g: { organisationId: string }) => g.organisationId)).toEqual([other.id]);
    expect(dyq.units.reduce((n: number, u: Unit) => n + u.overdue, 0)).toBe(0);
  });

  it('the dashboard lists the holders with the most late work, counts the rest, and its units still add up every one', async () => {
    const ds = sys.db.dataSource;
    const [stage] = await ds.query(`SELECT stage FROM campaign_stages WHERE campaign_id = $1 ORDER BY seq LIMIT 1`, [campaignId]);
    const branches: Array<{ id: string; path: string }> = await ds.query(
      `SELECT b.id, b.path FROM organisations b JOIN organisations c ON c.code = 'taian' WHERE b.level = 'branch' AND b.path LIKE c.path || '%' ORDER BY b.code LIMIT 50`,
    );
    expect(branches).toHaveLength(50);
    // 25 branches with late work and 25 with work due tomorrow, from one to four tasks each: more holders than a dashboard lists.
    const add = (b: { id: string; path: string }, n: number, overdue: boolean) =>
      ds.query(
        `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, overdue, due_at, campaign_id, stage)
         SELECT gen_random_uuid(), 'dashboard-holders', 'evaluation_vote', '看板组织数测试 ' || g, 'organisation', gen_random_uuid(), $1, $2, 'secretary', 'open', $3,
                now() + CASE WHEN $3 THEN interval '-1 day' ELSE interval '1 day' END + make_interval(mins => g), $4, $5
           FROM generate_series(1, $6::int) g`,
        [b.id, b.path, overdue, campaignId, stage.stage, n],
      );
    for (const [i, b] of branches.entries()) await add(b, 1 + (i % 4), i < 25);
    try {
      const before = await ds.query(
        `SELECT count(DISTINCT organisation_id) FILTER (WHERE overdue)::int AS late, count(DISTINCT organisation_id) FILTER (WHERE NOT overdue)::int AS soon,
                count(*) FILTER (WHERE NOT overdue)::int AS "soonTasks"
           FROM tasks WHERE campaign_id = $1 AND status = 'open' AND (overdue OR (due_at IS NOT NULL AND due_at < now() + interval '72 hours'))`,
        [campaignId],
      );
      const city = (await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth('head')).expect(200)).body;
      type Group = { organisationId: string; count: number; tasks: unknown[] };
      expect(before[0].late).toBeGreaterThan(20);
      expect(city.overdueHolders).toBe(before[0].late);
      expect(city.dueSoonHolders).toBe(before[0].soon);
      for (const list of [city.overdue, city.dueSoon] as Group[][]) {
        expect(list).toHaveLength(20);
        // The most first, each with its earliest few.
        expect(list.map((g) => g.count)).toEqual([...list.map((g) => g.count)].sort((a, b) => b - a));
        expect(list.every((g) => g.tasks.length === Math.min(5, g.count))).toBe(true);
      }
      expect(city.overdue[0]).toMatchObject({ count: 8 }); // the committee's eight of the test above
      // Every holder still counts in its unit, listed or not.
      expect(city.units.reduce((n: number, u: { dueSoon: number }) => n + u.dueSoon, 0)).toBe(before[0].soonTasks);
    } finally {
      await ds.query(`DELETE FROM tasks WHERE workflow_id = 'dashboard-holders'`);
    }
  });

  it('the dashboard shows each head their own subtree only', async () => {
    const city = await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth('head')).expect(200);
    expect(city.body.stages).toHaveLength(7);
    expect(city.body.candidates.items.length).toBe(1);
    const dyq = await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth('dyq.head')).expect(200);
    expect(dyq.body.candidates.items).toHaveLength(0);
    const tsq = await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq' });
    await sys.http.get(`/campaigns/${campaignId}/dashboard?organisationId=${tsq.id}`).set(await auth('dyq.head')).expect(404);
    expect((await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth('tsq-cyjd-b01.secretary')).expect(403)).body.message).toMatch(chinese);
    await sys.http.get(`/campaigns/${campaignId}/dashboard?organisationId=not-a-uuid`).set(await auth('head')).expect(400);
  });

  it('refuses an application from a branch graded weak and lax (422 BRANCH_INELIGIBLE, the rule named, nothing written) until its committee regrades it, then only the window stands', async () => {
    const ds = sys.db.dataSource;
    const [weak] = await ds.query(
      `SELECT b.id, b.code, b.name, p.code AS committee FROM organisations b JOIN organisations p ON p.id = b.parent_id JOIN ledger_entries l ON l.branch_id = b.id
        WHERE l.grade = 'weak_and_lax' AND b.code LIKE 'tsq-%' ORDER BY b.code LIMIT 1`,
    );
    const apply = async () => sys.http.post('/nominations').set(await auth(`${weak.code}.secretary`)).send({ branchId: weak.id, campaignYear: 2027, form: sampleForm() });
    const nominations = async () => Number((await ds.query(`SELECT count(*) AS n FROM nominations WHERE branch_id = $1`, [weak.id]))[0].n);
    await unchanged(async () => {
      const refused = await (await apply()).body;
      expect(refused).toMatchObject({ statusCode: 422, code: 'BRANCH_INELIGIBLE' });
      expect(refused.message).toBe(`评选资格规则：${weak.name}在台账中为软弱涣散党支部，整改经上级党委验收、重新评定等次之前，不能申报或推荐为红旗党支部`);
      expect(await nominations()).toBe(0);
    });
    // Its rectification accepted, the committee above regrades it with the reason on the record; then it may apply.
    const regraded = await sys.http.put(`/ledger/${weak.id}`).set(await auth(`${weak.committee}.reviewer`)).send({ grade: 'lagging', reason: '整改期满，经街道党工委验收，软弱涣散问题基本解决' }).expect(200);
    expect(regraded.body.history.at(-1)).toMatchObject({ source: 'review', previousGrade: 'weak_and_lax', grade: 'lagging', reason: expect.stringContaining('验收') });
    expect((await (await apply()).body).message).toContain('后进党支部');
    await sys.http.put(`/ledger/${weak.id}`).set(await auth(`${weak.committee}.reviewer`)).send({ grade: 'average', reason: '整改验收合格，评定为中间' }).expect(200);
    // Eligible now: what still stands between it and applying is the window, which opens on 1 January of the campaign year.
    expect((await apply()).body).toMatchObject({ statusCode: 422, code: 'APPLICATION_NOT_OPEN' });
    expect(await nominations()).toBe(0);
  });

  it('cancelling needs a reason, closes the campaign and its open work', async () => {
    await sys.http.post(`/campaigns/${campaignId}/control`).set(await auth('admin')).send({ action: 'cancel', reason: '上级通知本年度暂停评选' }).expect(200);
    await eventually(
      () => sys.db.dataSource.query(`SELECT status FROM campaigns WHERE id = $1`, [campaignId]),
      (rows: Array<{ status: string }>) => rows[0]!.status === 'cancelled',
    );
    const open = await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM campaign_stages WHERE campaign_id = $1 AND status IN ('open', 'pending')`, [campaignId]);
    expect(open[0].n).toBe(0);
  });
});
