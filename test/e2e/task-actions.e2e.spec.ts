import { randomUUID } from 'node:crypto';
import {
  CONSULTATION_WORKFLOW,
  type ConsultationInput,
  HUMAN_TASK_WORKFLOW,
  type HumanTaskInput,
  OBLIGATION_SCHEDULE_WORKFLOW,
  RUBRIC_ASSESSMENT_WORKFLOW,
  consultationWorkflowId,
  humanTaskWorkflowId,
  obligationScheduleWorkflowId,
  rubricAssessmentWorkflowId,
} from '../../libs/contracts/src';
import { rubricItems } from '../../libs/domain/src';
import { WUJIN_RUBRIC } from '../../libs/persistence/src';
import { actorAt, orgByCode, sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

type Header = { authorization: string };
interface Action {
  type: string;
  label: string;
  outcomes?: Array<{ value: string; label: string; opinionRequired: boolean; formRequired: boolean }>;
}

const CHINESE = /[\u4e00-\u9fff]/;

/**
 * Every kind of task in an inbox is acted on through one path: GET /tasks/{id}
 * says what the caller may do now (availableActions) and what a decision must
 * carry (formSchema, as JSON Schema); POST /tasks/{id}/actions and /decision
 * take it. Another subtree gets 404, a visible non-assignee 403, bad input a
 * 4xx in Chinese — and none of them changes anything.
 */
describe('task actions: one path for every task kind', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });

  const detail = async (id: string, as: Header, status = 200) => (await sys.http.get(`/tasks/${id}`).set(as).expect(status)).body;
  const act = (id: string, as: Header, body: object) => sys.http.post(`/tasks/${id}/actions`).set(as).send(body);
  const types = (actions: Action[]) => actions.map((a) => a.type);
  const decide = (actions: Action[]) => actions.find((a) => a.type === 'decide');

  /** What a refusal must leave as it was: the task's rows and the audit trail about its subject. */
  async function snapshot(taskId: string) {
    const [task] = await sys.db.dataSource.query(`SELECT status, outcome, data, opinion, delegated_to_user_id, acted, due_at, urged_count FROM tasks WHERE id = $1`, [taskId]);
    const [{ subject_id: subjectId, group_id: groupId }] = await sys.db.dataSource.query(`SELECT subject_id, group_id FROM tasks WHERE id = $1`, [taskId]);
    const [audit] = await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = ANY($1)`, [[subjectId, groupId ?? subjectId, taskId]]);
    return { task, audit: audit.n };
  }

  /** Sends each refused request, checks its status, code and Chinese message, and that nothing changed. */
  async function refusedAll(taskId: string, cases: Array<{ as: Header; body: object; status: number; code?: string; message?: RegExp; via?: 'decision' }>) {
    const before = await snapshot(taskId);
    for (const c of cases) {
      const res = await sys.http.post(`/tasks/${taskId}/${c.via ?? 'actions'}`).set(c.as).send(c.body);
      expect({ body: c.body, status: res.status }).toEqual({ body: c.body, status: c.status });
      expect(res.body.message).toMatch(CHINESE);
      if (c.code) expect(res.body.code).toBe(c.code);
      if (c.message) expect(`${res.body.message}${(res.body.details ?? []).join('')}`).toMatch(c.message);
    }
    expect(await snapshot(taskId)).toEqual(before);
  }

  async function startHumanTask(input: Partial<HumanTaskInput> & Pick<HumanTaskInput, 'kind' | 'title' | 'assignees'>): Promise<string> {
    const taskId = randomUUID();
    await sys.temporal.client.workflow.start(HUMAN_TASK_WORKFLOW, {
      workflowId: humanTaskWorkflowId(taskId),
      taskQueue: 'pennant-e2e',
      args: [{ taskId, subject: { type: 'report', id: randomUUID() }, policy: { mode: 'single' }, outcomes: ['completed'], opinionRequiredFor: ['completed'], dueAt: null, ...input } satisfies HumanTaskInput],
    });
    const [row] = await eventually(
      () => sys.db.dataSource.query(`SELECT id FROM tasks WHERE group_id = $1`, [taskId]),
      (rows) => rows.length > 0,
    );
    return row.id;
  }

  it('nomination review: the reviewer approves, returns or rejects; nothing else, nobody else', async () => {
    const secretary = await auth('tsq-cyjd-b03.secretary');
    const branch = await orgByCode(sys.db.dataSource, 'tsq-cyjd-b03');
    const submitted = await sys.http.post('/nominations').set(secretary).send({ branchId: branch.id, campaignYear: 2041, form: sampleForm() }).expect(201);
    const taskId = submitted.body.openTasks[0].id as string;
    const reviewer = await auth('tsq-cyjd.reviewer');

    const shown = await detail(taskId, reviewer);
    expect(shown).toMatchObject({ kind: 'nomination_review', formSchema: null });
    expect(shown.availableActions).toEqual([
      {
        type: 'decide',
        label: '办理',
        outcomes: [
          { value: 'approve', label: '同意', opinionRequired: false, formRequired: false },
          { value: 'return', label: '退回修改', opinionRequired: true, formRequired: false },
          { value: 'reject', label: '不同意', opinionRequired: true, formRequired: false },
        ],
      },
    ]);
    // The district above sees it, but it is not its to decide; another district does not see it at all.
    const district = await auth('tsq.reviewer');
    expect((await detail(taskId, district)).availableActions).toEqual([]);
    await detail(taskId, await auth('dyq.reviewer'), 404);

    await refusedAll(taskId, [
      { as: await auth('dyq.reviewer'), body: { type: 'decide', decision: 'approve' }, status: 404 },
      { as: district, body: { type: 'decide', decision: 'approve' }, status: 403, code: 'FORBIDDEN' },
      { as: district, body: { decision: 'approve' }, status: 403, via: 'decision' },
      { as: reviewer, body: { type: 'transfer', to: { organisationId: branch.id, role: 'reviewer' } }, status: 422, code: 'UNSUPPORTED_ACTION', message: /转办/ },
      { as: reviewer, body: { type: 'decide', decision: 'maybe' }, status: 422, code: 'INVALID_DECISION', message: /approve（同意）/ },
      { as: reviewer, body: { type: 'decide', decision: 'return' }, status: 422, code: 'INVALID_DECISION', message: /意见/ },
      { as: reviewer, body: { type: 'decide', decision: 'approve', data: { x: 1 } }, status: 422, code: 'INVALID_FORM_DATA', message: /无需填写表单/ },
      { as: reviewer, body: { type: 'decide', decision: 'approve', returnTo: 'grassroots' }, status: 422, code: 'INVALID_DECISION' },
      { as: reviewer, body: { type: 'decide', decision: 'approve', data: [] }, status: 400 },
    ]);
    expect((await sys.http.get(`/nominations/${submitted.body.id}`).set(secretary).expect(200)).body.status).toBe('under_review');

    const returned = await act(taskId, reviewer, { type: 'decide', decision: 'return', opinion: '请补充主要事迹材料' }).expect(200);
    expect(returned.body).toMatchObject({ nominationId: submitted.body.id, status: 'returned' });
    expect((await detail(taskId, reviewer)).availableActions).toEqual([]);
  });

  it('campaign step (humanTask with the engine form "scores"): decide with the form, transfer, delegate and reply, withdraw, urge, extend', async () => {
    const committee = await orgByCode(sys.db.dataSource, 'tsq-cyjd');
    const submitter = await actorAt(sys.db.dataSource, 'tsq.reviewer', 'reviewer');
    const taskId = await startHumanTask({
      kind: 'evaluation_vote',
      title: '组织党员群众测评（任务操作测试）',
      assignees: [{ organisationId: committee.id, role: 'reviewer' }],
      submitter,
      returnTargets: ['secretary_report'],
      outcomes: ['completed', 'return'],
      opinionRequiredFor: ['return'],
      form: { kind: 'scores', candidates: [{ id: 'c1', name: '东关村党支部' }, { id: 'c2', name: '花园社区党支部' }], min: 0, max: 100 },
    });
    const reviewer = await auth('tsq-cyjd.reviewer');
    const district = await auth('tsq.reviewer');
    const admin = await auth('admin');

    const shown = await detail(taskId, reviewer);
    expect(types(shown.availableActions)).toEqual(['decide', 'transfer', 'delegate', 'add_cosigner']);
    expect(decide(shown.availableActions)).toMatchObject({
      outcomes: [
        { value: 'completed', label: '办结', opinionRequired: false, formRequired: true },
        { value: 'return', label: '退回修改', opinionRequired: true, formRequired: false },
      ],
      returnTargets: ['secretary_report'],
    });
    expect(shown.formSchema).toMatchObject({
      type: 'object',
      required: ['scores', 'participants'],
      properties: { scores: { properties: { c1: { type: 'number', minimum: 0, maximum: 100, description: '东关村党支部' }, c2: { type: 'number' } } } },
    });
    // The submitter (the district) may withdraw before anyone acts, and urge; the administrator urges and extends.
    expect(types((await detail(taskId, district)).availableActions)).toEqual(['withdraw', 'urge']);
    expect(types((await detail(taskId, admin)).availableActions)).toEqual(['urge', 'extend']);
    await detail(taskId, await auth('dyq.reviewer'), 404);
    await detail(taskId, await auth('tsq-dmjd.reviewer'), 404);

    const outsider = await actorAt(sys.db.dataSource, 'tsq-dmjd.reviewer', 'reviewer');
    const self = await actorAt(sys.db.dataSource, 'tsq-cyjd.reviewer', 'reviewer');
    await refusedAll(taskId, [
      { as: await auth('tsq-dmjd.reviewer'), body: { type: 'decide', decision: 'completed', data: { scores: { c1: 1, c2: 2 }, participants: 3 } }, status: 404 },
      { as: district, body: { type: 'decide', decision: 'completed', data: { scores: { c1: 1, c2: 2 }, participants: 3 } }, status: 403 },
      { as: district, body: { type: 'delegate', to: { userId: submitter.userId, displayName: '某人' } }, status: 403 },
      { as: district, body: { type: 'reply', opinion: '意见' }, status: 403 },
      { as: reviewer, body: { type: 'extend', dueAt: '2099-01-01T00:00:00.000Z', opinion: '延期' }, status: 403, message: /管理员/ },
      { as: reviewer, body: { type: 'decide', decision: 'completed', data: { scores: { c1: 90 }, participants: 40 } }, status: 422, code: 'INVALID_FORM_DATA', message: /花园社区党支部/ },
      { as: reviewer, body: { type: 'decide', decision: 'completed', data: { scores: { c1: 190, c2: 80 }, participants: 40 } }, status: 422, code: 'INVALID_FORM_DATA', message: /0到100/ },
      { as: reviewer, body: { type: 'decide', decision: 'completed' }, status: 422, code: 'INVALID_FORM_DATA', message: /测评结果/ },
      { as: reviewer, body: { type: 'decide', decision: 'approve' }, status: 422, code: 'INVALID_DECISION' },
      { as: reviewer, body: { type: 'decide', decision: 'return' }, status: 422, code: 'INVALID_DECISION', message: /意见/ },
      { as: reviewer, body: { type: 'decide', decision: 'return', opinion: '退回', returnTo: 'naming' }, status: 422, code: 'INVALID_DECISION', message: /secretary_report/ },
      { as: reviewer, body: { type: 'decide', decision: 'completed', data: 'scores' }, status: 400 },
      { as: reviewer, body: { type: 'frobnicate' }, status: 400 },
      // A delegate must be an active user holding a role in the delegator's subtree.
      { as: reviewer, body: { type: 'delegate', to: { userId: randomUUID(), displayName: '无此人' } }, status: 422, code: 'INVALID_ACTION', message: /受托人不存在/ },
      { as: reviewer, body: { type: 'delegate', to: { userId: outsider.userId, displayName: '他街道审核人' } }, status: 422, code: 'INVALID_ACTION', message: /管辖范围/ },
      { as: reviewer, body: { type: 'delegate', to: { userId: self.userId, displayName: '本人' } }, status: 422, code: 'INVALID_ACTION', message: /本人/ },
    ]);

    // Delegated: the delegate replies, the assignee waits; once acted, the submitter can no longer withdraw.
    const member = await actorAt(sys.db.dataSource, 'tsq-cyjd.member', 'committee_member');
    // The delegation dialog's picker: the active people of the reviewer's subtree (what delegating accepts), each once, the
    // reviewer excepted; found by name; offered only to one who may delegate the task now.
    const delegates = (as: Header, query: Record<string, string | number> = {}, status = 200) => sys.http.get(`/tasks/${taskId}/delegates`).query(query).set(as).expect(status);
    const candidates: Array<{ userId: string; displayName: string; organisationName: string; roleLabel: string }> = (await delegates(reviewer)).body.candidates;
    const ids = candidates.map((c) => c.userId);
    expect(candidates).toContainEqual({ userId: member.userId, displayName: member.displayName, organisationName: committee.name, role: 'committee_member', roleLabel: '党委委员' });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(self.userId);
    expect(ids).not.toContain(outsider.userId);
    const [inSubtree] = await sys.db.dataSource.query(
      `SELECT count(DISTINCT u.id)::int AS n FROM users u JOIN role_assignments r ON r.user_id = u.id JOIN organisations o ON o.id = r.organisation_id
        WHERE u.id = ANY($1) AND u.active AND o.path LIKE $2 || '%'`,
      [ids, committee.path],
    );
    expect(inSubtree.n).toBe(ids.length);
    const found: Array<{ userId: string; displayName: string }> = (await delegates(reviewer, { q: member.displayName.slice(-2) })).body.candidates;
    expect(found.map((c) => c.userId)).toContain(member.userId);
    expect(found.every((c) => c.displayName.includes(member.displayName.slice(-2)))).toBe(true);
    expect((await delegates(reviewer, { q: '无此姓名%' })).body.candidates).toEqual([]);
    expect((await delegates(reviewer, { limit: 1 })).body.candidates).toHaveLength(1);
    expect((await delegates(district, {}, 403)).body.message).toMatch(CHINESE);
    await delegates(await auth('tsq-dmjd.reviewer'), {}, 404);
    expect((await delegates(reviewer, { limit: 0 }, 400)).body.message).toMatch(CHINESE);
    await act(taskId, reviewer, { type: 'delegate', to: { userId: member.userId, displayName: member.displayName }, opinion: '请先核对测评票' }).expect(200);
    const delegate = await auth('tsq-cyjd.member');
    expect((await detail(taskId, delegate)).availableActions).toEqual([{ type: 'reply', label: '受托人回复', opinionRequired: true }]);
    expect((await detail(taskId, reviewer)).availableActions).toEqual([]);
    // Out for a reply, the task cannot be delegated again: the picker is refused as the action would be.
    expect((await delegates(reviewer, {}, 403)).body.message).toMatch(CHINESE);
    expect(types((await detail(taskId, district)).availableActions)).toEqual(['urge']);
    await act(taskId, delegate, { type: 'reply', opinion: '测评票已核对无误' }).expect(200);
    expect(types((await detail(taskId, reviewer)).availableActions)).toEqual(['decide', 'transfer', 'delegate', 'add_cosigner']);
    await act(taskId, admin, { type: 'extend', dueAt: '2099-06-30T08:00:00.000Z', opinion: '测评推迟' }).expect(200);
    await act(taskId, district, { type: 'urge', opinion: '请尽快组织测评' }).expect(200);

    const done = await sys.http
      .post(`/tasks/${taskId}/decision`)
      .set(reviewer)
      .send({ decision: 'completed', opinion: '测评推荐已完成', data: { scores: { c1: 92, c2: 81 }, participants: 45 } })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'completed', urged: 1 });
    const after = await detail(taskId, reviewer);
    expect(after).toMatchObject({ status: 'completed', data: { scores: { c1: 92, c2: 81 }, participants: 45 }, availableActions: [] });
    const closed = (await delegates(reviewer, {}, 409)).body;
    expect(closed).toMatchObject({ code: 'TASK_NOT_OPEN', message: expect.stringMatching(CHINESE) });
  });

  it("a process's own form (Tai'an's cultivation plan) is rendered and checked like the engine's", async () => {
    const cm = await orgByCode(sys.db.dataSource, 'tsq');
    const taskId = await startHumanTask({
      kind: 'cultivation_plan',
      title: '报送红旗党支部三年培树计划（任务操作测试）',
      assignees: [{ organisationId: cm.id, role: 'reviewer' }],
      form: { kind: 'cultivation_plan', years: [2027, 2028, 2029], minRowsPerYear: 1 },
    });
    const reviewer = await auth('tsq.reviewer');
    const shown = await detail(taskId, reviewer);
    expect(shown.formSchema.properties.rows).toMatchObject({ type: 'array', minItems: 1, items: { properties: { year: { enum: [2027, 2028, 2029] } }, required: ['year', 'branchName', 'measures'] } });
    const row = (year: number) => ({ year, branchName: '东关村党支部', measures: '结对共建，示范带动' });
    await refusedAll(taskId, [
      { as: reviewer, body: { type: 'decide', decision: 'completed', opinion: '报送', data: { rows: [row(2026)] } }, status: 422, code: 'INVALID_FORM_DATA', message: /年度须为2027、2028、2029之一/ },
      { as: reviewer, body: { type: 'decide', decision: 'completed', opinion: '报送', data: { rows: [row(2027), row(2028)] } }, status: 422, code: 'INVALID_FORM_DATA', message: /2029年不足/ },
      { as: reviewer, body: { type: 'decide', decision: 'completed', opinion: '报送', data: { rows: [{ ...row(2027), measures: ' ' }] } }, status: 422, message: /培树措施/ },
    ]);
    await act(taskId, reviewer, { type: 'decide', decision: 'completed', opinion: '报送三年培树计划', data: { rows: [row(2027), row(2028), row(2029)] } }).expect(200);
  });

  it('objection investigation (a public notice\'s humanTask): upheld or dismissed, always with an opinion', async () => {
    const publisher = await auth('tsq.reviewer');
    const branch = await orgByCode(sys.db.dataSource, 'tsq-cyjd-b04');
    const notice = await sys.http.post('/notices').set(publisher).send({ title: '拟推荐对象公示（任务操作测试）', organisationIds: [branch.id], duration: { amount: 3, unit: 'working_days' } }).expect(201);
    const view = await eventually(() => sys.http.get(`/public/notices/${notice.body.id}`), (r) => r.status === 200);
    const lodged = await sys.http.post(`/public/notices/${notice.body.id}/objections`).send({ itemId: view.body.items[0].id, anonymous: true, content: '该支部书记长期不在岗，请核查' }).expect(201);
    const [{ id: taskId }] = await eventually(
      () => sys.db.dataSource.query(`SELECT id FROM tasks WHERE kind = 'objection_investigation' AND subject_id = $1`, [lodged.body.objectionId]),
      (rows) => rows.length > 0,
    );

    const shown = await detail(taskId, publisher);
    expect(shown).toMatchObject({ kind: 'objection_investigation', formSchema: null });
    expect(decide(shown.availableActions)!.outcomes).toEqual([
      { value: 'upheld', label: '异议成立', opinionRequired: true, formRequired: false },
      { value: 'dismissed', label: '异议不成立', opinionRequired: true, formRequired: false },
    ]);
    const admin = await auth('admin');
    expect(types((await detail(taskId, admin)).availableActions)).toEqual(['urge', 'extend']);
    await refusedAll(taskId, [
      { as: await auth('dyq.reviewer'), body: { type: 'decide', decision: 'dismissed', opinion: '不属实' }, status: 404 },
      { as: admin, body: { type: 'decide', decision: 'dismissed', opinion: '不属实' }, status: 403 },
      { as: publisher, body: { type: 'decide', decision: 'dismissed' }, status: 422, code: 'INVALID_DECISION' },
      { as: publisher, body: { type: 'decide', decision: 'removed', opinion: '移出' }, status: 422, code: 'INVALID_DECISION', message: /upheld（异议成立）/ },
    ]);
    const done = await act(taskId, publisher, { type: 'decide', decision: 'dismissed', opinion: '经核查，该书记在岗履职' }).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'dismissed' });
  });

  it('consultation request: the agency answers each candidate through the task, as over /consultations/{id}/answers', async () => {
    const committee = await actorAt(sys.db.dataSource, 'tsq.reviewer', 'reviewer');
    const court = await orgByCode(sys.db.dataSource, 'tsq-agency-court');
    const tax = await orgByCode(sys.db.dataSource, 'tsq-agency-tax');
    const dueAt = new Date(Date.now() + 72 * 3_600_000).toISOString();
    const input: ConsultationInput = {
      consultationId: randomUUID(),
      title: '泰山区拟推荐对象征求意见（任务操作测试）',
      organisationId: committee.organisationId,
      candidates: [
        { id: 'rural', name: '东关村党支部', domain: 'rural' },
        { id: 'firm', name: '泰山玻纤党支部', domain: 'private_enterprise' },
      ],
      agencies: [
        { organisationId: court.id, kind: 'court', name: court.name, dueAt, candidateIds: ['rural', 'firm'] },
        { organisationId: tax.id, kind: 'tax', name: tax.name, dueAt, candidateIds: ['firm'] },
      ],
      onTimeout: 'no_objection',
      escalateTo: { organisationId: committee.organisationId, role: 'reviewer' },
    };
    await sys.temporal.client.workflow.start(CONSULTATION_WORKFLOW, { workflowId: consultationWorkflowId(input.consultationId), taskQueue: 'pennant-e2e', args: [input] });
    const [{ id: taskId }] = await eventually(
      () => sys.db.dataSource.query(`SELECT id FROM tasks WHERE kind = 'consultation_request' AND subject_id = $1 AND organisation_id = $2`, [input.consultationId, court.id]),
      (rows) => rows.length > 0,
    );
    const contact = await auth('tsq-agency-court.contact');

    const shown = await detail(taskId, contact);
    expect(shown.availableActions).toEqual([{ type: 'decide', label: '办理', outcomes: [{ value: 'answered', label: '提交答复', opinionRequired: false, formRequired: true }] }]);
    expect(shown.formSchema.properties.answers.items.properties).toMatchObject({ candidateId: { enum: ['rural', 'firm'] }, answer: { enum: ['no_objection', 'objection', 'veto'] } });
    // The committee that asked sees the request but does not answer it; another agency or district does not see it.
    expect((await detail(taskId, await auth('tsq.reviewer'))).availableActions).toEqual([]);
    await detail(taskId, await auth('tsq-agency-tax.contact'), 404);

    const answer = (candidateId: string, a: string, reason = '') => ({ candidateId, answer: a, reason });
    await refusedAll(taskId, [
      { as: await auth('dyq-agency-court.contact'), body: { type: 'decide', decision: 'answered', data: { answers: [answer('rural', 'no_objection'), answer('firm', 'no_objection')] } }, status: 404 },
      { as: await auth('tsq-agency-tax.contact'), body: { type: 'decide', decision: 'answered', data: { answers: [answer('rural', 'no_objection'), answer('firm', 'no_objection')] } }, status: 404 },
      { as: await auth('tsq.reviewer'), body: { type: 'decide', decision: 'answered', data: { answers: [answer('rural', 'no_objection'), answer('firm', 'no_objection')] } }, status: 403 },
      { as: contact, body: { type: 'urge' }, status: 422, code: 'UNSUPPORTED_ACTION' },
      { as: contact, body: { type: 'decide', decision: 'answered', data: { answers: [answer('rural', 'no_objection')] } }, status: 422, code: 'INVALID_FORM_DATA', message: /逐一答复/ },
      { as: contact, body: { type: 'decide', decision: 'answered', data: { answers: [answer('rural', 'veto'), answer('firm', 'no_objection')] } }, status: 422, code: 'INVALID_FORM_DATA', message: /说明理由：东关村党支部/ },
      { as: contact, body: { type: 'decide', decision: 'answered', data: { answers: [answer('rural', 'maybe'), answer('firm', 'no_objection')] } }, status: 422, code: 'INVALID_FORM_DATA', message: /no_objection（无异议）/ },
      { as: contact, body: { type: 'decide', decision: 'answered', data: { answers: [answer('elsewhere', 'no_objection'), answer('firm', 'no_objection')] } }, status: 422, code: 'INVALID_FORM_DATA' },
      { as: contact, body: { type: 'decide', decision: 'no_objection' }, status: 422, code: 'INVALID_DECISION' },
    ]);
    expect((await sys.db.dataSource.query(`SELECT count(*)::int AS n FROM consultation_answers WHERE consultation_id = $1`, [input.consultationId]))[0].n).toBe(0);

    const answered = await act(taskId, contact, { type: 'decide', decision: 'answered', data: { answers: [answer('rural', 'veto', '该村党支部书记涉诉未结'), answer('firm', 'no_objection')] } }).expect(200);
    expect(answered.body).toMatchObject({ consultationId: input.consultationId, candidates: expect.arrayContaining([{ id: 'rural', name: '东关村党支部', verdict: 'vetoed' }]) });
    expect(await detail(taskId, contact)).toMatchObject({ status: 'completed', availableActions: [] });
    // The second door answers the same update: the agency has answered already.
    const again = await sys.http.post(`/consultations/${input.consultationId}/answers`).set(contact).send({ answers: [answer('rural', 'no_objection'), answer('firm', 'no_objection')] });
    expect(again.status).toBe(409);
  });

  it('obligation occurrence: the assignee completes it with evidence', async () => {
    const branch = await orgByCode(sys.db.dataSource, 'tsq-cyjd-b05');
    const committee = await orgByCode(sys.db.dataSource, 'tsq-cyjd');
    const scheduleId = randomUUID();
    await sys.temporal.client.workflow.start(OBLIGATION_SCHEDULE_WORKFLOW, {
      workflowId: obligationScheduleWorkflowId(scheduleId),
      taskQueue: 'pennant-e2e',
      args: [
        {
          scheduleId,
          organisationId: branch.id,
          year: new Date().getUTCFullYear(),
          obligations: [{ code: 'secretary_training', title: '书记年度培训', cadence: { kind: 'yearly' } }],
          assignee: { organisationId: branch.id, role: 'submitter' },
          escalateTo: { organisationId: committee.id, role: 'reviewer' },
        },
      ],
    });
    const [{ id: taskId }] = await eventually(
      () => sys.db.dataSource.query(`SELECT id FROM tasks WHERE kind = 'obligation' AND workflow_id = $1`, [obligationScheduleWorkflowId(scheduleId)]),
      (rows) => rows.length > 0,
    );
    const secretary = await auth('tsq-cyjd-b05.secretary');
    const shown = await detail(taskId, secretary);
    expect(shown).toMatchObject({ kind: 'obligation', form: { kind: 'evidence' } });
    expect(shown.availableActions).toEqual([{ type: 'decide', label: '办理', outcomes: [{ value: 'completed', label: '办结', opinionRequired: false, formRequired: true }] }]);
    expect(shown.formSchema).toMatchObject({ required: ['evidence'], properties: { evidence: { type: 'string', minLength: 1, maxLength: 2000 } } });
    const reviewer = await auth('tsq-cyjd.reviewer');
    expect((await detail(taskId, reviewer)).availableActions).toEqual([]);

    await refusedAll(taskId, [
      { as: await auth('tsq-cyjd-b06.secretary'), body: { type: 'decide', decision: 'completed', data: { evidence: '培训证书' } }, status: 404 },
      { as: reviewer, body: { type: 'decide', decision: 'completed', data: { evidence: '培训证书' } }, status: 403 },
      { as: secretary, body: { type: 'decide', decision: 'completed', data: { evidence: '   ' } }, status: 422, code: 'INVALID_FORM_DATA', message: /佐证材料/ },
      { as: secretary, body: { type: 'decide', decision: 'completed' }, status: 422, code: 'INVALID_FORM_DATA', message: /完成情况佐证/ },
      { as: secretary, body: { type: 'decide', decision: 'completed', data: { evidence: '培训证书', photos: 3 } }, status: 422, code: 'INVALID_FORM_DATA', message: /photos/ },
      { as: secretary, body: { type: 'transfer', to: { organisationId: committee.id, role: 'reviewer' } }, status: 422, code: 'UNSUPPORTED_ACTION' },
    ]);

    const done = await act(taskId, secretary, { type: 'decide', decision: 'completed', data: { evidence: '2026年度书记培训结业证书及培训记录' } }).expect(200);
    expect(done.body).toMatchObject({ id: taskId, status: 'completed', completedLate: false });
    const [occurrence] = await sys.db.dataSource.query(`SELECT status, evidence FROM obligation_occurrences WHERE id = $1`, [taskId]);
    expect(occurrence).toEqual({ status: 'completed', evidence: '2026年度书记培训结业证书及培训记录' });
    expect((await detail(taskId, secretary)).availableActions).toEqual([]);
  });

  it('rubric scoring: the branch scores itself, then its assessor scores and names veto items', async () => {
    const branch = await orgByCode(sys.db.dataSource, 'tsq-cyjd-b07');
    const committee = await orgByCode(sys.db.dataSource, 'tsq-cyjd');
    const assessmentId = randomUUID();
    await sys.temporal.client.workflow.start(RUBRIC_ASSESSMENT_WORKFLOW, {
      workflowId: rubricAssessmentWorkflowId(assessmentId),
      taskQueue: 'pennant-e2e',
      args: [
        {
          assessmentId,
          rubric: WUJIN_RUBRIC,
          organisationId: branch.id,
          selfAssessor: { organisationId: branch.id, role: 'submitter' },
          assessor: { organisationId: committee.id, role: 'reviewer' },
        },
      ],
    });
    const rubricTask = (kind: string) =>
      eventually(
        () => sys.db.dataSource.query(`SELECT id FROM tasks WHERE kind = $1 AND subject_id = $2`, [kind, assessmentId]),
        (rows) => rows.length > 0,
      ).then((rows) => rows[0].id as string);
    const selfTask = await rubricTask('rubric_self_assessment');
    const secretary = await auth('tsq-cyjd-b07.secretary');
    const reviewer = await auth('tsq-cyjd.reviewer');

    const shown = await detail(selfTask, secretary);
    expect(shown.availableActions).toEqual([{ type: 'decide', label: '办理', outcomes: [{ value: 'submitted', label: '提交', opinionRequired: false, formRequired: true }] }]);
    const items = rubricItems(WUJIN_RUBRIC);
    expect(Object.keys(shown.formSchema.properties.scores.properties)).toHaveLength(items.length);
    expect(shown.formSchema.properties.scores.properties[items[0]!.code].properties.score).toMatchObject({ minimum: 0, maximum: items[0]!.points });
    expect(shown.formSchema.properties.vetoes).toBeUndefined();

    const full = (minus = 0) => Object.fromEntries(items.map((i, n) => [i.code, { score: n === 0 ? i.points - minus : i.points, evidence: '见台账' }]));
    await refusedAll(selfTask, [
      { as: await auth('tsq-cyjd-b08.secretary'), body: { type: 'decide', decision: 'submitted', data: { scores: full() } }, status: 404 },
      { as: reviewer, body: { type: 'decide', decision: 'submitted', data: { scores: full() } }, status: 403 },
      { as: secretary, body: { type: 'decide', decision: 'submitted', data: { scores: { ...full(), [items[0]!.code]: { score: items[0]!.points + 1 } } } }, status: 422, code: 'INVALID_FORM_DATA', message: new RegExp(items[0]!.code) },
      { as: secretary, body: { type: 'decide', decision: 'submitted', data: { scores: { [items[0]!.code]: { score: 1 } } } }, status: 422, code: 'INVALID_FORM_DATA', message: /尚未评分/ },
      { as: secretary, body: { type: 'decide', decision: 'submitted', data: { scores: full(), vetoes: ['V1'] } }, status: 422, code: 'INVALID_FORM_DATA', message: /vetoes/ },
    ]);
    const selfDone = await act(selfTask, secretary, { type: 'decide', decision: 'submitted', data: { scores: full() } }).expect(200);
    expect(selfDone.body).toMatchObject({ assessmentId, status: 'assessing' });

    const assessorTask = await rubricTask('rubric_assessment');
    const assessing = await detail(assessorTask, reviewer);
    expect(decide(assessing.availableActions)).toBeDefined();
    expect(assessing.formSchema.properties.vetoes.items.enum).toEqual(WUJIN_RUBRIC.vetoItems.map((v) => v.code));
    await detail(assessorTask, secretary, 404);
    await refusedAll(assessorTask, [
      { as: await auth('tsq.reviewer'), body: { type: 'decide', decision: 'submitted', data: { scores: full() } }, status: 403 },
      { as: reviewer, body: { type: 'decide', decision: 'submitted', data: { scores: full(), vetoes: ['nonsense'] } }, status: 422, code: 'INVALID_FORM_DATA', message: /一票否决/ },
    ]);
    const assessed = await act(assessorTask, reviewer, { type: 'decide', decision: 'submitted', data: { scores: full(2), vetoes: [] } }).expect(200);
    expect(assessed.body).toMatchObject({ status: 'completed', result: { selfTotal: 102, assessorTotal: 100, passed: true } });
    expect(await detail(selfTask, secretary)).toMatchObject({ status: 'completed', availableActions: [] });
  });

  it('a human task whose rows predate kept rules: its workflow says the outcomes', async () => {
    const committee = await orgByCode(sys.db.dataSource, 'tsq-cyjd');
    const taskId = await startHumanTask({ kind: 'approval', title: '审核整改报告（旧任务）', assignees: [{ organisationId: committee.id, role: 'reviewer' }], outcomes: ['approve', 'reject'], opinionRequiredFor: ['reject'] });
    await sys.db.dataSource.query(`UPDATE tasks SET rules = NULL WHERE id = $1`, [taskId]);
    const shown = await detail(taskId, await auth('tsq-cyjd.reviewer'));
    expect(decide(shown.availableActions)!.outcomes).toEqual([
      { value: 'approve', label: '同意', opinionRequired: false, formRequired: false },
      { value: 'reject', label: '不同意', opinionRequired: true, formRequired: false },
    ]);
  });
});
