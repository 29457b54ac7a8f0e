import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/contracts/src';
import type { BranchDomain } from '../../libs/domain/src';
import { appendAudit, changedRows } from '../../libs/persistence/src';
import type { ImplementationPlanData, MemberCasesData, WujinTree } from '../../libs/processes/src/wujin';

export const who = (a: Actor) => ({ actorId: a.userId, actorName: a.displayName, actorRole: a.role, organisationId: a.organisationId });

/**
 * Wujin's first phase (安排部署、全面清查): the district it runs over, each
 * committee's implementation plan and case list, the empty shells' reviews
 * and the model branches. Ids come from the workflow, so a retried write
 * finds its row; each decision is audited once.
 */
export function createWujinDeployActivities(ds: DataSource) {
  return {
    /** The unit committees under the district committee, each with its branches still standing (not dissolved by an earlier plan). */
    async loadWujinTree({ districtId }: { districtId: string }): Promise<WujinTree> {
      const rows: Array<{ committee_id: string; committee_name: string; id: string | null; name: string | null; domain: BranchDomain | null; member_count: number | null; term_ends_on: string | null }> =
        await ds.query(
          `SELECT c.id AS committee_id, c.name AS committee_name, b.id, b.name, b.domain, b.member_count, to_char(b.term_ends_on, 'YYYY-MM-DD') AS term_ends_on
             FROM organisations d
             JOIN organisations c ON c.level = 'grassroots_committee' AND c.path LIKE d.path || '%'
             LEFT JOIN organisations b ON b.level = 'branch' AND b.path LIKE c.path || '%'
                  AND NOT EXISTS (SELECT 1 FROM wujin_branch_standing s WHERE s.branch_id = b.id AND s.standing IN ('dissolved', 'merged'))
            WHERE d.id = $1 ORDER BY c.path, b.path`,
          [districtId],
        );
      const committees = new Map<string, WujinTree['committees'][number]>();
      for (const r of rows) {
        const c = committees.get(r.committee_id) ?? { id: r.committee_id, name: r.committee_name, branches: [] };
        if (r.id) c.branches.push({ id: r.id, name: r.name!, domain: r.domain, memberCount: r.member_count, termEndsOn: r.term_ends_on });
        committees.set(r.committee_id, c);
      }
      return { committees: [...committees.values()] };
    },

    /** The plan's rows: each phase pending, each branch pending. */
    async openWujinPlan(a: { campaignId: string; phases: Array<{ phase: string; name: string; endsOn: string; target: number }>; tree: WujinTree; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        for (const p of a.phases) {
          await em.query(`INSERT INTO plan_milestones (plan_id, phase_code, name, ends_on, target, status) VALUES ($1, $2, $3, $4, $5, 'pending') ON CONFLICT DO NOTHING`, [
            a.campaignId,
            p.phase,
            p.name,
            p.endsOn,
            JSON.stringify({ metric: `wujin_${p.phase}`, atLeast: p.target }),
          ]);
        }
        const rows = a.tree.committees.flatMap((c) => c.branches.map((b) => [b.id, c.id]));
        if (rows.length) {
          await em.query(
            `INSERT INTO wujin_branch_standing (campaign_id, branch_id, committee_id, standing, updated_at)
             SELECT $1, b, c, 'pending', $4 FROM unnest($2::uuid[], $3::uuid[]) AS t(b, c) ON CONFLICT DO NOTHING`,
            [a.campaignId, rows.map((r) => r[0]), rows.map((r) => r[1]), a.at],
          );
        }
      });
    },

    /** A committee files a version of its implementation plan. */
    async fileImplementationPlan(a: { planId: string; campaignId: string; committeeId: string; version: number; data: ImplementationPlanData; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await em.query(
          `INSERT INTO wujin_implementation_plans (id, campaign_id, committee_id, version, summary, duties, status, filed_by, filed_at)
           VALUES ($1, $2, $3, $4, $5, $6, 'filed', $7, $8) ON CONFLICT (id) DO NOTHING RETURNING id`,
          [a.planId, a.campaignId, a.committeeId, a.version, a.data.summary, JSON.stringify(a.data.duties), a.actor.userId, a.at],
        );
        if (!rows.length) return;
        await appendAudit(em, { ...who(a.actor), action: 'wujin.plan.filed', subjectType: 'wujin_implementation_plan', subjectId: a.planId, after: { version: a.version, duties: a.data.duties.length }, requestId: `${a.planId}:filed`, at: a.at });
      });
    },

    /** The organisation department accepts a plan or returns it with an opinion. */
    async decideImplementationPlan(a: { planId: string; accepted: boolean; opinion: string; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await changedRows(
          em,
          `UPDATE wujin_implementation_plans SET status = $2, opinion = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND status = 'filed' RETURNING id`,
          [a.planId, a.accepted ? 'accepted' : 'returned', a.opinion || null, a.actor.userId, a.at],
        );
        if (!rows.length) return;
        await appendAudit(em, { ...who(a.actor), action: a.accepted ? 'wujin.plan.accepted' : 'wujin.plan.returned', subjectType: 'wujin_implementation_plan', subjectId: a.planId, opinion: a.opinion, requestId: `${a.planId}:decided`, at: a.at });
      });
    },

    /** A committee's list of lost-contact and law-breaking members, each closed with its outcome. */
    async fileMemberCases(a: { campaignId: string; committeeId: string; data: MemberCasesData; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await em.query(
          `INSERT INTO wujin_member_case_lists (campaign_id, committee_id, cases, filed_by, filed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING committee_id`,
          [a.campaignId, a.committeeId, JSON.stringify(a.data.cases), a.actor.userId, a.at],
        );
        if (!rows.length) return;
        await appendAudit(em, { ...who(a.actor), action: 'wujin.member_cases.filed', subjectType: 'wujin_member_cases', subjectId: a.committeeId, after: { cases: a.data.cases.length }, requestId: `${a.campaignId}:${a.committeeId}:cases`, at: a.at });
      });
    },

    async openShellReview(a: { reviewId: string; campaignId: string; branchId: string; committeeId: string; at: string }): Promise<void> {
      await ds.query(`INSERT INTO wujin_shell_reviews (id, campaign_id, branch_id, committee_id, status, created_at) VALUES ($1, $2, $3, $4, 'open', $5) ON CONFLICT DO NOTHING`, [
        a.reviewId,
        a.campaignId,
        a.branchId,
        a.committeeId,
        a.at,
      ]);
    },

    /** The committee's decision on an empty shell: a dissolved branch leaves the plan. */
    async decideShellReview(a: { reviewId: string; campaignId: string; branchId: string; dissolve: boolean; opinion: string; actor: Actor; at: string }): Promise<void> {
      await ds.transaction(async (em) => {
        const rows: unknown[] = await changedRows(
          em,
          `UPDATE wujin_shell_reviews SET status = $2, opinion = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND status = 'open' RETURNING id`,
          [a.reviewId, a.dissolve ? 'dissolved' : 'retained', a.opinion, a.actor.userId, a.at],
        );
        if (!rows.length) return;
        if (a.dissolve) {
          await em.query(`UPDATE wujin_branch_standing SET standing = 'dissolved', updated_at = $3 WHERE campaign_id = $1 AND branch_id = $2`, [a.campaignId, a.branchId, a.at]);
        }
        await appendAudit(em, { ...who(a.actor), action: a.dissolve ? 'wujin.shell.dissolved' : 'wujin.shell.retained', subjectType: 'wujin_shell_review', subjectId: a.reviewId, opinion: a.opinion, requestId: `${a.reviewId}:decided`, at: a.at });
      });
    },

    /** Model branches move through recommended → chosen and on notice → commended, or not chosen / removed by an upheld objection. */
    async setModelBranches(a: { campaignId: string; committeeId?: string; branchIds: string[]; status: 'recommended' | 'not_chosen' | 'on_notice' | 'commended' | 'removed'; reason: string | null; at: string }): Promise<void> {
      if (!a.branchIds.length) return;
      if (a.status === 'recommended') {
        await ds.query(
          `INSERT INTO wujin_model_branches (campaign_id, branch_id, committee_id, status, reason, updated_at)
           SELECT $1, b, $3, 'recommended', $4, $5 FROM unnest($2::uuid[]) AS b ON CONFLICT DO NOTHING`,
          [a.campaignId, a.branchIds, a.committeeId, a.reason, a.at],
        );
        return;
      }
      await ds.query(`UPDATE wujin_model_branches SET status = $3, reason = coalesce($4, reason), updated_at = $5 WHERE campaign_id = $1 AND branch_id = ANY($2::uuid[])`, [
        a.campaignId,
        a.branchIds,
        a.status,
        a.reason,
        a.at,
      ]);
    },
  };
}

export type WujinDeployActivities = ReturnType<typeof createWujinDeployActivities>;
