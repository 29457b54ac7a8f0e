import { orgByCode, sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';

type Header = { authorization: string };
const CHINESE = /[\u4e00-\u9fff]/;
const DEFAULTS = [
  { decision: 'approve', label: '同意', own: false, phrases: ['同意推荐', '情况属实，同意上报'] },
  { decision: 'return', label: '退回修改', own: false, phrases: ['材料不全，请补充后重新报送'] },
  { decision: 'reject', label: '不同意', own: false, phrases: ['不符合推荐条件'] },
];

/**
 * 常用意见: each user's own phrases per decision kind (the defaults until they keep their own), replaced whole,
 * refused whole with 422 in Chinese, nobody else's business. 已读/未读: a task's first open per user is recorded
 * when they fetch it; whoever reads the task sees who opened it, the submitter sees it on the nomination's progress.
 */
describe('opinion phrases and read receipts', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });

  const phrases = async (as: Header) => (await sys.http.get('/me/opinion-phrases').set(as).expect(200)).body;
  const stored = async (username: string) =>
    sys.db.dataSource.query(`SELECT p.decision, p.position, p.text FROM opinion_phrases p JOIN users u ON u.id = p.user_id WHERE u.username = $1 ORDER BY 1, 2`, [username]);

  it('offers the defaults, keeps a user’s own lists whole, refuses bad lists with nothing changed, and shows nobody else’s', async () => {
    const reviewer = await auth('tsq-cyjd.reviewer');
    const other = await auth('tsq.reviewer');
    expect(await phrases(reviewer)).toEqual({ decisions: DEFAULTS, maxPerDecision: 20, maxLength: 100 });

    const saved = await sys.http
      .put('/me/opinion-phrases')
      .set(reviewer)
      .send({ approve: ['经党委集体研究，同意推荐', '  同意上报  '], reject: ['近三年有违纪情况，不同意推荐'] })
      .expect(200);
    const mine = {
      decisions: [
        { decision: 'approve', label: '同意', own: true, phrases: ['经党委集体研究，同意推荐', '同意上报'] },
        DEFAULTS[1],
        { decision: 'reject', label: '不同意', own: true, phrases: ['近三年有违纪情况，不同意推荐'] },
      ],
      maxPerDecision: 20,
      maxLength: 100,
    };
    expect(saved.body).toEqual(mine);
    expect(await phrases(reviewer)).toEqual(mine);
    // Another user still has the defaults: one user's phrases are theirs alone.
    expect(await phrases(other)).toEqual({ decisions: DEFAULTS, maxPerDecision: 20, maxLength: 100 });
    expect(await stored('tsq.reviewer')).toEqual([]);

    const before = await stored('tsq-cyjd.reviewer');
    expect(before).toHaveLength(3);
    const refused: Array<{ body: unknown; status: number; message?: RegExp }> = [
      { body: { approve: Array.from({ length: 21 }, (_, i) => `同意推荐${i + 1}`) }, status: 422, message: /最多20条/ },
      { body: { approve: ['同意', '长'.repeat(101)] }, status: 422, message: /第2条.*不能超过100个字/ },
      { body: { return: [''] }, status: 422, message: /不能为空/ },
      { body: { return: ['   '] }, status: 422, message: /不能为空/ },
      { body: { reject: ['不同意', ' 不同意 '] }, status: 422, message: /重复/ },
      { body: { maybe: ['同意'] }, status: 400 },
      { body: { approve: '同意推荐' }, status: 400 },
      { body: { approve: [1] }, status: 400 },
      { body: [], status: 400 },
    ];
    for (const c of refused) {
      const res = await sys.http.put('/me/opinion-phrases').set(reviewer).send(c.body as object);
      expect({ body: c.body, status: res.status }).toEqual({ body: c.body, status: c.status });
      expect(res.body.message).toMatch(CHINESE);
      if (c.status === 422) expect(res.body.code).toBe('INVALID_OPINION_PHRASES');
      if (c.message) expect(res.body.message).toMatch(c.message);
    }
    expect(await stored('tsq-cyjd.reviewer')).toEqual(before);
    expect(await phrases(reviewer)).toEqual(mine);

    // 20 phrases of 100 characters each are within the rules; an empty list puts a kind back on its defaults.
    const full = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(2, '0')}${'意'.repeat(98)}`);
    expect((await sys.http.put('/me/opinion-phrases').set(reviewer).send({ approve: full }).expect(200)).body.decisions[0]).toEqual({ decision: 'approve', label: '同意', own: true, phrases: full });
    expect((await sys.http.put('/me/opinion-phrases').set(reviewer).send({ approve: [] }).expect(200)).body).toEqual({ decisions: DEFAULTS, maxPerDecision: 20, maxLength: 100 });
    expect(await stored('tsq-cyjd.reviewer')).toEqual([]);
    // Not signed in: nothing to read or replace.
    await sys.http.get('/me/opinion-phrases').expect(401);
    await sys.http.put('/me/opinion-phrases').send({ approve: ['同意'] }).expect(401);
  });

  it('records a task’s first open per user, shows it to whoever may read the task and to the submitter, and to no other subtree', async () => {
    const secretary = await auth('tsq-cyjd-b03.secretary');
    const branch = await orgByCode(sys.db.dataSource, 'tsq-cyjd-b03');
    const committee = await orgByCode(sys.db.dataSource, 'tsq-cyjd');
    const district = await orgByCode(sys.db.dataSource, 'tsq');
    const submitted = await sys.http.post('/nominations').set(secretary).send({ branchId: branch.id, campaignYear: 2042, form: sampleForm() }).expect(201);
    const nominationId = submitted.body.id as string;
    const taskId = submitted.body.openTasks[0].id as string;
    const progress = async () => (await sys.http.get(`/nominations/${nominationId}/progress`).set(secretary).expect(200)).body;
    const receipts = () => sys.db.dataSource.query(`SELECT user_id, organisation_id, role, first_opened_at FROM task_receipts WHERE task_id = $1 ORDER BY first_opened_at`, [taskId]);

    // Nobody has opened it yet: 未读.
    expect((await progress()).holders).toEqual([expect.objectContaining({ taskId, readBy: [] })]);
    expect(await receipts()).toEqual([]);

    // Another subtree cannot read the task: no receipt, nothing shown.
    await sys.http.get(`/tasks/${taskId}`).set(await auth('dyq.reviewer')).expect(404);
    await sys.http.get(`/nominations/${nominationId}/progress`).set(await auth('dyq.reviewer')).expect(404);
    expect(await receipts()).toEqual([]);

    const reviewer = await auth('tsq-cyjd.reviewer');
    const [reviewerUser] = await sys.db.dataSource.query(`SELECT id, display_name FROM users WHERE username = 'tsq-cyjd.reviewer'`);
    const first = (await sys.http.get(`/tasks/${taskId}`).set(reviewer).expect(200)).body;
    const reviewerReceipt = {
      userId: reviewerUser.id,
      name: reviewerUser.display_name,
      organisationId: committee.id,
      organisationName: committee.name,
      role: 'reviewer',
      roleLabel: '审核人',
      openedAt: expect.any(String),
    };
    expect(first.readBy).toEqual([reviewerReceipt]);
    const [recorded] = await receipts();
    expect(recorded).toMatchObject({ user_id: reviewerUser.id, organisation_id: committee.id, role: 'reviewer' });
    expect(new Date(first.readBy[0].openedAt).getTime()).toBe(new Date(recorded.first_opened_at).getTime());

    // Opened again: still the first open, once.
    const again = (await sys.http.get(`/tasks/${taskId}`).set(reviewer).expect(200)).body;
    expect(again.readBy).toEqual(first.readBy);
    expect(await receipts()).toHaveLength(1);

    // The submitter sees 已读 with who and when on the nomination's progress.
    expect((await progress()).holders).toEqual([expect.objectContaining({ taskId, readBy: first.readBy })]);

    // The level above may read the task: its open is recorded as its own role there, and it sees every receipt.
    const above = (await sys.http.get(`/tasks/${taskId}`).set(await auth('tsq.reviewer')).expect(200)).body;
    expect(above.readBy).toEqual([reviewerReceipt, expect.objectContaining({ organisationId: district.id, organisationName: district.name, role: 'reviewer' })]);
    expect((await sys.http.get(`/tasks/${taskId}`).set(reviewer).expect(200)).body.readBy).toEqual(above.readBy);
    expect(await receipts()).toHaveLength(2);

    // The inbox is not an open: listing tasks records nothing.
    await sys.http.get('/tasks').set(await auth('tsq-cyjd.member')).expect(200);
    expect(await receipts()).toHaveLength(2);
  });
});
