import { CANDIDATE_STATUS_LABELS, QuotaExceedsCap, allotQuota, recommendationBar } from '../../../domain/src';
import { type ProcessDefinition, processParameters } from '../definition';
import { RED_FLAG_CAMPAIGN_WORKFLOW, type RedFlagCampaignInput } from './contracts';
import { TAIAN_FORMS } from './forms';
import { overrides, parametersSchema } from './parameters';
import { RED_FLAG_STAGES, RED_FLAG_STAGE_LABELS, type RedFlagCampaignParams, defaultRedFlagParams, planRedFlagCampaign } from './plan';

/** Tai'an's yearly "泰山先锋" red-flag branch selection (PROCESSES.md §1, seed 001). */
export const taian: ProcessDefinition<RedFlagCampaignParams> = {
  id: 'taian',
  name: '“泰山先锋”红旗党支部评选',
  source: 'PROCESSES.md §1（泰安，seed 001）',
  parameters: processParameters({ schema: parametersSchema, overrides, defaults: defaultRedFlagParams }),
  stages: RED_FLAG_STAGES.map((id) => ({ id, label: RED_FLAG_STAGE_LABELS[id] })),
  plan: planRedFlagCampaign,
  title: (params) => `${params.year}年度“泰山先锋”红旗党支部评选`,
  checkStart(params, committees) {
    // The quota must fit under the 10% cap of the city-managed committees at 1:2 before anything starts.
    try {
      allotQuota(params.quota, committees.filter((c) => c.level === 'city_managed_committee'), params.advancedCap, params.recommendationRatio);
      return null;
    } catch (err) {
      if (err instanceof QuotaExceedsCap) return err.message;
      throw err;
    }
  },
  workflow: {
    type: RED_FLAG_CAMPAIGN_WORKFLOW,
    input: (s): RedFlagCampaignInput => ({ ...s, plan: s.plan as RedFlagCampaignInput['plan'] }),
  },
  applicationStage: 'application',
  // A branch graded lagging or weak and lax applies once its rectification is accepted and it is regraded (评选资格规则).
  applicationBar: ({ name, grade }) => recommendationBar(name, grade),
  subjectStatuses: CANDIDATE_STATUS_LABELS,
  dashboardSections: [
    { id: 'candidates', label: '候选对象及其状态' },
    { id: 'vetoes', label: '征求意见一票否决' },
    { id: 'consultationGaps', label: '征求意见缺项：逾期未复的单位及同级缺少的单位' },
    { id: 'objections', label: '公示异议及核查' },
    { id: 'ledger', label: '党支部台账（附件1）按等次' },
  ],
  documents: [
    { id: 'recommendation_form', title: '“泰山先锋”红旗党支部推荐审批表（附件3）', path: '/nominations/{nominationId}/form.xlsx' },
    { id: 'ledger', title: '过硬党支部建设工作台账（附件1）', path: '/campaigns/{campaignId}/ledger.xlsx' },
    { id: 'cultivation_plan', title: '红旗党支部三年培树计划推进表（附件2）', path: '/campaigns/{campaignId}/cultivation-plan.xlsx' },
    { id: 'mentoring_plan', title: '帮带工作配档表（附件4）', path: '/campaigns/{campaignId}/mentoring-plan.xlsx' },
  ],
  forms: TAIAN_FORMS,
  cc: {
    // A grassroots committee's report goes up level by level: the city-managed committee above is copied when it opens.
    grassroots_report: [{ to: 'committee_above', role: 'reviewer' }],
    // The city-managed committee's formal submission, and the plans it files after naming, are copied to the organisation department running the campaign.
    formal_submission: [{ to: 'campaign_organiser', role: 'reviewer' }],
    cultivation_plan: [{ to: 'campaign_organiser', role: 'reviewer' }],
    mentoring_plan: [{ to: 'campaign_organiser', role: 'reviewer' }],
  },
};
