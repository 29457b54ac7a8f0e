import { randomUUID } from 'node:crypto';
import { HUMAN_TASK_WORKFLOW, type HumanTaskInput, humanTaskWorkflowId } from '../../libs/contracts/src';
import { orgByCode, sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

type Header = { authorization: string };
const CHINESE = /[\u4e00-\u9fff]/;

/**
 * CC (抄送) over HTTP: a step's default copies from its process definition
 * (Tai'an copies the city-managed committee above on a grassroots committee's
 * report), ad hoc copies by the one handling the task, refused whole with
 * Chinese 4xx and nothing changed, "copied to me" with read-only access and a
 * read receipt, nothing for another subtree, and a task that completes while
 * its copies are still unread.
 */
describe('CC (抄送)', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let campaignId: string;
  const title = '填写基层党委意见并逐级上报（抄送测试）';
  let taskId: string;
  let groupId: string;
  const ids: Record<string, string> = {};

  const userId = async (username: string) => ((await sys.db.dataSource.query(`SELECT id FROM users WHERE username = $1`, [username])) as Array<{ id: string }>)[0]!.id;
  const copiesTable = () => sys.db.dataSource.query(`SELECT organisation_id, role, user_id, source, copied_by FROM task_copies WHERE task_id = $1 ORDER BY created_at, id`, [taskId]);
  const ccNotices = () => sys.db.dataSource.query(`SELECT organisation_id, role, user_id, message FROM notifications WHERE kind = 'cc' AND task_id = $1 ORDER BY created_at, id`, [taskId]);
  const copied = async (as: Header, query = '') => (await sys.http.get(`/me/copies${query}`).set(as).expect(200)).body as { items: Array<Record<string, unknown>>; total: number };

  beforeAll(async () => {
    sys = system.sys();
    for (const code of ['taian-zzb', 'tsq', 'tsq-cyjd', 'tsq-cyjd-b01', 'tsq-cyjd-b02', 'dyq', 'dyq-zdjd']) ids[code] = (await orgByCode(sys.db.dataSource, code)).id;
    campaignId = randomUUID();
    await sys.db.dataSource.query(
      `INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, 'taian', 2093, '抄送测试活动', $2, '{}', '[]', 'running', $3)`,
      [campaignId, ids['taian-zzb'], await userId('admin')],
    );
    // The grassroots committee's report, as Tai'an's campaign opens it: a step its definition copies the committee above on.
    groupId = randomUUID();
    const input: HumanTaskInput = {
      taskId: groupId,
      kind: 'grassroots_report',
      title,
      subject: { type: 'unit', id: ids['tsq-cyjd']! },
      assignees: [{ organisationId: ids['tsq-cyjd']!, role: 'reviewer' }],
      policy: { mode: 'single' },
      outcomes: ['approve', 'return'],
      opinionRequiredFor: ['return'],
      dueAt: '2093-05-31T09:00:00.000Z',
      campaignId,
      stage: 'grassroots_recommendation',
    };
    await sys.temporal.client.workflow.start(HUMAN_TASK_WORKFLOW, { workflowId: humanTaskWorkflowId(groupId), taskQueue: 'pennant-e2e', args: [input] });
    const [row] = await eventually(
      () => sys.db.dataSource.query(`SELECT id FROM tasks WHERE group_id = $1`, [groupId]) as Promise<Array<{ id: string }>>,
      (rows) => rows.length > 0,
    );
    taskId = row!.id;
  });

  it('copies the committee above by the definition when the task opens, notified with the process, step and deadline', async () => {
    expect(await copiesTable()).toEqual([{ organisation_id: ids.tsq, role: 'reviewer', user_id: null, source: 'definition', copied_by: null }]);
    const [notice] = await ccNotices();
    expect(notice).toEqual({ organisation_id: ids.tsq, role: 'reviewer', user_id: null, message: expect.stringContaining(title) });
    expect(notice.message).toContain('“泰山先锋”红旗党支部评选');
    expect(notice.message).toContain('「基层党委差额推荐」环节');
    expect(notice.message).toContain('办理期限 2093-05-31 17:00');

    const above = await auth('tsq.reviewer');
    const list = await copied(above);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id: taskId, title, kind: 'grassroots_report', copySource: 'definition', copiedByName: null, readAt: null, processLabel: '“泰山先锋”红旗党支部评选', stageLabel: '基层党委差额推荐', status: 'open' });
    const inApp = (await sys.http.get('/notifications').set(above).expect(200)).body as Array<{ kind: string; taskId: string; message: string }>;
    expect(inApp.filter((n) => n.taskId === taskId)).toEqual([expect.objectContaining({ kind: 'cc', message: notice.message })]);

    // The committee above reads it (its subtree holds the task) and sees it is a copy; its first open is a receipt.
    const detail = (await sys.http.get(`/tasks/${taskId}`).set(above).expect(200)).body;
    expect(detail).toMatchObject({ copiedToMe: true, readOnly: false, copies: [expect.objectContaining({ organisationId: ids.tsq, role: 'reviewer', source: 'definition', copiedBy: null })] });
    expect((await copied(above)).items[0]!.readAt).toEqual(expect.any(String));
    expect((await copied(above, '?unread=true')).total).toBe(0);

    // Another city-managed committee and its subtree: nothing copied, nothing to read.
    for (const other of ['dyq.reviewer', 'dyq-zdjd.reviewer']) {
      expect(await copied(await auth(other))).toEqual({ items: [], total: 0 });
      await sys.http.get(`/tasks/${taskId}`).set(await auth(other)).expect(404);
    }
  });

  it('copies the organisation department running the campaign on a formal submission, and nobody on a step or task its process does not copy', async () => {
    const start = async (kind: string, organisationId: string, withCampaign: boolean) => {
      const id = randomUUID();
      const input: HumanTaskInput = {
        taskId: id,
        kind,
        title: `${kind}（抄送测试）`,
        subject: { type: 'unit', id: organisationId },
        assignees: [{ organisationId, role: 'reviewer' }],
        policy: { mode: 'single' },
        outcomes: ['approve'],
        opinionRequiredFor: [],
        dueAt: null,
        ...(withCampaign ? { campaignId, stage: 'city_managed_selection' } : {}),
      };
      await sys.temporal.client.workflow.start(HUMAN_TASK_WORKFLOW, { workflowId: humanTaskWorkflowId(id), taskQueue: 'pennant-e2e', args: [input] });
      const [row] = await eventually(
        () => sys.db.dataSource.query(`SELECT id FROM tasks WHERE group_id = $1`, [id]) as Promise<Array<{ id: string }>>,
        (rows) => rows.length > 0,
      );
      return (await sys.db.dataSource.query(`SELECT organisation_id, role, source FROM task_copies WHERE task_id = $1`, [row!.id])) as unknown[];
    };
    expect(await start('formal_submission', ids.tsq!, true)).toEqual([{ organisation_id: ids['taian-zzb'], role: 'reviewer', source: 'definition' }]);
    // A step Tai'an copies nobody on, and a task of the same kind outside any campaign: no copies.
    expect(await start('evaluation_vote', ids['tsq-cyjd']!, true)).toEqual([]);
    expect(await start('grassroots_report', ids['tsq-cyjd']!, false)).toEqual([]);
    // The department's reviewer finds the formal submission in 抄送我的.
    const titles = (await copied(await auth('zzb.reviewer'))).items.map((i) => i.title);
    expect(titles).toEqual(['formal_submission（抄送测试）']);
  });

  it('copies ad hoc to a role or a user in the actor’s subtree, read-only for them, refused whole with nothing changed otherwise', async () => {
    const actor = await auth('tsq-cyjd.reviewer');
    const secretary1 = await auth('tsq-cyjd-b01.secretary');
    const b02 = await userId('tsq-cyjd-b02.secretary');
    // Before any copy: the branches' secretaries cannot read the committee's task.
    await sys.http.get(`/tasks/${taskId}`).set(secretary1).expect(404);
    expect(await copied(secretary1)).toEqual({ items: [], total: 0 });

    const before = { copies: await copiesTable(), notices: await ccNotices() };
    const refused: Array<{ as?: Header; body: unknown; status: number; code?: string }> = [
      { body: { targets: [{ organisationId: ids.dyq, role: 'reviewer' }] }, status: 422, code: 'INVALID_COPY_TARGET' },
      { body: { targets: [{ organisationId: ids['tsq-cyjd-b01'], role: 'submitter' }, { organisationId: ids['dyq-zdjd'], role: 'reviewer' }] }, status: 422, code: 'INVALID_COPY_TARGET' },
      { body: { targets: [{ organisationId: randomUUID(), role: 'reviewer' }] }, status: 422, code: 'INVALID_COPY_TARGET' },
      { body: { targets: [{ organisationId: ids['tsq-cyjd-b01'], role: 'reviewer' }] }, status: 422, code: 'INVALID_COPY_TARGET' },
      { body: { targets: [{ userId: randomUUID() }] }, status: 422, code: 'INVALID_COPY_TARGET' },
      { body: { targets: [{ userId: await userId('dyq.reviewer') }] }, status: 422, code: 'INVALID_COPY_TARGET' },
      { body: { targets: [{ userId: b02 }, { userId: b02 }] }, status: 409, code: 'DUPLICATE_COPY' },
      { body: { targets: [] }, status: 400 },
      { body: { targets: [{ organisationId: ids['tsq-cyjd-b01'], role: 'boss' }] }, status: 400 },
      { body: { targets: [{ organisationId: 'x', role: 'submitter' }] }, status: 400 },
      { body: { targets: [{ organisationId: ids['tsq-cyjd-b01'], role: 'submitter', userId: b02 }] }, status: 400 },
      { body: {}, status: 400 },
      // The level above sees the task and may urge it, but does not handle it: no copies from there.
      { as: await auth('tsq.reviewer'), body: { targets: [{ organisationId: ids['tsq-cyjd-b01'], role: 'submitter' }] }, status: 403, code: 'FORBIDDEN' },
      // Another subtree does not see the task at all.
      { as: await auth('dyq.reviewer'), body: { targets: [{ organisationId: ids.dyq, role: 'reviewer' }] }, status: 404, code: 'NOT_FOUND' },
    ];
    for (const c of refused) {
      const res = await sys.http.post(`/tasks/${taskId}/copies`).set(c.as ?? actor).send(c.body as object);
      expect({ body: c.body, status: res.status, code: c.code ? res.body.code : undefined }).toEqual({ body: c.body, status: c.status, code: c.code });
      expect(res.body.message).toMatch(CHINESE);
    }
    expect({ copies: await copiesTable(), notices: await ccNotices() }).toEqual(before);

    const added = await sys.http
      .post(`/tasks/${taskId}/copies`)
      .set(actor)
      .send({ targets: [{ organisationId: ids['tsq-cyjd-b01'], role: 'submitter' }, { userId: b02 }] })
      .expect(201);
    const actorId = await userId('tsq-cyjd.reviewer');
    // The definition's copy first; the two added at once, in either order.
    expect(added.body.copies).toHaveLength(3);
    expect(added.body.copies[0]).toMatchObject({ organisationId: ids.tsq, source: 'definition' });
    expect(added.body.copies.slice(1)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ organisationId: ids['tsq-cyjd-b01'], role: 'submitter', userId: null, source: 'ad_hoc', copiedBy: { userId: actorId, name: expect.any(String) } }),
        expect.objectContaining({ organisationId: ids['tsq-cyjd-b02'], role: 'submitter', userId: b02, userName: expect.stringContaining('书记'), source: 'ad_hoc' }),
      ]),
    );
    const notices = (await ccNotices()) as Array<{ user_id: string | null; message: string }>;
    expect(notices).toHaveLength(3);
    expect(notices.slice(1).map((n) => n.user_id).sort()).toEqual([b02, null].sort());
    for (const n of notices.slice(1)) expect(n.message).toMatch(/^抄送（.+抄送）：“泰山先锋”红旗党支部评选「基层党委差额推荐」环节的任务“填写基层党委意见/);
    // The same again: already copied, nothing added.
    const again = await sys.http.post(`/tasks/${taskId}/copies`).set(actor).send({ targets: [{ organisationId: ids['tsq-cyjd-b01'], role: 'submitter' }] }).expect(409);
    expect(again.body).toMatchObject({ code: 'DUPLICATE_COPY', message: expect.stringMatching(CHINESE) });
    expect(await copiesTable()).toHaveLength(3);
    // The audit trail names the copy.
    const [audit] = await sys.db.dataSource.query(`SELECT actor_id, action FROM audit_log WHERE subject_id = $1 AND action = 'task.copy'`, [groupId]);
    expect(audit).toEqual({ actor_id: actorId, action: 'task.copy' });

    // The copied secretary: in 抄送我的, unread; the task read-only, with nothing to do; acting on it is refused.
    const mine = await copied(secretary1);
    expect(mine.items.map((i) => [i.id, i.copySource, i.readAt])).toEqual([[taskId, 'ad_hoc', null]]);
    const view = (await sys.http.get(`/tasks/${taskId}`).set(secretary1).expect(200)).body;
    expect(view).toMatchObject({ id: taskId, copiedToMe: true, readOnly: true, availableActions: [] });
    const act = await sys.http.post(`/tasks/${taskId}/decision`).set(secretary1).send({ decision: 'approve' }).expect(403);
    expect(act.body.message).toMatch(/抄送/);
    await sys.http.post(`/tasks/${taskId}/copies`).set(secretary1).send({ targets: [{ organisationId: ids['tsq-cyjd-b01'], role: 'submitter' }] }).expect(403);
    await sys.http.get(`/tasks/${taskId}/attachments`).set(secretary1).expect(200);
    // Its open is a receipt the actor sees (已读), as the branch's secretary.
    const readBy = (await sys.http.get(`/tasks/${taskId}`).set(actor).expect(200)).body.readBy as Array<{ userId: string; organisationId: string; role: string }>;
    expect(readBy).toContainEqual(expect.objectContaining({ userId: await userId('tsq-cyjd-b01.secretary'), organisationId: ids['tsq-cyjd-b01'], role: 'submitter' }));
    expect((await copied(secretary1)).items[0]!.readAt).toEqual(expect.any(String));
    // Another branch's secretary not copied: still nothing.
    await sys.http.get(`/tasks/${taskId}`).set(await auth('tsq-cyjd-b03.secretary')).expect(404);
    expect(await copied(await auth('tsq-cyjd-b03.secretary'))).toEqual({ items: [], total: 0 });
  });

  it('copies a nomination review too; a retry with the same Idempotency-Key answers as the first did and copies once', async () => {
    const submitted = await sys.http.post('/nominations').set(await auth('tsq-cyjd-b06.secretary')).send({ branchId: (await orgByCode(sys.db.dataSource, 'tsq-cyjd-b06')).id, campaignYear: 2096, form: sampleForm() }).expect(201);
    const reviewId = submitted.body.openTasks[0].id as string;
    const actor = await auth('tsq-cyjd.reviewer');
    const body = { targets: [{ organisationId: ids['tsq-cyjd'], role: 'committee_member' }] };
    const first = await sys.http.post(`/tasks/${reviewId}/copies`).set(actor).set('Idempotency-Key', 'cc-retry-0001').send(body).expect(201);
    const replay = await sys.http.post(`/tasks/${reviewId}/copies`).set(actor).set('Idempotency-Key', 'cc-retry-0001').send(body).expect(201);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(first.body.copies).toEqual([expect.objectContaining({ organisationId: ids['tsq-cyjd'], role: 'committee_member', source: 'ad_hoc' })]);
    expect(await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM task_copies WHERE task_id = $1`, [reviewId])).toEqual([{ n: 1 }]);
    expect(await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE task_id = $1 AND kind = 'cc'`, [reviewId])).toEqual([{ n: 1 }]);
    const member = (await copied(await auth('tsq-cyjd.member'))).items.map((i) => [i.id, i.kind, i.branchName]);
    expect(member).toContainEqual([reviewId, 'nomination_review', expect.any(String)]);
  });

  it('never blocks the flow: the task completes while a copy is unread, and a closed task takes no more copies', async () => {
    const actor = await auth('tsq-cyjd.reviewer');
    const secretary2 = await auth('tsq-cyjd-b02.secretary');
    expect((await copied(secretary2)).items.map((i) => [i.id, i.readAt])).toEqual([[taskId, null]]);
    await sys.http.post(`/tasks/${taskId}/decision`).set(actor).send({ decision: 'approve', opinion: '同意上报' }).expect(200);
    const result = await sys.temporal.client.workflow.getHandle(humanTaskWorkflowId(groupId)).result();
    expect(result).toMatchObject({ outcome: 'approve' });
    const after = await eventually(
      () => copied(secretary2),
      (page) => page.items[0]?.status === 'completed',
    );
    expect(after.items.map((i) => [i.id, i.status, i.readAt])).toEqual([[taskId, 'completed', null]]);
    expect((await copied(secretary2, '?status=open')).total).toBe(0);
    const closed = await sys.http.post(`/tasks/${taskId}/copies`).set(actor).send({ targets: [{ organisationId: ids['tsq-cyjd-b02'], role: 'submitter' }] }).expect(409);
    expect(closed.body.code).toBe('TASK_NOT_OPEN');
  });
});
