import { type ProcessDefinition, processParameters } from '../definition';
import { LIANGSHAN_YEAR_WORKFLOW, type LiangshanYearInput } from './contracts';
import { LIANGSHAN_FORMS } from './forms';
import { overrides, parametersSchema } from './parameters';
import { LIANGSHAN_STAGES, LIANGSHAN_STAGE_LABELS, type LiangshanParams, defaultLiangshanParams, planLiangshan } from './plan';

/** Liangshan's “five-good branch” responsibility list (PROCESSES.md §5, seed 002: 州科协党支部关于开展“五好党支部”创建活动的通知). */
export const liangshan: ProcessDefinition<LiangshanParams> = {
  id: 'liangshan',
  name: '凉山州“五好党支部”创建责任清单',
  source: 'PROCESSES.md §5（凉山，seed 002：关于开展“五好党支部”创建活动的通知及责任清单）',
  parameters: processParameters({ schema: parametersSchema, overrides, defaults: defaultLiangshanParams }),
  stages: LIANGSHAN_STAGES.map((id) => ({ id, label: LIANGSHAN_STAGE_LABELS[id] })),
  plan: planLiangshan,
  title: (params) => `${params.year}年度“五好党支部”创建责任清单`,
  workflow: {
    type: LIANGSHAN_YEAR_WORKFLOW,
    input: (s): LiangshanYearInput => ({
      campaignId: s.campaignId,
      title: s.title,
      params: s.params,
      plan: s.plan as LiangshanYearInput['plan'],
      orgDepartment: s.orgDepartment,
      districtCommittee: s.cityCommittee,
      startedBy: s.startedBy,
    }),
  },
  subjectStatuses: { open: '办理中', completed: '已完成', overdue: '已逾期' },
  forms: LIANGSHAN_FORMS,
  dashboardSections: [
    { id: 'list', label: '责任清单完成情况（到期、按时、逾期完成、未完成），本月落后的党支部' },
    { id: 'thresholds', label: '各党支部创建标准达标情况（满意率、优秀党员比例、集中学习、党员领导干部组织生活、党课、谈心谈话）' },
  ],
  documents: [{ id: 'responsibility_list', title: '“五好党支部”创建工作责任清单（含完成情况）', path: '/campaigns/{campaignId}/liangshan/branches/{branchId}/responsibility-list.xlsx' }],
};
