import { Client as PgClient } from 'pg';
import { COMMITTEE_LEVELS, type GovernedBranches, committeesOverAdvancedCap } from '../../libs/domain/src';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

interface Row {
  branchId: string;
  branchCode: string;
  grade: string | null;
  gradeLabel: string | null;
}

/**
 * The branch ledger (附件1) over HTTP: read within one's subtree, changed by a
 * reviewer above the branch, never past the 10% advanced cap at any level (a
 * refusal names the rule and writes nothing), audited, and simultaneous
 * upgrades judged one after the other.
 */
describe('branch ledger end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  const chinese = /[\u4e00-\u9fa5]/;
  const ids = new Map<string, string>();
  const id = (code: string) => ids.get(code)!;

  /** Everything a refused change could have touched. */
  const snapshot = async () => ({
    ledger: await sys.db.dataSource.query(`SELECT * FROM ledger_entries ORDER BY branch_id`),
    audit: (await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n,
  });
  const gradeOf = async (code: string) => (await sys.db.dataSource.query(`SELECT grade FROM ledger_entries WHERE branch_id = $1`, [id(code)]))[0]?.grade as string | undefined;
  const streetRows = async (): Promise<Row[]> => (await sys.http.get('/ledger').set(await auth('tsq-cyjd.reviewer')).expect(200)).body.items;

  beforeAll(async () => {
    sys = system.sys();
    const orgs: Array<{ id: string; code: string }> = await sys.db.dataSource.query(`SELECT id, code FROM organisations`);
    for (const o of orgs) ids.set(o.code, o.id);
  });

  it('the demo seed keeps a ledger entry for every branch, with no committee and not the city over 10% advanced', async () => {
    const entries: Array<{ grade: string; goals: Array<{ year: number; grade: string }>; problems: string; measures: string; contact: string; phone: string }> =
      await sys.db.dataSource.query(`SELECT l.* FROM organisations b JOIN ledger_entries l ON l.branch_id = b.id WHERE b.level = 'branch'`);
    expect(entries).toHaveLength(60);
    for (const e of entries) {
      expect(e.goals).toHaveLength(3);
      expect(['advanced', 'average', 'lagging', 'weak_and_lax']).toContain(e.goals[0]!.grade);
      expect(e.problems).toMatch(/^1、/);
      expect(e.measures).toMatch(chinese);
      expect(e.contact).toMatch(chinese);
      expect(e.phone).toMatch(/^0538-\d{7}$/);
    }
    const grades = new Set(entries.map((e) => e.grade));
    expect(grades).toEqual(new Set(['advanced', 'average', 'lagging', 'weak_and_lax']));

    // Tai'an's city only: Hefei's bureau is a second root without a 附件1 ledger.
    const committees: Array<{ id: string; name: string; path: string }> = await sys.db.dataSource.query(
      `SELECT c.id, c.name, c.path FROM organisations c JOIN organisations city ON city.code = 'taian' WHERE c.level = ANY($1) AND c.path LIKE city.path || '%'`,
      [COMMITTEE_LEVELS],
    );
    const branches: Array<{ id: string; path: string; grade: 'advanced' | null }> = await sys.db.dataSource.query(
      `SELECT b.id, b.path, l.grade FROM organisations b LEFT JOIN ledger_entries l ON l.branch_id = b.id WHERE b.level = 'branch'`,
    );
    const governed: GovernedBranches[] = committees.map((c) => ({
      committeeId: c.id,
      committeeName: c.name,
      branches: branches.filter((b) => b.path.startsWith(c.path)).map((b) => ({ branchId: b.id, grade: b.grade })),
    }));
    expect(governed).toHaveLength(10);
    expect(committeesOverAdvancedCap(governed)).toEqual([]);
    expect(entries.filter((e) => e.grade === 'advanced').length).toBeGreaterThanOrEqual(1);
  });

  it("reads only the caller's subtree, with labels; another subtree's branch is not found", async () => {
    const street = await sys.http.get('/ledger').set(await auth('tsq-cyjd.reviewer')).expect(200);
    expect(street.body.organisation).toMatchObject({ id: id('tsq-cyjd'), name: '中共泰安市泰山区财源街道工作委员会', level: 'grassroots_committee', levelLabel: '基层党委' });
    expect(street.body.total).toBe(10);
    expect(street.body.summary).toMatchObject({ branches: 10, recorded: 10, advancedCap: 1 });
    expect(street.body.items.map((r: Row) => r.branchCode).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `tsq-cyjd-b${String(i + 1).padStart(2, '0')}`));
    expect(street.body.items[0]).toMatchObject({
      branchName: expect.stringMatching(/党支部$/),
      domainLabel: expect.stringMatching(chinese),
      committeeId: id('tsq-cyjd'),
      committeeName: '中共泰安市泰山区财源街道工作委员会',
      gradeLabel: expect.stringMatching(/^(先进|中间|后进|软弱涣散)$/),
      goals: [expect.objectContaining({ gradeLabel: expect.stringMatching(chinese) }), expect.anything(), expect.anything()],
    });

    const foreign = id('dyq-zdjd-b21');
    await sys.http.get(`/ledger?organisationId=${foreign}`).set(await auth('tsq-cyjd.reviewer')).expect(404);
    await sys.http.get(`/ledger?organisationId=${id('dyq')}`).set(await auth('tsq.head')).expect(404);
    const notFound = await sys.http.get(`/ledger/${foreign}`).set(await auth('tsq-cyjd.reviewer')).expect(404);
    expect(notFound.body.message).toMatch(chinese);
    await sys.http.get(`/ledger/${id('tsq-cyjd')}`).set(await auth('tsq-cyjd.reviewer')).expect(404);

    const district = await sys.http.get('/ledger').set(await auth('tsq.head')).expect(200);
    expect(district.body.total).toBe(20);
    expect(district.body.items.every((r: Row) => r.branchCode.startsWith('tsq-'))).toBe(true);
    const own = await sys.http.get('/ledger').set(await auth('tsq-cyjd-b01.secretary')).expect(200);
    expect(own.body.items.map((r: Row) => r.branchCode)).toEqual(['tsq-cyjd-b01']);
    await sys.http.get(`/ledger/${id('tsq-cyjd-b01')}`).set(await auth('tsq-cyjd-b01.secretary')).expect(200);

    // The head of the organisation department sees the whole city, a page at a time.
    const city = await sys.http.get('/ledger?limit=25&offset=50').set(await auth('head')).expect(200);
    expect(city.body).toMatchObject({ total: 60, limit: 25, offset: 50, summary: { branches: 60, advancedCap: 6 } });
    expect(city.body.items).toHaveLength(10);
    expect(city.body.summary.byGrade.advanced).toBeLessThanOrEqual(6);
    const narrowed = await sys.http.get(`/ledger?organisationId=${id('dyq-zdjd')}`).set(await auth('head')).expect(200);
    expect(narrowed.body.items.map((r: Row) => r.branchCode)).toContain('dyq-zdjd-b21');
  });

  it('a reviewer of the committee above changes an entry; it is audited with who, before and after', async () => {
    const target = (await streetRows()).find((r) => r.grade !== 'advanced' && r.grade !== 'lagging')!;
    const change = {
      grade: 'lagging',
      goals: [
        { year: 2027, grade: 'average' },
        { year: 2026, grade: 'lagging' },
        { year: 2028, grade: 'average' },
      ],
      problems: '1、班子成员年龄偏大\n2、“三会一课”落实不到位',
      measures: '1、选优配强支部班子\n2、街道党工委每月调度',
      evaluation: '一般',
      contact: '王建国',
      contactTitle: '街道党工委副书记',
      phone: '0538-6218888',
    };
    const res = await sys.http.put(`/ledger/${target.branchId}`).set(await auth('tsq-cyjd.reviewer')).send(change).expect(200);
    expect(res.body).toMatchObject({
      ...change,
      branchId: target.branchId,
      gradeLabel: '后进',
      goals: [
        { year: 2026, grade: 'lagging', gradeLabel: '后进' },
        { year: 2027, grade: 'average', gradeLabel: '中间' },
        { year: 2028, grade: 'average', gradeLabel: '中间' },
      ],
      updatedBy: { displayName: '中共泰安市泰山区财源街道工作委员会审核人' },
    });
    // Only what is sent changes.
    const partial = await sys.http.put(`/ledger/${target.branchId}`).set(await auth('tsq.reviewer')).send({ evaluation: '较好' }).expect(200);
    expect(partial.body).toMatchObject({ grade: 'lagging', evaluation: '较好', contact: '王建国' });

    const audit = await sys.db.dataSource.query(
      `SELECT actor_role, action, organisation_id, before->>'grade' AS before_grade, after->>'grade' AS after_grade FROM audit_log WHERE subject_type = 'ledger_entry' AND subject_id = $1 ORDER BY seq`,
      [target.branchId],
    );
    expect(audit).toEqual([
      { actor_role: 'reviewer', action: 'ledger.entry.updated', organisation_id: id('tsq-cyjd'), before_grade: target.grade, after_grade: 'lagging' },
      { actor_role: 'reviewer', action: 'ledger.entry.updated', organisation_id: id('tsq'), before_grade: 'lagging', after_grade: 'lagging' },
    ]);
  });

  it("keeps each branch's history of grades and yearly evaluations, oldest first, each change with its reason and deciding committee", async () => {
    const branch = id('tsq-cyjd-b03');
    const initial = (await sys.http.get(`/ledger/${branch}`).set(await auth('tsq-cyjd.reviewer')).expect(200)).body;
    expect(initial.history).toEqual([expect.objectContaining({ source: 'initial', sourceLabel: '首次登记', grade: initial.grade, previousGrade: null, evaluation: initial.evaluation })]);
    const to = initial.grade === 'weak_and_lax' ? 'lagging' : 'weak_and_lax';
    const changed = await sys.http.put(`/ledger/${branch}`).set(await auth('tsq-cyjd.reviewer')).send({ grade: to, evaluation: '较差', reason: '年度考评：组织生活长期不能正常开展' }).expect(200);
    // Text alone (no grade or evaluation) changes the entry, not its history.
    await sys.http.put(`/ledger/${branch}`).set(await auth('tsq.reviewer')).send({ problems: '1、支部书记长期缺位' }).expect(200);
    const read = (await sys.http.get(`/ledger/${branch}`).set(await auth('tsq.head')).expect(200)).body;
    expect(read.history).toEqual(changed.body.history);
    expect(read.history).toHaveLength(2);
    expect(read.history[1]).toMatchObject({
      source: 'review',
      sourceLabel: '上级党委调整',
      previousGrade: initial.grade,
      grade: to,
      evaluation: '较差',
      reason: '年度考评：组织生活长期不能正常开展',
      decidedBy: { organisationId: id('tsq-cyjd'), organisationName: '中共泰安市泰山区财源街道工作委员会' },
      actorName: '中共泰安市泰山区财源街道工作委员会审核人',
      year: new Date().getFullYear(),
    });
    const [audit] = await sys.db.dataSource.query(`SELECT opinion FROM audit_log WHERE subject_type = 'ledger_entry' AND subject_id = $1 ORDER BY seq LIMIT 1`, [branch]);
    expect(audit.opinion).toBe('年度考评：组织生活长期不能正常开展');
    // The reason says why something changed: alone it is no change.
    expect((await sys.http.put(`/ledger/${branch}`).set(await auth('tsq-cyjd.reviewer')).send({ reason: '无' }).expect(400)).body.details.join()).toContain('请至少填写一项');
    // The history is the application's to append to, never to rewrite.
    const app = new PgClient({ connectionString: sys.db.appUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE ledger_history SET grade = 'advanced' WHERE branch_id = $1`, [branch])).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM ledger_history WHERE branch_id = $1`, [branch])).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  });

  it('a secretary, a department head and another subtree are refused; nothing changes', async () => {
    const before = await snapshot();
    const branch = id('tsq-cyjd-b01');
    const sec = await sys.http.put(`/ledger/${branch}`).set(await auth('tsq-cyjd-b01.secretary')).send({ grade: 'average' }).expect(403);
    expect(sec.body).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(chinese) });
    await sys.http.put(`/ledger/${branch}`).set(await auth('tsq.head')).send({ grade: 'average' }).expect(403);
    await sys.http.put(`/ledger/${branch}`).set(await auth('dyq-zdjd.reviewer')).send({ grade: 'average' }).expect(404);
    await sys.http.put(`/ledger/${id('tsq')}`).set(await auth('admin')).send({ grade: 'average' }).expect(404);
    await sys.http.put(`/ledger/${branch}`).send({ grade: 'average' }).expect(401);
    expect(await snapshot()).toEqual(before);
  });

  it('bad input gets 400 with a Chinese message; the title is not the ledger’s to change', async () => {
    const before = await snapshot();
    const branch = id('tsq-cyjd-b02');
    const put = async (body: unknown) => (await sys.http.put(`/ledger/${branch}`).set(await auth('tsq-cyjd.reviewer')).send(body as object).expect(400)).body;
    expect(await put({ grade: 'excellent' })).toMatchObject({ code: 'VALIDATION_FAILED', message: '请求参数校验未通过', details: [expect.stringContaining('等次必须是')] });
    expect((await put({ title: '泰山先锋红旗党支部' })).details.join()).toContain('台账中不能填写的字段：title');
    expect((await put({})).details.join()).toContain('请至少填写一项');
    expect((await put({ goals: 'better' })).details.join()).toMatch(chinese);
    expect((await put({ phone: 'call me' })).details.join()).toContain('联系方式格式不正确');
    expect((await put({ problems: 'x'.repeat(2001) })).details.join()).toContain('不能超过2000个字');
    expect((await sys.http.put('/ledger/not-a-uuid').set(await auth('tsq-cyjd.reviewer')).send({ grade: 'average' }).expect(400)).body.details.join()).toMatch(chinese);
    expect((await sys.http.get('/ledger?limit=0').set(await auth('tsq-cyjd.reviewer')).expect(400)).body.details.join()).toContain('每页至少1条');
    await sys.http.get('/ledger?organisationId=abc').set(await auth('tsq-cyjd.reviewer')).expect(400);
    // A repeated goal year is a rule the schema cannot state: 422, named.
    const repeated = await sys.http.put(`/ledger/${branch}`).set(await auth('tsq-cyjd.reviewer')).send({ goals: [{ year: 2026, grade: 'average' }, { year: 2026, grade: 'advanced' }] }).expect(422);
    expect(repeated.body).toMatchObject({ code: 'GOAL_YEAR_REPEATED', message: expect.stringContaining('2026') });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a second advanced branch in a street of ten with 422 ADVANCED_CAP naming the rule and every full level; nothing changes', async () => {
    const rows = await streetRows();
    const advanced = rows.filter((r) => r.grade === 'advanced');
    expect(advanced).toHaveLength(1);
    const other = rows.find((r) => r.grade === 'average')!;
    const before = await snapshot();
    const res = await sys.http.put(`/ledger/${other.branchId}`).set(await auth('tsq-cyjd.reviewer')).send({ grade: 'advanced', problems: '不应写入' }).expect(422);
    expect(res.body.code).toBe('ADVANCED_CAP');
    expect(res.body.message).toContain('比例上限规则');
    expect(res.body.message).toContain('中共泰安市泰山区财源街道工作委员会所辖党支部10个');
    expect(res.body.message).toContain('至多1个');
    // The street (1 of 10) and the district (2 of 20) are full; the administrator is held to the same rule.
    expect(res.body.details).toEqual(expect.arrayContaining([expect.stringContaining('中共泰安市泰山区财源街道工作委员会'), expect.stringContaining('中共泰安市泰山区委员会所辖党支部20个')]));
    await sys.http.put(`/ledger/${other.branchId}`).set(await auth('admin')).send({ grade: 'advanced' }).expect(422);
    expect(await snapshot()).toEqual(before);

    // Once the advanced one is regraded, the other may take its place.
    await sys.http.put(`/ledger/${advanced[0]!.branchId}`).set(await auth('tsq-cyjd.reviewer')).send({ grade: 'average' }).expect(200);
    await sys.http.put(`/ledger/${other.branchId}`).set(await auth('tsq-cyjd.reviewer')).send({ grade: 'advanced' }).expect(200);
    expect(await gradeOf(rows.find((r) => r.branchId === other.branchId)!.branchCode)).toBe('advanced');
    // Saving an advanced branch again is no new advanced branch.
    await sys.http.put(`/ledger/${other.branchId}`).set(await auth('tsq-cyjd.reviewer')).send({ grade: 'advanced', evaluation: '优秀' }).expect(200);
  });

  it('two simultaneous upgrades into the last place: both wait on the committees, one passes, the other is refused', async () => {
    const rows = await streetRows();
    const current = rows.find((r) => r.grade === 'advanced')!;
    await sys.http.put(`/ledger/${current.branchId}`).set(await auth('tsq-cyjd.reviewer')).send({ grade: 'average' }).expect(200);
    const [a, b] = rows.filter((r) => r.grade !== 'advanced' && r.branchId !== current.branchId);
    const [first, second] = [await auth('tsq-cyjd.reviewer'), await auth('tsq.reviewer')];

    // Hold the city committee's row, as a third writer would, until both requests are waiting behind it.
    const holder = sys.db.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM organisations WHERE id = $1 FOR NO KEY UPDATE`, [id('taian')]);
    const requests = Promise.all([
      sys.http.put(`/ledger/${a!.branchId}`).set(first).send({ grade: 'advanced' }).then((r) => r),
      sys.http.put(`/ledger/${b!.branchId}`).set(second).send({ grade: 'advanced' }).then((r) => r),
    ]);
    try {
      await eventually(
        async () => Number((await sys.db.dataSource.query(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0].n),
        (waiting) => waiting >= 2,
      );
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    const results = await requests;
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(results.find((r) => r.status === 422)!.body.code).toBe('ADVANCED_CAP');
    expect((await streetRows()).filter((r) => r.grade === 'advanced')).toHaveLength(1);
  });

  it('a branch without an entry gets one with its first grade; without a grade it is refused', async () => {
    const code = 'dyq-mzz-b35';
    await sys.db.dataSource.query(`DELETE FROM ledger_entries WHERE branch_id = $1`, [id(code)]);
    const empty = await sys.http.get(`/ledger/${id(code)}`).set(await auth('dyq.reviewer')).expect(200);
    expect(empty.body).toMatchObject({ branchCode: code, grade: null, gradeLabel: null, goals: [], problems: '' });
    const refused = await sys.http.put(`/ledger/${id(code)}`).set(await auth('dyq.reviewer')).send({ problems: '尚未建账' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'LEDGER_GRADE_REQUIRED', message: expect.stringContaining('当前等次') });
    const created = await sys.http.put(`/ledger/${id(code)}`).set(await auth('dyq.reviewer')).send({ grade: 'weak_and_lax', problems: '1、支部书记空缺' }).expect(200);
    expect(created.body).toMatchObject({ grade: 'weak_and_lax', gradeLabel: '软弱涣散', problems: '1、支部书记空缺', goals: [] });
    const [audit] = await sys.db.dataSource.query(`SELECT action, before FROM audit_log WHERE subject_type = 'ledger_entry' AND subject_id = $1`, [id(code)]);
    expect(audit).toEqual({ action: 'ledger.entry.created', before: null });
  });
});
