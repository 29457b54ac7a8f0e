import type { Unit } from '../../libs/contracts/src';
import { workflowTime } from '../steps/workflow-time';
import { type Duration, type SelectionCandidate, isEligible, remainingPool, supplementRules } from '../../libs/domain/src/core';
// Types only: the form schemas themselves stay out of the sandbox (libs/domain/src/core.ts).
import type { StrikeData } from '../../libs/domain/src';
import { campaignActivities as activities, campaignTask, pickWithNotice } from '../steps/campaign-steps';

/**
 * The city committee's decision on the department's list (seed 001: "报市委
 * 研究审批"). It approves the list, or strikes branches off it, each with its
 * reason; the organisation department then fills the places from the
 * recommended candidates it did not propose, on a supplementary notice to
 * society, and the committee decides on the amended list. Returns the list
 * as approved; its opinion goes on the form of every branch on it.
 */
export async function cityCommitteeDecides(o: {
  campaignId: string;
  year: number;
  cityCommittee: Unit;
  orgDepartment: Unit;
  dueAt: string;
  publicNotice: Duration;
  proposed: string[];
  /** Every candidate before the city, for their names. */
  pool: SelectionCandidate[];
  /** The recommended candidates not on the list, the department's pool for a refill. */
  reserve: SelectionCandidate[];
  /** Reads the reserve's standing again before a refill (评选资格规则); absent in campaigns started before. */
  recheck?: (pool: SelectionCandidate[]) => Promise<SelectionCandidate[]>;
}): Promise<{ list: string[]; approvedBy: { userId: string; displayName: string; opinion: string } }> {
  let list = [...o.proposed];
  let reserve = o.reserve;
  const names = new Map(o.pool.map((c) => [c.id, c.name]));
  const subject = { type: 'campaign', id: o.campaignId };
  for (let round = 0; ; round++) {
    const items = list.map((id) => ({ id, name: names.get(id) ?? id }));
    const decision = await campaignTask(o.campaignId, 'city_review', {
      kind: 'city_committee_decision',
      title: `市委研究审批“泰山先锋”红旗党支部名单（${list.length}个）${round ? '（递补后）' : ''}`,
      assignee: { organisationId: o.cityCommittee.id, role: 'committee_member' },
      dueAt: o.dueAt,
      escalateTo: null,
      outcomes: ['approved', 'strike'],
      positive: 'strike',
      form: { kind: 'strike', items },
      subject,
    });
    const d = decision.decisions[0]!;
    if (d.decision !== 'strike') {
      await activities.recordOpinions({
        nominationIds: list,
        step: 'city_committee_opinion',
        opinion: d.opinion,
        actor: { userId: d.by, displayName: d.byName, role: 'committee_member', organisationId: o.cityCommittee.id },
        organisationName: o.cityCommittee.name,
        key: `${o.campaignId}:city_committee_opinion`,
        at: workflowTime(),
      });
      return { list, approvedBy: { userId: d.by, displayName: d.byName, opinion: d.opinion } };
    }
    const { struck } = d.data as StrikeData;
    for (const s of struck) {
      await activities.setCandidates({ campaignId: o.campaignId, ids: [s.itemId], status: 'struck', reason: `市委审批剔除：${s.reason}`, key: `${o.campaignId}:struck:${s.itemId}`, at: workflowTime() });
    }
    const gone = new Set(struck.map((s) => s.itemId));
    list = list.filter((id) => !gone.has(id));
    // The places struck are filled from the reserve while it still allows a differential pick.
    if (o.recheck) reserve = await o.recheck(reserve);
    const rules = supplementRules(gone.size, reserve.filter(isEligible).length);
    if (!rules) continue;
    const refill = await pickWithNotice({
      campaignId: o.campaignId,
      year: o.year,
      stage: 'city_review',
      kind: 'city_review',
      title: `市委组织部从推荐对象中递补“泰山先锋”红旗党支部（${rules.places}个）`,
      decider: { organisationId: o.orgDepartment.id, role: 'reviewer' },
      escalateTo: null,
      dueAt: o.dueAt,
      pool: reserve,
      rules,
      exact: true,
      chosenStatus: 'proposed',
      ...(o.recheck ? { recheck: o.recheck } : {}),
      notice: { organisationId: o.orgDepartment.id, title: `${o.year}年度“泰山先锋”红旗党支部拟命名对象公示（递补）`, duration: o.publicNotice, scope: 'society' },
      subject,
    });
    await recordDepartmentOpinion(o.campaignId, o.orgDepartment, refill, `${o.campaignId}:org_department_opinion:refill:${round}`);
    list.push(...refill.kept);
    reserve = remainingPool(reserve, new Set([...refill.kept, ...refill.removed.map((r) => r.itemId)]));
  }
}

/** The organisation department's review opinion, signed, on the form of every branch its pick kept. */
export async function recordDepartmentOpinion(
  campaignId: string,
  orgDepartment: Unit,
  pick: { kept: string[]; meetingOpinion: string; decidedBy: { userId: string; displayName: string } | null },
  key: string,
  fallback?: { userId: string; displayName: string },
): Promise<void> {
  const by = pick.decidedBy ?? fallback!;
  await activities.recordOpinions({
    nominationIds: pick.kept,
    step: 'org_department_opinion',
    opinion: pick.meetingOpinion,
    actor: { userId: by.userId, displayName: by.displayName, role: 'reviewer', organisationId: orgDepartment.id },
    organisationName: orgDepartment.name,
    key,
    at: workflowTime(),
  });
}
