import { CONSULTATION_ANSWER_LABELS } from './consultation';
import { TASK_OUTCOME_LABELS, TASK_STATUS_LABELS } from './human-task';
import { BRANCH_GRADE_LABELS } from './ledger';
import { NOMINATION_STATUS_LABELS } from './nomination';
import { OBLIGATION_STATUS_LABELS } from './obligations';
import { AGENCY_KIND_LABELS } from './organisation';
import { CANDIDATE_STATUS_LABELS } from './red-flag-selection';
import { ROLE_LABELS } from './roles';

/**
 * What the audit screen calls each key of a record's `before` and `after`.
 * test/unit/audit-field-labels.spec.ts finds the keys every appendAudit call
 * writes and fails when one has no label here.
 */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = Object.freeze({
  // Ledger (台账), as the ledger screen names its columns.
  grade: '等次',
  goals: '目标',
  problems: '存在问题',
  measures: '整改措施',
  evaluation: '年度考评',
  contact: '联系人',
  contactTitle: '联系人职务',
  phone: '联系电话',

  // Where a thing stands and what was decided.
  status: '状态',
  outcome: '办理结果',
  decision: '决定',
  result: '结果',
  label: '操作',
  step: '步骤',
  what: '事项',
  opinion: '意见',
  reasons: '理由',
  late: '是否逾期',
  completed: '是否完成',
  rectified: '是否整改到位',
  itemRemoved: '是否移出公示名单',

  // Who and what is concerned.
  role: '角色',
  kind: '类别',
  kinds: '征求意见单位类别',
  ids: '党支部',
  branchId: '党支部',
  committeeId: '党委',
  organisationId: '组织',
  subjectId: '办理对象',
  taskId: '待办',
  targets: '抄送对象',
  slots: '办理人',
  state: '办理状态',
  agencies: '征求意见单位',
  partner: '结对帮扶单位',
  memberName: '帮教对象',
  helperName: '帮教责任人',
  userId: '用户',
  id: '编号',
  name: '名称',
  title: '标题',
  description: '简介',

  // Dates and deadlines.
  dueAt: '办理期限',
  dueDate: '完成期限',
  deadline: '期限',
  until: '截止时间',
  termEndsOn: '任期届满日期',
  postponedTo: '顺延至',
  lastDay: '公示最后一天',
  endsAt: '公示结束时间',
  duration: '公示期',
  date: '日期',
  year: '年度',
  campaignYear: '评选年度',
  half: '半年',

  // Campaigns, selection and assessment.
  params: '活动参数',
  stage: '阶段',
  phase: '阶段目标',
  target: '目标值',
  measured: '实际值',
  figures: '统计数据',
  behind: '未达标单位',
  candidates: '候选党支部',
  rules: '规则',
  selected: '推荐结果',
  explanations: '推荐理由说明',
  scores: '评分',
  score: '得分',
  selfTotal: '自评总分',
  assessorTotal: '考核总分',
  vetoes: '一票否决情形',
  vetoItems: '一票否决项',
  verdicts: '征求意见结论',
  answers: '答复',
  answer: '答复',
  candidateId: '候选党支部',
  form: '申报表',
  data: '填报内容',

  // Public notice (公示) and objections.
  items: '条目',
  itemId: '公示条目',
  objectionId: '异议',

  // Recurring obligations (履职任务).
  hours: '学时',
  counted: '计入学时',
  overMax: '超出上限的学时',
  occurrenceChange: '履职任务调整',
  delayId: '延期换届申请',

  // The processes' own filings.
  version: '版本',
  duties: '职责数',
  cases: '党员处理清单条数',
  note: '说明',
  onSiteItems: '须实地查看的条目',
  onSiteChecks: '实地查看记录',
  evidence: '佐证材料',
  evidenceAttachments: '佐证附件',
  plan: '计划',
  standard: '标准',
  gaps: '对标差距',
  report: '述职报告',
  bureauRating: '局党委评价',
  membersRating: '党员评价',
  membersParticipants: '参评党员人数',
  proposals: '征集的项目建议数',
  chosen: '选定的项目',
  list: '责任清单来源',

  // Settings: the calendar, consultation lists, rubrics, accounts, attachments.
  days: '日期设置',
  source: '来源',
  stored: '已保存',
  failures: '连续登录失败次数',
  address: '登录地址',
  attachmentId: '附件',
  filename: '文件名',
  sizeBytes: '大小（字节）',
  sha256: '校验值（SHA-256）',
  storage: '存储方式',
  // A side that is not an object (see auditChanges).
  value: '内容',
});

