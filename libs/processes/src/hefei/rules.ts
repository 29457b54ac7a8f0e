import { type BranchDomain, type Duration, type ScoreSheet, type WorkingCalendar, advancedCapOf, scoreRubric } from '../../../domain/src/core';
import type { GradeThresholds, GradingStandard } from './rubric';
import { HEFEI_GRADES, HEFEI_GRADE_LABELS, type HefeiGrade, type RectificationStatus, type StandardStatus } from './statuses';

/** A rule refused, with the registry code the API and the workflows answer it with (libs/contracts ERRORS). */
export interface HefeiRefusal {
  code: 'A_GRADE_CAP' | 'INVALID_ACTION' | 'TASK_NOT_OPEN' | 'DEADLINE_PASSED' | 'INVALID_FORM_DATA';
  message: string;
}

// ---------------------------------------------------------------- grades

const rank = (g: HefeiGrade) => HEFEI_GRADES.indexOf(g);
/** Is `a` a better grade than `b`? */
export const betterGrade = (a: HefeiGrade, b: HefeiGrade) => rank(a) < rank(b);

/** Below standard (未达标): must rectify, and may apply again in the same year. */
export const isBelowStandard = (g: HefeiGrade) => g === 'D';

/** The grade an assessor total earns under a standard's thresholds; any veto item makes it D. */
export function gradeFor(total: number, vetoes: readonly string[], thresholds: GradeThresholds): HefeiGrade {
  if (vetoes.length) return 'D';
  if (total >= thresholds.A) return 'A';
  if (total >= thresholds.B) return 'B';
  if (total >= thresholds.C) return 'C';
  return 'D';
}

export interface GradeResult {
  selfTotal: number;
  assessorTotal: number;
  /** The grade the score earns (the committee may give a lower one, never a higher one). */
  earned: HefeiGrade;
  /** Why not A, in Chinese: the score short of a threshold, or the veto items found. */
  reasons: string[];
}

/** Scores a branch's acceptance against its committee's standard: totals from the assessor's sheet, self scores beside them. */
export function gradeAssessment(standard: GradingStandard, self: ScoreSheet, assessor: ScoreSheet, vetoes: readonly string[]): GradeResult {
  const scored = scoreRubric(standard, self, assessor, vetoes);
  const earned = gradeFor(scored.assessorTotal, vetoes, standard.gradeThresholds);
  const t = standard.gradeThresholds;
  const reasons: string[] = [];
  for (const code of vetoes) reasons.push(`存在一票否决情形：${standard.vetoItems.find((v) => v.code === code)?.text ?? code}，定为D级`);
  if (!vetoes.length && earned !== 'A') {
    const next = earned === 'B' ? ['A', t.A] : earned === 'C' ? ['B', t.B] : ['C', t.C];
    reasons.push(`考核得分${scored.assessorTotal}分，未达到${next[0]}级分数线${next[1]}分`);
  }
  return { selfTotal: scored.selfTotal, assessorTotal: scored.assessorTotal, earned, reasons };
}

/** A committee may grade below what the score earns (to keep within the cap), never above it. */
export function refuseGradeChoice(earned: HefeiGrade, chosen: HefeiGrade): HefeiRefusal | null {
  if (!betterGrade(chosen, earned)) return null;
  return { code: 'INVALID_FORM_DATA', message: `考核得分只够评定为${HEFEI_GRADE_LABELS[earned]}，不能评定为${HEFEI_GRADE_LABELS[chosen]}` };
}

// ---------------------------------------------------------------- the A cap on first grading

export const A_GRADE_CAP_SHARE = 0.1;
export const A_GRADE_CAP_RULE = 'A级比例上限规则';

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** How many A grades a committee may give when it grades `graded` branches for the first time: floor(share × graded). */
export const aGradeCap = (graded: number, share: number = A_GRADE_CAP_SHARE) => advancedCapOf(graded, share);

export interface FirstGradingCount {
  committeeName: string;
  /** Branches the committee grades in its first grading (首次定级). */
  graded: number;
  /** A grades it has already given in that grading. */
  aGiven: number;
}

/**
 * 首次定级“A”的党支部数不超过总数的10%: refuses `adding` more A grades when
 * they would take the committee over the cap, naming the rule and the numbers.
 * Grades given outside a first grading are not counted by this rule.
 */
export function refuseAGrades(count: FirstGradingCount, adding: number = 1, share: number = A_GRADE_CAP_SHARE): HefeiRefusal | null {
  if (adding <= 0) return null;
  const cap = aGradeCap(count.graded, share);
  const after = count.aGiven + adding;
  if (after <= cap) return null;
  return {
    code: 'A_GRADE_CAP',
    message:
      `${A_GRADE_CAP_RULE}：首次定级“A”的党支部数不超过总数的${percent(share)}。` +
      `${count.committeeName}首次定级的党支部共${count.graded}个，A级至多${cap}个，已评定${count.aGiven}个，` +
      `再评定${adding}个将达${after}个`,
  };
}

/** A committee's whole first grading at once (the grades it proposes, A or not), against the cap. */
export function refuseFirstGrading(committeeName: string, grades: readonly HefeiGrade[], share: number = A_GRADE_CAP_SHARE): HefeiRefusal | null {
  return refuseAGrades({ committeeName, graded: grades.length, aGiven: 0 }, grades.filter((g) => g === 'A').length, share);
}

