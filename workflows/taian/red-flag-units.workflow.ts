import { patched } from '@temporalio/workflow';
import type { Unit } from '../../libs/contracts/src';
import { type Assignee, type SelectionCandidate, advancedCapOf, isEligible } from '../../libs/domain/src/core';
// Types only: the form schemas themselves stay out of the sandbox (libs/domain/src/core.ts).
import type { ScoresData, SelectionData } from '../../libs/domain/src';
import { workflowTime } from '../steps/workflow-time';
import { type TaskSpec, campaignActivities as activities, campaignTask, consultAgencies, pickWithNotice } from '../steps/campaign-steps';
import { type CityManagedSelectionInput, type GrassrootsRecommendationInput, type InspectionData, type UnitOutcome, grassrootsCapPlaces } from '../../libs/processes/src/taian';
import { CANDIDATE_EVIDENCE_PATCH, candidatePool } from './candidate-pool';

/** Marks campaigns whose city-managed committees name their own red-flag branches before drawing the recommendation from them; older histories replay without it. */
const COMMITTEE_RED_FLAGS_PATCH = 'committee-red-flags';
import { redFlagActivities } from './red-flag-activities';
import { recheckStanding } from './standing';

const reviewerOf = (organisationId: string): Assignee => ({ organisationId, role: 'reviewer' });

/** Marks committees whose picks read each candidate's ledger grade first (评选资格规则); older histories replay without it. */
const PICK_ELIGIBILITY_PATCH = 'pick-eligibility';

/** The pool with each candidate's ledger standing, in runs that read it; as it was in older ones. */
async function withStanding(candidates: SelectionCandidate[]): Promise<{ pool: SelectionCandidate[]; recheck?: typeof recheckStanding }> {
  if (!patched(PICK_ELIGIBILITY_PATCH)) return { pool: candidates };
  return { pool: await recheckStanding(candidates), recheck: recheckStanding };
}

/** The committee's report upward, due by the stage's deadline: its opinion, signed, goes on the form of every branch it passes on. */
async function reportWithOpinion(campaignId: string, unit: Unit, stage: string, task: TaskSpec, step: string, kept: string[]): Promise<void> {
  const report = await campaignTask(campaignId, stage, task);
  const decision = report.decisions[0]!;
  await activities.recordOpinions({
    nominationIds: kept,
    step,
    opinion: decision.opinion,
    actor: { userId: decision.by, displayName: decision.byName, role: 'reviewer', organisationId: unit.id },
    organisationName: unit.name,
    key: `${campaignId}:${unit.id}:${step}`,
    at: workflowTime(),
  });
}

async function recordVetoes(campaignId: string, unitId: string, vetoed: Map<string, string>) {
  for (const [id, reason] of vetoed) {
    await activities.setCandidates({ campaignId, ids: [id], status: 'vetoed', reason: `征求意见一票否决：${reason}`, key: `${unitId}:veto:${id}`, at: workflowTime() });
  }
}

/**
 * The grassroots committee's recommendation (PROCESSES.md §1 step 2): the
 * secretaries report, members and the public vote, the agencies at its level
 * are consulted, the leadership decides a differential list, the list goes on
 * notice in the unit, and the committee reports it upward with its opinion by
 * the stage's deadline.
 */
