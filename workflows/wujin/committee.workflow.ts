import { ParentClosePolicy, startChild, uuid4 } from '@temporalio/workflow';
import { type HumanTaskResult, type ObligationScheduleInput, obligationScheduleWorkflowId } from '../../libs/contracts/src';
import {
  type BrandData,
  type WujinBranch,
  type WujinCommitteeBrandsInput,
  type WujinCommitteeComplianceInput,
  type WujinCommitteeObligationsInput,
  wujinAssessmentWorkflowId,
  wujinObligationSpecs,
  wujinScheduleId,
} from '../../libs/processes/src/wujin';
import type { obligationSchedule } from '../obligation-schedule.workflow';
import { startInChunks } from '../steps/in-chunks';
import { workflowTime } from '../steps/workflow-time';
import type { wujinAssessment } from './assessment.workflow';
import { rectifyBranch } from './rectify';
import { type WujinTaskSpec, decider, decision, reviewerOf, startWujinTask, submitterOf, wujin, wujinTask } from './steps';

/**
 * A unit committee's share of the compliance phase: every branch's first
 * assessment round; each that fails (score, veto or the district's finding)
 * goes through rectification and a second round. A pass waits in the record
 * for the plan's next notice of the compliant list.
 */
export async function wujinCommitteeCompliance(input: WujinCommitteeComplianceInput): Promise<void> {
  const { campaignId, committee, orgDepartment, rubric } = input;
  const unit = { id: committee.id, name: committee.name };
  const paths: Array<Promise<unknown>> = [];
  await startInChunks(committee.branches, async (b) => {
    const branch = { id: b.id, name: b.name };
    const round = await startChild<typeof wujinAssessment>('wujinAssessment', {
      workflowId: wujinAssessmentWorkflowId(campaignId, b.id, 1),
      args: [{ campaignId, round: 1, branch, committee: unit, orgDepartment, rubric, declarationDueAt: input.declarationDueAt, verificationDueAt: input.verificationDueAt }],
    });
    paths.push(
      round.result().then((r) => (r.passed ? undefined : rectifyBranch({ campaignId, branch, committee: unit, orgDepartment, rubric, reasons: r.reasons, ...input.rectification }))),
    );
  });
  await Promise.all(paths);
}

/** A unit committee's share of the brand phase: each branch files its brand; the committee accepts it or returns it with an opinion. */
export async function wujinCommitteeBrands(input: WujinCommitteeBrandsInput): Promise<void> {
  const { campaignId, committee, orgDepartment } = input;
  const task = (b: WujinBranch, version: number): WujinTaskSpec => ({
    campaignId,
    stage: 'brands',
    kind: 'wujin_brand',
    title: `党建工作品牌${version > 1 ? '（退回后重新提交）' : ''}：${b.name}`,
    subject: { type: 'branch', id: b.id },
    assignee: submitterOf(b),
    outcomes: ['submitted'],
    form: { kind: 'wujin_brand', branchName: b.name },
    dueAt: input.filingDueAt,
    escalateTo: reviewerOf(committee),
  });
  const brand = async (b: WujinBranch, firstFiling: () => Promise<HumanTaskResult>) => {
    for (let version = 1; ; version++) {
      const filed = version === 1 ? await firstFiling() : await wujinTask(task(b, version));
      const brandId = uuid4();
      await wujin.fileWujinBrand({ brandId, campaignId, branchId: b.id, committeeId: committee.id, version, data: decision(filed).data as BrandData, actor: decider(filed), at: workflowTime() });
      const review = await wujinTask({
        campaignId,
        stage: 'brands',
        kind: 'wujin_brand_review',
        title: `认定党建工作品牌：${b.name}`,
        subject: { type: 'wujin_brand', id: brandId },
        assignee: reviewerOf(committee),
        outcomes: ['accept', 'return'],
        opinionRequiredFor: ['return'],
        dueAt: input.reviewDueAt,
        escalateTo: reviewerOf(orgDepartment),
      });
      await wujin.decideWujinBrand({ brandId, accepted: review.outcome === 'accept', opinion: decision(review).opinion, actor: decider(review), at: workflowTime() });
      if (review.outcome === 'accept') return;
    }
  };
  const paths: Array<Promise<void>> = [];
  await startInChunks(committee.branches, async (b) => {
    const first = await startWujinTask(task(b, 1));
    paths.push(brand(b, () => first.result()));
  });
  await Promise.all(paths);
}

/**
 * A year's standing obligations of a committee's branches: a schedule each,
 * which runs its year out on its own (abandoned, should this close early);
 * this waits for them, so each finishes while its parent is open.
 */
export async function wujinCommitteeObligations(input: WujinCommitteeObligationsInput): Promise<void> {
  const { campaignId, committee, year } = input;
  const schedules = await startInChunks(committee.branches, (b) => {
    const scheduleId = wujinScheduleId(campaignId, b.id, year);
    return startChild<typeof obligationSchedule>('obligationSchedule', {
      workflowId: obligationScheduleWorkflowId(scheduleId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [
        {
          scheduleId,
          organisationId: b.id,
          year,
          obligations: wujinObligationSpecs(b, year, input.fundsPerMember),
          assignee: submitterOf(b),
          escalateTo: reviewerOf(committee),
        } satisfies ObligationScheduleInput,
      ],
    });
  });
  await Promise.all(schedules.map((s) => s.result()));
}
