import type { DataSource } from 'typeorm';
import type { Actor, CampaignCandidate, CampaignControlRequest, ConsultedAgency } from '../libs/contracts/src';
import { type AgencyKind, type BranchDomain, type CandidateStatus, type PlannedStage, agenciesFor } from '../libs/domain/src';
import { SYSTEM_ACTOR, appendAudit, deterministicUuid } from '../libs/persistence/src';
import type { CampaignTree } from '../libs/processes/src/taian';

interface CandidateRow {
  id: string;
  branch_id: string;
  branch_name: string;
  domain: BranchDomain | null;
  priority: boolean;
  unit_id: string;
  city_managed_id: string;
}

const toCandidate = (r: CandidateRow): CampaignCandidate => ({ nominationId: r.id, branchId: r.branch_id, name: r.branch_name, domain: r.domain, priority: r.priority });

const CANDIDATE_SQL = `
  SELECT n.id, n.branch_id, n.branch_name, b.domain, n.priority,
         coalesce(n.grassroots_committee_id, n.city_managed_committee_id) AS unit_id, n.city_managed_committee_id AS city_managed_id
    FROM nominations n JOIN organisations b ON b.id = n.branch_id`;

/**
 * A red-flag campaign's read model: the campaign and its stages, the
 * candidates' progress and every level's opinion on the form, the filed plans.
 * Every write is keyed or conditional, so a retried activity changes nothing more.
 */
