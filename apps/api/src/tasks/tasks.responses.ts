import { z } from 'zod';
import { NOMINATION_STATUSES, ROLES } from '../../../../libs/domain/src';
import { TASK_STATUSES } from '../../../../libs/contracts/src';
import { EXAMPLE, id, page, timestamp } from '../openapi/schemas';

const ref = z.strictObject({ id: z.string(), name: z.string() });

/** What a task's positive decision must carry; the engine's task forms (libs/domain task-forms.ts). */
const taskFormSchema = z
  .discriminatedUnion('kind', [
    z.looseObject({ kind: z.literal('scores'), candidates: z.array(ref), min: z.number(), max: z.number() }),
    z.looseObject({
      kind: z.literal('selection'),
      candidates: z.array(z.looseObject({ id: z.string(), name: z.string(), score: z.number(), priority: z.boolean().optional(), excludedBecause: z.string().optional() })),
      rules: z.looseObject({ places: z.int(), minRatio: z.number(), cap: z.looseObject({ share: z.number(), governed: z.int() }).optional() }),
      exact: z.boolean().optional(),
    }),
    z.looseObject({ kind: z.literal('cultivation_plan'), years: z.array(z.int()), minRowsPerYear: z.int() }),
    z.looseObject({ kind: z.literal('mentoring_plan'), mentors: z.array(ref), minMenteesPerMentor: z.int(), lastDeadline: z.string() }),
  ])
  .nullable()
  .describe('办理时须填写的表单（评分、差额遴选、计划表）；无表单时为 null');

/** A task as the inbox and its detail show it. */
export const taskSchema = z.strictObject({
  id,
  kind: z.string().describe('任务类型，如 nomination_review（推荐申报审核）'),
  title: z.string(),
  subjectType: z.string(),
  subjectId: id,
  organisationId: id,
  role: z.enum(ROLES),
  status: z.enum(TASK_STATUSES),
  outcome: z.string().nullable(),
  dueAt: timestamp.nullable(),
  createdAt: timestamp,
  completedAt: timestamp.nullable(),
  overdue: z.boolean(),
  assigneeUserId: id.nullable(),
  delegatedToUserId: id.nullable(),
  opinion: z.string().nullable(),
  campaignId: id.nullable(),
  stage: z.string().nullable(),
  form: taskFormSchema,
  data: z.unknown().describe('办理时提交的表单内容，结构随表单类型而定；未提交时为 null'),
  missed: z.int().min(0).describe('已错过的期限次数'),
});

export const taskExample: z.infer<typeof taskSchema> = {
  id: EXAMPLE.taskId,
  kind: 'nomination_review',
  title: '审核推荐申报：财源街道东岳社区党支部',
  subjectType: 'nomination',
  subjectId: EXAMPLE.nominationId,
  organisationId: EXAMPLE.committeeId,
  role: 'reviewer',
  status: 'open',
  outcome: null,
  dueAt: null,
  createdAt: EXAMPLE.at,
  completedAt: null,
  overdue: false,
  assigneeUserId: null,
  delegatedToUserId: null,
  opinion: null,
  campaignId: null,
  stage: null,
  form: null,
  data: null,
  missed: 0,
};

export const taskPageSchema = page(taskSchema);

const person = z.strictObject({ userId: z.string(), displayName: z.string() });

/** A human task's state after an action (libs/contracts HumanTaskView). */
export const humanTaskViewSchema = z.strictObject({
  taskId: id,
  status: z.enum(['open', 'completed', 'withdrawn']),
  outcome: z.string().nullable(),
  returnTo: z.string().nullable(),
  slots: z.array(
    z.strictObject({
      id: z.string(),
      assignee: z.strictObject({ organisationId: id, role: z.enum(ROLES), userId: z.string().nullish(), displayName: z.string().nullish() }),
      state: z.enum(['open', 'delegated', 'decided', 'cancelled']),
      decision: z.string().optional(),
      opinion: z.string().optional(),
      decidedBy: person.optional(),
      delegatedTo: person.optional(),
      delegateOpinion: z.string().optional(),
      data: z.unknown().optional(),
    }),
  ),
  dueAt: timestamp.nullable(),
  overdue: z.boolean(),
  acted: z.boolean(),
  urged: z.int().min(0),
  missed: z.int().min(0).optional(),
});

export const humanTaskViewExample: z.infer<typeof humanTaskViewSchema> = {
  taskId: EXAMPLE.taskId,
  status: 'completed',
  outcome: 'approve',
  returnTo: null,
  slots: [
    {
      id: '5c7e9a1b-3d5f-4c7e-9a1b-3d5f7c9e1a3b',
      assignee: { organisationId: EXAMPLE.committeeId, role: 'reviewer' },
      state: 'decided',
      decision: 'approve',
      opinion: '同意推荐',
      decidedBy: { userId: EXAMPLE.userId, displayName: '泰山区财源街道党工委审核人' },
    },
  ],
  dueAt: null,
  overdue: false,
  acted: true,
  urged: 0,
};

/** A nomination review's answer to a decision (libs/contracts NominationReceipt). */
export const nominationReceiptSchema = z.strictObject({
  nominationId: id,
  status: z.enum(NOMINATION_STATUSES),
  taskId: id.nullable().describe('下一步的任务（如退回后由申报人修改）；无则为 null'),
});

export const nominationReceiptExample: z.infer<typeof nominationReceiptSchema> = { nominationId: EXAMPLE.nominationId, status: 'approved', taskId: null };

export const notificationSchema = z.strictObject({
  id,
  kind: z.enum(['reminder', 'overdue', 'escalation', 'urge']),
  taskId: id.nullable(),
  message: z.string(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

export const notificationExample: z.infer<typeof notificationSchema> = {
  id: '2a4c6e8a-0c2e-4a4c-8e0a-2c4e6a8c0e2a',
  kind: 'reminder',
  taskId: EXAMPLE.taskId,
  message: '任务“审核推荐申报：财源街道东岳社区党支部”将于24小时后到期',
  createdAt: EXAMPLE.at,
  readAt: null,
};
