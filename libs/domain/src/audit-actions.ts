import { TASK_ACTION_LABELS, TASK_OUTCOME_LABELS } from './human-task';
import { REVIEW_DECISION_LABELS } from './nomination';
import { CANDIDATE_STATUS_LABELS } from './red-flag-selection';

/** `prefix.key` → its label, for each entry of a label table: the codes one template writes. */
const family = (prefix: string, labels: Readonly<Record<string, string>>, label: (l: string) => string): Record<string, string> =>
  Object.fromEntries(Object.entries(labels).map(([key, l]) => [`${prefix}.${key}`, label(l)]));

/** A decision is written with its outcome (`task.decide.<outcome>`), every other action by itself. */
const taskActions = Object.fromEntries(Object.entries(TASK_ACTION_LABELS).filter(([type]) => type !== 'decide'));

/**
 * What the audit screen calls each action code the system writes to the trail
 * (`appendAudit`'s `action`, and the migration's marker). The codes stay in the
 * trail as written; test/unit/audit-action-labels.spec.ts finds every one in
 * the source and fails when one has no label here.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = Object.freeze({
  'audit.signatures_required': '审计记录启用签名',
  'user.locked': '锁定账号（登录失败次数过多）',
  'calendar.year.replaced': '维护工作日历',
  'consultation_list.replaced': '维护征求意见单位名单',
  'rubric.veto_item.added': '考核细则增加一票否决项',
  'attachment.uploaded': '上传附件',
  'attachment.deleted': '删除附件',
  'organisation.term_extended': '延长党支部任期',

  // Campaigns: the administrator's controls, then what the engine records.
  'campaign.created': '创建评选活动',
  'campaign.start': '启动评选活动',
  'campaign.pause': '暂停评选活动',
  'campaign.resume': '恢复评选活动',
  'campaign.extend': '延长阶段期限',
  'campaign.cancel': '撤销评选活动',
  'campaign.completed': '评选活动结束',
  'campaign.cancelled': '评选活动已撤销',
  'plan.phase.met': '阶段目标达成',
  'plan.phase.missed': '阶段目标未达成',

  // Human tasks (待办): the engine's actions, and each decision with its outcome.
  'task.opened': '待办：生成',
  'task.overdue': '待办：逾期',
  'task.escalation': '待办：逾期上报上级',
  'task.copy': '待办：抄送',
  ...family('task', taskActions, (l) => `待办：${l}`),
  ...family('task.decide', TASK_OUTCOME_LABELS, (l) => `待办：办理（${l}）`),

  // Nominations (推荐申报) and candidates.
  'nomination.submitted': '提交推荐申报',
  'nomination.resubmitted': '重新提交推荐申报',
  ...family('nomination.review', REVIEW_DECISION_LABELS, (l) => `审核推荐申报：${l}`),
  ...family('candidate', CANDIDATE_STATUS_LABELS, (l) => `候选党支部：${l}`),
  'selection.decided': '确定差额推荐结果',
  'assessment.self_scored': '考核自评',
  'assessment.assessed': '考核评分',

  // Consultation (征求意见) and public notice (公示).
  'consultation.opened': '发起征求意见',
  'consultation.answered': '答复征求意见',
  'consultation.no_answer': '征求意见逾期未答复，视为无异议',
  'consultation.proceeded_without_answer': '征求意见逾期未答复，记录缺项后继续',
  'consultation.completed': '征求意见结束',
  'consultation.level_without_agency': '本级无应征求意见的单位',
  'notice.published': '发布公示',
  'notice.objection.lodged': '提出异议',
  'notice.objection.upheld': '核查异议：异议成立',
  'notice.objection.dismissed': '核查异议：异议不成立',
  'notice.closing': '公示期满',
  'notice.closed': '公示结束',

  // Recurring obligations (履职任务).
  'obligation.recorded': '登记履职情况',
  'obligation.completed': '完成履职任务',
  'obligation.overdue': '履职任务逾期',
  'obligation.moved': '调整履职任务期限',
  'obligation.postponed': '履职任务顺延至下一年度',

  // Ledger (台账) and Tai'an's red-flag branches.
  'ledger.entry.created': '新建台账',
  'ledger.entry.updated': '修改台账',
  'ledger.entry.named': '命名后调整台账等次',
  'campaign.named': '命名“泰山先锋”红旗党支部',
  'campaign.committee_red_flags': '评选本级红旗党支部',
  'campaign.title_withdrawn': '抽查后取消红旗党支部称号',

  // Hefei: classification grading (分类定级).
  'hefei.standard.filed': '报送分类定级标准',
  'hefei.standard.accepted': '审核备案定级标准：同意备案',
  'hefei.standard.returned': '审核备案定级标准：退回修改',
  'hefei.grading.applied': '自评申报定级',
  'hefei.grading.application_approved': '审核定级申报：同意',
  'hefei.grading.application_returned': '审核定级申报：退回',
  'hefei.grading.accepted': '考核验收评分',
  'hefei.grading.graded': '评定党支部等次',
  'hefei.special_inspection.completed': '完成专项督查',
  'hefei.rectification.submitted': '报送整改情况',
  'hefei.rectification.returned': '退回整改',
  'hefei.rectification.accepted': '整改验收通过',
  'hefei.pairing.assigned': '确定结对帮扶单位',
  'hefei.cleanup.dissolved': '审查“空壳”党支部：撤销',
  'hefei.cleanup.retained': '审查“空壳”党支部：保留',
  'hefei.report.filed': '报送分类定级情况',

  // Wujin: the three-year standardisation plan.
  'wujin.plan.filed': '报送规范化建设实施方案',
  'wujin.plan.accepted': '审核实施方案：同意',
  'wujin.plan.returned': '审核实施方案：退回修改',
  'wujin.member_cases.filed': '报送“失联”和违法违纪党员处理清单',
  'wujin.shell.dissolved': '审查“空壳”党组织：撤销',
  'wujin.shell.retained': '审查“空壳”党组织：保留',
  'wujin.assessment.declared': '考核申报',
  'wujin.assessment.passed': '验收评定：合格',
  'wujin.assessment.failed': '验收评定：不合格',
  'wujin.rectification.submitted': '报送整顿情况',
  'wujin.rectification.accepted': '审核整顿情况：通过',
  'wujin.rectification.returned': '审核整顿情况：退回',
  'wujin.rectification.dissolved': '审核整顿情况：撤销',
  'wujin.rectification.merged': '审核整顿情况：撤并',
  'wujin.brand.filed': '提交党建工作品牌',
  'wujin.brand.accepted': '认定党建工作品牌：认定',
  'wujin.brand.returned': '认定党建工作品牌：退回',
  'wujin.phase.met': '规范化建设阶段目标达成',
  'wujin.phase.missed': '规范化建设阶段目标未达成',
  'wujin.re_election_delay.requested': '申请延期换届',
  'wujin.re_election_delay.approved': '审批延期换届：批准',
  'wujin.re_election_delay.refused': '审批延期换届：不批准',

  // Zibo: hard branches (过硬党支部) and party-building projects (党建项目).
  'zibo.plan': '报备或备案“三会一课”年度计划',
  'zibo.standard': '细化过硬党支部标准',
  'zibo.self_scores': '自查自评',
  'zibo.bureau_scores': '局党委考评',
  'zibo.gaps': '对标建设',
  'zibo.duty_report': '支部书记述职',
  'zibo.ratings': '“双述双评”评价',
  'zibo.project.proposals': '征集党建项目建议',
  'zibo.project.committee_screening': '支委会筛选党建项目',
  'zibo.project.members_screening': '党员大会筛选党建项目',
  'zibo.project.submitted': '报送党建项目',
  'zibo.project.approved': '审核党建项目：通过',
  'zibo.project.returned': '审核党建项目：退回修改',
  'zibo.project.rejected': '审核党建项目：不通过',
  'zibo.project.in_progress': '党建项目实施进展',
  'zibo.project.accepted': '验收党建项目：合格',
  'zibo.project.failed': '验收党建项目：不合格',
  'zibo.project.flagged': '未按期确定党建项目（预警）',
  'zibo.hard_branch.conferred': '授予过硬党支部称号',
  'zibo.hard_branch.retained': '过硬党支部动态复核：保留称号',
  'zibo.hard_branch.withdrawn': '过硬党支部动态复核：撤销称号',
  'zibo.help_case.opened': '确定结对帮教',
  'zibo.help_case.closed': '结对帮教整改结束',

  // Liangshan: the "five-good branch" responsibility list (责任清单).
  'liangshan.list.saved': '维护责任清单',
  'liangshan.year.opened': '启用年度责任清单',
});

/** The Chinese name of an audit action; a code without one still reads as Chinese, with the code for reference. */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action] : `其他操作（${action}）`;
}
