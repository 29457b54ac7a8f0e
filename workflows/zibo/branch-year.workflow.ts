import { ParentClosePolicy, patched, sleep, startChild, uuid4 } from '@temporalio/workflow';
import { type ObligationScheduleInput, obligationScheduleWorkflowId } from '../../libs/contracts/src';
import {
  type AnnualPlanData,
  type BenchmarkingData,
  type BranchStandardData,
  type DualRatingsData,
  type DutyReportData,
  type ProjectProgressData,
  type ProjectProposalsData,
  type ProjectRevisionData,
  type ProjectScreeningData,
  type StandardScoresData,
  type ZiboBranchYearInput,
  type ZiboStage,
  ziboObligationSpecs,
  ziboScheduleId,
} from '../../libs/processes/src/zibo';
import type { obligationSchedule } from '../obligation-schedule.workflow';
import type { TaskSpec } from '../steps/campaign-steps';
import { workflowTime } from '../steps/workflow-time';
import { bureauOf, decider, decision, secretaryOf, zibo as remote, ziboLocal, ziboTask } from './steps';

/** Years started before the branch's year waited for its schedule closed first and left the schedule running on its own. */
const BRANCH_YEAR_AWAITS_DUTIES = 'zibo-branch-year-awaits-its-duties';
/** Marks years whose records are written as local activities; older ones replay with the remote kind. */
const LOCAL_WRITES_PATCH = 'zibo-branch-year-local-writes';

/**
 * One branch's year of hard-branch building (seed 000): its "three meetings
 * and one lesson" plan filed with the bureau committee; its refined standard,
 * self-assessment, the bureau's assessment and its benchmark gaps; its
 * party-building project from the members' proposals to acceptance; its
 * secretary's duty report and the two ratings; and its standing duties as a
 * schedule of counted obligations. Each track goes at its own pace.
 */
