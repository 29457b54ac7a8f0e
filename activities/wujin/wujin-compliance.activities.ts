import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src';
import type { Rubric, RubricResult } from '../../libs/domain/src';
import { SYSTEM_ACTOR, appendAudit, changedRows, latestRubric, loadRubric } from '../../libs/persistence/src';
import { type BrandData, type DeclarationData, type RectificationData, type VerificationData, type WujinPhase, deployMeasured, phaseMet, share } from '../../libs/processes/src/wujin';
import { who } from './wujin-deploy.activities';

interface CommitteeFigure {
  committeeId: string;
  name: string;
  measured: number;
}

/**
 * Wujin's compliance and brands: each assessment round's declaration and
 * verdict, the compliant list's notice, rectifications, brands, and each
 * phase's measurement at its end. A branch's standing (wujin_branch_standing)
 * follows every step, in the step's transaction.
 */
export function createWujinComplianceActivities(ds: DataSource) {
  const standing = (campaignId: string, branchId: string, set: string, params: unknown[]) =>
    ds.query(`UPDATE wujin_branch_standing SET ${set} WHERE campaign_id = $1 AND branch_id = $2`, [campaignId, branchId, ...params]);

  return {
    /** The rubric's newest version, scored against by the rounds opened now (a veto item added later reaches later plans only). */
    async latestWujinRubric({ code }: { code: string }): Promise<{ code: string; version: number }> {
      const rubric = await latestRubric(ds, code);
      if (!rubric) throw ApplicationFailure.nonRetryable(`考核细则 ${code} 尚未录入`, 'RUBRIC_MISSING');
      return { code: rubric.code, version: rubric.version };
    },

    /** A rubric version as stored (versions never change once written, so a retry or a replay reads the same). */
    async loadWujinRubric({ code, version }: { code: string; version: number }): Promise<Rubric> {
      const rubric = await loadRubric(ds, code, version);
      if (!rubric) throw ApplicationFailure.nonRetryable(`考核细则 ${code} 第${version}版不存在`, 'RUBRIC_MISSING');
      return rubric;
    },

    async openWujinRound(a: { assessmentId: string; campaignId: string; branchId: string; committeeId: string; round: number; rubric: { code: string; version: number }; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await em.query(
          `INSERT INTO wujin_assessments (id, campaign_id, branch_id, committee_id, round, rubric_code, rubric_version, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
          [a.assessmentId, a.campaignId, a.branchId, a.committeeId, a.round, a.rubric.code, a.rubric.version, a.at],
        );
        if (rows.length) await em.query(`UPDATE wujin_branch_standing SET standing = 'assessing', round = $3, updated_at = $4 WHERE campaign_id = $1 AND branch_id = $2`, [a.campaignId, a.branchId, a.round, a.at]);
      });
    },

    async recordWujinDeclaration(a: { assessmentId: string; data: DeclarationData; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await changedRows(
          em,
          `UPDATE wujin_assessments SET on_site_items = $2, declaration_note = $3, declared_by = $4, declared_at = $5 WHERE id = $1 AND declared_at IS NULL RETURNING id`,
          [a.assessmentId, JSON.stringify(a.data.onSiteItems), a.data.note, a.actor.userId, a.at],
        );
        if (rows.length) await appendAudit(em, { ...who(a.actor), action: 'wujin.assessment.declared', subjectType: 'rubric_assessment', subjectId: a.assessmentId, after: a.data, requestId: `${a.assessmentId}:declared`, at: a.at });
      });
    },

    /** The district's verdict: a pass waits for the notice; a fail (score, veto, or the district's finding) goes to rectification. */
    async recordWujinVerdict(a: { assessmentId: string; campaignId: string; branchId: string; passed: boolean; opinion: string; checks: VerificationData['onSiteChecks']; result: RubricResult; vetoes: string[]; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await changedRows(
          em,
          `UPDATE wujin_assessments SET verdict = $2, verdict_opinion = $3, on_site_checks = $4, verified_by = $5, verified_at = $6 WHERE id = $1 AND verdict IS NULL RETURNING id`,
          [a.assessmentId, a.passed ? 'pass' : 'fail', a.opinion || null, JSON.stringify(a.checks), a.actor.userId, a.at],
        );
        if (!rows.length) return;
        const reasons = a.passed ? [] : a.result.reasons.length ? a.result.reasons : [`区委组织部验收未通过：${a.opinion}`];
        await em.query(
          `UPDATE wujin_branch_standing SET standing = $3, score = $4, vetoes = $5, reasons = $6, failed_once = failed_once OR NOT $7, updated_at = $8 WHERE campaign_id = $1 AND branch_id = $2`,
          [a.campaignId, a.branchId, a.passed ? 'assessing' : 'failed', a.result.assessorTotal, JSON.stringify(a.vetoes), JSON.stringify(reasons), a.passed, a.at],
        );
        await appendAudit(em, {
          ...who(a.actor),
          action: a.passed ? 'wujin.assessment.passed' : 'wujin.assessment.failed',
          subjectType: 'rubric_assessment',
          subjectId: a.assessmentId,
          opinion: a.opinion,
          after: { score: a.result.assessorTotal, vetoes: a.vetoes, reasons, onSiteChecks: a.checks },
          requestId: `${a.assessmentId}:verdict`,
          at: a.at,
        });
      });
    },

    async setWujinOnNotice(a: { campaignId: string; branchIds: string[]; at: string }): Promise<void> {
      await ds.query(`UPDATE wujin_branch_standing SET standing = 'on_notice', updated_at = $3 WHERE campaign_id = $1 AND branch_id = ANY($2::uuid[])`, [a.campaignId, a.branchIds, a.at]);
    },

    /** The notice closed: the kept are compliant; an upheld objection takes a branch off the list and into rectification. */
    async recordWujinNotice(a: { campaignId: string; noticeId: string; kept: string[]; removed: Array<{ itemId: string; reason: string }>; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(
          `UPDATE wujin_branch_standing SET standing = 'compliant', compliant_at = $3, reasons = '[]', updated_at = $3 WHERE campaign_id = $1 AND branch_id = ANY($2::uuid[]) AND standing = 'on_notice'`,
          [a.campaignId, a.kept, a.at],
        );
        for (const r of a.removed) {
          await em.query(
            `UPDATE wujin_branch_standing SET standing = 'failed', objection_upheld = true, failed_once = true, reasons = $3, updated_at = $4 WHERE campaign_id = $1 AND branch_id = $2 AND standing = 'on_notice'`,
            [a.campaignId, r.itemId, JSON.stringify([`公示期间异议经核实成立：${r.reason}`]), a.at],
          );
        }
      });
    },

    async openWujinRectification(a: { rectificationId: string; campaignId: string; branchId: string; committeeId: string; reasons: string[]; dueAt: string; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await em.query(
          `INSERT INTO wujin_rectifications (id, campaign_id, branch_id, committee_id, reasons, due_at, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) ON CONFLICT DO NOTHING RETURNING id`,
          [a.rectificationId, a.campaignId, a.branchId, a.committeeId, JSON.stringify(a.reasons), a.dueAt, a.at],
        );
        if (rows.length) await em.query(`UPDATE wujin_branch_standing SET standing = 'rectifying', updated_at = $3 WHERE campaign_id = $1 AND branch_id = $2`, [a.campaignId, a.branchId, a.at]);
      });
    },

    async submitWujinRectification(a: { rectificationId: string; submission: number; data: RectificationData; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await changedRows(
          em,
          `UPDATE wujin_rectifications SET status = 'submitted', submissions = $2, measures = $3, evidence = $4, submitted_at = $5, late = $5::timestamptz > due_at
            WHERE id = $1 AND submissions < $2 RETURNING id`,
          [a.rectificationId, a.submission, a.data.measures, a.data.evidence, a.at],
        );
        if (rows.length) await appendAudit(em, { ...who(a.actor), action: 'wujin.rectification.submitted', subjectType: 'wujin_rectification', subjectId: a.rectificationId, after: a.data, requestId: `${a.rectificationId}:submitted:${a.submission}`, at: a.at });
      });
    },

    /** The committee's review: accepted (reassessment follows), returned, or the organisation dissolved or merged (撤销、撤并). */
    async decideWujinRectification(a: { rectificationId: string; campaignId: string; branchId: string; submission: number; outcome: 'accepted' | 'returned' | 'dissolved' | 'merged'; opinion: string; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await changedRows(
          em,
          `UPDATE wujin_rectifications SET status = $2, opinion = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND status = 'submitted' AND submissions = $6 RETURNING id`,
          [a.rectificationId, a.outcome, a.opinion || null, a.actor.userId, a.at, a.submission],
        );
        if (!rows.length) return;
        if (a.outcome === 'dissolved' || a.outcome === 'merged') await standing(a.campaignId, a.branchId, `standing = $3, updated_at = $4`, [a.outcome, a.at]);
        await appendAudit(em, { ...who(a.actor), action: `wujin.rectification.${a.outcome}`, subjectType: 'wujin_rectification', subjectId: a.rectificationId, opinion: a.opinion, requestId: `${a.rectificationId}:decided:${a.submission}`, at: a.at });
      });
    },

    async fileWujinBrand(a: { brandId: string; campaignId: string; branchId: string; committeeId: string; version: number; data: BrandData; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await em.query(
          `INSERT INTO wujin_brands (id, campaign_id, branch_id, committee_id, version, name, description, evidence, status, filed_by, filed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'filed', $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
          [a.brandId, a.campaignId, a.branchId, a.committeeId, a.version, a.data.name, a.data.description, a.data.evidence, a.actor.userId, a.at],
        );
        if (rows.length) await appendAudit(em, { ...who(a.actor), action: 'wujin.brand.filed', subjectType: 'wujin_brand', subjectId: a.brandId, after: a.data, requestId: `${a.brandId}:filed`, at: a.at });
      });
    },

    async decideWujinBrand(a: { brandId: string; accepted: boolean; opinion: string; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await changedRows(
          em,
          `UPDATE wujin_brands SET status = $2, opinion = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND status = 'filed' RETURNING id`,
          [a.brandId, a.accepted ? 'accepted' : 'returned', a.opinion || null, a.actor.userId, a.at],
        );
        if (rows.length) await appendAudit(em, { ...who(a.actor), action: a.accepted ? 'wujin.brand.accepted' : 'wujin.brand.returned', subjectType: 'wujin_brand', subjectId: a.brandId, opinion: a.opinion, requestId: `${a.brandId}:decided`, at: a.at });
      });
    },

    /** A phase's end closes its open work: the campaign's tasks of those stages, and for the compliance phase the rubric scoring still open. */
    async closeWujinPhaseWork(a: { campaignId: string; stages: string[]; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        await em.query(`UPDATE tasks SET status = 'cancelled', completed_at = coalesce(completed_at, $3) WHERE campaign_id = $1 AND stage = ANY($2::text[]) AND status = 'open'`, [a.campaignId, a.stages, a.at]);
        if (a.stages.includes('self_assessment')) {
          await em.query(
            `UPDATE tasks SET status = 'cancelled', completed_at = coalesce(completed_at, $2) WHERE subject_type = 'rubric_assessment' AND status = 'open'
                AND subject_id IN (SELECT id FROM wujin_assessments WHERE campaign_id = $1)`,
            [a.campaignId, a.at],
          );
        }
      });
    },

    /**
     * A phase's target measured from the record when it ends, recorded met or
     * missed with each committee's figure: those below the target are behind,
     * those at it are listed for commendation. A retry answers what was recorded.
     */
    async evaluateWujinPhase(a: { campaignId: string; phase: WujinPhase; target: number; asOf: string }): Promise<{ measured: number; met: boolean }> {
      const [done] = await ds.query(`SELECT measured, status FROM plan_milestones WHERE plan_id = $1 AND phase_code = $2 AND status <> 'pending'`, [a.campaignId, a.phase]);
      if (done) return { measured: Number(done.measured), met: done.status === 'met' };
      const { measured, figures, committees } = await measurePhase(ds, a.campaignId, a.phase);
      const met = phaseMet(measured, a.target);
      const behind = committees.filter((c) => !phaseMet(c.measured, a.target));
      const commended = committees.filter((c) => phaseMet(c.measured, a.target));
      await ds.transaction(async (em) => {
        const rows: unknown[] = await changedRows(
          em,
          `UPDATE plan_milestones SET status = $3, evaluated_at = $4, measured = $5, figures = $6, behind = $7, commended = $8 WHERE plan_id = $1 AND phase_code = $2 AND status = 'pending' RETURNING plan_id`,
          [a.campaignId, a.phase, met ? 'met' : 'missed', a.asOf, measured, JSON.stringify(figures), JSON.stringify(behind), JSON.stringify(commended)],
        );
        if (!rows.length) return;
        await appendAudit(em, {
          ...SYSTEM_ACTOR,
          organisationId: null,
          action: `wujin.phase.${met ? 'met' : 'missed'}`,
          subjectType: 'campaign',
          subjectId: a.campaignId,
          after: { phase: a.phase, target: a.target, measured, figures, behind: behind.map((b) => b.name) },
          requestId: `${a.campaignId}:${a.phase}:evaluated`,
          at: a.asOf,
        });
      });
      return { measured, met };
    },
  };
}

