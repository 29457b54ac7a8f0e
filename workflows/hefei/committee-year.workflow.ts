import { condition, executeChild, uuid4 } from '@temporalio/workflow';
import { workflowTime } from '../steps/workflow-time';
import { type ScoreSheet, chinaEndOfDay, chinaStartOfDay } from '../../libs/domain/src/core';
import {
  type GradeResult,
  type GradingData,
  type GradingStandard,
  type GradingStandardData,
  type HefeiBranch,
  type HefeiCommitteeYearInput,
  type HefeiCommitteeYearResult,
  type HefeiGrade,
  type HefeiStage,
  HEFEI_GRADES,
  gradeAssessment,
  hefeiRectificationWorkflowId,
  isBelowStandard,
} from '../../libs/processes/src/hefei';
import type { hefeiRectification } from './rectification.workflow';
import { decider, decision, dueAfter, hefei, hefeiTask, rectificationDue } from './steps';

/** Days work returned for revision has to be done again. */
const REDO_DAYS = 7;

interface Assessed {
  gradingId: string;
  branch: HefeiBranch;
  result: GradeResult;
}

const sum = (sheet: ScoreSheet) => Object.values(sheet).reduce((s, i) => s + i.score, 0);

/**
 * One grassroots committee's Hefei year (基层党委): it drafts and files its
 * grading standard with the political department, whose reviewer and head
 * countersign its acceptance (either may return it, with an opinion);
 * then its grading round — each branch assesses itself against the accepted
 * standard and so applies (逐级申报), the committee reviews each application,
 * inspects and accepts with its own scores (考核验收) and grades all at once,
 * never above what the score earns and with A under the cap on a first
 * grading; the grades are told to every branch; the committee reports its
 * grading to the political department by early August; and a branch graded
 * below standard gets a partner unit, rectifies, and applies again within the year.
 */
