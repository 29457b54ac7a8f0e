import { randomUUID } from 'node:crypto';
import { OrganisationEntity } from '../../libs/persistence/src';
import { startFormTask } from '../support/approval-task';
import { sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';

/**
 * My work over HTTP: the inbox's filters, search, order by deadline with
 * overdue and due-soon marked, what each row carries for the list, the
 * filters' options, and the pre-check of a decision (a differential pick's
 * broken rule told before anything is sent).
 */
describe('inbox (My work) end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let committee: OrganisationEntity;
  let campaignId: string;
  const org = (code: string) => sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code });

  /** Tasks as a year of work leaves them at the committee: some late, some due soon, some later, some without a deadline. */
  const addTasks = (n: number, o: { kind: string; due: string | null; overdue?: boolean; stage?: string | null; title: string; campaign?: boolean }) =>
    sys.db.dataSource.query(
      `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, overdue, due_at, campaign_id, stage)
       SELECT gen_random_uuid(), 'inbox-test', $1, $2 || g, 'organisation', gen_random_uuid(), $3, $4, 'reviewer', 'open', $5,
              CASE WHEN $6::text IS NULL THEN NULL ELSE now() + $6::interval + make_interval(mins => g) END, $7, $8
         FROM generate_series(1, $9::int) g`,
      [o.kind, o.title, committee.id, committee.path, o.overdue ?? false, o.due, o.campaign ? campaignId : null, o.stage ?? null, n],
    );

  beforeAll(async () => {
    sys = system.sys();
    committee = await org('tsq-cyjd');
    campaignId = randomUUID();
    const [admin] = await sys.db.dataSource.query(`SELECT id FROM users WHERE username = 'admin'`);
    const city = await org('taian');
    await sys.db.dataSource.query(
      `INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'taian', 2089, '待办测试活动', $2, '{}', '[]', 'running', $3)`,
      [campaignId, city.id, admin.id],
    );
    for (const code of ['tsq-cyjd-b01', 'tsq-cyjd-b02']) {
      const branch = await org(code);
      await sys.http.post('/nominations').set(await auth(`${code}.secretary`)).send({ branchId: branch.id, campaignYear: 2090, form: sampleForm() }).expect(201);
    }
    await addTasks(2, { kind: 'evaluation_vote', due: '-2 days', overdue: true, title: '逾期测评 ', stage: 'grassroots_recommendation', campaign: true });
    await addTasks(2, { kind: 'evaluation_vote', due: '1 day', title: '近期测评 ', stage: 'grassroots_recommendation', campaign: true });
    await addTasks(3, { kind: 'secretary_report', due: '20 days', title: '组织支部书记述职 ', stage: 'grassroots_recommendation', campaign: true });
  });

  it('lists the open tasks soonest due first, none last, overdue and due soon marked, each with what the list shows', async () => {
    const page = (await sys.http.get('/tasks?limit=200').set(await auth('tsq-cyjd.reviewer')).expect(200)).body;
    const mine = page.items as Array<{ title: string; kind: string; dueAt: string | null; overdue: boolean; dueSoon: boolean }>;
    expect(page.total).toBe(9);
    const dues = mine.map((t) => t.dueAt);
    const dated = dues.filter((d) => d !== null);
    expect(dated).toEqual([...dated].sort());
    expect(dues.slice(dated.length).every((d) => d === null)).toBe(true);
    const marks = (prefix: string) => mine.filter((t) => t.title.startsWith(prefix)).map((t) => [t.overdue, t.dueSoon]);
    expect(marks('逾期测评')).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(marks('近期测评')).toEqual([
      [false, true],
      [false, true],
    ]);
    expect(marks('组织支部书记述职')).toEqual(Array(3).fill([false, false]));
    expect(mine.slice(0, 2).every((t) => t.overdue)).toBe(true);
    expect(mine[0]).toMatchObject({ kindLabel: '党员群众测评', organisationName: committee.name, process: 'taian', processLabel: expect.stringContaining('红旗党支部'), stageLabel: '基层党委差额推荐' });
    const review = mine.find((t) => t.kind === 'nomination_review');
    expect(review).toMatchObject({ kindLabel: '推荐申报审核', branchName: expect.stringContaining('党支部'), process: null });
  });

  it('merges every way a task reaches the caller into one order, page after page: each role they hold, and work delegated to them', async () => {
    const ds = sys.db.dataSource;
    const [me] = await ds.query(`SELECT id FROM users WHERE username = 'tsq-cyjd.reviewer'`);
    const [someoneElse] = await ds.query(`SELECT id FROM users WHERE username = 'dyq.reviewer'`);
    const [other, third] = [await org('dyq'), await org('tsq')];
    const roleId = randomUUID();
    await ds.query(`INSERT INTO role_assignments (id, user_id, organisation_id, role) VALUES ($1, $2, $3, 'reviewer')`, [roleId, me.id, other.id]);
    const add = (o: OrganisationEntity, title: string, due: string | null, who: { assignee?: string; delegate?: string } = {}) =>
      ds.query(
        `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, due_at, assignee_user_id, delegated_to_user_id)
         VALUES (gen_random_uuid(), 'inbox-merge-test', 'evaluation_vote', $1, 'organisation', gen_random_uuid(), $2, $3, 'reviewer', 'open',
                 CASE WHEN $4::text IS NULL THEN NULL ELSE now() + $4::interval END, $5, $6)`,
        [title, o.id, o.path, due, who.assignee ?? null, who.delegate ?? null],
      );
    try {
      // Between the committee's own deadlines, one without any, one named for someone else, and one delegated to the caller at a third unit.
      await add(other, '另一单位测评 1', '-1 day');
      await add(other, '另一单位测评 2', '10 days');
      await add(other, '另一单位测评 3', null);
      await add(other, '他人的测评', '2 days', { assignee: someoneElse.id });
      await add(third, '委托给我的测评', '5 days', { delegate: me.id });
      const reviewer = await auth('tsq-cyjd.reviewer');
      const all = (await sys.http.get('/tasks?limit=200').set(reviewer).expect(200)).body;
      const titles = (items: Array<{ title: string }>) => items.map((t) => t.title);
      expect(all.total).toBe(9 + 4);
      expect(titles(all.items)).toEqual(expect.arrayContaining(['另一单位测评 1', '另一单位测评 2', '另一单位测评 3', '委托给我的测评']));
      expect(titles(all.items)).not.toContain('他人的测评');
      const dues = (all.items as Array<{ dueAt: string | null }>).map((t) => t.dueAt);
      const dated = dues.filter((d) => d !== null);
      expect(dated).toEqual([...dated].sort());
      expect(dues.slice(dated.length).every((d) => d === null)).toBe(true);
      // Pages of five, read one after another, are the whole list in the same order, each with the same total.
      const paged: Array<{ title: string }> = [];
      for (let offset = 0; offset < all.total; offset += 5) {
        const page = (await sys.http.get(`/tasks?limit=5&offset=${offset}`).set(reviewer).expect(200)).body;
        expect(page.total).toBe(all.total);
        paged.push(...page.items);
      }
      expect(titles(paged)).toEqual(titles(all.items));
      // Past the last page: no rows, and still the total (read in the same statement as the page).
      const past = (await sys.http.get(`/tasks?limit=5&offset=${all.total}`).set(reviewer).expect(200)).body;
      expect(past).toMatchObject({ items: [], total: all.total });
      // Each row carries the task as its detail presents it.
      const delegated = (all.items as Array<{ id: string; title: string }>).find((t) => t.title === '委托给我的测评')!;
      const detail = (await sys.http.get(`/tasks/${delegated.id}`).set(reviewer).expect(200)).body;
      expect(delegated).toMatchObject(Object.fromEntries(Object.entries(detail).filter(([k]) => k in delegated)));
    } finally {
      await ds.query(`DELETE FROM tasks WHERE workflow_id = 'inbox-merge-test'`);
      await ds.query(`DELETE FROM role_assignments WHERE id = $1`, [roleId]);
    }
  });

  it('filters by kind, process, stage and organisation, and searches by branch name', async () => {
    const reviewer = await auth('tsq-cyjd.reviewer');
    const get = async (query: Record<string, string>) => (await sys.http.get('/tasks').query({ limit: 200, ...query }).set(reviewer).expect(200)).body;
    expect((await get({ kind: 'evaluation_vote' })).total).toBe(4);
    expect((await get({ kind: 'evaluation_vote', overdue: 'true' })).total).toBe(2);
    expect((await get({ process: 'taian', stage: 'grassroots_recommendation' })).total).toBe(7);
    expect((await get({ process: 'hefei' })).total).toBe(0);
    const b01 = await org('tsq-cyjd-b01');
    const found = await get({ q: b01.name });
    expect(found.items.map((t: { branchName: string }) => t.branchName)).toEqual([b01.name]);
    expect((await get({ q: '述职' })).total).toBe(3);
    expect((await get({ q: '%' })).total).toBe(0);
    expect((await get({ organisationId: committee.id })).total).toBe(9);
    expect((await get({ organisationId: (await org('tsq-cyjd-b01')).id })).total).toBe(0);
    // Another district's unit is outside the caller's tree: refused, not an empty list that would hide the mistake.
    const other = await org('dyq');
    const refused = await sys.http.get('/tasks').query({ organisationId: other.id }).set(reviewer).expect(404);
    expect(refused.body.message).toMatch(/[\u4e00-\u9fa5]/);
    // Another reviewer sees none of them.
    expect((await sys.http.get('/tasks').query({ kind: 'evaluation_vote' }).set(await auth('dyq.reviewer')).expect(200)).body.total).toBe(0);
  });

  it('offers the processes, stages, kinds and organisations of the open tasks as filter options', async () => {
    const filters = (await sys.http.get('/tasks/filters').set(await auth('tsq-cyjd.reviewer')).expect(200)).body;
    expect(filters.processes).toEqual([{ value: 'taian', label: expect.stringContaining('红旗党支部') }]);
    expect(filters.stages).toEqual([{ value: 'grassroots_recommendation', label: '基层党委差额推荐', process: 'taian' }]);
    expect(filters.kinds.map((k: { value: string }) => k.value).sort()).toEqual(['evaluation_vote', 'nomination_review', 'secretary_report']);
    expect(filters.organisations).toEqual([{ value: committee.id, label: committee.name }]);
    expect((await sys.http.get('/tasks/filters').set(await auth('dyq.reviewer')).expect(200)).body.kinds).toEqual([]);
  });

  it('checks a differential pick against its rules without sending it', async () => {
    const taskId = await startFormTask(sys, {
      organisationId: committee.id,
      kind: 'committee_selection',
      title: '差额遴选预检测试',
      form: {
        kind: 'selection',
        candidates: [
          { id: 'a', name: '甲党支部', score: 90, priority: true },
          { id: 'b', name: '乙党支部', score: 80 },
          { id: 'c', name: '丙党支部', score: 70, excludedBecause: '征求意见被一票否决' },
          { id: 'd', name: '丁党支部', score: 60 },
          { id: 'e', name: '戊党支部', score: 50 },
        ],
        rules: { places: 2, minRatio: 2 },
      },
    });
    const reviewer = await auth('tsq-cyjd.reviewer');
    const check = async (body: object, as = reviewer) => (await sys.http.post(`/tasks/${taskId}/decision/check`).set(as).send(body).expect(200)).body;
    expect(await check({ decision: 'approve', data: { chosen: ['a', 'b', 'd'] } })).toEqual({ acceptable: false, code: 'SELECTION_RULE_VIOLATED', message: expect.stringContaining('最多推荐2名') });
    expect((await check({ decision: 'approve', data: { chosen: ['a', 'c'] } })).message).toContain('丙党支部（征求意见被一票否决）');
    expect((await check({ decision: 'approve', data: { chosen: ['b', 'd'] } })).message).toContain('甲党支部获省级以上表彰，应优先推荐');
    expect((await check({ decision: 'return' })).message).toContain('必须填写意见');
    expect(await check({ decision: 'approve', data: { chosen: ['a', 'b'] } })).toEqual({ acceptable: true, code: null, message: null });
    expect((await check({ decision: 'approve', data: { chosen: ['a', 'b'] } }, await auth('tsq.reviewer'))).acceptable).toBe(false);
    await sys.http.post(`/tasks/${taskId}/decision/check`).set(await auth('dyq.reviewer')).send({ decision: 'approve' }).expect(404);
    // Nothing was sent: the task is still open.
    const [row] = await sys.db.dataSource.query(`SELECT status FROM tasks WHERE id = $1`, [taskId]);
    expect(row.status).toBe('open');
  });

  it('counts up to 1000 and then says there are more, whichever ways the tasks arrive; a filter that narrows the list counts exactly', async () => {
    const ds = sys.db.dataSource;
    const [me] = await ds.query(`SELECT id FROM users WHERE username = 'dyq.reviewer'`);
    const [district, other] = [await org('dyq'), await org('tsq')];
    const add = (o: OrganisationEntity, n: number, kind: string, delegate: string | null = null) =>
      ds.query(
        `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, due_at, delegated_to_user_id)
         SELECT gen_random_uuid(), 'inbox-count-test', $1, '述职评议 ' || g, 'organisation', gen_random_uuid(), $2, $3, 'reviewer', 'open', now() + make_interval(hours => g), $4
           FROM generate_series(1, $5::int) g`,
        [kind, o.id, o.path, delegate, n],
      );
    const reviewer = await auth('dyq.reviewer');
    const get = async (query: Record<string, string> = {}) => (await sys.http.get('/tasks').query({ limit: 20, ...query }).set(reviewer).expect(200)).body;
    try {
      // 998 at the district and 2 delegated from elsewhere: exactly the limit, still exact.
      await add(district, 998, 'secretary_report');
      await add(other, 2, 'evaluation_vote', me.id);
      expect(await get()).toMatchObject({ total: 1000, totalCapped: false });
      // One more by either way makes it "more than 1000".
      await add(other, 1, 'evaluation_vote', me.id);
      const capped = await get();
      expect(capped).toMatchObject({ total: 1000, totalCapped: true });
      expect(capped.items).toHaveLength(20);
      expect(await get({ kind: 'evaluation_vote' })).toMatchObject({ total: 3, totalCapped: false });
      // Pages past the count are still served, in the same order.
      const deep = await get({ offset: '1000', limit: '5' });
      expect(deep).toMatchObject({ total: 1000, totalCapped: true });
      expect(deep.items).toHaveLength(1);
    } finally {
      await ds.query(`DELETE FROM tasks WHERE workflow_id = 'inbox-count-test'`);
    }
  });
});