/** What a phase's target counts, over the whole district and per committee. */
async function measurePhase(ds: DataSource, campaignId: string, phase: WujinPhase): Promise<{ measured: number; figures: Record<string, number>; committees: CommitteeFigure[] }> {
  if (phase === 'deploy') {
    const rows: Array<{ committee_id: string; name: string; plan: boolean; cases: boolean; shells: number; shells_decided: number; models: number }> = await ds.query(
      `SELECT c.id AS committee_id, c.name,
              EXISTS (SELECT 1 FROM wujin_implementation_plans p WHERE p.campaign_id = $1 AND p.committee_id = c.id AND p.status = 'accepted') AS plan,
              EXISTS (SELECT 1 FROM wujin_member_case_lists l WHERE l.campaign_id = $1 AND l.committee_id = c.id) AS cases,
              (SELECT count(*)::int FROM wujin_shell_reviews r WHERE r.campaign_id = $1 AND r.committee_id = c.id) AS shells,
              (SELECT count(*)::int FROM wujin_shell_reviews r WHERE r.campaign_id = $1 AND r.committee_id = c.id AND r.status <> 'open') AS shells_decided,
              (SELECT count(*)::int FROM wujin_model_branches m WHERE m.campaign_id = $1 AND m.committee_id = c.id AND m.status = 'commended') AS models
         FROM organisations c WHERE c.id IN (SELECT DISTINCT committee_id FROM wujin_branch_standing WHERE campaign_id = $1) ORDER BY c.path`,
      [campaignId],
    );
    const figures = {
      committees: rows.length,
      plansAccepted: rows.filter((r) => r.plan).length,
      shellCases: rows.reduce((s, r) => s + r.shells, 0),
      shellCasesDecided: rows.reduce((s, r) => s + r.shells_decided, 0),
      caseListsFiled: rows.filter((r) => r.cases).length,
      modelBranchesCommended: rows.reduce((s, r) => s + r.models, 0),
    };
    const committees = rows.map((r) => ({ committeeId: r.committee_id, name: r.name, measured: Number(r.plan) * Number(r.cases) * share(r.shells_decided, r.shells) }));
    return { measured: deployMeasured(figures), figures, committees };
  }
  const rows: Array<{ committee_id: string; name: string; active: number; done: number }> = await ds.query(
    phase === 'compliance'
      ? `SELECT s.committee_id, c.name, count(*) FILTER (WHERE s.standing NOT IN ('dissolved', 'merged'))::int AS active, count(*) FILTER (WHERE s.standing = 'compliant')::int AS done
           FROM wujin_branch_standing s JOIN organisations c ON c.id = s.committee_id WHERE s.campaign_id = $1 GROUP BY s.committee_id, c.name, c.path ORDER BY c.path`
      : `SELECT s.committee_id, c.name, count(*) FILTER (WHERE s.standing NOT IN ('dissolved', 'merged'))::int AS active,
                count(*) FILTER (WHERE s.standing NOT IN ('dissolved', 'merged') AND EXISTS (SELECT 1 FROM wujin_brands b WHERE b.campaign_id = $1 AND b.branch_id = s.branch_id AND b.status = 'accepted'))::int AS done
           FROM wujin_branch_standing s JOIN organisations c ON c.id = s.committee_id WHERE s.campaign_id = $1 GROUP BY s.committee_id, c.name, c.path ORDER BY c.path`,
    [campaignId],
  );
  const active = rows.reduce((s, r) => s + r.active, 0);
  const done = rows.reduce((s, r) => s + r.done, 0);
  return { measured: share(done, active), figures: { branches: active, [phase === 'compliance' ? 'compliant' : 'brands']: done }, committees: rows.map((r) => ({ committeeId: r.committee_id, name: r.name, measured: share(r.done, r.active) })) };
}

export type WujinComplianceActivities = ReturnType<typeof createWujinComplianceActivities>;