export async function hefeiCommitteeYear(input: HefeiCommitteeYearInput): Promise<HefeiCommitteeYearResult> {
  const { committee, politicalDepartment, campaignId } = input;
  const stage = (s: HefeiStage) => input.plan.find((p) => p.stage === s)!;
  const due = (s: HefeiStage) => stage(s).dueAt;
  const committeeReviewer = { organisationId: committee.id, role: 'reviewer' as const };
  const department = { organisationId: politicalDepartment.id, role: 'reviewer' as const };
  const sleepUntil = (at: string) => condition(() => false, Math.max(Date.parse(at) - Date.now(), 0));

  // 1. The standard: filed, reviewed, revised until accepted.
  let draft = input.draft;
  let standard: GradingStandard;
  let standardId: string;
  for (let round = 0; ; round++) {
    const filing = await hefeiTask({
      campaignId,
      stage: 'standards',
      kind: 'hefei_standard',
      title: `${round === 0 ? '制定' : '修改'}并报送党支部分类定级标准（${committee.name}）`,
      subject: { type: 'committee', id: committee.id },
      assignees: [{ organisationId: committee.id, role: 'submitter' }],
      outcomes: ['filed'],
      form: { kind: 'hefei_standard', committeeName: committee.name, draft },
      dueAt: round === 0 ? due('standards') : dueAfter(REDO_DAYS, due('standards')),
      escalateTo: department,
    });
    const filed = (decision(filing).data as GradingStandardData).standard;
    const id = uuid4();
    const { version } = await hefei.fileStandard({ standardId: id, campaignId, committeeId: committee.id, standard: filed, actor: decider(filing), at: workflowTime() });
    const review = await hefeiTask({
      campaignId,
      stage: 'standards',
      kind: 'hefei_standard_review',
      title: `审核备案党支部分类定级标准（${committee.name}，第${version}版）`,
      subject: { type: 'hefei_standard', id },
      // Countersigned (会签) by the department's reviewer and its head: both accept it, either returns it.
      assignees: [department, { organisationId: politicalDepartment.id, role: 'department_head' }],
      policy: { mode: 'all' },
      outcomes: ['accept', 'return'],
      opinionRequiredFor: ['return'],
      dueAt: dueAfter(REDO_DAYS, due('standards')),
      escalateTo: null,
    });
    const accepted = review.outcome === 'accept';
    await hefei.decideStandard({ standardId: id, accept: accepted, opinion: decision(review).opinion, actor: decider(review), at: workflowTime() });
    draft = { ...filed, version };
    if (accepted) {
      standard = draft;
      standardId = id;
      break;
    }
  }

  /** One branch's way through a grading attempt: self-assessment (its application), the committee's review, acceptance. */
  const assess = async (branch: HefeiBranch, attempt: number, regrading: boolean): Promise<Assessed> => {
    const gradingId = uuid4();
    const firstGrading = branch.firstGrading && attempt === 1;
    await hefei.openGrading({ gradingId, campaignId, year: input.year, branchId: branch.id, committeeId: committee.id, attempt, firstGrading, standardId, at: workflowTime() });
    const rubric = { code: standard.code, version: standard.version, name: standard.name, areas: standard.areas, vetoItems: standard.vetoItems, passThreshold: standard.passThreshold };
    let self: ScoreSheet;
    for (let round = 0; ; round++) {
      const selfTask = await hefeiTask({
        campaignId,
        stage: regrading ? 'regrading' : 'self_assessment',
        kind: 'hefei_self_assessment',
        title: `对照标准自评并申报定级（${branch.name}）`,
        subject: { type: 'hefei_grading', id: gradingId },
        assignees: [{ organisationId: branch.id, role: 'submitter' }],
        outcomes: ['submitted'],
        form: { kind: 'rubric_scores', rubric, vetoes: false },
        dueAt: regrading ? due('regrading') : round === 0 ? due('self_assessment') : dueAfter(REDO_DAYS, due('application')),
        escalateTo: committeeReviewer,
      });
      self = (decision(selfTask).data as { scores: ScoreSheet }).scores;
      await hefei.recordSelfAssessment({ gradingId, scores: self, total: sum(self), actor: decider(selfTask), round, at: workflowTime() });
      const review = await hefeiTask({
        campaignId,
        stage: regrading ? 'regrading' : 'application',
        kind: 'hefei_application_review',
        title: `审核定级申报（${branch.name}）`,
        subject: { type: 'hefei_grading', id: gradingId },
        assignees: [committeeReviewer],
        outcomes: ['approve', 'return'],
        opinionRequiredFor: ['return'],
        dueAt: regrading ? due('regrading') : dueAfter(1, due('application')),
        escalateTo: department,
      });
      const approved = review.outcome === 'approve';
      await hefei.recordApplicationReview({ gradingId, approve: approved, opinion: decision(review).opinion, actor: decider(review), round, at: workflowTime() });
      if (approved) break;
    }
    const acceptance = await hefeiTask({
      campaignId,
      stage: regrading ? 'regrading' : 'acceptance',
      kind: 'hefei_acceptance',
      title: `考核验收（${branch.name}）`,
      subject: { type: 'hefei_grading', id: gradingId },
      assignees: [committeeReviewer],
      outcomes: ['accepted'],
      form: { kind: 'rubric_scores', rubric, vetoes: true },
      dueAt: regrading ? due('regrading') : due('acceptance'),
      escalateTo: department,
    });
    const sheet = decision(acceptance).data as { scores: ScoreSheet; vetoes?: string[] };
    const result = gradeAssessment(standard, self!, sheet.scores, sheet.vetoes ?? []);
    await hefei.recordAcceptance({ gradingId, scores: sheet.scores, vetoes: sheet.vetoes ?? [], total: result.assessorTotal, actor: decider(acceptance), at: workflowTime() });
    return { gradingId, branch: { ...branch, firstGrading }, result };
  };

  /** The committee grades the accepted branches at once; each is told its grade. */
  const grade = async (assessed: Assessed[], regrading: boolean): Promise<Map<string, HefeiGrade>> => {
    const task = await hefeiTask({
      campaignId,
      stage: regrading ? 'regrading' : 'grading',
      kind: 'hefei_grading',
      title: `${regrading ? '重新' : ''}评定党支部等次（${committee.name}，${assessed.length}个党支部）`,
      subject: { type: 'committee', id: committee.id },
      assignees: [committeeReviewer],
      outcomes: ['graded'],
      form: {
        kind: 'hefei_grades',
        committeeName: committee.name,
        aGradeCap: input.aGradeCap,
        branches: assessed.map((a) => ({ id: a.branch.id, name: a.branch.name, earned: a.result.earned, assessorTotal: a.result.assessorTotal, firstGrading: a.branch.firstGrading })),
      },
      dueAt: regrading ? due('regrading') : due('grading'),
      escalateTo: department,
    });
    const given = new Map((decision(task).data as GradingData).grades.map((g) => [g.branchId, g]));
    const grades = assessed.map((a) => {
      const g = given.get(a.branch.id)!;
      const reasons = g.grade === a.result.earned ? a.result.reasons : [...a.result.reasons, `评定为${g.grade}级：${g.reason ?? ''}`];
      return { gradingId: a.gradingId, branchId: a.branch.id, grade: g.grade, reasons };
    });
    await hefei.recordGrades({ grades, committeeId: committee.id, actor: decider(task), at: workflowTime() });
    return new Map(grades.map((g) => [g.branchId, g.grade]));
  };

  /** A branch below standard: a partner unit, a rectification, and (in time) a second grading. */
  const improve = async (a: Assessed): Promise<HefeiGrade> => {
    const pairing = await hefeiTask({
      campaignId,
      stage: 'regrading',
      kind: 'hefei_pairing',
      title: `为未达标党支部确定结对帮扶单位（${a.branch.name}）`,
      subject: { type: 'hefei_grading', id: a.gradingId },
      assignees: [committeeReviewer],
      outcomes: ['assigned'],
      form: { kind: 'hefei_pairing', branchName: a.branch.name },
      dueAt: dueAfter(REDO_DAYS, due('grading')),
      escalateTo: department,
    });
    const p = decision(pairing).data as { partner: string; partnerOrganisationId?: string; plan: string };
    await hefei.recordPairing({ pairingId: uuid4(), campaignId, branchId: a.branch.id, partner: p.partner, partnerOrganisationId: p.partnerOrganisationId ?? null, plan: p.plan, actor: decider(pairing), at: workflowTime() });

    const rectificationId = uuid4();
    const dueOn = await rectificationDue(input.year, input.rectification, stage('regrading').dueOn);
    const problem = `分类定级为D级（未达标）：${a.result.reasons.join('；') || '考核未达标'}`;
    await hefei.openGradingRectification({ rectificationId, campaignId, gradingId: a.gradingId, branchId: a.branch.id, committeeId: committee.id, problem, dueOn, actor: decider(pairing), at: workflowTime() });
    await executeChild<typeof hefeiRectification>('hefeiRectification', {
      workflowId: hefeiRectificationWorkflowId(rectificationId),
      args: [{ campaignId, rectificationId, branch: a.branch, inspector: committee, above: committee, problem, dimension: null, dueAt: chinaEndOfDay(dueOn), stage: 'regrading' }],
    });
    // Applies again only within the year's regrading window.
    if (Date.now() > Date.parse(due('regrading'))) return 'D';
    const again = await assess(a.branch, 2, true);
    return (await grade([again], true)).get(a.branch.id)!;
  };

  // 2. The grading round, from the day it opens; branches with no members are reviewed for cleanup instead.
  await sleepUntil(chinaStartOfDay(stage('self_assessment').opensOn));
  const gradable = committee.branches.filter((b) => b.memberCount === null || b.memberCount > 0);
  const assessed = await Promise.all(gradable.map((b) => assess(b, 1, false)));
  const grades = assessed.length ? await grade(assessed, false) : new Map<string, HefeiGrade>();

  // 3. The report of the grading to the political department, due in early August, and the second chance of those below standard.
  const reportId = uuid4();
  await hefei.openReport({ reportId, campaignId, committeeId: committee.id, dueAt: due('report'), at: workflowTime() });
  const [, improved] = await Promise.all([
    (async () => {
      const report = await hefeiTask({
        campaignId,
        stage: 'report',
        kind: 'hefei_report',
        title: `向局政治部报送党支部分类定级情况（${committee.name}）`,
        subject: { type: 'hefei_report', id: reportId },
        assignees: [{ organisationId: committee.id, role: 'submitter' }],
        outcomes: ['filed'],
        form: { kind: 'evidence' },
        dueAt: due('report'),
        escalateTo: department,
      });
      const late = Date.now() > Date.parse(due('report'));
      await hefei.fileReport({ reportId, notes: (decision(report).data as { evidence: string }).evidence, late, escalated: (report.missed ?? 0) > 0, actor: decider(report), at: workflowTime() });
    })(),
    Promise.all(assessed.filter((a) => isBelowStandard(grades.get(a.branch.id)!)).map(improve)),
  ]);

  const graded = Object.fromEntries(HEFEI_GRADES.map((g) => [g, 0])) as Record<HefeiGrade, number>;
  for (const g of grades.values()) graded[g]++;
  return { committeeId: committee.id, graded, regraded: improved.filter((g) => !isBelowStandard(g)).length };
}
