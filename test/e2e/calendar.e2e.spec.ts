import { type TestSystem, useSystem } from '../support/system';

/** The working-day calendar over HTTP: computed deadlines, and an administrator entering next year. */
describe('workingDays calendar end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });

  // Sample data shaped like a State Council notice; tests need a year the library lacks.
  const year2027 = {
    source: '国办发明电〔2026〕示例号（测试数据）',
    note: '测试用的2027年安排',
    days: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'holiday', name: '春节' },
      { date: '2027-02-07', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-20', kind: 'adjusted_workday', name: '春节' },
    ],
  };

  it("campaign plan: the organisation department sets up a year's red-flag campaign and sees its stages on the calendar", async () => {
    const defaults = await sys.http.get('/campaigns/defaults?process=taian&year=2026').set(await auth('admin')).expect(200);
    expect(defaults.body.parameters).toMatchObject({ quota: 100, recommendationRatio: 2, advancedCap: 0.1 });
    expect(defaults.body.plan.map((s: { dueOn: string }) => s.dueOn)).toEqual(['2026-03-15', '2026-03-31', '2026-05-31', '2026-06-30', '2026-07-01', '2026-07-10', '2026-07-31']);
    expect((await sys.http.get('/campaigns/defaults?process=taian&year=2099').set(await auth('admin')).expect(422)).body.message).toContain('2099年');

    await sys.http.post('/campaigns').set(await auth('head')).send({ process: 'taian', year: 2026 }).expect(403);
    const bad = await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year: 2026, parameters: { deadlines: { naming: '05-01' } } }).expect(422);
    expect(bad.body.message).toContain('截止日期须晚于');
    await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year: 2026, parameters: { quota: 'many' } }).expect(400);
    await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year: 2026, extra: true }).expect(400);

    const created = await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year: 2026, parameters: { quota: 20 } }).expect(201);
    expect(created.body).toMatchObject({ status: 'draft', title: '2026年度“泰山先锋”红旗党支部评选', parameters: { quota: 20, recommendationRatio: 2 } });
    expect(created.body.plan).toHaveLength(7);
    expect((await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year: 2026 }).expect(409)).body.message).toContain('已有');
    // Everyone in the city may read it.
    await sys.http.get(`/campaigns/${created.body.id}`).set(await auth('tsq-cyjd-b01.secretary')).expect(200);
    expect((await sys.http.get('/campaigns').set(await auth('tsq.head')).expect(200)).body.map((c: { id: string }) => c.id)).toContain(created.body.id);
  });

  it('workingDays: computes the National Day case from the 2026 calendar', async () => {
    const res = await sys.http.get('/calendar/period-end?start=2026-09-30&amount=3&unit=working_days').set(await auth('head')).expect(200);
    expect(res.body).toEqual({ lastDay: '2026-10-10', endsAt: '2026-10-10T16:00:00.000Z' });
  });

  it('workingDays: refuses a period that reaches a year without data, in Chinese', async () => {
    const res = await sys.http.get('/calendar/period-end?start=2026-12-28&amount=10&unit=working_days').set(await auth('head')).expect(422);
    expect(res.body).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', message: expect.stringContaining('2027年的节假日安排尚未录入') });
  });

  it('workingDays: only an administrator enters a year, with valid dates; nothing is written otherwise', async () => {
    await sys.http.put('/calendar/years/2027').set(await auth('head')).send(year2027).expect(403);
    const wrongYear = await sys.http
      .put('/calendar/years/2027')
      .set(await auth('admin'))
      .send({ ...year2027, days: [...year2027.days, { date: '2028-01-01', kind: 'holiday', name: '元旦' }] })
      .expect(422);
    expect(wrongYear.body.message).toContain('不属于2027年');
    await sys.http.put('/calendar/years/2027').set(await auth('admin')).send({ ...year2027, days: [year2027.days[0], year2027.days[0]] }).expect(422);
    await sys.http.put('/calendar/years/2027').set(await auth('admin')).send({ ...year2027, extra: 1 }).expect(400);
    await sys.http.get('/calendar/years/2027').set(await auth('admin')).expect(404);
  });

  it('workingDays: after the administrator enters 2027, deadlines reach into it, and the change is audited', async () => {
    const saved = await sys.http.put('/calendar/years/2027').set(await auth('admin')).send(year2027).expect(200);
    expect(saved.body).toMatchObject({ year: 2027, source: year2027.source, days: expect.arrayContaining([{ date: '2027-02-20', kind: 'adjusted_workday', name: '春节' }]) });
    const res = await sys.http.get('/calendar/period-end?start=2026-12-28&amount=10&unit=working_days').set(await auth('head')).expect(200);
    // 29–31 Dec (3), 1 Jan holiday, 4–8 Jan (5), 11–12 Jan (2).
    expect(res.body.lastDay).toBe('2027-01-12');
    const audit = await sys.db.dataSource.query(`SELECT actor_role, action FROM audit_log WHERE subject_type = 'calendar_year' AND subject_id = '2027'`);
    expect(audit).toEqual([{ actor_role: 'administrator', action: 'calendar.year.replaced' }]);
    const years = await sys.http.get('/calendar/years').set(await auth('head')).expect(200);
    expect(years.body.map((y: { year: number }) => y.year)).toEqual(expect.arrayContaining([2004, 2026, 2027]));
  });
});
