import { z } from 'zod';
import { ATTACHMENT_KINDS, HONOUR_LEVELS, NOMINATION_STATUSES, ROLES } from '../../../../libs/domain/src';
import { EXAMPLE, day, id, page, timestamp } from '../openapi/schemas';
import { taskReceiptExample, taskReceiptSchema } from '../tasks/tasks.responses';

const ref = z.strictObject({ id, name: z.string() });

export const attachmentSummarySchema = z.strictObject({
  id,
  filename: z.string(),
  kind: z.enum(Object.keys(ATTACHMENT_KINDS) as [keyof typeof ATTACHMENT_KINDS]),
  contentType: z.string(),
  sizeBytes: z.int().min(1),
  createdAt: timestamp,
});

/** A nomination as listed. */
export const nominationSchema = z.strictObject({
  id,
  campaignYear: z.int(),
  status: z.enum(NOMINATION_STATUSES),
  statusLabel: z.string(),
  branch: ref,
  grassrootsCommittee: ref.extend({ name: z.string().nullable() }).nullable().describe('直属市管党委的党支部为 null'),
  cityManagedCommittee: ref.extend({ name: z.string().nullable() }).nullable(),
  form: z.strictObject({
    secretaryName: z.string(),
    secretaryPhone: z.string(),
    basicSituation: z.string(),
    honours: z.array(z.strictObject({ title: z.string(), level: z.enum(HONOUR_LEVELS), year: z.int() })),
    mainDeeds: z.string(),
  }),
  submittedAt: timestamp,
  updatedAt: timestamp,
});

/** A nomination with every step of its review, its open tasks and its attachments. */
export const nominationDetailSchema = nominationSchema.extend({
  steps: z.array(
    z.strictObject({
      id,
      step: z.enum(['submission', 'grassroots_review', 'resubmission']),
      action: z.enum(['submitted', 'approve', 'return', 'reject', 'resubmitted']),
      actionLabel: z.string(),
      opinion: z.string(),
      organisationId: id,
      organisationName: z.string(),
      actorName: z.string(),
      actorRole: z.string(),
      taskId: id.nullable(),
      at: timestamp,
    }),
  ),
  openTasks: z.array(z.strictObject({ id, title: z.string(), organisationId: id, role: z.enum(ROLES), createdAt: timestamp })),
  attachments: z.array(attachmentSummarySchema.omit({ kind: true })),
});

export const nominationPageSchema = page(nominationSchema);

/** Started, not yet confirmed by a worker (202). */
export const nominationAcceptedSchema = z.strictObject({ id, status: z.literal('registering'), message: z.string() });

const form = {
  secretaryName: '张三',
  secretaryPhone: '13800000000',
  basicSituation: '党员32名，支部委员5名',
  honours: [{ title: '山东省先进基层党组织', level: 'provincial' as const, year: 2024 }],
  mainDeeds: '带领群众发展特色产业，村集体收入三年翻番',
};

export const nominationExample: z.infer<typeof nominationSchema> = {
  id: EXAMPLE.nominationId,
  campaignYear: 2026,
  status: 'under_review',
  statusLabel: '审核中',
  branch: { id: EXAMPLE.branchId, name: '财源街道东岳社区党支部' },
  grassrootsCommittee: { id: EXAMPLE.committeeId, name: '中共泰山区财源街道工作委员会' },
  cityManagedCommittee: { id: EXAMPLE.cityManagedId, name: '中共泰山区委员会' },
  form,
  submittedAt: EXAMPLE.at,
  updatedAt: EXAMPLE.at,
};

export const nominationDetailExample: z.infer<typeof nominationDetailSchema> = {
  ...nominationExample,
  steps: [
    {
      id: '0b2d4f6a-8c0e-4b2d-9f6a-8c0e2b4d6f8a',
      step: 'submission',
      action: 'submitted',
      actionLabel: '提交申报',
      opinion: '',
      organisationId: EXAMPLE.branchId,
      organisationName: '财源街道东岳社区党支部',
      actorName: '财源街道东岳社区党支部书记',
      actorRole: 'submitter',
      taskId: null,
      at: EXAMPLE.at,
    },
  ],
  openTasks: [{ id: EXAMPLE.taskId, title: '审核推荐申报：财源街道东岳社区党支部', organisationId: EXAMPLE.committeeId, role: 'reviewer', createdAt: EXAMPLE.at }],
  attachments: [{ id: EXAMPLE.attachmentId, filename: '事迹材料.pdf', contentType: 'application/pdf', sizeBytes: 182044, createdAt: EXAMPLE.at }],
};

