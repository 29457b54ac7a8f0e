import { ParentClosePolicy, executeChild, patched, startChild } from '@temporalio/workflow';
import {
  type Assignee,
  allotQuota,
  grassrootsPlaces,
  isEligible,
  remainingPool,
} from '../../libs/domain/src/core';
import { workflowTime } from '../steps/workflow-time';
import { CampaignRun } from '../steps/campaign-run';
import { campaignActivities as activities, campaignTask, consultAgencies, pickWithNotice } from '../steps/campaign-steps';

import { candidatePool } from './candidate-pool';
import { cityCommitteeDecides, recordDepartmentOpinion } from './city-committee';
import { redFlagActivities } from './red-flag-activities';
import type { redFlagDynamicManagement } from './dynamic-management.workflow';
import type { cityManagedSelection, grassrootsRecommendation } from './red-flag-units.workflow';
import {
  cityManagedWorkflowId,
  type CultivationPlanData,
  dynamicManagementWorkflowId,
  grassrootsWorkflowId,
  type MentoringPlanData,
  type CultivationPlanRow,
  type MentoringPlanRow,
  type PlanSubject,
  plansAsked,
  type RedFlagCampaignInput,
  type RedFlagCampaignResult,
  type RedFlagStage,
  type UnitOutcome,
  withLedgerStanding,
} from '../../libs/processes/src/taian';
import { recheckStanding } from './standing';

/** Marks campaigns that go on to the year after naming (动态管理); older histories replay without it. */
const DYNAMIC_MANAGEMENT_PATCH = 'dynamic-management';

/** Marks campaigns whose city committee may strike a branch off the list (the department refills it); older histories replay without it. */
const CITY_STRIKE_PATCH = 'city-committee-strike';

/** Marks campaigns whose city level consults the city's agencies before its review (as every level does); older histories replay without it. */
const CITY_CONSULTATION_PATCH = 'city-level-consultation';
/** Marks campaigns whose picks read each candidate's ledger grade first (评选资格规则); older histories replay without it. */
export const PICK_ELIGIBILITY_PATCH = 'pick-eligibility';

/** Marks campaigns whose application window opens on its planned day (in the first quarter), not when the campaign starts. */
const APPLICATION_OPENS_PATCH = 'application-window-opens';

/**
 * Marks campaigns whose plans are the document's: every city-managed committee files its cultivation plan (a county's
 * at least 50 branches a year, or all it has), and each with named branches its mentoring table of real branches,
 * about five each; older histories replay with one row a year, three free-text mentees, and only committees with named branches.
 */
const DOCUMENT_PLANS_PATCH = 'document-plans';

const reviewerOf = (organisationId: string): Assignee => ({ organisationId, role: 'reviewer' });

/**
 * Tai'an's yearly "泰山先锋" red-flag selection (PROCESSES.md §1), composed of
 * the engine's primitives: branches apply by the application deadline; every
 * recommending committee runs its differential recommendation as a child; each
 * city-managed committee inspects, consults, selects at 1:2 under the 10% cap
 * and reports; the organisation department reviews and gives notice to
 * society; the city committee decides; the branches are named on the day; the
 * plans follow. Stages, deadlines, pause, extensions, cancellation and finishing
 * are the shared CampaignRun's.
 */
