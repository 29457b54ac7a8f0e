import { CancellationScope, ParentClosePolicy, executeChild, isCancellation, sleep, startChild, uuid4 } from '@temporalio/workflow';
import { type PublicNoticeInput, publicNoticeWorkflowId } from '../../libs/contracts/src';
import {
  WUJIN_PHASES,
  WUJIN_STAGES,
  type ImplementationPlanData,
  type MemberCasesData,
  type ModelRecommendationData,
  type ModelSelectionData,
  type WujinBranch,
  type WujinCommittee,
  type WujinNoticeCandidate,
  type WujinPhase,
  type WujinPhaseOutcome,
  type WujinPlanInput,
  type WujinPlanResult,
  type WujinStage,
  type RubricRef,
  phaseStage,
  wujinCommitteeWorkflowId,
} from '../../libs/processes/src/wujin';
import type { publicNotice } from '../public-notice.workflow';
import { CampaignRun } from '../steps/campaign-run';
import { startInChunks } from '../steps/in-chunks';
import { workflowTime } from '../steps/workflow-time';
import type { wujinCommitteeBrands, wujinCommitteeCompliance, wujinCommitteeObligations } from './committee.workflow';
import { rectifyBranch } from './rectify';
import { decider, decision, reviewerOf, submitterOf, wujin, wujinTask } from './steps';

/** The stages whose open work a phase's end closes. */
const PHASE_WORK: Record<WujinPhase, WujinStage[]> = {
  deploy: ['implementation_plans', 'audit', 'model_branches'],
  compliance: ['self_assessment', 'committee_assessment', 'district_verification', 'compliance_notice', 'rectification'],
  brand: ['brands'],
};

/**
 * Wujin's three-year plan (PROCESSES.md §3, seed 004), run by the district
 * organisation department over every unit committee and branch. Each phase's
 * work runs in a scope of its own: when the phase ends its target is measured
 * from the record (met or missed, with who is behind and who did well) and
 * work still open is closed. Standing obligations are a schedule per branch and
 * year. The department may pause, extend or cancel, always with a reason.
 */