export async function grassrootsRecommendation(input: GrassrootsRecommendationInput): Promise<UnitOutcome> {
  const ids = input.candidates.map((c) => c.nominationId);
  const subject = { type: 'committee', id: input.unit.id };
  const base = { dueAt: input.dueAt, escalateTo: reviewerOf(input.above.id), assignee: reviewerOf(input.unit.id), subject };
  const stage = 'grassroots_recommendation';
  if (input.places === 0) {
    await activities.setCandidates({ campaignId: input.campaignId, ids, status: 'not_recommended', reason: '本单位申报对象不足两个，无法差额推荐', key: `${input.unit.id}:too-few`, at: workflowTime() });
    return { unitId: input.unit.id, recommended: [], vetoed: [], removed: [], notChosen: ids };
  }

  await campaignTask(input.campaignId, stage, { ...base, kind: 'secretary_report', title: `组织支部书记述职（${input.unit.name}）` });
  const vote = await campaignTask(input.campaignId, stage, {
    ...base,
    kind: 'evaluation_vote',
    title: `党员群众测评推荐（${input.unit.name}）`,
    form: { kind: 'scores', candidates: input.candidates.map((c) => ({ id: c.nominationId, name: c.name })), min: 0, max: 100 },
  });
  const { scores, participants } = vote.decisions[0]!.data as ScoresData;
  // The evaluation travels up with the candidates, so the city-managed and city picks weigh it too.
  if (patched(CANDIDATE_EVIDENCE_PATCH)) await redFlagActivities.recordEvaluation({ campaignId: input.campaignId, scores, participants });
  const consulted = await consultAgencies({ campaignId: input.campaignId, year: input.year, title: `${input.unit.name}红旗党支部候选对象征求意见`, committee: input.unit, candidates: input.candidates, duration: input.consultation, onTimeout: input.onTimeout, rules: input.consultationRules });
  const { vetoed } = consulted;
  await recordVetoes(input.campaignId, input.unit.id, vetoed);

  // A veto or a grade awaiting rectification can leave too few for a differential pick: the places shrink, the rule does not.
  const { pool: candidates, recheck } = await withStanding(candidatePool(input.candidates, consulted, scores));
  const places = Math.min(grassrootsCapPlaces(input.places, input.cap), candidates.filter(isEligible).length - 1);
  let picked = { kept: [] as string[], removed: [] as Array<{ itemId: string; reason: string }> };
  if (places > 0) {
    picked = await pickWithNotice({
      campaignId: input.campaignId,
      year: input.year,
      stage,
      kind: 'collective_decision',
      title: `党委班子集体研究差额推荐（${input.unit.name}，${places}个名额）`,
      decider: reviewerOf(input.unit.id),
      escalateTo: reviewerOf(input.above.id),
      dueAt: input.dueAt,
      pool: candidates,
      // The 10% cap on what it reports ("各级党委上报的…"), exceeded only with a stated reason where the plan allows.
      rules: { places, minRatio: 1, ...(input.cap ? { cap: { share: input.cap.share, governed: input.cap.governed, ...(input.cap.mode === 'with_reason' ? { exceptions: 'with_reason' as const } : {}) } } : {}) },
      exact: false,
      chosenStatus: 'recommended',
      ...(recheck ? { recheck } : {}),
      notice: { organisationId: input.unit.id, title: `${input.unit.name}推荐“泰山先锋”红旗党支部候选对象公示`, duration: input.unitNotice, scope: 'unit' },
      subject,
    });
  }

  await reportWithOpinion(input.campaignId, input.unit, stage, { ...base, kind: 'grassroots_report', title: `填写基层党委意见并逐级上报（${input.unit.name}）`, closesAtDue: true }, 'grassroots_opinion', picked.kept);
  const notChosen = ids.filter((id) => !picked.kept.includes(id) && !vetoed.has(id) && !picked.removed.some((r) => r.itemId === id));
  await activities.setCandidates({ campaignId: input.campaignId, ids: notChosen, status: 'not_recommended', reason: '基层党委差额推荐未列入', key: `${input.unit.id}:not-recommended`, at: workflowTime() });
  return { unitId: input.unit.id, recommended: picked.kept, vetoed: [...vetoed.keys()], removed: picked.removed.map((r) => r.itemId), notChosen };
}

/**
 * The city-managed committee's selection (§1 step 3): inspection, the
 * agencies consulted before its meeting, this level's red-flag branches chosen
 * and recommended to the city at 1:2 under the 10% cap, the list on notice in
 * the unit, and the formal report with its opinion by the deadline.
 */
