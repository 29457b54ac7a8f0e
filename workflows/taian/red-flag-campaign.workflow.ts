import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  executeChild,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type CampaignControlRequest,
  type CampaignView,
  campaignQuery,
  controlCampaignUpdate,
} from '../../libs/contracts/src';
import {
  type Assignee,
  allotQuota,
  chinaStartOfDay,
  grassrootsPlaces,
} from '../../libs/domain/src';
import { campaignActivities as activities, campaignTask, pickWithNotice } from '../steps/campaign-steps';
import type { cityManagedSelection, grassrootsRecommendation } from './red-flag-units.workflow';
import {
  cityManagedWorkflowId,
  type CultivationPlanData,
  grassrootsWorkflowId,
  type MentoringPlanData,
  RED_FLAG_STAGES,
  type RedFlagCampaignInput,
  type RedFlagCampaignResult,
  type RedFlagStage,
  type UnitOutcome,
} from '../../libs/processes/src/taian';

const reviewerOf = (organisationId: string): Assignee => ({ organisationId, role: 'reviewer' });

/**
 * Tai'an's yearly "泰山先锋" red-flag selection (PROCESSES.md §1), composed of
 * the engine's primitives: branches apply by the application deadline; every
 * recommending committee runs its differential recommendation as a child; each
 * city-managed committee inspects, consults, selects at 1:2 under the 10% cap
 * and reports; the organisation department reviews and gives notice to
 * society; the city committee decides; the branches are named on the day; the
 * plans follow. The organisation department may pause, extend or cancel, always
 * with a reason.
 */
