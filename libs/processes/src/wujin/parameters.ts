import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const duration = z.strictObject({ amount: z.number().int().min(1).max(120), unit: z.enum(['calendar_days', 'working_days']) });
const rate = z.number().gt(0).max(1);

/** What an administrator may change of the document's figures; everything else keeps its default. */
export const overrides = z.strictObject({
  phases: z
    .strictObject({
      deploy: z.strictObject({ endsOn: isoDate.optional() }).optional(),
      compliance: z.strictObject({ endsOn: isoDate.optional(), target: rate.optional().describe('达标率目标（1 为 100%）') }).optional(),
      brand: z.strictObject({ endsOn: isoDate.optional(), target: rate.optional().describe('形成品牌的党支部比例目标（1 为 100%）') }).optional(),
    })
    .optional(),
  passThreshold: z.number().min(1).max(200).optional(),
  notice: duration.optional(),
  rectification: duration.optional(),
  modelBranchesPerCommittee: z.int().min(1).max(20).optional(),
  obligationsFrom: z.int().min(2000).max(2100).optional(),
  fundsPerMember: z.number().int().min(0).max(100000).optional(),
  deadlines: z
    .strictObject({
      implementationPlans: isoDate.optional(),
      audit: isoDate.optional(),
      modelBranches: isoDate.optional(),
      selfAssessment: isoDate.optional(),
      committeeAssessment: isoDate.optional(),
      districtVerification: isoDate.optional(),
      complianceNotice: isoDate.optional(),
      reassessment: isoDate.optional(),
      brands: isoDate.optional(),
    })
    .optional(),
});

/** The parameters a plan runs with (the defaults with the overrides laid over them), as the API shows them. */
export const parametersSchema = z.strictObject({
  year: z.int().describe('三年行动的第一年'),
  phases: z
    .strictObject({
      deploy: z.strictObject({ endsOn: z.string() }),
      compliance: z.strictObject({ endsOn: z.string(), target: z.number() }),
      brand: z.strictObject({ endsOn: z.string(), target: z.number() }),
    })
    .describe('三个阶段的结束日期和目标'),
  passThreshold: z.number().describe('合格分数线（评分在此分及以上）'),
  rubricCode: z.string().describe('考核细则编号（每次考核开启时取其最新版本）'),
  notice: duration.describe('合格支部名单公示期限'),
  rectification: duration.describe('未达标党支部的整顿期限'),
  modelBranchesPerCommittee: z.int().describe('每个党(工)委可推荐的示范支部数'),
  obligationsFrom: z.int().describe('经常性工作（“三会一课”等）从此年开始排期'),
  fundsPerMember: z.number().describe('机关、事业单位党建工作经费每名党员每年不少于（元）'),
  deadlines: z.strictObject({
    implementationPlans: z.string(),
    audit: z.string(),
    modelBranches: z.string(),
    selfAssessment: z.string(),
    committeeAssessment: z.string(),
    districtVerification: z.string(),
    complianceNotice: z.string(),
    reassessment: z.string(),
    brands: z.string(),
  }),
});
