/**
 * Chinese names for the fields and values a process's dashboard sections return. The sections render
 * generically from the answer; these only name what they show (an unknown field shows its key).
 */
export const FIELD_LABELS: Record<string, string> = {
  branchName: '党支部',
  grassrootsCommittee: '基层党（工）委',
  cityManagedCommittee: '市管党（工）委',
  reviewStatus: '审核状态',
  status: '状态',
  statusLabel: '状态',
  reason: '理由',
  priority: '重点推荐',
  agency: '单位',
  answeredAt: '答复时间',
  committee: '党委',
  committeeName: '党委',
  candidates: '候选对象数',
  gapOpinion: '党委决定理由',
  recordedAt: '记录时间',
  agencyKinds: '缺少的单位类别',
  unanswered: '逾期未复的单位',
  levelsWithoutAgency: '同级缺少单位的党委',
  noticeTitle: '公示',
  scope: '范围',
  itemName: '异议对象',
  resolution: '核查结论',
  lodgedAt: '提出时间',
  byGrade: '按等次',
  byStatus: '按状态',
  branches: '党支部数',
  items: '明细',
  quarter: '季度',
  label: '名称',
  dueAt: '截止时间',
  dueOn: '截止日期',
  due: '应报送',
  onTime: '按时',
  late: '迟报',
  missed: '缺报',
  missing: '缺报',
  pending: '未到期',
  open: '未到期',
  unresolved: '未验收的整改',
  overdue: '已逾期',
  count: '数量',
  problem: '问题',
  aCapShare: 'A级比例上限',
  aCapRespected: '未超过A级比例上限',
  committees: '各党委',
  inProgress: '尚未评定',
  firstGrading: '首次定级',
  graded: '已评定',
  aGiven: 'A级数',
  aCap: 'A级上限',
  regraded: '重新定级次数',
  state: '状态',
  stateLabel: '状态',
  filedAt: '报送时间',
  escalatedAt: '督办时间',
  acceptedAt: '备案时间',
  withAccepted: '已有备案标准的党委',
  withoutAccepted: '尚无备案标准的党委',
  awaitingReview: '待审核的党委',
  acceptedVersion: '现行版本',
  latestVersion: '最新版本',
  latestStatus: '最新状态',
  latestStatusLabel: '最新状态',
  filed: '报送版本数',
  returned: '退回版本数',
};

const GRADES: Record<string, string> = {
  advanced: '先进',
  average: '中间',
  lagging: '后进',
  weak_and_lax: '软弱涣散',
  A: 'A级（先进）',
  B: 'B级（达标）',
  C: 'C级（基本达标）',
  D: 'D级（未达标）',
};

/** Values named per field; the process's own subject statuses (GET /processes) come first where they apply. */
export const VALUE_LABELS: Record<string, Record<string, string>> = {
  byGrade: GRADES,
  reviewStatus: { under_review: '审核中', returned: '已退回修改', approved: '基层党委已同意推荐', rejected: '未通过' },
  status: {
    investigating: '核查中',
    upheld: '异议成立',
    dismissed: '异议不成立',
    open: '待整改',
    submitted: '已报送整改情况，待验收',
    returned: '整改未通过，已退回',
    accepted: '整改已验收',
  },
  byStatus: { open: '待整改', submitted: '待验收', returned: '已退回', accepted: '已验收' },
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}

export function valueLabel(field: string, value: string, subjectStatuses: Record<string, string>): string {
  return subjectStatuses[value] ?? VALUE_LABELS[field]?.[value] ?? value;
}

/** Ids are for links, not for reading. */
export function isIdField(key: string): boolean {
  return key === 'id' || key.endsWith('Id');
}
