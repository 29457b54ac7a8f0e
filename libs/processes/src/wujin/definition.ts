import { type ProcessDefinition, processParameters } from '../definition';
import { WUJIN_PLAN_WORKFLOW, type WujinPlanInput } from './contracts';
import { WUJIN_FORMS } from './forms';
import { overrides, parametersSchema } from './parameters';
import { WUJIN_STAGES, WUJIN_STAGE_LABELS, type WujinPlanParams, defaultWujinParams, planWujin } from './plan';
import { RE_ELECTION_DELAY_STATUS_LABELS } from './re-election';
import { WUJIN_SUBJECT_STATUS_LABELS } from './statuses';

/** Wujin's three-year branch standardisation plan (PROCESSES.md §3, seed 004: 武组发〔2016〕113号). */
export const wujin: ProcessDefinition<WujinPlanParams> = {
  id: 'wujin',
  name: '武进区党支部规范化建设三年行动计划',
  source: 'PROCESSES.md §3（武进，seed 004：区委组织部关于实施党支部规范化建设三年行动计划的意见）',
  parameters: processParameters({ schema: parametersSchema, overrides, defaults: defaultWujinParams }),
  stages: WUJIN_STAGES.map((id) => ({ id, label: WUJIN_STAGE_LABELS[id] })),
  plan: planWujin,
  calendarYears: 3,
  title: (params) => `${params.year}—${params.year + 2}年党支部规范化建设三年行动`,
  workflow: {
    type: WUJIN_PLAN_WORKFLOW,
    input: (s): WujinPlanInput => ({
      campaignId: s.campaignId,
      title: s.title,
      params: s.params,
      plan: s.plan as WujinPlanInput['plan'],
      orgDepartment: s.orgDepartment,
      districtCommittee: s.cityCommittee,
      startedBy: s.startedBy,
    }),
  },
  subjectStatuses: WUJIN_SUBJECT_STATUS_LABELS,
  auditCodes: { 'wujin.re_election_delay': { status: RE_ELECTION_DELAY_STATUS_LABELS } },
  forms: WUJIN_FORMS,
  dashboardSections: [
    { id: 'phases', label: '各阶段目标、实测值和截止日期（未达成的列出落后单位）' },
    { id: 'compliance', label: '各党(工)委达标情况' },
    { id: 'scores', label: '考核得分和一票否决情形' },
    { id: 'rectifications', label: '整顿（进行中、逾期）及撤销、撤并' },
    { id: 'brands', label: '党建工作品牌' },
    { id: 'obligations', label: '“三会一课”等经常性工作完成情况' },
  ],
  documents: [
    { id: 'compliance_list', title: '党支部规范化建设合格支部名单', path: '/campaigns/{campaignId}/compliance-list.xlsx' },
    { id: 'score_sheet', title: '党支部规范化建设考核评分表（按支部）', path: '/campaigns/{campaignId}/wujin/branches/{branchId}/score-sheet.xlsx' },
  ],
};
