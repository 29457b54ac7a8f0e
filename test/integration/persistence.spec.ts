import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { demoTree, demoUsers, runMigrations, seedDemo, subtreeGrades } from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from '../support/database';
import { nominationInput } from '../support/fixtures';

describe('persistence on a real PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('has every migration applied, and running them again applies nothing', async () => {
    expect(await runMigrations(db.url)).toEqual([]);
    const tables = await db.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
    expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(
      expect.arrayContaining(['organisations', 'users', 'role_assignments', 'nominations', 'nomination_steps', 'tasks']),
    );
  });

  it("seeds Tai'an's demo tree as the issue describes it, and only once", async () => {
    // Hefei's bureau is a second root (test/integration/hefei); Tai'an's city is counted under its own.
    const [{ path: city }] = await db.dataSource.query(`SELECT path FROM organisations WHERE code = 'taian'`);
    const count = async (sql: string) => Number((await db.dataSource.query(sql, sql.includes('$1') ? [`${city}%`] : []))[0].n);
    const inCity = `path LIKE $1`;
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'city_committee' AND ${inCity}`)).toBe(1);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'org_department' AND ${inCity}`)).toBe(1);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'city_managed_committee' AND ${inCity}`)).toBe(3);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'grassroots_committee' AND ${inCity}`)).toBe(6);
    expect(await count(`SELECT count(*) n FROM organisations WHERE level = 'branch' AND ${inCity}`)).toBe(60);
    expect(await count(`SELECT count(DISTINCT domain) n FROM organisations WHERE level = 'branch' AND ${inCity}`)).toBe(7);
    const roles = `FROM role_assignments r JOIN organisations o ON o.id = r.organisation_id WHERE o.${inCity}`;
    expect(await count(`SELECT count(DISTINCT role) n ${roles}`)).toBe(6);
    expect(await count(`SELECT count(*) n ${roles}`)).toBe(demoUsers(demoTree()).length);
    // Every child's path extends its parent's.
    expect(await count(`SELECT count(*) n FROM organisations c JOIN organisations p ON p.id = c.parent_id WHERE c.path <> p.path || c.id || '/'`)).toBe(0);

    const again = await seedDemo(db.dataSource);
    expect(again.seeded).toBe(false);
    expect(await count(`SELECT count(*) n FROM organisations`)).toBe(again.organisations);
  });

  it('enforces the organisation levels and domains in the schema', async () => {
    await expect(
      db.dataSource.query(`INSERT INTO organisations (id, code, name, level, path) VALUES ($1, 'x', 'x', 'planet', '/x/')`, [randomUUID()]),
    ).rejects.toThrow(/check constraint/);
    await expect(
      db.dataSource.query(`INSERT INTO organisations (id, code, name, level, path) VALUES ($1, 'y', 'y', 'branch', '/y/')`, [randomUUID()]),
    ).rejects.toThrow(/check constraint/);
  });

  it('makes the nomination activities idempotent: a retry after a crash writes nothing twice', async () => {
    const acts = createActivities(db.dataSource);
    const input = await nominationInput(db.dataSource, 'tsq-cyjd-b05', randomUUID(), 2061);
    await acts.registerNomination(input);
    await acts.registerNomination(input);
    const task = {
      id: randomUUID(),
      workflowId: `nomination-${input.nominationId}`,
      kind: 'nomination_review' as const,
      title: 't',
      subjectType: 'nomination' as const,
      subjectId: input.nominationId,
      organisationId: input.reviewingCommittee.id,
      role: 'reviewer' as const,
      dueAt: null,
    };
    const at = new Date().toISOString();
    await acts.openTask({ ...task, at });
    await acts.openTask({ ...task, at });
    const reviewer = { userId: input.submittedBy.userId, displayName: 'r', role: 'reviewer' as const, organisationId: input.reviewingCommittee.id };
    const decision = { nominationId: input.nominationId, task, request: { taskId: task.id, decision: 'approve' as const, opinion: '同意', actor: reviewer }, organisationName: 'g', at };
    await acts.recordReviewDecision(decision);
    await acts.recordReviewDecision(decision);

    const steps = await db.dataSource.query(`SELECT action FROM nomination_steps WHERE nomination_id = $1 ORDER BY created_at`, [input.nominationId]);
    expect(steps.map((s: { action: string }) => s.action)).toEqual(['submitted', 'approve']);
    const tasks = await db.dataSource.query(`SELECT status FROM tasks WHERE subject_id = $1`, [input.nominationId]);
    expect(tasks).toEqual([{ status: 'completed' }]);
  });

  it('refuses a second live nomination for a branch and year, as a named rule', async () => {
    const acts = createActivities(db.dataSource);
    await acts.registerNomination(await nominationInput(db.dataSource, 'tsq-cyjd-b06', randomUUID(), 2062));
    await expect(acts.registerNomination(await nominationInput(db.dataSource, 'tsq-cyjd-b06', randomUUID(), 2062))).rejects.toMatchObject({
      type: 'DUPLICATE_NOMINATION',
      nonRetryable: true,
    });
  });

  it('keeps the campaign task counts and day counts equal to a recount, whatever writes the tasks', async () => {
    const ds = db.dataSource;
    const [city] = await ds.query(`SELECT id FROM organisations WHERE code = 'taian'`);
    const [admin] = await ds.query(`SELECT id FROM users LIMIT 1`);
    const committees: Array<{ id: string; path: string }> = await ds.query(`SELECT id, path FROM organisations WHERE level = 'grassroots_committee' AND code NOT LIKE 'hf-%' ORDER BY code`);
    const campaignId = randomUUID();
    await ds.query(
      `INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'taian', 2063, 't', $2, '{}', '[]', 'running', $3)`,
      [campaignId, city.id, admin.id],
    );
    const recount = () =>
      ds.query(
        `SELECT stage, organisation_id::text, count(*) FILTER (WHERE status = 'open')::int AS open, count(*) FILTER (WHERE status = 'completed')::int AS completed,
                count(*) FILTER (WHERE status = 'open' AND overdue)::int AS overdue, count(*) FILTER (WHERE missed > 0)::int AS missed
           FROM tasks WHERE campaign_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
        [campaignId],
      );
    const counted = () =>
      ds.query(
        `SELECT stage, organisation_id::text, open, completed, overdue, missed FROM campaign_task_counts
          WHERE campaign_id = $1 AND (open, completed, overdue, missed) <> (0, 0, 0, 0) ORDER BY 1, 2`,
        [campaignId],
      );
    // Work given and done per day (Beijing dates), by holder and for the whole campaign.
    const byDay = (groupBy: string) =>
      ds.query(
        `WITH e AS (SELECT organisation_id, (created_at AT TIME ZONE 'Asia/Shanghai')::date AS day, 1 AS c, 0 AS d FROM tasks WHERE campaign_id = $1
                    UNION ALL
                    SELECT organisation_id, (completed_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 1 FROM tasks
                     WHERE campaign_id = $1 AND status = 'completed' AND completed_at IS NOT NULL)
         SELECT ${groupBy}, sum(c)::int AS created, sum(d)::int AS completed FROM e GROUP BY ${groupBy} ORDER BY ${groupBy}`,
        [campaignId],
      );
    const expectCounted = async () => {
      expect(await counted()).toEqual(await recount());
      expect(
        await ds.query(
          `SELECT organisation_id::text, day::text, created, completed FROM campaign_task_days WHERE campaign_id = $1 AND (created, completed) <> (0, 0) ORDER BY 1, 2`,
          [campaignId],
        ),
      ).toEqual(await byDay('organisation_id::text, day::text'));
      expect(await ds.query(`SELECT day::text, created, completed FROM campaign_days WHERE campaign_id = $1 AND (created, completed) <> (0, 0) ORDER BY 1`, [campaignId])).toEqual(
        await byDay('day::text'),
      );
    };
    const insert = (n: number, status: string, overdue: boolean) =>
      ds.query(
        `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, campaign_id, stage, overdue, due_at,
                            created_at, completed_at)
         SELECT gen_random_uuid(), 'w', 'evaluation_vote', 't', 'organisation', gen_random_uuid(), ($2::uuid[])[1 + g % 3], ($3::text[])[1 + g % 3], 'reviewer',
                $4, $1, CASE WHEN g % 2 = 0 THEN 'applications' ELSE 'recommendation' END, $5, now(),
                now() - make_interval(days => g % 4), CASE WHEN $4 = 'completed' THEN now() - make_interval(days => g % 2) END
           FROM generate_series(1, $6::int) g`,
        [campaignId, committees.slice(0, 3).map((c) => c.id), committees.slice(0, 3).map((c) => c.path), status, overdue, n],
      );

    await insert(40, 'open', false); // one statement, many rows
    await insert(7, 'open', true);
    await insert(5, 'completed', false);
    await expectCounted();
    expect((await recount()).length).toBeGreaterThan(1);
    expect((await byDay('day::text')).length).toBeGreaterThan(1);

    // Upserts as the human-task activity writes them: an unchanged row counts nothing, a changed one moves between columns.
    const [one] = await ds.query(`SELECT id FROM tasks WHERE campaign_id = $1 AND status = 'open' AND NOT overdue LIMIT 1`, [campaignId]);
    const upsert = (status: string, missed: number) =>
      ds.query(
        `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, campaign_id, stage)
         SELECT id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, $2, campaign_id, stage FROM tasks WHERE id = $1
         ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, missed = $3`,
        [one.id, status, missed],
      );
    await upsert('open', 0);
    await upsert('completed', 1);
    await expectCounted();

    // Concurrent writers on the same organisations and stages: every change is counted once.
    const ids: Array<{ id: string }> = await ds.query(`SELECT id FROM tasks WHERE campaign_id = $1 AND status = 'open'`, [campaignId]);
    await Promise.all(
      ids.map(({ id }, i) =>
        ds.query(i % 3 === 0 ? `UPDATE tasks SET overdue = true, missed = 1 WHERE id = $1` : i % 3 === 1 ? `UPDATE tasks SET status = 'cancelled' WHERE id = $1` : `UPDATE tasks SET status = 'completed', completed_at = now() - interval '1 day' WHERE id = $1`, [id]),
      ),
    );
    await expectCounted();

    // A statement that fails counts nothing.
    await expect(ds.query(`UPDATE tasks SET status = CASE WHEN stage = 'applications' THEN 'open' ELSE 'nonsense' END WHERE campaign_id = $1`, [campaignId])).rejects.toThrow(/check constraint/);
    await ds.query(`DELETE FROM tasks WHERE campaign_id = $1 AND stage = 'applications'`, [campaignId]);
    await expectCounted();
  });

  it("keeps every organisation's subtree branch grades equal to a recount, whatever writes the ledger or the tree", async () => {
    const ds = db.dataSource;
    const recount = () =>
      ds.query(
        `SELECT a.id AS organisation_id, count(*)::int AS branches, count(*) FILTER (WHERE l.grade = 'advanced')::int AS advanced,
                count(*) FILTER (WHERE l.grade = 'average')::int AS average, count(*) FILTER (WHERE l.grade = 'lagging')::int AS lagging,
                count(*) FILTER (WHERE l.grade = 'weak_and_lax')::int AS weak_and_lax
           FROM organisations b LEFT JOIN ledger_entries l ON l.branch_id = b.id
           CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from b.path), '/')) a(id)
          WHERE b.level = 'branch' GROUP BY a.id ORDER BY a.id`,
      );
    const counted = () =>
      ds.query(
        `SELECT organisation_id::text, branches, advanced, average, lagging, weak_and_lax FROM subtree_branch_grades
          WHERE (branches, advanced, average, lagging, weak_and_lax) <> (0, 0, 0, 0, 0) ORDER BY organisation_id::text`,
      );
    const expectCounted = async () => expect(await counted()).toEqual(await recount());
    await expectCounted(); // what the migration counted, and the demo seed after it
    expect((await counted()).some((c: { advanced: number; average: number }) => c.advanced > 0 && c.average > 0)).toBe(true);

    // A new committee with branches, in one statement; then their ledger, in another.
    const [county] = await ds.query(`SELECT id, path FROM organisations WHERE level = 'grassroots_committee' AND code NOT LIKE 'hf-%' ORDER BY code LIMIT 1`);
    const committee = randomUUID();
    await ds.query(`INSERT INTO organisations (id, code, name, level, parent_id, path) VALUES ($1, $2, '测试党委', 'grassroots_committee', $3, $4)`, [
      committee,
      `grades-${committee}`,
      county.id,
      `${county.path}${committee}/`,
    ]);
    const branches: string[] = Array.from({ length: 6 }, () => randomUUID());
    await ds.query(
      `INSERT INTO organisations (id, code, name, level, domain, parent_id, path)
       SELECT id, 'grades-' || id, '测试支部', 'branch', 'rural', $2, $3 || id || '/' FROM unnest($1::uuid[]) id`,
      [branches, committee, `${county.path}${committee}/`],
    );
    await expectCounted();
    await ds.query(
      `INSERT INTO ledger_entries (branch_id, grade) SELECT id, (ARRAY['advanced', 'average', 'lagging'])[1 + ordinality % 3] FROM unnest($1::uuid[]) WITH ORDINALITY id`,
      [branches.slice(0, 5)],
    );
    await expectCounted();

    // Upserts as the ledger's writers make them (an unchanged grade counts nothing), a plain regrade, an edit of the text only.
    const upsert = (branch: string, grade: string) =>
      ds.query(`INSERT INTO ledger_entries (branch_id, grade) VALUES ($1, $2) ON CONFLICT (branch_id) DO UPDATE SET grade = EXCLUDED.grade`, [branch, grade]);
    await upsert(branches[0]!, 'weak_and_lax');
    await upsert(branches[1]!, 'weak_and_lax');
    await upsert(branches[5]!, 'advanced');
    await ds.query(`UPDATE ledger_entries SET grade = 'average' WHERE branch_id = ANY($1)`, [branches.slice(2, 4)]);
    await ds.query(`UPDATE ledger_entries SET problems = '无' WHERE branch_id = ANY($1)`, [branches]);
    await expectCounted();

    // A writer sees its own earlier writes, as the naming of several branches in one transaction does.
    await ds.transaction(async (em) => {
      const before = (await subtreeGrades(em, [committee])).get(committee)!;
      await em.query(`UPDATE ledger_entries SET grade = 'advanced' WHERE branch_id = $1`, [branches[0]]);
      expect((await subtreeGrades(em, [committee])).get(committee)!.byGrade.advanced).toBe(before.byGrade.advanced + 1);
    });

    // A failed statement counts nothing; a branch that moves takes its grade along; removals count down.
    await expect(ds.query(`UPDATE ledger_entries SET grade = CASE WHEN branch_id = $1 THEN 'average' ELSE 'nonsense' END WHERE branch_id = ANY($2)`, [branches[0], branches])).rejects.toThrow(
      /check constraint/,
    );
    await ds.query(`UPDATE organisations SET parent_id = $2, path = $3 WHERE id = $1`, [branches[4], county.id, `${county.path}${branches[4]}/`]);
    await ds.query(`DELETE FROM ledger_entries WHERE branch_id = $1`, [branches[3]]);
    await ds.query(`DELETE FROM organisations WHERE id = $1`, [branches[3]]);
    await expectCounted();
    expect((await subtreeGrades(ds, [committee])).get(committee)).toEqual({ branches: 4, byGrade: { advanced: 2, average: 1, lagging: 0, weak_and_lax: 1 } });
    expect((await subtreeGrades(ds, [randomUUID()])).values().next().value).toEqual({ branches: 0, byGrade: { advanced: 0, average: 0, lagging: 0, weak_and_lax: 0 } });
  });
});
