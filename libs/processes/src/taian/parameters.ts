import { z } from 'zod';

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD');
const unanswered = z.enum(['ask', 'no_objection', 'block']);
const capExceptions = z.enum(['with_reason', 'never'], { error: '比例上限的例外须为 with_reason（说明理由可超出）或 never（不得超出）' });
const duration = z.strictObject({ amount: z.number().int().min(1).max(60), unit: z.enum(['calendar_days', 'working_days']) });

/** What an administrator may change of the document's figures; everything else keeps its default. */
export const overrides = z.strictObject({
  quota: z.number().int().min(1).max(10_000).optional(),
  recommendationRatio: z.number().min(1).max(5).optional(),
  advancedCap: z.number().gt(0).max(1).optional(),
  capExceptions: capExceptions.optional(),
  unitNotice: duration.optional(),
  publicNotice: duration.optional(),
  consultation: duration.optional(),
  unansweredConsultation: unanswered.optional(),
  deadlines: z
    .strictObject({
      application: monthDay.optional(),
      grassrootsRecommendation: monthDay.optional(),
      cityManagedSelection: monthDay.optional(),
      naming: monthDay.optional(),
      cultivationPlan: monthDay.optional(),
      mentoringPlan: monthDay.optional(),
    })
    .optional(),
  menteesPerRedFlag: z.number().int().min(1).max(20).optional(),
  menteesTolerance: z.number().int().min(0).max(5).optional(),
  applicationOpens: monthDay.optional(),
  recentHonourYears: z.number().int().min(0).max(20).optional(),
  cultivationPerCounty: z.number().int().min(1).max(500).optional(),
});

/** The parameters a campaign runs with (the defaults with the overrides laid over them), as the API shows them. */
export const parametersSchema = z.strictObject({
  year: z.int(),
  quota: z.int().describe('市委命名的名额'),
  recommendationRatio: z.number().describe('差额比例：每个名额的推荐对象数（1:2 为 2）'),
  advancedCap: z.number().describe('先进党支部占所辖党支部的比例上限（0.1 为 10%）'),
  capExceptions: capExceptions.describe('“原则上不超过10%”：with_reason 各级上报超出上限时须在决定中说明理由并记入审计；never 一律不得超出'),
  unitNotice: duration,
  publicNotice: duration,
  consultation: duration,
  unansweredConsultation: unanswered.describe('机关单位逾期未反馈意见时：ask 由本级审核人决定继续等待或书面说明后继续；no_objection 视为无意见；block 不得推荐'),
  deadlines: z.strictObject({
    application: z.string(),
    grassrootsRecommendation: z.string(),
    cityManagedSelection: z.string(),
    naming: z.string(),
    cultivationPlan: z.string(),
    mentoringPlan: z.string(),
  }),
  menteesPerRedFlag: z.int().describe('每个红旗党支部帮带的党支部数（“5个左右”）'),
  menteesTolerance: z.int().optional().describe('“左右”的幅度：帮带数可在 menteesPerRedFlag ± 此数之间'),
  applicationOpens: z.string().optional().describe('推荐申报开始日期（MM-DD，须在第一季度）'),
  recentHonourYears: z.int().optional().describe('“近年来”：获奖年度不早于评选年度前若干年的省级以上奖励，方可重点推荐'),
  cultivationPerCounty: z.int().optional().describe('各县市区党委每年至少培树的党支部数（不超过其所辖党支部数）'),
});
