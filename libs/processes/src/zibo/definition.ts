import { type ProcessDefinition, processParameters } from '../definition';
import { ZIBO_HARD_BRANCH_REVIEW_LABELS, ZIBO_PLAN_STATUS_LABELS, ZIBO_PROJECT_STATUS_LABELS, ZIBO_SUBJECT_STATUS_LABELS, ZIBO_YEAR_WORKFLOW, type ZiboYearInput } from './contracts';
import { ZIBO_FORMS } from './forms';
import { overrides, parametersSchema } from './parameters';
import { ZIBO_STAGES, ZIBO_STAGE_LABELS, type ZiboParams, defaultZiboParams, planZibo } from './plan';

/** Zibo's "five projects" for hard branches (PROCESSES.md §4, seed 000: 淄科党委字〔2017〕26号), one year of it. */
export const zibo: ProcessDefinition<ZiboParams> = {
  id: 'zibo',
  name: '淄博市科技局“五大工程”过硬支部建设',
  source: 'PROCESSES.md §4（淄博，seed 000：关于实施“五大工程”推进过硬支部建设的意见，淄科党委字〔2017〕26号）',
  parameters: processParameters({ schema: parametersSchema, overrides, defaults: defaultZiboParams }),
  stages: ZIBO_STAGES.map((id) => ({ id, label: ZIBO_STAGE_LABELS[id] })),
  plan: planZibo,
  calendarYears: 1,
  title: (params) => `${params.year}年度过硬支部建设`,
  workflow: {
    type: ZIBO_YEAR_WORKFLOW,
    input: (s): ZiboYearInput => ({
      campaignId: s.campaignId,
      title: s.title,
      params: s.params,
      plan: s.plan as ZiboYearInput['plan'],
      department: s.orgDepartment,
      bureau: s.cityCommittee,
      startedBy: s.startedBy,
    }),
  },
  subjectStatuses: ZIBO_SUBJECT_STATUS_LABELS,
  auditCodes: {
    'zibo.plan': { status: ZIBO_PLAN_STATUS_LABELS },
    'zibo.project': { status: ZIBO_PROJECT_STATUS_LABELS },
    'zibo.hard_branch': { status: ZIBO_HARD_BRANCH_REVIEW_LABELS },
  },
  forms: ZIBO_FORMS,
  dashboardSections: [
    { id: 'projects', label: '党建项目各阶段数量，未按期确定项目的党支部' },
    { id: 'hardBranches', label: '本年度评定和复核的过硬支部' },
    { id: 'evaluation', label: '年度计划备案、标准、自评、考评、对标和“双述双评”' },
    { id: 'obligations', label: '“三会一课”等按次计数的经常性工作：各项、各党支部的按期、逾期、未完成和超出上限情况，本月落后的党支部' },
  ],
  documents: [{ id: 'project_ledger', title: '党建项目台账', path: '/campaigns/{campaignId}/zibo/project-ledger.xlsx' }],
};
