import { type ProcessDefinition, processParameters } from '../definition';
import { ZIBO_SUBJECT_STATUS_LABELS, ZIBO_YEAR_WORKFLOW, type ZiboYearInput } from './contracts';
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
  forms: ZIBO_FORMS,
  dashboardSections: [],
  documents: [],
};