export async function redFlagCampaign(input: RedFlagCampaignInput): Promise<RedFlagCampaignResult> {
  const { params } = input;
  const dues: Record<string, string> = Object.fromEntries(input.plan.map((s) => [s.stage, s.dueAt]));
  const view: CampaignView = { campaignId: input.campaignId, status: 'running', stage: null, dues };
  const scope = new CancellationScope();
  let named: string[] = [];
  let controls = 0;

  setHandler(campaignQuery, () => view);
  setHandler(
    controlCampaignUpdate,
    async (req: CampaignControlRequest) => {
      await activities.recordCampaignControl({ campaignId: input.campaignId, request: req, key: `${input.campaignId}:control:${++controls}` });
      if (req.action === 'pause') view.status = 'paused';
      if (req.action === 'resume') view.status = 'running';
      if (req.action === 'extend' && (!dues[req.stage!] || req.dueAt! > dues[req.stage!]!)) dues[req.stage!] = req.dueAt!;
      if (req.action === 'cancel') {
        view.status = 'cancelled';
        scope.cancel();
      }
      return view;
    },
    {
      validator: (req) => {
        const refuse = (message: string, type = 'INVALID_ACTION'): never => {
          throw ApplicationFailure.nonRetryable(message, type);
        };
        if (view.status === 'cancelled' || view.status === 'completed') refuse('评选活动已结束，无法再操作', 'TASK_NOT_OPEN');
        if (!req.reason.trim()) refuse('暂停、恢复、延期或撤销评选活动都须说明理由');
        if (req.action === 'pause' && view.status === 'paused') refuse('评选活动已处于暂停状态');
        if (req.action === 'resume' && view.status !== 'paused') refuse('评选活动未暂停，无需恢复');
        if (req.action === 'extend') {
          const stages: readonly string[] = RED_FLAG_STAGES;
          if (!req.stage || !stages.includes(req.stage)) refuse('须指明延期的阶段');
          if (!req.dueAt || Number.isNaN(Date.parse(req.dueAt)) || Date.parse(req.dueAt) <= Date.now()) refuse('新的截止时间须晚于当前时间');
          if (stages.indexOf(req.stage!) < stages.indexOf(view.stage ?? 'application')) refuse('该阶段已结束，不能延期');
        }
      },
    },
  );

  /** Waits for a stage's deadline (moved by extensions) and for the campaign not to be paused. */
  const waitUntilDue = async (stage: RedFlagStage) => {
    for (;;) {
      const due = dues[stage]!;
      const moved = await condition(() => dues[stage] !== due, Math.max(Date.parse(due) - Date.now(), 0));
      if (!moved) break;
    }
    await condition(() => view.status !== 'paused');
  };
  const enter = async (stage: RedFlagStage) => {
    await condition(() => view.status !== 'paused');
    view.stage = stage;
    await activities.setStage({ campaignId: input.campaignId, stage, status: 'open', at: new Date(Date.now()).toISOString() });
  };
  const finish = async (stage: RedFlagStage) => {
    const late = Date.now() > Date.parse(dues[stage]!);
    await activities.setStage({ campaignId: input.campaignId, stage, status: late ? 'overdue' : 'completed', at: new Date(Date.now()).toISOString() });
  };

  await activities.campaignStarted({ campaignId: input.campaignId, workflowId: workflowInfo().workflowId, plan: input.plan });
  try {
    await scope.run(async () => {
      const tree = await activities.loadCampaignTree({ campaignId: input.campaignId });
      const allotments = allotQuota(
        params.quota,
        tree.cityManaged.map((c) => ({ id: c.id, governed: c.governed })),
        params.advancedCap,
        params.recommendationRatio,
      );

      // 1. Applications until the deadline; nominations arrive through their own review workflows.
      await enter('application');
      await waitUntilDue('application');
      const applied = await activities.collectApplications({ campaignId: input.campaignId });
      await finish('application');

      // 2. Every recommending committee in parallel.
      await enter('grassroots_recommendation');
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
                  dueAt: dues.grassroots_recommendation!,
                  unitNotice: params.unitNotice,
                  consultation: params.consultation,
                },
              ],
            });
          }),
      );
      await finish('grassroots_recommendation');

      // 3. Every city-managed committee in parallel, with what its subtree recommended.
      await enter('city_managed_selection');
      const recommended = new Set(grassroots.flatMap((g) => g.recommended));
      const byCityManaged = await activities.candidatesByCityManaged({ campaignId: input.campaignId, ids: [...recommended] });
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
                  candidates: byCityManaged[cm.id]!,
                  dueAt: dues.city_managed_selection!,
                  unitNotice: params.unitNotice,
                  consultation: params.consultation,
                },
              ],
            }),
          ),
      );
      await finish('city_managed_selection');

      // 4. The organisation department reviews, proposes the initial list and puts it on notice to society.
      await enter('city_review');
      const toCity = selections.flatMap((s) => s.recommended);
      const cityPool = await activities.candidatesByCityManaged({ campaignId: input.campaignId, ids: toCity });
      const pool = Object.values(cityPool)
        .flat()
        .map((c) => ({ id: c.nominationId, name: c.name, score: 0, priority: c.priority }));
      const places = Math.min(params.quota, Math.floor(pool.length / params.recommendationRatio));
      const department = reviewerOf(input.orgDepartment.id);
      let proposed: string[] = [];
      if (places > 0) {
        const review = await pickWithNotice({
          campaignId: input.campaignId,
          year: params.year,
          stage: 'city_review',
          kind: 'city_review',
          title: `市委组织部评审，提出“泰山先锋”红旗党支部初步名单（${places}个）`,
          decider: department,
          escalateTo: null,
          dueAt: dues.city_review!,
          pool,
          rules: { places, minRatio: params.recommendationRatio, cap: { share: params.advancedCap, governed: tree.branches } },
          exact: true,
          chosenStatus: 'proposed',
          notice: { organisationId: input.orgDepartment.id, title: `${params.year}年度“泰山先锋”红旗党支部拟命名对象公示`, duration: params.publicNotice, scope: 'society' },
          subject: { type: 'campaign', id: input.campaignId },
        });
        proposed = review.kept;
        const by = review.decidedBy ?? input.startedBy;
        await activities.recordOpinions({
          nominationIds: proposed,
          step: 'org_department_opinion',
          opinion: review.meetingOpinion,
          actor: { userId: by.userId, displayName: by.displayName, role: 'reviewer', organisationId: input.orgDepartment.id },
          organisationName: input.orgDepartment.name,
          key: `${input.campaignId}:org_department_opinion`,
        });
        await activities.setCandidates({ campaignId: input.campaignId, ids: toCity.filter((id) => !proposed.includes(id) && !review.removed.some((r) => r.itemId === id)), status: 'not_proposed', reason: '市委组织部评审未列入初步名单', key: `${input.campaignId}:not-proposed` });
      }

      // The city committee decides on the list the department reports.
      const decision = await campaignTask(input.campaignId, 'city_review', {
        kind: 'city_committee_decision',
        title: `市委研究审批“泰山先锋”红旗党支部名单（${proposed.length}个）`,
        assignee: { organisationId: input.cityCommittee.id, role: 'committee_member' },
        dueAt: dues.city_review!,
        escalateTo: null,
        outcomes: ['approved'],
        subject: { type: 'campaign', id: input.campaignId },
      });
      const approval = decision.decisions[0]!;
      await activities.recordOpinions({
        nominationIds: proposed,
        step: 'city_committee_opinion',
        opinion: approval.opinion,
        actor: { userId: approval.by, displayName: approval.byName, role: 'committee_member', organisationId: input.cityCommittee.id },
        organisationName: input.cityCommittee.name,
        key: `${input.campaignId}:city_committee_opinion`,
      });
      await finish('city_review');

      // 5. Naming on the day.
      await condition(() => false, Math.max(Date.parse(chinaStartOfDay(input.plan.find((s) => s.stage === 'naming')!.opensOn)) - Date.now(), 0));
      await enter('naming');
      await activities.nameBranches({ campaignId: input.campaignId, ids: proposed, year: params.year });
      named = proposed;
      await finish('naming');

      // 6. Each city-managed committee with named branches files its cultivation plan and its mentoring table.
      await enter('cultivation_plan');
      await enter('mentoring_plan');
      const namedBy = await activities.candidatesByCityManaged({ campaignId: input.campaignId, ids: named });
      await Promise.all(
        Object.entries(namedBy).map(async ([cmId, branches]) => {
          const cm = cmById.get(cmId)!;
          const escalateTo = department;
          const [cultivation, mentoring] = await Promise.all([
            campaignTask(input.campaignId, 'cultivation_plan', {
              kind: 'cultivation_plan',
              title: `报送红旗党支部三年培树计划推进表（附件2，${cm.name}）`,
              assignee: reviewerOf(cmId),
              dueAt: dues.cultivation_plan!,
              escalateTo,
              closesAtDue: true,
              form: { kind: 'cultivation_plan', years: [params.year, params.year + 1, params.year + 2], minRowsPerYear: 1 },
              subject: { type: 'committee', id: cmId },
            }),
            campaignTask(input.campaignId, 'mentoring_plan', {
              kind: 'mentoring_plan',
              title: `报送帮带工作配档表（附件4，${cm.name}）`,
              assignee: reviewerOf(cmId),
              dueAt: dues.mentoring_plan!,
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
          await activities.storePlan({ campaignId: input.campaignId, organisationId: cmId, kind: 'cultivation', rows: (cultivation.decisions[0]!.data as CultivationPlanData).rows, by: cultivation.decisions[0]!.by });
          await activities.storePlan({ campaignId: input.campaignId, organisationId: cmId, kind: 'mentoring', rows: (mentoring.decisions[0]!.data as MentoringPlanData).rows, by: mentoring.decisions[0]!.by });
        }),
      );
      await finish('cultivation_plan');
      await finish('mentoring_plan');
    });
  } catch (err) {
    if (!isCancellation(err)) throw err;
  }

  const status = view.status === 'cancelled' ? 'cancelled' : 'completed';
  view.status = status;
  await CancellationScope.nonCancellable(() => activities.finishCampaign({ campaignId: input.campaignId, status }));
  await condition(allHandlersFinished);
  return { campaignId: input.campaignId, status, named };
}
