import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import {
  type AgencyAnswerRequest,
  CONSULTATION_WORKFLOW,
  type ConsultationInput,
  agencyAnswerUpdate,
  consultationQuery,
  consultationWorkflowId,
} from '../../libs/contracts/src';
import type { Actor } from '../../libs/contracts/src';
import { type AgencyKind, agenciesFor } from '../../libs/domain/src';
import type { consultation } from '../../workflows';
import { actorAt, orgByCode } from '../support/fixtures';
import { type WorkflowHarness, refusalType, startWorkflowHarness } from '../support/workflow-harness';

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
    const notes = await h.db.dataSource.query(`SELECT kind, organisation_id FROM notifications WHERE task_id = $1`, [input.consultationId]);
    expect(notes).toEqual([{ kind: 'escalation', organisation_id: committee.organisationId }]);
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