export async function cityManagedSelection(input: CityManagedSelectionInput): Promise<UnitOutcome> {
  const ids = input.candidates.map((c) => c.nominationId);
  const subject = { type: 'committee', id: input.unit.id };
  const stage = 'city_managed_selection';
  const base = { dueAt: input.dueAt, escalateTo: reviewerOf(input.orgDepartment.id), assignee: reviewerOf(input.unit.id), subject };

  const inspectionTitle = `考察候选党支部：查阅资料、座谈交流、党员群众测评（${input.unit.name}）`;
  let inspected = input.candidates;
  if (patched(CANDIDATE_EVIDENCE_PATCH)) {
    // One record per candidate: who inspected, on which day, what they found; kept for the city's review and form 附件3.
    const inspection = await campaignTask(input.campaignId, stage, {
      ...base,
      kind: 'inspection',
      title: inspectionTitle,
      form: { kind: 'inspection', candidates: input.candidates.map((c) => ({ id: c.nominationId, name: c.name })), year: input.year },
    });
    const filed = inspection.decisions[0]!;
    const { records } = filed.data as InspectionData;
    await redFlagActivities.recordInspections({ campaignId: input.campaignId, organisationId: input.unit.id, records, by: filed.by, at: workflowTime() });
    const byId = new Map(records.map((r) => [r.candidateId, r]));
    inspected = input.candidates.map((c) => {
      const r = byId.get(c.nominationId);
      return r ? { ...c, inspection: { inspectors: r.inspectors, inspectedOn: r.inspectedOn, findings: r.findings } } : c;
    });
  } else {
    await campaignTask(input.campaignId, stage, { ...base, kind: 'inspection', title: inspectionTitle });
  }
  const consulted = await consultAgencies({ campaignId: input.campaignId, year: input.year, title: `${input.unit.name}红旗党支部候选对象征求意见`, committee: input.unit, candidates: input.candidates, duration: input.consultation, onTimeout: input.onTimeout, rules: input.consultationRules });
  const { vetoed } = consulted;
  await recordVetoes(input.campaignId, input.unit.id, vetoed);

  const { pool: candidates, recheck } = await withStanding(candidatePool(inspected, consulted));
  const eligible = candidates.filter(isEligible).length;
  // Twice the allotment, from more candidates than places; a thin pool lowers the places rather than the rule.
  const places = Math.min(input.ratio * input.allotment, Math.max(eligible - 1, 0));
  // First its own red-flag branches, then the recommendation drawn from them — while the pool leaves the own list a choice to draw from.
  const ownPlaces = Math.min(eligible - 1, Math.max(places + 1, advancedCapOf(input.governed, input.cap)));
  let pool = candidates;
  let ownList: string[] = [];
  if (places > 0 && ownPlaces > places && patched(COMMITTEE_RED_FLAGS_PATCH)) {
    const own = await campaignTask(input.campaignId, stage, {
      ...base,
      kind: 'committee_red_flag_list',
      title: `党委会议评选本级红旗党支部（${input.unit.name}，${places + 1}至${ownPlaces}个）`,
      form: { kind: 'selection', candidates, rules: { places: ownPlaces, minRatio: 1 }, atLeast: places + 1 },
    });
    const decided = own.decisions[0]!;
    ownList = (decided.data as SelectionData).chosen;
    await redFlagActivities.recordCommitteeRedFlags({
      campaignId: input.campaignId,
      organisationId: input.unit.id,
      organisationName: input.unit.name,
      year: input.year,
      ids: ownList,
      by: { userId: decided.by, displayName: decided.byName },
      at: workflowTime(),
    });
    await activities.setCandidates({ campaignId: input.campaignId, ids: ownList, status: 'committee_red_flag', reason: null, key: `${input.unit.id}:committee-red-flags`, at: workflowTime() });
    pool = candidates.filter((c) => ownList.includes(c.id));
  }
  let picked = { kept: [] as string[], removed: [] as Array<{ itemId: string }> };
  if (places > 0) {
    picked = await pickWithNotice({
      campaignId: input.campaignId,
      year: input.year,
      stage,
      kind: 'committee_selection',
      title: ownList.length
        ? `从本级红旗党支部中按1:${input.ratio}确定推荐对象（${input.unit.name}，${places}个）`
        : `党委会议遴选本级红旗党支部并按1:${input.ratio}推荐（${input.unit.name}，${places}个）`,
      decider: reviewerOf(input.unit.id),
      escalateTo: reviewerOf(input.orgDepartment.id),
      dueAt: input.dueAt,
      pool,
      ...(ownList.length ? { widenTo: candidates } : {}),
      rules: { places, minRatio: 1, cap: { share: input.cap, governed: input.governed, ...(input.capExceptions === 'with_reason' ? { exceptions: 'with_reason' as const } : {}) } },
      exact: true,
      chosenStatus: 'selected',
      ...(recheck ? { recheck } : {}),
      notice: { organisationId: input.unit.id, title: `${input.unit.name}“泰山先锋”红旗党支部推荐对象公示`, duration: input.unitNotice, scope: 'unit' },
      subject,
    });
  }
  await reportWithOpinion(input.campaignId, input.unit, stage, { ...base, kind: 'formal_submission', title: `填写市管党委意见并正式行文上报（${input.unit.name}）`, closesAtDue: true }, 'city_managed_opinion', picked.kept);
  await activities.setCandidates({ campaignId: input.campaignId, ids: picked.kept, status: 'recommended_to_city', reason: null, key: `${input.unit.id}:reported`, at: workflowTime() });
  // The committee's own red-flag branches it did not recommend keep that honour.
  const notChosen = ids.filter((id) => !picked.kept.includes(id) && !vetoed.has(id) && !picked.removed.some((r) => r.itemId === id) && !ownList.includes(id));
  await activities.setCandidates({ campaignId: input.campaignId, ids: notChosen, status: 'not_selected', reason: '市管党委差额遴选未列入', key: `${input.unit.id}:not-selected`, at: workflowTime() });
  return { unitId: input.unit.id, recommended: picked.kept, vetoed: [...vetoed.keys()], removed: picked.removed.map((r) => r.itemId), notChosen };
}
