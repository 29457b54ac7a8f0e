import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../libs/contracts/src';
import type { BranchDomain } from '../../libs/domain/src';
import { appendAudit, changedRows, deterministicUuid, notify as writeNotification } from '../../libs/persistence/src';
import type { FiveBasic, GradingStandard, HefeiGrade, HefeiTree } from '../../libs/processes/src/hefei';

const who = (a: Actor) => ({ actorId: a.userId, actorName: a.displayName, actorRole: a.role, organisationId: a.organisationId });

/** Notifies an organisation's holders of a role (the branch's secretary, a committee's reviewer) of a result. */
async function notify(em: EntityManager, key: string, organisationId: string, role: string, message: string, at: string): Promise<void> {
  await writeNotification(em, { kind: 'result', targets: [{ organisationId, role }], message, key, at });
}

/**
 * Hefei's side effects: the bureau it runs over, and each step's record in
 * its tables (standards, gradings, inspections, rectifications, pairings,
 * cleanups, reports). Ids come from the workflow (derived from its keys), so
 * a retried write finds its row; each decision is audited once.
 */
export function createHefeiActivities(ds: DataSource) {
  return {
    /** The grassroots committees under the bureau committee, each with its branches and whether they were ever graded. */
    async loadHefeiTree({ bureauCommitteeId }: { bureauCommitteeId: string }): Promise<HefeiTree> {
      const rows: Array<{ committee_id: string; committee_name: string; id: string | null; name: string | null; domain: BranchDomain | null; member_count: number | null; graded: boolean | null }> =
        await ds.query(
          `SELECT c.id AS committee_id, c.name AS committee_name, b.id, b.name, b.domain, b.member_count,
                  EXISTS (SELECT 1 FROM hefei_gradings g WHERE g.branch_id = b.id AND g.status = 'graded') AS graded
             FROM organisations bureau
             JOIN organisations c ON c.level = 'grassroots_committee' AND c.path LIKE bureau.path || '%'
             LEFT JOIN organisations b ON b.level = 'branch' AND b.path LIKE c.path || '%'
            WHERE bureau.id = $1 ORDER BY c.path, b.path`,
          [bureauCommitteeId],
        );
      const committees = new Map<string, HefeiTree['committees'][number]>();
      for (const r of rows) {
        const c = committees.get(r.committee_id) ?? { id: r.committee_id, name: r.committee_name, branches: [] };
        if (r.id) c.branches.push({ id: r.id, name: r.name!, domain: r.domain, memberCount: r.member_count, firstGrading: !r.graded });
        committees.set(r.committee_id, c);
      }
      return { committees: [...committees.values()] };
    },

    /** A committee files a version of its standard (the next version number); a retry finds the version it filed. */
    async fileStandard(a: { standardId: string; campaignId: string; committeeId: string; standard: GradingStandard; actor: Actor ; at: string}): Promise<{ version: number }> {
      return ds.transaction(async (em) => {
        const [existing] = await em.query(`SELECT version FROM hefei_grading_standards WHERE id = $1`, [a.standardId]);
        if (existing) return { version: existing.version };
        await em.query(`SELECT pg_advisory_xact_lock(hashtext('hefei_standard:' || $1))`, [a.committeeId]);
        const [{ next }] = await em.query(`SELECT coalesce(max(version), 0) + 1 AS next FROM hefei_grading_standards WHERE committee_id = $1`, [a.committeeId]);
        const rubric = { ...a.standard, version: next, isDefault: false };
        await em.query(
          `INSERT INTO hefei_grading_standards (id, committee_id, campaign_id, version, rubric, status, drafted_by, filed_by, filed_at, created_at)
           VALUES ($1, $2, $3, $4, $5, 'filed', $6, $6, $7, $7)`,
          [a.standardId, a.committeeId, a.campaignId, next, JSON.stringify(rubric), a.actor.userId, a.at],
        );
        await appendAudit(em, { ...who(a.actor), action: 'hefei.standard.filed', subjectType: 'hefei_standard', subjectId: a.standardId, after: { committeeId: a.committeeId, version: next }, requestId: `${a.standardId}:filed`, at: a.at });
        return { version: next };
      });
    },

    /** The political department accepts a filed standard (the committee's earlier one is superseded) or returns it with an opinion. */
    async decideStandard(a: { standardId: string; accept: boolean; opinion: string; actor: Actor ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        const [row] = await em.query(`SELECT committee_id, status FROM hefei_grading_standards WHERE id = $1 FOR UPDATE`, [a.standardId]);
        if (row.status !== 'filed') return;
        if (a.accept) {
          await em.query(`UPDATE hefei_grading_standards SET status = 'superseded' WHERE committee_id = $1 AND status = 'accepted'`, [row.committee_id]);
        }
        await em.query(`UPDATE hefei_grading_standards SET status = $2, decided_by = $3, decided_at = $5, opinion = $4 WHERE id = $1`, [
          a.standardId,
          a.accept ? 'accepted' : 'returned',
          a.actor.userId,
          a.opinion || null,
          a.at,
        ]);
        await appendAudit(em, {
          ...who(a.actor),
          action: a.accept ? 'hefei.standard.accepted' : 'hefei.standard.returned',
          subjectType: 'hefei_standard',
          subjectId: a.standardId,
          opinion: a.opinion,
          requestId: `${a.standardId}:decided`,
          at: a.at,
        });
        await notify(em, `${a.standardId}:decided`, row.committee_id, 'submitter', a.accept ? '本党委的分类定级标准已通过局政治部备案' : `本党委的分类定级标准被退回修改：${a.opinion}`, a.at);
      });
    },

    /** A branch's grading attempt opens (self-assessment under way), tied to the committee's accepted standard. */
    async openGrading(a: { gradingId: string; campaignId: string; year: number; branchId: string; committeeId: string; attempt: number; firstGrading: boolean; standardId: string ; at: string}): Promise<void> {
      await ds.query(
        `INSERT INTO hefei_gradings (id, campaign_id, year, branch_id, committee_id, attempt, first_grading, standard_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'self_assessment', $9, $9) ON CONFLICT (id) DO NOTHING`,
        [a.gradingId, a.campaignId, a.year, a.branchId, a.committeeId, a.attempt, a.firstGrading, a.standardId, a.at],
      );
    },

    /** The branch's self-assessment, which is its application to the committee (逐级申报). */
    async recordSelfAssessment(a: { gradingId: string; scores: unknown; total: number; actor: Actor; round: number ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(
          `UPDATE hefei_gradings SET status = 'applied', self_scores = $2, self_total = $3, self_assessed_by = $4, self_assessed_at = $5, updated_at = $5
            WHERE id = $1 AND status IN ('self_assessment', 'returned')`,
          [a.gradingId, JSON.stringify(a.scores), a.total, a.actor.userId, a.at],
        );
        await appendAudit(em, { ...who(a.actor), action: 'hefei.grading.applied', subjectType: 'hefei_grading', subjectId: a.gradingId, after: { selfTotal: a.total }, requestId: `${a.gradingId}:applied:${a.round}`, at: a.at });
      });
    },

    /** The committee's review of an application: on to acceptance, or back to the branch with an opinion. */
    async recordApplicationReview(a: { gradingId: string; approve: boolean; opinion: string; actor: Actor; round: number ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(
          `UPDATE hefei_gradings SET status = $2, review_opinion = $3, reviewed_by = $4, reviewed_at = $5, updated_at = $5 WHERE id = $1 AND status = 'applied'`,
          [a.gradingId, a.approve ? 'accepting' : 'returned', a.opinion || null, a.actor.userId, a.at],
        );
        await appendAudit(em, {
          ...who(a.actor),
          action: a.approve ? 'hefei.grading.application_approved' : 'hefei.grading.application_returned',
          subjectType: 'hefei_grading',
          subjectId: a.gradingId,
          opinion: a.opinion,
          requestId: `${a.gradingId}:reviewed:${a.round}`,
          at: a.at,
        });
      });
    },

    /** Inspection and acceptance (考核验收): the assessor's scores and any veto items. */
    async recordAcceptance(a: { gradingId: string; scores: unknown; vetoes: string[]; total: number; actor: Actor ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(
          `UPDATE hefei_gradings SET assessor_scores = $2, vetoes = $3, assessor_total = $4, accepted_by = $5, accepted_at = $6, updated_at = $6 WHERE id = $1 AND status = 'accepting'`,
          [a.gradingId, JSON.stringify(a.scores), JSON.stringify(a.vetoes), a.total, a.actor.userId, a.at],
        );
        await appendAudit(em, { ...who(a.actor), action: 'hefei.grading.accepted', subjectType: 'hefei_grading', subjectId: a.gradingId, after: { assessorTotal: a.total, vetoes: a.vetoes }, requestId: `${a.gradingId}:accepted`, at: a.at });
      });
    },

    /** The committee's grades; each branch and its committee are told (结果通报反馈). */
    async recordGrades(a: { grades: Array<{ gradingId: string; branchId: string; grade: HefeiGrade; reasons: string[] }>; committeeId: string; actor: Actor ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        for (const g of a.grades) {
          const updated: unknown[] = await changedRows(
            em,
            `UPDATE hefei_gradings SET status = 'graded', grade = $2, grade_reasons = $3, graded_by = $4, graded_at = $5, notified_at = $5, updated_at = $5
              WHERE id = $1 AND status = 'accepting' RETURNING id`,
            [g.gradingId, g.grade, JSON.stringify(g.reasons), a.actor.userId, a.at],
          );
          if (!updated.length) continue;
          await appendAudit(em, { ...who(a.actor), action: 'hefei.grading.graded', subjectType: 'hefei_grading', subjectId: g.gradingId, after: { grade: g.grade, reasons: g.reasons }, requestId: `${g.gradingId}:graded`, at: a.at });
          await notify(em, `${g.gradingId}:notified`, g.branchId, 'submitter', `本支部分类定级结果：${g.grade}级${g.reasons.length ? `（${g.reasons.join('；')}）` : ''}`, a.at);
        }
        await notify(em, `${a.grades.map((g) => g.gradingId).join(',')}:committee`, a.committeeId, 'reviewer', `本党委分类定级结果已通报：${a.grades.length}个党支部`, a.at);
      });
    },

    /** The bureau committee's inspection of one committee, its progress meeting, and a rectification for each problem found. */
    async recordSpecialInspection(a: {
      inspectionId: string;
      campaignId: string;
      committeeId: string;
      inspectorId: string;
      half: 1 | 2;
      summary: string;
      meeting: { heldOn: string; notes: string };
      problems: Array<{ rectificationId: string; branchId: string; dimension: FiveBasic; problem: string; dueOn: string }>;
      actor: Actor;
      at: string;
    }): Promise<void> {
      await ds.transaction(async (em) => {
        const inserted: unknown[] = await em.query(
          `INSERT INTO hefei_special_inspections (id, campaign_id, committee_id, half, inspector_id, status, inspected_on, summary, completed_by, completed_at, created_at)
           VALUES ($1, $2, $3, $4, $5, 'completed', $6, $7, $8, $9, $9) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [a.inspectionId, a.campaignId, a.committeeId, a.half, a.inspectorId, a.meeting.heldOn, a.summary, a.actor.userId, a.at],
        );
        if (!inserted.length) return;
        await em.query(`INSERT INTO hefei_progress_meetings (campaign_id, half, held_on, notes, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, [
          a.campaignId,
          a.half,
          a.meeting.heldOn,
          a.meeting.notes,
          a.actor.userId,
          a.at,
        ]);
        for (const p of a.problems) {
          await em.query(
            `INSERT INTO hefei_rectifications (id, campaign_id, branch_id, source, inspection_id, dimension, problem, inspector_id, found_by, due_on, status, found_at, updated_at)
             VALUES ($1, $2, $3, 'special_inspection', $4, $5, $6, $7, $8, $9, 'open', $10, $10)`,
            [p.rectificationId, a.campaignId, p.branchId, a.inspectionId, p.dimension, p.problem, a.inspectorId, a.actor.userId, p.dueOn, a.at],
          );
          await notify(em, `${p.rectificationId}:opened`, p.branchId, 'submitter', `专项督查发现问题，请于${p.dueOn}前整改：${p.problem}`, a.at);
        }
        await appendAudit(em, {
          ...who(a.actor),
          action: 'hefei.special_inspection.completed',
          subjectType: 'hefei_special_inspection',
          subjectId: a.inspectionId,
          after: { committeeId: a.committeeId, half: a.half, problems: a.problems.length },
          requestId: `${a.inspectionId}:completed`,
          at: a.at,
        });
      });
    },

    /** A grading below standard becomes a rectification for the branch, accepted by its committee. */
    async openGradingRectification(a: { rectificationId: string; campaignId: string; gradingId: string; branchId: string; committeeId: string; problem: string; dueOn: string; actor: Actor ; at: string}): Promise<void> {
      await ds.query(
        `INSERT INTO hefei_rectifications (id, campaign_id, branch_id, source, grading_id, problem, inspector_id, found_by, due_on, status, found_at, updated_at)
         VALUES ($1, $2, $3, 'grading', $4, $5, $6, $7, $8, 'open', $9, $9) ON CONFLICT (id) DO NOTHING`,
        [a.rectificationId, a.campaignId, a.branchId, a.gradingId, a.problem, a.committeeId, a.actor.userId, a.dueOn, a.at],
      );
    },

    /** One step of a rectification: the branch submits, the inspector returns (with an opinion) or accepts. */
    async recordRectificationStep(a: { rectificationId: string; action: 'submitted' | 'returned' | 'accepted'; content: string; actor: Actor; key: string; late?: boolean ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        const inserted: unknown[] = await em.query(
          `INSERT INTO hefei_rectification_steps (id, rectification_id, action, content, actor_id, actor_name, actor_role, organisation_id, idempotency_key, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
          [deterministicUuid(a.key), a.rectificationId, a.action, a.content, a.actor.userId, a.actor.displayName, a.actor.role, a.actor.organisationId, a.key, a.at],
        );
        if (!inserted.length) return;
        await em.query(
          `UPDATE hefei_rectifications SET status = $2, overdue = overdue OR $3, accepted_by = CASE WHEN $2 = 'accepted' THEN $4::uuid END,
                  accepted_at = CASE WHEN $2 = 'accepted' THEN $5::timestamptz END, updated_at = $5 WHERE id = $1`,
          [a.rectificationId, a.action === 'submitted' ? 'submitted' : a.action, a.late ?? false, a.actor.userId, a.at],
        );
        await appendAudit(em, { ...who(a.actor), action: `hefei.rectification.${a.action}`, subjectType: 'hefei_rectification', subjectId: a.rectificationId, opinion: a.content, requestId: a.key, at: a.at });
      });
    },

    /** A partner unit assigned to a branch below standard (结对指导). */
    async recordPairing(a: { pairingId: string; campaignId: string; branchId: string; partner: string; partnerOrganisationId: string | null; plan: string; actor: Actor ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        const inserted: unknown[] = await em.query(
          `INSERT INTO hefei_pairings (id, campaign_id, branch_id, partner_organisation_id, partner_name, reason, assigned_by, assigned_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
          [a.pairingId, a.campaignId, a.branchId, a.partnerOrganisationId, a.partner, a.plan, a.actor.userId, a.at],
        );
        if (!inserted.length) return;
        await appendAudit(em, { ...who(a.actor), action: 'hefei.pairing.assigned', subjectType: 'hefei_pairing', subjectId: a.pairingId, after: { branchId: a.branchId, partner: a.partner }, requestId: `${a.pairingId}:assigned`, at: a.at });
      });
    },

    /** A member-less branch's review opens (清理“空壳党支部”). */
    async openCleanup(a: { cleanupId: string; campaignId: string; branchId: string; reviewerId: string; members: number ; at: string}): Promise<void> {
      await ds.query(
        `INSERT INTO hefei_cleanup_reviews (id, campaign_id, branch_id, reviewer_id, members_at_review, status, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6) ON CONFLICT DO NOTHING`,
        [a.cleanupId, a.campaignId, a.branchId, a.reviewerId, a.members, a.at],
      );
    },

    async decideCleanup(a: { cleanupId: string; dissolve: boolean; opinion: string; actor: Actor ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        const updated: unknown[] = await changedRows(
          em,
          `UPDATE hefei_cleanup_reviews SET status = $2, opinion = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND status = 'open' RETURNING id`,
          [a.cleanupId, a.dissolve ? 'dissolved' : 'retained', a.opinion, a.actor.userId, a.at],
        );
        if (!updated.length) return;
        await appendAudit(em, { ...who(a.actor), action: a.dissolve ? 'hefei.cleanup.dissolved' : 'hefei.cleanup.retained', subjectType: 'hefei_cleanup', subjectId: a.cleanupId, opinion: a.opinion, requestId: `${a.cleanupId}:decided`, at: a.at });
      });
    },

    /** The committee's report is due (it shows as missing until filed). */
    async openReport(a: { reportId: string; campaignId: string; committeeId: string; dueAt: string ; at: string}): Promise<void> {
      await ds.query(`INSERT INTO hefei_committee_reports (id, campaign_id, committee_id, due_at, status, created_at) VALUES ($1, $2, $3, $4, 'open', $5) ON CONFLICT DO NOTHING`, [
        a.reportId,
        a.campaignId,
        a.committeeId,
        a.dueAt,
        a.at,
      ]);
    },

    /** The report filed, with the grading's figures read from the record; late if after its deadline (escalated when it passed). */
    async fileReport(a: { reportId: string; notes: string; late: boolean; escalated: boolean; actor: Actor ; at: string}): Promise<void> {
      await ds.transaction(async (em) => {
        const [row] = await em.query(`SELECT campaign_id, committee_id, status FROM hefei_committee_reports WHERE id = $1 FOR UPDATE`, [a.reportId]);
        if (row.status === 'filed') return;
        const counts: Array<{ grade: string; n: number }> = await em.query(
          `SELECT grade, count(*)::int AS n FROM hefei_gradings WHERE campaign_id = $1 AND committee_id = $2 AND status = 'graded' GROUP BY grade`,
          [row.campaign_id, row.committee_id],
        );
        await em.query(
          `UPDATE hefei_committee_reports SET status = 'filed', summary = $2, notes = $3, filed_by = $4, filed_at = $7, late = $5,
                  escalated_at = CASE WHEN $6 THEN coalesce(escalated_at, $7) END WHERE id = $1`,
          [a.reportId, JSON.stringify(Object.fromEntries(counts.map((c) => [c.grade, c.n]))), a.notes, a.actor.userId, a.late, a.escalated, a.at],
        );
        await appendAudit(em, { ...who(a.actor), action: 'hefei.report.filed', subjectType: 'hefei_report', subjectId: a.reportId, after: { late: a.late }, requestId: `${a.reportId}:filed`, at: a.at });
      });
    },

    /** Marks a campaign's open reports past due as escalated (the humanTask told the level above). */
    async reportOverdue(a: { reportId: string ; at: string}): Promise<void> {
      await ds.query(`UPDATE hefei_committee_reports SET escalated_at = coalesce(escalated_at, $2) WHERE id = $1 AND status = 'open'`, [a.reportId, a.at]);
    },
  };
}

export type HefeiActivities = ReturnType<typeof createHefeiActivities>;
