import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  type AgencyAnswerRequest,
  CONSULTATION_WORKFLOW,
  type ConsultationInput,
  CONSULTATION_WAIT_DAYS,
  type TaskActionRequest,
  agencyAnswerUpdate,
  consultationQuery,
  consultationWorkflowId,
  humanTaskWorkflowId,
  taskActionUpdate,
} from '../../libs/contracts/src';
import type { Actor } from '../../libs/contracts/src';
import { type AgencyKind, agenciesFor } from '../../libs/domain/src';
import type { consultation } from '../../workflows';
import { actorAt, orgByCode } from '../support/fixtures';
import { type WorkflowHarness, eventually, refusalType, startWorkflowHarness } from '../support/workflow-harness';

describe('consultation workflow on the time-skipping server', () => {
  let h: WorkflowHarness;
  let committee: Actor;
  const contact = (kind: AgencyKind) => actorAt(h.db.dataSource, `tsq-agency-${kind}.contact`, 'agency_consultee');

  beforeAll(async () => {
    h = await startWorkflowHarness('consultation-test');
    committee = await actorAt(h.db.dataSource, 'tsq.reviewer', 'reviewer');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const candidates = [
    { id: 'rural', name: '东关村党支部', domain: 'rural' as const },
    { id: 'firm', name: '泰山玻纤党支部', domain: 'private_enterprise' as const },
  ];

  async function consultationFor(kinds: readonly AgencyKind[], dueInHours: (kind: AgencyKind) => number, onTimeout: ConsultationInput['onTimeout']): Promise<ConsultationInput> {
    const now = await h.env.currentTimeMs();
    const agencies = [];
    for (const kind of kinds) {
      const org = await orgByCode(h.db.dataSource, `tsq-agency-${kind}`);
      agencies.push({
        organisationId: org.id,
        kind,
        name: org.name,
        dueAt: new Date(now + dueInHours(kind) * 3_600_000).toISOString(),
        candidateIds: candidates.filter((c) => agenciesFor(c.domain).includes(kind)).map((c) => c.id),
      });
    }
    return {
      consultationId: randomUUID(),
      title: '泰山区红旗党支部推荐对象征求意见',
      organisationId: committee.organisationId,
      candidates,
      agencies: agencies.filter((a) => a.candidateIds.length > 0),
      onTimeout,
      escalateTo: { organisationId: committee.organisationId, role: 'reviewer' },
    };
  }
  const start = (input: ConsultationInput) =>
    h.env.client.workflow.start<typeof consultation>(CONSULTATION_WORKFLOW, { workflowId: consultationWorkflowId(input.consultationId), taskQueue: h.taskQueue, args: [input] });
  const answer = async (input: ConsultationInput, kind: AgencyKind, pick: (candidateId: string) => AgencyAnswerRequest['answers'][number]['answer'], reason = '') => {
    const agency = input.agencies.find((a) => a.kind === kind)!;
    const req: AgencyAnswerRequest = { agencyId: agency.organisationId, actor: await contact(kind), answers: agency.candidateIds.map((candidateId) => ({ candidateId, answer: pick(candidateId), reason })) };
    return h.env.client.workflow.getHandle(consultationWorkflowId(input.consultationId)).executeUpdate(agencyAnswerUpdate, { args: [req] });
  };

  it('consultation: asks each agency on the domain list; a veto removes the candidate with its reason (records history)', async () => {
    const input = await consultationFor(['court', 'tax', 'party_building_body'], () => 72, 'no_objection');
    // The rural branch is not asked about by tax or the party-building body.
    expect(input.agencies.map((a) => [a.kind, a.candidateIds])).toEqual([
      ['court', ['rural', 'firm']],
      ['tax', ['firm']],
      ['party_building_body', ['firm']],
    ]);
    const handle = await start(input);
    await answer(input, 'court', () => 'no_objection');
    await answer(input, 'tax', () => 'veto', '该企业存在重大偷逃税款行为');
    expect((await handle.query(consultationQuery)).candidates).toEqual([
      { id: 'rural', name: '东关村党支部', verdict: 'cleared' },
      { id: 'firm', name: '泰山玻纤党支部', verdict: 'vetoed' },
    ]);
    await answer(input, 'party_building_body', () => 'objection', '党组织活动不够规范');
    const result = await handle.result();
    expect(result.candidates).toEqual([
      { id: 'rural', verdict: 'cleared', reasons: [] },
      { id: 'firm', verdict: 'vetoed', reasons: [expect.stringContaining('偷逃税款'), expect.stringContaining('不够规范')] },
    ]);
    const rows = await h.db.dataSource.query(`SELECT candidate_id, status FROM consultation_candidates WHERE consultation_id = $1 ORDER BY candidate_id`, [input.consultationId]);
    expect(rows).toEqual([
      { candidate_id: 'firm', status: 'vetoed' },
      { candidate_id: 'rural', status: 'cleared' },
    ]);
    if (process.env.RECORD_HISTORIES) {
      mkdirSync(path.resolve(__dirname, '../replay/histories'), { recursive: true });
      writeFileSync(path.resolve(__dirname, '../replay/histories/consultation.veto.json'), historyToJSON(await handle.fetchHistory()));
    }
  });

  it('consultation: refuses another agency, a second answer, a partial answer and an objection without reasons', async () => {
    const input = await consultationFor(['court', 'police'], () => 72, 'no_objection');
    const handle = await start(input);
    const court = input.agencies.find((a) => a.kind === 'court')!;
    const police = await contact('police');
    const send = (req: AgencyAnswerRequest) => handle.executeUpdate(agencyAnswerUpdate, { args: [req] });
    const full = (answer: 'no_objection' | 'objection', reason = '') => court.candidateIds.map((candidateId) => ({ candidateId, answer, reason }));
    expect(await refusalType(send({ agencyId: court.organisationId, actor: police, answers: full('no_objection') }))).toBe('NOT_ASSIGNEE');
    expect(await refusalType(send({ agencyId: court.organisationId, actor: await contact('court'), answers: full('no_objection').slice(0, 1) }))).toBe('INVALID_DECISION');
    expect(await refusalType(send({ agencyId: court.organisationId, actor: await contact('court'), answers: full('objection', ' ') }))).toBe('INVALID_DECISION');
    await send({ agencyId: court.organisationId, actor: await contact('court'), answers: full('no_objection') });
    expect(await refusalType(send({ agencyId: court.organisationId, actor: await contact('court'), answers: full('no_objection') }))).toBe('TASK_NOT_OPEN');
  });

  it('consultation: a missing answer is escalated at its own deadline and counted as no objection when so configured', async () => {
    const input = await consultationFor(['court', 'police'], (k) => (k === 'court' ? 24 : 96), 'no_objection');
    const handle = await start(input);
    await answer(input, 'police', () => 'no_objection');
    await h.env.sleep('25 hours');
    const result = await handle.result();
    expect(result.candidates.map((c) => c.verdict)).toEqual(['cleared', 'cleared']);
    const court = input.agencies.find((a) => a.kind === 'court')!;
    const answers = await h.db.dataSource.query(`SELECT DISTINCT answer FROM consultation_answers WHERE consultation_id = $1 AND agency_id = $2`, [input.consultationId, court.organisationId]);
    expect(answers).toEqual([{ answer: 'no_answer' }]);
    const notes = await h.db.dataSource.query(`SELECT kind, organisation_id FROM notifications WHERE task_id = $1 AND kind <> 'task_opened'`, [input.consultationId]);
    expect(notes).toEqual([{ kind: 'escalation', organisation_id: committee.organisationId }]);
  });

  it('consultation: a missing answer is never consent; the committee waits once, then goes ahead with the gap and its reason on record (records history)', async () => {
    const input = await consultationFor(['court', 'police'], (k) => (k === 'court' ? 24 : 96), 'ask');
    const handle = await start(input);
    await answer(input, 'police', () => 'objection', '该村有治安隐患未整改');
    const court = input.agencies.find((a) => a.kind === 'court')!;
    const gapTask = (n: number) =>
      eventually(
        (): Promise<Array<{ group_id: string; organisation_id: string; role: string; status: string }>> => h.db.dataSource.query(`SELECT group_id, organisation_id, role, status FROM tasks WHERE subject_id = $1 AND kind = 'consultation_gap' ORDER BY created_at`, [input.consultationId]),
        (rows) => rows.length === n,
      );
    const decide = (taskId: string, decision: string, opinion: string) =>
      h.env.client.workflow.getHandle(humanTaskWorkflowId(taskId)).executeUpdate(taskActionUpdate, { args: [{ actor: committee, action: { type: 'decide', decision, opinion } } satisfies TaskActionRequest] });

    await h.env.sleep('25 hours');
    // The committee's reviewer is asked, and the consultation stays open: nothing was read as consent.
    const [first] = await gapTask(1);
    expect(first).toMatchObject({ organisation_id: committee.organisationId, role: 'reviewer', status: 'open' });
    expect((await handle.query(consultationQuery)).status).toBe('open');
    const before = await h.db.dataSource.query(`SELECT due_at FROM tasks WHERE subject_id = $1 AND organisation_id = $2 AND kind = 'consultation_request'`, [input.consultationId, court.organisationId]);

    await decide(first.group_id, 'wait', '已电话催办，再等待三日');
    const extended = await eventually(
      () => h.db.dataSource.query(`SELECT due_at, overdue, status FROM tasks WHERE subject_id = $1 AND organisation_id = $2 AND kind = 'consultation_request'`, [input.consultationId, court.organisationId]),
      (rows: Array<{ due_at: Date }>) => rows[0]!.due_at.getTime() > before[0].due_at.getTime(),
    );
    expect(extended).toEqual([{ due_at: expect.any(Date), overdue: false, status: 'open' }]);
    expect(extended[0].due_at.getTime() - before[0].due_at.getTime()).toBeGreaterThanOrEqual(CONSULTATION_WAIT_DAYS * 86_400_000 - 3_600_000);

    await h.env.sleep(`${CONSULTATION_WAIT_DAYS * 24 + 1} hours`);
    const second = (await gapTask(2))[1]!;
    // Going ahead without the answer needs the committee's written reason.
    expect(await refusalType(decide(second.group_id, 'proceed', ' '))).toBe('INVALID_DECISION');
    await decide(second.group_id, 'proceed', '法院逾期仍未反馈，经党委会议研究，记录缺项后继续');
    const result = await handle.result();
    expect(result.candidates).toEqual([
      { id: 'rural', verdict: 'objected', reasons: [expect.stringContaining('治安隐患')], gaps: [court.name] },
      { id: 'firm', verdict: 'objected', reasons: [expect.stringContaining('治安隐患')], gaps: [court.name] },
    ]);
    const answers = await h.db.dataSource.query(`SELECT DISTINCT answer, gap_opinion FROM consultation_answers WHERE consultation_id = $1 AND agency_id = $2`, [input.consultationId, court.organisationId]);
    expect(answers).toEqual([{ answer: 'no_answer', gap_opinion: expect.stringContaining('记录缺项') }]);
    const audit = await h.db.dataSource.query(`SELECT action, actor_id, organisation_id FROM audit_log WHERE subject_id = $1 AND action LIKE 'consultation.%' ORDER BY seq`, [input.consultationId]);
    expect(audit).toContainEqual({ action: 'consultation.proceeded_without_answer', actor_id: committee.userId, organisation_id: committee.organisationId });
    expect(audit.map((a: { action: string }) => a.action)).not.toContain('consultation.no_answer');
    if (process.env.RECORD_HISTORIES) {
      writeFileSync(path.resolve(__dirname, '../replay/histories/consultation.ask-wait-proceed.json'), historyToJSON(await handle.fetchHistory()));
    }
  });

  it('consultation: with blocking configured, a late agency is escalated and then waited for', async () => {
    const input = await consultationFor(['court'], () => 24, 'block');
    const handle = await start(input);
    await h.env.sleep('30 hours');
    expect((await handle.query(consultationQuery)).status).toBe('open');
    const overdue = await h.db.dataSource.query(`SELECT overdue FROM tasks WHERE subject_id = $1`, [input.consultationId]);
    expect(overdue).toEqual([{ overdue: true }]);
    await answer(input, 'court', () => 'objection', '该村有信访积案未结');
    await expect(handle.result()).resolves.toMatchObject({ candidates: [{ id: 'rural', verdict: 'objected' }, { id: 'firm', verdict: 'objected' }] });
  });
});
