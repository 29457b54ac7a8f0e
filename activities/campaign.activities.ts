import type { DataSource } from 'typeorm';
import type { Actor, CampaignControlRequest, ConsultedAgency } from '../libs/contracts/src';
import { AGENCY_KIND_LABELS, type AgencyKind, type BranchDomain, type CandidateStatus, type ConsultationRules, type PlannedStage, agenciesFor } from '../libs/domain/src';
import { SYSTEM_ACTOR, appendAudit, changedRows, deadlineClause, deterministicUuid, notify } from '../libs/persistence/src';

/**
 * What every campaign's read model needs, whatever its process: the campaign
 * and its stages, the controls of the organisation department, the
 * candidates' progress and each level's opinion on their forms, the agencies
 * a consultation round asks. A process's own activities live in activities/<process>/.
 * Every write is keyed or conditional, so a retried activity changes nothing more.
 */
export function createCampaignActivities(ds: DataSource) {
  return {
    async campaignStarted({ campaignId, workflowId, plan, at }: { campaignId: string; workflowId: string; plan: PlannedStage[]; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(`UPDATE campaigns SET workflow_id = $2, started_at = coalesce(started_at, $3), updated_at = $3 WHERE id = $1`, [campaignId, workflowId, at]);
        for (const [seq, s] of plan.entries()) {
          await em.query(
            `INSERT INTO campaign_stages (campaign_id, stage, seq, label, opens_on, due_on, due_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')
             ON CONFLICT DO NOTHING`,
            [campaignId, s.stage, seq, s.label, s.opensOn, s.dueOn, s.dueAt],
          );
        }
      });
    },

    async setStage({ campaignId, stage, status, at }: { campaignId: string; stage: string; status: 'open' | 'completed' | 'overdue'; at: string }): Promise<void> {
      if (status !== 'open') {
        await ds.query(
          `UPDATE campaign_stages SET status = $4, completed_at = coalesce(completed_at, $3), completed_late = ($4 = 'overdue') WHERE campaign_id = $1 AND stage = $2 AND status = 'open'`,
          [campaignId, stage, at, status],
        );
        return;
      }
      await ds.transaction(async (em) => {
        const opened = await changedRows<{ label: string; due_at: Date | null }>(
          em,
          `UPDATE campaign_stages SET status = 'open', opened_at = coalesce(opened_at, $3) WHERE campaign_id = $1 AND stage = $2 AND status = 'pending' RETURNING label, due_at`,
          [campaignId, stage, at],
        );
        const [s] = opened;
        if (!s) return;
        // The stage opening reaches the committees that act in it (their reviewers), not every branch: a bounded number of rows.
        const committees: Array<{ id: string; title: string }> = await em.query(
          `SELECT o.id, c.title FROM campaigns c
             JOIN organisations co ON co.id = c.organisation_id
             LEFT JOIN organisations up ON up.id = co.parent_id AND co.level = 'org_department'
             JOIN organisations o ON left(o.path, length(coalesce(up.path, co.path))) = coalesce(up.path, co.path)
            WHERE c.id = $1 AND o.level IN ('city_managed_committee', 'grassroots_committee')
            ORDER BY o.path`,
          [campaignId],
        );
        if (!committees.length) return;
        await notify(em, {
          kind: 'stage_opened',
          targets: committees.map((c) => ({ organisationId: c.id, role: 'reviewer' })),
          message: `${committees[0]!.title}：“${s.label}”阶段开始${deadlineClause(s.due_at)}`,
          key: `${campaignId}:stage-opened:${stage}`,
          at,
        });
      });
    },

    async setCandidates({ campaignId, ids, status, reason, key, at }: { campaignId: string; ids: string[]; status: CandidateStatus; reason: string | null; key: string; at: string }): Promise<void> {
      if (!ids.length) return;
      await ds.transaction(async (em) => {
        await em.query(`UPDATE nominations SET campaign_status = $3, campaign_reason = $4, updated_at = $5 WHERE campaign_id = $1 AND id = ANY($2)`, [campaignId, ids, status, reason, at]);
        await appendAudit(em, { ...SYSTEM_ACTOR, organisationId: null, action: `candidate.${status}`, subjectType: 'campaign', subjectId: campaignId, opinion: reason ?? '', after: { ids }, requestId: `candidates:${key}`, at });
      });
    },

    /** A level's opinion on the recommendation-approval form (附件3) of each nomination it passed on. */
    async recordOpinions(a: { nominationIds: string[]; step: string; opinion: string; actor: Actor; organisationName: string; key: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        for (const id of a.nominationIds) {
          await em.query(
            `INSERT INTO nomination_steps (id, nomination_id, step, action, opinion, organisation_id, organisation_name, actor_id, actor_name, actor_role, idempotency_key, created_at)
             VALUES ($1, $2, $3, 'opinion', $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (idempotency_key) DO NOTHING`,
            [deterministicUuid(`${a.key}:${id}`), id, a.step, a.opinion, a.actor.organisationId, a.organisationName, a.actor.userId, a.actor.displayName, a.actor.role, `${a.key}:${id}`, a.at],
          );
        }
      });
    },

    /** The agencies at a committee's level to ask, each about the candidates whose domain needs it; none when the level has none. */
    /** The agencies at a level a list asks about the candidates (without a list: the document's, as campaigns started before lists were data ran). */
    async consultationAgencies({ organisationId, candidates, dueAt, rules }: { organisationId: string; candidates: Array<{ id: string; domain: BranchDomain | null }>; dueAt: string; rules?: ConsultationRules }): Promise<ConsultedAgency[]> {
      const agencies: Array<{ id: string; name: string; agency_kind: AgencyKind }> = await ds.query(
        `SELECT id, name, agency_kind FROM organisations WHERE parent_id = $1 AND level = 'agency' ORDER BY name`,
        [organisationId],
      );
      return agencies
        .map((a) => ({
          organisationId: a.id,
          kind: a.agency_kind,
          name: a.name,
          dueAt,
          candidateIds: candidates.filter((c) => agenciesFor(c.domain, rules).includes(a.agency_kind)).map((c) => c.id),
        }))
        .filter((a) => a.candidateIds.length > 0);
    },

    /** A level has no agency of kinds its candidates need: said on the record, not skipped (the count of the check in tools/). */
    async recordLevelGaps({
      campaignId,
      organisationId,
      kinds,
      candidateIds,
      key,
      at,
    }: {
      campaignId: string;
      organisationId: string;
      kinds: AgencyKind[];
      candidateIds: string[];
      key: string;
      at: string;
    }): Promise<void> {
      await ds.transaction(async (em) => {
        const id = deterministicUuid(key);
        const inserted: unknown[] = await em.query(
          `INSERT INTO consultation_level_gaps (id, campaign_id, organisation_id, agency_kinds, candidate_ids, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [id, campaignId, organisationId, kinds, candidateIds, at],
        );
        if (!inserted.length) return;
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId,
          action: 'consultation.level_without_agency',
          subjectType: 'campaign',
          subjectId: campaignId,
          opinion: `本级无${kinds.map((k) => AGENCY_KIND_LABELS[k]).join('、')}，未能征求其意见`,
          after: { kinds, candidates: candidateIds.length },
          requestId: key,
          at,
        });
      });
    },

    async recordCampaignControl({ campaignId, request, key, at }: { campaignId: string; request: CampaignControlRequest; key: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const status = { pause: 'paused', resume: 'running', cancel: null, extend: null }[request.action];
        if (status) await em.query(`UPDATE campaigns SET status = $2, updated_at = $3 WHERE id = $1`, [campaignId, status, at]);
        if (request.action === 'extend') {
          await em.query(
            `INSERT INTO campaign_extensions (id, campaign_id, stage, organisation_id, organisation_path, due_at, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (id) DO NOTHING`,
            [deterministicUuid(key), campaignId, request.stage, request.organisationId ?? null, request.organisationPath ?? null, request.dueAt, request.reason, request.actor.userId, at],
          );
          if (!request.organisationId) {
            await em.query(`UPDATE campaign_stages SET due_at = greatest(due_at, $3), due_on = greatest(due_on, ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date) WHERE campaign_id = $1 AND stage = $2`, [
              campaignId,
              request.stage,
              request.dueAt,
            ]);
          }
        }
        await appendAudit(em, {
          actorId: request.actor.userId,
          actorName: request.actor.displayName,
          actorRole: request.actor.role,
          organisationId: request.actor.organisationId,
          action: `campaign.${request.action}`,
          subjectType: 'campaign',
          subjectId: campaignId,
          opinion: request.reason,
          after: request.action === 'extend' ? { stage: request.stage, dueAt: request.dueAt, organisationId: request.organisationId ?? null } : undefined,
          requestId: key,
          at,
        });
      });
    },

    async finishCampaign({ campaignId, status, at }: { campaignId: string; status: 'completed' | 'cancelled'; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(`UPDATE campaigns SET status = $2, finished_at = coalesce(finished_at, $3), updated_at = $3 WHERE id = $1`, [campaignId, status, at]);
        if (status === 'cancelled') {
          await em.query(`UPDATE tasks SET status = 'cancelled' WHERE campaign_id = $1 AND status = 'open'`, [campaignId]);
          await em.query(`UPDATE campaign_stages SET status = 'cancelled' WHERE campaign_id = $1 AND status IN ('pending', 'open')`, [campaignId]);
        }
        await appendAudit(em, { ...SYSTEM_ACTOR, organisationId: null, action: `campaign.${status}`, subjectType: 'campaign', subjectId: campaignId, requestId: `${campaignId}:${status}`, at });
      });
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
