import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { type DemoOrg, addTree, demoTree, demoUsers, hefeiDemoTree, hefeiDemoUsers, hefeiSimulatedTree, runMigrations, seedDemo } from '../../../libs/persistence/src';
import { HEFEI_DEFAULT_STANDARD } from '../../../libs/processes/src/hefei';
import { scopePathOf } from '../../../libs/domain/src';
import { type TestDatabase, createTestDatabase } from '../../support/database';

/** Hefei's data model and demo on a real PostgreSQL: the migration, the second tree, and Tai'an left as it was. */
describe('Hefei: migration and demo seed', () => {
  let db: TestDatabase;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => db.dataSource.query(sql, params) as Promise<T[]>;
  const n = async (sql: string, params: unknown[] = []) => Number((await q<{ n: string }>(sql, params))[0]!.n);
  const idOf = async (code: string) => (await q<{ id: string }>(`SELECT id FROM organisations WHERE code = $1`, [code]))[0]!.id;
  const userOf = async (username: string) => (await q<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username]))[0]!.id;
  /** A running Hefei campaign, as the generic API would create it, for rows that belong to one. */
  const campaign = async (year: number) => {
    const id = randomUUID();
    await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'hefei', $2, 't', $3, '{}', '[]', 'running', $4)`, [
      id,
      year,
      await idOf('hf-zzb'),
      await userOf('hf-zzb.admin'),
    ]);
    return id;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('has the Hefei migration applied, and running the migrations again applies nothing', async () => {
    expect(await runMigrations(db.url)).toEqual([]);
    const tables = (await q<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'hefei_%' ORDER BY 1`)).map((t) => t.table_name);
    expect(tables).toEqual([
      'hefei_cleanup_reviews',
      'hefei_committee_reports',
      'hefei_current_grades',
      'hefei_grading_standards',
      'hefei_gradings',
      'hefei_pairing_notes',
      'hefei_pairings',
      'hefei_progress_meetings',
      'hefei_rectification_steps',
      'hefei_rectifications',
      'hefei_special_inspections',
    ]);
    // The application may write the working tables, only append to the histories, and read the grades.
    const can = async (table: string, privilege: string) =>
      (await q<{ ok: boolean }>(`SELECT has_table_privilege('pennant_app', $1, $2) AS ok`, [table, privilege]))[0]!.ok;
    for (const t of tables.filter((t) => t !== 'hefei_current_grades')) {
      expect([t, await can(t, 'SELECT'), await can(t, 'INSERT')]).toEqual([t, true, true]);
    }
    expect(await can('hefei_rectifications', 'UPDATE')).toBe(true);
    expect(await can('hefei_rectification_steps', 'UPDATE')).toBe(false);
    expect(await can('hefei_pairing_notes', 'DELETE')).toBe(false);
    expect(await can('hefei_current_grades', 'SELECT')).toBe(true);
  });

  it("seeds Hefei's justice bureau as a second root, with its political department, four committees, forty branches and a user for each role", async () => {
    const root = (await q<{ id: string; level: string; parent_id: string | null; path: string }>(`SELECT id, level, parent_id, path FROM organisations WHERE code = 'hf'`))[0]!;
    expect(root).toMatchObject({ level: 'city_managed_committee', parent_id: null });
    const under = (level: string) => n(`SELECT count(*) n FROM organisations WHERE level = $1 AND path LIKE $2`, [level, `${root.path}%`]);
    expect(await under('political_department')).toBe(1);
    expect(await under('grassroots_committee')).toBe(4);
    expect(await under('branch')).toBe(40);
    expect(await n(`SELECT count(*) n FROM organisations WHERE path LIKE $1`, [`${root.path}%`])).toBe(46);

    const legal: Array<{ code: string; domain: string; member_count: number }> = await q(
      `SELECT code, domain, member_count FROM organisations WHERE level = 'branch' AND domain IN ('private_enterprise', 'social_organization') AND path LIKE $1 ORDER BY code`,
      [`${root.path}%`],
    );
    expect(new Set(legal.map((b) => b.domain))).toEqual(new Set(['private_enterprise', 'social_organization']));
    expect(legal.filter((b) => b.member_count > 0 && b.member_count < 3).map((b) => b.code)).toEqual(['hf-lsxh-ls07', 'hf-lsxh-qy01']);
    expect(legal.filter((b) => b.member_count === 0).map((b) => b.code)).toEqual(['hf-lsxh-ls08']);
    expect(await n(`SELECT count(*) n FROM organisations WHERE level = 'branch' AND member_count IS NULL AND path LIKE $1`, [`${root.path}%`])).toBe(0);

    const roles: Array<{ username: string; role: string; level: string }> = await q(
      `SELECT u.username, r.role, o.level FROM users u JOIN role_assignments r ON r.user_id = u.id JOIN organisations o ON o.id = r.organisation_id WHERE o.path LIKE $1`,
      [`${root.path}%`],
    );
    expect(roles).toHaveLength(hefeiDemoUsers(hefeiDemoTree()).length);
    expect(roles.length).toBe(3 + 3 + 4 * 3 + 40);
    expect(roles).toEqual(
      expect.arrayContaining([
        { username: 'hf.head', role: 'department_head', level: 'city_managed_committee' },
        { username: 'hf.reviewer', role: 'reviewer', level: 'city_managed_committee' },
        { username: 'hf-zzb.admin', role: 'administrator', level: 'political_department' },
        { username: 'hf-zzb.reviewer', role: 'reviewer', level: 'political_department' },
        { username: 'hf-ycjy.reviewer', role: 'reviewer', level: 'grassroots_committee' },
        { username: 'hf-lsxh.staff', role: 'submitter', level: 'grassroots_committee' },
        { username: 'hf-lsxh-ls07.secretary', role: 'submitter', level: 'branch' },
      ]),
    );

    // The political department acts for the bureau committee: its scope is the bureau's subtree, not Tai'an's.
    const zzb = (await q<{ level: 'political_department'; path: string }>(`SELECT level, path FROM organisations WHERE code = 'hf-zzb'`))[0]!;
    expect(scopePathOf(zzb)).toBe(root.path);
    // No Tai'an ledger (附件1) for Hefei's branches.
    expect(await n(`SELECT count(*) n FROM ledger_entries l JOIN organisations b ON b.id = l.branch_id WHERE b.path LIKE $1`, [`${root.path}%`])).toBe(0);
    // Pennant's default standard is a rubric the engine's assessments can point at.
    expect(await n(`SELECT count(*) n FROM rubrics WHERE code = $1 AND version = 1 AND (definition->>'isDefault')::boolean`, [HEFEI_DEFAULT_STANDARD.code])).toBe(1);
  });

  it("leaves Tai'an's demo figures as they were", async () => {
    const root = (await q<{ path: string }>(`SELECT path FROM organisations WHERE code = 'taian'`))[0]!;
    const under = (level: string) => n(`SELECT count(*) n FROM organisations WHERE level = $1 AND path LIKE $2`, [level, `${root.path}%`]);
    expect([await under('city_committee'), await under('org_department'), await under('city_managed_committee'), await under('grassroots_committee'), await under('branch')]).toEqual([
      1, 1, 3, 6, 60,
    ]);
    expect(await n(`SELECT count(*) n FROM ledger_entries l JOIN organisations b ON b.id = l.branch_id WHERE b.path LIKE $1`, [`${root.path}%`])).toBe(60);
    expect(
      await n(`SELECT count(*) n FROM role_assignments r JOIN organisations o ON o.id = r.organisation_id WHERE o.path LIKE $1`, [`${root.path}%`]),
    ).toBe(demoUsers(demoTree()).length);
    expect(await n(`SELECT count(*) n FROM organisations WHERE path LIKE $1 AND member_count IS NOT NULL`, [`${root.path}%`])).toBe(0);

    // Seeding again writes nothing, Hefei's tree included.
    const before = await n(`SELECT count(*) n FROM organisations`);
    const again = await seedDemo(db.dataSource);
    expect(again).toMatchObject({ seeded: false, organisations: before });
  });

  it('adds a separate tree where its root is missing, and only once (as the simulation seeds its bureau)', async () => {
    const recode = (o: DemoOrg): DemoOrg => ({ ...o, code: o.code.replace(/^hf/, 'hs'), children: o.children?.map(recode) });
    const tree = recode(hefeiSimulatedTree(45));
    const first = await addTree(db.dataSource, tree, hefeiDemoUsers);
    expect(first.seeded).toBe(true);
    expect(await n(`SELECT count(*) n FROM organisations WHERE code LIKE 'hs-%' AND level = 'branch'`)).toBe(45);
    expect(await n(`SELECT count(*) n FROM users WHERE username = 'hs-zzb.admin'`)).toBe(1);
    expect((await addTree(db.dataSource, tree, hefeiDemoUsers)).seeded).toBe(false);
    expect(await n(`SELECT count(*) n FROM organisations WHERE code LIKE 'hs-%' AND level = 'branch'`)).toBe(45);
  });

  it('enforces the new level, member counts and the standards as the rules need them', async () => {
    await expect(q(`UPDATE organisations SET member_count = -1 WHERE code = 'hf-lsxh-ls01'`)).rejects.toThrow(/check constraint/);
    await expect(q(`INSERT INTO organisations (id, code, name, level, path) VALUES ($1, 'x-bureau', 'x', 'bureau', '/x/')`, [randomUUID()])).rejects.toThrow(/check constraint/);

    const committee = await idOf('hf-ycjy');
    const staff = await userOf('hf-ycjy.staff');
    const version = (v: number, status: string, extra = '') =>
      q(
        `INSERT INTO hefei_grading_standards (id, committee_id, version, rubric, status, drafted_by, filed_at, decided_at, opinion)
         VALUES ($1, $2, $3, $4, $5, $6, ${status === 'draft' ? 'NULL' : 'now()'}, ${['returned', 'accepted', 'superseded'].includes(status) ? 'now()' : 'NULL'}, $7)`,
        [randomUUID(), committee, v, JSON.stringify({ ...HEFEI_DEFAULT_STANDARD, version: v }), status, staff, extra || null],
      );
    // Returned only with an opinion.
    await expect(version(1, 'returned')).rejects.toThrow(/check constraint/);
    await version(1, 'returned', '分值设置不合理，请修改');
    await version(2, 'accepted');
    // One accepted version at a time, one open version at a time, one row per version.
    await expect(version(3, 'accepted')).rejects.toThrow(/hefei_standards_one_accepted/);
    await version(3, 'filed');
    await expect(version(4, 'draft')).rejects.toThrow(/hefei_standards_one_open/);
    await expect(version(2, 'superseded')).rejects.toThrow(/duplicate key/);
  });

  it("keeps every grading of a branch, shows the latest as its current grade, and ties each rectification to where its problem was found", async () => {
    const campaignId = await campaign(2026);
    const branch = await idOf('hf-ycjy-jq1');
    const committee = await idOf('hf-ycjy');
    const secretary = await userOf('hf-ycjy-jq1.secretary');
    const [standard] = await q<{ id: string }>(`SELECT id FROM hefei_grading_standards WHERE committee_id = $1 AND status = 'accepted'`, [committee]);
    const grading = (attempt: number, status: string, grade: string | null, at: string | null) => {
      const id = randomUUID();
      return q(
        `INSERT INTO hefei_gradings (id, campaign_id, year, branch_id, committee_id, attempt, first_grading, standard_id, status, grade, graded_at)
         VALUES ($1, $2, 2026, $3, $4, $5, true, $6, $7, $8, $9)`,
        [id, campaignId, branch, committee, attempt, standard!.id, status, grade, at],
      ).then(() => id);
    };
    const first = await grading(1, 'graded', 'D', '2026-08-05T08:00:00Z');
    // A graded row needs its grade; one live round per branch and campaign.
    await expect(grading(2, 'graded', null, null)).rejects.toThrow(/check constraint/);
    await grading(2, 'self_assessment', null, null);
    await expect(grading(3, 'applied', null, null)).rejects.toThrow(/hefei_gradings_one_live/);
    await q(`UPDATE hefei_gradings SET status = 'graded', grade = 'B', graded_at = '2026-11-20T08:00:00Z' WHERE campaign_id = $1 AND branch_id = $2 AND attempt = 2`, [campaignId, branch]);
    expect(await q(`SELECT grade, attempt FROM hefei_current_grades WHERE branch_id = $1`, [branch])).toEqual([{ grade: 'B', attempt: 2 }]);
    expect((await q<{ grade: string }>(`SELECT grade FROM hefei_gradings WHERE branch_id = $1 AND status = 'graded' ORDER BY graded_at`, [branch])).map((r) => r.grade)).toEqual(['D', 'B']);

    const rectification = (source: string, inspection: string | null, gradingId: string | null) =>
      q(
        `INSERT INTO hefei_rectifications (id, campaign_id, branch_id, source, inspection_id, grading_id, dimension, problem, inspector_id, found_by, due_on, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'rules', '“三会一课”记录不规范', $7, $8, '2026-09-10', 'open')`,
        [randomUUID(), campaignId, branch, source, inspection, gradingId, committee, secretary],
      );
    await rectification('grading', null, first);
    await expect(rectification('special_inspection', null, null)).rejects.toThrow(/check constraint/);
    await expect(rectification('grading', null, null)).rejects.toThrow(/check constraint/);
  });

  it("refuses the application's login to rewrite a rectification's history", async () => {
    const campaignId = await campaign(2027);
    const branch = await idOf('hf-jds-dd1');
    const inspector = await idOf('hf');
    const user = await userOf('hf.reviewer');
    const inspection = randomUUID();
    await q(`INSERT INTO hefei_special_inspections (id, campaign_id, committee_id, half, inspector_id, status) VALUES ($1, $2, $3, 1, $4, 'scheduled')`, [
      inspection,
      campaignId,
      await idOf('hf-jds'),
      inspector,
    ]);
    const rect = randomUUID();
    await q(
      `INSERT INTO hefei_rectifications (id, campaign_id, branch_id, source, inspection_id, problem, inspector_id, found_by, due_on, status)
       VALUES ($1, $2, $3, 'special_inspection', $4, '活动场所制度未上墙', $5, $6, '2026-07-21', 'open')`,
      [rect, campaignId, branch, inspection, inspector, user],
    );
    const step = (action: string, content: string, key: string) =>
      q(
        `INSERT INTO hefei_rectification_steps (id, rectification_id, action, content, actor_id, actor_name, actor_role, organisation_id, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, '督查组', 'reviewer', $6, $7)`,
        [randomUUID(), rect, action, content, user, inspector, key],
      );
    await expect(step('returned', ' ', `${rect}:r1`)).rejects.toThrow(/check constraint/);
    await step('returned', '整改措施不具体', `${rect}:r1`);
    // A retried write with the same key writes nothing twice.
    await expect(step('returned', '整改措施不具体', `${rect}:r1`)).rejects.toThrow(/duplicate key/);

    const app = new Client({ connectionString: db.appUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE hefei_rectification_steps SET content = 'x' WHERE rectification_id = $1`, [rect])).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM hefei_rectification_steps WHERE rectification_id = $1`, [rect])).rejects.toThrow(/permission denied/);
      expect((await app.query(`UPDATE hefei_rectifications SET status = 'submitted' WHERE id = $1 RETURNING status`, [rect])).rows).toEqual([{ status: 'submitted' }]);
    } finally {
      await app.end();
    }
  });
});