/**
 * What the audit screen calls the kind of thing a record is about (its `subjectType`).
 * test/unit/audit-field-labels.spec.ts finds the kinds every appendAudit call writes and fails on one without a label.
 */
export const AUDIT_SUBJECT_LABELS: Readonly<Record<string, string>> = Object.freeze({
  branch: '党支部',
  organisation: '组织',
  user: '用户',
  nomination: '推荐申报',
  task: '待办',
  campaign: '评选活动',
  selection: '差额推荐',
  consultation: '征求意见',
  consultation_agency_list: '征求意见单位名单',
  public_notice: '公示',
  ledger_entry: '台账',
  calendar_year: '工作日历',
  // Written once, by the migration that began signing the trail.
  audit_log: '审计记录',
  plan: '工作计划',
  rubric: '考核细则',
  rubric_assessment: '考核评分',
  obligation_occurrence: '履职任务',
  liangshan_list: '责任清单',
  hefei_standard: '分类定级标准',
  hefei_grading: '分类定级',
  hefei_report: '分类定级情况报告',
  hefei_rectification: '整改（分类定级）',
  hefei_pairing: '结对帮扶',
  hefei_cleanup: '“空壳”党支部审查',
  hefei_special_inspection: '专项督查',
  wujin_implementation_plan: '规范化建设实施方案',
  wujin_brand: '党建工作品牌',
  wujin_rectification: '整顿（规范化建设）',
  wujin_re_election_delay: '延期换届申请',
  wujin_shell_review: '“空壳”党组织审查',
  wujin_member_cases: '“失联”和违法违纪党员处理清单',
  zibo_project: '党建项目',
  zibo_help_case: '结对帮教',
});

/** The Chinese name of a record's subject kind; an unknown kind still reads as Chinese, with the code for reference. */
export function auditSubjectLabel(subjectType: string): string {
  return Object.hasOwn(AUDIT_SUBJECT_LABELS, subjectType) ? AUDIT_SUBJECT_LABELS[subjectType] : `其他（${subjectType}）`;
}

/** The display of one field's codes: code → label. */
export type CodeLabels = Readonly<Record<string, string>>;

/**
 * The codes of each field, by the action family that writes them (the longest
 * action prefix wins; '' is every action): the same key holds other codes in
 * other records, a `status` of a nomination is not a task's.
 */
export type AuditFieldCodes = Readonly<Record<string, Readonly<Record<string, CodeLabels>>>>;

/** A public notice's and its objections' statuses (libs/contracts/src/public-notice.ts). */
const NOTICE_STATUS_LABELS: CodeLabels = {
  open: '公示中',
  closing: '公示期满',
  closed: '公示结束',
  investigating: '核查中',
  upheld: '异议成立',
  dismissed: '异议不成立',
};

/** The engine's codes; each process adds its own (ProcessDefinition.auditCodes). */
export const AUDIT_FIELD_CODES: AuditFieldCodes = Object.freeze({
  '': { grade: BRANCH_GRADE_LABELS, role: ROLE_LABELS, outcome: TASK_OUTCOME_LABELS, decision: TASK_OUTCOME_LABELS, answer: CONSULTATION_ANSWER_LABELS, kinds: AGENCY_KIND_LABELS },
  nomination: { status: NOMINATION_STATUS_LABELS },
  task: { status: TASK_STATUS_LABELS },
  notice: { status: NOTICE_STATUS_LABELS },
  obligation: { status: OBLIGATION_STATUS_LABELS },
  campaign: { status: CANDIDATE_STATUS_LABELS },
  consultation: { kind: AGENCY_KIND_LABELS },
});

/** The Chinese name of a key of `before`/`after`; unknown keys still read as Chinese, with the key for reference. */
export function auditFieldLabel(field: string): string {
  return Object.hasOwn(AUDIT_FIELD_LABELS, field) ? AUDIT_FIELD_LABELS[field] : `其他（${field}）`;
}
