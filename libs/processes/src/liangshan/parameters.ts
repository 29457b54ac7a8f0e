import { z } from 'zod';

const share = (label: string) => z.number().gt(0).max(1).describe(`${label}（1 为 100%）`);
const times = (label: string) => z.int().min(0).max(366).describe(label);

/** What a campaign may change of the seed's figures; everything else keeps its default. */
export const overrides = z.strictObject({
  thresholds: z
    .strictObject({
      satisfaction: share('班子满意率不低于').optional(),
      excellentShare: share('优秀党员比例不低于').optional(),
      studySessions: times('党员每年集中学习不少于（次）').optional(),
      organisationLife: times('党员领导干部每年参加组织生活不少于（次）').optional(),
      lessons: times('党员领导干部每年讲党课不少于（次）').optional(),
      talks: times('党员领导干部每年谈心谈话不少于（次）').optional(),
    })
    .optional(),
  reminderDays: z.int().min(0).max(30).optional().describe('到期前几天提醒责任人'),
});

/** The parameters a campaign runs with, as the API shows them. */
export const parametersSchema = z.strictObject({
  year: z.int().describe('责任清单的年度'),
  thresholds: z
    .strictObject({
      satisfaction: z.number(),
      excellentShare: z.number(),
      studySessions: z.int(),
      organisationLife: z.int(),
      lessons: z.int(),
      talks: z.int(),
    })
    .describe('创建标准：满意率、优秀党员比例、集中学习次数，党员领导干部参加组织生活、讲党课、谈心谈话次数'),
  reminderDays: z.int().describe('到期前几天提醒责任人'),
});
