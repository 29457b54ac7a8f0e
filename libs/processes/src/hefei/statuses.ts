/**
 * What Hefei's subjects are and the statuses they pass through, with the
 * labels users read (PROCESSES.md §2, seed 003).
 */

/** The five basics (五个基本) the grading standard and the problems found are organised around. */
export const FIVE_BASICS = ['team', 'base', 'rules', 'activities', 'support'] as const;
export type FiveBasic = (typeof FIVE_BASICS)[number];

export const FIVE_BASIC_LABELS: Record<FiveBasic, string> = {
  team: '基本队伍',
  base: '基本阵地',
  rules: '基本制度',
  activities: '基本活动',
  support: '基本保障',
};

/** Classification grades (分类定级), best first. */
export const HEFEI_GRADES = ['A', 'B', 'C', 'D'] as const;
export type HefeiGrade = (typeof HEFEI_GRADES)[number];

/**
 * The document names the grades' purpose, not their words ("扩大先进党支部增量、提升中间党支部水平、
 * 督促未达标的党支部…尽快达标"); these labels are Pennant's reading of it.
 */
export const HEFEI_GRADE_LABELS: Record<HefeiGrade, string> = {
  A: 'A级（先进）',
  B: 'B级（达标）',
  C: 'C级（基本达标）',
  D: 'D级（未达标）',
};

export function isHefeiGrade(value: unknown): value is HefeiGrade {
  return typeof value === 'string' && (HEFEI_GRADES as readonly string[]).includes(value);
}

/** A committee's grading standard, version by version: drafted, filed with the political department, returned or accepted. */
export const STANDARD_STATUSES = ['draft', 'filed', 'returned', 'accepted', 'superseded'] as const;
export type StandardStatus = (typeof STANDARD_STATUSES)[number];
export const STANDARD_STATUS_LABELS: Record<StandardStatus, string> = {
  draft: '起草中',
  filed: '已报局政治部备案，待审核',
  returned: '已退回修改',
  accepted: '已备案（现行）',
  superseded: '已被新版本取代',
};

/** One organisation's self-inspection for one quarter. */
export const SELF_INSPECTION_STATUSES = ['open', 'overdue', 'filed', 'missed'] as const;
export type SelfInspectionStatus = (typeof SELF_INSPECTION_STATUSES)[number];
export const SELF_INSPECTION_STATUS_LABELS: Record<SelfInspectionStatus, string> = {
  open: '待自查',
  overdue: '已逾期，待补报',
  filed: '已报送',
  missed: '缺报',
};

/** The bureau committee's half-yearly special inspection of one committee. */
export const SPECIAL_INSPECTION_STATUSES = ['scheduled', 'in_progress', 'completed'] as const;
export type SpecialInspectionStatus = (typeof SPECIAL_INSPECTION_STATUSES)[number];
export const SPECIAL_INSPECTION_STATUS_LABELS: Record<SpecialInspectionStatus, string> = {
  scheduled: '待督查',
  in_progress: '督查中',
  completed: '督查完成',
};

/** A problem found and its rectification by the branch, accepted or returned by whoever found it. */
export const RECTIFICATION_STATUSES = ['open', 'submitted', 'returned', 'accepted'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  open: '待整改',
  submitted: '已报送整改情况，待验收',
  returned: '整改未通过，已退回',
  accepted: '整改已验收',
};

/** Where a problem to rectify was found: the bureau committee's special inspection, or the acceptance of a branch graded below standard. */
export const PROBLEM_SOURCES = ['special_inspection', 'grading'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];
export const PROBLEM_SOURCE_LABELS: Record<ProblemSource, string> = {
  special_inspection: '专项督查',
  grading: '考核验收',
};

/** One branch's way through a grading round: 基层自评、逐级申报、考核验收、结果评定. */
export const GRADING_STATUSES = ['self_assessment', 'applied', 'returned', 'accepting', 'graded'] as const;
export type GradingStatus = (typeof GRADING_STATUSES)[number];
export const GRADING_STATUS_LABELS: Record<GradingStatus, string> = {
  self_assessment: '党支部自评中',
  applied: '已申报，待基层党委审核',
  returned: '申报被退回，待修改后重新申报',
  accepting: '基层党委已审核，考核验收中',
  graded: '已评定等次',
};

/** A committee's report of its grading to the political department (8月上旬). */
export const REPORT_STATUSES = ['open', 'filed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  open: '待报送',
  filed: '已报送',
};

/** A branch without members, reviewed for cleanup (清理“空壳党支部”). */
export const CLEANUP_STATUSES = ['open', 'dissolved', 'retained'] as const;
export type CleanupStatus = (typeof CLEANUP_STATUSES)[number];
export const CLEANUP_STATUS_LABELS: Record<CleanupStatus, string> = {
  open: '待审核',
  dissolved: '已撤销（清理）',
  retained: '保留，限期发展或转入党员',
};

/** Every kind of subject with its statuses, as a process definition lists them. */
export const HEFEI_SUBJECTS = [
  { kind: 'grade', label: '分类定级等次', statuses: HEFEI_GRADE_LABELS },
  { kind: 'standard', label: '分类定级标准', statuses: STANDARD_STATUS_LABELS },
  { kind: 'self_inspection', label: '季度自查', statuses: SELF_INSPECTION_STATUS_LABELS },
  { kind: 'special_inspection', label: '半年专项督查', statuses: SPECIAL_INSPECTION_STATUS_LABELS },
  { kind: 'rectification', label: '问题整改', statuses: RECTIFICATION_STATUS_LABELS },
  { kind: 'grading', label: '定级申报', statuses: GRADING_STATUS_LABELS },
  { kind: 'report', label: '定级情况报送', statuses: REPORT_STATUS_LABELS },
  { kind: 'cleanup', label: '空壳党支部清理', statuses: CLEANUP_STATUS_LABELS },
] as const;

/** The same, flat: "kind.status" → label (the shape ProcessDefinition.subjectStatuses takes). */
export const HEFEI_SUBJECT_STATUS_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  HEFEI_SUBJECTS.flatMap((s) => Object.entries(s.statuses).map(([status, label]) => [`${s.kind}.${status}`, `${s.label}：${label}`])),
);
