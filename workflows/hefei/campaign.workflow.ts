import { executeChild, uuid4 } from '@temporalio/workflow';
import { workflowTime } from '../steps/workflow-time';
import { type ObligationScheduleInput, type ObligationSpec, obligationScheduleWorkflowId } from '../../libs/contracts/src';
import { chinaEndOfDay } from '../../libs/domain/src/core';
import {
  HEFEI_GRADES,
  HEFEI_SECRETARY_TRAINING,
  HEFEI_SELF_INSPECTION,
  HEFEI_STAGES,
  type HefeiCampaignInput,
  type HefeiCampaignResult,
  type HefeiCommittee,
  type HefeiGrade,
  type SpecialInspectionData,
  defaultGradingStandard,
  hefeiCommitteeWorkflowId,
  hefeiRectificationWorkflowId,
  hefeiScheduleId,
  isPrivateOrSocial,
  specialInspectionStage,
} from '../../libs/processes/src/hefei';
import type { obligationSchedule } from '../obligation-schedule.workflow';
import { CampaignRun } from '../steps/campaign-run';
import type { hefeiCommitteeYear } from './committee-year.workflow';
import type { hefeiRectification } from './rectification.workflow';
import { decider, decision, hefei, hefeiTask, rectificationDue } from './steps';

/**
 * Hefei's year (PROCESSES.md §2, seed 003), run by the bureau's political
 * department over every grassroots committee: each committee's year as a
 * child (standard, grading round, report, second chances); every grassroots
 * organisation's quarterly self-inspection and the private and social
 * branches' secretary training as the engine's obligations; the bureau
 * committee's half-yearly special inspections, each problem a rectification;
 * member-less branches reviewed for cleanup. Stages open and close on the
 * plan's dates; the department may pause, extend or cancel, always with a reason.
 */
