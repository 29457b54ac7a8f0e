import type { DataSource } from 'typeorm';
import type { AgencyAnswerRequest, ConsultationInput } from '../libs/contracts/src';
import type { CandidateVerdict } from '../libs/domain/src';
import { appendAudit, changedRows, deterministicUuid, organisationPaths, SYSTEM_ACTOR } from '../libs/persistence/src';

/** The consultation's read model: the request, one task per agency, every answer; all keyed for retries. */
export function createConsultationActivities(ds: DataSource) {
  const requestTaskId = (consultationId: string, agencyId: string) => deterministicUuid(`${consultationId}:request:${agencyId}`);
  return {
    /** `at`: the workflow's time of asking (the requests' and the consultation's opening). */
    async openConsultation({ input, workflowId, at }: { input: ConsultationInput; workflowId: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const latest = input.agencies.map((a) => a.dueAt).sort().at(-1)!;
        const inserted = await em.query(
          `INSERT INTO consultations (id, title, organisation_id, workflow_id, status, due_at, on_timeout, campaign_id, created_at) VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $8)
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [input.consultationId, input.title, input.organisationId, workflowId, latest, input.onTimeout, input.campaignId ?? null, at],
        );
        if (!inserted.length) return;
        for (const c of input.candidates) {
          await em.query(`INSERT INTO consultation_candidates (consultation_id, candidate_id, name, domain, status) VALUES ($1, $2, $3, $4, 'pending')`, [
            input.consultationId,
            c.id,
            c.name,
            c.domain,
          ]);
        }
        const paths = await organisationPaths(em, input.agencies.map((a) => a.organisationId));
        for (const a of input.agencies) {
          await em.query(
            `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, due_at, group_id, campaign_id, stage, form, created_at)
             VALUES ($1, $2, 'consultation_request', $3, 'consultation', $4, $5, $6, 'agency_consultee', 'open', $7, $4, $8, $9, $10, $11)`,
            [
              requestTaskId(input.consultationId, a.organisationId),
              workflowId,
              `征求意见：${input.title}`,
              input.consultationId,
              a.organisationId,
              paths.get(a.organisationId) ?? '/',
              a.dueAt,
              input.campaignId ?? null,
              input.campaignId ? 'consultation' : null,
              // The candidates this agency is asked about, so its inbox shows what to answer.
              JSON.stringify({ kind: 'consultation', candidates: input.candidates.filter((c) => a.candidateIds.includes(c.id)).map((c) => ({ id: c.id, name: c.name })) }),
              at,
            ],
          );
        }
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: input.organisationId,
          action: 'consultation.opened',
          subjectType: 'consultation',
          subjectId: input.consultationId,
          after: { agencies: input.agencies.map((a) => ({ id: a.organisationId, kind: a.kind, dueAt: a.dueAt, candidates: a.candidateIds })) },
          requestId: `${input.consultationId}:opened`,
          at,
        });
      });
    },

    /**
     * An agency's answers; or, with `noAnswer`, its silence recorded (counted as no objection, or — with `gapOpinion` — as a gap the committee chose to go ahead with).
     * `at`: the workflow's time of accepting the answer (or of recording the silence). The request is done, so no longer overdue.
     */
    async recordAgencyAnswers({
      consultationId,
      request,
      noAnswer,
      gapOpinion,
      at,
    }: {
      consultationId: string;
      request: AgencyAnswerRequest;
      noAnswer?: boolean;
      gapOpinion?: string;
      at: string;
    }): Promise<void> {
      await ds.transaction(async (em) => {
        for (const a of request.answers) {
          await em.query(
            `INSERT INTO consultation_answers (consultation_id, agency_id, candidate_id, answer, reason, answered_by, gap_opinion, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT DO NOTHING`,
            [consultationId, request.agencyId, a.candidateId, noAnswer ? 'no_answer' : a.answer, a.reason, noAnswer ? null : request.actor.userId, gapOpinion ?? null, at],
          );
        }
        await em.query(`UPDATE tasks SET status = 'completed', outcome = $2, completed_at = coalesce(completed_at, $4), completed_by = $3, overdue = false WHERE id = $1`, [
          requestTaskId(consultationId, request.agencyId),
          noAnswer ? 'no_answer' : 'answered',
          noAnswer ? null : request.actor.userId,
          at,
        ]);
        // A gap the committee went ahead with is its decision, on its record; a silence counted as consent is the system's.
        const byCommittee = noAnswer && gapOpinion !== undefined;
        await appendAudit(em, {
          actorId: noAnswer && !byCommittee ? null : request.actor.userId,
          actorName: noAnswer && !byCommittee ? 'system' : request.actor.displayName,
          actorRole: noAnswer && !byCommittee ? 'system' : request.actor.role,
          organisationId: byCommittee ? request.actor.organisationId : request.agencyId,
          action: byCommittee ? 'consultation.proceeded_without_answer' : noAnswer ? 'consultation.no_answer' : 'consultation.answered',
          subjectType: 'consultation',
          subjectId: consultationId,
          opinion: byCommittee ? gapOpinion : request.answers.filter((a) => a.reason).map((a) => a.reason).join('；'),
          after: { answers: request.answers.map((a) => ({ candidateId: a.candidateId, answer: noAnswer ? 'no_answer' : a.answer })) },
          requestId: `${consultationId}:answer:${request.agencyId}`,
          at,
        });
      });
    },

    /** The committee waits longer for late answers: their requests' new deadline. */
    async extendRequests({ consultationId, agencyIds, dueAt }: { consultationId: string; agencyIds: string[]; dueAt: string }): Promise<void> {
      await ds.query(`UPDATE tasks SET due_at = $2, overdue = false WHERE id = ANY($1) AND status = 'open'`, [agencyIds.map((a) => requestTaskId(consultationId, a)), dueAt]);
    },

    async markRequestsOverdue({ consultationId, agencyIds }: { consultationId: string; agencyIds: string[] }): Promise<void> {
      await ds.query(`UPDATE tasks SET overdue = true, missed = 1 WHERE id = ANY($1) AND status = 'open'`, [agencyIds.map((a) => requestTaskId(consultationId, a))]);
    },

    async completeConsultation({ consultationId, verdicts, at }: { consultationId: string; verdicts: Array<{ candidateId: string; verdict: CandidateVerdict }>; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const updated = await changedRows<{ organisation_id: string }>(em, `UPDATE consultations SET status = 'completed', completed_at = $2 WHERE id = $1 AND status = 'open' RETURNING organisation_id`, [consultationId, at]);
        if (!updated.length) return;
        for (const v of verdicts) {
          await em.query(`UPDATE consultation_candidates SET status = $3 WHERE consultation_id = $1 AND candidate_id = $2`, [consultationId, v.candidateId, v.verdict]);
        }
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: updated[0].organisation_id,
          action: 'consultation.completed',
          subjectType: 'consultation',
          subjectId: consultationId,
          after: { verdicts },
          requestId: `${consultationId}:completed`,
          at,
        });
      });
    },
  };
}

export type ConsultationActivities = ReturnType<typeof createConsultationActivities>;
