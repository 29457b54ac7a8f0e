import { type ProcessDefinition, processParameters } from '../definition';
import { HEFEI_CAMPAIGN_WORKFLOW, type HefeiCampaignInput } from './contracts';
import { HEFEI_FORMS } from './forms';
import { overrides, parametersSchema } from './parameters';
import { HEFEI_STAGES, HEFEI_STAGE_LABELS, type HefeiCampaignParams, defaultHefeiParams, planHefeiCampaign } from './plan';
import { HEFEI_GRADE_LABELS, HEFEI_SUBJECT_STATUS_LABELS } from './statuses';

/**
 * Hefei's branch-building improvement cycle (PROCESSES.md §2, seed 003: 中共合肥市司法局委员会
 * 关于党支部建设提升行动的实施方案, 2018). Not yet in the registry: its workflow does not exist.
 */
export const hefei: ProcessDefinition<HefeiCampaignParams> = {
  id: 'hefei',
  name: '合肥市司法局党支部建设提升行动',
  source: 'PROCESSES.md §2（合肥，seed 003：中共合肥市司法局委员会关于党支部建设提升行动的实施方案）',
  parameters: processParameters({ schema: parametersSchema, overrides, defaults: defaultHefeiParams }),
  stages: HEFEI_STAGES.map((id) => ({ id, label: HEFEI_STAGE_LABELS[id] })),
  plan: planHefeiCampaign,
  title: (params) => `${params.year}年度党支部建设提升行动（分类定级）`,
  workflow: {
    type: HEFEI_CAMPAIGN_WORKFLOW,
    input: (s): HefeiCampaignInput => ({
      campaignId: s.campaignId,
      title: s.title,
      params: s.params,
      plan: s.plan as HefeiCampaignInput['plan'],
      politicalDepartment: s.orgDepartment,
      bureauCommittee: s.cityCommittee,
      startedBy: s.startedBy,
    }),
  },
  subjectStatuses: HEFEI_SUBJECT_STATUS_LABELS,
  auditCodes: { hefei: { grade: HEFEI_GRADE_LABELS } },
  forms: HEFEI_FORMS,
  cc: {
    // A branch's self-assessment and application: its committee above (which reviews it next) is copied when it opens.
    hefei_self_assessment: [{ to: 'committee_above', role: 'reviewer' }],
    // A committee's grading of its branches: the political department running the cycle is copied.
    hefei_grading: [{ to: 'campaign_organiser', role: 'reviewer' }],
  },
  // Provisional, like the contracts: the API implements each section and document by id when Hefei's workflows exist.
  dashboardSections: [
    { id: 'self_inspections', label: '各季度自查报送情况（按时、迟报、缺报）' },
    { id: 'rectifications', label: '问题整改（未完成、逾期）' },
    { id: 'grades', label: '分类定级等次及A级比例上限' },
    { id: 'reports', label: '定级情况报送（按时、逾期）' },
    { id: 'standards', label: '分类定级标准备案情况' },
  ],
  documents: [
    { id: 'grading_table', title: '党支部分类定级情况表（按基层党委）', path: '/campaigns/{campaignId}/grading-table.xlsx' },
    { id: 'rectification_ledger', title: '问题整改台账', path: '/campaigns/{campaignId}/rectification-ledger.xlsx' },
  ],
};