export function createCampaignActivities(ds: DataSource) {
  return {
    async campaignStarted({ campaignId, workflowId, plan }: { campaignId: string; workflowId: string; plan: PlannedStage[] }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(`UPDATE campaigns SET workflow_id = $2, started_at = coalesce(started_at, now()), updated_at = now() WHERE id = $1`, [campaignId, workflowId]);
        for (const [seq, s] of plan.entries()) {
          await em.query(
            `INSERT INTO campaign_stages (campaign_id, stage, seq, label, opens_on, due_on, due_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')
             ON CONFLICT DO NOTHING`,
            [campaignId, s.stage, seq, s.label, s.opensOn, s.dueOn, s.dueAt],
          );
        }
      });
    },

    async loadCampaignTree({ campaignId }: { campaignId: string }): Promise<CampaignTree> {
      const [city] = await ds.query(
        `SELECT p.path FROM campaigns c JOIN organisations d ON d.id = c.organisation_id JOIN organisations p ON p.id = d.parent_id WHERE c.id = $1`,
        [campaignId],
      );
      const orgs: Array<{ id: string; name: string; level: string; path: string; parent_id: string }> = await ds.query(
        `SELECT id, name, level, path, parent_id FROM organisations WHERE path LIKE $1 AND level IN ('city_managed_committee', 'grassroots_committee', 'branch') ORDER BY path`,
        [`${city.path}%`],
      );
      const branches = orgs.filter((o) => o.level === 'branch');
      const governed = (path: string) => branches.filter((b) => b.path.startsWith(path)).length;
      const cityManaged = orgs.filter((o) => o.level === 'city_managed_committee');
      const cmOf = (path: string) => cityManaged.find((c) => path.startsWith(c.path))?.id;
      const direct = (id: string) => branches.filter((b) => b.parent_id === id).length;
      return {
        branches: branches.length,
        cityManaged: cityManaged.map((c) => ({ id: c.id, name: c.name, governed: governed(c.path) })),
        recommenders: orgs
          .filter((o) => (o.level === 'grassroots_committee' || o.level === 'city_managed_committee') && direct(o.id) > 0 && cmOf(o.path))
          .map((o) => ({ id: o.id, name: o.name, governed: o.level === 'grassroots_committee' ? governed(o.path) : direct(o.id), cityManagedId: cmOf(o.path)! })),
      };
    },

    /** The nominations accepted by the application deadline, by the committee that recommends them; the rest are escalated. */
    async collectApplications({ campaignId }: { campaignId: string }): Promise<Record<string, CampaignCandidate[]>> {
      return ds.transaction(async (em) => {
        await em.query(`UPDATE nominations SET campaign_status = 'applied' WHERE campaign_id = $1 AND status = 'approved' AND campaign_status IS NULL`, [campaignId]);
        const rows: CandidateRow[] = await em.query(`${CANDIDATE_SQL} WHERE n.campaign_id = $1 AND n.status = 'approved' ORDER BY n.branch_path`, [campaignId]);
        const pending: Array<{ id: string; branch_name: string; unit_id: string }> = await em.query(
          `SELECT n.id, n.branch_name, coalesce(n.grassroots_committee_id, n.city_managed_committee_id) AS unit_id FROM nominations n
            WHERE n.campaign_id = $1 AND n.status IN ('under_review', 'returned')`,
          [campaignId],
        );
        for (const p of pending) {
          await em.query(
            `INSERT INTO notifications (id, kind, organisation_id, role, task_id, message) VALUES ($1, 'escalation', $2, 'reviewer', NULL, $3) ON CONFLICT (id) DO NOTHING`,
            [deterministicUuid(`${campaignId}:application-late:${p.id}`), p.unit_id, `申报截止时尚未完成受理审核：${p.branch_name}`],
          );
        }
        const byUnit: Record<string, CampaignCandidate[]> = {};
        for (const r of rows) (byUnit[r.unit_id] ??= []).push(toCandidate(r));
        return byUnit;
      });
    },

    async candidatesByCityManaged({ campaignId, ids }: { campaignId: string; ids: string[] }): Promise<Record<string, CampaignCandidate[]>> {
      const rows: CandidateRow[] = await ds.query(`${CANDIDATE_SQL} WHERE n.campaign_id = $1 AND n.id = ANY($2) ORDER BY n.branch_path`, [campaignId, ids]);
      const result: Record<string, CampaignCandidate[]> = {};
      for (const r of rows) (result[r.city_managed_id] ??= []).push(toCandidate(r));
      return result;
    },

    async setStage({ campaignId, stage, status, at }: { campaignId: string; stage: string; status: 'open' | 'completed' | 'overdue'; at: string }): Promise<void> {
      await ds.query(
        status === 'open'
          ? `UPDATE campaign_stages SET status = 'open', opened_at = coalesce(opened_at, $3) WHERE campaign_id = $1 AND stage = $2 AND status = 'pending'`
          : `UPDATE campaign_stages SET status = $4, completed_at = coalesce(completed_at, $3), completed_late = ($4 = 'overdue') WHERE campaign_id = $1 AND stage = $2 AND status = 'open'`,
        status === 'open' ? [campaignId, stage, at] : [campaignId, stage, at, status],
      );
    },

    async setCandidates({ campaignId, ids, status, reason, key }: { campaignId: string; ids: string[]; status: CandidateStatus; reason: string | null; key: string }): Promise<void> {
      if (!ids.length) return;
      await ds.transaction(async (em) => {
        await em.query(`UPDATE nominations SET campaign_status = $3, campaign_reason = $4, updated_at = now() WHERE campaign_id = $1 AND id = ANY($2)`, [campaignId, ids, status, reason]);
        await appendAudit(em, { ...SYSTEM_ACTOR, organisationId: null, action: `candidate.${status}`, subjectType: 'campaign', subjectId: campaignId, opinion: reason ?? '', after: { ids }, requestId: `candidates:${key}` });
      });
    },

    /** A level's opinion on the recommendation-approval form (附件3) of each nomination it passed on. */
    async recordOpinions(a: { nominationIds: string[]; step: string; opinion: string; actor: Actor; organisationName: string; key: string }): Promise<void> {
      await ds.transaction(async (em) => {
        for (const id of a.nominationIds) {
          await em.query(
            `INSERT INTO nomination_steps (id, nomination_id, step, action, opinion, organisation_id, organisation_name, actor_id, actor_name, actor_role, idempotency_key)
             VALUES ($1, $2, $3, 'opinion', $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING`,
            [deterministicUuid(`${a.key}:${id}`), id, a.step, a.opinion, a.actor.organisationId, a.organisationName, a.actor.userId, a.actor.displayName, a.actor.role, `${a.key}:${id}`],
          );
        }
      });
    },

    /** The agencies at a committee's level to ask, each about the candidates whose domain needs it; none when the level has none. */
    async consultationAgencies({ organisationId, candidates, dueAt }: { organisationId: string; candidates: Array<{ id: string; domain: BranchDomain | null }>; dueAt: string }): Promise<ConsultedAgency[]> {
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
          candidateIds: candidates.filter((c) => agenciesFor(c.domain).includes(a.agency_kind)).map((c) => c.id),
        }))
        .filter((a) => a.candidateIds.length > 0);
    },

    async nameBranches({ campaignId, ids, year }: { campaignId: string; ids: string[]; year: number }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(`UPDATE nominations SET campaign_status = 'named', campaign_reason = NULL, updated_at = now() WHERE campaign_id = $1 AND id = ANY($2)`, [campaignId, ids]);
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: null,
          action: 'campaign.named',
          subjectType: 'campaign',
          subjectId: campaignId,
          opinion: `命名${ids.length}个${year}年度“泰山先锋”红旗党支部`,
          after: { ids },
          requestId: `${campaignId}:named`,
        });
      });
    },

    async storePlan({ campaignId, organisationId, kind, rows, by }: { campaignId: string; organisationId: string; kind: 'cultivation' | 'mentoring'; rows: unknown[]; by: string }): Promise<void> {
      await ds.query(
        `INSERT INTO campaign_plans (campaign_id, organisation_id, kind, rows, submitted_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (campaign_id, organisation_id, kind) DO UPDATE SET rows = EXCLUDED.rows, submitted_by = EXCLUDED.submitted_by`,
        [campaignId, organisationId, kind, JSON.stringify(rows), by],
      );
    },

    async recordCampaignControl({ campaignId, request, key }: { campaignId: string; request: CampaignControlRequest; key: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const status = { pause: 'paused', resume: 'running', cancel: null, extend: null }[request.action];
        if (status) await em.query(`UPDATE campaigns SET status = $2, updated_at = now() WHERE id = $1`, [campaignId, status]);
        if (request.action === 'extend') {
          await em.query(
            `INSERT INTO campaign_extensions (id, campaign_id, stage, organisation_id, organisation_path, due_at, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (id) DO NOTHING`,
            [deterministicUuid(key), campaignId, request.stage, request.organisationId ?? null, request.organisationPath ?? null, request.dueAt, request.reason, request.actor.userId],
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
        });
      });
    },

    async finishCampaign({ campaignId, status }: { campaignId: string; status: 'completed' | 'cancelled' }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(`UPDATE campaigns SET status = $2, finished_at = coalesce(finished_at, now()), updated_at = now() WHERE id = $1`, [campaignId, status]);
        if (status === 'cancelled') {
          await em.query(`UPDATE tasks SET status = 'cancelled' WHERE campaign_id = $1 AND status = 'open'`, [campaignId]);
          await em.query(`UPDATE campaign_stages SET status = 'cancelled' WHERE campaign_id = $1 AND status IN ('pending', 'open')`, [campaignId]);
        }
        await appendAudit(em, { ...SYSTEM_ACTOR, organisationId: null, action: `campaign.${status}`, subjectType: 'campaign', subjectId: campaignId, requestId: `${campaignId}:${status}` });
      });
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
