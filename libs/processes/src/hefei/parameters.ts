import { z } from 'zod';

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD');
const duration = z.strictObject({ amount: z.number().int().min(1).max(60), unit: z.enum(['calendar_days', 'working_days']) });
const thresholds = z
  .strictObject({
    A: z.number().min(0).max(1000).describe('A级最低分'),
    B: z.number().min(0).max(1000).describe('B级最低分'),
    C: z.number().min(0).max(1000).describe('C级最低分（达标线），低于此分为D级'),
  })
  .describe('等次分数线，须满足 0 < C < B < A（否则 422 PLAN_INVALID）');

/** What an administrator may change of the document's figures; everything else keeps its default. */
export const overrides = z.strictObject({
  selfInspection: z.strictObject({ lateWindow: duration.optional() }).optional(),
  specialInspectionMonths: z
    .strictObject({
      firstHalf: z.int().min(1).max(6).optional().describe('上半年专项督查的月份（1–6）'),
      secondHalf: z.int().min(7).max(12).optional().describe('下半年专项督查的月份（7–12）'),
    })
    .optional(),
  rectification: duration.optional(),
  aGradeCap: z.number().gt(0).max(1).optional(),
  minimumMembers: z.int().min(1).max(50).optional(),
  trainingsPerYear: z.int().min(1).max(12).optional(),
  gradeThresholds: thresholds.optional(),
  deadlines: z
    .strictObject({
      standards: monthDay.optional(),
      gradingOpens: monthDay.optional(),
      selfAssessment: monthDay.optional(),
      application: monthDay.optional(),
      acceptance: monthDay.optional(),
      grading: monthDay.optional(),
      report: monthDay.optional(),
      notification: monthDay.optional(),
      regrading: monthDay.optional(),
      secretaryTraining: monthDay.optional(),
      cleanupReview: monthDay.optional(),
    })
    .optional(),
});

/** The parameters a campaign runs with (the defaults with the overrides laid over them), as the API shows them. */
export const parametersSchema = z.strictObject({
  year: z.int(),
  selfInspection: z.strictObject({ lateWindow: duration.describe('季度自查逾期后仍可补报（计为迟报）的期限，此后计为缺报') }),
  specialInspectionMonths: z.strictObject({ firstHalf: z.int(), secondHalf: z.int() }).describe('局党委每半年专项督查的月份'),
  rectification: duration.describe('发现问题后的整改期限'),
  aGradeCap: z.number().describe('首次定级A级党支部占总数的比例上限（0.1 为 10%）'),
  minimumMembers: z.int().describe('非公企业和社会组织党支部党员人数低于此数的实行重点帮扶'),
  trainingsPerYear: z.int().describe('非公企业和社会组织党支部书记每年至少参加集中培训的次数'),
  gradeThresholds: z.strictObject({ A: z.number(), B: z.number(), C: z.number() }).describe('默认标准的等次分数线（各基层党委备案的标准自带分数线）'),
  deadlines: z.strictObject({
    standards: z.string(),
    gradingOpens: z.string(),
    selfAssessment: z.string(),
    application: z.string(),
    acceptance: z.string(),
    grading: z.string(),
    report: z.string(),
    notification: z.string(),
    regrading: z.string(),
    secretaryTraining: z.string(),
    cleanupReview: z.string(),
  }),
});