export const nominationAcceptedExample: z.infer<typeof nominationAcceptedSchema> = {
  id: EXAMPLE.nominationId,
  status: 'registering',
  message: '申报已受理，正在登记，请稍后刷新查看',
};

export const attachmentUploadedSchema = attachmentSummarySchema.omit({ createdAt: true }).extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export const attachmentUploadedExample: z.infer<typeof attachmentUploadedSchema> = {
  id: EXAMPLE.attachmentId,
  filename: '事迹材料.pdf',
  kind: 'pdf',
  contentType: 'application/pdf',
  sizeBytes: 182044,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};

/**
 * The path of a nomination as a preview: its campaign's stages in order with the dates that hold for its branch
 * (a subtree's extension included), who holds it now and by when, and the outcome so far.
 */
export const nominationProgressSchema = z.strictObject({
  campaign: z.strictObject({ id, title: z.string(), year: z.int(), process: z.string(), status: z.string() }).nullable().describe('不属于任何评选活动的申报为 null'),
  holders: z
    .array(
      z.strictObject({
        taskId: id.nullable().describe('退回修改时由党支部持有，无待办'),
        title: z.string(),
        organisationId: id,
        organisationName: z.string(),
        role: z.enum(ROLES),
        roleLabel: z.string(),
        stage: z.string().nullable(),
        dueAt: timestamp.nullable().describe('待办自身的期限，没有时为所处阶段对本党支部的截止时间'),
        overdue: z.boolean(),
        readBy: z.array(taskReceiptSchema).describe('已读：打开过该待办的人及首次打开时间；为空即未读（退回修改时为空）'),
      }),
    )
    .describe('当前持有人：审核中的党委审核人，或被退回后待修改的党支部'),
  stages: z.array(
    z.strictObject({
      stage: z.string(),
      label: z.string(),
      opensOn: day,
      dueOn: day,
      dueAt: timestamp.describe('对本党支部有效的截止时间（含对其所在范围的延期）'),
      extended: z.boolean(),
      position: z.enum(['done', 'current', 'ahead', 'not_reached']).describe('done 已过；current 当前所处；ahead 尚待进行；not_reached 申报已终止，不再进行'),
    }),
  ),
  outcome: z.strictObject({ status: z.string(), label: z.string(), reason: z.string().nullable() }).nullable().describe('评选中的结果（如已推荐、被否决、已命名）；审核未结束且无结果时为 null'),
});

export const nominationProgressExample: z.infer<typeof nominationProgressSchema> = {
  campaign: { id: EXAMPLE.campaignId, title: '2026年度“泰山先锋”红旗党支部评选', year: 2026, process: 'taian', status: 'running' },
  holders: [
    {
      taskId: EXAMPLE.taskId,
      title: '审核推荐申报：财源街道东岳社区党支部',
      organisationId: EXAMPLE.committeeId,
      organisationName: '中共泰山区财源街道工作委员会',
      role: 'reviewer',
      roleLabel: '审核人',
      stage: 'application',
      dueAt: '2026-03-15T16:00:00.000Z',
      overdue: false,
      readBy: [taskReceiptExample],
    },
  ],
  stages: [
    { stage: 'application', label: '党支部推荐申报', opensOn: '2026-01-01', dueOn: '2026-03-15', dueAt: '2026-03-15T16:00:00.000Z', extended: false, position: 'current' },
    { stage: 'grassroots_recommendation', label: '基层党委差额推荐', opensOn: '2026-03-16', dueOn: '2026-03-31', dueAt: '2026-03-31T16:00:00.000Z', extended: false, position: 'ahead' },
  ],
  outcome: null,
};

/** What an attachment may be, so that a form checks a file before sending it. */
export const attachmentRulesSchema = z.strictObject({
  maxBytes: z.int().min(1).describe('单个附件的大小上限（ATTACHMENT_MAX_BYTES）'),
  maxCount: z.int().min(1).describe('每份申报的附件数上限'),
  kinds: z.array(z.strictObject({ kind: z.enum(Object.keys(ATTACHMENT_KINDS) as [keyof typeof ATTACHMENT_KINDS]), label: z.string(), extensions: z.array(z.string()), contentType: z.string() })),
});
export const attachmentRulesExample: z.infer<typeof attachmentRulesSchema> = {
  maxBytes: 10 * 1024 * 1024,
  maxCount: 10,
  kinds: [{ kind: 'pdf', label: 'PDF', extensions: ['pdf'], contentType: 'application/pdf' }],
};