// ---------------------------------------------------------------- reapplying after rectification

/**
 * A branch graded below standard rectifies and applies again in the same year:
 * allowed only for a D, once every rectification is accepted, before the
 * regrading deadline (the end of `regradingDueOn`, Beijing time, as `today` is a China date).
 */
export function refuseReapplication(args: { grade: HefeiGrade; openRectifications: number; today: string; regradingDueOn: string }): HefeiRefusal | null {
  if (!isBelowStandard(args.grade)) return { code: 'INVALID_ACTION', message: `该党支部已评定为${HEFEI_GRADE_LABELS[args.grade]}，无需重新申报定级` };
  if (args.today > args.regradingDueOn) return { code: 'DEADLINE_PASSED', message: `本年度重新申报定级已于${args.regradingDueOn}截止` };
  if (args.openRectifications > 0) return { code: 'INVALID_ACTION', message: `尚有${args.openRectifications}项整改未验收，整改验收后方可重新申报定级` };
  return null;
}

// ---------------------------------------------------------------- rectification and standard, step by step

export type RectificationAction = 'submit' | 'return' | 'accept';

/** The next status of a rectification, or why the action is refused: the branch submits, the inspector returns (with an opinion) or accepts. */
export function rectificationStep(status: RectificationStatus, action: RectificationAction, opinion = ''): RectificationStatus | HefeiRefusal {
  if (status === 'accepted') return { code: 'TASK_NOT_OPEN', message: '整改已验收，不能再办理' };
  if (action === 'submit') {
    if (status === 'submitted') return { code: 'TASK_NOT_OPEN', message: '整改情况已报送，待验收' };
    return 'submitted';
  }
  if (status !== 'submitted') return { code: 'TASK_NOT_OPEN', message: '党支部尚未报送整改情况' };
  if (action === 'return' && !opinion.trim()) return { code: 'INVALID_FORM_DATA', message: '退回整改须写明意见' };
  return action === 'return' ? 'returned' : 'accepted';
}

export type StandardAction = 'file' | 'return' | 'accept';

/** The next status of one version of a standard: the committee files its draft; the political department returns it (with an opinion) or accepts it. */
export function standardStep(status: StandardStatus, action: StandardAction, opinion = ''): StandardStatus | HefeiRefusal {
  if (action === 'file') return status === 'draft' ? 'filed' : { code: 'TASK_NOT_OPEN', message: '只有起草中的标准可以报送备案' };
  if (status !== 'filed') return { code: 'TASK_NOT_OPEN', message: '该版本标准未在待审核状态' };
  if (action === 'return' && !opinion.trim()) return { code: 'INVALID_FORM_DATA', message: '退回标准须写明修改意见' };
  return action === 'return' ? 'returned' : 'accepted';
}

export const isRefusal = <T>(x: T | HefeiRefusal): x is HefeiRefusal => typeof x === 'object' && x !== null && 'code' in x && 'message' in x;

// ---------------------------------------------------------------- deadlines: filed on time, late, missed

export type FilingTimeliness = 'pending' | 'overdue' | 'on_time' | 'late' | 'missed';

/**
 * A quarterly self-inspection, by China dates: on time by its due day, late
 * within the late window (up to `closesOn`), missed after that; not yet filed,
 * it is pending until due and overdue (escalated) after.
 */
export function filingTimeliness(args: { dueOn: string; closesOn: string; filedOn: string | null; today: string }): FilingTimeliness {
  if (args.filedOn !== null) return args.filedOn <= args.dueOn ? 'on_time' : args.filedOn <= args.closesOn ? 'late' : 'missed';
  if (args.today <= args.dueOn) return 'pending';
  return args.today <= args.closesOn ? 'overdue' : 'missed';
}

/** A committee's August report: late is counted as a missed deadline (and escalated), whenever it comes. */
export const reportIsLate = (dueOn: string, filedOn: string) => filedOn > dueOn;

/** The last day to rectify a problem found on `foundOn` (a China date): the rectification window counted on the working-day calendar. */
export const rectificationDueOn = (calendar: WorkingCalendar, foundOn: string, window: Duration) => calendar.lastDayOf(foundOn, window);

// ---------------------------------------------------------------- private enterprises and social organisations (附件2)

export const isPrivateOrSocial = (domain: BranchDomain | null) => domain === 'private_enterprise' || domain === 'social_organization';

export interface PrivateSocialFlags {
  /** 确保党支部书记每人每年至少参加1次集中培训. */
  trainingRequired: boolean;
  /** 党员人数不足3名的党支部，实行重点帮扶. */
  focusedHelp: boolean;
  /** 及时清理无党员的“空壳党支部”: listed for a cleanup review. */
  cleanup: boolean;
}

/** What attachment 2 asks of a branch; branches of other domains, and those whose membership is unknown, are not flagged. */
export function privateSocialFlags(branch: { domain: BranchDomain | null; memberCount: number | null }, minimumMembers: number): PrivateSocialFlags {
  const applies = isPrivateOrSocial(branch.domain);
  const members = branch.memberCount;
  return {
    trainingRequired: applies,
    focusedHelp: applies && members !== null && members > 0 && members < minimumMembers,
    cleanup: applies && members === 0,
  };
}

/** Has the secretary been trained often enough this year? */
export const trainingDone = (trainingsThisYear: number, trainingsPerYear: number) => trainingsThisYear >= trainingsPerYear;