export async function redFlagCampaign(input: RedFlagCampaignInput): Promise<RedFlagCampaignResult> {
  const { params } = input;
  const campaign = new CampaignRun<RedFlagStage>(input);
  let named: string[] = [];

  const status = await campaign.run(async () => {
    const tree = await redFlagActivities.loadCampaignTree({ campaignId: input.campaignId });
    const allotments = allotQuota(
      params.quota,
      tree.cityManaged.map((c) => ({ id: c.id, governed: c.governed })),
      params.advancedCap,
      params.recommendationRatio,
    );

    // 1. Applications from the window's opening until the deadline; nominations arrive through their own review workflows.
    if (patched(APPLICATION_OPENS_PATCH)) await campaign.waitUntilOpens('application');
    await campaign.enter('application');
    await campaign.waitUntilDue('application');
    const applied = await redFlagActivities.collectApplications({ campaignId: input.campaignId, at: workflowTime() });
    await campaign.finish('application');

    // 2. Every recommending committee in parallel.
    await campaign.enter('grassroots_recommendation');
    const cmById = new Map(tree.cityManaged.map((c) => [c.id, c]));
    const grassroots = await Promise.all(
      tree.recommenders
        .filter((r) => applied[r.id]?.length)
        .map((r) => {
          const cm = cmById.get(r.cityManagedId)!;
          return executeChild<typeof grassrootsRecommendation>('grassrootsRecommendation', {
            workflowId: grassrootsWorkflowId(input.campaignId, r.id),
            args: [
              {
                campaignId: input.campaignId,
                year: params.year,
                unit: { id: r.id, name: r.name },
                above: r.id === cm.id ? input.orgDepartment : { id: cm.id, name: cm.name },
                candidates: applied[r.id]!,
                places: grassrootsPlaces(applied[r.id]!.length, r.governed, cm.governed, params.recommendationRatio * (allotments.get(cm.id) ?? 0)),
                // What it reports counts against every branch it governs: a city-managed committee's own branches, against its whole subtree.
                ...(params.capExceptions ? { cap: { share: params.advancedCap, governed: r.id === cm.id ? cm.governed : r.governed, mode: params.capExceptions } } : {}),
                dueAt: campaign.dueAt('grassroots_recommendation'),
                unitNotice: params.unitNotice,
                consultation: params.consultation,
                onTimeout: params.unansweredConsultation,
                ...(input.consultationRules ? { consultationRules: input.consultationRules } : {}),
              },
            ],
          });
        }),
    );
    await campaign.finish('grassroots_recommendation');

    // 3. Every city-managed committee in parallel, with what its subtree recommended.
    await campaign.enter('city_managed_selection');
    const recommended = new Set(grassroots.flatMap((g) => g.recommended));
    const byCityManaged = await redFlagActivities.candidatesByCityManaged({ campaignId: input.campaignId, ids: [...recommended] });
    const selections: UnitOutcome[] = await Promise.all(
      tree.cityManaged
        .filter((cm) => byCityManaged[cm.id]?.length)
        .map((cm) =>
          executeChild<typeof cityManagedSelection>('cityManagedSelection', {
            workflowId: cityManagedWorkflowId(input.campaignId, cm.id),
            args: [
              {
                campaignId: input.campaignId,
                year: params.year,
                unit: { id: cm.id, name: cm.name },
                orgDepartment: input.orgDepartment,
                governed: cm.governed,
                allotment: allotments.get(cm.id) ?? 0,
                ratio: params.recommendationRatio,
                cap: params.advancedCap,
                ...(params.capExceptions ? { capExceptions: params.capExceptions } : {}),
                candidates: byCityManaged[cm.id]!,
                dueAt: campaign.dueAt('city_managed_selection'),
                unitNotice: params.unitNotice,
                consultation: params.consultation,
                onTimeout: params.unansweredConsultation,
                ...(input.consultationRules ? { consultationRules: input.consultationRules } : {}),
              },
            ],
          }),
        ),
    );
    await campaign.finish('city_managed_selection');

    // 4. The organisation department reviews, proposes the initial list and puts it on notice to society.
    await campaign.enter('city_review');
    const toCity = selections.flatMap((s) => s.recommended);
    const cityPool = await redFlagActivities.candidatesByCityManaged({ campaignId: input.campaignId, ids: toCity });
    const candidates = Object.values(cityPool).flat();
    // The city's agencies are consulted before the department's meeting too, as at every level; older campaigns ran without.
    const consulted = patched(CITY_CONSULTATION_PATCH)
      ? await consultAgencies({
          campaignId: input.campaignId,
          year: params.year,
          title: `市级红旗党支部候选对象征求意见`,
          committee: input.orgDepartment,
          agenciesOf: input.cityCommittee,
          candidates,
          duration: params.consultation,
          onTimeout: params.unansweredConsultation,
          rules: input.consultationRules,
        })
      : { vetoed: new Map<string, string>(), notes: new Map<string, string[]>() };
    for (const [id, reason] of consulted.vetoed) {
      await activities.setCandidates({ campaignId: input.campaignId, ids: [id], status: 'vetoed', reason: `征求意见一票否决：${reason}`, key: `${input.orgDepartment.id}:veto:${id}`, at: workflowTime() });
    }
    const standing = patched(PICK_ELIGIBILITY_PATCH);
    const grades = standing ? await redFlagActivities.ledgerStanding({ nominationIds: candidates.map((c) => c.nominationId) }) : {};
    const pool = withLedgerStanding(candidatePool(candidates, consulted), grades);
    const places = Math.min(params.quota, Math.floor(pool.filter(isEligible).length / params.recommendationRatio));
    const department = reviewerOf(input.orgDepartment.id);
    let proposed: string[] = [];
    let removedAtReview: string[] = [];
    if (places > 0) {
      const review = await pickWithNotice({
        campaignId: input.campaignId,
        year: params.year,
        stage: 'city_review',
        kind: 'city_review',
        title: `市委组织部评审，提出“泰山先锋”红旗党支部初步名单（${places}个）`,
        decider: department,
        escalateTo: null,
        dueAt: campaign.dueAt('city_review'),
        pool,
        rules: { places, minRatio: params.recommendationRatio, cap: { share: params.advancedCap, governed: tree.branches, ...(params.capExceptions === 'with_reason' ? { exceptions: 'with_reason' as const } : {}) } },
        ...(standing ? { recheck: recheckStanding } : {}),
        exact: true,
        chosenStatus: 'proposed',
        notice: { organisationId: input.orgDepartment.id, title: `${params.year}年度“泰山先锋”红旗党支部拟命名对象公示`, duration: params.publicNotice, scope: 'society' },
        subject: { type: 'campaign', id: input.campaignId },
      });
      proposed = review.kept;
      removedAtReview = review.removed.map((r) => r.itemId);
      await recordDepartmentOpinion(input.campaignId, input.orgDepartment, review, `${input.campaignId}:org_department_opinion`, input.startedBy);
      await activities.setCandidates({ campaignId: input.campaignId, ids: toCity.filter((id) => !proposed.includes(id) && !review.removed.some((r) => r.itemId === id)), status: 'not_proposed', reason: '市委组织部评审未列入初步名单', key: `${input.campaignId}:not-proposed`, at: workflowTime() });
    }

    // The city committee decides on the list the department reports; it may strike a branch, and the department refills the place.
    let approvedBy: { userId: string; displayName: string; opinion: string };
    if (patched(CITY_STRIKE_PATCH)) {
      ({ list: proposed, approvedBy } = await cityCommitteeDecides({
        campaignId: input.campaignId,
        year: params.year,
        cityCommittee: input.cityCommittee,
        orgDepartment: input.orgDepartment,
        dueAt: campaign.dueAt('city_review'),
        publicNotice: params.publicNotice,
        proposed,
        pool,
        reserve: remainingPool(pool, new Set([...proposed, ...removedAtReview])),
        ...(standing ? { recheck: recheckStanding } : {}),
      }));
    } else {
      const decision = await campaignTask(input.campaignId, 'city_review', {
        kind: 'city_committee_decision',
        title: `市委研究审批“泰山先锋”红旗党支部名单（${proposed.length}个）`,
        assignee: { organisationId: input.cityCommittee.id, role: 'committee_member' },
        dueAt: campaign.dueAt('city_review'),
        escalateTo: null,
        outcomes: ['approved'],
        subject: { type: 'campaign', id: input.campaignId },
      });
      const approval = decision.decisions[0]!;
      approvedBy = { userId: approval.by, displayName: approval.byName, opinion: approval.opinion };
      await activities.recordOpinions({
        nominationIds: proposed,
        step: 'city_committee_opinion',
        opinion: approval.opinion,
        actor: { userId: approval.by, displayName: approval.byName, role: 'committee_member', organisationId: input.cityCommittee.id },
        organisationName: input.cityCommittee.name,
        key: `${input.campaignId}:city_committee_opinion`,
        at: workflowTime(),
      });
    }
    await campaign.finish('city_review');

    // 5. Naming on the day.
    await campaign.waitUntilOpens('naming');
    await campaign.enter('naming');
    // The ledger moves with the naming, by the city committee that decided it, at the workflow's time.
    await redFlagActivities.nameBranches({
      campaignId: input.campaignId,
      ids: proposed,
      year: params.year,
      decidedBy: { organisationId: input.cityCommittee.id, userId: approvedBy.userId, displayName: approvedBy.displayName, role: 'committee_member', opinion: approvedBy.opinion },
      at: workflowTime(),
    });
    named = proposed;
    await campaign.finish('naming');

    // 6. Each city-managed committee with named branches files its cultivation plan and its mentoring table.
    await campaign.enter('cultivation_plan');
    await campaign.enter('mentoring_plan');
    // The named branches by committee, as the year after naming needs them too.
    let namedList: Array<{ nominationId: string; name: string }>;
    if (patched(DOCUMENT_PLANS_PATCH)) {
      const subjects = await redFlagActivities.planSubjects({ campaignId: input.campaignId, named });
      namedList = subjects.flatMap((cm) => cm.mentors.map((m) => ({ nominationId: m.id, name: m.name })));
      await Promise.all(subjects.map((cm) => filePlans(input, campaign, cm)));
    } else {
      const namedBy = await redFlagActivities.candidatesByCityManaged({ campaignId: input.campaignId, ids: named });
      namedList = Object.values(namedBy).flat().map((c) => ({ nominationId: c.nominationId, name: c.name }));
      await Promise.all(
        Object.entries(namedBy).map(async ([cmId, branches]) => {
          const cm = cmById.get(cmId)!;
          const escalateTo = department;
          const [cultivation, mentoring] = await Promise.all([
            campaignTask(input.campaignId, 'cultivation_plan', {
              kind: 'cultivation_plan',
              title: `报送红旗党支部三年培树计划推进表（附件2，${cm.name}）`,
              assignee: reviewerOf(cmId),
              dueAt: campaign.dueAt('cultivation_plan'),
              escalateTo,
              closesAtDue: true,
              form: { kind: 'cultivation_plan', years: [params.year, params.year + 1, params.year + 2], minRowsPerYear: 1 },
              subject: { type: 'committee', id: cmId },
            }),
            campaignTask(input.campaignId, 'mentoring_plan', {
              kind: 'mentoring_plan',
              title: `报送帮带工作配档表（附件4，${cm.name}）`,
              assignee: reviewerOf(cmId),
              dueAt: campaign.dueAt('mentoring_plan'),
              escalateTo,
              closesAtDue: true,
              form: {
                kind: 'mentoring_plan',
                mentors: branches.map((b) => ({ id: b.nominationId, name: b.name })),
                minMenteesPerMentor: Math.min(params.menteesPerRedFlag, 3),
                lastDeadline: `${params.year + 2}-12-31`,
              },
              subject: { type: 'committee', id: cmId },
            }),
          ]);
          await redFlagActivities.storePlan({ campaignId: input.campaignId, organisationId: cmId, kind: 'cultivation', rows: (cultivation.decisions[0]!.data as CultivationPlanData).rows, by: cultivation.decisions[0]!.by, at: workflowTime() });
          await redFlagActivities.storePlan({ campaignId: input.campaignId, organisationId: cmId, kind: 'mentoring', rows: (mentoring.decisions[0]!.data as MentoringPlanData).rows, by: mentoring.decisions[0]!.by, at: workflowTime() });
        }),
      );
    }
    await campaign.finish('cultivation_plan');
    await campaign.finish('mentoring_plan');

    // 7. The year after naming runs on its own: observation meetings each half-year, spot checks, titles withdrawn.
    if (named.length && patched(DYNAMIC_MANAGEMENT_PATCH)) {
      await startChild<typeof redFlagDynamicManagement>('redFlagDynamicManagement', {
        workflowId: dynamicManagementWorkflowId(input.campaignId),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            campaignId: input.campaignId,
            year: params.year,
            named: namedList,
            cityManaged: tree.cityManaged.map((c) => ({ id: c.id, name: c.name })),
            orgDepartment: input.orgDepartment,
          },
        ],
      });
    }
  });
  return { campaignId: input.campaignId, status, named };
}

