import { sleep, startChild, uuid4 } from '@temporalio/workflow';
import { chinaEndOfDay, isEligible, stageOpensAt } from '../../libs/domain/src/core';
import { ZIBO_STAGES, type ZiboBranchYearInput, type ZiboStage, type ZiboYearInput, type ZiboYearResult, ziboBranchWorkflowId } from '../../libs/processes/src/zibo';
import { CampaignRun } from '../steps/campaign-run';
import { pickWithNotice } from '../steps/campaign-steps';
import { startInChunks } from '../steps/in-chunks';
import { workflowTime } from '../steps/workflow-time';
import type { ziboBranchYear } from './branch-year.workflow';
import { bureauOf, decider, decision, zibo, ziboTask } from './steps';

/**
 * A year of Zibo's hard-branch building (PROCESSES.md §4, seed 000), run by
 * the bureau committee's office over every branch: each branch's year is a
 * child of its own (ziboBranchYear); this workflow holds the stages, flags the
 * branches without an approved project by the configured date, reviews last
 * year's hard branches (kept, or withdrawn with reasons) and, at year end,
 * has the bureau committee pick this year's hard branches differentially and
 * put them on notice.
 */
export async function ziboYear(input: ZiboYearInput): Promise<ZiboYearResult> {
  const { campaignId, params } = input;
  const run = new CampaignRun(input);
  const bureau = bureauOf(input.bureau);
  const hardBranches: string[] = [];
  const flagged: string[] = [];

  const status = await run.run(async () => {
    const branches = await zibo.loadZiboBranches({ bureauId: input.bureau.id });
    await zibo.openZiboYear({ campaignId, year: params.year, branchIds: branches.map((b) => b.id), at: workflowTime() });
    const stages = Object.fromEntries(input.plan.map((s) => [s.stage, { opensAt: stageOpensAt(s), dueAt: run.dueAt(s.stage) }])) as ZiboBranchYearInput['stages'];
    const years = await startInChunks(branches, (branch) =>
      startChild<typeof ziboBranchYear>('ziboBranchYear', {
        workflowId: ziboBranchWorkflowId(campaignId, branch.id),
        args: [{ campaignId, year: params.year, branch, bureau: input.bureau, ratingScale: params.ratingScale, stages } satisfies ZiboBranchYearInput],
      }),
    );
    await Promise.all([...ZIBO_STAGES.map(stage), ...years.map((y) => y.result()), flagLate(), titleReview(), selection()]);
  });
  return { campaignId, status, hardBranches, flagged };

  async function stage(s: ZiboStage): Promise<void> {
    await run.waitUntilOpens(s);
    await run.enter(s);
    await run.waitUntilDue(s);
    await run.finish(s);
  }

  /** A branch with no project approved by the configured date is flagged (每年至少确定1项党建项目). */
  async function flagLate(): Promise<void> {
    const at = Date.parse(chinaEndOfDay(`${params.year}-${params.projectApprovedBy}`));
    if (at > Date.now()) await sleep(at - Date.now());
    flagged.push(...(await zibo.flagZiboBranchesWithoutProject({ campaignId, at: workflowTime() })));
  }

  /** Hard branches are managed dynamically: last year's are reviewed, each kept or withdrawn with reasons. */
  async function titleReview(): Promise<void> {
    const held = await zibo.ziboHardBranchesToReview({ bureauId: input.bureau.id, year: params.year });
    await Promise.all(
      held.map(async (h) => {
        const review = await ziboTask(campaignId, 'title_review', {
          kind: 'zibo_title_review',
          title: `过硬支部动态管理复核（${params.year - 1}年度）：${h.name}`,
          subject: { type: 'branch', id: h.branchId },
          assignee: bureau,
          outcomes: ['retain', 'withdraw'],
          opinionRequiredFor: ['withdraw'],
          dueAt: run.dueAt('title_review'),
          escalateTo: null,
        });
        await zibo.reviewZiboHardBranch({ id: h.id, branchId: h.branchId, campaignId, withdrawn: review.outcome === 'withdraw', opinion: decision(review).opinion, actor: decider(review), at: workflowTime() });
      }),
    );
  }

  /**
   * Year end: the bureau committee picks the hard branches from the assessed
   * branches, differentially (at least two candidates a place; flagged branches
   * and failed projects excluded), and the pick goes on notice; the kept are
   * the year's hard branches.
   */
  async function selection(): Promise<void> {
    await run.waitUntilOpens('selection');
    const pool = await zibo.ziboSelectionCandidates({ campaignId });
    const eligible = pool.filter(isEligible).length;
    if (!eligible) return;
    const differential = eligible >= 2 * params.hardBranches.min;
    const places = differential ? Math.min(params.hardBranches.max, Math.floor(eligible / 2)) : Math.min(params.hardBranches.max, eligible);
    const pick = await pickWithNotice({
      campaignId,
      year: params.year,
      stage: 'selection',
      kind: 'zibo_hard_branch_selection',
      title: `评选${params.year}年度过硬支部`,
      decider: bureau,
      escalateTo: null,
      dueAt: run.dueAt('selection'),
      pool,
      rules: { places, minRatio: differential ? 2 : 1 },
      exact: false,
      atLeast: Math.min(params.hardBranches.min, places),
      chosenStatus: 'selected',
      notice: { organisationId: input.bureau.id, title: `${params.year}年度过硬支部名单公示`, duration: params.notice, scope: 'unit' },
      subject: { type: 'campaign', id: campaignId },
    });
    await zibo.conferZiboHardBranches({ campaignId, year: params.year, branchIds: pick.kept, ids: pick.kept.map(() => uuid4()), at: workflowTime() });
    hardBranches.push(...pick.kept);
  }
}
