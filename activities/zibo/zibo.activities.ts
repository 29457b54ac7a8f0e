import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../libs/contracts/src';
import type { SelectionCandidate } from '../../libs/domain/src';
import { SYSTEM_ACTOR, appendAudit, changedRows } from '../../libs/persistence/src';
import type { ZiboBranch, ZiboProjectStatus } from '../../libs/processes/src/zibo';

const who = (a: Actor) => ({ actorId: a.userId, actorName: a.displayName, actorRole: a.role, organisationId: a.organisationId });

/** What a branch's year records besides its projects, each a column set of zibo_branch_years. */
export type ZiboBranchRecord =
  | { what: 'plan'; status: 'filed' | 'acknowledged' | 'returned'; plan?: unknown; opinion?: string }
  | { what: 'standard'; standard: unknown }
  | { what: 'self_scores' | 'bureau_scores'; scores: Array<{ criterion: string; score: number; note: string }> }
  | { what: 'gaps'; gaps: unknown }
  | { what: 'duty_report'; report: string }
  | { what: 'ratings'; bureauRating: string; membersRating: string; membersParticipants: number };

const total = (scores: Array<{ score: number }>) => Math.round(scores.reduce((s, x) => s + x.score, 0) * 100) / 100;

/** One step of a branch's project work, for the ledger and the project's history: idempotent by its key. */
async function step(
  em: EntityManager,
  s: { key: string; projectId: string | null; campaignId: string; branchId: string; step: string; outcome: string; opinion?: string | null; data?: unknown; actor: Actor | null; at: string },
): Promise<boolean> {
  const inserted = await changedRows(
    em,
    `INSERT INTO zibo_project_steps (id, project_id, campaign_id, branch_id, step, outcome, opinion, data, actor_id, actor_name, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [s.key, s.projectId, s.campaignId, s.branchId, s.step, s.outcome, s.opinion ?? null, s.data === undefined ? null : JSON.stringify(s.data), s.actor?.userId ?? null, s.actor?.displayName ?? null, s.at],
  );
  return inserted.length > 0;
}

/**
 * Zibo's writes: a branch's year (plan, standard, scores, gaps, duty report and
 * ratings), its party-building projects step by step, the flag for a branch
 * without an approved project, the hard branches' ledger and one-to-one help.
 * Ids and keys come from the workflow, so a retried write finds its row; each
 * change is audited once.
 */
export function createZiboActivities(ds: DataSource) {
  return {
    /** The branches under the bureau committee, in the tree's order. */
    async loadZiboBranches({ bureauId }: { bureauId: string }): Promise<ZiboBranch[]> {
      return ds.query(
        `SELECT b.id, b.name FROM organisations r JOIN organisations b ON b.level = 'branch' AND b.path LIKE r.path || '%' WHERE r.id = $1 ORDER BY b.path`,
        [bureauId],
      );
    },

    async openZiboYear({ campaignId, year, branchIds, at }: { campaignId: string; year: number; branchIds: string[]; at: string }): Promise<void> {
      if (!branchIds.length) return;
      await ds.query(
        `INSERT INTO zibo_branch_years (campaign_id, branch_id, year, updated_at) SELECT $1, b, $2, $4 FROM unnest($3::uuid[]) AS t(b) ON CONFLICT DO NOTHING`,
        [campaignId, year, branchIds, at],
      );
    },

    /** `key`: the task that settled it. */
    async recordZiboBranch(a: { campaignId: string; branchId: string; record: ZiboBranchRecord; actor: Actor; key: string; at: string }): Promise<void> {
      const r = a.record;
      const [sql, values]: [string, unknown[]] = (() => {
        switch (r.what) {
          case 'plan':
            return [`plan_status = $3, plan = coalesce($4::jsonb, plan), plan_opinion = $5`, [r.status, r.plan === undefined ? null : JSON.stringify(r.plan), r.opinion ?? null]];
          case 'standard':
            return [`standard = $3`, [JSON.stringify(r.standard)]];
          case 'self_scores':
            return [`self_scores = $3, self_total = $4`, [JSON.stringify(r.scores), total(r.scores)]];
          case 'bureau_scores':
            return [`bureau_scores = $3, bureau_total = $4`, [JSON.stringify(r.scores), total(r.scores)]];
          case 'gaps':
            return [`gaps = $3`, [JSON.stringify(r.gaps)]];
          case 'duty_report':
            return [`duty_report = $3`, [r.report]];
          case 'ratings':
            return [`bureau_rating = $3, members_rating = $4, members_participants = $5`, [r.bureauRating, r.membersRating, r.membersParticipants]];
        }
      })();
      await ds.transaction(async (em) => {
        const fresh = await step(em, { key: `${a.key}:${r.what}`, projectId: null, campaignId: a.campaignId, branchId: a.branchId, step: r.what, outcome: 'plan' === r.what ? r.status : 'recorded', data: r, actor: a.actor, at: a.at });
        if (!fresh) return;
        await em.query(`UPDATE zibo_branch_years SET ${sql}, updated_at = $${values.length + 3} WHERE campaign_id = $1 AND branch_id = $2`, [a.campaignId, a.branchId, ...values, a.at]);
        await appendAudit(em, { ...who(a.actor), action: `zibo.${r.what}`, subjectType: 'branch', subjectId: a.branchId, opinion: r.what === 'plan' ? (r.opinion ?? '') : '', after: r, requestId: `${a.key}:${r.what}`, at: a.at });
      });
    },

    /** The proposals collected from the members; ids from the workflow. */
    async saveZiboProposals(a: { campaignId: string; branchId: string; proposals: Array<{ id: string; proposer: string; title: string; content: string }>; actor: Actor; key: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        if (!(await step(em, { key: `${a.key}:proposals`, projectId: null, campaignId: a.campaignId, branchId: a.branchId, step: 'proposals', outcome: 'submitted', data: a.proposals, actor: a.actor, at: a.at }))) return;
        for (const p of a.proposals) {
          await em.query(`INSERT INTO zibo_proposals (id, campaign_id, branch_id, proposer, title, content, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`, [
            p.id,
            a.campaignId,
            a.branchId,
            p.proposer,
            p.title,
            p.content,
            a.at,
          ]);
        }
        await appendAudit(em, { ...who(a.actor), action: 'zibo.project.proposals', subjectType: 'branch', subjectId: a.branchId, after: { proposals: a.proposals.length }, requestId: `${a.key}:proposals`, at: a.at });
      });
    },

    /** A meeting's screening: the proposals it kept, with who attended and its minutes. */
    async recordZiboScreening(a: { campaignId: string; branchId: string; meeting: 'committee' | 'members'; chosen: string[]; attendees: string; minutes: string; actor: Actor; key: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const stepName = `${a.meeting}_screening`;
        if (!(await step(em, { key: `${a.key}:${stepName}`, projectId: null, campaignId: a.campaignId, branchId: a.branchId, step: stepName, outcome: 'screened', opinion: a.minutes, data: { chosen: a.chosen, attendees: a.attendees }, actor: a.actor, at: a.at }))) return;
        await em.query(`UPDATE zibo_proposals SET ${a.meeting === 'committee' ? 'committee_chosen' : 'members_chosen'} = true WHERE id = ANY($1::uuid[]) AND branch_id = $2`, [a.chosen, a.branchId]);
        await appendAudit(em, { ...who(a.actor), action: `zibo.project.${stepName}`, subjectType: 'branch', subjectId: a.branchId, opinion: a.minutes, after: { chosen: a.chosen }, requestId: `${a.key}:${stepName}`, at: a.at });
      });
    },

    /** The project submitted to the bureau committee (a first version, or a revision after a return). */
    async submitZiboProject(a: { projectId: string; campaignId: string; branchId: string; proposalId: string | null; title: string; content: string; proposer: string; version: number; actor: Actor; key: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        if (!(await step(em, { key: `${a.key}:submitted`, projectId: null, campaignId: a.campaignId, branchId: a.branchId, step: 'submission', outcome: 'submitted', data: { title: a.title, content: a.content, version: a.version }, actor: a.actor, at: a.at }))) return;
        await em.query(
          `INSERT INTO zibo_projects (id, campaign_id, branch_id, proposal_id, title, content, proposer, status, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'submitted', $8, $9)
           ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, content = EXCLUDED.content, status = 'submitted', version = EXCLUDED.version, updated_at = EXCLUDED.updated_at`,
          [a.projectId, a.campaignId, a.branchId, a.proposalId, a.title, a.content, a.proposer, a.version, a.at],
        );
        await em.query(`UPDATE zibo_project_steps SET project_id = $1 WHERE id = $2`, [a.projectId, `${a.key}:submitted`]);
        await appendAudit(em, { ...who(a.actor), action: 'zibo.project.submitted', subjectType: 'zibo_project', subjectId: a.projectId, after: { title: a.title, version: a.version }, requestId: `${a.key}:submitted`, at: a.at });
      });
    },

    /** A step on a project: the bureau's approval (approved, returned, rejected), progress, acceptance (accepted, failed). */
    async moveZiboProject(a: { projectId: string; campaignId: string; branchId: string; step: 'approval' | 'progress' | 'acceptance'; status: ZiboProjectStatus; opinion: string | null; data?: unknown; actor: Actor; key: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        if (!(await step(em, { key: `${a.key}:${a.step}`, projectId: a.projectId, campaignId: a.campaignId, branchId: a.branchId, step: a.step, outcome: a.status, opinion: a.opinion, data: a.data, actor: a.actor, at: a.at }))) return;
        await em.query(
          `UPDATE zibo_projects SET status = $2, opinion = coalesce($3, opinion), updated_at = $4,
                  approved_at = CASE WHEN $2 = 'approved' THEN $4::timestamptz ELSE approved_at END,
                  returns = returns + CASE WHEN $2 = 'returned' THEN 1 ELSE 0 END,
                  decided_at = CASE WHEN $2 IN ('accepted', 'failed', 'rejected') THEN $4::timestamptz ELSE decided_at END
            WHERE id = $1`,
          [a.projectId, a.status, a.opinion, a.at],
        );
        await appendAudit(em, { ...who(a.actor), action: `zibo.project.${a.status}`, subjectType: 'zibo_project', subjectId: a.projectId, opinion: a.opinion ?? '', after: { status: a.status, step: a.step }, requestId: `${a.key}:${a.step}`, at: a.at });
      });
    },

    /** At the configured date: every branch of the campaign without an approved project is flagged; returns their ids. */
    async flagZiboBranchesWithoutProject({ campaignId, at }: { campaignId: string; at: string }): Promise<string[]> {
      return ds.transaction(async (em) => {
        const flagged = await changedRows<{ branch_id: string }>(
          em,
          `UPDATE zibo_branch_years y SET flagged_no_project = true, updated_at = $2
            WHERE y.campaign_id = $1 AND NOT y.flagged_no_project
              AND NOT EXISTS (SELECT 1 FROM zibo_projects p WHERE p.campaign_id = y.campaign_id AND p.branch_id = y.branch_id AND p.approved_at IS NOT NULL AND p.approved_at <= $2)
            RETURNING y.branch_id`,
          [campaignId, at],
        );
        for (const f of flagged) {
          await appendAudit(em, { ...SYSTEM_ACTOR, organisationId: f.branch_id, action: 'zibo.project.flagged', subjectType: 'branch', subjectId: f.branch_id, opinion: '未按期确定审核通过的党建项目', requestId: `${campaignId}:${f.branch_id}:flagged`, at });
        }
        return flagged.map((f) => f.branch_id);
      });
    },

    /** The year's branches as candidates for the hard-branch pick: the bureau's score; a flagged branch or a failed project excludes. */
    async ziboSelectionCandidates({ campaignId }: { campaignId: string }): Promise<SelectionCandidate[]> {
      const rows: Array<{ id: string; name: string; score: string | null; flagged: boolean; failed: boolean }> = await ds.query(
        `SELECT y.branch_id AS id, o.name, y.bureau_total AS score, y.flagged_no_project AS flagged,
                EXISTS (SELECT 1 FROM zibo_projects p WHERE p.campaign_id = y.campaign_id AND p.branch_id = y.branch_id AND p.status = 'failed')
                  AND NOT EXISTS (SELECT 1 FROM zibo_projects p WHERE p.campaign_id = y.campaign_id AND p.branch_id = y.branch_id AND p.status = 'accepted') AS failed
           FROM zibo_branch_years y JOIN organisations o ON o.id = y.branch_id
          WHERE y.campaign_id = $1 AND y.bureau_total IS NOT NULL ORDER BY y.bureau_total DESC, o.path`,
        [campaignId],
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        score: Number(r.score),
        ...(r.flagged ? { excludedBecause: '未按期确定审核通过的党建项目' } : r.failed ? { excludedBecause: '党建项目验收不合格' } : {}),
      }));
    },

    /** The kept of the pick's notice become the year's hard branches (the ledger's rows are never deleted). */
    async conferZiboHardBranches({ campaignId, year, branchIds, ids, at }: { campaignId: string; year: number; branchIds: string[]; ids: string[]; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        for (const [i, branchId] of branchIds.entries()) {
          const inserted = await changedRows(
            em,
            `INSERT INTO zibo_hard_branches (id, branch_id, campaign_id, year, status, score, conferred_at)
             SELECT $1, $2, $3, $4, 'conferred', y.bureau_total, $5 FROM zibo_branch_years y WHERE y.campaign_id = $3 AND y.branch_id = $2
             ON CONFLICT DO NOTHING RETURNING id`,
            [ids[i], branchId, campaignId, year, at],
          );
          if (inserted.length) await appendAudit(em, { ...SYSTEM_ACTOR, organisationId: branchId, action: 'zibo.hard_branch.conferred', subjectType: 'branch', subjectId: branchId, after: { year }, requestId: `${ids[i]}:conferred`, at });
        }
      });
    },

    /** Last year's hard branches under the bureau, still holding the title, for this year's review. */
    async ziboHardBranchesToReview({ bureauId, year }: { bureauId: string; year: number }): Promise<Array<{ id: string; branchId: string; name: string }>> {
      return ds.query(
        `SELECT h.id, h.branch_id AS "branchId", o.name FROM zibo_hard_branches h JOIN organisations o ON o.id = h.branch_id JOIN organisations r ON r.id = $1
          WHERE h.year = $2 AND h.status = 'conferred' AND o.path LIKE r.path || '%' ORDER BY o.path`,
        [bureauId, year - 1],
      );
    },

    /** The title kept or withdrawn, with the reasons; the row stays in the ledger either way. */
    async reviewZiboHardBranch(a: { id: string; branchId: string; campaignId: string; withdrawn: boolean; opinion: string; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const updated = await changedRows(
          em,
          `UPDATE zibo_hard_branches SET status = $2, reviewed_at = $3, reviewed_in = $4, review_opinion = $5 WHERE id = $1 AND status = 'conferred' RETURNING id`,
          [a.id, a.withdrawn ? 'withdrawn' : 'retained', a.at, a.campaignId, a.opinion],
        );
        if (!updated.length) return;
        await appendAudit(em, { ...who(a.actor), action: a.withdrawn ? 'zibo.hard_branch.withdrawn' : 'zibo.hard_branch.retained', subjectType: 'branch', subjectId: a.branchId, opinion: a.opinion, before: { status: 'conferred' }, after: { status: a.withdrawn ? 'withdrawn' : 'retained' }, requestId: `${a.id}:reviewed`, at: a.at });
      });
    },

    /** A help case closed with its outcome. */
    async closeZiboHelpCase(a: { caseId: string; rectified: boolean; outcome: string; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const updated = await changedRows<{ branch_id: string }>(em, `UPDATE zibo_help_cases SET status = $2, outcome = $3, closed_at = $4 WHERE id = $1 AND status = 'open' RETURNING branch_id`, [
          a.caseId,
          a.rectified ? 'rectified' : 'not_rectified',
          a.outcome,
          a.at,
        ]);
        if (!updated.length) return;
        await appendAudit(em, { ...who(a.actor), action: 'zibo.help_case.closed', subjectType: 'zibo_help_case', subjectId: a.caseId, opinion: a.outcome, after: { rectified: a.rectified }, requestId: `${a.caseId}:closed`, at: a.at });
      });
    },
  };
}

export type ZiboActivities = ReturnType<typeof createZiboActivities>;
