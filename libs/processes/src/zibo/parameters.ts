import { z } from 'zod';

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD');
const duration = z.strictObject({ amount: z.number().int().min(1).max(60), unit: z.enum(['calendar_days', 'working_days']) });
const DEADLINES = [
  'planFiling',
  'standards',
  'titleReview',
  'proposals',
  'committeeScreening',
  'membersScreening',
  'projectApproval',
  'implementation',
  'acceptance',
  'selfAssessment',
  'bureauAssessment',
  'benchmarking',
  'dutyReports',
  'selection',
] as const;

/** What an administrator may change of the document's figures; everything else keeps its default. */
export const overrides = z.strictObject({
  hardBranches: z.strictObject({ min: z.int().min(1).max(10).optional(), max: z.int().min(1).max(10).optional() }).optional().describe('年底评选过硬支部的名额（文件：1—2个）'),
  ratingScale: z.array(z.string().trim().min(1).max(10)).min(2).max(10).optional().describe('“双述双评”的评价等次，由高到低'),
  projectApprovedBy: monthDay.optional().describe('此日期前没有审核通过党建项目的党支部列为预警（MM-DD）'),
  notice: duration.optional(),
  deadlines: z.strictObject(Object.fromEntries(DEADLINES.map((k) => [k, monthDay.optional()])) as Record<(typeof DEADLINES)[number], z.ZodOptional<typeof monthDay>>).optional(),
});

/** The parameters a campaign runs with (the defaults with the overrides laid over them), as the API shows them. */
export const parametersSchema = z.strictObject({
  year: z.int(),
  hardBranches: z.strictObject({ min: z.int(), max: z.int() }).describe('年底评选过硬支部的名额'),
  ratingScale: z.array(z.string()).describe('“双述双评”的评价等次'),
  projectApprovedBy: z.string().describe('此日期前没有审核通过党建项目的党支部列为预警（MM-DD）'),
  notice: duration.describe('过硬支部名单公示期'),
  deadlines: z.strictObject(Object.fromEntries(DEADLINES.map((k) => [k, z.string()])) as Record<(typeof DEADLINES)[number], z.ZodString>),
});