export async function wujinPlan(input: WujinPlanInput): Promise<WujinPlanResult> {
  const { campaignId, params } = input;
  const run = new CampaignRun(input);
  const dept = input.orgDepartment;
  const phases: WujinPhaseOutcome[] = [];
  const phaseScopes = new Map<WujinPhase, CancellationScope>();

  const status = await run.run(async () => {
    const tree = await wujin.loadWujinTree({ districtId: input.districtCommittee.id });
    await wujin.openWujinPlan({
      campaignId,
      phases: WUJIN_PHASES.map((p) => ({ phase: p, name: input.plan.find((s) => s.stage === phaseStage(p))?.label ?? p, endsOn: params.phases[p].endsOn, target: target(p) })),
      tree,
      at: workflowTime(),
    });
    for (const p of WUJIN_PHASES) phaseScopes.set(p, new CancellationScope());
    await Promise.all([
      ...WUJIN_STAGES.map(async (stage) => {
        await run.waitUntilOpens(stage);
        await run.enter(stage);
        await run.waitUntilDue(stage);
        await run.finish(stage);
        const phase = WUJIN_PHASES.find((p) => phaseStage(p) === stage);
        if (phase) await endPhase(phase);
      }),
      within('deploy', () => Promise.all([...tree.committees.flatMap((c) => [implementationPlan(c), memberCases(c), ...c.branches.filter((b) => b.memberCount === 0).map((b) => shellReview(c, b))]), modelBranches()])),
      within('compliance', compliance),
      within('brand', brands),
      obligations(),
    ]);
  });
  return { campaignId, status, phases };

  function target(p: WujinPhase): number {
    return p === 'deploy' ? 1 : params.phases[p].target;
  }

  /** Runs a phase's work until it is done or the phase ends, whichever comes first. */
  async function within(phase: WujinPhase, work: () => Promise<unknown>): Promise<void> {
    try {
      await phaseScopes.get(phase)!.run(work);
    } catch (err) {
      if (!isCancellation(err) || run.view.status === 'cancelled') throw err;
    }
  }

  /** The phase's target measured from the record, then its open work closed. */
  async function endPhase(phase: WujinPhase): Promise<void> {
    const { measured, met } = await wujin.evaluateWujinPhase({ campaignId, phase, target: target(phase), asOf: workflowTime() });
    phases.push({ phase, target: target(phase), measured, met });
    phaseScopes.get(phase)!.cancel();
    await wujin.closeWujinPhaseWork({ campaignId, stages: PHASE_WORK[phase], at: workflowTime() });
  }

  /** A unit committee files its implementation plan; the department accepts it or returns it with an opinion. */
  async function implementationPlan(c: WujinCommittee): Promise<void> {
    for (let version = 1; ; version++) {
      const filed = await wujinTask({
        campaignId,
        stage: 'implementation_plans',
        kind: 'wujin_implementation_plan',
        title: `制定党支部规范化建设实施方案${version > 1 ? '（退回后重新报送）' : ''}：${c.name}`,
        subject: { type: 'committee', id: c.id },
        assignee: submitterOf(c),
        outcomes: ['submitted'],
        form: { kind: 'wujin_implementation_plan', committeeName: c.name },
        dueAt: run.dueAt('implementation_plans'),
        escalateTo: reviewerOf(dept),
      });
      const planId = uuid4();
      await wujin.fileImplementationPlan({ planId, campaignId, committeeId: c.id, version, data: decision(filed).data as ImplementationPlanData, actor: decider(filed), at: workflowTime() });
      const review = await wujinTask({
        campaignId,
        stage: 'implementation_plans',
        kind: 'wujin_plan_review',
        title: `审核实施方案（${c.name}，第${version}版）`,
        subject: { type: 'wujin_implementation_plan', id: planId },
        assignee: reviewerOf(dept),
        outcomes: ['accept', 'return'],
        opinionRequiredFor: ['return'],
        dueAt: run.dueAt('audit'),
        escalateTo: null,
      });
      await wujin.decideImplementationPlan({ planId, accepted: review.outcome === 'accept', opinion: decision(review).opinion, actor: decider(review), at: workflowTime() });
      if (review.outcome === 'accept') return;
    }
  }

  async function memberCases(c: WujinCommittee): Promise<void> {
    const filed = await wujinTask({
      campaignId,
      stage: 'audit',
      kind: 'wujin_member_cases',
      title: `报送“失联”党员和违法违纪党员处理清单：${c.name}`,
      subject: { type: 'committee', id: c.id },
      assignee: submitterOf(c),
      outcomes: ['submitted'],
      form: { kind: 'wujin_member_cases', committeeName: c.name },
      dueAt: run.dueAt('audit'),
      escalateTo: reviewerOf(dept),
    });
    await wujin.fileMemberCases({ campaignId, committeeId: c.id, data: decision(filed).data as MemberCasesData, actor: decider(filed), at: workflowTime() });
  }

  /** An empty shell (a branch without members) is reviewed by its committee: dissolved, or kept with a reason. */
  async function shellReview(c: WujinCommittee, b: WujinBranch): Promise<void> {
    const reviewId = uuid4();
    await wujin.openShellReview({ reviewId, campaignId, branchId: b.id, committeeId: c.id, at: workflowTime() });
    const task = await wujinTask({
      campaignId,
      stage: 'audit',
      kind: 'wujin_shell_review',
      title: `审查“空壳”党组织是否撤销：${b.name}`,
      subject: { type: 'wujin_shell_review', id: reviewId },
      assignee: reviewerOf(c),
      outcomes: ['dissolve', 'retain'],
      opinionRequiredFor: ['dissolve', 'retain'],
      dueAt: run.dueAt('audit'),
      escalateTo: reviewerOf(dept),
    });
    await wujin.decideShellReview({ reviewId, campaignId, branchId: b.id, dissolve: task.outcome === 'dissolve', opinion: decision(task).opinion, actor: decider(task), at: workflowTime() });
  }

  /** Each committee recommends model branches; the department picks; the pick goes on notice and the kept are commended. */
  async function modelBranches(): Promise<void> {
    await run.waitUntilOpens('model_branches');
    const { committees } = await wujin.loadWujinTree({ districtId: input.districtCommittee.id });
    const recommended = await Promise.all(
      committees.map(async (c) => {
        const task = await wujinTask({
          campaignId,
          stage: 'model_branches',
          kind: 'wujin_model_recommendation',
          title: `推荐示范支部：${c.name}`,
          subject: { type: 'committee', id: c.id },
          assignee: reviewerOf(c),
          outcomes: ['completed'],
          form: { kind: 'wujin_model_recommendation', committeeName: c.name, branches: c.branches.map((b) => ({ id: b.id, name: b.name })), max: params.modelBranchesPerCommittee },
          dueAt: run.dueAt('model_branches'),
          escalateTo: reviewerOf(dept),
        });
        const data = decision(task).data as ModelRecommendationData;
        await wujin.setModelBranches({ campaignId, committeeId: c.id, branchIds: data.branchIds, status: 'recommended', reason: data.reasons, at: workflowTime() });
        return data.branchIds.map((id) => ({ id, name: c.branches.find((b) => b.id === id)!.name, committeeName: c.name }));
      }),
    );
    const candidates = recommended.flat();
    if (!candidates.length) return;
    const pick = await wujinTask({
      campaignId,
      stage: 'model_branches',
      kind: 'wujin_model_selection',
      title: '评定第一批示范支部',
      subject: { type: 'campaign', id: campaignId },
      assignee: reviewerOf(dept),
      outcomes: ['completed'],
      form: { kind: 'wujin_model_selection', candidates },
      dueAt: run.dueAt('model_branches'),
      escalateTo: null,
    });
    const chosen = (decision(pick).data as ModelSelectionData).chosen;
    await wujin.setModelBranches({ campaignId, branchIds: candidates.map((c) => c.id).filter((id) => !chosen.includes(id)), status: 'not_chosen', reason: null, at: workflowTime() });
    await wujin.setModelBranches({ campaignId, branchIds: chosen, status: 'on_notice', reason: null, at: workflowTime() });
    const out = await notice('第一批党支部规范化建设示范支部公示', chosen.map((id) => candidates.find((c) => c.id === id)!));
    await wujin.setModelBranches({ campaignId, branchIds: out.kept, status: 'commended', reason: null, at: workflowTime() });
    for (const r of out.removed) await wujin.setModelBranches({ campaignId, branchIds: [r.itemId], status: 'removed', reason: `公示异议成立：${r.reason}`, at: workflowTime() });
  }

  /**
   * Every branch assessed, a committee's branches by a child of their own;
   * each pass waits in the record for the next notice of the compliant list
   * (the first when the notice stage opens, the second when the rectification
   * stage ends); each fail, veto or upheld objection goes through
   * rectification and a second assessment.
   */
  async function compliance(): Promise<void> {
    await run.waitUntilOpens('self_assessment');
    const { committees } = await wujin.loadWujinTree({ districtId: input.districtCommittee.id });
    const latest = await wujin.latestWujinRubric({ code: params.rubricCode });
    const rubric: RubricRef = { code: latest.code, version: latest.version, passThreshold: params.passThreshold };
    const rectification = () => ({ year: params.year + 1, window: params.rectification, latest: run.dueAt('rectification') });
    const work = await startInChunks(committees, (committee) =>
      startChild<typeof wujinCommitteeCompliance>('wujinCommitteeCompliance', {
        workflowId: wujinCommitteeWorkflowId(campaignId, committee.id, 'compliance'),
        args: [{ campaignId, committee, orgDepartment: dept, rubric, declarationDueAt: run.dueAt('committee_assessment'), verificationDueAt: run.dueAt('district_verification'), rectification: rectification() }],
      }),
    );
    const paths: Array<Promise<unknown>> = work.map((w) => w.result());
    const noticeRound = async (title: string, onRemoved: (b: WujinNoticeCandidate, reason: string) => void) => {
      const listed = await wujin.wujinNoticeCandidates({ campaignId });
      if (!listed.length) return;
      await wujin.setWujinOnNotice({ campaignId, branchIds: listed.map((b) => b.id), at: workflowTime() });
      const out = await notice(title, listed);
      await wujin.recordWujinNotice({ campaignId, noticeId: out.noticeId, kept: out.kept, removed: out.removed, at: workflowTime() });
      for (const r of out.removed) onRemoved(listed.find((b) => b.id === r.itemId)!, r.reason);
    };
    await run.waitUntilOpens('compliance_notice');
    await noticeRound('党支部规范化建设合格支部名单公示', (b, reason) =>
      paths.push(rectifyBranch({ campaignId, branch: { id: b.id, name: b.name }, committee: b.committee, orgDepartment: dept, rubric, reasons: [`公示期间异议经核实成立：${reason}`], ...rectification() })),
    );
    await run.waitUntilDue('rectification');
    await noticeRound('党支部规范化建设合格支部名单公示（整顿后复核）', () => undefined);
    // Whatever is still open (a branch never assessed, a rectification not finished) ends with the phase.
    await Promise.all(paths);
  }

  /** Every branch files its brand and its committee accepts it, a committee's branches by a child of their own. */
  async function brands(): Promise<void> {
    await run.waitUntilOpens('brands');
    const { committees } = await wujin.loadWujinTree({ districtId: input.districtCommittee.id });
    const work = await startInChunks(committees, (committee) =>
      startChild<typeof wujinCommitteeBrands>('wujinCommitteeBrands', {
        workflowId: wujinCommitteeWorkflowId(campaignId, committee.id, 'brands'),
        args: [{ campaignId, committee, orgDepartment: dept, filingDueAt: run.dueAt('brands'), reviewDueAt: run.dueAt('phase_brand') }],
      }),
    );
    await Promise.all(work.map((w) => w.result()));
  }

  /** Each year from `obligationsFrom`, a schedule per standing branch, started by its committee's child; schedules run their year out on their own. */
  async function obligations(): Promise<void> {
    for (let year = params.obligationsFrom; year <= params.year + 2; year++) {
      const starts = Date.parse(`${year}-01-01T00:00:00+08:00`);
      if (Date.now() < starts) await sleep(starts - Date.now());
      const { committees } = await wujin.loadWujinTree({ districtId: input.districtCommittee.id });
      // Each committee's year runs its schedules out (a month's grace past the year), whatever the plan does meanwhile.
      await startInChunks(committees, (committee) =>
        startChild<typeof wujinCommitteeObligations>('wujinCommitteeObligations', {
          workflowId: wujinCommitteeWorkflowId(campaignId, committee.id, `obligations-${year}`),
          parentClosePolicy: ParentClosePolicy.ABANDON,
          args: [{ campaignId, committee, orgDepartment: dept, year, fundsPerMember: params.fundsPerMember }],
        }),
      );
    }
  }

  function notice(title: string, items: Array<{ id: string; name: string }>) {
    const noticeId = uuid4();
    return executeChild<typeof publicNotice>('publicNotice', {
      workflowId: publicNoticeWorkflowId(noticeId),
      parentClosePolicy: ParentClosePolicy.TERMINATE,
      args: [
        {
          noticeId,
          title,
          organisationId: dept.id,
          investigator: reviewerOf(dept),
          escalateTo: null,
          items: items.map((i) => ({ id: i.id, name: i.name })),
          duration: params.notice,
          publishedAt: new Date(Date.now()).toISOString(),
          campaignId,
          scope: 'society',
        } satisfies PublicNoticeInput,
      ],
    });
  }
}