/** A city-managed committee files the plans it is asked for (plansAsked: the cultivation plan always, the mentoring table with named branches). */
async function filePlans(input: RedFlagCampaignInput, campaign: CampaignRun<RedFlagStage>, cm: PlanSubject): Promise<void> {
  const names = new Map(cm.branches.map((b) => [b.id, b.name]));
  const asked = plansAsked(input.params, cm);
  const cultivation = campaignTask(input.campaignId, 'cultivation_plan', {
    kind: 'cultivation_plan',
    title: `报送红旗党支部三年培树计划推进表（附件2，${cm.name}）`,
    assignee: reviewerOf(cm.id),
    dueAt: campaign.dueAt('cultivation_plan'),
    escalateTo: reviewerOf(input.orgDepartment.id),
    closesAtDue: true,
    form: asked.cultivation,
    subject: { type: 'committee', id: cm.id },
  }).then(async (done) => {
    const rows = (done.decisions[0]!.data as { rows: CultivationPlanRow[] }).rows.map((r) => ({ ...r, branchName: names.get(r.branchId) ?? r.branchId }));
    await redFlagActivities.storePlan({ campaignId: input.campaignId, organisationId: cm.id, kind: 'cultivation', rows, by: done.decisions[0]!.by, at: workflowTime() });
  });
  if (!asked.mentoring) return cultivation;
  const mentoring = campaignTask(input.campaignId, 'mentoring_plan', {
    kind: 'mentoring_plan',
    title: `报送帮带工作配档表（附件4，${cm.name}）`,
    assignee: reviewerOf(cm.id),
    dueAt: campaign.dueAt('mentoring_plan'),
    escalateTo: reviewerOf(input.orgDepartment.id),
    closesAtDue: true,
    form: asked.mentoring,
    subject: { type: 'committee', id: cm.id },
  }).then(async (done) => {
    const rows = (done.decisions[0]!.data as { rows: MentoringPlanRow[] }).rows.map((r) => ({ ...r, mentee: names.get(r.menteeId) ?? r.menteeId }));
    await redFlagActivities.storePlan({ campaignId: input.campaignId, organisationId: cm.id, kind: 'mentoring', rows, by: done.decisions[0]!.by, at: workflowTime() });
  });
  await Promise.all([cultivation, mentoring]);
}
