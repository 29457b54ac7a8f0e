import { ApplicationFailure, allHandlersFinished, condition, executeChild, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ConsultationActivities } from '../activities/consultation.activities';
import type { HumanTaskActivities } from '../activities/human-task.activities';
import {
  type AgencyAnswerRequest,
  type ConsultationInput,
  type ConsultationResult,
  type ConsultationView,
  CONSULTATION_WAIT_DAYS,
  type HumanTaskInput,
  agencyAnswerUpdate,
  humanTaskWorkflowId,
  consultationQuery,
  SHORT_ACTIVITY,
} from '../libs/contracts/src';
import { type ConsultationAnswer, verdictOf } from '../libs/domain/src/core';
import type { humanTask } from './human-task.workflow';
import { workflowTime } from './steps/workflow-time';

const activities = proxyActivities<ConsultationActivities & Pick<HumanTaskActivities, 'notifyTask'>>(SHORT_ACTIVITY);

/**
 * consultation (征求意见): every agency on a candidate's list is asked in
 * parallel, each with its own deadline, and answers per candidate: no
 * objection, objection with reasons, or veto. A veto removes the candidate.
 * A missing answer at the deadline is escalated and, as configured, counted as
 * no objection or waited for.
 */
export async function consultation(input: ConsultationInput): Promise<ConsultationResult> {
  const answers = new Map<string, Array<{ agencyId: string; answer: ConsultationAnswer | 'no_answer'; reason: string }>>(input.candidates.map((c) => [c.id, []]));
  const agencies = new Map(input.agencies.map((a) => [a.organisationId, { ...a, status: 'pending' as 'pending' | 'answered' | 'no_answer' }]));
  let status: ConsultationView['status'] = 'open';
  let opened = false;
  const expected = (candidateId: string) => input.agencies.filter((a) => a.candidateIds.includes(candidateId)).length;
  const view = (): ConsultationView => ({
    consultationId: input.consultationId,
    status,
    agencies: [...agencies.values()].map((a) => ({ organisationId: a.organisationId, name: a.name, status: a.status, dueAt: a.dueAt })),
    candidates: input.candidates.map((c) => ({ id: c.id, name: c.name, verdict: verdictOf(answers.get(c.id)!, expected(c.id)) })),
  });
  const apply = (req: AgencyAnswerRequest, asNoAnswer: boolean) => {
    agencies.get(req.agencyId)!.status = asNoAnswer ? 'no_answer' : 'answered';
    for (const a of req.answers) answers.get(a.candidateId)!.push({ agencyId: req.agencyId, answer: asNoAnswer ? 'no_answer' : a.answer, reason: a.reason });
  };

  setHandler(consultationQuery, view);
  setHandler(
    agencyAnswerUpdate,
    async (req) => {
      apply(req, false);
      await condition(() => opened);
      await activities.recordAgencyAnswers({ consultationId: input.consultationId, request: req, at: workflowTime() });
      return view();
    },
    {
      validator: (req: AgencyAnswerRequest) => {
        const fail = (type: string, message: string): never => {
          throw ApplicationFailure.nonRetryable(message, type);
        };
        const agency = agencies.get(req.agencyId);
        if (status !== 'open') fail('CONSULTATION_CLOSED', '征求意见已结束');
        if (!agency) return fail('NOT_ASSIGNEE', '本单位不在征求意见范围内');

        if (req.actor.organisationId !== agency.organisationId || req.actor.role !== 'agency_consultee') fail('NOT_ASSIGNEE', '只有被征求意见单位的联络人可以答复');
        if (agency.status !== 'pending') fail('TASK_NOT_OPEN', agency.status === 'answered' ? '本单位已答复，不能重复答复' : '答复期限已过，已按无异议处理');
        const asked = [...agency.candidateIds].sort();
        const given = req.answers.map((a) => a.candidateId).sort();
        if (asked.length !== given.length || asked.some((id, i) => id !== given[i])) fail('INVALID_DECISION', '须对征求意见的每一个对象逐一答复，且不能答复名单以外的对象');
        for (const a of req.answers) {
          if (!['no_objection', 'objection', 'veto'].includes(a.answer)) fail('INVALID_DECISION', '答复必须是无异议、有异议或一票否决');
          if (a.answer !== 'no_objection' && !a.reason.trim()) fail('INVALID_DECISION', '有异议或一票否决时必须说明理由');
        }
      },
    },
  );

  const { workflowId } = workflowInfo();
  await activities.openConsultation({ input, workflowId, at: workflowTime() });
  opened = true;

  const allAnswered = () => [...agencies.values()].every((a) => a.status !== 'pending');
  const gaps = new Map<string, string[]>(input.candidates.map((c) => [c.id, []]));
  if (input.onTimeout === 'ask') {
    // A missing answer is never consent: at each deadline the committee decides to wait longer or to go ahead with the gap on record.
    for (let round = 0; !allAnswered(); round++) {
      const next = Math.min(...[...agencies.values()].filter((a) => a.status === 'pending').map((a) => Date.parse(a.dueAt)));
      await condition(allAnswered, Math.max(next - Date.now(), 0));
      const late = [...agencies.values()].filter((a) => a.status === 'pending' && Date.parse(a.dueAt) <= Date.now());
      if (!late.length) continue;
      await activities.markRequestsOverdue({ consultationId: input.consultationId, agencyIds: late.map((a) => a.organisationId) });
      const names = late.map((a) => a.name).join('、');
      await activities.notifyTask({
        taskId: input.consultationId,
        kind: 'escalation',
        targets: [{ organisationId: input.escalateTo.organisationId, role: input.escalateTo.role }],
        message: `征求意见逾期未复：${names}（${input.title}）`,
        key: `${input.consultationId}:late:${round}`,
        at: workflowTime(),
      });
      const taskId = uuid4();
      const choice = await executeChild<typeof humanTask>('humanTask', {
        workflowId: humanTaskWorkflowId(taskId),
        args: [
          {
            taskId,
            kind: 'consultation_gap',
            title: `征求意见逾期未复（${names}）：决定继续等待，或记录缺项后研究推荐名单（${input.title}）`,
            subject: { type: 'consultation', id: input.consultationId },
            assignees: [{ organisationId: input.escalateTo.organisationId, role: input.escalateTo.role }],
            policy: { mode: 'single' },
            outcomes: ['wait', 'proceed'],
            opinionRequiredFor: ['proceed'],
            dueAt: null,
            campaignId: input.campaignId ?? null,
          } satisfies HumanTaskInput,
        ],
      });
      if (allAnswered()) break; // they answered while the committee was deciding
      const decided = choice.decisions.at(-1)!;
      const still = late.filter((a) => a.status === 'pending');
      if (choice.outcome === 'wait') {
        const dueAt = new Date(Date.now() + CONSULTATION_WAIT_DAYS * 86_400_000).toISOString();
        for (const a of still) a.dueAt = dueAt;
        await activities.extendRequests({ consultationId: input.consultationId, agencyIds: still.map((a) => a.organisationId), dueAt });
        continue;
      }
      for (const a of still) {
        const req: AgencyAnswerRequest = {
          agencyId: a.organisationId,
          answers: a.candidateIds.map((candidateId) => ({ candidateId, answer: 'no_objection', reason: '' })),
          actor: { userId: decided.by, displayName: decided.byName, role: input.escalateTo.role, organisationId: input.escalateTo.organisationId },
        };
        apply(req, true);
        for (const id of a.candidateIds) gaps.get(id)!.push(a.name);
        await activities.recordAgencyAnswers({ consultationId: input.consultationId, request: req, noAnswer: true, gapOpinion: decided.opinion, at: workflowTime() });
      }
    }
  } else {
    for (const dueAt of [...new Set(input.agencies.map((a) => a.dueAt))].sort()) {
      await condition(allAnswered, Math.max(Date.parse(dueAt) - Date.now(), 0));
      const late = [...agencies.values()].filter((a) => a.status === 'pending' && a.dueAt === dueAt);
      if (!late.length) continue;
      await activities.markRequestsOverdue({ consultationId: input.consultationId, agencyIds: late.map((a) => a.organisationId) });
      await activities.notifyTask({
        taskId: input.consultationId,
        kind: 'escalation',
        targets: [{ organisationId: input.escalateTo.organisationId, role: input.escalateTo.role }],
        message: `征求意见逾期未复：${late.map((a) => a.name).join('、')}（${input.title}）`,
        key: `${input.consultationId}:late:${dueAt}`,
        at: workflowTime(),
      });
      if (input.onTimeout === 'no_objection') {
        for (const a of late) {
          const req: AgencyAnswerRequest = {
            agencyId: a.organisationId,
            answers: a.candidateIds.map((candidateId) => ({ candidateId, answer: 'no_objection', reason: '' })),
            actor: { userId: '', displayName: 'system', role: 'agency_consultee', organisationId: a.organisationId },
          };
          apply(req, true);
          await activities.recordAgencyAnswers({ consultationId: input.consultationId, request: req, noAnswer: true, at: workflowTime() });
        }
      }
    }
  }
  await condition(allAnswered); // with onTimeout 'block', late agencies are waited for
  status = 'completed';
  await condition(allHandlersFinished);

  const candidates = input.candidates.map((c) => {
    const given = answers.get(c.id)!;
    return {
      id: c.id,
      verdict: verdictOf(given, expected(c.id)) as Exclude<ReturnType<typeof verdictOf>, 'pending'>,
      reasons: given.filter((a) => a.answer === 'veto' || a.answer === 'objection').map((a) => `${agencies.get(a.agencyId)!.name}：${a.reason}`),
      ...(gaps.get(c.id)!.length ? { gaps: gaps.get(c.id)! } : {}),
    };
  });
  await activities.completeConsultation({ consultationId: input.consultationId, verdicts: candidates.map((c) => ({ candidateId: c.id, verdict: c.verdict })), at: workflowTime() });
  return { consultationId: input.consultationId, candidates };
}