export async function ziboBranchYear(input: ZiboBranchYearInput): Promise<void> {
  const { campaignId, branch } = input;
  const zibo = patched(LOCAL_WRITES_PATCH) ? ziboLocal : remote;
  const bureau = bureauOf(input.bureau);
  const secretary = secretaryOf(branch);
  const task = (stage: ZiboStage, spec: Omit<TaskSpec, 'dueAt' | 'escalateTo'> & { escalateTo?: TaskSpec['escalateTo'] }) =>
    ziboTask(campaignId, stage, { escalateTo: spec.assignee === bureau ? null : bureau, ...spec, dueAt: input.stages[stage].dueAt });
  const untilOpens = async (stage: ZiboStage) => {
    const wait = Date.parse(input.stages[stage].opensAt) - Date.now();
    if (wait > 0) await sleep(wait);
  };
  const asBranch = { type: 'branch', id: branch.id };

  await Promise.all([annualPlan(), evaluation(), project(), dutyReport(), obligations()]);

  /** The plan filed at the start of the year; the bureau acknowledges it or returns it with an opinion. */
  async function annualPlan(): Promise<void> {
    await untilOpens('plan_filing');
    for (let version = 1; ; version++) {
      const filed = await task('plan_filing', {
        kind: 'zibo_annual_plan',
        title: `“三会一课”年度计划报备${version > 1 ? '（退回后重新报送）' : ''}：${branch.name}`,
        subject: asBranch,
        assignee: secretary,
        outcomes: ['submitted'],
        form: { kind: 'zibo_annual_plan', branchName: branch.name, year: input.year },
      });
      await zibo.recordZiboBranch({ campaignId, branchId: branch.id, record: { what: 'plan', status: 'filed', plan: decision(filed).data as AnnualPlanData }, actor: decider(filed), key: filed.taskId, at: workflowTime() });
      const review = await task('plan_filing', {
        kind: 'zibo_plan_review',
        title: `“三会一课”年度计划备案：${branch.name}`,
        subject: asBranch,
        assignee: bureau,
        outcomes: ['acknowledge', 'return'],
        opinionRequiredFor: ['return'],
      });
      const acknowledged = review.outcome === 'acknowledge';
      await zibo.recordZiboBranch({ campaignId, branchId: branch.id, record: { what: 'plan', status: acknowledged ? 'acknowledged' : 'returned', opinion: decision(review).opinion }, actor: decider(review), key: review.taskId, at: workflowTime() });
      if (acknowledged) return;
    }
  }

  /** 自查自评—上级考评—对标建设, against the standard the branch refined and filed. */
  async function evaluation(): Promise<void> {
    await untilOpens('standards');
    const filed = await task('standards', { kind: 'zibo_standard', title: `细化过硬支部具体标准并备案：${branch.name}`, subject: asBranch, assignee: secretary, outcomes: ['submitted'], form: { kind: 'zibo_standard', branchName: branch.name } });
    const standard = decision(filed).data as BranchStandardData;
    await zibo.recordZiboBranch({ campaignId, branchId: branch.id, record: { what: 'standard', standard }, actor: decider(filed), key: filed.taskId, at: workflowTime() });
    await untilOpens('self_assessment');
    const form = { kind: 'zibo_scores', branchName: branch.name, criteria: standard.criteria };
    const self = await task('self_assessment', { kind: 'zibo_self_assessment', title: `对照标准自查自评：${branch.name}`, subject: asBranch, assignee: secretary, outcomes: ['submitted'], form });
    await zibo.recordZiboBranch({ campaignId, branchId: branch.id, record: { what: 'self_scores', scores: (decision(self).data as StandardScoresData).scores }, actor: decider(self), key: self.taskId, at: workflowTime() });
    const assessed = await task('bureau_assessment', { kind: 'zibo_bureau_assessment', title: `考评党支部：${branch.name}`, subject: asBranch, assignee: bureau, outcomes: ['submitted'], form });
    await zibo.recordZiboBranch({ campaignId, branchId: branch.id, record: { what: 'bureau_scores', scores: (decision(assessed).data as StandardScoresData).scores }, actor: decider(assessed), key: assessed.taskId, at: workflowTime() });
    const gaps = await task('benchmarking', { kind: 'zibo_benchmarking', title: `对标建设：查找差距、明确措施：${branch.name}`, subject: asBranch, assignee: secretary, outcomes: ['submitted'], form: { kind: 'zibo_benchmarking', branchName: branch.name } });
    await zibo.recordZiboBranch({ campaignId, branchId: branch.id, record: { what: 'gaps', gaps: (decision(gaps).data as BenchmarkingData).gaps }, actor: decider(gaps), key: gaps.taskId, at: workflowTime() });
  }

  /**
   * The party-building project: proposals from all members, screened by the
   * branch committee, then by the members' meeting; the bureau approves,
   * returns it with an opinion (the branch revises and resubmits) or rejects
   * it; carried out with progress and evidence; accepted or failed.
   */
  async function project(): Promise<void> {
    await untilOpens('proposals');
    const collected = await task('proposals', {
      kind: 'zibo_project_proposals',
      title: `面向全体党员征集党建项目建议：${branch.name}`,
      subject: asBranch,
      assignee: secretary,
      outcomes: ['submitted'],
      form: { kind: 'zibo_project_proposals', branchName: branch.name },
    });
    const proposals = (decision(collected).data as ProjectProposalsData).proposals.map((p) => ({ ...p, id: uuid4() }));
    await zibo.saveZiboProposals({ campaignId, branchId: branch.id, proposals, actor: decider(collected), key: collected.taskId, at: workflowTime() });
    const screen = async (meeting: 'committee' | 'members', among: typeof proposals) => {
      const t = await task(meeting === 'committee' ? 'committee_screening' : 'members_screening', {
        kind: `zibo_${meeting}_screening`,
        title: `${meeting === 'committee' ? '支部委员会议' : '党员大会'}筛选党建项目：${branch.name}`,
        subject: asBranch,
        assignee: secretary,
        outcomes: ['submitted'],
        form: { kind: 'zibo_project_screening', meeting, proposals: among.map((p) => ({ id: p.id, title: p.title, proposer: p.proposer })) },
      });
      const d = decision(t).data as ProjectScreeningData;
      await zibo.recordZiboScreening({ campaignId, branchId: branch.id, meeting, chosen: d.chosen, attendees: d.attendees, minutes: d.minutes, actor: decider(t), key: t.taskId, at: workflowTime() });
      return among.filter((p) => d.chosen.includes(p.id));
    };
    const shortlist = await screen('committee', proposals);
    const [chosen] = await screen('members', shortlist);
    const projectId = uuid4();
    let { title, content } = chosen!;
    const about = { type: 'zibo_project', id: projectId };
    for (let version = 1; ; version++) {
      const key = `${projectId}:v${version}`;
      await zibo.submitZiboProject({ projectId, campaignId, branchId: branch.id, proposalId: chosen!.id, title, content, proposer: chosen!.proposer, version, actor: decider(collected), key, at: workflowTime() });
      const review = await task('project_approval', {
        kind: 'zibo_project_approval',
        title: `审核党建项目：${branch.name}「${title}」`,
        subject: about,
        assignee: bureau,
        outcomes: ['approve', 'return', 'reject'],
        opinionRequiredFor: ['return', 'reject'],
      });
      const status = review.outcome === 'approve' ? 'approved' : review.outcome === 'return' ? 'returned' : 'rejected';
      await zibo.moveZiboProject({ projectId, campaignId, branchId: branch.id, step: 'approval', status, opinion: decision(review).opinion || null, actor: decider(review), key: review.taskId, at: workflowTime() });
      if (status === 'approved') break;
      if (status === 'rejected') return;
      const revised = await task('project_approval', {
        kind: 'zibo_project_revision',
        title: `按审核意见修改党建项目：${branch.name}「${title}」`,
        subject: about,
        assignee: secretary,
        outcomes: ['submitted'],
        form: { kind: 'zibo_project_revision', title, opinion: decision(review).opinion },
      });
      ({ title, content } = decision(revised).data as ProjectRevisionData);
    }
    for (;;) {
      const reported = await task('implementation', {
        kind: 'zibo_project_progress',
        title: `报告党建项目实施进展：${branch.name}「${title}」`,
        subject: about,
        assignee: secretary,
        outcomes: ['submitted'],
        form: { kind: 'zibo_project_progress', title },
      });
      const d = decision(reported).data as ProjectProgressData;
      await zibo.moveZiboProject({ projectId, campaignId, branchId: branch.id, step: 'progress', status: 'in_progress', opinion: null, data: d, actor: decider(reported), key: reported.taskId, at: workflowTime() });
      if (d.finished) break;
    }
    const accepted = await task('acceptance', {
      kind: 'zibo_project_acceptance',
      title: `验收党建项目：${branch.name}「${title}」`,
      subject: about,
      assignee: bureau,
      outcomes: ['pass', 'fail'],
      opinionRequiredFor: ['pass', 'fail'],
    });
    await zibo.moveZiboProject({
      projectId,
      campaignId,
      branchId: branch.id,
      step: 'acceptance',
      status: accepted.outcome === 'pass' ? 'accepted' : 'failed',
      opinion: decision(accepted).opinion,
      actor: decider(accepted),
      key: accepted.taskId,
      at: workflowTime(),
    });
  }

  /** 双述双评: the secretary's duty report, then both ratings on the campaign's scale. */
  async function dutyReport(): Promise<void> {
    await untilOpens('duty_reports');
    const reported = await task('duty_reports', { kind: 'zibo_duty_report', title: `支部书记述职：${branch.name}`, subject: asBranch, assignee: secretary, outcomes: ['submitted'], form: { kind: 'zibo_duty_report', branchName: branch.name } });
    await zibo.recordZiboBranch({ campaignId, branchId: branch.id, record: { what: 'duty_report', report: (decision(reported).data as DutyReportData).report }, actor: decider(reported), key: reported.taskId, at: workflowTime() });
    const rated = await task('duty_reports', {
      kind: 'zibo_dual_ratings',
      title: `“双述双评”评价：${branch.name}`,
      subject: asBranch,
      assignee: bureau,
      outcomes: ['submitted'],
      form: { kind: 'zibo_dual_ratings', branchName: branch.name, scale: input.ratingScale },
    });
    await zibo.recordZiboBranch({ campaignId, branchId: branch.id, record: { what: 'ratings', ...(decision(rated).data as DualRatingsData) }, actor: decider(rated), key: rated.taskId, at: workflowTime() });
  }

  /**
   * The year's standing duties: one schedule of counted obligations. The
   * branch's year ends with it (late work is taken for a while after the last
   * deadline), so no schedule is left to finish after the year has closed.
   */
  async function obligations(): Promise<void> {
    const scheduleId = ziboScheduleId(campaignId, branch.id, input.year);
    const schedule = await startChild<typeof obligationSchedule>('obligationSchedule', {
      workflowId: obligationScheduleWorkflowId(scheduleId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ scheduleId, organisationId: branch.id, year: input.year, obligations: ziboObligationSpecs(), assignee: secretary, escalateTo: bureau } satisfies ObligationScheduleInput],
    });
    if (patched(BRANCH_YEAR_AWAITS_DUTIES)) await schedule.result();
  }
}