export async function hefeiCampaign(input: HefeiCampaignInput): Promise<HefeiCampaignResult> {
  const { campaignId, params } = input;
  const run = new CampaignRun(input);
  const graded = Object.fromEntries(HEFEI_GRADES.map((g) => [g, 0])) as Record<HefeiGrade, number>;
  const planned = (s: (typeof HEFEI_STAGES)[number]) => input.plan.find((p) => p.stage === s)!;

  const status = await run.run(async () => {
    const tree = await hefei.loadHefeiTree({ bureauCommitteeId: input.bureauCommittee.id });
    await Promise.all([
      // Every stage opens and closes on its dates, moved by extensions, held by a pause.
      ...HEFEI_STAGES.map(async (stage) => {
        await run.waitUntilOpens(stage);
        await run.enter(stage);
        await run.waitUntilDue(stage);
        await run.finish(stage);
      }),
      ...tree.committees.map(async (committee) => {
        const result = await executeChild<typeof hefeiCommitteeYear>('hefeiCommitteeYear', {
          workflowId: hefeiCommitteeWorkflowId(campaignId, committee.id),
          args: [
            {
              campaignId,
              year: params.year,
              committee,
              politicalDepartment: input.politicalDepartment,
              draft: defaultGradingStandard(params.gradeThresholds),
              aGradeCap: params.aGradeCap,
              rectification: params.rectification,
              plan: input.plan,
            },
          ],
        });
        for (const g of HEFEI_GRADES) graded[g] += result.graded[g];
      }),
      ...tree.committees.flatMap((committee) => [committee, ...committee.branches].map((org) => obligations(committee, org.id, 'branches' in org))),
      inspections(tree.committees, 1),
      inspections(tree.committees, 2),
      ...tree.committees.flatMap((c) => c.branches.filter((b) => b.memberCount === 0).map((b) => cleanup(c, b))),
    ]);
  });
  return { campaignId, status, graded };

  /** A grassroots organisation's year of recurring duties: a self-inspection each quarter; a private or social branch's secretary trained once. */
  async function obligations(committee: HefeiCommittee, organisationId: string, isCommittee: boolean): Promise<void> {
    const branch = committee.branches.find((b) => b.id === organisationId);
    const [month, day] = params.deadlines.secretaryTraining.split('-').map(Number) as [number, number];
    const specs: ObligationSpec[] = [
      { code: HEFEI_SELF_INSPECTION, title: '党组织季度自查（对照“五个基本”）', cadence: { kind: 'quarterly' } },
      ...(branch && isPrivateOrSocial(branch.domain) ? [{ code: HEFEI_SECRETARY_TRAINING, title: '党支部书记参加集中培训', cadence: { kind: 'by_date' as const, month, day } }] : []),
    ];
    const scheduleId = hefeiScheduleId(campaignId, organisationId);
    await executeChild<typeof obligationSchedule>('obligationSchedule', {
      workflowId: obligationScheduleWorkflowId(scheduleId),
      args: [
        {
          scheduleId,
          organisationId,
          year: params.year,
          obligations: specs,
          assignee: { organisationId, role: 'submitter' },
          escalateTo: isCommittee ? { organisationId: input.politicalDepartment.id, role: 'reviewer' } : { organisationId: committee.id, role: 'reviewer' },
        } satisfies ObligationScheduleInput,
      ],
    });
  }

  /** The bureau committee's special inspection of every committee in a half-year, and a rectification for each problem found. */
  async function inspections(committees: HefeiCommittee[], half: 1 | 2): Promise<void> {
    const stage = specialInspectionStage(half);
    await run.waitUntilOpens(stage);
    await Promise.all(
      committees.map(async (committee) => {
        const inspectionId = uuid4();
        const task = await hefeiTask({
          campaignId,
          stage,
          kind: 'hefei_special_inspection',
          title: `${half === 1 ? '上' : '下'}半年专项督查（${committee.name}）`,
          subject: { type: 'committee', id: committee.id },
          assignees: [{ organisationId: input.bureauCommittee.id, role: 'reviewer' }],
          outcomes: ['completed'],
          form: { kind: 'hefei_special_inspection', committeeName: committee.name, branches: committee.branches.map((b) => ({ id: b.id, name: b.name })), half },
          dueAt: run.dueAt(stage),
          escalateTo: { organisationId: input.politicalDepartment.id, role: 'reviewer' },
        });
        const found = decision(task).data as SpecialInspectionData;
        const dueOn = await rectificationDue(params.year, params.rectification, planned('regrading').dueOn);
        const problems = found.problems.map((p) => ({ ...p, rectificationId: uuid4(), dueOn }));
        await hefei.recordSpecialInspection({ inspectionId, campaignId, committeeId: committee.id, inspectorId: input.bureauCommittee.id, half, summary: found.summary, meeting: found.meeting, problems, actor: decider(task), at: workflowTime() });
        await Promise.all(
          problems.map((p) =>
            executeChild<typeof hefeiRectification>('hefeiRectification', {
              workflowId: hefeiRectificationWorkflowId(p.rectificationId),
              args: [
                {
                  campaignId,
                  rectificationId: p.rectificationId,
                  branch: committee.branches.find((b) => b.id === p.branchId)!,
                  inspector: input.bureauCommittee,
                  above: committee,
                  problem: p.problem,
                  dimension: p.dimension,
                  dueAt: chinaEndOfDay(p.dueOn),
                  stage,
                },
              ],
            }),
          ),
        );
      }),
    );
  }

  /** A branch with no members is reviewed by its committee: dissolved, or kept with a reason (清理“空壳党支部”). */
  async function cleanup(committee: HefeiCommittee, branch: HefeiCommittee['branches'][number]): Promise<void> {
    await run.waitUntilOpens('cleanup_review');
    const cleanupId = uuid4();
    await hefei.openCleanup({ cleanupId, campaignId, branchId: branch.id, reviewerId: committee.id, members: 0, at: workflowTime() });
    const task = await hefeiTask({
      campaignId,
      stage: 'cleanup_review',
      kind: 'hefei_cleanup',
      title: `审查无党员的党支部是否撤销（${branch.name}）`,
      subject: { type: 'hefei_cleanup', id: cleanupId },
      assignees: [{ organisationId: committee.id, role: 'reviewer' }],
      outcomes: ['dissolve', 'retain'],
      opinionRequiredFor: ['dissolve', 'retain'],
      dueAt: run.dueAt('cleanup_review'),
      escalateTo: { organisationId: input.politicalDepartment.id, role: 'reviewer' },
    });
    await hefei.decideCleanup({ cleanupId, dissolve: task.outcome === 'dissolve', opinion: decision(task).opinion, actor: decider(task), at: workflowTime() });
  }

}
